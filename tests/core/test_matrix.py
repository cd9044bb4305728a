"""The outcome matrix: every outcome × study cell, gaps included, golden Markdown and CSV."""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

from rich.console import Console

from peertui.core.analysis.matrix import (
    NO_STUDY,
    cell_text,
    matrix_csv,
    matrix_markdown,
    outcome_matrix,
)
from peertui.core.bundle.load import load_bundle
from peertui.core.models import Claim, Corpus, Outcome, Study
from peertui.render.matrix import matrix_table

GOLDEN = Path(__file__).parent / "golden"
REGEN = os.environ.get("PEERTUI_REGEN_GOLDEN") == "1"


def check_golden(name: str, text: str) -> None:
    """Compare `text` byte for byte with a golden file (PEERTUI_REGEN_GOLDEN=1 rewrites it)."""
    path = GOLDEN / name
    if REGEN:
        path.write_text(text, encoding="utf-8", newline="")
    assert path.exists(), f"{path} missing: run with PEERTUI_REGEN_GOLDEN=1 and review it"
    assert text.encode("utf-8") == path.read_bytes(), f"{name} differs from its golden file"


def small_corpus() -> Corpus:
    """Two studies (one never reported on), claims that agree, disagree and name no study."""
    return Corpus(
        claims=[
            Claim(
                "A1", "x", [], outcomes=[Outcome("symptoms", "improved", ["8 weeks"], study="s1")]
            ),
            Claim(
                "A2",
                "y",
                [],
                outcomes=[
                    Outcome("symptoms", "no difference", ["6 months"], study="s1"),
                    Outcome("hopefulness", "improved", [], study=""),
                    Outcome("zz-custom", "worse", ["1 year"], study="s3"),
                ],
            ),
        ],
        studies=[Study("s1", "First | trial"), Study("s2", "Second trial")],
        vocabulary={"hopefulness": "Hopefulness", "symptoms": "Symptoms"},
    )


def test_cells_gather_directions_timepoints_and_claims() -> None:
    matrix = outcome_matrix(small_corpus())
    assert [o for o, _ in matrix.outcomes] == ["hopefulness", "symptoms", "zz-custom"]
    assert [s for s, _ in matrix.studies] == ["s1", "s2", "s3", NO_STUDY]
    cell = matrix.cell("symptoms", "s1")
    assert cell.claim_ids == ("A1", "A2")
    assert cell.directions == ("improved", "no difference") and cell.direction == "mixed"
    assert cell.timepoints == ("8 weeks", "6 months")
    no_study = matrix.cell("hopefulness", NO_STUDY)
    assert no_study.claim_ids == ("A2",) and no_study.timepoint_text == "timepoint not stated"
    assert matrix.cell("symptoms", "s2").empty
    assert len(matrix.gaps) == 3 * 4 - 3


def test_an_undefined_study_is_still_a_column_and_labels_are_escaped() -> None:
    matrix = outcome_matrix(small_corpus())
    assert dict(matrix.studies)["s3"] == "s3"
    assert "First \\| trial" in matrix_markdown(matrix)
    assert cell_text(matrix.cell("zz-custom", "s3")) == "worse @ 1 year [A2]"


def test_csv_cells_that_look_like_formulas_are_defused() -> None:
    corpus = small_corpus()
    corpus.vocabulary["symptoms"] = "=cmd()"
    rows = list(csv.reader(io.StringIO(matrix_csv(outcome_matrix(corpus)))))
    assert rows[0] == ["outcome", "label", "s1", "s2", "s3", "no-study"]
    assert rows[2][1] == "'=cmd()"


def test_empty_corpus_has_an_empty_matrix() -> None:
    matrix = outcome_matrix(Corpus())
    assert matrix.outcomes == [] and matrix.gaps == []


def test_default_matrix() -> None:
    matrix = outcome_matrix(load_bundle())
    assert [s for s, _ in matrix.studies] == ["wrap-ohio", "bridges-tennessee", "core-crisis"]
    assert len(matrix.outcomes) == 9
    readmission = matrix.cell("hospital-readmission", "core-crisis")
    assert (readmission.direction, readmission.timepoints, readmission.claim_ids) == (
        "improved",
        ("one year",),
        ("C10",),
    )
    assert matrix.cell("hospital-readmission", "wrap-ohio").empty
    assert len(matrix.gaps) == 16


def test_default_matrix_golden_files() -> None:
    matrix = outcome_matrix(load_bundle())
    check_golden("matrix.md", matrix_markdown(matrix))
    check_golden("matrix.csv", matrix_csv(matrix))


def test_default_matrix_table_golden_at_80_columns() -> None:
    console = Console(file=io.StringIO(), width=80, color_system=None, legacy_windows=False)
    console.print(matrix_table(outcome_matrix(load_bundle())))
    text = console.file.getvalue()
    assert max(len(line) for line in text.splitlines()) <= 80
    check_golden("matrix.txt", text)
