"""The evidence analytics in the app: cross-checks, effects, the figure and the outcome matrix."""

from __future__ import annotations

import io

from conftest import AppFactory
from rich.console import Console
from textual.coordinate import Coordinate
from textual.widgets import DataTable, OptionList
from tui_helpers import text_of, wait_until

from peertui.core.models import Corpus
from peertui.tui.app import PeerApp
from peertui.tui.screens.claims import ClaimsScreen
from peertui.tui.screens.matrix import MatrixScreen
from peertui.tui.widgets.evidence import FigurePane, NumbersPane, OutcomesPane, ReferencesPane
from peertui.tui.widgets.view_bar import ViewBar


async def show(app: PeerApp, pilot, claim_id: str) -> None:  # type: ignore[no-untyped-def]
    app.show_claim(claim_id)
    await wait_until(pilot, lambda: app.screen.query_one(NumbersPane).claim_id == claim_id)
    await pilot.pause()


def figure_drawn(app: PeerApp) -> bool:
    """True once the figure pane's figure is mounted and laid out."""
    found = app.screen.query(".figure")
    return bool(found) and found.first().content_region.width > 0


async def open_matrix(app: PeerApp, pilot) -> MatrixScreen:  # type: ignore[no-untyped-def]
    await pilot.press("4")
    await wait_until(pilot, lambda: isinstance(app.screen, MatrixScreen))
    await pilot.pause()
    assert isinstance(app.screen, MatrixScreen)
    return app.screen


def coordinate_of(screen: MatrixScreen, outcome_id: str, study_id: str) -> Coordinate:
    outcomes = [o for o, _ in screen.matrix.outcomes]
    studies = [s for s, _ in screen.matrix.studies]
    return Coordinate(outcomes.index(outcome_id), studies.index(study_id) + 1)


async def test_the_555_participants_differ_from_the_519_the_sources_report(
    app_factory: AppFactory,
) -> None:
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await show(app, pilot, "C05")
        numbers = text_of(app.screen.query_one(NumbersPane))
        assert "sources: = agrees" in numbers  # the 8 weeks
        assert "sources: ≠ differs" in numbers
        assert "report 519, not 555" in numbers
        assert "verified · psychiatryonline abstract" in numbers  # each source, with its status
        assert app.screen.query(".cross-check.-differs")


async def test_the_reference_card_shows_the_misspelled_author(app_factory: AppFactory) -> None:
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await show(app, pilot, "C07")  # cites the BRIDGES paper, reference 3
        refs = text_of(app.screen.query_one(ReferencesPane))
        assert "Reference list: reference 3" in refs
        assert "'Picket'" in refs and "'Pickett'" in refs


async def test_effects_beside_the_readmission_outcome(app_factory: AppFactory) -> None:
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await show(app, pilot, "C10")
        outcomes = text_of(app.screen.query_one(OutcomesPane))
        assert "64/218 (29.4%)" in outcomes and "83/216 (38.4%)" in outcomes
        for computed in ("OR  0.67 (0.45–0.99)", "RR  0.764 (0.585–0.997)", "NNT 11.0"):
            assert computed in outcomes
        assert "RD  -9.1 pts (-17.8 to -0.2)" in outcomes
        assert "reported 0.66 (0.43–0.99)" in outcomes and "reported 0.0438" in outcomes
        assert "logit (Woolf) interval" in outcomes  # the CI methods
        assert "may be adjusted for covariates" in outcomes  # why computed and reported differ
        assert "hazard ratio 0.71" in outcomes  # a reported estimate with no counts


async def test_figure_1_is_drawn_for_its_caption_and_the_claim_citing_it(
    app_factory: AppFactory,
) -> None:
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        for claim_id in ("C11", "C10"):
            await show(app, pilot, claim_id)
            pane = app.screen.query_one(FigurePane)
            await wait_until(pilot, lambda: figure_drawn(app))
            assert pane.display and pane.border_title == "Figure 1"
        await show(app, pilot, "C05")
        assert not app.screen.query_one(FigurePane).display


async def test_the_figure_fits_the_pane(app_factory: AppFactory) -> None:
    for size in ((80, 24), (120, 40)):
        app = app_factory()
        async with app.run_test(size=size) as pilot:
            await show(app, pilot, "C11")
            await wait_until(pilot, lambda app=app: figure_drawn(app))
            figure = app.screen.query_one(".figure")
            width = figure.content_region.width
            lines = [s.text for s in figure.render_lines(figure.content_region.reset_offset)]
            text = "\n".join(lines)
            assert "64/218" in text and "83/216" in text, size
            assert "Redrawn from the data of [4] Johnson" in " ".join(text.split())
            assert all(len(line.rstrip()) <= width for line in lines), size


