"""The cache directory's secret, and whether this cache can be trusted at all.

Every cache file is sealed with a key kept in the cache directory (`peertui.core.cache.columnfile`).
The seal is worth only what the key's secrecy is: a key another user could have written or
read, or a directory another user can write into (they could put their own key there), would
let them forge entries that peertui then shows as the user's data. So a key is accepted only
when it is a regular file owned by this user, readable and writable by them alone (0600), in
a directory owned by this user that no one else may write to. Otherwise the cache is not used
at all, and one notice per process says why (`take_notices`); nothing else changes.

The directories peertui makes for its cache are made 0700, whatever the umask; its default
folder, if an older version left it open to its group, is made 0700 when next used.
"""

from __future__ import annotations

import os
import secrets
import stat
import tempfile
from pathlib import Path

from peertui.core.safeio import NotReadable, read_regular

#: The secret that keys every digest, one per cache directory.
KEY_NAME = "key"
KEY_SIZE = 32
_notices: list[str] = []
_warned: set[str] = set()


class UntrustedCache(OSError):
    """A cache directory or key that another user could have written: the cache is not used."""


def take_notices() -> list[str]:
    """The notices about the cache not yet shown (each once per process), then none."""
    taken = list(_notices)
    _notices.clear()
    return taken


def _distrust(root: Path, why: str) -> UntrustedCache:
    """The error to raise, with its notice recorded the first time this directory fails."""
    message = f"{root}: cache not used: {why}"
    if str(root) not in _warned:
        _warned.add(str(root))
        _notices.append(message)
    return UntrustedCache(message)


def make_private_dir(path: Path) -> None:
    """`path` and any missing parents made as directories only their owner may enter (0700)."""
    missing = []
    at = path
    while not at.is_dir():
        missing.append(at)
        if at.parent == at:
            break
        at = at.parent
    for directory in reversed(missing):
        try:
            os.mkdir(directory, 0o700)
        except FileExistsError:
            continue
        os.chmod(directory, 0o700)  # the umask may have taken bits away, never added: exact


def check_folder(root: Path) -> None:
    """Raise UntrustedCache unless `root` is a directory of this user's that only they may
    write to (a root-owned one too, when peertui runs as root)."""
    info = os.stat(root)  # a link to a folder is judged by the folder
    if not stat.S_ISDIR(info.st_mode):
        raise _distrust(root, "it is not a directory")
    if info.st_uid != os.geteuid():
        raise _distrust(root, "the folder belongs to another user")
    if info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        if os.environ.get("PEERTUI_CACHE_DIR") is None:
            # peertui's own folder, made under a umask such as 002 before folders were made
            # 0700: made private now. A key someone else put there while it was open is still
            # refused below (not theirs to own), and entries are sealed with ours.
            os.chmod(root, 0o700)
            return
        raise _distrust(root, f"others may write to the folder (chmod 700 {root})")


def cache_key(root: Path) -> bytes:
    """The cache directory's secret, made on first use (readable by its owner only).

    Raises UntrustedCache when the directory or the key could have been written by someone
    else, OSError when the key can be neither read nor made.
    """
    make_private_dir(root)
    check_folder(root)
    path = root / KEY_NAME
    try:
        key, info = read_regular(path, limit=KEY_SIZE, follow=False)
    except FileNotFoundError:
        return _new_key(root, path)
    except NotReadable as exc:
        raise _distrust(root, f"the key {path} {exc.strerror}") from None
    if info.st_uid != os.geteuid():
        raise _distrust(root, f"the key {path} belongs to another user")
    if info.st_mode & 0o077:
        raise _distrust(root, f"others may read or write the key {path} (it must be 0600)")
    if len(key) != KEY_SIZE:
        return _new_key(root, path)  # a damaged key of ours: every entry is made again
    return key


def _new_key(root: Path, path: Path) -> bytes:
    key = secrets.token_bytes(KEY_SIZE)
    fd, temporary = tempfile.mkstemp(prefix=".tmp-", dir=root)  # made 0600
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(key)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return key
