"""Figure 1 redrawn from the source's counts, drawn at 80 columns, golden."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from rich.console import Console

from peertui.core.analysis.figure import axis_maximum, bar_string, figure_for, figures
from peertui.core.bundle.load import load_bundle
from peertui.core.models import ArmCount, Claim, Corpus, Reference, SourceReport, SourceResult
from peertui.render.figure import render_figure

GOLDEN = Path(__file__).parent / "golden"
REGEN = os.environ.get("PEERTUI_REGEN_GOLDEN") == "1"


def rendered(renderable: object, width: int = 80) -> str:
    console = Console(file=io.StringIO(), width=width, color_system=None, legacy_windows=False)
    console.print(renderable)
    return console.file.getvalue()


def test_default_figure_data_come_from_the_core_readmission_result() -> None:
    [figure] = figures(load_bundle())
    assert (figure.claim_id, figure.number, figure.key) == ("C11", 1, "johnson2018_core_lancet")
    assert figure.title == "Hospital readmission rates at one year"
    assert [(b.events, b.total, b.reported_percent) for b in figure.bars] == [
        (64, 218, 29),
        (83, 216, 38),
    ]
    assert [round(b.percent, 1) for b in figure.bars] == [29.4, 38.4]
    assert "the article shows this figure but its text does not state" in figure.note.lower()
    assert "[4] Johnson et al. 2018" in figure.note


def test_default_figure_golden_at_80_columns() -> None:
    [figure] = figures(load_bundle())
    text = rendered(render_figure(figure, 80))
    assert max(len(line) for line in text.splitlines()) <= 80
    assert "64/218" in text and "83/216" in text and "29.4%" in text
    path = GOLDEN / "figure.txt"
    if REGEN:
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("width", [40, 60, 100])
def test_figure_fits_narrow_and_wide_terminals(width: int) -> None:
    [figure] = figures(load_bundle())
    text = rendered(render_figure(figure, width), width)
    assert max(len(line) for line in text.splitlines()) <= width
    assert "64/218" in text


def test_bars_and_axis() -> None:
    assert bar_string(0.5, 4) == "██  "
    assert bar_string(1 / 16, 2) == "▏ "
    assert bar_string(2.0, 3) == "███"
    assert bar_string(0.0, 3) == "   "


def test_axis_reaches_the_next_ten_above_the_tallest_bar() -> None:
    [figure] = figures(load_bundle())
    assert axis_maximum(figure.bars) == 40
    assert axis_maximum(()) == 10


def caption_corpus(caption: str, result: SourceResult) -> Corpus:
    return Corpus(
        references=[Reference("k", authors=["Doe, Jo"], year="2020", number=1)],
        claims=[Claim("F1", caption, ["k"], kind="figure")],
        vocabulary={"symptoms": "Symptoms"},
        sources={"k": SourceReport("k", results=[result])},
    )


def test_a_caption_names_the_result_or_no_figure_is_drawn() -> None:
    result = SourceResult(
        "r", outcome="symptoms", arms=[ArmCount("a <b>", 1, 4), ArmCount("[red]c", 3, 4)]
    )
    corpus = caption_corpus("Fig. 2: Symptoms after treatment", result)
    figure = figure_for(corpus, corpus.claims[0])
    assert figure is not None and figure.number == 2
    assert figure.title == "Symptoms after treatment"
    text = rendered(render_figure(figure))
    assert "[red]c" in text and "a <b>" in text  # data, never markup
    assert figures(caption_corpus("Figure 2. Hopefulness", result)) == []
    result.arms[1] = ArmCount("c", 3)  # no total: nothing to draw
    assert figures(corpus) == []
