"""Focusable building blocks with the shared keys and a name the help screen shows."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.binding import BindingType
from textual.containers import VerticalScroll
from textual.widgets import DataTable, OptionList
from textual.widgets.option_list import Option

from peertui.tui.keys import LIST_KEYS, SCROLL_KEYS, TABLE_KEYS


class ScrollPane(VerticalScroll):
    """A scrolling pane: arrows, j/k, g/G, Home/End and the page keys scroll it."""

    BINDINGS: ClassVar[list[BindingType]] = SCROLL_KEYS

    def __init__(self, *, title: str, id: str | None = None) -> None:
        super().__init__(id=id)
        #: What the help screen calls this pane.
        self.help_title = title


class PickList(OptionList):
    """An option list with the shared keys and a name for the help screen."""

    BINDINGS: ClassVar[list[BindingType]] = LIST_KEYS

    def __init__(self, *options: Option, title: str, id: str | None = None) -> None:
        super().__init__(*options, id=id)
        #: What the help screen calls this list.
        self.help_title = title


class KeyTable(DataTable[Text]):
    """A data table where Home/End and g/G go to the first and last row, j/k move."""

    BINDINGS: ClassVar[list[BindingType]] = TABLE_KEYS
    HELP_TITLE = "Table"
