"""The core's evidence analytics for one corpus, computed once and shared by every view.

Cross-checks, effect comparisons, reference-list differences, figures and the outcome matrix
are all pure functions of the corpus; the app's views ask for them claim by claim, so they are
computed on first use and kept for the corpus most recently asked about.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from peertui.core.crosscheck import (
    EffectComparison,
    ListDifference,
    NumberCheck,
    compare_effects,
    number_checks_by_claim,
    reference_list_differences,
)
from peertui.core.figure import FigureData, figures
from peertui.core.matrix import OutcomeMatrix, outcome_matrix
from peertui.core.models import Claim, Corpus

#: "see Figure 1", "Fig. 2": a claim that points at a figure of the article.
_FIGURE_MENTION = re.compile(r"\bfig(?:ure)?\.?\s*(\d+)", re.IGNORECASE)


@dataclass(eq=False)
class Analysis:
    """What the core finds about one corpus, each part computed on first use."""

    corpus: Corpus

    @cached_property
    def number_checks(self) -> dict[str, list[NumberCheck]]:
        """Each claim's number cross-checks, by claim id."""
        return number_checks_by_claim(self.corpus)

    @cached_property
    def effects(self) -> list[EffectComparison]:
        """Every source result with counts or an estimate, computed beside reported."""
        return compare_effects(self.corpus)

    @cached_property
    def list_differences(self) -> dict[str, list[ListDifference]]:
        """Where the article's reference list differs from the published record, by bib key."""
        found: dict[str, list[ListDifference]] = {}
        for difference in reference_list_differences(self.corpus):
            found.setdefault(difference.key, []).append(difference)
        return found

    @cached_property
    def figures(self) -> list[FigureData]:
        """The article's figures that the sources' data can redraw."""
        return figures(self.corpus)

    @cached_property
    def matrix(self) -> OutcomeMatrix:
        """The outcome × study grid."""
        return outcome_matrix(self.corpus)

    def checks_for(self, claim: Claim) -> list[NumberCheck]:
        """The cross-checks of a claim's numbers, in the claim's order."""
        return self.number_checks.get(claim.id, [])

    def effects_for(self, claim: Claim) -> list[EffectComparison]:
        """The source results a claim reports (by outcome, or as the figure it captions)."""
        return [c for c in self.effects if claim.id in c.claim_ids]

    def figures_for(self, claim: Claim) -> list[FigureData]:
        """The figures a claim is the caption of, or names ("see Figure 1")."""
        named = {int(n) for n in _FIGURE_MENTION.findall(claim.text)}
        return [f for f in self.figures if f.claim_id == claim.id or f.number in named]


_last: Analysis | None = None


def analysis_of(corpus: Corpus) -> Analysis:
    """The analysis of `corpus`, reused while the same corpus object is asked about."""
    global _last
    if _last is None or _last.corpus is not corpus:
        _last = Analysis(corpus)
    return _last
