"""The search index's reference columns: built from a library, or read back from the cache.

A large library's references are most of its index, and tokenising their fields takes seconds
(100,000 entries: about five), so the segment of the token index that holds them is kept in
the user's cache directory beside the .bib cache, one entry per library. An entry is keyed by
the digest of the .bib's bytes the references were read from (`Corpus.digests`), so any change
to the file (or to peertui) builds it anew. Like the .bib cache it is a sealed column file
(`peertui.core.cache.columnfile`): one this user's peertui did not write is ignored.

A column read back holds its folded strings, which searches read in bulk, but not the values
as written: those are read off the references for the hits a search shows.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from operator import attrgetter
from pathlib import Path
from typing import overload

from peertui import __version__
from peertui.core.cache import store as bib_cache
from peertui.core.cache.columnfile import (
    ENTRY_GROWTH,
    ENTRY_SLACK,
    ColumnWriter,
    Unstorable,
    read_columns,
)
from peertui.core.cache.key import cache_key
from peertui.core.cache.store import cache_dir, entry_path, prune
from peertui.core.models import Corpus, Reference
from peertui.core.search.index import Segment

#: Bumped whenever the index's tokens, its layout or the columns below change.
FORMAT = 4
#: Smaller libraries index faster than their cache entry can be checked and read.
MIN_REFERENCES = 5_000
_MAGIC = "peertui-reference-index"


def _extra(name: str) -> Callable[[Reference], str]:
    return lambda ref: ref.extra.get(name, "")


#: Each searchable reference field, in column order, and how to read it off a reference.
FIELDS: tuple[tuple[str, Callable[[Reference], str]], ...] = (
    ("author", lambda ref: "; ".join(ref.authors)),
    ("title", attrgetter("title")),
    ("key", attrgetter("key")),
    ("year", attrgetter("year")),
    ("journal", attrgetter("journal")),
    ("doi", attrgetter("doi")),
    ("pmid", _extra("pmid")),
    ("pmcid", _extra("pmcid")),
    ("registration", _extra("registration")),
    ("notes", _extra("note")),
)


def reference_values(refs: Sequence[Reference]) -> list[tuple[str, list[str]]]:
    """Each searchable reference field with every reference's value, in column order."""
    return [(name, list(map(value, refs))) for name, value in FIELDS]


class FieldValues(Sequence[str]):
    """A column's values as written (whitespace collapsed), read off the references when
    asked for: only the hits a search shows need them."""

    __slots__ = ("_docs", "_refs", "_value")

    def __init__(
        self, docs: Sequence[int], refs: Sequence[Reference], value: Callable[[Reference], str]
    ) -> None:
        self._docs = docs
        self._refs = refs
        self._value = value

    def __len__(self) -> int:
        return len(self._docs)

    @overload
    def __getitem__(self, entry: int) -> str: ...
    @overload
    def __getitem__(self, entry: slice) -> list[str]: ...
    def __getitem__(self, entry: int | slice) -> str | list[str]:
        if isinstance(entry, slice):
            return [self[i] for i in range(*entry.indices(len(self)))]
        return " ".join(self._value(self._refs[self._docs[entry]]).split())


@dataclass(frozen=True, slots=True)
class Stored:
    """A reference segment, each column's documents and folded strings, and the references
    with a year, by year: (year, document) sorted, in two arrays."""

    segment: Segment
    docs: list[Sequence[int]]
    texts: list[Sequence[str]]
    years: array[int]
    year_docs: array[int]


@dataclass(frozen=True, slots=True)
class IndexCache:
    """The cache entry of one library's reference segment, and the key it must hold: what
    the segment was made from and by which formats."""

    entry: Path
    key: str
    #: The largest entry the library could need; a larger file is not read.
    limit: int = ENTRY_SLACK

    @classmethod
    def of(cls, corpus: Corpus) -> IndexCache | None:
        """The entry for the corpus's library, or None when it is not cached: too small, not
        read from a file, or read without a digest of its bytes."""
        root = cache_dir()
        source, digest = corpus.paths.get("bib"), corpus.digests.get("bib")
        if root is None or source is None or digest is None:
            return None
        if len(corpus.references) < MIN_REFERENCES:
            return None
        # The references are what the .bib cache's FORMAT and peertui's version make of the
        # very bytes `digest` names; the index is what this FORMAT makes of the references.
        key = f"{FORMAT} {bib_cache.FORMAT} {__version__} {digest}"
        try:
            size = source.stat().st_size
        except OSError:
            size = 0  # read from a file since gone: the entry is read only if it is small
        return cls(entry_path(root, "index", source), key, ENTRY_GROWTH * size + ENTRY_SLACK)

    def read(self, documents: int) -> Stored | None:
        """What the entry holds for `documents` references, if it is sound and was made from
        these very values; None otherwise."""
        try:
            stored = read_columns(self.entry, cache_key(self.entry.parent.parent), self.limit)
            if stored is None or stored.header.get("magic") != _MAGIC:
                return None
            if stored.header.get("key") != self.key:
                return None
            segment = Segment.load(stored, "")
            docs = [stored.ints(f"field{n}") for n in range(len(FIELDS))]
            texts = [stored.strings(f"texts{n}") for n in range(len(FIELDS))]
            years, year_docs = stored.ints("years"), stored.ints("year_docs")
        except (OSError, ValueError, TypeError, KeyError, IndexError):
            return None
        if (
            segment.columns != list(range(len(FIELDS)))
            or any(column and column[-1] >= documents for column in docs)
            or list(map(len, texts)) != list(map(len, docs))
            or len(years) != len(year_docs)
        ):
            return None
        return Stored(segment, docs, texts, years, year_docs)

    def write(self, stored: Stored) -> None:
        """Store a segment atomically; one that cannot be stored or written is not cached."""
        out = ColumnWriter()
        try:
            stored.segment.save(out, "")
            for n, (column, texts) in enumerate(zip(stored.docs, stored.texts, strict=True)):
                out.ints(f"field{n}", column)
                out.strings(f"texts{n}", texts)
            out.ints("years", stored.years)
            out.ints("year_docs", stored.year_docs)
            secret = cache_key(self.entry.parent.parent)
            out.write(self.entry, {"magic": _MAGIC, "key": self.key}, secret)
        except (OSError, Unstorable):
            return
        prune(self.entry)
