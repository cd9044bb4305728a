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

Postings live in segments of flat arrays (`Segment`) that are saved to a column file and read
back as they are: a large library's reference columns are one segment, kept in the cache
(`peertui.core.cache.refcolumns`).
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Callable, Container, Iterable, Sequence
from itertools import accumulate, chain
from typing import TypeVar

from peertui.core.cache.columnfile import Columns, ColumnWriter
from peertui.core.search.nearmiss import NearMisses
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
#: How many terms' lookups are remembered: typing repeats the earlier words of a query.
_CACHE_SIZE = 1024

K = TypeVar("K")
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

    Columns are numbered in the order they are added, across segments: `add_column` fills the
    segment being built, `seal` closes it (so it can be saved), `attach` adds one read back.
    After `freeze`, nothing is added and the lookups may be called; their results are cached
    per term.
    """

    def __init__(self) -> None:
        self.segments: list[Segment] = []
        self._building: _Builder | None = None
        self._columns = 0
        self._exact_cache: dict[str, list[tuple[str, float]]] = {}
        self._near_cache: dict[tuple[str, float], list[tuple[str, float]]] = {}

    def add_column(self, docs: Sequence[int], texts: Sequence[str]) -> int:
        """Index one column (folded texts and their documents, in step); returns its number."""
        if self._building is None:
            self._building = _Builder()
        column = self._columns
        self._building.add(column, docs, texts)
        self._columns += 1
        return column

    def seal(self) -> Segment | None:
        """Close the segment being built (None if no column was added since the last seal)."""
        if self._building is None:
            return None
        segment = self._building.segment()
        self._building = None
        self.segments.append(segment)
        return segment

    def attach(self, segment: Segment) -> None:
        """Add a segment read back from a file; its columns must be the next numbers."""
        self.seal()
        if segment.columns != list(range(self._columns, self._columns + len(segment.columns))):
            raise ValueError("a segment's columns must follow the index's own")
        self.segments.append(segment)
        self._columns += len(segment.columns)

    def freeze(self) -> None:
        """Close the last segment; called once, after the last column."""
        self.seal()

    def postings(self, key: str, columns: Container[int] | None = None) -> list[Posting]:
        """Where a postings key occurs: (column, documents) pairs, for `columns` only if given."""
        out: list[Posting] = []
        for segment in self.segments:
            segment.postings(key, columns, out)
        return out

    # ----------------------------------------------------------------- lookups

    def containing(self, term: str) -> list[tuple[str, float]]:
        """Postings keys whose part holds `term` exactly, each with the quality `query.grade`
        gives it in the field: 100 as a whole run, 98 at a run's start, 96 inside; a number
        never counts inside a longer number. `term` must be one part (see `tokens`)."""
        return _merged(self._exact_cache, term, self.segments, lambda s: s.containing(term))

    def near(self, term: str, cutoff: float) -> list[tuple[str, float]]:
        """Postings keys of letter parts a mistyped `term` may have meant, with their
        rapidfuzz scores.

        A part shorter than the term is compared whole (`ratio`), a longer one by its best
        stretch (`partial_ratio`), as `query.grade` does with fields. Parts holding the term
        exactly are left out: `containing` finds those.
        """
        key = (term, cutoff)
        return _merged(self._near_cache, key, self.segments, lambda s: s.near(term, cutoff))


def _merged(
    cache: dict[K, list[tuple[str, float]]],
    key: K,
    segments: list[Segment],
    lookup: Callable[[Segment], list[tuple[str, float]]],
) -> list[tuple[str, float]]:
    """One lookup over every segment, its keys merged, remembered in `cache` under `key`."""
    cached = cache.get(key)
    if cached is None:
        if len(cache) >= _CACHE_SIZE:
            cache.clear()
        found: dict[str, float] = {}
        for segment in segments:
            found.update(lookup(segment))
        cached = cache[key] = list(found.items())
    return cached


class Segment:
    """The postings of some columns, frozen, laid out in flat arrays that save and load as is.

    A postings key has a number (`_keys`); its postings are the slices `_start[w]:_stop[w]` of
    the documents of column `_column[w]`, for w in `_first[k]:_first[k + 1]`.
    """

    def __init__(
        self,
        keys: list[str],
        first: array[int],
        where: tuple[array[int], array[int], array[int]],
        docs: dict[int, array[int]],
        letters: list[str],
        near: NearMisses,
    ) -> None:
        self.key_list = keys
        self._keys = dict(zip(keys, range(len(keys)), strict=True))
        self._first = first
        self._column, self._start, self._stop = where
        self._docs = docs
        self.columns = sorted(docs)
        self._letters = letters  # the distinct letter parts, sorted
        self._letter_text = _SEP + _SEP.join(letters) + _SEP
        self._near = near

    def postings(self, key: str, columns: Container[int] | None, out: list[Posting]) -> None:
        number = self._keys.get(key)
        if number is None:
            return
        for w in range(self._first[number], self._first[number + 1]):
            column = self._column[w]
            if columns is None or column in columns:
                out.append((column, self._docs[column][self._start[w] : self._stop[w]]))

    def containing(self, term: str) -> list[tuple[str, float]]:
        numeric = term[:1].isdigit()
        if numeric:
            found: Iterable[str] = (term,)  # a number only counts as a whole run of digits
        elif len(term) < 3:
            found = _prefixed(self._letters, term)
        else:
            found = _scan(self._letter_text, term)
        keys = self._keys
        result = []
        for part in found:
            at_start = part.startswith(term)
            for flag in (WHOLE, START, INSIDE):
                if part + flag not in keys:
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
        keys = self._keys
        return [
            (part + flag, score)
            for part, score in self._near.lookup(term, cutoff)
            for flag in (WHOLE, START, INSIDE)
            if part + flag in keys
        ]

    # ----------------------------------------------------------------- saving

    def save(self, out: ColumnWriter, prefix: str) -> None:
        """Add this segment's columns to a column file, names starting with `prefix`."""
        out.strings(f"{prefix}keys", self.key_list)
        out.ints(f"{prefix}first", self._first)
        out.ints(f"{prefix}column", self._column)
        out.ints(f"{prefix}start", self._start)
        out.ints(f"{prefix}stop", self._stop)
        out.ints(f"{prefix}columns", self.columns)
        for column in self.columns:
            out.ints(f"{prefix}docs{column}", self._docs[column])
        out.strings(f"{prefix}letters", self._letters)
        self._near.save(out, prefix)

    @classmethod
    def load(cls, stored: Columns, prefix: str) -> Segment:
        """A segment saved by `save`; ValueError if its columns' lengths do not agree.

        Only files sealed by this user's peertui get here (see `peertui.core.cache.columnfile`), so
        the numbers in them are what `save` wrote; what is checked is that nothing is missing.
        """
        keys = stored.strings(f"{prefix}keys")
        first = stored.ints(f"{prefix}first")
        where = tuple(stored.ints(f"{prefix}{name}") for name in ("column", "start", "stop"))
        columns = stored.ints(f"{prefix}columns")
        docs = {column: stored.ints(f"{prefix}docs{column}") for column in columns}
        letters = stored.strings(f"{prefix}letters")
        near = NearMisses.load(stored, prefix, letters)
        if not (
            len(first) == len(keys) + 1
            and first[0] == 0
            and first[-1] == len(where[0]) == len(where[1]) == len(where[2])
            and len(docs) == len(columns)
        ):
            raise ValueError("a saved segment does not fit together")
        return cls(keys, first, where, docs, letters, near)  # type: ignore[arg-type]


