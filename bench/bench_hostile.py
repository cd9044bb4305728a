"""Small inputs that used to explode: linear-time number extraction and bounded search work.

`numbers` on a paragraph of 50,000 × "1," took 40 s (quadratic in its length) before the
extraction's patterns were made linear; a search over a 10 MB field took most of a second
before scoring was bounded per field. Each figure is the fastest of three runs, with the run
on a quarter of the input beside it: linear work takes about 4× as long on 4× the input.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from bench.report import Options, Row
from peertui.core.analysis.extract import extract_quantities
from peertui.core.models import Corpus, Reference


def _fastest(work: Callable[[], object], repeat: int = 3) -> float:
    seconds = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        seconds.append(time.perf_counter() - start)
    return min(seconds)


def _search(size: int) -> Callable[[], object]:
    from peertui.core.search.engine import SearchIndex

    title = "peer support " * (size // 13)
    corpus = Corpus(references=[Reference(key="k", title=title), Reference(key="j", title="x")])
    index = SearchIndex(corpus)
    return lambda: index.search("ppeer suport")


def run(options: Options) -> list[Row]:
    rows = []
    quarter = _fastest(lambda: extract_quantities("1," * 12_500))
    whole = _fastest(lambda: extract_quantities("1," * 50_000))
    note = f"12,500: {quarter * 1000:.0f} ms, ×{whole / max(quarter, 1e-9):.1f} for 4× the input"
    rows.append(Row('numbers in 50,000 × "1,"', whole, target=1.0, note=note))
    quarter = _fastest(_search(2_500_000))
    whole = _fastest(_search(10_000_000))
    note = f"2.5 MB: {quarter * 1000:.0f} ms"
    rows.append(Row("search, one 10 MB field", whole, target=0.25, note=note))
    return rows
