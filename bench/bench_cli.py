"""Whole-process start-up of the headless commands on the default bundle.

Each command runs in a fresh interpreter, as a user runs it; the baseline is an interpreter that
only imports the libraries every command needs. The median of several runs is reported, since
a process start varies more than an in-process call. Every process runs from cached bytecode
(`bench.process`), after one untimed run.
"""

from __future__ import annotations

import subprocess
import sys
import time

from bench.process import environment
from bench.report import Options, Row, median

BASELINE = "import yaml, bibtexparser, rapidfuzz"
COMMANDS = (
    ("peertui check", ["check"]),
    ("peertui search peer", ["search", "peer"]),
    ("peertui export --format json", ["export", "--format", "json"]),
)


def _seconds(args: list[str], repeat: int) -> float:
    env = environment()
    subprocess.run(args, capture_output=True, check=False, env=env)  # fills the bytecode cache
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(args, capture_output=True, check=False, env=env)
        times.append(time.perf_counter() - start)
    return median(times)


def run(options: Options) -> list[Row]:
    repeat = 3 if options.quick else 7
    python = sys.executable
    baseline = _seconds([python, "-c", BASELINE], repeat)
    rows = [Row(f"python -c '{BASELINE}'", baseline)]
    for label, argv in COMMANDS:
        seconds = _seconds([python, "-m", "peertui", *argv], repeat)
        rows.append(Row(f"{label} (default bundle, whole process)", seconds, baseline=baseline))
    return rows
