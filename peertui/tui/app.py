"""The peertui app: screens as modes, app-wide bindings, navigation, export and the palette."""

from __future__ import annotations

import importlib
import sys
import threading
from collections.abc import Sequence
from functools import partial
from typing import TYPE_CHECKING, ClassVar

from textual.app import App
from textual.binding import Binding, BindingType

from peertui.core.analysis.analytics import Analysis
from peertui.core.bundle.reload import Stamp
from peertui.core.models import Corpus, Problem, Reference
from peertui.core.sanitize import clean
from peertui.tui.exporting import ExportMemory
from peertui.tui.formatting import claim_marks
from peertui.tui.launch import hold_collector, settle_collector
from peertui.tui.live import LiveBundle
from peertui.tui.palette import JumpProvider
from peertui.tui.widgets.search_bar import SearchBar

if TYPE_CHECKING:
    from textual.screen import Screen

    from peertui.core.search.engine import Hit, SearchIndex
    from peertui.tui.screens.base import PeerScreen
    from peertui.tui.screens.export import ExportRequest

#: Mode name -> the module and class of the screen that shows it. A screen's module is
#: imported when the view is first shown, so the first frame does not wait for the others.
VIEWS = {
    "claims": ("peertui.tui.screens.claims", "ClaimsScreen"),
    "references": ("peertui.tui.screens.references", "ReferencesScreen"),
    "article": ("peertui.tui.screens.article", "ArticleScreen"),
    "matrix": ("peertui.tui.screens.matrix", "MatrixScreen"),
    "problems": ("peertui.tui.screens.problems", "ProblemsScreen"),
}


#: How many followed links the back key remembers.
TRAIL_LENGTH = 100


def view_screen(view: str) -> PeerScreen:
    """A new screen for `view`, its module imported on first use."""
    module, name = VIEWS[view]
    screen: PeerScreen = getattr(importlib.import_module(module), name)()
    return screen


