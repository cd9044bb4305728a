"""Parsed .bib files kept in the user's cache directory, so a large library reopens fast.

The cache is plain JSON read back field by field: nothing in it can run code, and a file that
is not exactly what this module writes (corrupt, truncated, from another version or another
program) is ignored and rewritten. An entry belongs to one source path and holds the digest of
the bytes it was parsed from, so any change to the file makes it stale.

`PEERTUI_CACHE_DIR` moves the cache; setting it to `off` turns it off.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import dataclass, fields
from itertools import chain
from pathlib import Path
from typing import Any

from peertui import __version__
from peertui.core.models import Problem, Reference

#: Bumped whenever what is stored, or how a .bib is read, changes.
FORMAT = 1
#: Files smaller than this parse faster than their cache entry can be checked and read.
MIN_SIZE = 256 * 1024
_MAGIC = "peertui-bib-cache"
_OFF = "off"


def cache_dir() -> Path | None:
    """Where entries are kept, or None when caching is turned off."""
    configured = os.environ.get("PEERTUI_CACHE_DIR")
    if configured is not None:
        return None if configured.strip().lower() in ("", _OFF) else Path(configured)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("peertui", appauthor=False))


@dataclass(frozen=True, slots=True)
class BibCache:
    """The cache entry of one source file: where it lives and what the source's bytes were."""

    entry: Path
    digest: str

    @classmethod
    def of(cls, source: Path, data: bytes) -> BibCache | None:
        """The entry for `source` holding `data`, or None when this file is not cached."""
        root = cache_dir()
        if root is None or len(data) < MIN_SIZE:
            return None
        name = hashlib.blake2b(str(source.resolve()).encode(), digest_size=16).hexdigest()
        digest = hashlib.blake2b(data, digest_size=32).hexdigest()
        return cls(root / "bib" / f"{name}.json", digest)

    def read(self, filename: str) -> tuple[list[Reference], list[Problem]] | None:
        """What the entry holds, if it is a sound entry for these very bytes; None otherwise."""
        try:
            with self.entry.open("rb") as handle:
                stored = json.load(handle)
            return _decode(stored, self.digest, filename)
        except (OSError, ValueError, TypeError, KeyError, IndexError, AttributeError):
            return None

    def write(self, references: list[Reference], problems: list[Problem]) -> None:
        """Store a parse atomically; a cache that cannot be written is simply not used."""
        document = {
            "magic": _MAGIC,
            "format": FORMAT,
            "version": __version__,
            "digest": self.digest,
            "references": _encode_references(references),
            "problems": [[p.line, p.message, p.severity] for p in problems],
        }
        try:
            self.entry.parent.mkdir(parents=True, exist_ok=True)
            fd, temporary = tempfile.mkstemp(prefix=".tmp-", dir=self.entry.parent)
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as handle:
                    json.dump(document, handle, ensure_ascii=False, separators=(",", ":"))
                os.replace(temporary, self.entry)
            except BaseException:
                Path(temporary).unlink(missing_ok=True)
                raise
        except OSError:
            return


#: Reference's text fields; the others are checked one by one in `_decode`.
_STRINGS = ("key", "entry_type", "title", "journal", "year", "volume", "issue", "pages", "doi")
#: Reference fields in their own order, stored column by column (a list per field).
_FIELDS = tuple(f.name for f in fields(Reference))
_NONE = type(None)


def _encode_references(references: list[Reference]) -> dict[str, list[Any]]:
    """Columns rather than rows: checking a column's types is one pass in C, not a loop."""
    columns: dict[str, list[Any]] = {name: [] for name in _FIELDS}
    for ref in references:
        for name in _FIELDS:
            columns[name].append(getattr(ref, name))
    columns["unverified"] = [sorted(names) for names in columns["unverified"]]
    return columns


def _types(values: Any) -> set[type]:
    return set(map(type, values))


def _decode(
    stored: Any, digest: str, filename: str
) -> tuple[list[Reference], list[Problem]] | None:
    """Rebuild the parse from a stored document, checking every value's type on the way."""
    if not (
        isinstance(stored, dict)
        and stored.get("magic") == _MAGIC
        and stored.get("format") == FORMAT
        and stored.get("version") == __version__
        and stored.get("digest") == digest
    ):
        return None
    columns = stored["references"]
    problems = [_decode_problem(row, filename) for row in stored["problems"]]
    if type(columns) is not dict or set(columns) != set(_FIELDS) or None in problems:
        return None
    size = len(columns["key"])
    if any(type(columns[name]) is not list or len(columns[name]) != size for name in _FIELDS):
        return None
    listed = (columns["authors"], columns["unverified"])
    if not (
        all(_types(columns[name]) <= {str} for name in _STRINGS)
        and all(_types(values) <= {list} for values in listed)
        and all(_types(chain.from_iterable(values)) <= {str} for values in listed)
        and _types(columns["number"]) <= {int, _NONE}
        and _types(columns["line"]) <= {int, _NONE}
        and _types(columns["extra"]) <= {dict}
        and _types(chain.from_iterable(map(dict.values, columns["extra"]))) <= {str}
    ):
        return None
    columns["unverified"] = map(frozenset, columns["unverified"])
    references = list(map(Reference, *(columns[name] for name in _FIELDS)))
    return references, problems  # type: ignore[return-value]


def _decode_problem(row: Any, filename: str) -> Problem | None:
    if type(row) is not list or len(row) != 3:
        return None
    line, message, severity = row
    if (line is None or type(line) is int) and type(message) is str and type(severity) is str:
        return Problem(filename, line, message, severity)
    return None
