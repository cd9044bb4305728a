"""The environment of every timed process: bytecode cached, as an installed command runs.

A shell that sets `PYTHONDONTWRITEBYTECODE` would have a timed `python -m peertui` compile each
peertui module whose cached bytecode is missing or stale, on every start, while the libraries'
came precompiled. Timed processes share one bytecode cache instead (`PYTHONPYCACHEPREFIX`, under
the bench directory); a benchmark fills it with one untimed run of what it times.
"""

from __future__ import annotations

import os

from bench.data import bench_dir


def environment(**extra: str) -> dict[str, str]:
    """This process's environment with bytecode written to and read from the bench's cache,
    plus `extra` variables."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(bench_dir() / "pycache")
    env.update(extra)
    return env
