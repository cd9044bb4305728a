"""Start-up: the first frame shows real content, the analytics follow, the rest loads later."""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import AppFactory
from textual.app import App
from textual.css.stylesheet import Stylesheet
from tui_helpers import text_of, wait_until

from peertui.core.models import Corpus
from peertui.tui.screens.claims import ClaimsScreen
from peertui.tui.widgets.claim_list import ClaimList
from peertui.tui.widgets.evidence import FigurePane, NumbersPane, OutcomesPane, ReferencesPane


def first_claim(corpus: Corpus, claim_id: str) -> Corpus:
    """`corpus` with `claim_id` moved to the top of its claims, where the app starts."""
    corpus.claims.sort(key=lambda claim: claim.id != claim_id)
    return corpus


def record_first_frame(monkeypatch: pytest.MonkeyPatch) -> dict[str, object]:
    """What the claims screen holds when its first frame is drawn, filled in by that frame."""
    seen: dict[str, object] = {}
    display = App._display

    def first(self: App, screen, renderable) -> None:  # type: ignore[no-untyped-def]
        if renderable is not None and not seen and isinstance(screen, ClaimsScreen):
            seen["claims"] = screen.query_one(ClaimList).option_count
            seen["claim"] = str(screen.query_one("#claim-text").render())
            seen["numbers"] = text_of(screen.query_one(NumbersPane))
            seen["outcomes"] = text_of(screen.query_one(OutcomesPane))
            seen["references"] = len(screen.query_one(ReferencesPane).query(".reference-card"))
            seen["cross-checks"] = len(screen.query(".cross-check"))
            seen["effects"] = len(screen.query(".effect"))
            seen["figure"] = screen.query_one(FigurePane).display
        display(self, screen, renderable)

    monkeypatch.setattr(App, "_display", first)
    return seen


async def test_the_first_frame_shows_the_claim_and_its_evidence_then_the_cross_checks(
    app_factory: AppFactory, corpus: Corpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen = record_first_frame(monkeypatch)
    app = app_factory(first_claim(corpus, "C05"))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: bool(seen))
        assert seen["claims"] == len(app.corpus.claims)
        assert "555" in str(seen["claim"])
        assert "555" in str(seen["numbers"]) and "8 week" in str(seen["numbers"])
        assert seen["references"] == len(app.corpus.claim("C05").cites)  # type: ignore[union-attr]
        assert seen["cross-checks"] == 0  # the analytics come a moment later ...
        await wait_until(pilot, lambda: bool(app.screen.query(".cross-check")))
        numbers = text_of(app.screen.query_one(NumbersPane))
        assert "report 519, not 555" in numbers  # ... and then they are there
        assert app.screen.query(".cross-check.-differs")


async def test_effects_and_the_figure_fill_in_after_the_first_frame(
    app_factory: AppFactory, corpus: Corpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen = record_first_frame(monkeypatch)
    app = app_factory(first_claim(corpus, "C10"))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: bool(seen))
        assert "64/218" not in str(seen["outcomes"]) and seen["outcomes"]
        assert seen["effects"] == 0 and not seen["figure"]
        await wait_until(pilot, lambda: bool(app.screen.query(".effect")))
        await wait_until(pilot, lambda: bool(app.screen.query(".figure")))
        outcomes = text_of(app.screen.query_one(OutcomesPane))
        assert "64/218 (29.4%)" in outcomes and "NNT 11.0" in outcomes
        assert app.screen.query_one(FigurePane).display
        assert app.screen.query_one(FigurePane).border_title == "Figure 1"


async def test_a_claim_chosen_later_shows_its_analytics_at_once(app_factory: AppFactory) -> None:
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.show_claim("C05")
        await wait_until(pilot, lambda: app.screen.query_one(NumbersPane).claim_id == "C05")
        await wait_until(pilot, lambda: bool(app.screen.query(".cross-check")))
        assert "report 519, not 555" in text_of(app.screen.query_one(NumbersPane))


async def test_the_stylesheets_are_not_parsed_again_before_the_first_frame(
    app_factory: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first view is the default screen: a mode's first screen would re-parse them all."""
    reparsed: list[bool] = []
    framed: list[bool] = []
    reparse, display = Stylesheet.reparse, App._display

    def count(self: Stylesheet) -> None:
        reparsed.append(bool(framed))
        reparse(self)

    def first(self: App, screen, renderable) -> None:  # type: ignore[no-untyped-def]
        if renderable is not None:
            framed.append(True)
        display(self, screen, renderable)

    monkeypatch.setattr(Stylesheet, "reparse", count)
    monkeypatch.setattr(App, "_display", first)
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: bool(framed))
        assert False not in reparsed  # none before the first frame
        first_screen = app.screen
        assert isinstance(first_screen, ClaimsScreen) and app.current_mode == "claims"
        await pilot.press("2")
        await pilot.pause()
        assert app.current_mode == "references"
        await pilot.press("1")  # the first view is a mode like the others ...
        await pilot.pause()
        assert app.current_mode == "claims" and app.screen is first_screen  # ... on its screen


def _loaded(code: str, modules: list[str]) -> list[str]:
    probe = f"{code}\nimport sys\nprint(' '.join(m for m in {modules!r} if m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    lines = done.stdout.strip().splitlines()
    return lines[-1].split() if lines else []


def test_opening_the_app_imports_only_the_first_screen() -> None:
    later = [
        "peertui.tui.screens.references",
        "peertui.tui.screens.article",
        "peertui.tui.screens.matrix",
        "peertui.tui.screens.export",
        "peertui.tui.screens.help",
        "peertui.tui.screens.problems",
        "peertui.tui.analytics_format",
        "peertui.core.analysis.crosscheck",
        "peertui.core.analysis.matrix",
        "peertui.core.search.engine",
        "peertui.core.export.tables",
        "rapidfuzz",
    ]
    assert _loaded("import peertui.tui.app", later) == []


@pytest.mark.parametrize("argv", [["effects"], ["matrix"], ["figure"], ["--help"], ["--version"]])
def test_evidence_commands_and_help_do_not_import_textual(argv: list[str]) -> None:
    code = (
        "import contextlib, io\n"
        "from peertui.cli.main import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    try:\n"
        f"        main({argv!r})\n"
        "    except SystemExit:\n"
        "        pass"
    )
    assert _loaded(code, ["textual"]) == []


async def test_a_cache_that_is_not_used_is_said_once(tmp_path, monkeypatch) -> None:
    """A cache folder others may write to is not used, and the app says so when it opens."""
    from conftest import make_app

    from peertui.core.cache import key as cachekey
    from peertui.core.cache.checked import load_checked

    root = tmp_path / "cache"
    cachekey.make_private_dir(root)
    root.chmod(0o777)
    monkeypatch.setenv("PEERTUI_CACHE_DIR", str(root))
    cachekey.take_notices()
    load_checked()
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        titles = [n.title for n in app._notifications]
        assert titles.count("Cache not used") == 1
        (notice,) = [n for n in app._notifications if n.title == "Cache not used"]
        assert f"{root}: cache not used: others may write to the folder" in notice.message
