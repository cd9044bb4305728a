"""Search as you type: results arrive from a worker, stale ones are dropped, Enter jumps."""

from __future__ import annotations

import threading

from conftest import AppFactory
from textual.command import CommandPalette
from textual.widgets import Input
from tui_helpers import settle, wait_until

from peertui.core.search.engine import Hit
from peertui.tui.screens.claims import ClaimsScreen
from peertui.tui.screens.export import ExportScreen
from peertui.tui.screens.references import ReferencesScreen
from peertui.tui.widgets.claim_list import ClaimList
from peertui.tui.widgets.search_bar import SearchBar, SearchResults


async def test_slash_focuses_the_search_input(app_factory: AppFactory) -> None:
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash")
        assert isinstance(app.focused, Input) and app.focused.id == "search-input"


async def test_slash_from_the_article_goes_to_the_claims_search(app_factory: AppFactory) -> None:
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3")
        await pilot.press("slash")
        await pilot.pause()
        assert isinstance(app.screen, ClaimsScreen)
        assert isinstance(app.focused, Input)


async def test_typing_shows_results_of_every_kind(app_factory: AppFactory) -> None:
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash", *"readmission")
        await settle(pilot)
        bar = app.screen.query_one(SearchBar)
        results = bar.query_one(SearchResults)
        assert results.display
        kinds = {hit.kind for hit in bar.hits}
        assert {"claim", "outcome"} <= kinds
        assert results.option_count == len(bar.hits)
        first = str(results.get_option_at_index(0).prompt)
        assert bar.hits[0].kind in first and bar.hits[0].field in first
        # The app remembers the claims of the results, for exporting them.
        assert app.search_claim_ids and "C10" in app.search_claim_ids


async def test_enter_jumps_to_the_best_claim(app_factory: AppFactory) -> None:
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash", *"Johnson and colleagues randomized")
        await settle(pilot)
        bar = app.screen.query_one(SearchBar)
        assert bar.hits[0].kind == "claim" and bar.hits[0].id == "C09"
        await pilot.press("enter")
        await pilot.pause()
        assert app.current_claim_id == "C09"
        assert app.screen.query_one(ClaimList).claim_id == "C09"


async def test_enter_before_the_answer_waits_for_it(app_factory: AppFactory) -> None:
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash", *"Johnson and colleagues randomized", "enter")
        await settle(pilot)
        assert app.current_claim_id == "C09"


async def test_choosing_a_reference_opens_the_browser(app_factory: AppFactory) -> None:
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash", *"kind:reference gillard")
        await settle(pilot)
        bar = app.screen.query_one(SearchBar)
        index = next(i for i, hit in enumerate(bar.hits) if hit.kind == "reference")
        await pilot.press("down")
        results = bar.query_one(SearchResults)
        assert app.focused is results
        results.highlighted = index
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReferencesScreen)
        assert app.current_reference_key == bar.hits[index].id == "gillard2019_jmh"


async def test_clicking_a_number_result_goes_to_its_claim(app_factory: AppFactory) -> None:
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash", *"kind:number 441")
        await settle(pilot)
        bar = app.screen.query_one(SearchBar)
        assert bar.hits[0].kind == "number" and bar.hits[0].claim_id == "C09"
        await pilot.click(SearchResults, offset=(5, 0))
        await pilot.pause()
        assert app.current_claim_id == "C09"


async def test_escape_clears_and_leaves_the_search(app_factory: AppFactory) -> None:
    """One rule from the input and from the results: Escape clears the query and goes back to
    the claim list, so the next key is a command (`e` exports), not text."""
    for path in (["escape"], ["down", "escape"]):
        app = app_factory()
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.press("slash", *"peer")
            await settle(pilot)
            bar = app.screen.query_one(SearchBar)
            results = bar.query_one(SearchResults)
            await pilot.press(*path)
            await settle(pilot)
            assert isinstance(app.focused, ClaimList)
            assert not results.display
            assert bar.query_one(Input).value == ""
            assert app.search_claim_ids is None
            await pilot.press("e")
            await pilot.pause()
            assert isinstance(app.screen, ExportScreen)


async def test_down_highlights_the_first_hit_and_enter_opens_it(app_factory: AppFactory) -> None:
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash", *"Pickett")
        await settle(pilot)
        bar = app.screen.query_one(SearchBar)
        results = bar.query_one(SearchResults)
        assert bar.hits
        await pilot.press("down")
        assert app.focused is results and results.highlighted == 0
        first = bar.hits[0]
        await pilot.press("enter")
        await pilot.pause()
        if first.kind == "reference":
            assert app.current_reference_key == first.id
        else:
            assert app.current_claim_id == (first.claim_id or first.id)


