"""The claims screen at every size: each pane reachable and scrollable from the keyboard, the
list's selection kept in view, the width used, figures never wrapped, marks that say what they
mean."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import make_app
from textual.content import Content
from textual.widgets import Static
from tui_data import write_bundle
from tui_helpers import text_of, wait_until

from peertui.core.bundle.load import load_bundle
from peertui.tui.app import PeerApp
from peertui.tui.screens.claims import ClaimsScreen
from peertui.tui.widgets.claim_list import ClaimList
from peertui.tui.widgets.claim_view import ClaimView
from peertui.tui.widgets.evidence import NumbersPane
from peertui.tui.widgets.panes import ScrollPane

#: A line holding a figure with its interval: "RD  -9.1 pts (-17.8 to -0.2)", "0.77 (0.60–0.99)".
FIGURE = re.compile(r"\S \([^()]*(?: to |–)[^()]*\)")
SIZES = [pytest.param(s, id=f"{s[0]}x{s[1]}") for s in [(80, 24), (120, 40), (200, 50)]]


async def _analytics(app: PeerApp, pilot) -> None:  # type: ignore[no-untyped-def]
    await wait_until(pilot, lambda: getattr(app.screen, "analytics_shown", False))
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES)
async def test_tab_reaches_a_pane_that_the_keys_scroll(size: tuple[int, int]) -> None:
    """C11 is longer than the screen at every size: Tab lands on a pane that scrolls, and
    PageDown, End and g move it (issue: at 120 columns nothing moved)."""
    app = make_app()
    async with app.run_test(size=size) as pilot:
        app.show_claim("C11")
        await _analytics(app, pilot)
        scrolled = []
        for _ in range(6):
            await pilot.press("tab")
            await pilot.pause()
            pane = app.focused
            if not isinstance(pane, ScrollPane) or pane.max_scroll_y == 0:
                continue
            await pilot.press("pagedown")
            await pilot.pause()
            assert pane.scroll_y > 0
            await pilot.press("G")
            await pilot.pause()
            assert pane.scroll_y == pane.max_scroll_y
            await pilot.press("g")
            await pilot.pause()
            assert pane.scroll_y == 0
            scrolled.append(pane.id)
        assert "detail" in scrolled or "content" in scrolled


async def test_the_selection_stays_in_view_after_a_resize() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        app.show_claim("C14")
        await pilot.pause()
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        await pilot.pause()
        listed = app.screen.query_one(ClaimList)

        def in_view() -> bool:
            line = listed._index_to_line[listed.highlighted or 0]
            top = listed.scroll_y
            return top <= line < top + listed.scrollable_content_region.height

        await wait_until(pilot, in_view)


async def test_the_claim_list_grows_with_the_terminal() -> None:
    widths = []
    for size in [(120, 40), (200, 50)]:
        app = make_app()
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            widths.append(app.screen.query_one(ClaimList).size.width)
    assert widths[1] > widths[0] + 10


async def test_a_claim_takes_two_lines_of_the_list() -> None:
    app = make_app()
    async with app.run_test(size=(200, 50)) as pilot:
        await pilot.pause()
        listed = app.screen.query_one(ClaimList)
        await wait_until(pilot, lambda: listed._heights.get(0) == 2)
        prompt = str(listed.get_option_at_index(0).prompt)
        assert prompt.startswith("✓ C01 0r 0n 0o The availability") and "\n" in prompt


@pytest.mark.parametrize("size", [(110, 30), (120, 40), (160, 40), (200, 50)])
async def test_no_effect_wraps_inside_its_interval(size: tuple[int, int]) -> None:
    """C10's effects: "RD -9.1 pts (-17.8 to -0.2)" stays on one line at every wide size."""
    app = make_app()
    async with app.run_test(size=size) as pilot:
        app.show_claim("C10")
        await _analytics(app, pilot)
        effects = list(app.screen.query(".effect").results(Static))
        checked = 0
        for effect in effects:
            content = effect.content
            assert isinstance(content, Content)
            width = effect.content_region.width
            # The indented rows are figures ("  RD  -9.1 pts (…)"); the prose under them wraps.
            rows = [line for line in content.split("\n") if line.plain.startswith("  ")]
            figures = [line for line in rows if FIGURE.search(line.plain)]
            for line in figures:
                assert len(line.wrap(width)) == 1, line.plain
            checked += len(figures)
        assert checked >= 5  # OR, reported OR, RR, RD, NNT


async def test_a_finding_never_sits_under_a_tick() -> None:
    """C05: ✓ says the entry is valid; the 555 the sources contradict is marked ≠, in the
    list, in the heading and on the number."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        app.show_claim("C05")
        await _analytics(app, pilot)
        screen = app.screen
        assert isinstance(screen, ClaimsScreen)
        listed = screen.query_one(ClaimList)
        assert str(listed.get_option_at_index(4).prompt).startswith("✓ C05 ≠ 2r 2n 0o")
        legend = text_of(screen.query_one("#claim-legend", Static))
        assert "✓ valid" in legend and "≠ a source differs" in legend
        assert "r references  n numbers  o outcomes" in legend
        head = text_of(screen.query_one(ClaimView))
        assert "✓ valid entry  ≠ a cited source differs" in head
        numbers = text_of(screen.query_one(NumbersPane))
        assert "≠ 555 individuals" in numbers and "✓" not in numbers


async def test_without_a_sources_file_numbers_are_not_checked(tmp_path: Path) -> None:
    app = make_app(load_bundle(write_bundle(tmp_path / "tiny")))
    async with app.run_test(size=(120, 40)) as pilot:
        await _analytics(app, pilot)
        numbers = text_of(app.screen.query_one(NumbersPane))
        assert "sources: · not checked: the bundle has no sources file" in numbers
        assert "not reported" not in numbers and "No source facts" not in numbers
