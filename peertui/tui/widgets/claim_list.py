"""The list of every claim: its marks, id, evidence counts and its text on up to two lines."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import ClassVar

from textual.binding import BindingType
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from peertui.core.analysis.findings import failing
from peertui.core.analysis.marks import DIFFERS_MARK, INVALID_MARK, VALID_MARK
from peertui.core.models import Claim, Problem
from peertui.core.sanitize import clean
from peertui.tui.keys import LIST_KEYS

#: What the list's marks and counts mean (shown under it).
LEGEND = (
    f"{VALID_MARK} valid  {INVALID_MARK} problems  {DIFFERS_MARK} a source differs · "
    "r references  n numbers  o outcomes"
)


def claim_prompt(
    claim: Claim, problems: Sequence[Problem], width: int = 0, lines: int = 2
) -> Content:
    """ "✓ C05 ≠ 2r 2n 0o Cook and colleagues…" cut to `lines` lines of `width` (0: uncut).

    ✓/✗ say whether the entry is valid (no error or warning concerns it); ≠ that a cited
    source or the published record says otherwise (a finding about the article, not a fault
    of the entry).
    """
    bad = failing(problems)
    mark = (f"{INVALID_MARK} ", "bold $error") if bad else (f"{VALID_MARK} ", "bold $success")
    differs = any(p.severity == "finding" for p in problems)
    counts = f" {len(claim.cites)}r {len(claim.numbers)}n {len(claim.outcomes)}o "
    content = Content.assemble(
        mark,
        (clean(claim.id), "bold"),
        (f" {DIFFERS_MARK}", "bold $error") if differs else "",
        (counts, "dim"),
        clean(claim.text),
    )
    if width <= 1:
        return content
    wrapped = content.wrap(width)
    if len(wrapped) > lines:
        wrapped[lines - 1] = wrapped[lines - 1].rstrip().truncate(width - 1) + "…"
    return Content("\n").join(line.rstrip() for line in wrapped[:lines])


class ClaimList(OptionList):
    """Claims as options; moving the highlight selects a claim (posts `ClaimList.Selected`).

    Each claim's text wraps onto a second line cut to the list's width, so the prompts are
    made again when the width changes; the highlighted claim stays in view.
    """

    HELP_TITLE = "Claim list"
    BINDINGS: ClassVar[list[BindingType]] = LIST_KEYS

    class Selected(Message):
        """The user moved to (or chose) a claim."""

        def __init__(self, claim_id: str, chosen: bool = False) -> None:
            super().__init__()
            self.claim_id = claim_id
            #: True when picked with Enter or a click rather than by moving the cursor.
            self.chosen = chosen

    def __init__(
        self,
        claims: Sequence[Claim],
        marks: Mapping[str, Sequence[Problem]],
        *,
        id: str | None = None,
    ) -> None:
        # Options carry no ids: a bundle may repeat a claim id (verify reports it), and the list
        # must still show every claim.
        self._claims = list(claims)
        self._ids = [claim.id for claim in claims]
        self._marks = marks
        self._fitted_width = 0
        self._prompt_lines = 2
        options = [Option(claim_prompt(c, marks.get(c.id, ()))) for c in claims]
        super().__init__(*options, id=id)

    def fit(self, lines: int) -> None:
        """Give each claim's text at most `lines` lines (one where the list is short)."""
        if lines != self._prompt_lines:
            self._prompt_lines = lines
            self._reprompt()

    def _prompt_width(self) -> int:
        padding = self.get_component_styles("option-list--option").padding
        return self.scrollable_content_region.width - self._get_left_gutter_width() - padding.width

    def _reprompt(self) -> None:
        width, lines, marks = self._fitted_width, self._prompt_lines, self._marks
        for index, claim in enumerate(self._claims):
            prompt = claim_prompt(claim, marks.get(claim.id, ()), width, lines)
            self.replace_option_prompt_at_index(index, prompt)
        self.call_after_refresh(self.scroll_to_highlight)

    def on_resize(self) -> None:
        width = self._prompt_width()
        if width != self._fitted_width:
            self._fitted_width = width
            self._reprompt()
        else:
            self.call_after_refresh(self.scroll_to_highlight)

    def select_claim(self, claim_id: str) -> None:
        """Move the highlight to `claim_id` (quietly, if it is already there)."""
        if claim_id not in self._ids:
            return
        index = self._ids.index(claim_id)
        if self.highlighted != index:
            self.highlighted = index

    @property
    def claim_id(self) -> str | None:
        """The highlighted claim's id."""
        index = self.highlighted
        return None if index is None else self._ids[index]

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self.post_message(self.Selected(self._ids[event.option_index]))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(self.Selected(self._ids[event.option_index], chosen=True))
