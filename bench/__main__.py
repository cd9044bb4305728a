"""`python -m bench [NAME ...] [--quick] [--markdown]`: run benchmarks and print one table.

Benchmarks are found by name in `REGISTRY` (module, function). A module that is not there yet
(the TUI's first-frame benchmark lives with the TUI work) is reported as not measured.
"""

from __future__ import annotations

import argparse
import importlib
import sys
import time

from bench.report import Options, Row, table

#: Benchmark name -> (module, function taking Options and returning rows), in run order.
REGISTRY: dict[str, tuple[str, str]] = {
    "search": ("bench.bench_search", "run"),
    "export": ("bench.bench_export", "run"),
    "cli": ("bench.bench_cli", "run"),
    "bib": ("bench.bench_bib", "run"),
    "tui": ("bench.bench_tui", "run"),
    "hostile": ("bench.bench_hostile", "run"),
    "ingest": ("bench.bench_ingest", "run"),
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("names", nargs="*", metavar="NAME", help=f"any of {', '.join(REGISTRY)}")
    parser.add_argument("--quick", action="store_true", help="smaller sizes (10k references)")
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args(argv)
    unknown = [n for n in args.names if n not in REGISTRY]
    if unknown:
        parser.error(f"unknown benchmark {', '.join(unknown)} (known: {', '.join(REGISTRY)})")
    options = Options(quick=args.quick)
    rows: list[Row] = []
    for name in args.names or list(REGISTRY):
        module_name, function = REGISTRY[name]
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as error:
            if error.name != module_name:
                raise
            print(f"bench: {name}: not measured yet ({module_name} is missing)", file=sys.stderr)
            continue
        print(f"bench: running {name} …", file=sys.stderr, flush=True)
        start = time.perf_counter()
        rows.extend(getattr(module, function)(options))
        print(f"bench: {name} took {time.perf_counter() - start:.0f} s", file=sys.stderr)
    print(table(rows, markdown=args.markdown))
    failed = [row.measure for row in rows if row.passed is False]
    return 1 if failed and args.strict else 0


if __name__ == "__main__":
    sys.exit(main())
