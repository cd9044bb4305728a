"""Writing a user's file: whole or not at all, and never onto what must not be written.

The one way peertui writes a file the user named (an export, a matrix, the drafts of a new
bundle): `write_atomic` for one file, `write_all` for several written together (every target
is checked with `check_target` before any is written). The rules, checked on the file itself
(links followed; device and inode compared, never names):

- nothing there: a new file is made (the folder must exist and be writable);
- a regular file: replaced atomically by a temp file renamed over it, keeping its mode (and,
  when peertui runs as root, its owner and group); a file with more than one hard link is
  written in place instead, so every name keeps seeing it;
- a FIFO or a character device (`/dev/null`, a terminal): streamed into, as stdout would be,
  never replaced; a FIFO that no program is reading is refused rather than waited on;
- refused: a directory, a socket or a block device; any file the command read (`inputs`); a
  file the user may not write (one with no write permission is refused even for root, as a
  read-only file should be).

A temp file is `.NAME.XXXXXXXX.tmp` beside the target, deleted on any failure and on SIGINT,
SIGTERM or SIGHUP; one left by a process that was killed outright is deleted by the next
write to the same target (`sweep_temps`).
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import secrets
import stat
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

from peertui.core.errors import ExportError
from peertui.core.safeio import identity, kind_of

#: A temp file of ours left this long untouched, and held by no writer, is swept.
STALE_SECONDS = 60
_ENCODING = "utf-8"


@dataclass(frozen=True, slots=True)
class Target:
    """Where and how a file will be written, as `check_target` found it."""

    path: Path  #: the file itself (a symbolic link's target)
    how: str  #: "create", "replace", "in place" or "stream"
    info: os.stat_result | None = None


def check_target(path: Path | str, *, inputs: Iterable[Path | str] = ()) -> Target:
    """How `path` would be written by the module's rules; raises ExportError if it must not be.

    `inputs` are the files the command read: none of them is ever written over.
    """
    path = Path(path)
    if path.is_symlink():  # write the file the link names, not the link
        path = Path(os.path.realpath(path))
    try:
        info = os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        info = None
    except OSError as exc:
        raise ExportError(f"{path}: {_why(exc)}") from exc
    if info is None:
        _check_folder(path)
        return Target(path, "create")
    if stat.S_ISDIR(info.st_mode):
        raise ExportError(f"{path}: is a directory")
    if (info.st_dev, info.st_ino) in {identity(p) for p in inputs}:
        raise ExportError(f"{path}: is one of the input files; not overwriting it")
    if stat.S_ISFIFO(info.st_mode) or stat.S_ISCHR(info.st_mode):
        return Target(path, "stream", info)
    if not stat.S_ISREG(info.st_mode):
        raise ExportError(f"{path}: is {kind_of(info.st_mode)}, not a regular file; not written")
    if not _may_write(path, info):
        raise ExportError(f"{path}: is read-only (permission denied)")
    if info.st_nlink > 1 or not os.access(path.parent, os.W_OK | os.X_OK):
        return Target(path, "in place", info)  # other names see the change; or no temp can be made
    return Target(path, "replace", info)


def write_atomic(path: Path | str, text: str, *, inputs: Iterable[Path | str] = ()) -> None:
    """Write `text` (UTF-8) to `path` by the module's rules; raises ExportError, leaving an
    existing file as it was, when it must not or cannot be written."""
    target = check_target(path, inputs=inputs)
    data = text.encode(_ENCODING)
    try:
        if target.how == "stream":
            _stream(target.path, data)
        elif target.how == "in place":
            _in_place(target, data)
        else:
            sweep_temps(target.path)
            _replace(target, data)
    except OSError as exc:
        raise ExportError(f"{target.path}: {_why(exc)}") from exc


def _fcntl() -> ModuleType | None:
    """fcntl where there is one (not on Windows: temp files are then swept by age alone);
    imported when a file is written, not when this module is."""
    try:
        import fcntl
    except ImportError:
        return None
    return fcntl


def write_all(texts: Mapping[Path, str], *, inputs: Iterable[Path | str] = ()) -> None:
    """Write several files (a new bundle's drafts): every target is checked first, so that one
    refused target means none is written; then each is written as `write_atomic` writes it."""
    inputs = list(inputs)
    for path in texts:
        check_target(path, inputs=inputs)
    for path, text in texts.items():
        write_atomic(path, text, inputs=inputs)


def sweep_temps(path: Path) -> None:
    """Delete temp files of ours beside `path` that their writer left behind: this user's,
    untouched for STALE_SECONDS and locked by no writer. Errors are ignored."""
    pattern = re.compile(rf"\.{re.escape(path.name)}\.[0-9a-f]{{8}}\.tmp")
    try:
        names = [n for n in os.listdir(path.parent) if pattern.fullmatch(n)]
    except OSError:
        return
    for name in names:
        with contextlib.suppress(OSError):
            _sweep_one(path.parent / name)


def _sweep_one(temp: Path) -> None:
    fd = os.open(temp, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0))
    try:
        info = os.fstat(fd)
        old = time.time() - info.st_mtime > STALE_SECONDS
        if not (stat.S_ISREG(info.st_mode) and info.st_uid == os.geteuid() and old):
            return
        fcntl = _fcntl()
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)  # raises while its writer lives
        if os.path.samestat(info, os.lstat(temp)):
            os.unlink(temp)
    finally:
        os.close(fd)


def _check_folder(path: Path) -> None:
    parent = path.parent
    if not parent.is_dir():
        reason = "is not a directory" if parent.exists() else "does not exist"
        raise ExportError(f"{path}: the folder {parent} {reason}")
    if not os.access(parent, os.W_OK | os.X_OK):
        raise ExportError(f"{path}: the folder {parent} is not writable (permission denied)")


def _may_write(path: Path, info: os.stat_result) -> bool:
    """Whether the user may write the file: `os.access`, and for root (whom access lets write
    anything) at least one write permission bit, so a read-only file stays read-only."""
    if not os.access(path, os.W_OK):
        return False
    return os.geteuid() != 0 or bool(info.st_mode & 0o222)


def _replace(target: Target, data: bytes) -> None:
    """A temp file beside the target, flushed to disk and renamed over it."""
    from peertui.core.export.signals import signals_unwind

    path = target.path
    fcntl = _fcntl()
    with signals_unwind():
        tmp, fd = _open_temp(path)
        try:
            with os.fdopen(fd, "wb") as handle:
                if fcntl is not None:
                    fcntl.flock(handle.fileno(), fcntl.LOCK_EX)  # a sweep leaves it alone
                if target.info is not None:
                    _keep_owner_and_mode(handle.fileno(), target.info)
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            _still_the_same(target)
            os.replace(tmp, path)
        except BaseException:  # SIGINT, SIGTERM and SIGHUP included
            _unlink(tmp)
            raise
    _sync_dir(path.parent)


def _keep_owner_and_mode(fd: int, info: os.stat_result) -> None:
    """The replaced file's owner and group (only root may give a file away) and mode."""
    if (info.st_uid, info.st_gid) != (os.geteuid(), os.getegid()):
        with contextlib.suppress(OSError):
            os.fchown(fd, info.st_uid, info.st_gid)
    os.fchmod(fd, stat.S_IMODE(info.st_mode))


def _still_the_same(target: Target) -> None:
    """Refuse to rename over something that took the target's place while it was written
    (a regular file that appeared where there was none is replaced, as it would have been)."""
    try:
        now = os.lstat(target.path)
    except FileNotFoundError:
        return
    if target.info is not None and os.path.samestat(now, target.info):
        return
    if target.info is not None or not stat.S_ISREG(now.st_mode):
        raise OSError(errno.EEXIST, "was replaced by another file while it was written")


def _in_place(target: Target, data: bytes) -> None:
    """Overwrite the file itself (its hard links see the change), then cut it to length."""
    fd = os.open(target.path, os.O_WRONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0))
    try:
        if target.info is None or not os.path.samestat(os.fstat(fd), target.info):
            raise OSError(errno.EEXIST, "was replaced by another file while it was written")
        _write_all(fd, data)
        os.ftruncate(fd, len(data))
        os.fsync(fd)
    finally:
        os.close(fd)


