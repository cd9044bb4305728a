"""The keys every list, table and scrolling pane shares, so j/k/g/G work wherever arrows do.

Each binding names the widget's own action (OptionList, DataTable and the scroll containers
already have them) and carries a description, so the help screen can list it in words.
"""

from __future__ import annotations

from textual.binding import Binding

#: An OptionList: vi-style moves beside the arrows, Home/End and the page keys it has.
LIST_KEYS = [
    Binding("j", "cursor_down", "Down", show=False),
    Binding("k", "cursor_up", "Up", show=False),
    Binding("g", "first", "First", show=False),
    Binding("G", "last", "Last", show=False),
]

#: A DataTable: Home/End go to the first and last row (the stock table scrolls sideways).
TABLE_KEYS = [
    Binding("j", "cursor_down", "Down", show=False),
    Binding("k", "cursor_up", "Up", show=False),
    Binding("home,g", "scroll_top", "First row", show=False),
    Binding("end,G", "scroll_bottom", "Last row", show=False),
]

#: A scrolling pane of text.
SCROLL_KEYS = [
    Binding("j", "scroll_down", "Scroll down", show=False),
    Binding("k", "scroll_up", "Scroll up", show=False),
    Binding("g", "scroll_home", "Top", show=False),
    Binding("G", "scroll_end", "Bottom", show=False),
]
