"""A figure redrawn from its sources' data, as Rich text: the same on the command line and in
the app (where it is wide enough)."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.text import Text

from peertui.core.analysis.figure import FigureData, axis_maximum, bar_string
from peertui.core.sanitize import printable


def render_figure(figure: FigureData, width: int = 80) -> RenderableType:
    """The figure as Rich text `width` columns wide: title, one bar per arm, axis, source note.

    The axis starts at 0 so bar lengths compare honestly; every label is data, never markup.
    """
    longest = max(len(bar.label) for bar in figure.bars)
    label_width = max(8, min(32, longest, width - 40))  # the bars keep about 20 columns
    figures_width = len(" 100.0%  999/999")
    bar_width = max(10, width - label_width - figures_width - 3)
    top = axis_maximum(figure.bars)
    heading = Text(printable(figure.caption), style="bold")
    lines = [heading, Text("")]
    for bar in figure.bars:
        line = Text(_fit(printable(bar.label), label_width) + " │")
        line.append(bar_string(bar.percent / top, bar_width), style="cyan")
        line.append(f" {bar.percent:5.1f}%  {bar.events}/{bar.total}")
        lines.append(line)
    axis = " " * label_width + " └" + "─" * bar_width
    lines.append(Text(axis, style="dim"))
    lines.append(Text(_ticks(label_width + 2, bar_width, top), style="dim"))
    lines.append(Text(""))
    lines.append(Text(printable(figure.note), style="italic"))
    printed = [b for b in figure.bars if b.reported_percent is not None]
    if printed:
        shown = ", ".join(f"{b.reported_percent:g}%" for b in printed)
        lines.append(Text(f"Percentages as the source prints them: {shown}.", style="dim"))
    return Group(*lines)


def _fit(text: str, width: int) -> str:
    """`text` padded to `width`, or cut to it with an ellipsis."""
    return text.ljust(width) if len(text) <= width else text[: width - 1] + "…"


def _ticks(indent: int, width: int, top: int) -> str:
    """Axis labels at 0, the middle and the end of the bar area."""
    row = [" "] * (indent + width + 4)
    free = 0  # the first column a label may start at without touching the previous one
    for value in (0, top, top // 2):
        text = f"{value}%"
        start = indent + round(value / top * width) - (len(text) if value == top else 0)
        if value == top // 2 and not (free <= start and start + len(text) < indent + width - 4):
            continue
        row[start : start + len(text)] = text
        free = start + len(text) + 1 if value == 0 else free
    return "".join(row).rstrip()