def _stream(path: Path, data: bytes) -> None:
    """Write into a FIFO or a character device as into stdout; a FIFO without a reader is
    refused at once (opening it would wait for one for ever)."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    except OSError as exc:
        if exc.errno == errno.ENXIO:
            raise ExportError(f"{path}: is a FIFO that no program is reading") from None
        raise
    try:
        info = os.fstat(fd)
        if not (stat.S_ISFIFO(info.st_mode) or stat.S_ISCHR(info.st_mode)):
            raise OSError(errno.EEXIST, "was replaced by another file while it was written")
        os.set_blocking(fd, True)
        _write_all(fd, data)
    finally:
        os.close(fd)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def _open_temp(path: Path) -> tuple[Path, int]:
    """A new hidden file beside the target, made with the umask's usual mode."""
    while True:
        tmp = path.parent / f".{path.name}.{secrets.token_hex(4)}.tmp"
        try:
            return tmp, os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        except FileExistsError:
            continue


def _unlink(path: Path) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)


def _sync_dir(directory: Path) -> None:
    """Make the rename itself durable where the platform allows opening a directory."""
    with contextlib.suppress(OSError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _why(exc: OSError) -> str:
    """A short reason in words ("permission denied") rather than an errno dump."""
    if isinstance(exc, PermissionError):
        return "permission denied"
    if isinstance(exc, IsADirectoryError):
        return "is a directory"
    if exc.errno == errno.EPIPE:
        return "the program reading it stopped"
    return exc.strerror.lower() if exc.strerror else str(exc)
