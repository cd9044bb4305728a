"""The outcome matrix as Rich renderables: one cell look for the command line's table and the
app's grid."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text

from peertui.core.analysis.matrix import MatrixCell, OutcomeMatrix, matrix_summary
from peertui.core.sanitize import printable
from peertui.render.direction import direction_text


def matrix_cell(cell: MatrixCell) -> Text:
    """Direction, timepoints and claim ids on three lines; "— gap" for an empty cell."""
    if cell.empty:
        return Text("— gap", style="dim italic")
    text = direction_text(cell.direction, cell.outcome_id)
    text.append("\n" + printable(cell.timepoint_text))
    text.append("\n" + printable(", ".join(cell.claim_ids)), style="dim")
    return text


def matrix_table(matrix: OutcomeMatrix) -> Table:
    """The grid as a Rich table: one row per outcome, one column per study; gaps dimmed."""
    table = Table(title="Outcome matrix", caption=matrix_summary(matrix), show_lines=True)
    table.add_column("outcome", style="bold", ratio=2)
    for _, label in matrix.studies:
        table.add_column(Text(printable(label)), ratio=3)
    for outcome_id, label in matrix.outcomes:
        cells = [matrix_cell(matrix.cell(outcome_id, study_id)) for study_id, _ in matrix.studies]
        table.add_row(Text(printable(label)), *cells)
    return table
