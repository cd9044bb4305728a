"""Help: every binding of the app and of the screen underneath, built from the bindings."""

from __future__ import annotations

import inspect
from collections.abc import Iterable
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from peertui.tui.widgets.panes import ScrollPane

#: Key names that read better as the character.
_KEY_NAMES = {
    "question_mark": "?",
    "slash": "/",
    "escape": "esc",
    "left_square_bracket": "[",
    "right_square_bracket": "]",
}

#: Textual's own widgets by what they are on peertui's screens (a widget of peertui's own
#: names itself with `help_title` or `HELP_TITLE`).
_WIDGET_NAMES = {
    "Input": "Text box",
    "Button": "Button",
    "LinkButton": "Reference link",
    "OptionList": "List",
    "DataTable": "Table",
    "VerticalScroll": "Scrolling pane",
    "RadioSet": "Choice",
    "RadioButton": "Choice",
    "CommandInput": "Palette",
}
#: Textual's descriptions in words a reader of this help expects.
_DESCRIPTIONS = {
    "Focus Next": "Next pane",
    "Focus Previous": "Previous pane",
    "palette": "Jump to a claim or reference",
    "Press button": "Open",
    "Scroll Up": "Scroll up",
    "Scroll Down": "Scroll down",
    "Scroll Left": "Scroll left",
    "Scroll Right": "Scroll right",
    "Scroll Home": "Top",
    "Scroll End": "Bottom",
    "Page Up": "Page up",
    "Page Down": "Page down",
    "Page Left": "Page left",
    "Page Right": "Page right",
    "Cursor up": "Up",
    "Cursor down": "Down",
    "Cursor left": "Left",
    "Cursor right": "Right",
    "Select": "Choose",
}

#: (keys, description, what the action does) — one help line.
Row = tuple[str, str, str]


def key_label(key: str, display: str | None) -> str:
    """How a binding's key reads: its key_display, else its key name made readable."""
    return display or _KEY_NAMES.get(key, key)


def action_doc(node: DOMNode, action: str) -> str:
    """The first line of the docstring of the method an action runs, if there is one."""
    if "(" in action:
        return ""  # an action with arguments is told apart by its binding's description
    name = action.rsplit(".", 1)[-1]
    method = getattr(node, f"action_{name}", None)
    if method is None or not getattr(method, "__module__", "").startswith("peertui"):
        return ""  # Textual's own actions are described well enough by their bindings
    doc = inspect.getdoc(method)
    return doc.splitlines()[0] if doc else ""


def binding_rows(node: DOMNode, bindings: Iterable[Binding]) -> list[Row]:
    """A row per described binding; the keys of one action share a row."""
    keys: dict[tuple[str, str], list[str]] = {}
    for binding in bindings:
        if not binding.description:
            continue
        label = key_label(binding.key, binding.key_display)
        description = _DESCRIPTIONS.get(binding.description, binding.description)
        found = keys.setdefault((binding.action, description), [])
        if label not in found:
            found.append(label)
    return [
        (" ".join(labels), description, action_doc(node, action))
        for (action, description), labels in keys.items()
    ]


def pane_name(node: DOMNode) -> str:
    """What a widget is called on screen: its own title, else what kind of thing it is."""
    own = getattr(node, "help_title", "") or getattr(node, "HELP_TITLE", "")
    if own:
        return str(own)
    for cls in type(node).__mro__:
        if cls.__name__ in _WIDGET_NAMES:
            return _WIDGET_NAMES[cls.__name__]
    return "This pane"


def help_sections(screen: Screen[object]) -> list[tuple[str, list[Row]]]:
    """The screen's active bindings grouped by where they are defined: screen, app, widget."""
    groups: dict[int, tuple[DOMNode, list[Binding]]] = {}
    for active in screen.active_bindings.values():
        groups.setdefault(id(active.node), (active.node, []))[1].append(active.binding)
    sections: list[tuple[int, str, list[Row]]] = []
    for node, bindings in groups.values():
        name = pane_name(node)
        if isinstance(node, App):
            rank, title = 1, "Everywhere"
        elif isinstance(node, Screen):
            rank, title = 0, f"{name} screen"
        else:
            rank, title = 2, f"{name} (where the cursor is)"
        sections.append((rank, title, binding_rows(node, bindings)))
    sections.sort(key=lambda section: section[0])
    return [(title, rows) for _, title, rows in sections if rows]


class HelpScreen(ModalScreen[None]):
    """A list of keys in sections: the screen's, the app's, then the focused widget's."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark,q", "dismiss", "Close help", id="help.close")
    ]

    def __init__(self, sections: list[tuple[str, list[Row]]]) -> None:
        super().__init__()
        self.sections = sections

    def compose(self) -> ComposeResult:
        with ScrollPane(title="Keys", id="help"):
            for title, rows in self.sections:
                yield Static(Content.styled(title, "bold $primary"), classes="help-title")
                table = Table(box=None, show_header=False, expand=True, padding=(0, 1))
                table.add_column(style="bold", no_wrap=True)
                table.add_column(style="bold", no_wrap=True)
                table.add_column(style="dim", ratio=1)
                for keys, description, doc in rows:
                    table.add_row(Text(keys), Text(description), Text(doc))
                yield Static(table, classes="help-section")
            yield Static(Content.styled("esc, ? or q closes this help", "dim"), id="help-close")

    def on_mount(self) -> None:
        keys = self.query_one("#help", ScrollPane)
        keys.border_title = "Keys"
        keys.focus()  # arrows and page keys scroll a long list
