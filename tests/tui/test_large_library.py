"""A generated library of a few thousand entries: the table fills in batches, the palette and
the search stay bounded, and the selection survives both."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest
from conftest import make_app
from textual.command import CommandPalette
from tui_helpers import settle, wait_until

from bench.generate import write_bundle
from peertui.core.bundle.load import load_bundle
from peertui.core.models import Corpus
from peertui.tui.launch import LARGE_CORPUS
from peertui.tui.palette import LIMIT
from peertui.tui.screens.references import BATCH, ReferencesScreen
from peertui.tui.widgets.reference_table import ReferenceTable

REFS = 3 * BATCH + 10


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    path = write_bundle(Path(tmp_path_factory.mktemp("large")), REFS, 30)
    return load_bundle(path)


def keys(table: ReferenceTable) -> list[str]:
    return [str(row.key.value) for row in table.ordered_rows]


async def test_the_table_fills_in_batches_and_keeps_the_selection(library: Corpus) -> None:
    app = make_app(library)
    last = max(library.references, key=lambda r: r.number or 0).key
    async with app.run_test(size=(120, 40)) as pilot:
        app.show_reference(last)
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReferencesScreen)
        table = screen.query_one(ReferenceTable)
        await wait_until(pilot, lambda: not screen.filling)
        assert table.row_count == len({r.key for r in library.references})
        assert keys(table)[table.cursor_row] == last  # it came in the last batch
        assert app.current_reference_key == last
        await pilot.press("a")
        await wait_until(pilot, lambda: not screen.filling)
        surnames = [library.reference(k).first_author_surname.casefold() for k in keys(table)]  # type: ignore[union-attr]
        assert surnames == sorted(surnames)
        assert keys(table)[table.cursor_row] == last


async def test_a_resort_drops_the_batches_of_the_old_order(library: Corpus) -> None:
    app = make_app(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        await wait_until(pilot, lambda: isinstance(app.screen, ReferencesScreen))
        screen = app.screen
        await pilot.press("y", "y")  # two refills before the first one has finished
        await wait_until(pilot, lambda: not screen.filling)
        table = screen.query_one(ReferenceTable)
        years = [library.reference(k).year for k in keys(table)]  # type: ignore[union-attr]
        assert len(years) == len({r.key for r in library.references})
        assert years == sorted(years, reverse=True)


async def test_the_palette_lists_a_bounded_number_of_hits(library: Corpus) -> None:
    app = make_app(library)
    target = library.references[-1]
    fragment = " ".join(target.title.split()[:4])
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+p")
        await wait_until(pilot, lambda: isinstance(app.screen, CommandPalette))
        palette = app.screen
        await pilot.press(*fragment)

        def offered() -> bool:
            options = palette.query_one("CommandList").options  # type: ignore[attr-defined]
            return any(target.title[:30] in str(o.prompt) for o in options)

        await wait_until(pilot, offered, tries=2000)
        assert palette.query_one("CommandList").option_count <= 2 * LIMIT  # type: ignore[attr-defined]
        await pilot.press("escape")


async def test_the_search_index_is_built_before_the_first_keystroke(library: Corpus) -> None:
    app = make_app(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app._index is not None


async def test_a_large_library_is_frozen_after_the_first_frame(library: Corpus) -> None:
    assert len(library.references) >= LARGE_CORPUS
    app = make_app(library)
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)  # past the first frame: the start-up freeze is over by now
            assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()


async def test_a_small_bundle_is_handed_back_to_the_collector(corpus: Corpus) -> None:
    app = make_app(corpus)
    gc.disable()  # as `peertui` starts the app
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            assert gc.get_freeze_count() == 0
            assert gc.isenabled()  # turned back on after the first frame
    finally:
        gc.enable()


async def test_a_large_library_opens_with_focus_on_the_table(tmp_path: Path) -> None:
    """While batches are still being added the table keeps the focus: `p` is a key, not text."""
    path = write_bundle(tmp_path / "lib", REFS, 0)
    app = make_app(load_bundle(path / "references.bib"))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, ReferencesScreen)
        await wait_until(pilot, lambda: not screen.filling)
        assert isinstance(app.focused, ReferenceTable)
        await pilot.press("p")
        await wait_until(pilot, lambda: app.current_mode == "problems")
