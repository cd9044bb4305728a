"""The export dialog writes what the core renders, asks before overwriting, and reports errors."""

from __future__ import annotations

from pathlib import Path

from conftest import AppFactory
from textual.widgets import Input, RadioButton, RadioSet
from tui_helpers import Recorder, settle

from peertui.core.export.formats import FORMATS
from peertui.core.export.tables import render
from peertui.core.models import Corpus
from peertui.tui.app import PeerApp
from peertui.tui.screens.claims import ClaimsScreen
from peertui.tui.screens.export import ConfirmScreen, ExportScreen


def choose(app: PeerApp, name: str) -> None:
    """Press a radio button of the open dialog by its name."""
    button = next(b for b in app.screen.query(RadioButton) if b.name == name)
    button.value = True


def path_input(app: PeerApp) -> Input:
    return app.screen.query_one("#export-path", Input)


async def test_e_opens_the_dialog_prefilled(app_factory: AppFactory) -> None:
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("e")
        assert isinstance(app.screen, ExportScreen)
        assert path_input(app).value == "peertui-claims" + FORMATS["csv"]
        names = [b.name for b in app.screen.query("#export-format RadioButton")]
        assert names == list(FORMATS)
        search = next(b for b in app.screen.query(RadioButton) if b.name == "search")
        assert search.disabled  # no search yet
        await pilot.press("escape")
        assert isinstance(app.screen, ClaimsScreen)


async def test_changing_the_format_changes_the_extension(app_factory: AppFactory) -> None:
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("e")
        for name, ext in FORMATS.items():
            choose(app, name)
            await pilot.pause()
            assert path_input(app).value == "peertui-claims" + ext
        path_input(app).value = "notes/mine.txt"
        choose(app, "md")
        await pilot.pause()
        assert path_input(app).value == "notes/mine.txt" + FORMATS["md"]


async def test_export_writes_what_render_returns(
    app_factory: AppFactory, tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.chdir(tmp_path)
    app = app_factory()
    notes = Recorder()
    async with app.run_test(size=(120, 40)) as pilot:
        monkeypatch.setattr(app, "notify", notes)
        await pilot.press("e")
        choose(app, "json")
        await pilot.pause()
        await pilot.click("#export-ok")
        await pilot.pause()
        written = tmp_path / ("peertui-claims" + FORMATS["json"])
        assert written.read_text(encoding="utf-8") == render(app.corpus, "json")
        assert isinstance(app.screen, ClaimsScreen)
        assert str(written) in notes.messages[-1]


async def test_overwriting_asks_first(app_factory: AppFactory, tmp_path: Path) -> None:
    target = tmp_path / "claims.csv"
    target.write_text("old\n", encoding="utf-8")
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("e")
        path_input(app).value = str(target)
        await pilot.click("#export-ok")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)
        assert target.read_text(encoding="utf-8") == "old\n"
        path_input(app).focus()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, ClaimsScreen)
        assert target.read_text(encoding="utf-8") == render(app.corpus, "csv")


async def test_export_of_the_search_results_claims(app_factory: AppFactory, tmp_path: Path) -> None:
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash", *"readmission")
        await settle(pilot)
        await pilot.press("down")  # into the results: `e` is a key there, not text
        ids = list(app.search_claim_ids or [])
        assert ids
        await pilot.press("e")
        assert isinstance(app.screen, ExportScreen)
        choose(app, "search")
        choose(app, "md")
        path_input(app).value = str(tmp_path / "found.md")
        await pilot.click("#export-ok")
        await pilot.pause()
        claims = [c for i in ids if (c := app.corpus.claim(i))]
        written = (tmp_path / "found.md").read_text(encoding="utf-8")
        assert written == render(app.corpus, "md", claims)
        assert written != render(app.corpus, "md")


