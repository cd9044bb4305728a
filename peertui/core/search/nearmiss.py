"""Near misses of a mistyped word: the vocabulary's words a typo may have meant.

A letter-pair (bigram) index short-lists the candidates, and rapidfuzz scores only those: a
word shorter than the term whole (`ratio`), a longer one by its best stretch (`partial_ratio`),
as `peertui.core.search.query.grade` does with fields.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable
from itertools import accumulate, chain

from rapidfuzz import fuzz, process

from peertui.core.cache.columnfile import Columns, ColumnWriter


class NearMisses:
    """Bigram postings over the alphabetic vocabulary, to short-list a typo's candidates.

    A word with a typo or two still shares most of its letter pairs with the word meant, so
    only tokens sharing enough pairs are scored with rapidfuzz. Words are numbered shortest
    first, so the shorter and the longer candidates are two slices of the sorted numbers.
    """

    def __init__(self, words: list[str], pairs: dict[str, array[int]]) -> None:
        self.words = words
        self.pairs = pairs
        self._lengths = [len(word) for word in words]

    @staticmethod
    def vocabulary(letters: Iterable[str]) -> list[str]:
        """The words looked through: alphabetic parts, shortest first, then alphabetically."""
        return sorted((word for word in letters if word.isalpha()), key=lambda w: (len(w), w))

    @classmethod
    def of(cls, letters: Iterable[str]) -> NearMisses:
        """The bigram postings of the alphabetic parts among `letters`."""
        words = cls.vocabulary(letters)
        pairs: dict[str, array[int]] = {}
        for i, word in enumerate(words):
            for pair in {word[j : j + 2] for j in range(len(word) - 1)}:
                posted = pairs.get(pair)
                if posted is None:
                    pairs[pair] = array("i", [i])
                else:
                    posted.append(i)
        return cls(words, pairs)

    def save(self, out: ColumnWriter, prefix: str) -> None:
        out.strings(f"{prefix}pairs", list(self.pairs))
        out.ints(f"{prefix}pair_sizes", map(len, self.pairs.values()))
        out.ints(f"{prefix}pair_words", array("i", chain.from_iterable(self.pairs.values())))

    @classmethod
    def load(cls, stored: Columns, prefix: str, letters: list[str]) -> NearMisses:
        words = cls.vocabulary(letters)
        names = stored.strings(f"{prefix}pairs")
        sizes = stored.ints(f"{prefix}pair_sizes")
        flat = stored.ints(f"{prefix}pair_words")
        if len(sizes) != len(names) or sum(sizes) != len(flat):
            raise ValueError("saved letter pairs do not fit together")
        ends = list(accumulate(sizes))
        pairs = {
            name: flat[end - size : end] for name, end, size in zip(names, ends, sizes, strict=True)
        }
        return cls(words, pairs)

    def lookup(self, term: str, cutoff: float) -> list[tuple[str, float]]:
        grams = {term[j : j + 2] for j in range(len(term) - 1)}
        edits = 1 if len(term) <= 5 else 2 if len(term) <= 10 else 3
        need = max(1, len(grams) - 2 * edits)
        counts: Counter[int] = Counter()
        for gram in grams:
            counts.update(self.pairs.get(gram, ()))
        ids = sorted(counts if need == 1 else [i for i, n in counts.items() if n >= need])
        low = bisect_left(ids, bisect_left(self._lengths, len(term) * 2 // 3))
        high = bisect_left(ids, bisect_left(self._lengths, len(term)))
        shorter = list(map(self.words.__getitem__, ids[low:high]))
        longer = list(map(self.words.__getitem__, ids[high:]))
        found = process.extract(term, shorter, scorer=fuzz.ratio, score_cutoff=cutoff, limit=None)
        found += process.extract(
            term, longer, scorer=fuzz.partial_ratio, score_cutoff=cutoff, limit=None
        )
        return [(word, float(score)) for word, score, _ in found if term not in word]
