"""What the main screens look like, at 80×24 and 120×40, the claims screen at 200×50 too
(SVG snapshots, fixed data, no blink)."""

from __future__ import annotations

import pytest
from conftest import make_app
from textual.pilot import Pilot

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]
#: The claims screen also at 200 columns, where its list and panes grow with the width.
WIDE = [*SIZES, pytest.param((200, 50), id="200x50")]


@pytest.mark.parametrize("size", WIDE)
def test_claims_screen_with_a_claim_selected(snap_compare, size: tuple[int, int]) -> None:
    """C05 selected: its text with the numbers and markers styled, its numbers and references."""

    async def select(pilot: Pilot[None]) -> None:
        pilot.app.show_claim("C05")  # type: ignore[attr-defined]
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=size, run_before=select)


@pytest.mark.parametrize("size", SIZES)
def test_references_screen(snap_compare, size: tuple[int, int]) -> None:
    """The table sorted by citation number, the Johnson 2018 reference in full beside it."""

    async def select(pilot: Pilot[None]) -> None:
        pilot.app.show_reference("johnson2018_core_lancet")  # type: ignore[attr-defined]
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=size, run_before=select)


@pytest.mark.parametrize("size", SIZES)
def test_help_screen(snap_compare, size: tuple[int, int]) -> None:
    """The keys of the claims screen and of the app, from their bindings."""
    assert snap_compare(make_app(), terminal_size=size, press=["question_mark"])


@pytest.mark.parametrize("size", SIZES)
def test_article_reader(snap_compare, size: tuple[int, int]) -> None:
    """The reader on C09 (paragraph 2), its sentence highlighted, the status line below."""

    async def select(pilot: Pilot[None]) -> None:
        pilot.app.current_claim_id = "C09"  # type: ignore[attr-defined]
        await pilot.press("3")
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=size, run_before=select)


@pytest.mark.parametrize("size", SIZES)
def test_matrix_screen(snap_compare, size: tuple[int, int]) -> None:
    """The outcome × study grid on CORE's hospital readmission (C10), its claim listed below."""

    async def select(pilot: Pilot[None]) -> None:
        pilot.app.current_claim_id = "C10"  # type: ignore[attr-defined]
        await pilot.press("4")
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=size, run_before=select)
