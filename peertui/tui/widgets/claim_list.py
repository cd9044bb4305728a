"""The list of every claim: mark, id, evidence counts and the start of its text."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from peertui.core.models import Claim, Problem
from peertui.core.sanitize import clean
from peertui.tui.formatting import claim_mark


def claim_prompt(claim: Claim, problems: Sequence[Problem]) -> Content:
    """One line: ✓/✗, id, how many references, numbers and outcomes, then the text."""
    mark = claim_mark(problems)
    counts = f" {len(claim.cites)}r {len(claim.numbers)}n {len(claim.outcomes)}o "
    return Content.assemble(
        mark,
        (clean(claim.id), "bold"),
        (counts, "dim"),
        clean(claim.text),
    )


class ClaimList(OptionList):
    """Claims as options; moving the highlight selects a claim (posts `ClaimList.Selected`)."""

    HELP_TITLE = "Claim list"

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
        self._ids = [claim.id for claim in claims]
        options = [Option(claim_prompt(c, marks.get(c.id, ()))) for c in claims]
        super().__init__(*options, id=id)

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
