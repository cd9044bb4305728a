"""How an outcome's direction looks wherever it is shown: one sign, one word, one colour."""

from __future__ import annotations

from rich.text import Text

#: A sign for each direction, so it scans in a narrow column.
DIRECTION_SIGNS = {
    "improved": "↑",
    "worse": "↓",
    "no difference": "=",
    "mixed": "±",
    "unclear": "?",
}
#: A colour for each direction (Rich colour names; the app maps them onto its theme).
DIRECTION_COLOURS = {
    "improved": "green",
    "worse": "red",
    "no difference": "yellow",
    "mixed": "yellow",
    "unclear": "yellow",
}


def direction_label(direction: str) -> str:
    """ "↑ improved"; a direction outside the vocabulary is shown as it is written."""
    return f"{DIRECTION_SIGNS.get(direction, '')} {direction}".strip()


def direction_text(direction: str) -> Text:
    """The label in its colour."""
    return Text(direction_label(direction), style=DIRECTION_COLOURS.get(direction, ""))
