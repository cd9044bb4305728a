"""Helpers the app's tests share: waiting without a clock, reading widgets, recording calls."""

from __future__ import annotations

import io
from collections.abc import Callable

from rich.console import Console
from textual.content import Content
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import Static

from peertui.tui.widgets.links import ClaimLinks


async def settle(pilot: Pilot[None]) -> None:
    """Let searches in worker threads finish and their results reach the screen."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


async def wait_until(pilot: Pilot[None], predicate: Callable[[], object], tries: int = 500) -> None:
    """Process messages until `predicate()` holds (no clock: each try is one pass of the queue)."""
    for _ in range(tries):
        if predicate():
            return
        await pilot.pause()
    raise AssertionError("the app never reached the expected state")


def text_of(widget: Widget) -> str:
    """The plain text a widget shows (Statics and their descendants)."""
    parts = []
    for node in [widget, *widget.query("*")]:
        if isinstance(node, Static) and not isinstance(node.content, (str, Content)):
            console = Console(width=200, record=True, file=io.StringIO())
            console.print(node.content)  # a Rich renderable such as the help's tables
            parts.append(console.export_text())
        elif isinstance(node, (Static, ClaimLinks)):
            parts.append(str(node.render()))
    return "\n".join(parts)


class Recorder:
    """Stands in for App.notify / App.open_url and remembers each call."""

    def __init__(self) -> None:
        self.calls: list[tuple[tuple[object, ...], dict[str, object]]] = []

    def __call__(self, *args: object, **kwargs: object) -> None:
        self.calls.append((args, kwargs))

    @property
    def messages(self) -> list[str]:
        """The first positional argument of every call, as text."""
        return [str(args[0]) for args, _ in self.calls]
