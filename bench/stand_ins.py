"""Two Textual apps that stand in for peertui's first screen, built from a walk of that screen.

- **bare**: the same widgets, empty and unstyled, the issue's baseline. Every widget with
  children becomes a container of the same layout (horizontal, vertical or scrolling), every
  other widget an empty instance of the Textual widget class it is or derives from (an option
  list stays an `OptionList`, an input an `Input`, peertui's own panes their `Static`).
- **drawn**: the same screen drawn by Textual alone. Each widget is an instance of the Textual
  class it derives from, under peertui's class name (so the stylesheet's type selectors match),
  with its id, classes, border titles and display, and its text (an option list its options,
  an input its placeholder) made as peertui makes it: styled spans, no markup to parse. The
  focus is where peertui puts it, and peertui's stylesheet applies. Between it and peertui is
  only peertui's own work: its imports, loading and verifying the bundle, and building the
  screen in Python.

A stand-in is a script (`BARE`, `DRAWN`) whose `make(spec)` returns the app; `spec` is what
`first_screen()` returned, as JSON.
"""

from __future__ import annotations

import asyncio
from typing import Any

from textual.app import App
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Input, OptionList, Static

SIZE = (120, 40)

BARE = """
from textual import widgets
from textual.app import App
from textual.containers import Horizontal, Vertical, VerticalScroll

KINDS = {"horizontal": Horizontal, "vertical": Vertical, "scroll": VerticalScroll}

def build(node):
    if node["kind"] in KINDS:
        return KINDS[node["kind"]](*(build(child) for child in node["children"]))
    try:
        return getattr(widgets, node["kind"])()
    except TypeError:  # a class that needs arguments: drawn as text
        return widgets.Static("bare")

def make(spec):
    class Bare(App):
        def compose(self):
            for child in spec["children"]:
                yield build(child)
    return Bare()
"""

DRAWN = """
import importlib
from textual.app import App
from textual.content import Content, Span
from textual.screen import Screen

CLASSES = {}

def content(text):
    if text is None or "markup" in text:
        return None if text is None else Content.from_markup(text["markup"])
    return Content(text["text"], [Span(*span) for span in text["spans"]])

def named(base, name):
    module, base_name = base.split(":")
    cls = getattr(importlib.import_module(module), base_name)
    if name == cls.__name__:
        return cls
    if (base, name) not in CLASSES:
        CLASSES[base, name] = type(name, (cls,), {})
    return CLASSES[base, name]

def build(node, highlights):
    cls = named(node["base"], node["name"])
    given = {"id": node["id"], "classes": " ".join(node["classes"])}
    children = [build(child, highlights) for child in node["children"]]
    if node["options"] is not None:
        widget = cls(*map(content, node["options"]), **given)
        highlights.append((widget, node["highlighted"]))
    elif node["placeholder"] is not None:
        widget = cls(placeholder=node["placeholder"], compact=node["compact"], **given)
    elif children or node["text"] is None:
        widget = cls(*children, **given)
    else:
        widget = cls(content(node["text"]), **given)
    widget.border_title = content(node["title"])
    widget.border_subtitle = content(node["subtitle"])
    widget.display = node["display"]
    return widget

class Drawn(Screen):
    AUTO_FOCUS = None

    def __init__(self, spec):
        super().__init__(classes=" ".join(spec["classes"]))
        self.spec = spec
        self.highlights = []

    def compose(self):
        for child in self.spec["children"]:
            yield build(child, self.highlights)

    def on_mount(self):
        for widget, index in self.highlights:
            widget.highlighted = index
        if self.spec["focus"]:
            self.query_one("#" + self.spec["focus"]).focus()

def make(spec):
    screen = type(spec["screen"], (Drawn,), {})

    class Stand(App):
        CSS_PATH = spec["css"]

        def get_default_screen(self):
            return screen(spec)

    return Stand()
"""


def _textual_base(widget: Widget) -> type:
    """The first class of `widget`'s own that is Textual's (peertui's panes: `Static` ...)."""
    for cls in type(widget).__mro__:
        if cls.__module__.startswith("textual."):
            return cls
    raise TypeError(f"{type(widget).__name__} is no Textual widget")


