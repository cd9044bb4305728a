"""Which documents hold a word: an inverted index over the tokens of every searchable field.

`query.grade` calls a match a whole word when no letter or digit touches it, so the index
splits a folded field into runs of letters and digits ("smith2015_core" into "smith", "2015",
"core"), and remembers where each part stands in its run: the whole run, its start, or
further in. That is enough to know how a query term that is one such part occurs in the field
(equal to a whole run: 100; at a run's start: 98; inside: 96) without reading the field.

Lookups go through the vocabulary of distinct parts, which is far smaller than the fields: the
parts holding a term (a half-typed word is a prefix), and the near misses of a mistyped word;
the documents then come from the postings. A number only ever matches a whole part of digits
(never inside a longer number), so only letter parts are scanned, never the many one-off
numbers of identifiers.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Container, Iterable

from rapidfuzz import fuzz, process

from peertui.core.textutil import fold_ascii

#: A run: letters and digits (`isalnum`), so `_` and punctuation separate runs.
_RUN = re.compile(r"[^\W_]+")
#: A part of a run: letters only or digits only.
_PART = re.compile(r"[^\W\d_]+|\d+")
_DIGIT = re.compile(r"\d")
#: Where a part stands in its run, as a suffix of its postings key.
WHOLE, START, INSIDE = "", "\x01", "\x02"
#: Separates parts in the vocabulary text that substring lookups scan.
_SEP = "\n"
_LOW = (1 << 32) - 1
#: How many terms' lookups are remembered: typing repeats the earlier words of a query.
_CACHE_SIZE = 1024

#: A posting: the column and the documents of that column whose field holds the part.
Posting = tuple[int, "array[int]"]


def tokens(folded: str) -> list[str]:
    """The parts of a folded text, in order: runs of letters and runs of digits."""
    return _PART.findall(folded)


def keyed_parts(folded: str) -> list[str]:
    """The postings keys of a folded text: each part with where it stands in its run."""
    if not _DIGIT.search(folded):
        return _RUN.findall(folded)  # letters only: every run is one whole part
    keys = []
    for run in _RUN.findall(folded):
        parts = _PART.findall(run)
        if len(parts) == 1 and parts[0] == run:
            keys.append(run)
        elif parts:
            keys.append(parts[0] + (START if run.startswith(parts[0]) else INSIDE))
            keys.extend(part + INSIDE for part in parts[1:])
    return keys


class Folder:
    """`normalise_ws(fold_ascii(text))`, fast enough for a large library.

    Folding is per character, so it is one `str.translate` with a table filled in as new
    characters turn up; plain ASCII text only needs lower().
    """

    def __init__(self) -> None:
        self._table = _FoldTable()

    def __call__(self, text: str) -> str:
        if text.isascii():
            return " ".join(text.lower().split())
        return " ".join(text.translate(self._table).split())


class _FoldTable(dict):  # type: ignore[type-arg]
    """Code point -> its folded text, computed on first use."""

    def __missing__(self, code: int) -> str:
        folded = self[code] = fold_ascii(chr(code))
        return folded


class TokenIndex:
    """Postings of every column's tokens, and lookups of the tokens a term matches.

    Columns are numbered in the order they are added. After `freeze`, nothing is added and
    the lookups may be called; their results are cached per term.
    """

    def __init__(self) -> None:
        # token -> where its documents are: `_where(column, start, stop)` in that column's array,
        # or a tuple of those when several columns hold it. Plain ints and one array per column
        # keep the postings compact and out of the garbage collector's way.
        self._postings: dict[str, int | tuple[int, ...]] = {}
        self._arrays: list[array[int]] = []
        self._letters: list[str] = []  # the distinct letter parts, sorted
        self._letter_text = _SEP
        self._near = _NearMisses(())
        self._exact_cache: dict[str, list[tuple[str, float]]] = {}
        self._near_cache: dict[tuple[str, float], list[tuple[str, float]]] = {}

    def add_column(self, docs: list[int], texts: list[str]) -> int:
        """Index one column (folded texts and their documents, in step); returns its number."""
        column = len(self._arrays)
        flat = array("i")
        self._arrays.append(flat)
        local: defaultdict[str, list[int]] = defaultdict(list)
        seen: dict[str, list[str]] = {}
        for doc, text in zip(docs, texts, strict=True):
            found = seen.get(text)
            if found is None:
                found = seen[text] = list(dict.fromkeys(keyed_parts(text)))
            for key in found:
                local[key].append(doc)
        postings = self._postings
        for key, posted in local.items():
            start = len(flat)
            flat.extend(posted)
            where = _where(column, start, len(flat))
            entry = postings.get(key)
            if entry is None:
                postings[key] = where
            else:
                postings[key] = (*entry, where) if isinstance(entry, tuple) else (entry, where)
        return column

    def freeze(self) -> None:
        """Lay out the vocabularies for lookups; called once, after the last column."""
        parts = sorted({key.rstrip(START + INSIDE) for key in self._postings})
        self._letters = [p for p in parts if not p[0].isdigit()]
        self._letter_text = _SEP + _SEP.join(self._letters) + _SEP
        self._near = _NearMisses(p for p in self._letters if p.isalpha())

    def postings(self, key: str, columns: Container[int] | None = None) -> list[Posting]:
        """Where a postings key occurs: (column, documents) pairs, for `columns` only if given."""
        found = self._postings.get(key)
        if found is None:
            return []
        out = []
        for where in found if isinstance(found, tuple) else (found,):
            column, start, stop = where >> 64, (where >> 32) & _LOW, where & _LOW
            if columns is None or column in columns:
                out.append((column, self._arrays[column][start:stop]))
        return out

    # ----------------------------------------------------------------- lookups

    def containing(self, term: str) -> list[tuple[str, float]]:
        """Postings keys whose part holds `term` exactly, each with the quality `query.grade`
        gives it in the field: 100 as a whole run, 98 at a run's start, 96 inside; a number
        never counts inside a longer number. `term` must be one part (see `tokens`)."""
        cached = self._exact_cache.get(term)
        if cached is None:
            if len(self._exact_cache) >= _CACHE_SIZE:
                self._exact_cache.clear()
            cached = self._exact_cache[term] = self._containing(term)
        return cached

    def _containing(self, term: str) -> list[tuple[str, float]]:
        numeric = term[:1].isdigit()
        if numeric:
            found: Iterable[str] = (term,)  # a number only counts as a whole run of digits
        elif len(term) < 3:
            found = _prefixed(self._letters, term)
        else:
            found = _scan(self._letter_text, term)
        postings = self._postings
        result = []
        for part in found:
            at_start = part.startswith(term)
            for flag in (WHOLE, START, INSIDE):
                if part + flag not in postings:
                    continue
                if flag == INSIDE or not at_start:
                    quality = 96.0
                elif flag == START or part != term:
                    quality = 98.0
                else:
                    quality = 100.0
                result.append((part + flag, quality))
        return result

    def near(self, term: str, cutoff: float) -> list[tuple[str, float]]:
        """Postings keys of letter parts a mistyped `term` may have meant, with their
        rapidfuzz scores.

        A part shorter than the term is compared whole (`ratio`), a longer one by its best
        stretch (`partial_ratio`), as `query.grade` does with fields. Parts holding the term
        exactly are left out: `containing` finds those.
        """
        key = (term, cutoff)
        cached = self._near_cache.get(key)
        if cached is None:
            if len(self._near_cache) >= _CACHE_SIZE:
                self._near_cache.clear()
            postings = self._postings
            cached = self._near_cache[key] = [
                (part + flag, score)
                for part, score in self._near.lookup(term, cutoff)
                for flag in (WHOLE, START, INSIDE)
                if part + flag in postings
            ]
        return cached


def _where(column: int, start: int, stop: int) -> int:
    """A column and a slice of its array as one int (ints are not tracked by the collector)."""
    return column << 64 | start << 32 | stop


def _prefixed(vocabulary: list[str], term: str) -> Iterable[str]:
    """Parts starting with `term` (short terms are not looked for inside words)."""
    i = bisect_left(vocabulary, term)
    while i < len(vocabulary) and vocabulary[i].startswith(term):
        yield vocabulary[i]
        i += 1


def _scan(text: str, term: str) -> Iterable[str]:
    """Parts holding `term` anywhere, found by scanning the vocabulary as one text."""
    at = text.find(term)
    while at >= 0:
        start = text.rfind(_SEP, 0, at) + 1
        end = text.find(_SEP, at)
        yield text[start:end]
        at = text.find(term, end)


class _NearMisses:
    """Bigram postings over the alphabetic vocabulary, to short-list a typo's candidates.

    A word with a typo or two still shares most of its letter pairs with the word meant, so
    only tokens sharing enough pairs are scored with rapidfuzz (a few hundred, not the whole
    vocabulary).
    """

    def __init__(self, vocabulary: Iterable[str]) -> None:
        self.words = list(vocabulary)
        self.pairs: dict[str, list[int]] = {}
        pairs = self.pairs
        for i, word in enumerate(self.words):
            for pair in {word[j : j + 2] for j in range(len(word) - 1)}:
                posted = pairs.get(pair)
                if posted is None:
                    pairs[pair] = [i]
                else:
                    posted.append(i)

    def lookup(self, term: str, cutoff: float) -> list[tuple[str, float]]:
        grams = {term[j : j + 2] for j in range(len(term) - 1)}
        edits = 1 if len(term) <= 5 else 2 if len(term) <= 10 else 3
        need = max(1, len(grams) - 2 * edits)
        counts: Counter[int] = Counter()
        for gram in grams:
            counts.update(self.pairs.get(gram, ()))
        shorter, longer = [], []
        minimum = len(term) * 2 // 3
        for i, shared in counts.items():
            if shared >= need:
                word = self.words[i]
                if term in word:
                    continue
                if len(word) >= len(term):
                    longer.append(word)
                elif len(word) >= minimum:
                    shorter.append(word)
        found = process.extract(term, shorter, scorer=fuzz.ratio, score_cutoff=cutoff, limit=None)
        found += process.extract(
            term, longer, scorer=fuzz.partial_ratio, score_cutoff=cutoff, limit=None
        )
        return [(word, float(score)) for word, score, _ in found]
