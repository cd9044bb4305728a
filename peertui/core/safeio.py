"""Opening files peertui reads: regular files only, never a hang, never an unbounded read.

Every reader of a user's input (the bundle's files, `--bib`, `--claims`, ...) and of the cache
goes through `open_regular`: the path is opened with O_NONBLOCK, so a FIFO with no writer
cannot stall the open, and `fstat` on the open descriptor (not on the name, which can change
in between) decides: anything but a regular file (a FIFO, a device such as /dev/zero, a
socket, a directory) is refused at once. A size bound stops a read that would not end or
would not fit; the read itself never takes more than the bound plus one byte.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

#: The largest input file peertui reads (a 100,000-entry .bib is about 80 MB).
MAX_INPUT_BYTES = 1 << 30
_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


class NotReadable(OSError):
    """A file that is not a regular file, or is larger than its bound; the message says which."""


def kind_of(mode: int) -> str:
    """A reader's word for a file type that is not a regular file."""
    for test, word in (
        (stat.S_ISDIR, "a directory"),
        (stat.S_ISFIFO, "a FIFO"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISLNK, "a symbolic link"),
    ):
        if test(mode):
            return word
    return "not a regular file"


def open_regular(path: Path | str, *, follow: bool = True) -> tuple[int, os.stat_result]:
    """An open descriptor on the regular file at `path`, with its `fstat`.

    `follow=False` refuses a symbolic link itself (the cache's files: O_NOFOLLOW). Raises
    NotReadable for anything but a regular file, OSError when it cannot be opened; the
    descriptor is the caller's to close.
    """
    try:
        fd = os.open(path, _FLAGS | (0 if follow else _NOFOLLOW))
    except OSError as exc:
        if exc.errno == errno.ELOOP and not follow:
            raise NotReadable(exc.errno, "is a symbolic link", str(path)) from None
        raise
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise NotReadable(errno.EINVAL, f"is not a regular file ({kind_of(info.st_mode)})")
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
    except BaseException:
        os.close(fd)
        raise
    return fd, info


def read_regular(
    path: Path | str, *, limit: int = MAX_INPUT_BYTES, follow: bool = True
) -> tuple[bytes, os.stat_result]:
    """The bytes of the regular file at `path` (at most `limit`) and its `fstat`.

    Raises NotReadable when it is not a regular file or holds more than `limit` bytes (a file
    growing while it is read included), OSError when it cannot be read.
    """
    fd, info = open_regular(path, follow=follow)
    try:
        if info.st_size > limit:
            too_large = f"is too large ({info.st_size:,} bytes; at most {limit:,})"
            raise NotReadable(errno.EFBIG, too_large)
        chunks = []
        total = 0
        while total <= limit:  # to the end, or one byte past the bound (a file that grew)
            chunk = os.read(fd, max(info.st_size + 1 - total, 1 << 16))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > limit:
            raise NotReadable(errno.EFBIG, f"is too large (more than {limit:,} bytes)")
        return b"".join(chunks), info
    finally:
        os.close(fd)


def identity(path: Path | str) -> tuple[int, int] | None:
    """(device, inode) of the file `path` names (links followed), None when there is none:
    two names of one file have one identity."""
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return None
    return info.st_dev, info.st_ino
