"""Reading a large .bib: bibtexparser's own parse next to peertui's loader.

Each side runs in a fresh interpreter that first imports the same modules; the peak memory
reported is how far the resident size rose above its size before the read (Linux: the peak is
restarted through /proc/self/clear_refs), so it is the read's alone.
The issue's cold-open targets are 1.1x bibtexparser's time and 1.5x its peak memory; cold
reads run with the cache off. Warm reads fill a private cache first (the .bib's, then the
search index's, which the first search after a change builds), then read again: the targets
are 1 s for the read and 1.5 s for a whole `peertui search` process.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time

from bench.data import bundle
from bench.process import environment
from bench.report import Options, Row, median

_PROBE = """
import json, re, sys, time
from pathlib import Path
import bibtexparser
from peertui.core.bibtex.library import load_bib

def status(name):
    with open("/proc/self/status") as f:
        return int(re.search(name + r":\\s+(\\d+)", f.read())[1])

path = sys.argv[2]
try:
    before = status("VmRSS")
    with open("/proc/self/clear_refs", "w") as f:
        f.write("5")  # restart the peak (VmHWM) from the current size
except OSError:
    before = None
start = time.perf_counter()
if sys.argv[1] == "bibtexparser":
    entries = len(bibtexparser.parse_file(path).entries)
else:
    entries = len(load_bib(Path(path))[0])
seconds = time.perf_counter() - start
mib = None if before is None else (status("VmHWM") - before) / 1024
print(json.dumps({"seconds": seconds, "mib": mib, "entries": entries}))
"""


def _measure(reader: str, path: str, cache: str = "off") -> dict[str, float | None]:
    """One read in a fresh interpreter; `cache` is its PEERTUI_CACHE_DIR ("off": a cold read)."""
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, reader, path],
        capture_output=True,
        text=True,
        check=True,
        env=environment(PEERTUI_CACHE_DIR=cache),
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def _whole_search(path: str, cache: str) -> float:
    """Seconds of `peertui search` as a user runs it, from interpreter start to exit."""
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "peertui", "search", "--bib", path, "peer support"],
        capture_output=True,
        check=True,
        env=environment(PEERTUI_CACHE_DIR=cache),
    )
    return time.perf_counter() - start


#: Timed warm runs per row (each a fresh interpreter); the row is their median.
WARM_RUNS = 5


def _warm(path: str, label: str) -> list[Row]:
    """The same file again with the cache filled by a first read (a private cache directory)."""
    with tempfile.TemporaryDirectory(prefix="peertui-bench-cache.") as cache:
        _measure("peertui", path, cache)  # fills the .bib cache
        warm = median([_measure("peertui", path, cache)["seconds"] for _ in range(WARM_RUNS)])
        _whole_search(path, cache)  # fills the search index's cache: the first search builds it
        search = median([_whole_search(path, cache) for _ in range(WARM_RUNS)])
    note = f"median of {WARM_RUNS}"
    return [
        Row(f"peertui load_bib warm (cached), {label}", warm, target=1.0, note=note),
        Row(f"peertui search whole process warm, {label}", search, target=1.5, note=note),
    ]


def run(options: Options) -> list[Row]:
    rows = []
    sizes = (2_000, 10_000) if options.quick else (10_000, 100_000)
    for refs in sizes:
        path = str(bundle(refs, min(refs // 10, options.claims)) / "references.bib")
        plain = _measure("bibtexparser", path)
        ours = _measure("peertui", path)
        label = f"{refs // 1000}k entries"
        rows.append(Row(f"bibtexparser.parse_file, {label}", plain["seconds"]))
        rows.append(
            Row(
                f"peertui load_bib, {label}",
                ours["seconds"],
                baseline=plain["seconds"],
                target=1.1,
                target_ratio=True,
            )
        )
        rows.extend(_warm(path, label))
        if plain["mib"] is None or ours["mib"] is None:
            continue  # no /proc: the peak of one read cannot be told apart
        rows.append(Row(f"bibtexparser.parse_file peak memory, {label}", plain["mib"], "MiB"))
        rows.append(
            Row(
                f"peertui load_bib peak memory, {label}",
                ours["mib"],
                "MiB",
                baseline=plain["mib"],
                target=1.5,
                target_ratio=True,
            )
        )
    return rows
