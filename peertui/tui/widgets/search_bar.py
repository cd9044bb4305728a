"""Search as you type: one input, a results list, and a worker that drops stale answers."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, ClassVar

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option

from peertui.core.sanitize import clean
from peertui.tui.keys import LIST_KEYS

if TYPE_CHECKING:
    from peertui.core.search.engine import Hit, SearchIndex

#: The longest query the box takes: far more than any search needs, and a paste of kilobytes
#: typed key by key stops here instead of redrawing an ever longer line for every key.
MAX_QUERY = 500

KIND_STYLES = {
    "claim": "bold $primary",
    "reference": "bold $accent",
    "number": "bold $success",
    "outcome": "bold $warning",
}


#: What the search box says it searches: a bundle's claims and the rest, or a library.
CLAIMS_PLACEHOLDER = "/ search claims, references, numbers, outcomes (author: year: kind: …)"
LIBRARY_PLACEHOLDER = "/ search references (author: year: title: journal: doi: …)"


def hit_prompt(hit: Hit) -> Content:
    """ "claim  C05 Cook and colleagues …  · text": kind, title, the field that matched."""
    return Content.assemble(
        (f"{hit.kind:<10}", KIND_STYLES.get(hit.kind, "bold")),
        (f"{clean(hit.field):<9} ", "dim italic"),
        clean(hit.title),
    )


class SearchResults(OptionList):
    """The hits of the latest query; Escape leaves the search, as it does from the input."""

    HELP_TITLE = "Search results"

    BINDINGS: ClassVar[list[BindingType]] = [
        *LIST_KEYS,
        Binding("escape", "leave", "Leave search", show=False),
    ]

    def action_leave(self) -> None:
        """Clear the search and leave it."""
        for bar in self.ancestors:
            if isinstance(bar, SearchBar):
                bar.action_leave()


class SearchBar(Vertical):
    """Queries `index_factory()` off the UI thread; posts `SearchBar.Chosen` for a picked hit.

    Each keystroke bumps a generation counter; a worker's answer is shown only if it belongs to
    the newest generation, so a slow early query can never overwrite a later one. A worker
    first waits for typing to pause (DEBOUNCE seconds without a key, or Enter) and gives up if
    another key came meanwhile: typing fast, or a paste typed key by key, runs one search at
    the end, not one per key.
    """

    HELP_TITLE = "Search"

    #: Seconds without a keystroke before the query is searched: keys a terminal delivers
    #: together (a paste typed key by key) are searched once; a person's typing, about a key
    #: every tenth of a second, still searches as they type.
    DEBOUNCE = 0.05

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "leave", "Leave search", id="search.leave")
    ]

    class Chosen(Message):
        """The user picked a search result."""

        def __init__(self, hit: Hit) -> None:
            super().__init__()
            self.hit = hit

    class Left(Message):
        """The user left the search with Escape: the query is cleared, focus goes back."""

    class Updated(Message):
        """New results are shown (the app keeps them for exporting search results)."""

        def __init__(self, query: str, hits: Sequence[Hit]) -> None:
            super().__init__()
            self.query = query
            self.hits = list(hits)

    def __init__(
        self,
        index_factory: Callable[[], SearchIndex],
        *,
        cursor_blink: bool = True,
        placeholder: str = CLAIMS_PLACEHOLDER,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id, classes="search-bar")
        self._placeholder = placeholder
        self._index_factory = index_factory
        self._cursor_blink = cursor_blink
        self._generation = 0
        self._shown = 0
        self._pending_choice = -1
        self._quiet = threading.Event()
        self.hits: list[Hit] = []
        self.query_text = ""

    def compose(self) -> ComposeResult:
        search = Input(
            placeholder=self._placeholder, id="search-input", compact=True, max_length=MAX_QUERY
        )
        search.cursor_blink = self._cursor_blink
        search.help_title = "Search box"  # type: ignore[attr-defined]
        yield search
        yield SearchResults(id="search-results")

    def on_mount(self) -> None:
        self.query_one(SearchResults).display = False
        self.call_after_refresh(self._warm)

    @work(thread=True, group="search-index", exit_on_error=False)
    def _warm(self) -> None:
        """Build the index in a thread once the screen is drawn, so the first keystroke does
        not wait for it (seconds at 100,000 references) and the first frame does not either."""
        self._index_factory()

    def focus_input(self) -> None:
        """Put the cursor in the search input."""
        self.query_one(Input).focus()

    @on(Input.Changed, "#search-input")
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        self._generation += 1
        self._quiet.set()  # the query waiting to be searched is stale: its worker stops waiting
        self._quiet = threading.Event()
        query = event.value.strip()
        if not query:
            self._show(self._generation, "", [])
            return
        self._run(self._generation, query, self._quiet)

    @work(thread=True, exclusive=True, group="search", exit_on_error=False)
    def _run(self, generation: int, query: str, quiet: threading.Event) -> None:
        """Once typing pauses, search in a thread; hand the hits back to the UI thread with
        their generation. A query typed over before the pause is never searched."""
        quiet.wait(self.DEBOUNCE)
        if generation != self._generation:
            return
        hits = self._index_factory().search(query, limit=50)
        self.app.call_from_thread(self._show, generation, query, hits)

    def _show(self, generation: int, query: str, hits: list[Hit]) -> None:
        if generation != self._generation:
            return  # a newer query has been typed since
        self._shown = generation
        self.hits = hits
        self.query_text = query
        results = self.query_one(SearchResults)
        results.set_options(Option(hit_prompt(hit)) for hit in hits)
        if query and not hits:
            results.add_option(Option(Content.styled("No match.", "dim"), disabled=True))
        results.display = bool(query)
        self.post_message(self.Updated(query, hits))
        if self._pending_choice == generation and hits:
            self.post_message(self.Chosen(hits[0]))

    @property
    def generation(self) -> int:
        """How many times the query has changed (tests wait on it)."""
        return self._generation

    @on(Input.Submitted, "#search-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self._shown != self._generation:
            self._pending_choice = self._generation  # choose when this query's answer arrives
            self._quiet.set()  # and search it now, without waiting for the pause
        elif self.hits:
            self.post_message(self.Chosen(self.hits[0]))

    @on(OptionList.OptionSelected, "#search-results")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option_index < len(self.hits):
            self.post_message(self.Chosen(self.hits[event.option_index]))

    def on_key(self, event: events.Key) -> None:
        """Down from the input moves into the results, onto the first hit."""
        if event.key == "down" and isinstance(self.app.focused, Input) and self.hits:
            event.stop()
            results = self.query_one(SearchResults)
            results.display = True
            results.highlighted = 0
            results.focus()

    def action_leave(self) -> None:
        """Clear the query, hide the results and hand the focus back to the screen."""
        self.query_one(Input).value = ""
        self.close()
        self.post_message(self.Left())

    def close(self) -> None:
        """Hide the results (the query stays: `/` shows them again)."""
        for results in self.query(SearchResults):  # none yet while the bar is being composed
            results.display = False

    @property
    def has_focus_within(self) -> bool:
        """True when the input or the results have the focus."""
        focused = self.screen.focused
        return focused is not None and self in focused.ancestors_with_self

    @on(events.DescendantFocus)
    def _refocused(self, event: events.DescendantFocus) -> None:
        """Coming back to the search shows the results of the query still in the input."""
        if self.query_text:
            self.query_one(SearchResults).display = True
