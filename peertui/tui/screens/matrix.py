"""The outcome matrix: which study the article reports on which outcome; gaps are marked.

Rows are outcomes, columns studies (the core's grid, peertui.core.analysis.matrix). Moving onto a
cell lists the claims behind it; choosing one shows it on the claims screen.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import DataTable, Footer, OptionList, Static
from textual.widgets.option_list import Option

from peertui.core.analysis.matrix import OutcomeMatrix
from peertui.core.plural import plural
from peertui.core.sanitize import clean, printable
from peertui.render.direction import direction_label
from peertui.render.matrix import matrix_cell
from peertui.tui.screens.base import PeerScreen
from peertui.tui.widgets.panes import KeyTable, PickList

#: Width of the outcome column; the study columns share what is left.
OUTCOME_WIDTH = 18
MIN_STUDY_WIDTH = 14


def study_widths(width: int, studies: int) -> int:
    """How wide each study column may be for the grid to fit `width` columns."""
    padding = 2 * (studies + 1)  # the table pads each cell by one on each side
    free = width - OUTCOME_WIDTH - padding - 2  # the vertical scrollbar
    return max(MIN_STUDY_WIDTH, free // max(1, studies))


class MatrixScreen(PeerScreen):
    """The study × outcome grid; the claims behind the cell under the cursor below it."""

    VIEW = "matrix"
    HELP_TITLE = "Matrix"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="matrix.back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        #: The claim ids listed below the grid, in list order.
        self.listed: list[str] = []
        self._width = 0

    @property
    def matrix(self) -> OutcomeMatrix:
        """The corpus's outcome × study grid (computed once, by the shared analysis)."""
        return self.peer.analysis.matrix

    def compose(self) -> ComposeResult:
        matrix = self.matrix
        yield self.view_bar()
        cells = len(matrix.outcomes) * len(matrix.studies)
        gaps = len(matrix.gaps)
        yield Static(
            Content.assemble(
                ("Outcome matrix  ", "bold $primary"),
                f"{cells - gaps} of {plural(cells, 'cell')} reported, ",
                (plural(gaps, "gap"), "bold $warning"),
                ("  (— gap: nothing reported)", "dim"),
            ),
            id="matrix-summary",
        )
        table = KeyTable(id="matrix-table", cursor_type="cell", zebra_stripes=True)
        table.header_height = 2
        yield table
        yield Static(id="matrix-cell")
        yield PickList(title="Claims of the cell", id="matrix-claims")
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        super().on_mount()
        self._fill(self.app.size.width)
        self.query_one("#matrix-claims", OptionList).border_title = "Claims"
        table = self.query_one(DataTable)
        table.focus()
        if self.matrix.studies:
            table.move_cursor(row=0, column=1)
        self.sync()
        self._list(*self._coordinate())

    def on_resize(self, event: events.Resize) -> None:
        super().on_resize(event)
        if self.is_mounted and event.size.width != self._width:
            self._fill(event.size.width)

    def _fill(self, width: int) -> None:
        """(Re)build the grid with columns that fit `width`."""
        self._width = width
        table: DataTable[Text] = self.query_one(DataTable)
        where = table.cursor_coordinate
        table.clear(columns=True)
        study_width = study_widths(width, len(self.matrix.studies))
        table.add_column(Text("outcome", style="bold"), width=OUTCOME_WIDTH, key="outcome")
        for study_id, label in self.matrix.studies:
            table.add_column(Text(printable(label)), width=study_width, key=study_id or "-")
        for outcome_id, label in self.matrix.outcomes:
            cells = [matrix_cell(self.matrix.cell(outcome_id, s)) for s, _ in self.matrix.studies]
            table.add_row(Text(printable(label), style="bold"), *cells, key=outcome_id, height=None)
        if table.row_count:
            table.cursor_coordinate = table.validate_cursor_coordinate(where)

    def _coordinate(self) -> tuple[int, int]:
        where = self.query_one(DataTable).cursor_coordinate
        return where.row, where.column

    def sync(self) -> None:
        """Put the cursor on the first cell that holds the app's current claim."""
        claim_id = self.peer.current_claim_id
        if not self.is_mounted or claim_id is None:
            return
        for row, (outcome_id, _) in enumerate(self.matrix.outcomes):
            for column, (study_id, _) in enumerate(self.matrix.studies):
                if claim_id in self.matrix.cell(outcome_id, study_id).claim_ids:
                    self.query_one(DataTable).move_cursor(row=row, column=column + 1)
                    return

    def claims_at(self, row: int, column: int) -> tuple[str, list[str]]:
        """What the cell at (row, column) is, in words, and the ids of the claims behind it.

        Column 0 is the outcome's own: every claim reporting it, for any study.
        """
        matrix = self.matrix
        if not 0 <= row < len(matrix.outcomes):
            return "", []
        outcome_id, outcome = matrix.outcomes[row]
        if column == 0:
            ids = [c for s, _ in matrix.studies for c in matrix.cell(outcome_id, s).claim_ids]
            return f"{outcome}, in every study", list(dict.fromkeys(ids))
        study_id, study = matrix.studies[column - 1]
        cell = matrix.cell(outcome_id, study_id)
        if cell.empty:
            return f"{outcome} · {study}: a gap, no claim reports it", []
        direction = direction_label(cell.direction, outcome_id)
        return f"{outcome} · {study}: {direction} at {cell.timepoint_text}", list(cell.claim_ids)

    def _list(self, row: int, column: int) -> None:
        """Show the cell under the cursor in words and list the claims behind it."""
        what, ids = self.claims_at(row, column)
        gap = column > 0 and not ids
        self.query_one("#matrix-cell", Static).update(
            Content.styled(clean(what), "italic $text-muted" if gap else "bold")
        )
        self.listed = ids
        listing = self.query_one("#matrix-claims", OptionList)
        listing.set_options(self._option(claim_id) for claim_id in ids)
        listing.border_title = f"Claims ({len(ids)})" if ids else "Claims: none"
        listing.display = bool(ids)

    def _option(self, claim_id: str) -> Option:
        claim = self.peer.corpus.claim(claim_id)
        return Option(
            Content.assemble((clean(claim_id), "bold $primary"), "  ", clean(claim.text))
            if claim
            else Content(clean(claim_id))
        )

    def on_data_table_cell_highlighted(self, event: DataTable.CellHighlighted) -> None:
        event.stop()
        self._list(event.coordinate.row, event.coordinate.column)

    def on_data_table_cell_selected(self, event: DataTable.CellSelected) -> None:
        event.stop()
        self._list(event.coordinate.row, event.coordinate.column)
        listing = self.query_one("#matrix-claims", OptionList)
        if self.listed:
            listing.highlighted = 0
            listing.focus()
        else:
            self.notify("A gap: no claim reports this outcome for this study.")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.peer.show_claim(self.listed[event.option_index])

    def action_focus_grid(self) -> None:
        """Put the cursor back in the grid."""
        self.query_one(DataTable).focus()

    def action_back(self) -> None:
        """From the claims list, back to the grid; from the grid, the view shown before."""
        if self.focused is self.query_one("#matrix-claims", OptionList):
            self.action_focus_grid()
        else:
            self.peer.back()
