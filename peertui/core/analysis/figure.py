"""An article's figure redrawn from its source's data: one bar per arm, percent and n/N.

The article shows only a caption ("Figure 1. Hospital readmission rates at one year"); the figures
themselves come from the sources file: the result of a cited reference whose outcome and
timepoint the caption names, with events and totals for both arms.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from peertui.core.bundle.sources import mentions_result, reference_label
from peertui.core.models import Claim, Corpus, SourceResult
from peertui.core.sanitize import printable

if TYPE_CHECKING:
    from rich.console import RenderableType

_CAPTION = re.compile(r"^\s*fig(?:ure)?\.?\s*(\d+)[.:]?\s*", re.IGNORECASE)
#: Eighths of a block, for bars drawn to an eighth of a character.
_EIGHTHS = " ▏▎▍▌▋▊▉"


@dataclass(frozen=True, slots=True)
class FigureBar:
    """One arm: its label, events out of total, and the percentage."""

    label: str
    events: int
    total: int
    #: The percentage the source prints, if any (it may be rounded).
    reported_percent: float | None = None

    @property
    def percent(self) -> float:
        """Events as a percentage of the total, computed."""
        return 100 * self.events / self.total


@dataclass(frozen=True, slots=True)
class FigureData:
    """A figure of the article and the source data it is redrawn from."""

    claim_id: str
    number: int | None  # "Figure 1" -> 1
    caption: str  # the caption as the article prints it
    title: str  # the caption without "Figure 1."
    key: str  # the cited reference the data come from
    source_label: str  # "[4] Johnson et al. 2018"
    result: SourceResult
    bars: tuple[FigureBar, ...]
    note: str  # where the figures come from, and that the article's text does not state them


def _is_figure(claim: Claim) -> bool:
    return claim.kind == "figure" or bool(_CAPTION.match(claim.text))


def figure_for(corpus: Corpus, claim: Claim) -> FigureData | None:
    """The figure a caption claim shows, redrawn from a cited reference's result; None when no
    cited reference records a result with counts that the caption names."""
    for key in claim.cites:
        report = corpus.source(key)
        for result in report.results if report else []:
            if result.counts is not None and mentions_result(corpus, claim.text, result):
                return _figure(corpus, claim, key, result)
    return None


def figures(corpus: Corpus) -> list[FigureData]:
    """Every figure of the article that its sources' data can redraw, in article order."""
    found = [figure_for(corpus, c) for c in corpus.claims if _is_figure(c)]
    return [f for f in found if f is not None]


def _figure(corpus: Corpus, claim: Claim, key: str, result: SourceResult) -> FigureData:
    caption = " ".join(claim.text.split())
    match = _CAPTION.match(caption)
    label = reference_label(corpus, key)
    bars = tuple(
        FigureBar(arm.label, arm.events or 0, arm.total or 1, arm.percent) for arm in result.arms
    )
    status = "verified" if result.status == "verified" else "unverified"
    note = (
        f"Redrawn from the data of {label} ({result.label or result.outcome}; {status}, source: "
        f"{result.source or 'not recorded'}). The article shows this figure but its text does "
        "not state these figures."
    )
    return FigureData(
        claim_id=claim.id,
        number=int(match[1]) if match else None,
        caption=caption,
        title=caption[match.end() :] if match else caption,
        key=key,
        source_label=label,
        result=result,
        bars=bars,
        note=note,
    )


def axis_maximum(bars: tuple[FigureBar, ...]) -> int:
    """The axis end: the next multiple of 10 percent above the tallest bar (at most 100)."""
    tallest = max((bar.percent for bar in bars), default=0.0)
    return min(100, max(10, 10 * math.ceil(tallest / 10 + 1e-9)))


def bar_string(fraction: float, width: int) -> str:
    """A horizontal bar `fraction` (0-1) of `width` cells long, to an eighth of a cell."""
    eighths = round(max(0.0, min(1.0, fraction)) * width * 8)
    full, part = divmod(eighths, 8)
    return ("█" * full + (_EIGHTHS[part] if part else "")).ljust(width)


def render_figure(figure: FigureData, width: int = 80) -> RenderableType:
    """The figure as Rich text `width` columns wide: title, one bar per arm, axis, source note.

    The axis starts at 0 so bar lengths compare honestly; every label is data, never markup.
    """
    from rich.console import Group
    from rich.text import Text

    longest = max(len(bar.label) for bar in figure.bars)
    label_width = max(8, min(32, longest, width - 40))  # the bars keep about 20 columns
    figures_width = len(" 100.0%  999/999")
    bar_width = max(10, width - label_width - figures_width - 3)
    top = axis_maximum(figure.bars)
    heading = Text(printable(figure.caption), style="bold")
    lines = [heading, Text("")]
    for bar in figure.bars:
        line = Text(_fit(printable(bar.label), label_width) + " │")
        line.append(bar_string(bar.percent / top, bar_width), style="cyan")
        line.append(f" {bar.percent:5.1f}%  {bar.events}/{bar.total}")
        lines.append(line)
    axis = " " * label_width + " └" + "─" * bar_width
    lines.append(Text(axis, style="dim"))
    lines.append(Text(_ticks(label_width + 2, bar_width, top), style="dim"))
    lines.append(Text(""))
    lines.append(Text(printable(figure.note), style="italic"))
    printed = [b for b in figure.bars if b.reported_percent is not None]
    if printed:
        shown = ", ".join(f"{b.reported_percent:g}%" for b in printed)
        lines.append(Text(f"Percentages as the source prints them: {shown}.", style="dim"))
    return Group(*lines)


def _fit(text: str, width: int) -> str:
    """`text` padded to `width`, or cut to it with an ellipsis."""
    return text.ljust(width) if len(text) <= width else text[: width - 1] + "…"


def _ticks(indent: int, width: int, top: int) -> str:
    """Axis labels at 0, the middle and the end of the bar area."""
    row = [" "] * (indent + width + 4)
    free = 0  # the first column a label may start at without touching the previous one
    for value in (0, top, top // 2):
        text = f"{value}%"
        start = indent + round(value / top * width) - (len(text) if value == top else 0)
        if value == top // 2 and not (free <= start and start + len(text) < indent + width - 4):
            continue
        row[start : start + len(text)] = text
        free = start + len(text) + 1 if value == 0 else free
    return "".join(row).rstrip()
