"""Every reference in a sortable table, with the selected one in full and its citing claims."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from functools import cached_property
from itertools import chain
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import DataTable, Footer, Static

from peertui.core.models import Reference
from peertui.core.sanitize import clean
from peertui.tui.formatting import citation_plain
from peertui.tui.screens.base import SearchingScreen
from peertui.tui.widgets.links import ClaimLinks
from peertui.tui.widgets.panes import ScrollPane
from peertui.tui.widgets.reference_card import ReferenceCard
from peertui.tui.widgets.reference_table import MIN_TITLE_WIDTH, ReferenceTable, widest
from peertui.tui.widgets.search_bar import CLAIMS_PLACEHOLDER, LIBRARY_PLACEHOLDER, SearchBar

#: The sort keys share one footer entry.
SORT = Binding.Group("Sort")
#: Column key -> header label.
COLUMNS = {"number": "#", "author": "Author", "year": "Year", "title": "Title"}
#: Rows added to the table at a time: the first batch is on screen at once, the rest follow
#: one batch per turn of the event loop, so a large library never blocks a keystroke for long.
BATCH = 2000
#: The author column never grows past this (a longer surname is cut by the table).
AUTHOR_WIDTH = 24


#: A sort: every reference key once, in some order; told whether the keys are all unique.
Order = Callable[[Sequence[Reference], bool], list[str]]


def _once(keys: Iterable[str], unique: bool) -> list[str]:
    """`keys` as a list, a repeated key kept where it first comes."""
    return list(keys) if unique else list(dict.fromkeys(keys))


def _by_number(refs: Sequence[Reference], unique: bool) -> list[str]:
    """Cited references by citation number, then the rest in the library's own order."""
    cited = sorted((ref.number, ref.key) for ref in refs if ref.number is not None)
    keys = chain((key for _, key in cited), (ref.key for ref in refs if ref.number is None))
    return _once(keys, unique)


def _by(key: Callable[[Reference], tuple[object, ...]]) -> Order:
    """A sort by `key`."""
    return lambda refs, unique: _once((ref.key for ref in sorted(refs, key=key)), unique)


#: Sortable columns -> every reference key once, in that column's order.
SORTS: dict[str, Order] = {
    "number": _by_number,
    "author": _by(lambda r: (r.first_author_surname.casefold(), r.year, r.number or 0, r.key)),
    "year": _by(lambda r: (r.year, r.first_author_surname.casefold(), r.number or 0, r.key)),
}


