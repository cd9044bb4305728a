"""What every full-size peertui screen shares: the app's corpus and the narrow-layout class."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual import events, on
from textual.screen import Screen

from peertui.tui.formatting import corpus_title
from peertui.tui.widgets.search_bar import SearchBar
from peertui.tui.widgets.view_bar import ViewBar

if TYPE_CHECKING:
    from peertui.tui.app import PeerApp

#: Below this many columns side panes stack under the main content.
NARROW_WIDTH = 100


class PeerScreen(Screen[None]):
    """A mode screen of the app; toggles `-narrow` so the stylesheet can re-flow panes."""

    #: The app mode this screen shows.
    VIEW = ""

    @property
    def peer(self) -> PeerApp:
        """The app, typed, for its corpus and navigation methods."""
        return cast("PeerApp", self.app)

    def view_bar(self) -> ViewBar:
        """The top line: view tabs and the article's title."""
        title = corpus_title(self.peer.corpus)
        return ViewBar(self.peer.view_tabs(), self.VIEW, title or "peertui")

    def _apply_width(self, width: int) -> None:
        self.set_class(width < NARROW_WIDTH, "-narrow")

    def on_mount(self) -> None:
        self._apply_width(self.app.size.width)

    def on_resize(self, event: events.Resize) -> None:
        self._apply_width(event.size.width)

    def on_screen_resume(self) -> None:
        self._apply_width(self.app.size.width)
        self.sync()

    def sync(self) -> None:
        """Show the app's current claim or reference (a screen that has one overrides this)."""

    def arrive(self) -> None:
        """Arriving at this screen through a link, a search hit or a view key (a screen with
        a search overrides this)."""


class SearchingScreen(PeerScreen):
    """A screen with the search bar: a chosen hit opens, the query is kept for exporting, and
    leaving the box focuses the screen's main widget (`focus_main`)."""

    @on(SearchBar.Chosen)
    def _search_chosen(self, event: SearchBar.Chosen) -> None:
        event.stop()
        self.peer.open_hit(event.hit)

    @on(SearchBar.Updated)
    def _search_updated(self, event: SearchBar.Updated) -> None:
        event.stop()
        self.peer.remember_search(event.query)

    @on(SearchBar.Left)
    def _search_left(self, event: SearchBar.Left) -> None:
        event.stop()
        self.focus_main()

    def arrive(self) -> None:
        """Arriving here through a link or a search hit: the search's results close and the
        focus, if it was in them, goes to the screen's main widget."""
        for bar in self.query(SearchBar):
            inside = bar.has_focus_within
            bar.close()
            if inside:
                self.focus_main()

    def focus_main(self) -> None:
        """Focus the widget the screen is about."""
