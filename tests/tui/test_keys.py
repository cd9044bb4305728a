"""The keys work the same everywhere: j/k/g/G/Home/End in every list, table and scrolling pane,
a back key after following a link, and a help screen that speaks of panes, not classes."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import make_app
from textual.widgets import DataTable, OptionList
from tui_helpers import settle, wait_until

from peertui.core.bundle.load import load_bundle
from peertui.tui.screens.article import ArticleScreen
from peertui.tui.screens.help import HelpScreen, help_sections
from peertui.tui.screens.references import ReferencesScreen
from peertui.tui.widgets.claim_list import ClaimList
from peertui.tui.widgets.reference_table import ReferenceTable
from peertui.tui.widgets.search_bar import SearchResults

#: A class name as the help once showed them ("VerticalScroll", "LinkButton").
CLASS_NAME = re.compile(r"\b[A-Z][a-z]+[A-Z][A-Za-z]*\b")


async def test_j_k_g_and_G_move_the_claim_list() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        listed = app.screen.query_one(ClaimList)
        await pilot.press("j", "j")
        assert listed.highlighted == 2 and app.current_claim_id == "C03"
        await pilot.press("k")
        assert listed.highlighted == 1
        await pilot.press("G")
        assert listed.highlighted == len(app.corpus.claims) - 1
        await pilot.press("g")
        assert listed.highlighted == 0
        await pilot.press("end", "home")
        assert listed.highlighted == 0


async def test_home_end_and_j_k_move_the_references_table() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        await wait_until(pilot, lambda: isinstance(app.screen, ReferencesScreen))
        table = app.screen.query_one(ReferenceTable)
        await wait_until(pilot, lambda: app.focused is table)
        await pilot.press("j", "j")
        assert table.cursor_row == 2
        await pilot.press("k")
        assert table.cursor_row == 1
        await pilot.press("end")
        assert table.cursor_row == table.row_count - 1
        await pilot.press("home")
        assert table.cursor_row == 0
        await pilot.press("G")
        assert table.cursor_row == table.row_count - 1
        await pilot.press("g")
        assert table.cursor_row == 0


async def test_the_problem_list_and_the_matrix_take_the_same_keys(bad_bundle: Path) -> None:
    claims = bad_bundle / "claims.yaml"
    text = claims.read_text(encoding="utf-8")
    claims.write_text(text.replace("cites: []", "cites: [nosuch2020]", 3), encoding="utf-8")
    app = make_app(load_bundle(bad_bundle))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("p")
        await wait_until(pilot, lambda: app.current_mode == "problems")
        problems = app.screen.query_one("#problem-list", OptionList)
        await wait_until(pilot, lambda: app.focused is problems)
        assert problems.option_count >= 3
        await pilot.press("G")
        assert problems.highlighted == problems.option_count - 1
        await pilot.press("g", "j")
        assert problems.highlighted == 1
        await pilot.press("4")
        await wait_until(pilot, lambda: app.current_mode == "matrix")
        grid = app.screen.query_one(DataTable)
        await wait_until(pilot, lambda: app.focused is grid)
        await pilot.press("G")
        assert grid.cursor_row == grid.row_count - 1
        await pilot.press("home", "j")
        assert grid.cursor_row == 1


async def test_backspace_returns_to_where_a_link_was_followed_from() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        app.show_claim("C05")
        await pilot.pause()
        app.show_reference("johnson2018_core_lancet")  # as a reference link does
        await wait_until(pilot, lambda: isinstance(app.screen, ReferencesScreen))
        await wait_until(pilot, lambda: isinstance(app.focused, ReferenceTable))
        await pilot.press("backspace")
        await wait_until(pilot, lambda: app.current_mode == "claims")
        assert app.current_claim_id == "C05"
        assert app.screen.query_one(ClaimList).claim_id == "C05"


async def test_help_names_panes_and_describes_every_key() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        app.show_claim("C11")
        await pilot.pause()
        seen: set[str] = set()
        for _ in range(8):  # the list, the search, each pane and link on the claims screen
            sections = help_sections(app.screen)
            for title, rows in sections:
                seen.add(title)
                assert not CLASS_NAME.search(title), title
                for keys, description, _ in rows:
                    assert description and description != "palette", keys
            await pilot.press("tab")
            await pilot.pause()
        assert "Claim list (where the cursor is)" in seen
        assert "Reference link (where the cursor is)" in seen
        everywhere = dict(
            (description, keys)
            for title, rows in help_sections(app.screen)
            for keys, description, _ in rows
            if title == "Everywhere"
        )
        assert everywhere["Jump to a claim or reference"] == "ctrl+p"
        await pilot.press("question_mark")
        await wait_until(pilot, lambda: isinstance(app.screen, HelpScreen))


async def test_the_search_results_and_the_article_take_the_same_keys() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash", *"peer")
        await settle(pilot)
        results = app.screen.query_one(SearchResults)
        await pilot.press("down", "j", "j")
        assert app.focused is results and results.highlighted == 2
        await pilot.press("k")
        assert results.highlighted == 1
        await pilot.press("G")
        assert results.highlighted == results.option_count - 1
        await pilot.press("g")
        assert results.highlighted == 0
        await pilot.press("escape", "3")
        await wait_until(pilot, lambda: app.current_mode == "article")
        await pilot.press("G")
        article = app.screen
        assert isinstance(article, ArticleScreen)
        assert app.current_claim_id == article.placed[-1][0].id
        await pilot.press("g")
        assert app.current_claim_id == article.placed[0][0].id
