"""The claims screen: selecting a claim fills its panes; copy, DOI, links and problems."""

from __future__ import annotations

import webbrowser
from pathlib import Path

from conftest import AppFactory, make_app
from textual.pilot import Pilot
from tui_data import write_bundle
from tui_helpers import Recorder, settle, text_of, wait_until

from peertui.core.bundle.load import load_bundle
from peertui.core.models import Corpus
from peertui.tui.app import PeerApp
from peertui.tui.formatting import citation_plain
from peertui.tui.screens.claims import ClaimsScreen
from peertui.tui.screens.problems import ProblemsScreen
from peertui.tui.screens.references import ReferencesScreen
from peertui.tui.widgets.claim_list import ClaimList
from peertui.tui.widgets.claim_view import ClaimView, ParagraphView
from peertui.tui.widgets.evidence import NumbersPane, OutcomesPane, ReferencesPane
from peertui.tui.widgets.links import ClaimLinks, LinkButton
from peertui.tui.widgets.reference_card import ReferenceCard


async def test_opens_on_claims_with_the_first_claim(app_factory: AppFactory) -> None:
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ClaimsScreen)
        claim_list = app.screen.query_one(ClaimList)
        assert claim_list.option_count == len(app.corpus.claims)
        assert app.focused is claim_list
        assert claim_list.claim_id == "C01"
        assert "peer advocacy movement" in text_of(app.screen.query_one(ClaimView))


async def test_moving_the_cursor_fills_every_pane(app_factory: AppFactory, corpus: Corpus) -> None:
    claim = corpus.claim("C05")
    assert claim is not None and claim.numbers and len(claim.cites) == 2
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("down", "down", "down", "down")
        await pilot.pause()
        screen = app.screen
        assert app.current_claim_id == "C05"
        view = text_of(screen.query_one(ClaimView))
        assert "C05" in view and "555 individuals" in view
        cards = screen.query_one(ReferencesPane).query(ReferenceCard)
        assert [card.ref.key for card in cards] == claim.cites
        numbers = text_of(screen.query_one(NumbersPane))
        for number in claim.numbers:
            assert number.quote in numbers
        # Each number carries its cross-check's mark; a finding never sits under a ✓.
        assert "✓" not in numbers
        assert "= 8 week" in numbers and "≠ 555 individuals" in numbers
        assert "no outcome" in text_of(screen.query_one(OutcomesPane))
        paragraph = screen.query_one(ParagraphView)
        assert paragraph.display and paragraph.border_title == "Article, paragraph 2"
        # C06 cites the same trial: its card offers C06 as "also cited by".
        links = cards.first().query_one(ClaimLinks)
        assert "C06" in links.claim_ids and "C05" not in links.claim_ids


async def test_outcomes_and_cited_by_context(app_factory: AppFactory, corpus: Corpus) -> None:
    claim = corpus.claim("C06")
    assert claim is not None and claim.cited_by_context and claim.outcomes
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        app.show_claim("C06")
        await pilot.pause()
        outcomes = text_of(app.screen.query_one(OutcomesPane))
        for outcome in claim.outcomes:
            assert corpus.outcome_label(outcome.id) in outcomes
        # The benefit and the measure's direction apart: fewer symptoms, more hope.
        assert "Better with the intervention" in outcomes
        assert "Mental health symptoms  ↓ lower (better)" in outcomes
        assert "Hopefulness  ↑ higher (better)" in outcomes
        assert "improved" not in outcomes
        study = corpus.study(claim.outcomes[0].study)
        assert study is not None and study.label in outcomes
        assert "Cited by context" in text_of(app.screen.query_one(ReferencesPane))


async def test_clicking_a_claim_in_the_list_selects_it(app_factory: AppFactory) -> None:
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        # The border row, then two lines for each of C01 and C02, then C03.
        await pilot.click(ClaimList, offset=(4, 5))
        await pilot.pause()
        assert app.current_claim_id == "C03"