class _Builder:
    """The postings of columns being added, laid out as a Segment when sealed."""

    def __init__(self) -> None:
        # key -> (column, start, stop) triples, in the order columns were added.
        self._wheres: dict[str, list[int]] = {}
        self._docs: dict[int, array[int]] = {}

    def add(self, column: int, docs: Sequence[int], texts: Sequence[str]) -> None:
        flat = self._docs[column] = array("i")
        local: defaultdict[str, list[int]] = defaultdict(list)
        seen: dict[str, list[str]] = {}
        for doc, text in zip(docs, texts, strict=True):
            found = seen.get(text)
            if found is None:
                found = seen[text] = list(dict.fromkeys(keyed_parts(text)))
            for key in found:
                local[key].append(doc)
        wheres = self._wheres
        for key, posted in local.items():
            start = len(flat)
            flat.extend(posted)
            triple = wheres.get(key)
            if triple is None:
                wheres[key] = [column, start, len(flat)]
            else:
                triple += (column, start, len(flat))

    def segment(self) -> Segment:
        keys = list(self._wheres)
        triples = array("i", chain.from_iterable(self._wheres.values()))
        first = array("i", [0])
        first.extend(accumulate(len(t) // 3 for t in self._wheres.values()))
        where = (triples[0::3], triples[1::3], triples[2::3])
        parts = sorted({key.rstrip(START + INSIDE) for key in keys})
        letters = [p for p in parts if not p[0].isdigit()]
        return Segment(keys, first, where, self._docs, letters, NearMisses.of(letters))


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
