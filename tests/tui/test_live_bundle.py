"""A bundle kept open while it is edited: changed files are read again and the current claim
stays selected; a broken claims file leaves the article and says what is wrong; a library
names its file and opens the entry a problem is about."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from conftest import make_app
from textual.widgets import Input, OptionList, Static
from tui_helpers import text_of, wait_until

from peertui.core.bundle.load import default_bundle_dir, load_bundle
from peertui.core.bundle.reload import file_stamps
from peertui.tui.screens.references import ReferencesScreen
from peertui.tui.widgets.claim_list import ClaimList
from peertui.tui.widgets.claim_view import ClaimView
from peertui.tui.widgets.view_bar import ViewBar


@pytest.fixture
def bundle(tmp_path: Path) -> Path:
    target = tmp_path / "bundle"
    shutil.copytree(default_bundle_dir(), target)
    return target


def touch(path: Path, text: str) -> None:
    """Write `text` and move the file's time on, so its stamp differs however fast we are."""
    before = path.stat().st_mtime_ns
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(before + 10**9, before + 10**9))


async def test_an_edited_claims_file_is_read_again_keeping_the_claim(bundle: Path) -> None:
    app = make_app(load_bundle(bundle))
    async with app.run_test(size=(120, 40)) as pilot:
        app.show_claim("C05")
        await pilot.pause()
        first = app.corpus
        app.check_files()  # nothing changed: nothing is read
        await pilot.pause()
        assert app.corpus is first
        claims = bundle / "claims.yaml"
        text = claims.read_text(encoding="utf-8")
        note = "Both WRAP papers report 519 randomized;"
        assert note in text
        touch(claims, text.replace(note, "Edited while open: both papers report 519;"))
        app.check_files()
        await wait_until(pilot, lambda: app.reloads == 1)
        await pilot.pause()
        assert app.current_claim_id == "C05"
        assert app.screen.query_one(ClaimList).claim_id == "C05"
        assert "Edited while open" in text_of(app.screen.query_one(ClaimView))


async def test_ctrl_r_reloads(bundle: Path) -> None:
    app = make_app(load_bundle(bundle))
    async with app.run_test(size=(120, 40)) as pilot:
        first = app.corpus
        await pilot.press("ctrl+r")
        await wait_until(pilot, lambda: app.reloads == 1)
        assert app.corpus is not first
        assert [c.id for c in app.corpus.claims] == [c.id for c in first.claims]


def test_the_poll_only_stats(bundle: Path, monkeypatch) -> None:
    """The stamp of a file is one stat: nothing is opened or read."""
    opened = []
    monkeypatch.setattr("builtins.open", lambda *a, **k: opened.append(a))
    stamps = file_stamps({"claims": bundle / "claims.yaml", "bib": bundle / "nope.bib"})
    assert stamps["claims"] is not None and stamps["bib"] is None
    assert opened == []


BROKEN = "claims:\n  - id: C01\n    text: fine\n   cites: [x]\n"


async def test_a_broken_claims_file_keeps_the_article_and_says_what_is_missing(
    bundle: Path,
) -> None:
    (bundle / "claims.yaml").write_text(BROKEN, encoding="utf-8")
    corpus = load_bundle(bundle)
    assert not corpus.claims and corpus.problems
    app = make_app(corpus)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert app.current_mode == "problems"
        assert "article" in app.views and "claims" not in app.views
        summary = text_of(app.screen.query_one("#problems-summary", Static))
        assert "No claim could be read from claims.yaml" in summary
        listed = app.screen.query_one("#problem-list", OptionList)
        assert "claims.yaml" in str(listed.get_option_at_index(0).prompt)
        await pilot.press("3")
        await wait_until(pilot, lambda: app.current_mode == "article")
        assert "Benefits of peer support" in text_of(app.screen)


async def test_fixing_the_claims_file_brings_the_claims_back(bundle: Path) -> None:
    claims = bundle / "claims.yaml"
    good = claims.read_text(encoding="utf-8")
    app = make_app(load_bundle(bundle))
    async with app.run_test(size=(120, 40)) as pilot:
        app.show_claim("C05")  # open before the file broke
        await pilot.pause()
        touch(claims, BROKEN)
        app.check_files()
        await wait_until(pilot, lambda: app.reloads == 1)
        assert app.current_mode == "problems" and "claims" not in app.views
        touch(claims, good)
        app.check_files()
        await wait_until(pilot, lambda: app.reloads == 2)
        assert "claims" in app.views
        assert app.current_mode == "problems"  # where the user was
        await pilot.press("1")
        await wait_until(pilot, lambda: app.current_mode == "claims")
        assert app.screen.query_one(ClaimList).option_count == len(app.corpus.claims)
        assert app.screen.query_one(ClaimList).claim_id == "C05"  # the claim it was on


async def test_a_library_names_its_file_and_searches_references(tmp_path: Path) -> None:
    bib = tmp_path / "tugboat-like.bib"
    shutil.copy(default_bundle_dir() / "references.bib", bib)
    app = make_app(load_bundle(bib))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ReferencesScreen)
        assert "tugboat-like.bib" in str(app.screen.query_one(ViewBar).render())
        assert app.sub_title == "tugboat-like.bib"
        placeholder = app.screen.query_one("#search-input", Input).placeholder
        assert "claims" not in placeholder and "references" in placeholder


async def test_enter_on_a_bib_problem_opens_its_entry(tmp_path: Path) -> None:
    bib = tmp_path / "lib.bib"
    text = (default_bundle_dir() / "references.bib").read_text(encoding="utf-8")
    bib.write_text(text + "\n@article{dup1,\n  title = {A},\n  title = {B},\n  year = {1999}\n}\n")
    corpus = load_bundle(bib)
    assert any("dup1" in p.message for p in corpus.problems)
    app = make_app(corpus)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("p")
        await wait_until(pilot, lambda: app.current_mode == "problems")
        problems = app.screen.query_one("#problem-list", OptionList)
        problems.highlighted = next(
            i for i, p in enumerate(app.all_problems) if "dup1" in p.message
        )
        await pilot.press("enter")
        await wait_until(pilot, lambda: app.current_mode == "references")
        assert app.current_reference_key == "dup1"
