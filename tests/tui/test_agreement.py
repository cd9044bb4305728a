"""The command line and the app give one answer: the same problems for a bundle, the same rows
for a search's export."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import AppFactory
from test_export_dialog import choose, path_input
from tui_helpers import settle, text_of

from peertui.cli.main import main
from peertui.core.bundle.load import default_bundle_dir, load_bundle
from peertui.core.models import Problem
from peertui.tui.app import PeerApp
from peertui.tui.screens.problems import ProblemsScreen


def _as_rows(problems: list[Problem]) -> list[dict[str, object]]:
    return [
        {"file": p.file, "line": p.line, "severity": p.severity, "message": p.message}
        for p in problems
    ]


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    """The default bundle with one claim citing a key the library lacks (an error)."""
    target = tmp_path / "bundle"
    shutil.copytree(default_bundle_dir(), target)
    claims = target / "claims.yaml"
    text = claims.read_text(encoding="utf-8")
    claims.write_text(text.replace("cites: [johnson2018_core_lancet]", "cites: [nobody1999]", 1))
    return target


@pytest.mark.parametrize("which", ["default", "broken"])
async def test_check_and_the_problems_screen_list_the_same_problems(
    which: str, broken: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    target = [] if which == "default" else [str(broken)]
    main(["check", "--json", *target])
    listed = json.loads(capsys.readouterr().out)["problems"]
    assert any(p["severity"] == "finding" for p in listed)
    opened: list[PeerApp] = []
    monkeypatch.setattr(PeerApp, "run", lambda self: opened.append(self))
    assert main(target) == 0
    app = opened[0]
    assert _as_rows(app.all_problems) == listed
    async with PeerApp(app.corpus, app.all_problems, cursor_blink=False).run_test(
        size=(120, 40)
    ) as pilot:
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ProblemsScreen)
        shown = text_of(pilot.app.screen)
        assert "every check passed" not in shown
        assert f"{sum(p['severity'] == 'finding' for p in listed)} finding" in shown


@pytest.mark.parametrize("query", ["kind:reference peer", "readmission", "author:Cook"])
async def test_a_searchs_export_is_the_same_in_the_cli_and_the_app(
    query: str,
    app_factory: AppFactory,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["export", "--format", "csv", "--query", query]) == 0
    from_cli = capsys.readouterr().out
    app = app_factory(load_bundle())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash", *query)
        await settle(pilot)
        await pilot.press("down")  # into the results (Escape would clear the search)
        await pilot.press("e")
        await pilot.pause()
        choose(app, "search")
        choose(app, "csv")
        path_input(app).value = str(tmp_path / "found.csv")
        await pilot.click("#export-ok")
        await pilot.pause()
    from_app = (tmp_path / "found.csv").read_text(encoding="utf-8")
    assert from_app == from_cli
    assert from_cli.count("\n") > 1  # some claims were selected
