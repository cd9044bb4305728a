"""What every full-size peertui screen shares: the app's corpus and the narrow-layout class."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual import events
from textual.screen import Screen

from peertui.tui.formatting import corpus_title
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

    #: The widget that has the focus when the screen is arrived at (a CSS selector).
    MAIN = ""

    def arrive(self) -> None:
        """Arriving at this screen through a link or a search hit: the search's results
        close and the focus, if it was in them, goes to the screen's main widget."""
        from peertui.tui.widgets.search_bar import SearchBar

        for bar in self.query(SearchBar):
            inside = bar.has_focus_within
            bar.close()
            if inside and self.MAIN:
                self.query_one(self.MAIN).focus()
