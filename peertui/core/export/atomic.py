"""Files written whole or not at all, so a failed export never leaves half a file behind."""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path

from peertui.core.errors import ExportError


def write_atomic(path: Path, text: str) -> None:
    """Write `text` (UTF-8) so that `path` holds either its old content or all of the new.

    A temp file in the same directory is written, flushed to disk and renamed over the target;
    on any failure it is removed and an existing target is left as it was.
    """
    path = Path(path)
    if path.is_symlink():  # replace the file the link names, not the link
        path = Path(os.path.realpath(path))
    parent = path.parent
    if not parent.is_dir():
        reason = "is not a directory" if parent.exists() else "does not exist"
        raise ExportError(f"{path}: the folder {parent} {reason}")
    if path.is_dir():
        raise ExportError(f"{path}: is a directory")
    try:
        mode = path.stat().st_mode & 0o7777 if path.exists() else None
        tmp, fd = _open_temp(parent, path.name)
    except OSError as exc:
        raise ExportError(f"{path}: {_why(exc)}") from exc
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise ExportError(f"{path}: {_why(exc)}") from exc
        raise
    _sync_dir(parent)


def _open_temp(parent: Path, name: str) -> tuple[Path, int]:
    """A new hidden file beside the target, created with the usual umask-governed mode."""
    while True:
        tmp = parent / f".{name}.{secrets.token_hex(4)}.tmp"
        try:
            return tmp, os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        except FileExistsError:
            continue


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
    return exc.strerror.lower() if exc.strerror else str(exc)
