"""An outcome's direction in words: the measure's arrow and the benefit, told apart."""

from __future__ import annotations

import pytest

from peertui.core.analysis.direction import direction_text


@pytest.mark.parametrize(
    ("outcome", "direction", "text"),
    [
        ("hospital-readmission", "improved", "↓ lower (better)"),
        ("hospital-readmission", "worse", "↑ higher (worse)"),
        ("symptoms", "improved", "↓ lower (better)"),
        ("hopefulness", "improved", "↑ higher (better)"),
        ("hopefulness", "worse", "↓ lower (worse)"),
        ("a-bundles-own-outcome", "improved", "better"),
        ("hopefulness", "no difference", "= no difference"),
        ("hopefulness", "mixed", "± mixed"),
    ],
)
def test_direction_text(outcome: str, direction: str, text: str) -> None:
    assert direction_text(outcome, direction) == text
