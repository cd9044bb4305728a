"""The top line of every view: a tab per view (click to switch) and the article's title."""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content, Span
from textual.widget import Widget

from peertui.tui.formatting import click


class ViewBar(Widget):
    """ " 1 Claims  2 References  3 Article  p Problems   Benefits of peer support…".

    `views` are (mode, key, label); the tab of `current` is highlighted. A click runs the app's
    `view` action, the same one the keys run.
    """

    def __init__(self, views: Sequence[tuple[str, str, str]], current: str, title: str) -> None:
        super().__init__(id="view-bar")
        self.views = list(views)
        self.current = current
        self.title = title

    def render(self) -> Content:
        text = ""
        spans: list[Span] = []
        for mode, key, label in self.views:
            start = len(text)
            text += f" {key} {label} "
            style = "bold reverse $accent" if mode == self.current else "$text-muted"
            spans.append(Span(start, len(text), style))
            spans.append(Span(start, start + 2 + len(key), "bold"))
            spans.append(Span(start, len(text), click("app.view", mode)))
            text += " "
        if self.title:
            spans.append(Span(len(text) + 1, len(text) + 1 + len(self.title), "bold $primary"))
            text += " " + self.title
        return Content(text, spans=spans)
