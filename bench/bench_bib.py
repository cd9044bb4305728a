"""Reading a large .bib: bibtexparser's own parse next to peertui's loader.

Each side runs in a fresh interpreter that first imports the same modules; the peak memory
reported is how far the resident size rose above its size before the read (Linux: the peak is
restarted through /proc/self/clear_refs), so it is the read's alone.
The issue's cold-open targets are 1.1x bibtexparser's time and 1.5x its peak memory.
"""

from __future__ import annotations

import json
import subprocess
import sys

from bench.data import bundle
from bench.report import Options, Row

_PROBE = """
import json, re, sys, time
from pathlib import Path
import bibtexparser
from peertui.core.bib import load_bib

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


def _measure(reader: str, path: str) -> dict[str, float | None]:
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, reader, path], capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


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