async def _claim_c05_in_full(pilot: Pilot[None]) -> ClaimLinks:
    """Show C05 and wait until its panes are drawn with the analytics (which redraw them, so
    a widget found earlier may be gone); its references pane's first "also cited by" row."""
    app = pilot.app
    assert isinstance(app, PeerApp)
    app.show_claim("C05")
    screen = app.screen
    assert isinstance(screen, ClaimsScreen)
    await wait_until(pilot, lambda: screen.analytics_shown)
    await settle(pilot)
    return screen.query_one(ReferencesPane).query(ClaimLinks).first()


async def test_backlink_jumps_to_the_other_claim(app_factory: AppFactory) -> None:
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        links = await _claim_c05_in_full(pilot)
        target = links.claim_ids[0]
        # "also cited by:" then a space, then the first id padded by one space.
        await pilot.click(links, offset=(len(links.label) + 3, 0))
        await pilot.pause()
        assert app.current_claim_id == target
        assert app.screen.query_one(ClaimList).claim_id == target


async def test_backlink_row_works_from_the_keyboard(app_factory: AppFactory) -> None:
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        links = await _claim_c05_in_full(pilot)
        links.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert app.current_claim_id == links.claim_ids[0]


async def test_reference_button_opens_the_references_browser(app_factory: AppFactory) -> None:
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        app.show_claim("C09")
        await pilot.pause()
        button = app.screen.query_one(ReferencesPane).query_one(LinkButton)
        await pilot.click(button)
        await pilot.pause()
        assert isinstance(app.screen, ReferencesScreen)
        assert app.current_reference_key == "johnson2018_core_lancet"


async def test_r_goes_to_the_first_reference(app_factory: AppFactory) -> None:
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        app.show_claim("C07")
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, ReferencesScreen)
        assert app.current_reference_key == "cook2012_bridges_schizres"


async def test_clicking_a_citation_marker_opens_its_reference(app_factory: AppFactory) -> None:
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        app.show_claim("C05")
        await pilot.pause()
        text = app.screen.query_one("#claim-text")
        wanted = ("app.goto_reference", ("cook2012b_wrap_schizbull",))
        region = text.region
        spot = next(
            (x, y)
            for y in range(region.y, region.bottom)
            for x in range(region.x, region.right)
            if app.screen.get_style_at(x, y).meta.get("@click") == wanted
        )
        await pilot.click(offset=spot)
        await pilot.pause()
        assert isinstance(app.screen, ReferencesScreen)
        assert app.current_reference_key == "cook2012b_wrap_schizbull"


async def test_c_copies_the_claim_text(app_factory: AppFactory) -> None:
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        app.show_claim("C09")
        await pilot.pause()
        await pilot.press("c")
        claim = app.corpus.claim("C09")
        assert claim is not None and app.clipboard == claim.text


async def test_o_opens_the_doi(app_factory: AppFactory, monkeypatch) -> None:
    app = app_factory()
    opened = Recorder()
    monkeypatch.setattr(app, "open_url", opened)
    monkeypatch.setattr(webbrowser, "get", lambda: object())  # a browser is there
    async with app.run_test(size=(120, 40)) as pilot:
        app.show_claim("C09")
        await pilot.pause()
        await pilot.press("o")
        ref = app.corpus.reference("johnson2018_core_lancet")
        assert ref is not None
        assert opened.messages == [f"https://doi.org/{ref.doi}"]


async def test_o_without_a_reference_says_so(app_factory: AppFactory, monkeypatch) -> None:
    app = app_factory()
    opened, notes = Recorder(), Recorder()
    monkeypatch.setattr(app, "open_url", opened)
    async with app.run_test(size=(120, 40)) as pilot:
        monkeypatch.setattr(app, "notify", notes)
        await pilot.press("o")  # C01 cites nothing
        assert opened.calls == []
        assert notes.messages == ["No reference selected."]