async def test_a_palette_jump_closes_the_results(app_factory: AppFactory) -> None:
    """From the results, ctrl+p → C14: the claims screen shows C14 with the list focused and
    no stale results."""
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash", *"peer")
        await settle(pilot)
        await pilot.press("down")
        results = app.screen.query_one(SearchResults)
        assert app.focused is results
        await pilot.press("ctrl+p")
        await wait_until(pilot, lambda: isinstance(app.screen, CommandPalette))
        await pilot.press(*"C14")
        await wait_until(pilot, lambda: app.screen.query("CommandList Option") or True)
        await pilot.pause()
        await settle(pilot)
        await pilot.press("enter")
        await wait_until(pilot, lambda: app.current_claim_id == "C14")
        await wait_until(pilot, lambda: isinstance(app.screen, ClaimsScreen))
        await settle(pilot)
        assert not results.display
        assert isinstance(app.focused, ClaimList)


async def test_emptying_the_query_forgets_the_results(app_factory: AppFactory) -> None:
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash", *"peer")
        await settle(pilot)
        assert app.search_claim_ids
        await pilot.press(*["backspace"] * 4)
        await settle(pilot)
        bar = app.screen.query_one(SearchBar)
        assert bar.hits == [] and not bar.query_one(SearchResults).display
        assert app.search_claim_ids is None


class _SlowIndex:
    """A search index whose answer to "slow" waits until the test lets it go."""

    def __init__(self) -> None:
        self.release = threading.Event()
        self.started = threading.Event()

    def search(self, query: str, limit: int = 50) -> list[Hit]:
        if query == "slow":
            self.started.set()
            self.release.wait(timeout=30)
        return [Hit("claim", "C02" if query == "slow" else "C03", query, "text", "", 90.0, "C02")]


async def test_a_stale_answer_is_dropped(app_factory: AppFactory, monkeypatch) -> None:
    app = app_factory()
    index = _SlowIndex()
    monkeypatch.setattr(app, "search_index", lambda: index)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash", *"slow")
        await wait_until(pilot, index.started.is_set)
        search = app.screen.query_one("#search-input", Input)
        search.value = "fast"
        bar = app.screen.query_one(SearchBar)
        await wait_until(pilot, lambda: bar.hits and bar.hits[0].title == "fast")
        index.release.set()
        await settle(pilot)
        assert [hit.id for hit in bar.hits] == ["C03"]
        assert bar.query_text == "fast"


async def test_search_works_on_a_bib_alone(app_factory: AppFactory, bib_only) -> None:
    app = app_factory(bib_only)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash", *"Johnson")
        await settle(pilot)
        bar = app.screen.query_one(SearchBar)
        assert bar.hits and bar.hits[0].id == "johnson2018_core_lancet"
        await pilot.press("enter")
        await pilot.pause()
        assert app.current_reference_key == "johnson2018_core_lancet"


class _CountingIndex:
    """A search index that counts the searches it is asked for."""

    def __init__(self) -> None:
        self.queries: list[str] = []

    def search(self, query: str, limit: int = 50) -> list[Hit]:
        self.queries.append(query)
        return [Hit("claim", "C03", query, "text", "", 90.0, "C03")]


async def test_typing_fast_searches_once_not_once_a_key(
    app_factory: AppFactory, monkeypatch
) -> None:
    """A long text typed key by key (not pasted) searches when typing pauses or on Enter."""
    app = app_factory()
    index = _CountingIndex()
    monkeypatch.setattr(app, "search_index", lambda: index)
    monkeypatch.setattr(SearchBar, "DEBOUNCE", 60.0)  # no pause comes: only Enter searches
    typed = "peer support services " * 4
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash", *typed)
        bar = app.screen.query_one(SearchBar)
        assert bar.generation == len(typed)
        await pilot.press("enter")
        await settle(pilot)
        assert index.queries == [typed.strip()]  # one search for 88 keys
        assert bar.query_text == typed.strip()
        assert app.current_claim_id == "C03"


async def test_a_paste_typed_key_by_key_stops_at_the_longest_query(
    app_factory: AppFactory, monkeypatch
) -> None:
    """5 kB arriving as keys (a terminal without bracketed paste): the box keeps MAX_QUERY
    characters, and the keys past it cost nothing; one search runs, on Enter."""
    from textual import events

    from peertui.tui.widgets.search_bar import MAX_QUERY

    app = app_factory()
    index = _CountingIndex()
    monkeypatch.setattr(app, "search_index", lambda: index)
    monkeypatch.setattr(SearchBar, "DEBOUNCE", 60.0)
    text = "peer support services and outcomes " * 140
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash")
        for char in text:  # all at once, as one read from the terminal delivers them
            app.post_message(events.Key("space" if char == " " else char, char))
        await pilot.press("enter")
        await settle(pilot)
        value = app.screen.query_one("#search-input", Input).value
        assert value == text[:MAX_QUERY]
        assert index.queries == [value.strip()]
