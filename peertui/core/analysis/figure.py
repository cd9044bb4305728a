"""An article's figure redrawn from its source's data: one bar per arm, percent and n/N.

The article shows only a caption ("Figure 1. Hospital readmission rates at one year"); the figures
themselves come from the sources file: the result of a cited reference whose outcome and
timepoint the caption names, with events and totals for both arms.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from peertui.core.bundle.sources import mentions_result
from peertui.core.labels import cited_label
from peertui.core.models import Claim, Corpus, SourceResult

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
    label = cited_label(corpus, key)
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
