"""A draft bundle written whole or not at all.

The three files go into a fresh hidden directory beside DIR, which is then renamed to DIR: a
failure on the way leaves no half bundle. A DIR that holds anything is replaced only when
asked (`force`), and then only when it holds nothing but the three files of a bundle as
regular files: peertui never writes through a symbolic link or deletes what it did not write.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
from pathlib import Path

from peertui.core.errors import UnusableInput

BUNDLE_FILES = ("article.md", "references.bib", "claims.yaml")


def write_bundle(target: Path, files: dict[str, str], force: bool = False) -> Path:
    """Write `files` (name -> text) as the directory `target`; returns the path written."""
    target = Path(target)
    old = _check_target(target, force)
    parent = target.parent if str(target.parent) else Path(".")
    try:
        staging = _new_dir(parent, target.name, "tmp")
    except OSError as error:
        raise UnusableInput(target, f"cannot write beside it: {_why(error)}") from None
    try:
        for name, text in files.items():
            _write_new(staging / name, text)
        if old == "full":
            _swap(staging, target)
        else:
            if old == "empty":
                target.rmdir()
            os.rename(staging, target)
    except OSError as error:
        shutil.rmtree(staging, ignore_errors=True)
        raise UnusableInput(target, f"cannot write the bundle: {_why(error)}") from None
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return target


def _check_target(target: Path, force: bool) -> str:
    """ "none", "empty" or "full" (a bundle `force` may replace); UnusableInput otherwise."""
    if target.is_symlink():
        raise UnusableInput(target, "is a symbolic link; peertui does not write through one")
    if not target.exists():
        parent = target.parent if str(target.parent) else Path(".")
        if not parent.is_dir():
            raise UnusableInput(target, f"the folder {parent} does not exist")
        return "none"
    if not target.is_dir():
        raise UnusableInput(target, "exists and is not a directory")
    entries = list(target.iterdir())
    if not entries:
        return "empty"
    if not force:
        raise UnusableInput(target, "is not empty; pass --force to replace the draft in it")
    for entry in entries:
        if entry.name not in BUNDLE_FILES or entry.is_symlink() or not entry.is_file():
            raise UnusableInput(
                entry,
                "is not a file of a drafted bundle; --force replaces only a directory that "
                "holds nothing but " + ", ".join(BUNDLE_FILES),
            )
    return "full"


def _write_new(path: Path, text: str) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())


def _swap(staging: Path, target: Path) -> None:
    """Replace the old draft in `target` by `staging`, putting it back if the swap fails."""
    retired = _new_dir(target.parent, target.name, "old")
    os.rename(target, retired)  # onto the empty directory: replaced on POSIX
    try:
        os.rename(staging, target)
    except OSError:
        os.rename(retired, target)
        raise
    for name in BUNDLE_FILES:
        with contextlib.suppress(FileNotFoundError):
            (retired / name).unlink()
    with contextlib.suppress(OSError):
        retired.rmdir()


def _new_dir(parent: Path, name: str, kind: str) -> Path:
    """A new hidden directory beside the target, with the mode the umask gives."""
    while True:
        path = parent / f".{name}.{secrets.token_hex(4)}.{kind}"
        try:
            path.mkdir(0o777)
            return path
        except FileExistsError:
            continue


def _why(error: OSError) -> str:
    if isinstance(error, PermissionError):
        return "permission denied"
    return error.strerror.lower() if error.strerror else str(error)
