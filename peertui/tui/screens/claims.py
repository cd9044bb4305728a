"""The main screen: every claim, the selected one in full, and its evidence."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Footer, Static

from peertui.core.models import Claim, Reference
from peertui.tui.screens.base import NARROW_WIDTH, SearchingScreen
from peertui.tui.widgets.claim_list import LEGEND, ClaimList
from peertui.tui.widgets.claim_view import ClaimView, ParagraphView
from peertui.tui.widgets.evidence import (
    EvidencePane,
    FigurePane,
    NumbersPane,
    OutcomesPane,
    PaneStart,
    ReferencesPane,
)
from peertui.tui.widgets.links import ClaimLinks, LinkButton
from peertui.tui.widgets.panes import ScrollPane
from peertui.tui.widgets.reference_card import ReferenceCard
from peertui.tui.widgets.search_bar import SearchBar

#: From this many columns the claim, its evidence and the list stand side by side.
WIDE_WIDTH = 110


class ClaimsScreen(SearchingScreen):
    """Claims on the left, the selected claim and its references, numbers and outcomes beside.

    The first frame shows the claim and its evidence; the core's analytics (cross-checks,
    computed effects, figures) are computed once that frame is drawn and then fill in.
    """

    VIEW = "claims"
    HELP_TITLE = "Claims"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("c", "copy", "Copy", id="claims.copy"),
        Binding("o", "open_doi", "DOI", id="claims.open_doi"),
        Binding("r", "first_reference", "Reference", id="claims.reference"),
        Binding("l", "focus_list", "Claim list", show=False, id="claims.list"),
    ]

    #: Whether the side panes draw the core's analytics yet (from just after the first frame).
    analytics_shown = False

    def compose(self) -> ComposeResult:
        peer = self.peer
        # The panes compose for the current claim at once, not a refresh after mounting.
        first = PaneStart(peer.current_claim_id, self.analytics_shown)
        yield self.view_bar()
        yield SearchBar(peer.search_index, cursor_blink=peer.cursor_blink, id="search")
        with Horizontal(id="body"):
            with Vertical(id="claim-column"):
                listed = ClaimList(peer.corpus.claims, peer.marks, id="claim-list")
                listed.border_title = f"Claims ({len(peer.corpus.claims)})"
                yield listed
                yield Static(Content.styled(LEGEND, "dim"), id="claim-legend")
            # Wide, the claim and its evidence scroll side by side, each pane on its own;
            # narrower, one pane holds both and scrolls (see `_apply_width`).
            with ScrollPane(title="Claim and evidence", id="content"):
                with ScrollPane(title="Claim", id="detail"):
                    yield ClaimView(peer.corpus, peer.marks, id="claim-view")
                    yield NumbersPane(peer.analysis, first, id="numbers-pane")
                    yield OutcomesPane(peer.analysis, first, id="outcomes-pane")
                    yield FigurePane(peer.analysis, first, id="figure-pane")
                    yield ParagraphView(peer.corpus, id="claim-paragraph")
                with ScrollPane(title="References", id="evidence"):
                    yield ReferencesPane(peer.analysis, first, id="references-pane")
        yield Footer(compact=True, show_command_palette=False)

    def _apply_width(self, width: int) -> None:
        """Below WIDE_WIDTH the claim and its evidence stack in one scrolling pane; from it
        on they stand side by side and each scrolls on its own: only the panes that scroll
        take the focus, so Tab always lands on one that the arrows and page keys move."""
        super()._apply_width(width)
        wide = width >= WIDE_WIDTH
        self.set_class(not wide, "-stacked")
        self.query_one(ClaimList).fit(1 if width < NARROW_WIDTH else 2)
        for pane in self.query(ScrollPane):
            pane.can_focus = wide != (pane.id == "content")
        focused = self.focused
        if isinstance(focused, ScrollPane) and not focused.can_focus:
            (self.query_one("#detail" if wide else "#content", ScrollPane)).focus()

    def on_mount(self) -> None:
        self.query_one(ClaimList).focus()
        self.sync()
        self.call_after_refresh(self._show_analytics)

    def _show_analytics(self) -> None:
        """Compute the side panes' analytics and draw them (run after the first frame)."""
        analysis = self.peer.analysis
        analysis.prepare()
        self.analytics_shown = True
        for pane in self.query(EvidencePane):
            pane.analytics = True

    @property
    def claim(self) -> Claim | None:
        """The claim on show."""
        claim_id = self.peer.current_claim_id
        return self.peer.corpus.claim(claim_id) if claim_id else None

    def sync(self) -> None:
        """Select the app's current claim in the list and show it."""
        claim_id = self.peer.current_claim_id
        if claim_id is None or not self.is_mounted:
            return
        self.query_one(ClaimList).select_claim(claim_id)
        self._show(claim_id)

    def _show(self, claim_id: str) -> None:
        self.query_one(ClaimView).claim_id = claim_id
        self.query_one(ParagraphView).claim_id = claim_id
        for pane in (ReferencesPane, NumbersPane, OutcomesPane, FigurePane):
            self.query_one(pane).claim_id = claim_id
        for scrolled in self.query("#content, #detail, #evidence"):
            scrolled.scroll_home(animate=False)

    def on_claim_list_selected(self, event: ClaimList.Selected) -> None:
        event.stop()
        self.peer.current_claim_id = event.claim_id
        self._show(event.claim_id)

    def on_claim_links_chosen(self, event: ClaimLinks.Chosen) -> None:
        event.stop()
        self.peer.show_claim(event.claim_id)

    def on_reference_card_opened(self, event: ReferenceCard.Opened) -> None:
        event.stop()
        self.peer.show_reference(event.key)

    def focus_main(self) -> None:
        """Leaving the search box lands on the claim list."""
        self.query_one(ClaimList).focus()

    def action_select_claim(self, claim_id: str) -> None:
        """Select a claim (clicked in the article paragraph)."""
        self.peer.show_claim(claim_id)

    def action_focus_list(self) -> None:
        """Put the cursor back in the claim list."""
        self.query_one(ClaimList).focus()

    def selected_reference(self) -> Reference | None:
        """The reference whose button has focus, else the claim's first reference."""
        focused = self.focused
        corpus = self.peer.corpus
        if isinstance(focused, LinkButton) and (ref := corpus.reference(focused.target)):
            return ref
        claim = self.claim
        if claim is None:
            return None
        return next((r for key in claim.cites if (r := corpus.reference(key))), None)

    def action_copy(self) -> None:
        """Copy the claim's text."""
        claim = self.claim
        if claim is not None:
            self.peer.copy_text(claim.text, f"claim {claim.id}")

    def action_open_doi(self) -> None:
        """Open the DOI of the selected (or first) reference in a browser."""
        self.peer.open_doi(self.selected_reference())

    def action_first_reference(self) -> None:
        """Show the claim's first reference in the references browser."""
        ref = self.selected_reference()
        if ref is None:
            self.notify("This claim cites no reference.", severity="warning")
        else:
            self.peer.show_reference(ref.key)
