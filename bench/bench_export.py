"""Export at scale: the claim-evidence table of every claim, in every format.

`peertui.core.export.tables.render` is what the CLI's `export` and the app's export screen call; the
target is a second per format for 10,000 claims. The figure is the fastest of `repeat` runs (the
machine's other work only ever adds time); the note gives the median beside it.
"""

from __future__ import annotations

import time

from bench.data import corpus
from bench.report import Options, Row, median
from peertui.core.export.formats import FORMATS
from peertui.core.export.tables import render


def run(options: Options) -> list[Row]:
    data, _ = corpus(options.refs, options.claims)
    rows = []
    for fmt in FORMATS:
        seconds = []
        for _ in range(max(1, options.repeat)):
            start = time.perf_counter()
            text = render(data, fmt)
            seconds.append(time.perf_counter() - start)
        size = len(text.encode("utf-8")) / 2**20
        rows.append(
            Row(
                f"export {len(data.claims):,} claims as {fmt}",
                min(seconds),
                target=1.0,
                note=f"{size:.1f} MiB, median {median(seconds):.2f} s",
            )
        )
    return rows
