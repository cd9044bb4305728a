"""A figure of the article redrawn from its source's counts, as wide as its widget."""

from __future__ import annotations

from rich.console import RenderableType
from textual.content import Content
from textual.widget import Widget

from peertui.core.analysis.figure import FigureData, axis_maximum, bar_string
from peertui.core.sanitize import clean
from peertui.render.figure import render_figure

#: From this width the core's own layout fits (a label column beside the bars).
FULL_WIDTH = 60
#: " 100.0%  999/999" after each bar.
_FIGURES = 16


def compact_figure(figure: FigureData, width: int) -> Content:
    """The figure for a narrow pane: each arm's label above its bar, the same axis and note."""
    bar_width = max(8, width - _FIGURES - 1)
    top = axis_maximum(figure.bars)
    lines = [Content.styled(clean(figure.caption), "bold"), Content("")]
    for bar in figure.bars:
        lines.append(Content(clean(bar.label)))
        lines.append(
            Content.assemble(
                "│",
                (bar_string(bar.percent / top, bar_width), "$accent"),
                f" {bar.percent:5.1f}%  {bar.events}/{bar.total}",
            )
        )
    lines.append(Content.styled("└" + "─" * bar_width, "dim"))
    ticks = f" 0%{f'{top}%':>{bar_width - 2}}"
    lines.append(Content.styled(ticks, "dim"))
    lines.append(Content(""))
    lines.append(Content.styled(clean(figure.note), "italic"))
    printed = [b for b in figure.bars if b.reported_percent is not None]
    if printed:
        shown = ", ".join(f"{b.reported_percent:g}%" for b in printed)
        lines.append(Content.styled(f"Percentages as the source prints them: {shown}.", "dim"))
    return Content("\n").join(lines)


class FigureView(Widget):
    """Figure N: one bar per arm with percent and n/N, and where its figures come from.

    Wide enough, the core draws it (peertui.core.analysis.figure); narrower, labels go above the
    bars. Either way the labels are data, never markup.
    """

    def __init__(self, figure: FigureData, classes: str = "") -> None:
        super().__init__(classes=f"figure {classes}".strip())
        self.figure = figure

    def render(self) -> RenderableType | Content:
        width = self.content_region.width or self.size.width
        if width >= FULL_WIDTH:
            return render_figure(self.figure, width=width)
        return compact_figure(self.figure, width)
