"""A drafted bundle in the app: claims say they are drafts and show unresolved markers, the
references browser shows each entry as printed, and `e` exports the claim-evidence table."""

from __future__ import annotations

from pathlib import Path

from conftest import make_app
from tui_helpers import settle, text_of, wait_until

from peertui.cli.main import main
from peertui.core.bundle.load import load_bundle
from peertui.core.export.tables import render
from peertui.core.opening import open_bundle
from peertui.tui.app import PeerApp
from peertui.tui.screens.claims import ClaimsScreen
from peertui.tui.screens.export import ExportScreen
from peertui.tui.widgets.claim_view import ClaimView
from peertui.tui.widgets.reference_card import ReferenceCard

SAMPLE = Path(__file__).parents[1] / "core" / "ingest" / "fixtures" / "walking.jats.xml"


def _draft(tmp_path: Path) -> Path:
    source = tmp_path / "walking.xml"
    source.write_bytes(SAMPLE.read_bytes())
    assert main(["init", str(source), "-o", str(tmp_path / "draft")]) == 0
    return tmp_path / "draft"


async def test_a_draft_claim_says_so_and_shows_its_unresolved_markers(tmp_path) -> None:
    corpus = load_bundle(_draft(tmp_path))
    lost = next(c for c in corpus.claims if "[9]" in c.text)
    app = make_app(corpus)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        view = text_of(app.screen.query_one(ClaimView))
        assert "Draft: drafted by peertui init, not yet reviewed" in view
        assert "Unresolved markers" not in view  # the first claim's markers all resolved
        await pilot.press(*["down"] * corpus.claims.index(lost))
        await wait_until(pilot, lambda: app.current_claim_id == lost.id)
        await pilot.pause()
        view = text_of(app.screen.query_one(ClaimView))
        assert "Unresolved markers: 9 (→ r99)" in view


async def test_the_references_browser_shows_the_printed_reference(tmp_path) -> None:
    app = make_app(load_bundle(_draft(tmp_path)))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        card = app.screen.query_one(ReferenceCard)
        shown = text_of(card)
        assert card.ref.key == "smith2012"
        assert "Printed: Smith J, Lee K (2012) Walking and mood. J Walk 3: 10–19." in shown
        assert "Walking and mood" in shown  # the parsed title beside it


async def test_e_exports_the_drafts_claim_evidence_table(tmp_path, monkeypatch) -> None:
    corpus = load_bundle(_draft(tmp_path))
    monkeypatch.chdir(tmp_path)
    app = make_app(corpus)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("e")
        assert isinstance(app.screen, ExportScreen)
        await pilot.click("#export-ok")
        await settle(pilot)
        assert isinstance(app.screen, ClaimsScreen)
    written = tmp_path / "peertui-claims.csv"
    assert written.read_text(encoding="utf-8") == render(corpus, "csv")
    assert "Walking improves mood [1]." in written.read_text(encoding="utf-8")


async def test_a_draft_opens_as_peertui_dir_opens_it(tmp_path) -> None:
    target = _draft(tmp_path)
    for _ in range(2):  # read and checked, then from the checked-bundle cache
        corpus, problems = open_bundle(target)
        assert [p for p in problems if p.severity == "error"] == []
    app = PeerApp(corpus, problems, cursor_blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ClaimsScreen)
        assert "Draft: drafted by peertui init" in text_of(app.screen.query_one(ClaimView))
