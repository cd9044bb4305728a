"""Screens and moving between them: view keys, references sort, article reader, palette, help."""

from __future__ import annotations

from conftest import AppFactory
from textual.command import CommandPalette
from textual.widgets import DataTable
from tui_helpers import text_of, wait_until

from peertui.core.models import Corpus
from peertui.tui.app import PeerApp
from peertui.tui.screens.article import ArticleScreen, Paragraph
from peertui.tui.screens.claims import ClaimsScreen
from peertui.tui.screens.help import HelpScreen
from peertui.tui.screens.problems import ProblemsScreen
from peertui.tui.screens.references import ReferencesScreen
from peertui.tui.widgets.claim_list import ClaimList
from peertui.tui.widgets.reference_card import ReferenceCard
from peertui.tui.widgets.view_bar import ViewBar


def row_keys(app: PeerApp) -> list[str]:
    table = app.screen.query_one(DataTable)
    return [str(row.key.value) for row in table.ordered_rows]


async def test_view_keys_switch_screens(app_factory: AppFactory) -> None:
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        for key, screen in (
            ("2", ReferencesScreen),
            ("3", ArticleScreen),
            ("p", ProblemsScreen),
            ("1", ClaimsScreen),
        ):
            await pilot.press(key)
            await pilot.pause()
            assert isinstance(app.screen, screen), key


async def test_q_quits(app_factory: AppFactory) -> None:
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running


async def test_references_sort_by_keys(app_factory: AppFactory, corpus: Corpus) -> None:
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        by_number = [r.key for r in sorted(corpus.references, key=lambda r: r.number or 0)]
        assert row_keys(app) == by_number
        await pilot.press("a")
        keys = row_keys(app)
        surnames = [corpus.reference(k).first_author_surname for k in keys]  # type: ignore[union-attr]
        assert surnames == sorted(surnames) and surnames[0] == "Cook"
        await pilot.press("y")
        years = [corpus.reference(k).year for k in row_keys(app)]  # type: ignore[union-attr]
        assert years == sorted(years)
        await pilot.press("y")  # again: newest first
        years = [corpus.reference(k).year for k in row_keys(app)]  # type: ignore[union-attr]
        assert years == sorted(years, reverse=True)
        assert str(app.screen.query_one(DataTable).columns["year"].label) == "Year ▼"
        await pilot.press("n")
        assert row_keys(app) == by_number


async def test_references_sort_by_header_click(app_factory: AppFactory) -> None:
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        number, author = (table.columns[k] for k in ("number", "author"))
        x = number.get_render_width(table) + author.get_render_width(table) // 2
        await pilot.click(DataTable, offset=(x, 0))
        await pilot.pause()
        assert app.screen.sort_by == "author"  # type: ignore[attr-defined]
        assert row_keys(app)[-1] == "johnson2018_core_lancet"


async def test_reference_detail_follows_the_cursor(app_factory: AppFactory) -> None:
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        await pilot.press("down", "down", "down")
        await pilot.pause()
        assert app.current_reference_key == "johnson2018_core_lancet"
        card = app.screen.query_one(ReferenceCard)
        assert card.ref.key == "johnson2018_core_lancet"
        shown = text_of(card)
        assert "Lloyd-Evans, Brynmor" in shown  # the full author list
        assert "[unverified]" in shown and "self- management" in shown  # article form
        assert "C09" in shown and "C10" in shown  # cited by


async def test_article_reader_moves_the_selection(app_factory: AppFactory, corpus: Corpus) -> None:
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ArticleScreen)
        assert app.current_claim_id == "C01"
        current = [p for p in screen.query(Paragraph) if p.has_class("-current")]
        assert [p.index for p in current] == [0]
        await pilot.press("down")
        assert app.current_claim_id == "C02"
        await pilot.press("right_square_bracket")
        assert app.current_claim_id == "C04"  # first claim of paragraph 2
        assert screen.paragraph == 1
        await pilot.press("j", "j")
        assert app.current_claim_id == "C06"
        await pilot.press("up")
        assert app.current_claim_id == "C05"
        await pilot.press("left_square_bracket")
        assert app.current_claim_id == "C01"
        assert "C01" in str(screen.query_one("#article-status").render())
        # The claims screen follows what the reader selected.
        await pilot.press("right_square_bracket", "1")
        await pilot.pause()
        assert app.screen.query_one(ClaimList).claim_id == "C04"


async def test_article_reader_r_and_enter(app_factory: AppFactory) -> None:
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        app.current_claim_id = "C09"
        await pilot.press("3")
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, ReferencesScreen)
        assert app.current_reference_key == "johnson2018_core_lancet"
        await pilot.press("3", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ClaimsScreen)
        assert app.current_claim_id == "C09"


async def test_article_reader_c_copies_and_click_selects(app_factory: AppFactory) -> None:
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3")
        await pilot.pause()
        await pilot.press("c")
        assert app.clipboard == app.corpus.claims[0].text
        second = app.screen.query(Paragraph)[1]
        await pilot.click(second, offset=(2, 0))  # the first words of paragraph 2: claim C04
        await pilot.pause()
        assert app.current_claim_id == "C04"


