"""One reference: its formatted citation, what the article prints differently (an author the
article's reference list misspells, found by the cross-check), its backlinks."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Button, Static

from peertui.core.analysis.analytics import Analysis
from peertui.core.labels import reference_label
from peertui.core.models import Reference
from peertui.core.sanitize import clean, shown_key
from peertui.tui.formatting import TAG_STYLE, citation_content, identifiers
from peertui.tui.widgets.links import ClaimLinks, LinkButton


class ReferenceCard(Vertical):
    """A reference as the claims screen and the references browser show it.

    `full` adds every author, the identifiers and the article's own form of the entry;
    `analytics` the cross-check's findings (the claims screen draws them after its first frame).
    Posts `ReferenceCard.Opened` when its title button is pressed.
    """

    class Opened(Message):
        """The user asked to see this reference in the references browser."""

        def __init__(self, key: str) -> None:
            super().__init__()
            self.key = key

    def __init__(
        self,
        analysis: Analysis,
        ref: Reference,
        *,
        exclude: str | None = None,
        full: bool = False,
        analytics: bool = True,
    ) -> None:
        super().__init__(classes="reference-card")
        self.analysis = analysis
        self.corpus = analysis.corpus
        self.ref = ref
        self.exclude = exclude
        self.full = full
        self.analytics = analytics

    def compose(self) -> ComposeResult:
        ref = self.ref
        if not self.full:
            yield LinkButton(
                clean(reference_label(ref.key, ref)),
                ref.key,
                tooltip="Open in the references browser",
            )
        yield Static(citation_content(ref, limit=0 if self.full else 3), classes="citation")
        if self.full:
            ids = [
                Content.assemble((f"{label}: ", "bold"), clean(value))
                + (Content.styled(" [unverified]", TAG_STYLE) if unverified else "")
                for label, value, unverified in identifiers(ref)
            ]
            ids.insert(0, Content.assemble(("Key: ", "bold"), clean(shown_key(ref.key))))
            yield Static(Content("\n").join(ids), classes="identifiers")
            printed = ref.extra.get("printed", "")
            if printed:  # a drafted entry: the parsed fields above, the source of them here
                yield Static(
                    Content.assemble(("Printed: ", "bold"), clean(printed)), classes="printed"
                )
            article_form = ref.extra.get("article-form", "")
            if article_form:
                yield Static(
                    Content.assemble(("The article prints: ", "bold"), clean(article_form)),
                    classes="article-form",
                )
        found = self.analysis.list_differences.get(ref.key) if self.analytics else None
        if found:
            from peertui.tui.analytics_format import list_difference_content

            for difference in found:
                yield Static(list_difference_content(difference), classes="list-finding")
        differences = ref.extra.get("article-differences", "")
        if differences:
            yield Static(
                Content.assemble(("Article differs: ", "bold $warning"), clean(differences)),
                classes="differences",
            )
        citing = [c.id for c in self.corpus.claims_citing(ref.key) if c.id != self.exclude]
        if citing:
            yield ClaimLinks(citing, "also cited by" if self.exclude else "cited by")
        elif self.full:
            yield Static(Content.styled("No claim cites this reference.", "dim"))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if isinstance(event.button, LinkButton) and event.button.target == self.ref.key:
            event.stop()
            self.post_message(self.Opened(self.ref.key))
