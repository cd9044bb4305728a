"""What peertui's own code is now: every kind of cache entry is keyed by it, so an entry made
by other code (another version, or a changed module) is stale and made again, with no format
number for anyone to remember to bump."""

from __future__ import annotations

import hashlib
import os
from functools import cache
from pathlib import Path

from peertui import __version__

#: The folder whose modules decide what is cached: the whole core.
CORE = Path(__file__).resolve().parent.parent


@cache
def code_stamp(core: Path = CORE) -> str:
    """peertui's version and every core module's path, size and modification time (a stat of
    each, about a millisecond, once per process)."""
    stamp = [__version__]
    for folder, subfolders, names in os.walk(core):
        subfolders[:] = sorted(d for d in subfolders if d != "__pycache__")
        for name in sorted(names):
            if name.endswith(".py"):
                path = os.path.join(folder, name)
                info = os.stat(path)
                stamp.append(f"{os.path.relpath(path, core)}:{info.st_size}:{info.st_mtime_ns}")
    return hashlib.sha256("\n".join(stamp).encode()).hexdigest()