async def test_an_export_error_keeps_the_dialog_open(
    app_factory: AppFactory, tmp_path: Path
) -> None:
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("e")
        path_input(app).value = str(tmp_path / "no-such-folder" / "x.csv")
        await pilot.click("#export-ok")
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)  # open, with what went wrong in it
        assert "no-such-folder" in str(app.screen.query_one("#export-error").render())
        assert not (tmp_path / "no-such-folder").exists()
        path_input(app).value = str(tmp_path / "x.csv")  # fixed in place
        path_input(app).focus()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ClaimsScreen)
        assert (tmp_path / "x.csv").read_text(encoding="utf-8") == render(app.corpus, "csv")


async def test_the_dialog_keeps_the_last_format_and_folder(
    app_factory: AppFactory, tmp_path: Path
) -> None:
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("e")
        path_input(app).value = str(tmp_path / "first.md")  # the extension picks the format
        await pilot.pause()
        assert app.screen.fmt == "md"  # type: ignore[attr-defined]
        await pilot.click("#export-ok")
        await pilot.pause()
        assert (tmp_path / "first.md").read_text(encoding="utf-8") == render(app.corpus, "md")
        await pilot.press("e")
        assert isinstance(app.screen, ExportScreen)
        assert app.screen.fmt == "md"
        assert path_input(app).value == str(tmp_path / "peertui-claims.md")


async def test_a_typed_extension_chooses_the_format(app_factory: AppFactory) -> None:
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("e")
        path_input(app).value = "out/lib.bib"
        await pilot.pause()
        pressed = app.screen.query_one("#export-format", RadioSet).pressed_button
        assert pressed is not None and pressed.name == "bib"
        path_input(app).value = "out/table.tsv"
        await pilot.pause()
        assert app.screen.fmt == "tsv"  # type: ignore[attr-defined]


async def test_a_library_exports_its_references_as_bib(
    app_factory: AppFactory, bib_only: Corpus, tmp_path: Path
) -> None:
    app = app_factory(bib_only)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("e")
        assert isinstance(app.screen, ExportScreen)
        names = [b.name for b in app.screen.query("#export-format RadioButton")]
        assert names == ["bib"]
        labels = [str(b.label) for b in app.screen.query("#export-scope RadioButton")]
        assert labels[0] == f"All references ({len(bib_only.references)})"
        assert "claims" not in " ".join(labels).lower()
        path_input(app).value = str(tmp_path / "lib.csv")  # not a format a library offers
        await pilot.click("#export-ok")
        await pilot.pause()
        assert "the extension .csv is for csv, not bib" in str(
            app.screen.query_one("#export-error").render()
        )
        assert not (tmp_path / "lib.csv").exists()
        await pilot.press("escape")
        await pilot.press("slash", *"Johnson")
        await settle(pilot)
        await pilot.press("down", "e")
        assert isinstance(app.screen, ExportScreen)
        choose(app, "search")
        path_input(app).value = str(tmp_path / "found.bib")
        await pilot.click("#export-ok")
        await pilot.pause()
        written = (tmp_path / "found.bib").read_text(encoding="utf-8")
        assert "johnson2018_core_lancet" in written
        assert written.count("@") < len(bib_only.references)


async def test_an_empty_path_is_refused_in_the_dialog(app_factory: AppFactory) -> None:
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("e")
        path_input(app).value = "  "
        await pilot.click("#export-ok")
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)
        assert "Name a file" in str(app.screen.query_one("#export-error").render())


def test_the_app_never_exports_over_the_bundles_own_files(bad_bundle: Path) -> None:
    """The app's export (the dialog's request, written by tui/exporting) refuses an input."""
    from peertui.core.bundle.load import load_bundle
    from peertui.tui.exporting import write_export
    from peertui.tui.screens.export import ExportRequest

    corpus = load_bundle(bad_bundle)
    claims = bad_bundle / "claims.yaml"
    before = claims.read_bytes()
    error, _ = write_export(corpus, ExportRequest("csv", claims, search_only=False), None, None)
    assert error is not None and "is one of the input files" in error
    assert claims.read_bytes() == before
