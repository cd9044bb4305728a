"""Data from a file as Rich text: the one way the command line and render turn data into text."""

from __future__ import annotations

from rich.text import Text

from peertui.core.sanitize import printable


def plain(value: object, style: str = "") -> Text:
    """`value` as Rich text: control characters dropped, markup never read."""
    return Text(printable(str(value)), style=style)
