"""How an outcome's direction looks wherever it is shown: one phrase, one colour.

The phrase is the core's (`peertui.core.analysis.direction`): the measure's arrow and the
benefit apart, "↓ lower (better)" for fewer readmissions. The colour follows the benefit.
"""

from __future__ import annotations

from rich.text import Text

from peertui.core.analysis.direction import benefit_of
from peertui.core.analysis.direction import direction_text as direction_words

#: A colour for each benefit (Rich colour names; the app maps them onto its theme); a direction
#: that is neither better nor worse is yellow.
BENEFIT_COLOURS = {"better": "green", "worse": "red"}


def direction_colour(direction: str) -> str:
    """The colour of a direction: green when better, red when worse, else yellow."""
    return BENEFIT_COLOURS.get(benefit_of(direction), "yellow")


def direction_label(direction: str, outcome_id: str = "") -> str:
    """ "↓ lower (better)" for `outcome_id`; without one, "better", "worse", "= no difference"."""
    return direction_words(outcome_id, direction)


def direction_text(direction: str, outcome_id: str = "") -> Text:
    """The label in its colour."""
    return Text(direction_label(direction, outcome_id), style=direction_colour(direction))
