"""The outcome matrix: which study the article reports on which outcome — a one-article gap map.

Rows are outcomes and columns studies (the shape that fits a terminal: an article names more
outcomes than studies). A cell gathers every claim reporting that outcome for that study: the
directions, the timepoints and the claim ids. An empty cell is a gap: the article says nothing
about that outcome for that study.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from peertui.core.analysis.direction import direction_text
from peertui.core.export.tables import defuse, md_escape
from peertui.core.models import Corpus, Study
from peertui.core.plural import plural

#: The column of outcomes a claim reports without naming a study.
NO_STUDY = ""


@dataclass(frozen=True, slots=True)
class MatrixCell:
    """What the article says about one outcome in one study (nothing, when it is a gap)."""

    study_id: str
    outcome_id: str
    directions: tuple[str, ...] = ()
    timepoints: tuple[str, ...] = ()
    claim_ids: tuple[str, ...] = ()

    @property
    def empty(self) -> bool:
        """True for a gap: no claim reports this outcome for this study."""
        return not self.claim_ids

    @property
    def direction(self) -> str:
        """The one direction, "mixed" when claims disagree, "" for a gap."""
        if not self.directions:
            return ""
        return self.directions[0] if len(self.directions) == 1 else "mixed"

    @property
    def timepoint_text(self) -> str:
        """The timepoints joined, or "timepoint not stated" when claims give none."""
        if self.empty:
            return ""
        return ", ".join(self.timepoints) or "timepoint not stated"


@dataclass(slots=True)
class OutcomeMatrix:
    """The grid: outcomes × studies, every cell present (gaps are empty cells)."""

    #: (outcome id, label), in vocabulary order.
    outcomes: list[tuple[str, str]] = field(default_factory=list)
    #: (study id, label); NO_STUDY last when some outcome names no study.
    studies: list[tuple[str, str]] = field(default_factory=list)
    cells: dict[tuple[str, str], MatrixCell] = field(default_factory=dict)

    def cell(self, outcome_id: str, study_id: str) -> MatrixCell:
        """The cell of an outcome and a study; an empty one for a gap."""
        return self.cells.get((outcome_id, study_id)) or MatrixCell(study_id, outcome_id)

    @property
    def gaps(self) -> list[MatrixCell]:
        """Every empty cell, row by row."""
        return [
            c for o, _ in self.outcomes for s, _ in self.studies if (c := self.cell(o, s)).empty
        ]


def _study_label(study: Study | None, study_id: str) -> str:
    if study_id == NO_STUDY:
        return "no study named"
    return study.label if study is not None else study_id


def outcome_matrix(corpus: Corpus) -> OutcomeMatrix:
    """The outcome × study grid of every outcome the claims report, in claim order within a cell.

    Studies are every study the bundle defines (one that no claim reports on is a column of
    gaps), plus any study id an outcome names without defining it.
    """
    gathered: dict[tuple[str, str], list[tuple[str, str, list[str]]]] = {}
    for claim, outcome in corpus.all_outcomes():
        key = (outcome.id, outcome.study or NO_STUDY)
        gathered.setdefault(key, []).append((claim.id, outcome.direction, outcome.timepoints))
    used = dict.fromkeys(outcome_id for outcome_id, _ in gathered)
    vocabulary = list(corpus.vocabulary)
    order = sorted(used, key=lambda o: vocabulary.index(o) if o in vocabulary else len(vocabulary))
    study_ids = [s.id for s in corpus.studies]
    named = dict.fromkeys(study for _, study in gathered)
    study_ids += [s for s in named if s not in study_ids and s != NO_STUDY]
    if NO_STUDY in named:
        study_ids.append(NO_STUDY)
    matrix = OutcomeMatrix(
        outcomes=[(o, corpus.outcome_label(o)) for o in order],
        studies=[(s, _study_label(corpus.study(s), s)) for s in study_ids],
    )
    for (outcome_id, study_id), entries in gathered.items():
        matrix.cells[(outcome_id, study_id)] = MatrixCell(
            study_id,
            outcome_id,
            tuple(dict.fromkeys(d for _, d, _ in entries)),
            tuple(dict.fromkeys(t for _, _, times in entries for t in times)),
            tuple(dict.fromkeys(c for c, _, _ in entries)),
        )
    return matrix


def cell_text(cell: MatrixCell, words: bool = False) -> str:
    """ "improved @ end of treatment, 6-month follow-up [C06]"; "" for a gap.

    With `words`, the direction reads as a person would ("↓ lower (better) @ one year");
    without, it is the bundle's own word, for a CSV a program reads.
    """
    if cell.empty:
        return ""
    direction = direction_text(cell.outcome_id, cell.direction) if words else cell.direction
    return f"{direction} @ {cell.timepoint_text} [{', '.join(cell.claim_ids)}]"


def matrix_summary(matrix: OutcomeMatrix) -> str:
    """ "5 of 12 cells reported; 7 gaps."."""
    gaps = len(matrix.gaps)
    total = len(matrix.outcomes) * len(matrix.studies)
    return f"{total - gaps} of {plural(total, 'cell')} reported; {plural(gaps, 'gap')}."


def matrix_markdown(matrix: OutcomeMatrix) -> str:
    """The grid as a GitHub Markdown table; a gap shows as "—"."""
    header = ["outcome", *(label for _, label in matrix.studies)]
    lines = ["| " + " | ".join(md_escape(h) for h in header) + " |"]
    lines.append("|" + " --- |" * len(header))
    for outcome_id, label in matrix.outcomes:
        cells = [cell_text(matrix.cell(outcome_id, s), True) or "—" for s, _ in matrix.studies]
        lines.append("| " + " | ".join(md_escape(c) for c in [label, *cells]) + " |")
    return "\n".join([*lines, "", matrix_summary(matrix)]) + "\n"


def matrix_csv(matrix: OutcomeMatrix) -> str:
    """The grid as CSV: outcome id and label, then one column per study id; a gap is empty."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["outcome", "label", *(s or "no-study" for s, _ in matrix.studies)])
    for outcome_id, label in matrix.outcomes:
        cells = [cell_text(matrix.cell(outcome_id, s)) for s, _ in matrix.studies]
        writer.writerow([defuse(c) for c in (outcome_id, label, *cells)])
    return out.getvalue()