def _bare_kind(widget: Widget) -> str:
    """What the bare app draws for `widget`: a layout for a container, else the name of the
    class in `textual.widgets` that `widget` is or derives from."""
    import textual.widgets

    if widget.children:
        if widget.styles.overflow_y in ("auto", "scroll"):
            return "scroll"
        return "horizontal" if widget.styles.layout.name == "horizontal" else "vertical"
    for cls in type(widget).__mro__:
        if getattr(textual.widgets, cls.__name__, None) is cls:
            return cls.__name__
    return "Static"


def _text(visual: object) -> dict[str, Any] | None:
    """Text as its characters and styled spans (rebuilt without parsing markup, as peertui
    builds it), or as markup when a span's style is not a string; None for what is not text."""
    from rich.text import Text

    if isinstance(visual, str):
        visual = Content(visual)
    elif isinstance(visual, Text):
        visual = Content.from_rich_text(visual)
    if not isinstance(visual, Content):
        return None
    if all(isinstance(span.style, str) for span in visual.spans):
        return {"text": visual.plain, "spans": [list(span) for span in visual.spans]}
    return {"markup": visual.markup}


def _title(title: object) -> dict[str, Any] | None:
    return None if title is None else _text(title) or _text(str(title))


def _node(widget: Widget) -> dict[str, Any]:
    base = _textual_base(widget)
    node: dict[str, Any] = {
        "kind": _bare_kind(widget),
        "name": type(widget).__name__,
        "id": widget.id,
        "classes": sorted(widget.classes),
        "title": _title(widget.border_title),
        "subtitle": _title(widget.border_subtitle),
        "text": None,
        "options": None,
        "highlighted": None,
        "placeholder": None,
        "compact": None,
        "display": widget.display,
        "region": list(widget.region),  # where it was drawn: to check a stand-in against
        "children": [_node(child) for child in widget.children],
    }
    if isinstance(widget, OptionList):
        prompts = (widget.get_option_at_index(i).prompt for i in range(widget.option_count))
        node["options"] = [_text(prompt) or _text(str(prompt)) for prompt in prompts]
        node["highlighted"] = widget.highlighted
    elif isinstance(widget, Input):
        node["placeholder"] = widget.placeholder
        node["compact"] = widget.compact
    elif not widget.children:
        node["text"] = _text(widget.render())
        if node["text"] is not None and not issubclass(base, Static):
            base = Static  # drawn as the text it showed
    elif issubclass(base, Static):
        base = Widget  # a container: a Static's first argument is its text
    node["base"] = f"{base.__module__}:{base.__name__}"
    return node


def count(nodes: list[dict[str, Any]]) -> int:
    """How many widgets `nodes` hold, containers included."""
    return sum(1 + count(node["children"]) for node in nodes)


def first_screen() -> dict[str, Any]:
    """The default bundle's first screen as its first frame draws it (headless, 120×40).

    Widgets that arrive later (the footer's keys, which Textual's `Footer` adds a frame later)
    are left out, so the stand-ins draw no more than that frame.
    """
    from peertui.core.bundle.load import load_bundle
    from peertui.tui.app import PeerApp

    corpus = load_bundle()
    app = PeerApp(corpus, cursor_blink=False)
    specs: list[dict[str, Any]] = []
    display = App._display

    def capture(self: App, screen: Widget, renderable: object) -> None:
        if renderable is not None and not specs:
            focused = screen.focused  # type: ignore[attr-defined]
            specs.append(
                {
                    "screen": type(screen).__name__,
                    "classes": sorted(screen.classes),
                    "focus": focused.id if focused is not None else None,
                    "css": str(app.css_path[0]),
                    "children": [_node(child) for child in screen.children],
                }
            )
        display(self, screen, renderable)  # type: ignore[arg-type]

    async def walk() -> None:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()

    App._display = capture  # type: ignore[method-assign]
    try:
        asyncio.run(walk())
    finally:
        App._display = display  # type: ignore[method-assign]
    return specs[0]
