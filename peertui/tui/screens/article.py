"""The article reader: every body paragraph, claims underlined, the current one highlighted."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.geometry import Region
from textual.widgets import Footer, Static

from peertui.core.analysis.figure import FigureData
from peertui.core.labels import reference_label
from peertui.core.models import Claim
from peertui.core.sanitize import clean, printable, shorten
from peertui.tui.formatting import claim_location, paragraph_content
from peertui.tui.screens.base import PeerScreen
from peertui.tui.widgets.figure_view import FigureView


def wrapped_lines(text: str, width: int, start: int, end: int) -> tuple[int, int]:
    """The first and last wrapped line (from 0) that characters `start`..`end` fall on."""
    first = last = 0
    position = 0
    for number, line in enumerate(Content(text).wrap(width)):
        words = line.plain.strip()
        found = text.find(words, position) if words else position
        line_start = found if found >= 0 else position
        if line_start <= start:
            first = number
        if line_start < end:
            last = number
        position = line_start + len(words)
    return first, last


class Paragraph(Static):
    """One body paragraph; it knows its index so the screen can restyle it."""

    def __init__(self, index: int) -> None:
        super().__init__(classes="paragraph")
        self.index = index


#: Footer groups: moving by claim, moving by paragraph.
CLAIMS = Binding.Group("Claim")
PARAGRAPHS = Binding.Group("Paragraph")


class ArticleScreen(PeerScreen):
    """Reads the article; moving claim by claim (or paragraph by paragraph) selects the claim."""

    VIEW = "article"
    HELP_TITLE = "Article"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j", "next_claim", "Next claim", group=CLAIMS, id="article.next_claim"),
        Binding("up,k", "previous_claim", "Previous claim", group=CLAIMS, id="article.previous"),
        Binding(
            "right_square_bracket,pagedown",
            "next_paragraph",
            "Next paragraph",
            group=PARAGRAPHS,
            id="article.next_paragraph",
        ),
        Binding(
            "left_square_bracket,pageup",
            "previous_paragraph",
            "Previous paragraph",
            group=PARAGRAPHS,
            id="article.previous_paragraph",
        ),
        Binding("home,g", "first_claim", "First claim", show=False, id="article.first_claim"),
        Binding("end,G", "last_claim", "Last claim", show=False, id="article.last_claim"),
        Binding("r", "reference", "Reference", id="article.reference"),
        Binding("enter", "open_claim", "Open", id="article.open_claim"),
        Binding("c", "copy", "Copy", show=False, id="article.copy"),
    ]

    def __init__(self) -> None:
        super().__init__()
        #: Claims in reading order with where they stand: (claim, paragraph, start, end).
        self.placed: list[tuple[Claim, int, int, int]] = []
        self.paragraph = 0

    def compose(self) -> ComposeResult:
        article = self.peer.corpus.article
        yield self.view_bar()
        # Not focusable: up/down belong to the screen (claim by claim), not to scrolling.
        with VerticalScroll(id="article", can_focus=False):
            if article is not None:
                head = [Content.styled(clean(article.title) or "Untitled article", "bold $primary")]
                byline = ", ".join(clean(a) for a in article.authors)
                if article.affiliation:
                    byline = (
                        f"{byline} · {clean(article.affiliation)}"
                        if byline
                        else clean(article.affiliation)
                    )
                if byline:
                    head.append(Content.styled(byline, "italic"))
                yield Static(Content("\n").join(head), id="article-head")
                drawn = self._figures_by_paragraph()
                for index in range(len(article.paragraphs)):
                    yield Paragraph(index)
                    for figure in drawn.get(index, []):
                        yield FigureView(figure, classes="article-figure")
        yield Static(id="article-status")
        yield Footer(compact=True, show_command_palette=False)

    def _figures_by_paragraph(self) -> dict[int, list[FigureData]]:
        """Each redrawable figure under the paragraph that holds its caption."""
        corpus = self.peer.corpus
        placed: dict[int, list[FigureData]] = {}
        for figure in self.peer.analysis.figures:
            claim = corpus.claim(figure.claim_id)
            location = claim_location(corpus, claim) if claim else None
            if location is not None:
                placed.setdefault(location[0], []).append(figure)
        return placed

    def on_mount(self) -> None:
        corpus = self.peer.corpus
        found = []
        for claim in corpus.claims:
            location = claim_location(corpus, claim)
            if location is not None:
                found.append((claim, *location))
        self.placed = sorted(found, key=lambda item: (item[1], item[2]))
        self.sync()

    @property
    def claim(self) -> Claim | None:
        """The claim under the cursor, if it stands in the article."""
        claim_id = self.peer.current_claim_id
        return next((c for c, *_ in self.placed if c.id == claim_id), None)

    def sync(self) -> None:
        """Highlight the app's current claim and scroll to it."""
        if not self.is_mounted:
            return
        claim = self.claim
        if claim is not None:
            self.paragraph = next(p for c, p, _, _ in self.placed if c is claim)
        self._redraw()

    def _redraw(self) -> None:
        corpus = self.peer.corpus
        if corpus.article is None:
            return
        current = self.claim
        for widget in self.query(Paragraph):
            spans = [(c, s, e) for c, p, s, e in self.placed if p == widget.index]
            text = corpus.article.paragraphs[widget.index][1]
            widget.update(paragraph_content(corpus, text, spans, current.id if current else None))
            widget.set_class(widget.index == self.paragraph, "-current")
        self.call_after_refresh(self._scroll_to_current)
        status = self.query_one("#article-status", Static)
        where = f"¶ {self.paragraph + 1}/{len(corpus.article.paragraphs)}  "
        if current is None:
            status.update(Content.assemble((where, "bold"), ("no claim selected", "dim")))
        else:
            refs = ", ".join(
                clean(reference_label(key, r))
                for key in current.cites
                if (r := corpus.reference(key))
            )
            status.update(
                Content.assemble(
                    (where, "bold"),
                    (clean(current.id), "bold $primary"),
                    "  " + shorten(current.text, 70),
                    ("  → " + refs, "$accent") if refs else "",
                )
            )

    def _scroll_to_current(self) -> None:
        """Bring the current claim's lines into view (a paragraph can be taller than the view)."""
        paragraphs = list(self.query(Paragraph))
        article = self.peer.corpus.article
        if not paragraphs or article is None:
            return
        widget = paragraphs[min(self.paragraph, len(paragraphs) - 1)]
        scroll = self.query_one("#article", VerticalScroll)
        claim = self.claim
        span = next(
            ((s, e) for c, p, s, e in self.placed if c is claim and p == widget.index), None
        )
        width = widget.content_region.width
        if span is None or width <= 0:
            scroll.scroll_to_widget(widget, animate=False)
            return
        start, end = span
        first, last = wrapped_lines(
            printable(article.paragraphs[widget.index][1]), width, start, end
        )
        top = widget.virtual_region.y + widget.styles.padding.top + first
        height = last - first + 1
        # A caption brings its redrawn figure along, when both fit in the view.
        figure = next((f for f in self.query(FigureView) if f.figure.claim_id == claim.id), None)
        if figure is not None and figure.virtual_region.bottom - top <= scroll.size.height:
            height = figure.virtual_region.bottom - top
        scroll.scroll_to_region(Region(0, top, scroll.size.width, height), animate=False)

    def _select(self, index: int) -> None:
        claim, paragraph, _, _ = self.placed[index]
        self.peer.current_claim_id = claim.id
        self.paragraph = paragraph
        self._redraw()

    def _index(self) -> int | None:
        claim = self.claim
        return next((i for i, (c, *_) in enumerate(self.placed) if c is claim), None)

    def action_next_claim(self) -> None:
        """Move to the next claim in reading order."""
        index = self._index()
        if self.placed:
            self._select(0 if index is None else min(index + 1, len(self.placed) - 1))

    def action_previous_claim(self) -> None:
        """Move to the previous claim in reading order."""
        index = self._index()
        if self.placed:
            self._select(0 if index is None else max(index - 1, 0))

    def action_first_claim(self) -> None:
        """Move to the article's first claim."""
        if self.placed:
            self._select(0)

    def action_last_claim(self) -> None:
        """Move to the article's last claim."""
        if self.placed:
            self._select(len(self.placed) - 1)

    def _to_paragraph(self, paragraph: int) -> None:
        corpus = self.peer.corpus
        if corpus.article is None or not corpus.article.paragraphs:
            return
        self.paragraph = max(0, min(paragraph, len(corpus.article.paragraphs) - 1))
        first = next((i for i, (_, p, _, _) in enumerate(self.placed) if p == self.paragraph), None)
        if first is None:
            self._redraw()
        else:
            self._select(first)

    def action_next_paragraph(self) -> None:
        """Move to the next paragraph (its first claim, if it has one)."""
        self._to_paragraph(self.paragraph + 1)

    def action_previous_paragraph(self) -> None:
        """Move to the previous paragraph (its first claim, if it has one)."""
        self._to_paragraph(self.paragraph - 1)

    def action_select_claim(self, claim_id: str) -> None:
        """Select a claim by clicking its sentence."""
        index = next((i for i, (c, *_) in enumerate(self.placed) if c.id == claim_id), None)
        if index is not None:
            self._select(index)

    def action_reference(self) -> None:
        """Jump to the current claim's first cited reference."""
        claim = self.claim
        corpus = self.peer.corpus
        ref = (
            next((r for key in claim.cites if (r := corpus.reference(key))), None)
            if claim
            else None
        )
        if ref is None:
            self.notify("The current claim cites no reference.", severity="warning")
        else:
            self.peer.show_reference(ref.key)

    def action_open_claim(self) -> None:
        """Show the current claim on the claims screen."""
        claim = self.claim
        if claim is not None:
            self.peer.show_claim(claim.id)

    def action_copy(self) -> None:
        """Copy the current claim's text."""
        claim = self.claim
        if claim is not None:
            self.peer.copy_text(claim.text, f"claim {claim.id}")
