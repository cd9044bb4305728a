"""The references table: rows made when drawn, widths measured without cleaning every cell,
sort orders as the sort keys define them, and a resize that cuts titles again in place."""

from __future__ import annotations

import re
import sys

import pytest
from conftest import make_app
from hypothesis import given
from hypothesis import strategies as st
from textual.pilot import Pilot
from tui_helpers import wait_until

from peertui.core.models import Corpus, Reference
from peertui.core.sanitize import clean, printable, shorten
from peertui.tui.screens import references as screen_module
from peertui.tui.screens.references import SORTS, ReferencesScreen
from peertui.tui.widgets.reference_table import ReferenceTable, widest

_WS = re.compile(r"\s+")
messy = st.text(st.sampled_from(list("ab \t\n\r\x0b\x0c\x1b[m\x85\xa0\u2028\u3000é")), max_size=30)


def _clean_by_regex(text: str) -> str:
    return _WS.sub(" ", printable(text)).strip()


def test_clean_treats_every_code_point_as_the_regex_does() -> None:
    every = "".join(map(chr, range(sys.maxunicode + 1))).replace("\ud800", "")
    for start in range(0, len(every), 4096):
        chunk = every[start : start + 4096]
        assert clean(chunk) == _clean_by_regex(chunk)


@given(messy)
def test_clean_matches_the_regex_on_messy_text(text: str) -> None:
    assert clean(text) == _clean_by_regex(text)


@given(st.lists(messy, max_size=20), st.one_of(st.none(), st.integers(0, 10)))
def test_widest_is_the_longest_cleaned_text(texts: list[str], cap: int | None) -> None:
    longest = max((len(clean(t)) for t in texts), default=0)
    assert widest(texts, cap) == (longest if cap is None else min(longest, cap))


references = st.builds(
    Reference,
    key=st.text("abc", min_size=1, max_size=3),
    authors=st.lists(
        st.sampled_from(["Cook, J.", "cook, A.", "Ann Bo", "", "Ärzt, K."]), max_size=2
    ),
    year=st.sampled_from(["", "1999", "2001", "n.d."]),
    number=st.one_of(st.none(), st.integers(1, 5)),
)
OLD_KEYS = {
    # Uncited references keep the library's order (a stable sort leaves their ties alone).
    "number": lambda r: (r.number is None, r.number or 0, "" if r.number is None else r.key),
    "author": lambda r: (r.first_author_surname.casefold(), r.year, r.number or 0, r.key),
    "year": lambda r: (r.year, r.first_author_surname.casefold(), r.number or 0, r.key),
}


@given(st.lists(references, max_size=30), st.sampled_from(sorted(SORTS)))
def test_each_sort_orders_as_its_key(refs: list[Reference], column: str) -> None:
    expected = list(dict.fromkeys(ref.key for ref in sorted(refs, key=OLD_KEYS[column])))
    assert SORTS[column](refs, False) == expected
    if len({ref.key for ref in refs}) == len(refs):
        assert SORTS[column](refs, True) == expected


async def _open_references(pilot: Pilot[None]) -> tuple[ReferencesScreen, ReferenceTable]:
    """Switch to the references view (key 2) and wait until its first rows are in."""
    await pilot.press("2")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, ReferencesScreen))
    screen = pilot.app.screen
    assert isinstance(screen, ReferencesScreen)
    table = screen.query_one(ReferenceTable)
    await wait_until(pilot, lambda: table.row_count)
    return screen, table


def _titles(table: ReferenceTable) -> list[str]:
    return [table.get_cell(row.key, "title").plain for row in table.ordered_rows]


async def test_a_resize_cuts_the_titles_again_without_a_refill(corpus: Corpus) -> None:
    app = make_app(corpus)
    async with app.run_test(size=(160, 40)) as pilot:
        screen, table = await _open_references(pilot)
        await wait_until(pilot, lambda: not screen.filling)
        fills, wide = screen._fill_generation, table.title_width
        assert any(len(ref.title) > 30 for ref in corpus.references)
        await pilot.resize_terminal(100, 30)
        await wait_until(pilot, lambda: table.title_width < wide)
        assert screen._fill_generation == fills
        assert table.columns[table.ordered_columns[-1].key].width == table.title_width
        titles = _titles(table)
        assert all(len(title) <= table.title_width for title in titles)
        assert any(title.endswith("…") for title in titles)
        await pilot.resize_terminal(160, 40)
        await wait_until(pilot, lambda: table.title_width == wide)
        assert _titles(table) != titles


async def test_the_cells_are_the_references_own(corpus: Corpus) -> None:
    app = make_app(corpus)
    async with app.run_test(size=(200, 40)) as pilot:
        _, table = await _open_references(pilot)
        await wait_until(pilot, lambda: table.row_count == len(corpus.references))
        for row in table.ordered_rows:
            ref = corpus.reference(str(row.key.value))
            assert ref is not None
            number, author, year, title = (cell.plain for cell in table.get_row(row.key))
            assert (number, author, year) == (str(ref.number), ref.first_author_surname, ref.year)
            assert title == shorten(ref.title, table.title_width)


async def test_rows_added_in_batches_keep_the_tables_order_and_lines(
    corpus: Corpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(screen_module, "BATCH", 2)  # the five references arrive in three batches
    app = make_app(corpus)
    async with app.run_test(size=(160, 40)) as pilot:
        screen, table = await _open_references(pilot)
        for keys in ("", "y", "n"):
            await pilot.press(*keys)
            await wait_until(pilot, lambda: not screen.filling)
            await pilot.resize_terminal(120 if keys else 100, 40)
            await pilot.pause()
            in_order = [table.rows[table._row_locations.get_key(i)] for i in range(table.row_count)]
            assert table.row_count == len(corpus.references)
            assert list(table.ordered_rows) == in_order
            assert list(table._y_offsets) == [(row.key, 0) for row in in_order]
            assert [str(row.key.value) for row in in_order] == screen._order
