"""Every reference in a sortable table, with the selected one in full and its citing claims."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import DataTable, Footer, Static

from peertui.core.models import Reference
from peertui.tui.formatting import citation_plain, clean, shorten
from peertui.tui.screens.base import PeerScreen
from peertui.tui.widgets.links import ClaimLinks
from peertui.tui.widgets.reference_card import ReferenceCard
from peertui.tui.widgets.search_bar import SearchBar

#: The sort keys share one footer entry.
SORT = Binding.Group("Sort")
#: Column key -> header label.
COLUMNS = {"number": "#", "author": "Author", "year": "Year", "title": "Title"}
#: Sortable columns -> sort key.
SORTS: dict[str, Callable[[Reference], tuple[object, ...]]] = {
    "number": lambda r: (r.number is None, r.number or 0, r.key),
    "author": lambda r: (r.first_author_surname.casefold(), r.year, r.number or 0, r.key),
    "year": lambda r: (r.year, r.first_author_surname.casefold(), r.number or 0, r.key),
}


class ReferencesScreen(PeerScreen):
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

    def compose(self) -> ComposeResult:
        peer = self.peer
        yield self.view_bar()
        yield SearchBar(peer.search_index, cursor_blink=peer.cursor_blink, id="search")
        with Horizontal(id="body"):
            table: DataTable[Text] = DataTable(id="reference-table", cursor_type="row")
            table.zebra_stripes = True
            yield table
            yield VerticalScroll(id="reference-detail")
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        self._fill()
        table.focus()
        self.sync()

    @property
    def references(self) -> list[Reference]:
        """The references in the current sort order."""
        refs = sorted(self.peer.corpus.references, key=SORTS[self.sort_by])
        return refs[::-1] if self.reverse else refs

    @property
    def reference(self) -> Reference | None:
        """The reference under the table's cursor."""
        key = self.peer.current_reference_key
        return self.peer.corpus.reference(key) if key else None

    def _fill(self) -> None:
        """Rebuild the table in the current order, the title column fitted to the width."""
        table = self.query_one(DataTable)
        table.clear(columns=True)
        arrow = " ▼" if self.reverse else " ▲"
        labels = {k: name + (arrow if k == self.sort_by else "") for k, name in COLUMNS.items()}
        rows = []
        seen: set[str] = set()
        for ref in self.references:
            if ref.key in seen:
                continue  # a repeated key is reported by the loader; show the first
            seen.add(ref.key)
            number = str(ref.number) if ref.number is not None else "–"
            author = clean(ref.first_author_surname or ref.key)
            rows.append((ref.key, number, author, clean(ref.year), clean(ref.title)))
        widths = {
            column: max([len(labels[column])] + [len(row[i]) for row in rows])
            for i, column in enumerate(("number", "author", "year"), start=1)
        }
        # Every column has one cell of padding each side; the title takes what is left.
        available = table.scrollable_content_region.width or self.app.size.width * 3 // 5
        title_width = max(12, available - sum(widths.values()) - 2 * len(COLUMNS))
        for column, label in labels.items():
            table.add_column(Text(label), key=column, width=widths.get(column, title_width))
        for key, number, author, year, title in rows:
            table.add_row(
                Text(number, justify="right"),
                Text(author),
                Text(year),
                Text(shorten(title, title_width)),
                key=key,
            )

    def on_resize(self) -> None:
        if self.is_mounted and self.query(DataTable):
            self._fill()
            self.sync()

    def sync(self) -> None:
        """Put the table's cursor on the app's current reference."""
        if not self.is_mounted:
            return
        key = self.peer.current_reference_key
        table = self.query_one(DataTable)
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
        detail = self.query_one("#reference-detail", VerticalScroll)
        detail.remove_children()
        ref = self.reference
        if ref is None:
            detail.mount(Static(Content.styled("No reference.", "dim")))
            return
        detail.border_title = clean(ref.short)
        detail.mount(ReferenceCard(self.peer.corpus, ref, full=True))
        detail.scroll_home(animate=False)

    @on(DataTable.RowHighlighted)
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        # Read the cursor, not the event: rebuilding the table (sorting, resizing) posts
        # highlights of row 0 that arrive after the cursor has been put back.
        table = self.query_one(DataTable)
        if not table.row_count:
            return
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

    @on(SearchBar.Chosen)
    def _search_chosen(self, event: SearchBar.Chosen) -> None:
        event.stop()
        self.peer.open_hit(event.hit)

    @on(SearchBar.Updated)
    def _search_updated(self, event: SearchBar.Updated) -> None:
        event.stop()
        self.peer.remember_search(event.query, event.hits)

    @on(SearchBar.Left)
    def _search_left(self, event: SearchBar.Left) -> None:
        event.stop()
        self.query_one(DataTable).focus()

    def action_copy(self) -> None:
        """Copy the reference's formatted citation."""
        ref = self.reference
        if ref is not None:
            self.peer.copy_text(citation_plain(ref), f"citation of {clean(ref.short)}")

    def action_open_doi(self) -> None:
        """Open the reference's DOI in a browser."""
        self.peer.open_doi(self.reference)
