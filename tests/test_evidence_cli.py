"""`peertui effects`, `matrix`, `figure` and the findings `check` prints, run in-process."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from cli_helpers import run

from peertui.core.bundle.load import default_bundle_dir

GOLDEN = Path(__file__).parent / "core" / "golden"


@pytest.fixture
def bundle_copy(tmp_path: Path) -> Path:
    target = tmp_path / "bundle"
    shutil.copytree(default_bundle_dir(), target)
    return target


def test_check_lists_findings_without_failing(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["check"], capsys)
    assert code == 0
    assert "finding: " in out and "claim C05 states 555 individuals" in out
    assert "cited sources report 519" in out and "'Picket'" in out and "'Pickett'" in out
    assert "0 errors, 0 warnings, 2 findings — ok" in out


def test_check_json_carries_the_findings(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["check", "--json"], capsys)
    problems = json.loads(out)["problems"]
    assert code == 0 and len(problems) == 2
    assert {p["severity"] for p in problems} == {"finding"}


def test_a_broken_sources_file_fails_check(
    bundle_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sources = bundle_copy / "sources.yaml"
    sources.write_text(
        sources.read_text(encoding="utf-8").replace("  gillard2019_jmh:", "  nosuch2020:"),
        encoding="utf-8",
    )
    code, out, _ = run(["check", str(bundle_copy)], capsys)
    assert code == 1 and "sources.yaml:" in out and "'nosuch2020' is not in the bib" in out


def test_effects_text(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["effects"], capsys)
    assert code == 0
    assert "64/218" in out and "83/216" in out
    line = next(row for row in out.splitlines() if row.strip().startswith("odds ratio"))
    assert "0.67 (0.45–0.99)" in line and "0.66 (0.43–0.99)" in line
    assert "crude" in out and "logit (Woolf)" in out and "may be adjusted" in out
    assert "hazard ratio 0.71" in out


def test_effects_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["effects", "--json"], capsys)
    data = json.loads(out)
    assert code == 0 and data["methods"]["odds ratio"] == "logit (Woolf) interval"
    core = next(c for c in data["comparisons"] if c["result"]["id"] == "readmission-1y")
    assert core["reference"] == "johnson2018_core_lancet" and core["claims"] == ["C10", "C11"]
    odds = core["computed"]["odds_ratio"]
    assert [round(odds[k], 2) for k in ("value", "low", "high")] == [0.67, 0.45, 0.99]
    assert core["computed"]["crude"] is True
    assert core["reported"]["measure"] == "odds ratio"
    assert [core["reported"][k] for k in ("value", "low", "high", "p")] == [
        0.66,
        0.43,
        0.99,
        0.0438,
    ]
    assert [a["events"] for a in core["result"]["arms"]] == [64, 83]
    hazard = next(c for c in data["comparisons"] if c["result"]["id"] == "time-to-readmission")
    assert hazard["computed"] is None and hazard["reported"]["measure"] == "hazard ratio"


def test_effects_of_a_library_without_sources(capsys: pytest.CaptureFixture[str]) -> None:
    bib = str(default_bundle_dir() / "references.bib")
    code, out, _ = run(["effects", "--bundle", bib], capsys)
    assert code == 0 and "no source results" in out


@pytest.mark.parametrize("fmt", ["md", "csv"])
def test_matrix_formats_match_the_golden_files(
    fmt: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(["matrix", "--format", fmt], capsys)
    assert code == 0
    assert out == (GOLDEN / f"matrix.{fmt}").read_text(encoding="utf-8")
    target = tmp_path / f"grid.{fmt}"
    code, _, err = run(["matrix", "-o", str(target)], capsys)
    assert code == 0 and f"wrote {target}" in err
    assert target.read_text(encoding="utf-8") == out


def test_matrix_csv_is_a_grid(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(["matrix", "-f", "csv"], capsys)
    rows = list(csv.DictReader(io.StringIO(out)))
    readmission = next(r for r in rows if r["outcome"] == "hospital-readmission")
    assert readmission["core-crisis"] == "improved @ one year [C10]"
    assert readmission["wrap-ohio"] == ""


def test_matrix_table(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["matrix"], capsys)
    assert code == 0 and "Outcome matrix" in out and "— gap" in out and "C10" in out
    code, _, err = run(["matrix", "-o", "grid"], capsys)
    assert code == 1 and "--format md or csv" in err
    code, _, err = run(["matrix", "-o", "grid.txt"], capsys)
    assert code == 2 and "grid.txt: peertui cannot write .txt files" in err


def test_figure(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["figure"], capsys)
    assert code == 0
    assert "Figure 1. Hospital readmission rates at one year" in out
    assert "29.4%  64/218" in out and "38.4%  83/216" in out
    assert "does not state these figures" in out
    code, _, err = run(["figure", "-n", "2"], capsys)
    assert code == 1 and "figure 2" in err


def test_new_modules_and_commands_do_not_import_textual() -> None:
    code = (
        "import contextlib, io, sys\n"
        "import peertui.core.bundle.sources, peertui.core.analysis.crosscheck\n"
        "import peertui.core.analysis.matrix\n"
        "import peertui.core.analysis.figure, peertui.cli.evidence\n"
        "from peertui.cli.main import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    for argv in (['effects'], ['matrix'], ['figure'], ['check']):\n"
        "        main(argv)\n"
        "print('textual' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip().splitlines()[-1] == "False"
