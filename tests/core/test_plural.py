"""Counted nouns: one helper, so no message says "1 errors"."""

from __future__ import annotations

import pytest

from peertui.core.plural import counted, plural, severity_tally


@pytest.mark.parametrize(
    ("count", "noun", "text"),
    [
        (0, "error", "0 errors"),
        (1, "error", "1 error"),
        (2, "warning", "2 warnings"),
        (1, "quantity", "1 quantity"),
        (3, "quantity", "3 quantities"),
        (2, "day", "2 days"),
        (2, "match", "2 matches"),
        (4839, "reference", "4,839 references"),
    ],
)
def test_plural(count: int, noun: str, text: str) -> None:
    assert plural(count, noun) == text


def test_counted_and_tally() -> None:
    assert counted([(1, "error"), (0, "warning")]) == "1 error, 0 warnings"
    assert counted([(1, "error"), (0, "warning")], skip_zero=True) == "1 error"
    assert severity_tally(["error", "finding", "finding"]) == "1 error, 2 findings"


def test_the_matrix_summary_counts_one_gap_as_one() -> None:
    from peertui.core.analysis.matrix import matrix_summary, outcome_matrix
    from peertui.core.models import Claim, Corpus, Outcome, Study

    claim = Claim("C1", "x", outcomes=[Outcome("symptoms", "improved", study="a")])
    corpus = Corpus(
        claims=[claim],
        studies=[Study("a", "A"), Study("b", "B")],
        vocabulary={"symptoms": "Symptoms"},
    )
    assert matrix_summary(outcome_matrix(corpus)) == "1 of 2 cells reported; 1 gap."
