"""Which way an outcome went, in words that cannot be misread: the direction of the measure
(↑ higher, ↓ lower) and of the benefit (better, worse) are told apart.

A claim records a direction "seen from the intervention's side" (improved, worse...): for
hospital readmission, "improved" means fewer readmissions. Printed as "↑ improved" beside
"Hospital readmission" it reads as readmissions going up; "↓ lower (better)" does not. Every
front end (the app's panes and grid, the CLI's matrix and show) prints these same phrases.
"""

from __future__ import annotations

#: Outcomes of the built-in vocabulary where a lower value is the better one.
LOWER_IS_BETTER = frozenset({"symptoms", "hospital-readmission"})
#: Outcomes of the built-in vocabulary where a higher value is the better one.
HIGHER_IS_BETTER = frozenset(
    {
        "self-perceived-recovery",
        "hopefulness",
        "quality-of-life",
        "self-advocacy",
        "personal-confidence",
        "goal-orientation",
        "satisfaction",
    }
)
#: The measure's arrows.
HIGHER, LOWER = "↑", "↓"
#: Directions that say nothing about better or worse, each with its sign.
NEUTRAL = {"no difference": "=", "mixed": "±", "unclear": "?"}


def direction_text(outcome_id: str, direction: str) -> str:
    """ "↓ lower (better)" for fewer readmissions, "↑ higher (better)" for more hope,
    "better" where the vocabulary does not say which way is better; "= no difference"."""
    if direction in NEUTRAL:
        return f"{NEUTRAL[direction]} {direction}"
    if direction not in ("improved", "worse"):
        return direction
    benefit = "better" if direction == "improved" else "worse"
    if outcome_id in LOWER_IS_BETTER:
        up = direction == "worse"
    elif outcome_id in HIGHER_IS_BETTER:
        up = direction == "improved"
    else:
        return benefit
    return f"{HIGHER} higher ({benefit})" if up else f"{LOWER} lower ({benefit})"


def benefit_of(direction: str) -> str:
    """ "better", "worse" or "" (for styling: green, red, or neither)."""
    return {"improved": "better", "worse": "worse"}.get(direction, "")
