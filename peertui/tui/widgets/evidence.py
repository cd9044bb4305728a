"""The evidence beside a claim: its references, its numbers and its outcomes.

Each pane has a `claim_id` reactive; the claims screen sets it and the pane redraws itself.
What the core's analytics add (cross-checks, computed effects, figures, reference-list
findings) is drawn once `analytics` is set: the claims screen sets it after its first frame, so
that frame shows the claim and its evidence without waiting for them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Static

from peertui.core.analysis.analytics import Analysis
from peertui.core.analysis.direction import NEUTRAL, benefit_of
from peertui.core.analysis.marks import INVALID_MARK, verdict
from peertui.core.models import Claim, Outcome
from peertui.core.sanitize import clean
from peertui.render.direction import direction_colour, direction_label
from peertui.tui.formatting import THEME_COLOURS, VERDICT_STYLES, number_status
from peertui.tui.widgets.reference_card import ReferenceCard

if TYPE_CHECKING:
    from peertui.core.analysis.crosscheck import EffectComparison
    from peertui.core.analysis.figure import FigureData

CONTEXT_NOTE = (
    "Cited by context: the sentence carries no citation marker of its own; "
    "it reports the study cited just before it."
)


class PaneStart(NamedTuple):
    """What a pane's first compose shows: this claim, with or without the analytics."""

    claim_id: str | None = None
    analytics: bool = True


class EvidencePane(Vertical):
    """A titled pane that redraws for the claim in `claim_id`."""

    claim_id: reactive[str | None] = reactive(None, recompose=True)
    #: Whether to draw the core's analytics too.
    analytics: reactive[bool] = reactive(True, recompose=True)
    TITLE = ""

    def __init__(
        self, analysis: Analysis, start: PaneStart | None = None, *, id: str | None = None
    ) -> None:
        super().__init__(id=id, classes="evidence-pane")
        start = start or PaneStart()
        self.analysis = analysis
        self.corpus = analysis.corpus
        self.set_reactive(EvidencePane.claim_id, start.claim_id)
        self.set_reactive(EvidencePane.analytics, start.analytics)
        self.border_title = self.title_for(self.claim)

    @property
    def claim(self) -> Claim | None:
        """The claim shown, if any."""
        return self.corpus.claim(self.claim_id) if self.claim_id else None

    def watch_claim_id(self) -> None:
        claim = self.claim
        self.border_title = self.title_for(claim)

    def title_for(self, claim: Claim | None) -> str:
        """The border title, with a count."""
        return self.TITLE

    def empty(self, text: str) -> Static:
        """A dim line saying there is nothing to show."""
        return Static(Content.styled(text, "dim"), classes="empty")


class ReferencesPane(EvidencePane):
    """The claim's cited references, each with its citation and backlinks."""

    TITLE = "References"

    def title_for(self, claim: Claim | None) -> str:
        return f"References ({len(claim.cites)})" if claim else self.TITLE

    def compose(self) -> ComposeResult:
        claim = self.claim
        if claim is None:
            return
        if claim.cited_by_context:
            yield Static(Content.styled(CONTEXT_NOTE, "italic $secondary"), classes="context")
        if not claim.cites:
            yield self.empty("This claim cites no reference.")
        for key in dict.fromkeys(claim.cites):
            ref = self.corpus.reference(key)
            if ref is None:
                yield Static(
                    Content.assemble(("✗ ", "bold $error"), f"'{clean(key)}' is not in the bib"),
                    classes="missing",
                )
            else:
                yield ReferenceCard(self.analysis, ref, exclude=claim.id, analytics=self.analytics)


