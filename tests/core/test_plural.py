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
