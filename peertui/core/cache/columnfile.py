"""A cache file of named columns: lists of strings and arrays of integers, nothing else.

Decoding 100,000 references from JSON costs about a second, most of it building one small
object per value; here a column of strings is one UTF-8 run split on NUL, and an integer column
is copied straight into an `array`. Nothing in the format can run code or name a type: a reader
gets strings and integers, or nothing.

Layout: `MAGIC`, a seal (the digest of all that follows, 32 bytes), the header's length (8
bytes, little-endian), the header (JSON: the caller's own fields and where each column lies),
then the body. The digest is keyed
with a secret kept in the cache directory, so a file passes only if this user's peertui wrote
it: a truncated, damaged or foreign file (one copied from elsewhere, or crafted) is refused as
a whole, never half-read. Callers still check that the columns' lengths agree.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import os
import sys
import tempfile
from array import array
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from peertui.core.cache.key import make_private_dir
from peertui.core.safeio import NotReadable, read_regular

MAGIC = b"peertui-columns\n"
_SEP = "\x00"
_LENGTH = 8
#: Integer columns: "q" holds any 64-bit value, "i" anything a 32-bit document number needs.
TYPECODES = frozenset("iq")
_SEAL = 32
#: A cache entry holds what its source files hold, re-encoded: at most this many times their
#: bytes, plus the slack. A larger file is not one peertui wrote for them, and is not read.
ENTRY_GROWTH = 64
ENTRY_SLACK = 64 << 20


def _seal(key: bytes, parts: Iterable[bytes | memoryview]) -> bytes:
    """HMAC-SHA256 of the parts (SHA-256 is the fastest keyed digest hashlib offers on CPUs
    with SHA instructions: about twice BLAKE2b's speed)."""
    digest = hmac.new(key, digestmod=hashlib.sha256)
    for part in parts:
        digest.update(part)
    return digest.digest()


class Unstorable(ValueError):
    """A value this format cannot hold (a NUL or lone surrogate in a string)."""


class ColumnWriter:
    """Columns gathered in memory, then written atomically as one file."""

    def __init__(self) -> None:
        self._parts: list[bytes] = []
        self._table: list[list[Any]] = []
        self._size = 0

    def strings(self, name: str, values: Sequence[str]) -> None:
        """A column of strings; raises Unstorable if one holds a NUL or cannot be encoded."""
        text = _SEP.join(values)
        if text.count(_SEP) != max(len(values) - 1, 0):
            raise Unstorable(f"{name}: a value holds a NUL character")
        try:
            data = text.encode("utf-8")
        except UnicodeEncodeError as error:
            raise Unstorable(f"{name}: {error.reason}") from error
        self._add(name, "s", len(values), data)

    def ints(self, name: str, values: Iterable[int], typecode: str = "i") -> None:
        """A column of integers, each fitting the array type `typecode` ("i" or "q")."""
        try:
            column = values if isinstance(values, array) else array(typecode, values)
        except OverflowError as error:
            raise Unstorable(f"{name}: {error}") from error
        if column.typecode != typecode:
            column = array(typecode, column)
        if sys.byteorder != "little":
            column = array(typecode, column)
            column.byteswap()
        self._add(name, typecode, len(column), column.tobytes())

    def _add(self, name: str, kind: str, count: int, data: bytes) -> None:
        self._table.append([name, kind, count, self._size, len(data)])
        self._parts.append(data)
        self._size += len(data)

    def write(self, path: Path, header: dict[str, Any], key: bytes) -> None:
        """Write the file atomically (a reader never sees half of it); raises OSError."""
        head = json.dumps(
            {**header, "columns": self._table}, ensure_ascii=True, separators=(",", ":")
        ).encode("ascii")
        head = len(head).to_bytes(_LENGTH, "little") + head
        seal = _seal(key, [head, *self._parts])
        make_private_dir(path.parent)
        fd, temporary = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(MAGIC + seal + head)
                for part in self._parts:
                    handle.write(part)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise


class Columns:
    """A file's columns once its digest and layout have been checked; see `read_columns`."""

    def __init__(self, header: dict[str, Any], body: memoryview, table: dict[str, list[Any]]):
        self.header = header
        self._body = body
        self._table = table

    def strings(self, name: str) -> list[str]:
        """A column of strings; KeyError if absent, ValueError if it is not strings."""
        kind, count, start, length = self._table[name]
        if kind != "s":
            raise ValueError(f"{name} is not a column of strings")
        if count == 0:
            return []
        values = str(self._body[start : start + length], "utf-8").split(_SEP)
        if len(values) != count:
            raise ValueError(f"{name}: {len(values)} values, {count} expected")
        return values

    def ints(self, name: str, typecode: str = "i") -> array[int]:
        """A column of integers of type `typecode`; KeyError if absent, ValueError if not."""
        kind, count, start, length = self._table[name]
        if kind != typecode:
            raise ValueError(f"{name} is not a column of type {typecode!r}")
        column = array(typecode)
        if length != count * column.itemsize:
            raise ValueError(f"{name}: {length} bytes for {count} values")
        column.frombytes(self._body[start : start + length])
        if sys.byteorder != "little":
            column.byteswap()
        return column


def read_columns(path: Path, key: bytes, limit: int) -> Columns | None:
    """The columns of a file ColumnWriter wrote with `key`, or None if it is anything else:
    not a regular file (a FIFO, a device, a symbolic link: never waited on or followed),
    larger than `limit` bytes, or not sealed with `key`. The caller then writes it again.

    A file that passes is marked as just used (its modification time). Raises OSError when
    the file cannot be read.
    """
    try:
        data, _ = read_regular(path, limit=limit, follow=False)
    except NotReadable:
        return None
    view = memoryview(data)
    if not data.startswith(MAGIC):
        return None
    at = len(MAGIC) + _SEAL
    if not hmac.compare_digest(data[len(MAGIC) : at], _seal(key, (view[at:],))):
        return None
    with contextlib.suppress(OSError):
        os.utime(path)  # just used: pruning keeps the files read most recently
    size = int.from_bytes(view[at : at + _LENGTH], "little")
    at += _LENGTH
    try:
        header = json.loads(str(view[at : at + size], "ascii"))
    except (UnicodeDecodeError, ValueError):
        return None
    body = view[at + size :]
    if not isinstance(header, dict):
        return None
    table = _layout(header.get("columns"), len(body))
    return None if table is None else Columns(header, body, table)


def _layout(rows: Any, size: int) -> dict[str, list[Any]] | None:
    """Name -> (kind, count, start, length), if every column lies inside the body."""
    if not isinstance(rows, list):
        return None
    table: dict[str, list[Any]] = {}
    for row in rows:
        if not (isinstance(row, list) and len(row) == 5 and isinstance(row[0], str)):
            return None
        name, kind, *numbers = row
        if kind not in TYPECODES | {"s"} or not all(type(n) is int and n >= 0 for n in numbers):
            return None
        count, start, length = numbers
        if start + length > size or name in table:
            return None
        table[name] = [kind, count, start, length]
    return table
