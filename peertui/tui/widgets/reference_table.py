"""The references table: one row per reference key, its cells made when the row is drawn."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Self

from rich.text import Text
from textual.geometry import Size
from textual.widgets.data_table import ColumnKey, Row, RowDoesNotExist, RowKey

from peertui.core.models import Corpus
from peertui.core.sanitize import clean, shorten, shown_key
from peertui.tui.widgets.panes import KeyTable

#: The title column is never narrower than this.
MIN_TITLE_WIDTH = 12
#: What the table stores as every row's cells: nothing (`get_row` makes them), and read-only.
_NO_CELLS: Mapping[ColumnKey, Text] = MappingProxyType({})


def widest(texts: Iterable[str], cap: int | None = None) -> int:
    """The length of the longest of `texts` once cleaned (at most `cap`, where it stops).

    Cleaning never lengthens a text, so only a text longer than the best so far is cleaned.
    """
    best = 0
    for text in texts:
        if len(text) > best:
            best = max(best, len(clean(text)))
            if cap is not None and best >= cap:
                return cap
    return best


class ReferenceTable(KeyTable):
    """A table of references whose rows are keys: a row's cells are made when it is drawn.

    Every column has a set width and every row one line, so nothing is measured either: the
    stock table measures each cell of each new row (and re-validates its cursor per row). A
    100,000-row table thus fills in a moment and a width change cuts only the rows drawn again.
    This relies on DataTable internals of Textual 8.
    """

    HELP_TITLE = "References table"

    def __init__(self, corpus: Corpus, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.corpus = corpus
        #: The title column's width; titles are cut to it at a word boundary.
        self.title_width = MIN_TITLE_WIDTH

    def get_row(self, row_key: RowKey | str) -> list[Text]:
        """The row's cells (number, author, year, title), made from its reference."""
        if row_key not in self._row_locations:
            raise RowDoesNotExist(f"Row key {row_key!r} is not valid.")
        key = row_key.value if isinstance(row_key, RowKey) else row_key
        ref = self.corpus.reference(key or "")
        if ref is None:
            return [Text(), Text(), Text(), Text()]
        return [
            Text("–" if ref.number is None else str(ref.number), justify="right"),
            Text(clean(ref.first_author_surname or shown_key(ref.key))),
            Text(clean(ref.year)),
            Text(shorten(ref.title, self.title_width)),
        ]

    def get_cell(self, row_key: RowKey | str, column_key: ColumnKey | str) -> Text:
        """One cell of a row, made as `get_row` makes them."""
        return self.get_row(row_key)[self.get_column_index(column_key)]

    def get_column(self, column_key: ColumnKey | str) -> Iterable[Text]:
        """A column's cells from top to bottom, made as `get_row` makes them."""
        index = self.get_column_index(column_key)
        return (self.get_row(row.key)[index] for row in self.ordered_rows)

    def add_keys(self, keys: Iterable[str]) -> None:
        """Append the references with these keys at the bottom, as `add_row` does one."""
        locations, data, table_rows = self._row_locations, self._data, self.rows
        new = self._new_rows
        was_empty = not table_rows
        added = []
        for key in keys:
            row_key = RowKey(key)
            locations[row_key] = len(table_rows)
            data[row_key] = _NO_CELLS  # the table counts its rows here; nothing may write to it
            table_rows[row_key] = row = Row(row_key, 1)
            new.add(row_key)
            added.append(row)
        self._changed(added)
        self.cursor_coordinate = self.cursor_coordinate
        if was_empty and table_rows and self.columns and self.show_cursor:
            self._highlight_cursor()
        self.check_idle()

    def clear(self, columns: bool = False) -> Self:
        """Clear the table, as DataTable does, without listing every row's lines first (the
        stock table does, only to empty the list)."""
        self.rows.clear()
        self._data.clear()
        self._row_locations = type(self._row_locations)({})
        return super().clear(columns)

    def fit_title(self, width: int) -> None:
        """Give the title column `width` cells; titles are cut again as they are drawn."""
        if width == self.title_width:
            return
        self.title_width = width
        title = self.columns.get(ColumnKey("title"))
        if title is not None:
            title.width = width
        self._changed()
        self.refresh()

    def _changed(self, added: list[Row] | None = None) -> None:
        """Drop every drawn row and measure the table again on its next draw.

        The table keeps its rows in order, and each row's lines, in lists it remakes row by
        row whenever anything changes, 100,000 rows at a time; here they are carried over,
        with the rows just `added` at their end.
        """
        rows_before = self._ordered_row_cache.get(
            (len(self.rows) - len(added or ()), self._update_count)
        )
        lines_before = self._offset_cache.get(self._update_count)
        self._require_update_dimensions = True
        self._update_count += 1
        added = added or []
        if rows_before is not None:
            self._ordered_row_cache[(len(self.rows), self._update_count)] = rows_before + added
        if lines_before is not None:
            lines = lines_before + [(row.key, 0) for row in added]
            self._offset_cache[self._update_count] = lines

    def _update_dimensions(self, new_rows: Iterable[RowKey]) -> None:
        if any(column.auto_width for column in self.columns.values()):
            super()._update_dimensions(new_rows)
            return
        width = sum(column.get_render_width(self) for column in self.columns.values())
        header_height = self.header_height if self.show_header else 0
        self.virtual_size = Size(
            width + self._row_label_column_width, self._total_row_height + header_height
        )