class NumbersPane(EvidencePane):
    """The quantities the claim states, each checked against its text and its cited sources."""

    TITLE = "Numbers"

    def title_for(self, claim: Claim | None) -> str:
        return f"Numbers ({len(claim.numbers)})" if claim else self.TITLE

    def compose(self) -> ComposeResult:
        claim = self.claim
        if claim is None:
            return
        if not claim.numbers:
            yield self.empty("This claim states no number.")
        checks = self.analysis.checks_for(claim) if self.analytics else []
        for index, number in enumerate(claim.numbers):
            check = checks[index] if index < len(checks) else None
            status = number_status(self.corpus, claim, number)
            # The mark is the cross-check's (= ≠ ○ ·); ✗ only when the entry itself is wrong.
            if status != "verified":
                mark = (f"{INVALID_MARK} ", "bold $error")
            elif check is None:
                mark = ("  ", "")
            else:
                symbol, _ = verdict(self.corpus, claim, check)
                mark = (f"{symbol} ", VERDICT_STYLES.get(symbol, "bold $text-muted"))
            parts: list[str | tuple[str, str]] = [
                mark,
                (f"{number.display_value} {clean(number.unit)}".strip(), "bold $accent"),
            ]
            if number.role:
                parts.append((f"  {clean(number.role)}", "italic"))
            if status != "verified":
                parts.append((f"  ({status})", "$error"))
            parts.append(("\n  “" + clean(number.quote) + "”", "dim"))
            if number.note:
                parts.append("\n  " + clean(number.note))
            with Vertical(classes="number"):
                yield Static(Content.assemble(*parts))
                if check is not None:
                    from peertui.tui.analytics_format import check_content

                    yield Static(
                        check_content(self.corpus, check, claim),
                        classes=f"cross-check -{check.status.replace(' ', '-')}",
                    )


class OutcomesPane(EvidencePane):
    """The outcomes the claim reports: what, which way, when, against what, in which study;
    after each, the effects computed from its source's counts beside the reported ones."""

    TITLE = "Outcomes"

    def title_for(self, claim: Claim | None) -> str:
        return f"Outcomes ({len(claim.outcomes)})" if claim else self.TITLE

    def compose(self) -> ComposeResult:
        claim = self.claim
        if claim is None:
            return
        if not claim.outcomes:
            yield self.empty("This claim reports no outcome.")
        effects = self.analysis.effects_for(claim) if self.analytics else []
        # Outcomes measured the same way (direction, when, against what, which study) share one
        # heading, so a claim reporting seven outcomes of one trial stays readable.
        groups: dict[tuple[str, tuple[str, ...], str, str], list[Outcome]] = {}
        for outcome in claim.outcomes:
            how = (outcome.direction, tuple(outcome.timepoints), outcome.comparator, outcome.study)
            groups.setdefault(how, []).append(outcome)
        for (direction, timepoints, comparator, study_id), outcomes in groups.items():
            benefit = benefit_of(direction)
            style = THEME_COLOURS.get(direction_colour(direction), "$warning")
            heading = (
                f"{benefit.capitalize()} with the intervention"
                if benefit
                else direction_label(direction)
            )
            parts: list[str | tuple[str, str]] = [(clean(heading), f"bold {style}")]
            if timepoints:
                parts.append("  at " + ", ".join(clean(t) for t in timepoints))
            if comparator:
                parts.append("\n  vs " + clean(comparator))
            if study_id:
                study = self.corpus.study(study_id)
                parts.append(("\n  " + clean(study.label if study else study_id), "italic"))
            for outcome in outcomes:
                parts.append(("\n  • " + clean(self.corpus.outcome_label(outcome.id)), "bold"))
                if direction not in NEUTRAL:
                    parts.append((f"  {clean(direction_label(direction, outcome.id))}", style))
                if outcome.measure:
                    parts.append(("  “" + clean(outcome.measure) + "”", "dim"))
            yield Static(Content.assemble(*parts), classes="outcome")
            ids = {outcome.id for outcome in outcomes}
            shown = [c for c in effects if c.result.outcome in ids]
            effects = [c for c in effects if c not in shown]
            yield from self._effects(shown)
        yield from self._effects(effects)  # results the claim reports as a figure it captions

    def _effects(self, comparisons: list[EffectComparison]) -> ComposeResult:
        if comparisons:
            from peertui.tui.analytics_format import effect_content
        for comparison in comparisons:
            yield Static(effect_content(self.corpus, comparison), classes="effect")


class FigurePane(EvidencePane):
    """The article's figure a claim captions or points at, redrawn from its source's data."""

    TITLE = "Figure"

    def on_mount(self) -> None:
        self.watch_claim_id()

    def watch_claim_id(self) -> None:
        found = self._figures()
        self.display = bool(found)
        numbers = [str(f.number) for f in found if f.number is not None]
        self.border_title = f"Figure {', '.join(numbers)}" if numbers else self.TITLE

    def watch_analytics(self) -> None:
        self.watch_claim_id()

    def _figures(self) -> list[FigureData]:
        claim = self.claim
        if claim is None or not self.analytics:
            return []
        return self.analysis.figures_for(claim)

    def compose(self) -> ComposeResult:
        found = self._figures()
        if found:
            from peertui.tui.widgets.figure_view import FigureView

            yield from (FigureView(figure) for figure in found)