async def test_palette_jumps_to_a_claim(app_factory: AppFactory) -> None:
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+p")
        await wait_until(pilot, lambda: isinstance(app.screen, CommandPalette))
        await pilot.press(*"Claim C09")
        palette = app.screen

        def first_is_c09() -> bool:
            options = palette.query_one("CommandList").options  # type: ignore[attr-defined]
            return bool(options) and str(options[0].prompt).startswith("Claim C09")

        await wait_until(pilot, first_is_c09)
        await pilot.press("enter")
        await wait_until(pilot, lambda: app.current_claim_id == "C09")
        await pilot.pause()
        assert isinstance(app.screen, ClaimsScreen)
        assert app.screen.query_one(ClaimList).claim_id == "C09"


async def test_palette_jumps_to_a_reference(app_factory: AppFactory) -> None:
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+p")
        await wait_until(pilot, lambda: isinstance(app.screen, CommandPalette))
        await pilot.press(*"Reference Gillard")
        palette = app.screen
        await wait_until(
            pilot,
            lambda: (
                str(palette.query_one("CommandList").options[0].prompt).startswith(  # type: ignore[attr-defined]
                    "Reference Gillard"
                )
                if palette.query_one("CommandList").option_count  # type: ignore[attr-defined]
                else False
            ),
        )
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ReferencesScreen))
        assert app.current_reference_key == "gillard2019_jmh"


async def test_palette_finds_words_past_the_shown_part_of_a_claim(
    app_factory: AppFactory,
) -> None:
    """C14's "new apartment" lies past the 90 characters the palette shows and fuzzy-matches."""
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+p")
        await wait_until(pilot, lambda: isinstance(app.screen, CommandPalette))
        await pilot.press(*"new apartment")
        palette = app.screen

        def c14_offered() -> bool:
            options = palette.query_one("CommandList").options  # type: ignore[attr-defined]
            return any(str(option.prompt).startswith("Claim C14") for option in options)

        await wait_until(pilot, c14_offered)


async def test_help_lists_every_binding_with_its_description(app_factory: AppFactory) -> None:
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        shown = text_of(app.screen)
        for binding in [*PeerApp.BINDINGS, *ClaimsScreen.BINDINGS]:
            assert binding.description in shown  # type: ignore[union-attr]
        assert "Search" in shown and "Export" in shown
        assert "Claims screen" in shown and "Everywhere" in shown
        await pilot.press("escape")
        assert isinstance(app.screen, ClaimsScreen)


async def test_help_follows_the_screen(app_factory: AppFactory) -> None:
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3", "question_mark")
        await pilot.pause()
        shown = text_of(app.screen)
        assert "Article screen" in shown and "Next paragraph" in shown and "]" in shown
        assert "Copy the current claim's text." in shown  # the action's own docstring


async def test_narrow_layout_toggles_a_class(app_factory: AppFactory) -> None:
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.screen.has_class("-narrow")
        body = app.screen.query_one("#body")
        assert body.styles.layout is not None and body.styles.layout.name == "vertical"
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        assert not app.screen.has_class("-narrow")
        assert body.styles.layout.name == "horizontal"  # type: ignore[union-attr]
        await pilot.press("2")
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert app.screen.has_class("-narrow")
        await pilot.press("1")
        await pilot.pause()
        assert app.screen.has_class("-narrow")


async def test_a_bib_alone_opens_on_references(app_factory: AppFactory, bib_only: Corpus) -> None:
    assert not bib_only.claims
    app = app_factory(bib_only)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ReferencesScreen)
        assert app.views == ["references", "problems"]
        assert len(row_keys(app)) == len(bib_only.references)
        await pilot.press("1", "3")
        await pilot.pause()
        assert isinstance(app.screen, ReferencesScreen)
        keys = {active.binding.action for active in app.screen.active_bindings.values()}
        assert "view('claims')" not in keys and "view('references')" in keys
        assert "No claim cites this reference." in text_of(app.screen.query_one(ReferenceCard))


async def test_resizing_keeps_the_selected_reference(app_factory: AppFactory) -> None:
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        app.show_reference("gillard2019_jmh")
        await pilot.pause()
        await pilot.pause()
        assert app.current_reference_key == "gillard2019_jmh"
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        await pilot.pause()
        assert app.current_reference_key == "gillard2019_jmh"
        assert app.screen.query_one(ReferenceCard).ref.key == "gillard2019_jmh"
        table = app.screen.query_one(DataTable)
        assert table.cursor_row == table.get_row_index("gillard2019_jmh")


async def test_view_bar_tabs_switch_views_on_click(app_factory: AppFactory) -> None:
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        bar = app.screen.query_one(ViewBar)
        assert [mode for mode, _, _ in bar.views] == app.views
        offset = str(bar.render()).index("References")
        await pilot.click(ViewBar, offset=(offset, 0))
        await pilot.pause()
        assert isinstance(app.screen, ReferencesScreen)
        assert app.screen.query_one(ViewBar).current == "references"
