"""Parsed .bib files kept in the user's cache directory, so a large library reopens fast.

An entry is a column file (`peertui.core.cache.columnfile`): strings and integers only, so nothing
in it can run code, and every value is checked on the way back. A file that is not exactly what
this module writes (corrupt, truncated, from another version or another program) is ignored and
rewritten. An entry belongs to one source path and holds the digest of the bytes it was parsed
from, so any change to the file makes it stale.

`PEERTUI_CACHE_DIR` moves the cache; setting it to `off` turns it off.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
import threading
import time
from array import array
from dataclasses import dataclass, fields
from itertools import accumulate, pairwise
from pathlib import Path
from typing import Any, TypeVar

from peertui import __version__
from peertui.core.cache.columnfile import (
    ENTRY_GROWTH,
    ENTRY_SLACK,
    Columns,
    ColumnWriter,
    Unstorable,
    read_columns,
)
from peertui.core.cache.key import cache_key
from peertui.core.gcpause import paused_gc
from peertui.core.models import Problem, Reference
from peertui.core.safeio import MAX_INPUT_BYTES, open_regular

#: Bumped whenever what is stored, or how a .bib is read, changes.
FORMAT = 3
#: Files smaller than this are not cached. Every file is: even a handful of entries reads
#: back from its entry faster than bibtexparser can be imported to parse them.
MIN_SIZE = 0
#: Files at least this large are digested in a thread of their own (see `look_up`).
_THREAD_SIZE = 1 << 22
_MAGIC = "peertui-bib-cache"
_OFF = "off"
#: A parse: the references and the problems met reading them.
Parse = tuple[list[Reference], list[Problem]]


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
    #: The largest entry a source of this size could need; a larger file is not read.
    limit: int = ENTRY_SLACK

    @classmethod
    def of(cls, source: Path, data: bytes) -> BibCache | None:
        """The entry for `source` holding `data`, or None when this file is not cached."""
        root = cache_dir()
        if root is None or len(data) < MIN_SIZE:
            return None
        digest = hashlib.sha256(data).hexdigest()
        return cls(entry_path(root, "bib", source), digest, _limit(len(data)))

    @classmethod
    def for_file(cls, source: Path) -> BibCache | None:
        """The entry for the file at `source` as it is now, its bytes digested as they are read
        (a cached file's bytes are never held in memory); None when it is not cached or cannot
        be read, which the caller then reports by reading it."""
        root = cache_dir()
        if root is None:
            return None
        digest = hashlib.sha256()
        try:
            fd, info = open_regular(source)  # a FIFO or a device is refused, never waited on
            with open(fd, "rb", closefd=True) as handle:
                if info.st_size < MIN_SIZE or info.st_size > MAX_INPUT_BYTES:
                    return None
                chunk = bytearray(_CHUNK)
                view = memoryview(chunk)
                while size := handle.readinto(chunk):
                    digest.update(view[:size])
        except OSError:
            return None
        return cls(entry_path(root, "bib", source), digest.hexdigest(), _limit(info.st_size))

    @classmethod
    def look_up(cls, source: Path, filename: str) -> tuple[BibCache | None, Parse | None]:
        """The entry for the file at `source` as it is now (`for_file`), and what it holds if
        it is sound (`read`).

        The source is digested in a second thread while the entry is read and its seal
        checked: hashing and reading both let go of the interpreter lock, so the two overlap.
        """
        root = cache_dir()
        try:
            size = source.stat().st_size
        except OSError:
            return None, None
        if root is None or size < MIN_SIZE:
            return None, None
        entry = entry_path(root, "bib", source)
        if not entry.is_file():  # a first open: the reader digests the bytes it parses
            return None, None
        if size < _THREAD_SIZE:
            probe, stored = cls.for_file(source), _columns(entry, _limit(size))
        else:
            found: list[BibCache | None] = []
            digesting = threading.Thread(target=lambda: found.append(cls.for_file(source)))
            digesting.start()
            try:
                stored = _columns(entry, _limit(size))
            finally:
                digesting.join()
            probe = found[0] if found else None
        if probe is None or stored is None:
            return probe, None
        return probe, probe._decoded(stored, filename)

    def read(self, filename: str) -> Parse | None:
        """What the entry holds, if it is a sound entry for these very bytes; None otherwise."""
        stored = _columns(self.entry, self.limit)
        return None if stored is None else self._decoded(stored, filename)

    def _decoded(self, stored: Columns, filename: str) -> Parse | None:
        try:
            with paused_gc():
                return _decode(stored, self.digest, filename)
        except (ValueError, TypeError, KeyError, IndexError):
            return None

    def write(self, references: list[Reference], problems: list[Problem]) -> None:
        """Store a parse atomically; a parse the format cannot hold, or a cache that cannot be
        written, is simply not cached."""
        header = {
            "magic": _MAGIC,
            "format": FORMAT,
            "version": __version__,
            "digest": self.digest,
            "problems": [[p.line, p.message, p.severity] for p in problems],
        }
        try:
            key = cache_key(self.entry.parent.parent)
            _encode(references).write(self.entry, header, key)
            self.entry.with_suffix(".json").unlink(missing_ok=True)  # format 1 kept JSON here
            prune(self.entry)
        except (OSError, Unstorable):
            return


def _columns(entry: Path, limit: int) -> Columns | None:
    """The entry's columns if it is a sealed file of this cache directory no larger than
    `limit`; None otherwise."""
    try:
        return read_columns(entry, cache_key(entry.parent.parent), limit)
    except OSError:
        return None


def _limit(source_size: int) -> int:
    """The largest entry a .bib of `source_size` bytes could need (macros expand within
    `bibscan.MAX_EXPANSION` of it)."""
    return ENTRY_GROWTH * source_size + ENTRY_SLACK


#: The file name ending of an entry.
SUFFIX = ".columns"
_CHUNK = 1 << 20
#: Each kind of entry is kept within these, the least recently used going first.
LIMIT_BYTES = 2 << 30
LIMIT_FILES = 256
#: A partly written file older than this is left over from a writer that died.
_STALE_SECONDS = 3600


def prune(entry: Path) -> None:
    """Trim the directory of `entry` (just written, always kept) to the limits: entries are
    deleted least recently used first, by modification time, which a read renews. Files a
    writer left behind are deleted too. Errors are ignored, each on its own: pruning only
    saves space, and one file it cannot delete (a folder where a file should be, say) never
    stops it from deleting the others."""
    found = []
    try:
        with os.scandir(entry.parent) as items:
            listed = list(items)
        total = entry.stat().st_size
    except OSError:
        return
    now = time.time()
    for item in listed:
        try:
            info = item.stat(follow_symlinks=False)
        except OSError:
            continue
        if item.name.startswith(".tmp-"):
            if now - info.st_mtime > _STALE_SECONDS and not stat.S_ISDIR(info.st_mode):
                _delete(item.path)
        elif item.name.endswith(SUFFIX) and item.path != str(entry):
            if stat.S_ISDIR(info.st_mode):
                continue  # not ours to delete; reading it as an entry fails, harmlessly
            found.append((info.st_mtime_ns, info.st_size, item.path))
    found.sort(reverse=True)  # newest first
    for count, (_, size, path) in enumerate(found, start=2):
        total += size
        if total > LIMIT_BYTES or count > LIMIT_FILES:
            _delete(path)


def _delete(path: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)


def entry_path(root: Path, kind: str, source: Path) -> Path:
    """Where the `kind` entry of `source` lives: one per path, named by a digest of the path."""
    name = hashlib.sha256(str(source.resolve()).encode()).hexdigest()[:32]
    return root / kind / f"{name}{SUFFIX}"


#: Reference's text fields, stored one column each.
_STRINGS = ("key", "entry_type", "title", "journal", "year", "volume", "issue", "pages", "doi")
#: Optional integers.
_OPTIONAL = ("number", "line")
#: Reference fields in their own order.
_FIELDS = tuple(f.name for f in fields(Reference))
#: An optional integer that is None (no 64-bit value a file can hold means anything else here).
_NONE = -(2**63)
_EMPTY: frozenset[str] = frozenset()
T = TypeVar("T")


def _encode(references: list[Reference]) -> ColumnWriter:
    """Columns rather than rows: a column is one run of text or one array, read back in C."""
    out = ColumnWriter()
    for name in _STRINGS:
        out.strings(name, [getattr(ref, name) for ref in references])
    for name in ("authors", "unverified"):
        groups = [sorted(g) if name == "unverified" else g for g in _attrs(references, name)]
        out.strings(name, [value for group in groups for value in group])
        out.ints(f"{name}#", map(len, groups))
    for kind in ("extra", "written"):
        maps = _attrs(references, kind)
        out.strings(f"{kind}.names", [name for mapping in maps for name in mapping])
        out.strings(f"{kind}.values", [value for mapping in maps for value in mapping.values()])
        out.ints(f"{kind}#", map(len, maps))
    for name in _OPTIONAL:
        values = (_NONE if v is None else v for v in _attrs(references, name))
        out.ints(name, values, "q")
    return out


def _attrs(references: list[Reference], name: str) -> list[Any]:
    return [getattr(ref, name) for ref in references]


def _decode(stored: Columns, digest: str, filename: str) -> Parse | None:
    """Rebuild the parse from an entry, checking that its columns fit together."""
    header = stored.header
    if not (
        header.get("magic") == _MAGIC
        and header.get("format") == FORMAT
        and header.get("version") == __version__
        and header.get("digest") == digest
        and type(header.get("problems")) is list
    ):
        return None
    problems = [_decode_problem(row, filename) for row in header["problems"]]
    if None in problems:
        return None
    columns: dict[str, Any] = {name: stored.strings(name) for name in _STRINGS}
    size = len(columns["key"])
    columns["authors"] = _groups(stored.strings("authors"), stored.ints("authors#"), size)
    unverified = stored.strings("unverified"), stored.ints("unverified#")
    if unverified[0]:
        groups = _groups(*unverified, size)
        columns["unverified"] = [frozenset(group) if group else _EMPTY for group in groups]
    else:
        _check_counts(unverified[1], 0, size)
        columns["unverified"] = [_EMPTY] * size
    for kind in ("extra", "written"):
        names, values = stored.strings(f"{kind}.names"), stored.strings(f"{kind}.values")
        if len(names) != len(values):
            raise ValueError(f"{kind} names and values do not pair up")
        columns[kind] = _dicts(names, values, stored.ints(f"{kind}#"), size)
    for name in _OPTIONAL:
        columns[name] = [None if v == _NONE else v for v in stored.ints(name, "q")]
    if any(len(columns[name]) != size for name in _FIELDS):
        return None
    references = list(map(Reference, *(columns[name] for name in _FIELDS)))
    return references, problems  # type: ignore[return-value]


def _check_counts(sizes: array[int], total: int, size: int) -> None:
    """Raise ValueError unless `sizes` holds `size` counts, none negative, adding to `total`."""
    if len(sizes) != size or (sizes and min(sizes) < 0) or sum(sizes) != total:
        raise ValueError("a column's counts do not add up")


def _groups(flat: list[T], sizes: array[int], size: int) -> list[list[T]]:
    """A flat column cut into one list per reference by a column of counts."""
    _check_counts(sizes, len(flat), size)
    return [flat[a:b] for a, b in pairwise(accumulate(sizes, initial=0))]


def _dicts(names: list[str], values: list[str], sizes: array[int], size: int) -> list[dict]:
    """Paired name and value columns cut into one dict per reference by a column of counts
    (most references have none, one or two, so those take the short ways)."""
    _check_counts(sizes, len(names), size)
    name, value = iter(names).__next__, iter(values).__next__
    return [
        {} if n == 0 else {name(): value()} if n == 1 else {name(): value() for _ in range(n)}
        for n in sizes
    ]


def _decode_problem(row: Any, filename: str) -> Problem | None:
    if type(row) is not list or len(row) != 3:
        return None
    line, message, severity = row
    if (line is None or type(line) is int) and type(message) is str and type(severity) is str:
        return Problem(filename, line, message, severity)
    return None
