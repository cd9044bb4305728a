"""Links to claims and references: a one-line button, and a wrapping row of claim backlinks."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.content import Content, Span
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Button

from peertui.core.sanitize import clean
from peertui.tui.formatting import click


class LinkButton(Button):
    """A compact button that remembers what it points at (a claim id or a bib key)."""

    HELP_TITLE = "Reference link"

    def __init__(self, label: str, target: str, *, tooltip: str | None = None) -> None:
        super().__init__(Content(label), compact=True, classes="link", tooltip=tooltip)
        self.target = target


class ClaimLinks(Widget, can_focus=True):
    """ "also cited by C02 C07 …": claim ids that wrap like text.

    Click an id, or focus the row and use left/right and Enter; posts `ClaimLinks.Chosen`.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left", "move(-1)", "Previous link", show=False),
        Binding("right", "move(1)", "Next link", show=False),
        Binding("enter", "choose", "Show claim", id="links.choose"),
    ]

    HELP_TITLE = "Claim links"
    cursor: reactive[int] = reactive(0)

    class Chosen(Message):
        """The user picked a claim from a backlink row."""

        def __init__(self, claim_id: str) -> None:
            super().__init__()
            self.claim_id = claim_id

    def __init__(self, claim_ids: Sequence[str], label: str = "also cited by") -> None:
        super().__init__(classes="claim-links")
        self.claim_ids = list(dict.fromkeys(claim_ids))
        self.label = label

    def render(self) -> Content:
        text = f"{self.label}:"
        spans: list[Span] = [Span(0, len(text), "$text-muted")]
        for index, claim_id in enumerate(self.claim_ids):
            text += " "
            start = len(text)
            text += f" {clean(claim_id)} "
            current = index == self.cursor and self.has_focus
            spans.append(Span(start, len(text), "reverse bold" if current else "$text-primary"))
            spans.append(Span(start, len(text), "underline" if not current else "bold"))
            spans.append(Span(start, len(text), click("choose_index", index)))
        return Content(text, spans=spans)

    def on_focus(self, _: events.Focus) -> None:
        self.refresh()

    def on_blur(self, _: events.Blur) -> None:
        self.refresh()

    def action_move(self, step: int) -> None:
        """Move the cursor along the row."""
        if self.claim_ids:
            self.cursor = (self.cursor + step) % len(self.claim_ids)

    def action_choose(self) -> None:
        """Show the claim under the cursor."""
        if self.claim_ids:
            self.post_message(self.Chosen(self.claim_ids[self.cursor]))

    def action_choose_index(self, index: int) -> None:
        """Show the claim at `index` (a click)."""
        if 0 <= index < len(self.claim_ids):
            self.cursor = index
            self.post_message(self.Chosen(self.claim_ids[index]))
