"""The command line for someone writing a bundle or a .bib by hand: messages that say what is
wrong and where, warnings that do not fail, and the same input options for every command."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_helpers import run

ARTICLE = """# Peer support

Smith and colleagues randomized 120 individuals (1). The program ran for 16 weeks.

## References

1. Smith, A. (2020). Peer support at scale.
"""

CLAIMS = """claims:
  - id: A1
    text: Smith and colleagues randomized 120 individuals (1).
    cites: [smith2020]
    numbers:
      - value: 120
        unit: individuals
        role: sample size
        quote: 120 individuals
"""

BIB = """@article{smith2020,
  author = {Smith, Ann},
  title = {Peer support at scale},
  journal = {Journal of Peers},
  year = {2020},
  doi = {https://doi.org/10.1000/XYZ.1},
  citation-number = {1},
}
"""


@pytest.fixture
def bundle(tmp_path: Path) -> Path:
    """A one-claim bundle of a two-sentence article."""
    target = tmp_path / "small"
    target.mkdir()
    (target / "article.md").write_text(ARTICLE)
    (target / "claims.yaml").write_text(CLAIMS)
    (target / "references.bib").write_text(BIB)
    return target


def test_a_quantity_no_claim_holds_is_a_warning(
    bundle: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(["check", str(bundle)], capsys)
    assert code == 0, out
    assert "warning: " in out and "the article states '16 weeks'" in out
    assert "1 reference, 1 claim, 1 number, 0 outcomes: 0 errors, 1 warning, 0 findings — ok" in out


def test_duplicate_fields_do_not_fail_check(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lib = tmp_path / "texlive.bib"
    lib.write_text("@article{k,\n  title = {A},\n  title = {B},\n  year = 1999,\n}\n")
    code, out, _ = run(["check", str(lib)], capsys)
    assert code == 0, out
    assert f"warning: {lib}:1: entry 'k' sets 'title' more than once" in out
    assert "1 warning" in out and "1 warnings" not in out


def test_a_missing_comma_fails_check_with_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lib = tmp_path / "lib.bib"
    lib.write_text("@article{k,\n  title = {A},\n  year = {1999}\n  volume = 159,\n}\n")
    code, out, _ = run(["check", str(lib)], capsys)
    assert code == 1
    assert f"{lib}:3: entry 'k': a comma is missing after the value of 'year'" in out
    assert "1 error," in out
    code, out, _ = run(["show", "k", str(lib)], capsys)
    assert "year                1999\n" in out and "volume              159" in out


@pytest.mark.parametrize(
    "command",
    [
        ["check"],
        ["search", "peer"],
        ["export", "--format", "json"],
        ["numbers"],
        ["show", "smith2020"],
        ["effects"],
        ["matrix"],
        ["figure"],
    ],
)
def test_every_command_takes_the_bundle_by_position_or_by_option(
    command: list[str], bundle: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    by_position = run([*command, str(bundle / "references.bib")], capsys)
    by_option = run([*command, "-b", str(bundle / "references.bib")], capsys)
    assert by_position == by_option
    assert "usage:" not in by_position[2]


def test_search_takes_a_library_after_the_query(
    bundle: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(["search", "peer", "scale", str(bundle / "references.bib")], capsys)
    assert code == 0
    assert "smith2020" in out and "claim" not in out  # the library, not the default article
    code, out, _ = run(["search", "peer", "scale", "no-such.bib"], capsys)
    assert "smith2020" not in out  # not a file: a word searched for in the default article


def test_export_takes_its_format_from_the_extension_and_refuses_a_mismatch(
    tmp_path: Path, bundle: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "table.md"
    code, _, err = run(["export", str(bundle), "-o", str(target)], capsys)
    assert (code, err) == (0, f"wrote {target} (md, 1 claim)\n")
    assert target.read_text().startswith("# Claim-evidence table")
    for argv, message in [
        (["-o", str(tmp_path / "q.xlsx")], "q.xlsx: peertui cannot write .xlsx files"),
        (["-o", str(tmp_path / "lib.bib"), "--format", "csv"], "the extension .bib is for bib"),
        (["-o", str(tmp_path / "t.tab"), "-f", "md"], "the extension .tab is for tsv, not md"),
    ]:
        code, out, err = run(["export", str(bundle), *argv], capsys)
        assert (code, out) == (2, "")
        assert err.startswith("peertui: ") and message in err and err.count("\n") == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["small", "table.md"]


def test_a_library_exports_its_references_as_bib(
    tmp_path: Path, bundle: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    library = str(bundle / "references.bib")
    code, out, _ = run(["export", library], capsys)
    assert code == 0 and out.startswith("@article{smith2020,")
    target = tmp_path / "copy.bib"
    code, _, err = run(["export", library, "-o", str(target)], capsys)
    assert (code, err) == (0, f"wrote {target} (bib, 1 reference)\n")


@pytest.mark.parametrize("fmt", ["csv", "tsv", "md"])
def test_table_exports_carry_each_numbers_cross_check(
    fmt: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(["export", "--format", fmt], capsys)
    assert code == 0 and "number_checks" in out.splitlines()[0 if fmt != "md" else 4]
    c05 = next(line for line in out.splitlines() if "C05" in line)
    assert "8 week: agrees; 555 individuals: differs (the sources report 519)" in c05


def test_show_gives_each_numbers_cross_check(
    bundle: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(["show", "C05"], capsys)
    assert code == 0
    assert "    sources: differs (the sources report 519) — The cited sources report 519" in out
    code, out, _ = run(["show", "A1", str(bundle)], capsys)
    assert "    sources: not checked\n" in out  # no sources file: no finding either way


def test_piped_tables_keep_every_key_whole(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["search", "wrap"], capsys)
    assert code == 0
    rows = [line.split()[:2] for line in out.splitlines()[1:]]
    assert ["reference", "cook2012a_wrap_psychservices"] in rows
    assert all(not line.endswith(" ") for line in out.splitlines())
    assert "…" not in out  # nor titles or claims
    assert "Action Planning on Depression, Anxiety, and Recovery\n" in out


def test_an_unknown_cite_key_gets_a_suggestion(
    bundle: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    claims = bundle / "claims.yaml"
    claims.write_text(claims.read_text().replace("[smith2020]", "[smith2002]"))
    code, out, _ = run(["check", str(bundle)], capsys)
    assert code == 1
    assert "claim A1 cites 'smith2002', which is not in the bib; did you mean 'smith2020'?" in out


def test_a_claim_not_verbatim_shows_where_it_departs(
    bundle: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    claims = bundle / "claims.yaml"
    claims.write_text(claims.read_text().replace("randomized 120", "randomised 120"))
    code, out, _ = run(["check", str(bundle)], capsys)
    assert code == 1
    assert (
        "claim A1: its text does not occur verbatim in the article; the closest passage "
        "(paragraph 1) matches up to “…h and colleagues randomi” and then reads “zed 120 "
        "individuals (1).…” where the claim has “sed 120 individuals (1).”"
    ) in out


def test_a_yaml_indentation_error_says_what_is_wrong(
    bundle: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    claims = bundle / "claims.yaml"
    claims.write_text(claims.read_text().replace("    numbers:", "     numbers:"))
    code, out, _ = run(["check", str(bundle)], capsys)
    assert code == 1
    assert f"{claims}:5: YAML error: this line is indented by 5 spaces, unlike the line" in out
    assert "`     numbers:`" in out
    assert "expected <block end>" not in out


def test_show_finds_ids_whatever_their_case_or_suggests_one(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(["show", "c05"], capsys)
    assert code == 0 and out.startswith("C05  study")
    code, out, _ = run(["show", "COOK2012A_WRAP_PSYCHSERVICES"], capsys)
    assert code == 0 and "cook2012a_wrap_psychservices" in out
    code, out, err = run(["show", "C5"], capsys)
    assert (code, out) == (1, "")
    assert err == "peertui: no claim or reference 'C5'; did you mean 'C05'?\n"


def test_show_prints_a_references_citation_with_its_tags_apart(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(["show", "5"], capsys)
    assert code == 0
    assert (
        "do we want to go there? Journal of Mental Health, 28 [unverified] (4) [unverified]" in out
    )
    assert "?." not in out


def test_show_and_effects_say_which_sources_are_secondary(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(["show", "C05"], capsys)
    assert (
        "      • 555 · [2] Cook et al. 2012 · verified · https://meddatax.com/clinical-trials/"
        "NCT01024569 (ClinicalTrials.gov mirror) · secondary source\n"
    ) in out
    assert (
        "      • 519 individuals · [1] Cook et al. 2012 · verified · psychiatryonline abstract\n"
        in out
    )
    assert code == 0
    code, out, _ = run(["effects"], capsys)
    assert code == 0 and "  result: verified · togetherall.com abstract · secondary source\n" in out


def test_numbers_of_a_small_bundle_do_not_fail_on_quantities_outside_claims(
    bundle: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(["numbers", str(bundle)], capsys)
    assert code == 0
    assert "2 quantities, 1 unaccounted" in out and "no claim" in out


def test_an_unknown_outcome_or_sources_key_gets_a_suggestion(
    bundle: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    claims = bundle / "claims.yaml"
    claims.write_text(
        claims.read_text()
        + "    outcomes:\n      - id: hospital-readmision\n        direction: improved\n"
    )
    (bundle / "sources.yaml").write_text(
        "references:\n  smith202:\n    facts:\n      - id: n\n        value: 120\n"
        "        role: sample size\n        status: verified\n        source: a page\n"
    )
    _, out, _ = run(["check", str(bundle)], capsys)
    assert (
        "'hospital-readmision' is not in the vocabulary; did you mean 'hospital-readmission'?"
        in out
    )
    assert "sources: 'smith202' is not in the bib; did you mean 'smith2020'?" in out


def test_a_library_exports_only_a_searchs_hits_when_asked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lib = tmp_path / "lib.bib"
    lib.write_text(
        "@book{knuth1984, author = {Knuth, Donald}, title = {The TeXbook}, year = 1984}\n"
        "@book{lamport1986, author = {Lamport, Leslie}, title = {LaTeX}, year = 1986}\n"
    )
    target = tmp_path / "hits.bib"
    code, _, err = run(["export", str(lib), "--query", "knuth", "-o", str(target)], capsys)
    assert (code, err) == (0, f"wrote {target} (bib, 1 reference)\n")
    assert "knuth1984" in target.read_text() and "lamport1986" not in target.read_text()
