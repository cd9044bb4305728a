"""Rows of figures and the table they print as: measure, value, baseline, ratio, target, verdict.

Every benchmark returns rows; `python -m bench` prints them together, so one run gives one table
to paste into the README (`--markdown`).
"""

from __future__ import annotations

import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Row:
    """One figure. `target` is an upper bound on `value` (or on the ratio, see `target_ratio`);
    a figure without a target passes by definition and shows "—"."""

    measure: str
    value: float
    unit: str = "s"
    baseline: float | None = None
    target: float | None = None
    target_ratio: bool = False
    #: A lower bound instead (hit rates): the value must reach the target.
    at_least: bool = False
    note: str = ""

    @property
    def ratio(self) -> float | None:
        if self.baseline is None or self.baseline == 0:
            return None
        return self.value / self.baseline

    @property
    def passed(self) -> bool | None:
        if self.target is None:
            return None
        measured = self.ratio if self.target_ratio else self.value
        if measured is None:
            return None
        return measured >= self.target if self.at_least else measured <= self.target

    def cells(self) -> list[str]:
        ratio = self.ratio
        if self.target is None:
            target = "—"
        else:
            sign = "≥" if self.at_least else "≤"
            target = (
                f"{sign} {self.target:g}×"
                if self.target_ratio
                else f"{sign} " + _fmt(self.target, self.unit)
            )
        verdict = {True: "pass", False: "FAIL", None: "—"}[self.passed]
        return [
            self.measure + (f" ({self.note})" if self.note else ""),
            _fmt(self.value, self.unit),
            "—" if self.baseline is None else _fmt(self.baseline, self.unit),
            "—" if ratio is None else f"{ratio:.2f}×",
            target,
            verdict,
        ]


HEADER = ["measure", "value", "baseline", "ratio", "target", "result"]


def _fmt(value: float, unit: str) -> str:
    if unit == "s":
        return f"{value * 1000:.1f} ms" if value < 1 else f"{value:.2f} s"
    if unit == "MiB":
        return f"{value:.0f} MiB"
    if unit == "%":
        return f"{value:.1f} %"
    return f"{value:g} {unit}".strip()


def table(rows: Sequence[Row], markdown: bool = False) -> str:
    """The rows as an aligned text table, or a Markdown one."""
    lines = [HEADER, *(row.cells() for row in rows)]
    if markdown:
        out = ["| " + " | ".join(lines[0]) + " |", "|" + "---|" * len(HEADER)]
        out += ["| " + " | ".join(cells) + " |" for cells in lines[1:]]
        return "\n".join(out)
    widths = [max(len(cells[i]) for cells in lines) for i in range(len(HEADER))]
    out = ["  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)) for cells in lines]
    out.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(line.rstrip() for line in out)


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


def percentile(values: Sequence[float], share: float) -> float:
    """The `share` (0..1) quantile, by the nearest-rank method: a value that was measured."""
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(share * len(ordered) + 0.5)))
    return ordered[rank - 1]


#: A benchmark: takes the run's options, returns its rows.
Benchmark = Callable[["Options"], list[Row]]


@dataclass(frozen=True, slots=True)
class Options:
    """What a run asks for: sizes (smaller with --quick) and where generated data lives."""

    quick: bool = False
    repeat: int = 5

    @property
    def refs(self) -> int:
        return 10_000 if self.quick else 100_000

    @property
    def claims(self) -> int:
        return 1_000 if self.quick else 10_000