class ReferencesScreen(SearchingScreen):
    """The references browser: a DataTable sortable by citation number, author or year."""

    VIEW = "references"
    HELP_TITLE = "References"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "sort('number')", "Sort by number", group=SORT, id="references.sort_number"),
        Binding("a", "sort('author')", "Sort by author", group=SORT, id="references.sort_author"),
        Binding("y", "sort('year')", "Sort by year", group=SORT, id="references.sort_year"),
        Binding("c", "copy", "Copy", id="references.copy"),
        Binding("o", "open_doi", "DOI", id="references.open_doi"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.sort_by = "number"
        self.reverse = False
        #: Bumped by every refill: a batch of an older fill is dropped.
        self._fill_generation = 0
        #: The keys in the order shown, and each sort's ascending order once it is made.
        self._order: list[str] = []
        self._orders: dict[str, list[str]] = {}
        #: Set while batches are still being added; `sync` waits for them.
        self.filling = False

    def compose(self) -> ComposeResult:
        peer = self.peer
        yield self.view_bar()
        placeholder = CLAIMS_PLACEHOLDER if peer.corpus.claims else LIBRARY_PLACEHOLDER
        yield SearchBar(
            peer.search_index,
            cursor_blink=peer.cursor_blink,
            placeholder=placeholder,
            id="search",
        )
        with Horizontal(id="body"):
            table = ReferenceTable(peer.corpus, id="reference-table", cursor_type="row")
            table.zebra_stripes = True
            yield table
            yield ScrollPane(title="Reference", id="reference-detail")
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        table = self.query_one(ReferenceTable)
        self._fill()
        table.focus()
        self.sync()

    def _keys(self, sort_by: str) -> list[str]:
        """Every key once (the first of a repeated key) in ascending `sort_by` order."""
        keys = self._orders.get(sort_by)
        if keys is None:
            corpus = self.peer.corpus
            unique = len(corpus.references_by_key) == len(corpus.references)
            keys = self._orders[sort_by] = SORTS[sort_by](corpus.references, unique)
        return keys

    @property
    def reference(self) -> Reference | None:
        """The reference under the table's cursor."""
        key = self.peer.current_reference_key
        return self.peer.corpus.reference(key) if key else None

    @cached_property
    def _data_widths(self) -> dict[str, int]:
        """The number, author and year columns' longest cells (made once: sorting keeps them)."""
        refs = self.peer.corpus.references
        numbers = [ref.number for ref in refs if ref.number is not None]
        number = max(len(str(min(numbers))), len(str(max(numbers)))) if numbers else 0
        if len(numbers) < len(refs):
            number = max(number, 1)  # "–": not cited by number
        return {
            "number": number,
            "author": widest((ref.first_author_surname or ref.key for ref in refs), AUTHOR_WIDTH),
            "year": widest(ref.year for ref in refs),
        }

    def _labels(self) -> dict[str, str]:
        arrow = " ▼" if self.reverse else " ▲"
        return {k: name + (arrow if k == self.sort_by else "") for k, name in COLUMNS.items()}

    def _widths(self, labels: dict[str, str]) -> dict[str, int]:
        return {column: max(len(labels[column]), w) for column, w in self._data_widths.items()}

    def _fitted_title_width(self) -> int:
        table = self.query_one(ReferenceTable)
        # Every column has one cell of padding each side; the title takes what is left.
        available = table.scrollable_content_region.width or self.app.size.width * 3 // 5
        widths = self._widths(self._labels())
        return max(MIN_TITLE_WIDTH, available - sum(widths.values()) - 2 * len(COLUMNS))

    def _fill(self) -> None:
        """Rebuild the table in the current order, the title column fitted to the width.

        The first batch of rows goes in now; the rest follow in batches (`_add_batch`).
        """
        self._fill_generation += 1
        table = self.query_one(ReferenceTable)
        table.clear(columns=True)
        labels = self._labels()
        table.title_width = title_width = self._fitted_title_width()
        widths = self._widths(labels)
        for column, label in labels.items():
            table.add_column(Text(label), key=column, width=widths.get(column, title_width))
        keys = self._keys(self.sort_by)
        self._order = keys[::-1] if self.reverse else keys
        self.filling = True
        self._add_batch(self._fill_generation, 0)

    def _add_batch(self, generation: int, start: int) -> None:
        """Add the rows from `start` on, one batch; schedule the next one."""
        if generation != self._fill_generation or not self.is_attached:
            return  # the table has been refilled since
        table = self.query_one(ReferenceTable)
        table.add_keys(self._order[start : start + BATCH])
        if start + BATCH < len(self._order):
            self.call_later(self._add_batch, generation, start + BATCH)
            return
        self.filling = False
        key = self.peer.current_reference_key
        if key is not None and key in table.rows and start and self._cursor_key() != key:
            self.sync()  # the current reference arrived in a later batch

    def _cursor_key(self) -> str | None:
        table = self.query_one(ReferenceTable)
        if not table.row_count:
            return None
        return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value

    def on_resize(self) -> None:
        if self.is_mounted and self.query(ReferenceTable):
            self.query_one(ReferenceTable).fit_title(self._fitted_title_width())
            self.sync()

    def sync(self) -> None:
        """Put the table's cursor on the app's current reference."""
        if not self.is_mounted:
            return
        key = self.peer.current_reference_key
        table = self.query_one(ReferenceTable)
        if key is not None and key not in table.rows and self.filling:
            return  # it is in a batch still to come; the last batch syncs again
        if key is None or key not in table.rows:
            if table.row_count:
                table.move_cursor(row=0)
                first = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
                self.peer.current_reference_key = first
                self._show_detail()
            return
        table.move_cursor(row=table.get_row_index(key))
        self._show_detail()

    def _show_detail(self) -> None:
        detail = self.query_one("#reference-detail", ScrollPane)
        detail.remove_children()
        ref = self.reference
        if ref is None:
            detail.mount(Static(Content.styled("No reference.", "dim")))
            return
        detail.border_title = clean(ref.short)
        detail.mount(ReferenceCard(self.peer.analysis, ref, full=True))
        detail.scroll_home(animate=False)

    @on(DataTable.RowHighlighted)
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        # Read the cursor, not the event: rebuilding the table (sorting, resizing) posts
        # highlights of row 0 that arrive after the cursor has been put back.
        table = self.query_one(ReferenceTable)
        if not table.row_count:
            return
        current = self.peer.current_reference_key
        if self.filling and current is not None and current not in table.rows:
            return  # the current reference comes in a later batch: the cursor waits for it
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        if key and key != self.peer.current_reference_key:
            self.peer.current_reference_key = key
            self._show_detail()

    @on(DataTable.HeaderSelected)
    def _header(self, event: DataTable.HeaderSelected) -> None:
        event.stop()
        column = str(event.column_key.value)
        if column in SORTS:
            self.action_sort(column)

    def action_sort(self, column: str) -> None:
        """Sort by a column; choosing the same column again reverses the order."""
        self.reverse = not self.reverse if column == self.sort_by else False
        self.sort_by = column
        self._fill()
        self.sync()

    def on_claim_links_chosen(self, event: ClaimLinks.Chosen) -> None:
        event.stop()
        self.peer.show_claim(event.claim_id)

    def focus_main(self) -> None:
        """Leaving the search box lands on the table."""
        self.query_one(ReferenceTable).focus()

    def action_copy(self) -> None:
        """Copy the reference's formatted citation."""
        ref = self.reference
        if ref is not None:
            self.peer.copy_text(citation_plain(ref), f"citation of {clean(ref.short)}")

    def action_open_doi(self) -> None:
        """Open the reference's DOI in a browser."""
        self.peer.open_doi(self.reference)