async def test_4_opens_the_matrix_and_its_tab(app_factory: AppFactory) -> None:
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_matrix(app, pilot)
        assert "4 Matrix" in str(screen.query_one(ViewBar).render())
        table = screen.query_one(DataTable)
        assert table.row_count == len(screen.matrix.outcomes) == 9
        assert len(table.columns) == 1 + len(screen.matrix.studies)
        gap = table.get_cell_at(coordinate_of(screen, "hospital-readmission", "wrap-ohio"))
        assert gap.plain == "— gap"


async def test_moving_onto_a_cell_lists_its_claims(app_factory: AppFactory) -> None:
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_matrix(app, pilot)
        table = screen.query_one(DataTable)
        table.cursor_coordinate = coordinate_of(screen, "hospital-readmission", "core-crisis")
        await wait_until(pilot, lambda: screen.listed == ["C10"])
        listing = screen.query_one("#matrix-claims", OptionList)
        assert listing.display and listing.option_count == 1
        # Readmissions went down, which is better: not "↑ improved".
        cell = text_of(screen.query_one("#matrix-cell"))
        assert "Hospital readmission" in cell and "↓ lower (better) at one year" in cell
        grid = str(screen.query_one(DataTable).get_cell_at(table.cursor_coordinate))
        assert grid.startswith("↓ lower (better)")
        table.cursor_coordinate = coordinate_of(screen, "hospital-readmission", "wrap-ohio")
        await wait_until(pilot, lambda: screen.listed == [])
        assert not listing.display
        assert "a gap" in text_of(screen.query_one("#matrix-cell"))


async def test_choosing_a_claim_in_the_matrix_jumps_to_it(app_factory: AppFactory) -> None:
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_matrix(app, pilot)
        table = screen.query_one(DataTable)
        cell = coordinate_of(screen, "self-perceived-recovery", "bridges-tennessee")
        table.cursor_coordinate = cell
        await pilot.pause()
        await pilot.press("enter")  # select the cell: its claims get the focus
        listing = screen.query_one("#matrix-claims", OptionList)
        await wait_until(pilot, lambda: screen.focused is listing)
        assert screen.listed == ["C08"]
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ClaimsScreen))
        assert app.current_claim_id == "C08"
        assert app.screen.query_one(NumbersPane).claim_id == "C08"
        await pilot.press("4")  # back in the matrix, the cursor is on the claim's cell
        await wait_until(pilot, lambda: isinstance(app.screen, MatrixScreen))
        await pilot.pause()
        assert table.cursor_coordinate == cell


async def test_escape_leaves_the_claims_list_then_the_matrix(app_factory: AppFactory) -> None:
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_matrix(app, pilot)
        await pilot.press("enter")
        listing = screen.query_one("#matrix-claims", OptionList)
        await wait_until(pilot, lambda: screen.focused is listing)
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(screen.focused, DataTable))
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, ClaimsScreen))


async def test_no_matrix_without_claims(app_factory: AppFactory, bib_only: Corpus) -> None:
    app = app_factory(bib_only)
    async with app.run_test(size=(80, 24)) as pilot:
        assert "matrix" not in app.views
        await pilot.press("4")
        await pilot.pause()
        assert not isinstance(app.screen, MatrixScreen)


async def test_the_article_reader_draws_figure_1_under_its_caption(
    app_factory: AppFactory,
) -> None:
    from peertui.tui.screens.article import ArticleScreen, Paragraph
    from peertui.tui.widgets.figure_view import FigureView

    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3")
        await wait_until(pilot, lambda: isinstance(app.screen, ArticleScreen))
        await pilot.pause()
        [figure] = app.screen.query(FigureView)
        scroll = app.screen.query_one("#article")
        children = list(scroll.children)
        before = children[children.index(figure) - 1]
        assert isinstance(before, Paragraph)
        assert "Figure 1. Hospital readmission" in str(before.content)
        console = Console(width=figure.content_region.width, record=True, file=io.StringIO())
        console.print(figure.render())
        shown = console.export_text()
        assert "64/218" in shown and "83/216" in shown
        assert figure.content_region.width > 0 and figure.region.right <= 80
        assert max(len(line.rstrip()) for line in shown.splitlines()) <= figure.content_region.width
