"""The core's evidence analytics for one corpus, computed once and shared by every view.

Cross-checks, effect comparisons, reference-list differences, figures and the outcome matrix
are all pure functions of the corpus; the app's views ask for them claim by claim, so they are
computed on first use and kept (the app holds one `Analysis` beside its search index). The core
modules that compute them are imported on first use too: the claims screen's first frame does
without them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from peertui.core.models import Claim, Corpus

if TYPE_CHECKING:
    from peertui.core.analysis.crosscheck import EffectComparison, NumberCheck
    from peertui.core.analysis.figure import FigureData
    from peertui.core.analysis.matrix import OutcomeMatrix
    from peertui.core.analysis.reflist import ListDifference

#: "see Figure 1", "Fig. 2": a claim that points at a figure of the article.
_FIGURE_MENTION = re.compile(r"\bfig(?:ure)?\.?\s*(\d+)", re.IGNORECASE)


@dataclass(eq=False)
class Analysis:
    """What the core finds about one corpus, each part computed on first use."""

    corpus: Corpus

    @cached_property
    def number_checks(self) -> dict[str, list[NumberCheck]]:
        """Each claim's number cross-checks, by claim id."""
        from peertui.core.analysis.crosscheck import number_checks_by_claim

        return number_checks_by_claim(self.corpus)

    @cached_property
    def effects(self) -> list[EffectComparison]:
        """Every source result with counts or an estimate, computed beside reported."""
        from peertui.core.analysis.crosscheck import compare_effects

        return compare_effects(self.corpus)

    @cached_property
    def list_differences(self) -> dict[str, list[ListDifference]]:
        """Where the article's reference list differs from the published record, by bib key."""
        from peertui.core.analysis.reflist import reference_list_differences

        found: dict[str, list[ListDifference]] = {}
        for difference in reference_list_differences(self.corpus):
            found.setdefault(difference.key, []).append(difference)
        return found

    @cached_property
    def figures(self) -> list[FigureData]:
        """The article's figures that the sources' data can redraw."""
        from peertui.core.analysis.figure import figures

        return figures(self.corpus)

    @cached_property
    def matrix(self) -> OutcomeMatrix:
        """The outcome × study grid."""
        from peertui.core.analysis.matrix import outcome_matrix

        return outcome_matrix(self.corpus)

    def prepare(self) -> None:
        """Compute what the claims screen's side panes show, so none of it waits for a key."""
        _ = self.number_checks, self.effects, self.list_differences, self.figures

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