async def test_o_on_a_reference_without_doi(tmp_path: Path, monkeypatch) -> None:
    app = make_app(load_bundle(write_bundle(tmp_path, doi="")))
    opened, notes = Recorder(), Recorder()
    monkeypatch.setattr(app, "open_url", opened)
    async with app.run_test(size=(120, 40)) as pilot:
        monkeypatch.setattr(app, "notify", notes)
        await pilot.press("o")
        assert opened.calls == []
        assert notes.messages == ["Doe 2020 has neither a DOI nor a URL."]


async def test_o_opens_the_url_when_there_is_no_doi(tmp_path: Path, monkeypatch) -> None:
    bundle = write_bundle(tmp_path, doi="")
    bib = bundle / "references.bib"
    text = bib.read_text(encoding="utf-8")
    bib.write_text(text.replace("  year =", "  url = {https://example.org/doe},\n  year ="))
    app = make_app(load_bundle(bundle))
    opened = Recorder()
    monkeypatch.setattr(app, "open_url", opened)
    monkeypatch.setattr(webbrowser, "get", lambda: object())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("o")
        assert opened.messages == ["https://example.org/doe"]


async def test_o_without_a_browser_says_so(app_factory: AppFactory, monkeypatch) -> None:
    def no_browser() -> None:
        raise webbrowser.Error("could not locate runnable browser")

    app = app_factory()
    opened, notes = Recorder(), Recorder()
    monkeypatch.setattr(app, "open_url", opened)
    monkeypatch.setattr(webbrowser, "get", no_browser)
    async with app.run_test(size=(120, 40)) as pilot:
        app.show_claim("C09")
        await pilot.pause()
        monkeypatch.setattr(app, "notify", notes)
        await pilot.press("o")
        assert opened.calls == []
        assert notes.messages[-1].startswith("No browser found: https://doi.org/")
        assert not any(m.startswith("Opening") for m in notes.messages)
        assert app.clipboard.startswith("https://doi.org/")


async def test_problems_are_notified_listed_and_lead_to_their_claim(
    bad_bundle: Path, monkeypatch
) -> None:
    app = make_app(load_bundle(bad_bundle))
    notes = Recorder()
    monkeypatch.setattr(app, "notify", notes)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert any("Press p" in message for message in notes.messages)
        assert notes.calls[0][1]["severity"] == "error"
        claim_list = app.screen.query_one(ClaimList)
        assert str(claim_list.get_option_at_index(0).prompt).startswith("✗ C01")
        assert str(claim_list.get_option_at_index(1).prompt).startswith("✓ C02")
        assert "nosuch2020" in text_of(app.screen.query_one(ClaimView))
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, ProblemsScreen)
        listed = app.screen.query_one("#problem-list")
        prompts = [str(listed.get_option_at_index(i).prompt) for i in range(listed.option_count)]
        index = next(i for i, text in enumerate(prompts) if "nosuch2020" in text)
        app.show_claim("C02")
        await pilot.press("p")
        await pilot.pause()
        listed.highlighted = index
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ClaimsScreen))
        assert app.current_claim_id == "C01"


async def test_escape_leaves_the_problems_screen(app_factory: AppFactory) -> None:
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, ProblemsScreen)
        assert "No errors or warnings. 2 findings" in text_of(app.screen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ReferencesScreen)


async def test_copy_on_references_copies_the_citation(app_factory: AppFactory) -> None:
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        app.show_reference("gillard2019_jmh")
        await pilot.pause()
        await pilot.press("c")
        ref = app.corpus.reference("gillard2019_jmh")
        assert ref is not None
        assert app.clipboard == citation_plain(ref)
        assert "Gillard, Steve" in app.clipboard and ref.doi in app.clipboard


async def test_data_is_never_read_as_markup(tmp_path: Path) -> None:
    title = "[bold]Not markup[/bold] [@click=app.quit]x[/]"
    app = make_app(load_bundle(write_bundle(tmp_path, title=title, claim_id="[C1]")))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert title in text_of(app.screen.query_one(ReferencesPane))
        assert str(app.screen.query_one(ClaimList).get_option_at_index(0).prompt).startswith(
            "✓ [C1]"
        )
        assert app.is_running
