"""The `peertui` command line, run in-process as a user would call it."""

from __future__ import annotations

import csv
import gc
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from cli_helpers import run

from peertui.cli.main import main
from peertui.core.bundle.load import default_bundle_dir


@pytest.fixture
def bundle_copy(tmp_path: Path) -> Path:
    """A writable copy of the default bundle."""
    target = tmp_path / "bundle"
    shutil.copytree(default_bundle_dir(), target)
    return target


def test_the_app_opens_on_the_checked_bundle_with_the_collector_off(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from peertui.core.analysis.findings import check_bundle
    from peertui.core.bundle.load import load_bundle
    from peertui.tui.app import PeerApp

    seen: list[tuple[bool, PeerApp]] = []
    monkeypatch.setattr(PeerApp, "run", lambda self: seen.append((gc.isenabled(), self)))
    for _ in range(2):  # reading the bundle, then from the cache
        assert main([]) == 0
    assert gc.isenabled()  # on again once the app is done
    expected = load_bundle()
    for enabled, app in seen:
        assert not enabled  # the app turns it on after its first frame
        assert app.corpus == expected
        assert app.all_problems == [*expected.problems, *check_bundle(expected)]


def test_check_default_bundle_is_clean(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["check"], capsys)
    assert code == 0, out
    assert "5 references, 22 claims, 10 numbers, 11 outcomes: 0 errors, 0 warnings" in out


def test_check_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["check", "--json"], capsys)
    payload = json.loads(out)
    assert code == 0
    assert all(p["severity"] == "finding" for p in payload["problems"])


def test_check_reports_problem_with_file_and_line(
    bundle_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    claims = bundle_copy / "claims.yaml"
    claims.write_text(claims.read_text().replace("value: 555", "value: 519"))
    code, out, _ = run(["check", str(bundle_copy)], capsys)
    assert code == 1
    assert "claims.yaml:" in out and "lists 519 individuals" in out


def test_missing_bundle_is_unusable(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["check", "--bundle", str(tmp_path / "nope")], capsys)
    assert code == 2
    assert "nope" in err and "Traceback" not in err


def test_bundle_before_or_after_command(
    bundle_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run([str(bundle_copy), "check"], capsys)[0] == 0
    assert run(["check", "--bundle", str(bundle_copy)], capsys)[0] == 0
    bib = str(bundle_copy / "references.bib")
    assert run(["--bib", bib, "search", "Gillard"], capsys)[0] == 0


def test_bib_alone_is_a_library(capsys: pytest.CaptureFixture[str]) -> None:
    bib = str(default_bundle_dir() / "references.bib")
    code, out, _ = run(["check", "--bundle", bib], capsys)
    assert code == 0
    assert "5 references, 0 claims" in out


def test_search_table_and_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["search", "Johnson"], capsys)
    assert code == 0 and "johnson2018_core_lancet" in out
    code, out, _ = run(["search", "readmission", "--json", "--limit", "3"], capsys)
    hits = json.loads(out)
    assert code == 0 and 0 < len(hits) <= 3
    assert {"kind", "id", "field", "score", "title"} <= hits[0].keys()


def test_search_without_hits_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["search", "zzzzqqqq"], capsys)
    assert code == 1 and "no matches" in out


@pytest.mark.parametrize("fmt", ["csv", "tsv", "md", "json", "bib"])
def test_export_every_format_to_stdout_and_file(
    fmt: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(["export", "--format", fmt], capsys)
    assert code == 0 and out
    target = tmp_path / f"table.{fmt}"
    code, _, err = run(["export", "-o", str(target)], capsys)
    assert code == 0 and f"wrote {target}" in err
    assert target.read_text(encoding="utf-8") == out


def test_export_json_contract(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(["export", "--format", "json"], capsys)
    data = json.loads(out)
    assert {"article", "references", "claims"} <= data.keys()
    ref = data["references"][0]
    for key in ("key", "number", "authors", "title", "journal", "year", "volume", "issue"):
        assert key in ref
    claim = next(c for c in data["claims"] if c["id"] == "C05")
    assert claim["cites"] == ["cook2012a_wrap_psychservices", "cook2012b_wrap_schizbull"]
    assert {"value": 555, "unit": "individuals", "role": "sample size"}.items() <= (
        next(n for n in claim["numbers"] if n["value"] == 555).items()
    )


def test_export_query_limits_claims(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(["export", "--format", "csv", "--query", "ref:4"], capsys)
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows and all("Johnson" in r["references"] for r in rows)


def test_export_to_missing_directory_fails_cleanly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(["export", "-o", str(tmp_path / "no" / "such" / "x.csv")], capsys)
    assert code == 2 and "Traceback" not in err and "x.csv" in err


def test_numbers(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["numbers", "--json"], capsys)
    rows = json.loads(out)
    assert code == 0 and len(rows) == 10 and all(r["listed"] for r in rows)
    assert rows[1]["text"] == "555 individuals" and rows[1]["claim"] == "C05"


def test_show_claim_and_reference(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["show", "C05"], capsys)
    assert code == 0 and "555 individuals" in out and "Cook" in out
    code, out, _ = run(["show", "4"], capsys)
    assert code == 0 and "johnson2018_core_lancet" in out and "(unverified)" in out
    code, _, err = run(["show", "C99"], capsys)
    assert code == 1 and "C99" in err


def test_version_and_help() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "peertui", "--version"], capture_output=True, text=True
    )
    assert done.returncode == 0 and done.stdout.startswith("peertui ")
    done = subprocess.run(
        [sys.executable, "-m", "peertui", "--help"], capture_output=True, text=True
    )
    assert done.returncode == 0 and "check" in done.stdout and "export" in done.stdout


def test_a_path_with_control_characters_is_shown_inert(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The unusable-input line names the path, without the escape sequence in its name."""
    code, _, err = run(["check", "--bundle", str(tmp_path / "x\x1b]52;c;aGk=\x07y")], capsys)
    assert code == 2
    assert "\x1b" not in err and "\x07" not in err and "xy" in err


def test_every_sub_command_is_one_record_found_where_main_looks() -> None:
    import importlib

    from peertui.cli.main import GROUPS, command

    for name in GROUPS:
        assert command(name).name == name
    for module in set(GROUPS.values()):
        names = [record.name for record in importlib.import_module(module).COMMANDS]
        assert all(GROUPS[n] == module for n in names)
