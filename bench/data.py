"""Generated bundles for the benchmarks, written once and reused across runs.

A bundle lives in `$PEERTUI_BENCH_DIR` (default: `peertui-bench` in the temporary directory),
named by the generator version, its sizes and seed, so a changed generator never reuses stale
files. Loaded corpora are kept for the rest of the run: several benchmarks share one.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from functools import cache
from pathlib import Path

from bench.generate import DEFAULT_SEED, VERSION, write_bundle
from peertui.core.bundle.load import load_bundle
from peertui.core.models import Corpus


def bench_dir() -> Path:
    """Where generated bundles are kept."""
    return Path(
        os.environ.get("PEERTUI_BENCH_DIR") or Path(tempfile.gettempdir()) / "peertui-bench"
    )


def bundle(refs: int, claims: int, seed: int = DEFAULT_SEED) -> Path:
    """The directory of a generated bundle of this size, generating it the first time."""
    target = bench_dir() / f"v{VERSION}-{refs}r-{claims}c-{seed}"
    if (target / "article.md").is_file():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = Path(tempfile.mkdtemp(prefix=target.name + ".", dir=target.parent))
    try:
        write_bundle(partial, refs, claims, seed)
        partial.replace(target)
    except OSError:
        shutil.rmtree(partial, ignore_errors=True)
        if not (target / "article.md").is_file():
            raise
    return target


@cache
def corpus(refs: int, claims: int) -> tuple[Corpus, float]:
    """The generated bundle loaded with `load_bundle`, and the seconds loading took."""
    path = bundle(refs, claims)
    start = time.perf_counter()
    loaded = load_bundle(path)
    seconds = time.perf_counter() - start
    for problem in loaded.errors[:5]:
        print(f"bench: generated bundle: {problem}", file=sys.stderr)
    return loaded, seconds