class PeerApp(LiveBundle):
    """Explore a bundle: its claims, their references, numbers and outcomes, and the article."""

    TITLE = "peertui"
    CSS_PATH = "app.tcss"
    COMMANDS = App.COMMANDS | {JumpProvider}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit", id="app.quit"),
        Binding("question_mark", "help", "Help", key_display="?", id="app.help"),
        Binding("slash", "search", "Search", key_display="/", id="app.search"),
        Binding("e", "export", "Export", id="app.export"),
        Binding("1", "view('claims')", "Claims", show=False, id="app.view_claims"),
        Binding("2", "view('references')", "References", show=False, id="app.view_references"),
        Binding("3", "view('article')", "Article", show=False, id="app.view_article"),
        Binding("4", "view('matrix')", "Matrix", show=False, id="app.view_matrix"),
        Binding("p", "view('problems')", "Problems", show=False, id="app.view_problems"),
        Binding(
            "backspace",
            "back_link",
            "Back to where a link was followed",
            show=False,
            id="app.back_link",
        ),
        Binding("ctrl+r", "reload", "Reload the bundle", show=False, id="app.reload"),
        Binding(
            "ctrl+p",
            "command_palette",
            "Jump to a claim or reference",
            show=False,
            priority=True,
            id="app.palette",
        ),
    ]

    def __init__(
        self,
        corpus: Corpus,
        problems: Sequence[Problem] | None = None,
        *,
        cursor_blink: bool = True,
    ) -> None:
        """`problems` is every problem of the bundle, the loaders' and `check_bundle`'s (as
        `peertui.core.opening.open_bundle` gives them); without it they are found here."""
        hold_collector()
        self.corpus = corpus
        # The first view is the mode the app starts in, and its screen is the app's default
        # screen (`get_default_screen`): no blank screen is composed and switched away from.
        # Its mode is added once that screen is on the stack (`on_mount`): a mode's first
        # screen has Textual parse every stylesheet again, which a default screen does not.
        self.DEFAULT_MODE = self.start_view
        super().__init__()
        self.cursor_blink = cursor_blink
        self.current_claim_id: str | None = None
        self.current_reference_key: str | None = None
        self._index_lock = threading.Lock()
        self._previous_view = ""
        #: Where each followed link was followed from: (view, claim id, reference key).
        self.trail: list[tuple[str, str | None, str | None]] = []
        self._take(corpus, problems)
        self.export_memory = ExportMemory()
        #: The bundle files' stamps when last read (see `check_files`).
        self._stamps: dict[str, Stamp] = {}
        for view in self.views:
            if view != self.start_view:
                self.add_mode(view, partial(view_screen, view))

    def _take(self, corpus: Corpus, problems: Sequence[Problem] | None) -> None:
        """Show `corpus` with every problem found in it (found here when not given): its
        marks, analysis and a fresh search; the current claim and reference stay selected
        while the corpus still has them."""
        if problems is None:
            from peertui.core.analysis.findings import check_bundle

            problems = [*corpus.problems, *check_bundle(corpus)]
        self.corpus = corpus
        self.analysis = Analysis(corpus)
        self.all_problems: list[Problem] = list(problems)
        self.marks = claim_marks(corpus, self.all_problems)
        # With no claims (a claims file broken mid-edit) the current one is kept for its return.
        if corpus.claims and (
            self.current_claim_id is None or corpus.claim(self.current_claim_id) is None
        ):
            self.current_claim_id = corpus.claims[0].id
        key = self.current_reference_key
        if key is not None and corpus.reference(key) is None:
            self.current_reference_key = None
        self.search_query = ""
        self._selection: tuple[str, list[str]] = ("", [])
        self._index: SearchIndex | None = None

    @property
    def views(self) -> list[str]:
        """The views this corpus offers: no claims screen for a library without claims."""
        views = ["claims"] if self.corpus.claims else []
        views.append("references")
        article = self.corpus.article
        if article is not None and article.paragraphs:
            views.append("article")  # also when the claims file is broken: it is still there
        if any(claim.outcomes for claim in self.corpus.claims):
            views.append("matrix")  # the study × outcome grid needs claims that report outcomes
        views.append("problems")
        return views

    @property
    def start_view(self) -> str:
        """The view the app opens on: the claims; the problems when the claims file has
        none to show; a library's references."""
        if self.corpus.claims:
            return "claims"
        return "problems" if self.claims_unreadable else "references"

    def view_tabs(self) -> list[tuple[str, str, str]]:
        """(mode, key, label) of each offered view, read from the view bindings."""
        tabs = []
        for binding in self.BINDINGS:
            assert isinstance(binding, Binding)
            for view in self.views:
                if binding.action == f"view('{view}')":
                    tabs.append((view, binding.key, binding.description))
        return tabs

    def get_default_screen(self) -> Screen:
        """The first view's screen: the app starts on it (see `__init__`)."""
        return view_screen(self.start_view)

    def on_mount(self) -> None:
        first = self.start_view
        self.add_mode(first, partial(view_screen, first))  # its screen is already on the stack
        size = len(self.corpus.references) + len(self.corpus.claims)
        self.call_after_refresh(settle_collector, size)
        trust = sys.modules.get("peertui.core.cache.key")  # loaded only if the cache was used
        for notice in trust.take_notices() if trust is not None else ():
            self.notify(clean(notice), title="Cache not used", severity="warning", timeout=10)
        self.watch_files()
        self._announce()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Hide the keys of views this corpus does not offer."""
        return not (action == "view" and parameters and parameters[0] not in self.views)

    # --- search -----------------------------------------------------------------------------

    def search_index(self) -> SearchIndex:
        """The corpus's search index, built on first use (from a worker thread)."""
        with self._index_lock:
            if self._index is None:
                from peertui.core.search.engine import SearchIndex

                self._index = SearchIndex(self.corpus)
            return self._index

    def remember_search(self, query: str) -> None:
        """Keep the latest query, for "export the search's claims"."""
        self.search_query = query

    @property
    def search_claim_ids(self) -> list[str] | None:
        """The ids of the claims the latest query selects (the core's rule, as `peertui export
        --query` follows it), or None when there is no query."""
        if not self.search_query:
            return None
        if self._selection[0] != self.search_query:
            from peertui.core.search.selection import selected_claims

            claims = selected_claims(self.corpus, self.search_index(), self.search_query)
            self._selection = (self.search_query, [c.id for c in claims])
        return self._selection[1]

    @property
    def search_ref_keys(self) -> list[str] | None:
        """The references the latest query finds, best first (a library exports them), or
        None when there is no query."""
        if not self.search_query:
            return None
        from peertui.core.search.selection import SELECTION_LIMIT

        hits = self.search_index().search(self.search_query, limit=SELECTION_LIMIT)
        keys = dict.fromkeys(hit.id for hit in hits if hit.kind == "reference")
        return [key for key in keys if self.corpus.reference(key) is not None]

    def open_hit(self, hit: Hit) -> None:
        """Go to a search result: a reference in the browser, anything else at its claim."""
        if hit.kind == "reference":
            self.show_reference(hit.id)
        elif hit.claim_id or hit.kind == "claim":
            self.show_claim(hit.claim_id or hit.id)

    async def action_search(self) -> None:
        """Focus the search input (on the claims screen when this screen has none)."""
        if not self.screen.query(SearchBar):
            await self.switch_mode("claims" if "claims" in self.views else "references")
        self.screen.query_one(SearchBar).focus_input()

    # --- navigation -------------------------------------------------------------------------

    def _go(self, view: str) -> None:
        if self.current_mode == view:
            screen = self.get_screen_stack(view)[0]
            while self.screen is not screen:
                self.pop_screen()
            if hasattr(screen, "sync"):
                screen.sync()
                screen.arrive()
        else:
            for screen in self._modes_screens(view):
                screen.arrive()
            if self.current_mode in self.views:
                self._previous_view = self.current_mode
            self.switch_mode(view)

    def _modes_screens(self, view: str) -> list[PeerScreen]:
        """The screen of `view` if it has been shown before (its search may be open)."""
        from peertui.tui.screens.base import PeerScreen

        try:
            stack = self.get_screen_stack(view)
        except KeyError:  # a mode not shown yet has no stack
            return []
        return [s for s in stack[:1] if isinstance(s, PeerScreen) and s.is_mounted]

    def action_view(self, view: str) -> None:
        """Switch to a view (claims, references, article, matrix, problems)."""
        if view in self.views:
            self._go(view)

    def back(self) -> None:
        """Return to the view shown before the current one."""
        self._go(self._previous_view or self.start_view)

    def _leave_mark(self) -> None:
        """Remember where the user is, for the back key."""
        here = (self.current_mode, self.current_claim_id, self.current_reference_key)
        if not self.trail or self.trail[-1] != here:
            self.trail.append(here)
        del self.trail[:-TRAIL_LENGTH]

    def show_claim(self, claim_id: str) -> None:
        """Select a claim and show it on the claims screen."""
        if self.corpus.claim(claim_id) is None or "claims" not in self.views:
            self.notify(f"No claim {clean(claim_id)}.", severity="warning")
            return
        self._leave_mark()
        self.current_claim_id = claim_id
        self._go("claims")

    def show_reference(self, key: str) -> None:
        """Select a reference and show it in the references browser."""
        if self.corpus.reference(key) is None:
            self.notify(f"No reference {clean(key)} in the bib.", severity="warning")
            return
        self._leave_mark()
        self.current_reference_key = key
        self._go("references")

    def action_back_link(self) -> None:
        """Return to where the last link was followed from (a claim, a reference, a view)."""
        if not self.trail:
            self.notify("Nothing to go back to.", severity="information")
            return
        view, claim_id, key = self.trail.pop()
        self.current_claim_id, self.current_reference_key = claim_id, key
        self._go(view if view in self.views else self.start_view)

    def action_goto_claim(self, claim_id: str) -> None:
        """Show a claim (run by clickable text)."""
        self.show_claim(claim_id)

    def action_goto_reference(self, key: str) -> None:
        """Show a reference (run by clickable citation markers)."""
        self.show_reference(key)

    # --- help, export, clipboard, browser ---------------------------------------------------

    def action_help(self) -> None:
        """List every key of this screen and of the app."""
        from peertui.tui.screens.help import HelpScreen, help_sections

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(help_sections(self.screen)))

    def action_export(self) -> None:
        """Open the export dialog."""
        from peertui.tui.exporting import export_offer
        from peertui.tui.screens.export import ExportScreen

        if isinstance(self.screen, ExportScreen):
            return
        offer = export_offer(
            self.corpus,
            self.export_memory,
            self.search_query,
            self.search_claim_ids,
            self.search_ref_keys,
        )
        self.push_screen(ExportScreen(offer, self._write_export))

    def _write_export(self, request: ExportRequest) -> str | None:
        """Write what the dialog asks for; an error is returned for the dialog to show."""
        from peertui.tui.exporting import write_export

        error, what = write_export(
            self.corpus, request, self.search_claim_ids, self.search_ref_keys
        )
        if error is None:
            self.export_memory.fmt, self.export_memory.folder = request.fmt, request.path.parent
            self.notify(f"{what} as {request.fmt} to {clean(str(request.path))}", title="Exported")
        return error

    def copy_text(self, text: str, what: str) -> None:
        """Copy to the clipboard and say what was copied."""
        self.copy_to_clipboard(text)
        self.notify(f"Copied {what}.")

    def open_doi(self, ref: Reference | None) -> None:
        """Open a reference's DOI (else its URL) in a browser, or say why not."""
        if ref is None:
            self.notify("No reference selected.", severity="warning")
            return
        url = f"https://doi.org/{ref.doi.strip()}" if ref.doi.strip() else ref.extra.get("url", "")
        if not url.strip():
            self.notify(f"{clean(ref.short)} has neither a DOI nor a URL.", severity="warning")
            return
        import webbrowser

        try:
            webbrowser.get()
        except webbrowser.Error:
            self.copy_to_clipboard(url)
            self.notify(
                f"No browser found: {clean(url)} is copied to the clipboard instead.",
                severity="warning",
            )
            return
        self.open_url(url)
        self.notify(f"Opening {clean(url)}")
