"""Broken and hostile input, file by file: what `peertui` says about each, exactly.

Every file in tests/core/hostile/ is small and hand-written. The tables pair each with the lines
`peertui check` prints for it (`severity: file:line: message`); the other tests show that the
good entries beside a broken one still load, search and export, that data never becomes markup
or terminal control, and that no input ever ends in a traceback.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
from pathlib import Path

import pytest

from peertui.cli.main import main
from peertui.core.bibtex.library import load_bib
from peertui.core.bundle.load import load_bundle
from peertui.core.export.formats import FORMATS
from peertui.core.export.tables import COLUMNS, render
from peertui.core.plural import plural
from peertui.core.sanitize import json_safe
from peertui.core.search.engine import SearchIndex

HOSTILE = Path(__file__).parent / "hostile"
#: What a terminal could act on: ESC, BEL, every other C0 but tab and newline, DEL and C1.
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
ARTICLE = ["--bib", "good.bib", "--article", "article.md"]


@pytest.fixture(autouse=True)
def _in_hostile(monkeypatch: pytest.MonkeyPatch) -> None:
    """Run from the corpus directory so that messages name files as `name.bib:line`."""
    monkeypatch.chdir(HOSTILE)


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str], str]:
    code = main(argv)
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out.splitlines(), err


# --- BibTeX ------------------------------------------------------------------------------------

BIB_CASES = [
    (
        "unclosed_brace.bib",
        ["first2001", "after2003"],
        [
            "error: unclosed_brace.bib:7: could not parse this block: @article{broken2002, "
            "author = {Broken, B… (line 9: the value of 'title' is never closed: "
            "it runs on into 'year')"
        ],
    ),
    (
        "duplicate_keys.bib",
        ["twice2010", "other2012"],
        [
            "error: duplicate_keys.bib:7: duplicate key 'twice2010' (first at line 1); "
            "this entry is skipped"
        ],
    ),
    (
        "duplicate_fields.bib",
        ["fields2015", "clean2016"],
        [
            "warning: duplicate_fields.bib:1: entry 'fields2015' sets 'title', 'year' more than "
            "once; the first value is used"
        ],
    ),
    (
        "junk_between.bib",
        ["alpha2018", "beta2019"],
        [
            "warning: junk_between.bib:9: text outside any entry is ignored: "
            "journal = {A stray field left behind by …"
        ],
    ),
    ("deep_braces.bib", ["deep2020", "flat2021"], []),
    ("good.bib", ["mueller2020", "smith2019"], []),
    ("empty.bib", [], ["warning: empty.bib: no entries in this file"]),
    ("comments_only.bib", [], ["warning: comments_only.bib: no entries in this file"]),
    (
        "latin1.bib",
        ["latin1999"],
        [
            "warning: latin1.bib:2: the file is not valid UTF-8: bytes that are not were read as "
            "Windows-1252 (Latin-1), the first as 'ü'; save the file as UTF-8 to be sure"
        ],
    ),
    ("utf16.bib", ["utf16key"], ["warning: utf16.bib:1: the file is UTF-16; read as such"]),
    (
        "control.bib",
        ["ctrl2020"],
        [
            "warning: control.bib:3: the file holds control characters (ESC is the first); "
            "they are kept but never shown or printed",
            "warning: control.bib:3: unknown LaTeX macro \\link (first in 'ctrl2020'): each is "
            "shown as its argument, or as its name when it has none",
        ],
    ),
]


@pytest.mark.parametrize(("name", "keys", "expected"), BIB_CASES, ids=[c[0] for c in BIB_CASES])
def test_check_reports_each_broken_bib_exactly(
    name: str, keys: list[str], expected: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    code, lines, _ = run(["check", "--bib", name], capsys)
    assert lines[:-1] == expected
    assert lines[-1].startswith(f"{plural(len(keys), 'reference')}, 0 claims")
    assert code == (1 if any(line.startswith("error") for line in expected) else 0)


@pytest.mark.parametrize(("name", "keys", "expected"), BIB_CASES, ids=[c[0] for c in BIB_CASES])
def test_every_good_entry_still_loads_searches_and_exports(
    name: str, keys: list[str], expected: list[str]
) -> None:
    corpus = load_bundle(bib=HOSTILE / name)
    assert [r.key for r in corpus.references] == keys
    index = SearchIndex(corpus)
    for ref in corpus.references:
        hits = index.search(ref.title, limit=5)
        assert ref.key in [h.id for h in hits]
    document = json.loads(render(corpus, "json"))
    assert [r["key"] for r in document["references"]] == keys
    exported = render(corpus, "bib")
    assert all(f"{{{key}," in exported for key in keys)


def test_decoded_fields_of_the_odd_encodings() -> None:
    (latin,), _ = load_bib(HOSTILE / "latin1.bib")
    (wide,), _ = load_bib(HOSTILE / "utf16.bib")
    (deep, _flat), _ = load_bib(HOSTILE / "deep_braces.bib")
    assert (latin.authors, latin.title) == (["Müller, Jörg"], "Café culture")
    assert wide.authors == ["Müller, Jörg"]
    assert deep.title == "Nested"


def test_a_very_large_field_loads_and_the_next_entry_too(tmp_path: Path) -> None:
    abstract = "peer support " * 200_000  # 2.6 MB in one field
    path = tmp_path / "large.bib"
    path.write_text(
        "@article{large2020, title = {Large}, abstract = {" + abstract + "}, year = 2020}\n"
        "@article{next2021, title = {Next}, year = 2021}\n"
    )
    refs, problems = load_bib(path)
    assert problems == []
    assert [r.key for r in refs] == ["large2020", "next2021"]
    assert len(refs[0].extra["abstract"]) == len(abstract.strip())


def test_muller_finds_mueller() -> None:
    corpus = load_bundle(bib=HOSTILE / "good.bib")
    hits = SearchIndex(corpus).search("Muller", limit=3)
    assert hits and hits[0].id == "mueller2020"
    hits = SearchIndex(corpus).search("author:Ostergaard", limit=3)
    assert hits and hits[0].id == "mueller2020"


# --- claims YAML -------------------------------------------------------------------------------

CLAIMS_CASES = [
    (
        "all_at_once.yaml",
        [
            "error: all_at_once.yaml:5: claim 'C1': 'paragraph' must be a whole number from 1, "
            "got 'first'",
            "error: all_at_once.yaml:10: duplicate claim id 'C1' (first at line 2); "
            "this claim is skipped",
            "error: all_at_once.yaml:13: claim 3: 'id' is missing; the claim is skipped",
            "error: all_at_once.yaml:15: claim 'C3': 'text' is missing; the claim is skipped",
            "error: all_at_once.yaml:21: claim 'C4': number value must be a number, got text "
            "'eighty' (write it without quotes); dropped",
            "error: all_at_once.yaml:23: claim 6 must be a mapping, got a list",
            "error: all_at_once.yaml:2: claim C1 cites 'nobody1999', which is not in the bib",
            "error: all_at_once.yaml:7: claim C1: the quote 'helped 999 people' of 120 people "
            "is not in its text",
            "error: all_at_once.yaml:2: claim C1 does not list the quantity '120 people' "
            "its text states",
            "error: all_at_once.yaml:17: claim C4 does not list the quantity '80 people' "
            "its text states",
        ],
    ),
    (
        "yaml_syntax.yaml",
        [
            "error: yaml_syntax.yaml:5: YAML error: the list opened with '[' on line 4 is not "
            "closed with ']' where it should be, or its items are not separated by commas: "
            "`    cites: [mueller2020`"
        ],
    ),
    ("wrong_types.yaml", ["error: wrong_types.yaml:1: 'claims' must be a list, got a mapping"]),
    (
        "top_level_list.yaml",
        [
            "error: top_level_list.yaml:1: claim 1 must be a mapping, got text",
            "error: top_level_list.yaml:2: claim 2 must be a mapping, got text",
        ],
    ),
    (
        "python_tag.yaml",
        [
            "error: python_tag.yaml:3: YAML error: could not determine a constructor for the tag "
            "'tag:yaml.org,2002:python/object/apply:os.system'"
        ],
    ),
    ("empty.yaml", ["warning: empty.yaml: no claims in this file"]),
    (
        "raw_control.yaml",
        [
            "error: raw_control.yaml:3: YAML error: the character ESC is not allowed in YAML; "
            "nothing was read",
            "warning: raw_control.yaml:3: the file holds control characters (ESC is the first); "
            "they are kept but never shown or printed",
        ],
    ),
    (
        "utf16.yaml",
        [
            "error: utf16.yaml:2: claim C1 does not list the quantity '120 people' its text states",
            "warning: utf16.yaml:1: the file is UTF-16; read as such",
            "warning: article.md:5: the article states '80 people' (paragraph 1), "
            "but no claim contains it",
        ],
    ),
    (
        "latin1.yaml",
        [
            "error: latin1.yaml:2: claim C1: its text does not occur verbatim in the article; "
            "the closest passage (paragraph 1) reads “Peer support helped 120 …” where the claim "
            "has “Café au lait helped 120 …”",
            "warning: latin1.yaml:3: the file is not valid UTF-8: bytes that are not were read as "
            "Windows-1252 (Latin-1), the first as 'é'; save the file as UTF-8 to be sure",
            "warning: article.md:5: the article states '120 people' (paragraph 1), "
            "but no claim contains it",
            "warning: article.md:5: the article states '80 people' (paragraph 1), "
            "but no claim contains it",
        ],
    ),
]


@pytest.mark.parametrize(("name", "expected"), CLAIMS_CASES, ids=[c[0] for c in CLAIMS_CASES])
def test_check_reports_every_claims_problem_at_once(
    name: str, expected: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    code, lines, _ = run(["check", *ARTICLE, "--claims", name], capsys)
    assert lines[:-1] == expected
    assert code == (1 if any(line.startswith("error") for line in expected) else 0)


def test_python_tags_never_run(capsys: pytest.CaptureFixture[str]) -> None:
    run(["check", *ARTICLE, "--claims", "python_tag.yaml"], capsys)
    assert not (HOSTILE / "PWNED").exists()
    assert not Path("PWNED").exists()


# --- files that cannot be used at all ------------------------------------------------------------


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--bib", "missing.bib"], "peertui: missing.bib: no such file"),
        (["--bib", "good.bib", "--claims", "missing.yaml"], "peertui: missing.yaml: no such file"),
        (["--bib", "."], "peertui: .: is a directory, expected a file"),
        (["--bib", "binary.bib"], "peertui: binary.bib: is not a text file (it holds NUL bytes)"),
        (
            ["--bib", "good.bib", "--claims", "binary.yaml"],
            "peertui: binary.yaml: is not a text file (it holds NUL bytes)",
        ),
        (
            ["--bib", "good.bib", "--article", "binary.bib"],
            "peertui: binary.bib: is not a text file (it holds NUL bytes)",
        ),
    ],
)
def test_unusable_input_is_one_line_and_exit_2(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, lines, err = run(["check", *argv], capsys)
    assert (code, lines, err) == (2, [], message + "\n")


def test_an_unreadable_file_is_unusable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "locked.bib"
    path.write_text("@article{k, title = {T}}\n")
    if os.geteuid() == 0:  # root reads a mode-000 file: make the read itself fail
        from peertui.core import textutil

        real = textutil.read_regular

        def refuse(self: Path, **options: object) -> tuple[bytes, os.stat_result]:
            if self == path:
                raise PermissionError(13, "Permission denied", str(self))
            return real(self, **options)  # type: ignore[arg-type]

        monkeypatch.setattr(textutil, "read_regular", refuse)
    else:
        path.chmod(0)
    code, lines, err = run(["check", "--bib", str(path)], capsys)
    assert (code, lines) == (2, [])
    assert err == f"peertui: {path}: cannot be read (permission denied)\n"


# --- data is never markup nor terminal control -------------------------------------------------


@pytest.mark.parametrize(
    "argv",
    [
        ["show", "markup2020"],
        ["show", "M1"],
        ["search", "Click"],
        ["search", "Peer", "support"],
    ],
)
def test_rich_markup_in_the_data_prints_literally(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    command, *rest = argv
    code, lines, _ = run([command, "--bib", "markup.bib", "--claims", "markup.yaml", *rest], capsys)
    out = " ".join(" ".join(line.split()) for line in lines)
    assert code == 0
    assert "[bold red]" in out
    assert "[link=https://evil.example/]" in out
    assert not CONTROL.search(out)


def test_show_prints_the_citation_number_only_when_there_is_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    claims = tmp_path / "claims.yaml"
    claims.write_text("claims:\n  - {id: J1, text: Alpha and beta., cites: [alpha2018, gone]}\n")
    _, lines, _ = run(["show", "--bib", "junk_between.bib", "--claims", str(claims), "J1"], capsys)
    assert "  Alpha 2018 — Alpha entry" in lines
    assert "  gone (missing)" in lines
    _, lines, _ = run(["show", "--bib", "markup.bib", "--claims", "markup.yaml", "M1"], capsys)
    assert any(line.startswith("  [1] [bold red]Mallory[/] 2020") for line in lines)


CONTROL_RUNS = [
    ["check"],
    ["check", "--json"],
    ["show", "ctrl2020"],
    ["show", "K1"],
    ["search", "bell"],
    ["search", "--json", "bell"],
    ["search", "Control"],
    ["numbers"],
    ["numbers", "--json"],
    *(["export", "--format", fmt] for fmt in FORMATS),
]


@pytest.mark.parametrize("argv", CONTROL_RUNS, ids=" ".join)
def test_no_control_sequence_reaches_the_terminal(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    command, *rest = argv
    files = ["--bib", "control.bib", "--claims", "control.yaml"]
    code = main([command, *files, *rest])
    out, err = capsys.readouterr()
    assert code in (0, 1)
    assert not CONTROL.search(out + err)
    assert "Traceback" not in out + err


def test_json_keeps_control_characters_exactly_as_escapes() -> None:
    corpus = load_bundle(bib=HOSTILE / "control.bib", claims=HOSTILE / "control.yaml")
    text = render(corpus, "json")
    assert not CONTROL.search(text)
    document = json.loads(text)
    assert document["references"][0]["title"] == corpus.references[0].title
    assert document["claims"][0]["text"] == corpus.claims[0].text
    assert "\x9b" in corpus.claims[0].text and "\x1b]52;" in corpus.claims[0].text


def test_json_safe_escapes_del_and_c1_only() -> None:
    raw = json.dumps({"k": "a\x7fb\x9bc\x85ü\x1b"}, ensure_ascii=False)
    assert json_safe(raw) == '{"k": "a\\u007fb\\u009bc\\u0085ü\\u001b"}'
    assert json.loads(json_safe(raw)) == json.loads(raw)


# --- spreadsheets and Markdown -----------------------------------------------------------------


def _formula_corpus():
    return load_bundle(bib=HOSTILE / "formula.bib", claims=HOSTILE / "formula.yaml")


def test_csv_and_tsv_cells_that_a_spreadsheet_would_run_are_defused() -> None:
    corpus = _formula_corpus()
    rows = list(csv.reader(io.StringIO(render(corpus, "csv"))))[1:]
    tsv = [line.split("\t") for line in render(corpus, "tsv").splitlines()[1:]]
    for table in (rows, tsv):
        cells = [cell for row in table for cell in row if cell]
        assert not [c for c in cells if c[0] in "=+-@\t\r"]
        assert "'=HYPERLINK(" in table[0][3]
        assert table[0][1] == "'+SUM(A1:A9)"
        assert table[0][5] == "'=Evil 2020"
        assert table[0][COLUMNS.index("notes")] == "'-2+3"
        assert table[1][3] == "'@SUM(A1)"
        assert table[2][COLUMNS.index("notes")] == "''quoted"


def test_a_formula_hidden_behind_an_escape_character_is_defused() -> None:
    corpus = _formula_corpus()
    assert corpus.claims[2].text.startswith("\x1b=1+1")
    for fmt in ("csv", "tsv"):
        assert "\n" + "F3,,,'=1+1 hidden".replace(",", "," if fmt == "csv" else "\t") in render(
            corpus, fmt
        )


def test_markdown_cells_escape_pipes_and_newlines() -> None:
    lines = render(_formula_corpus(), "md").splitlines()
    row = next(line for line in lines if line.startswith("| F1 |"))
    # a cell a column, the pipe inside one of them escaped
    assert row.count(" | ") == len(COLUMNS) - 1
    assert "\\| pipe newline" in row


# --- exports ---------------------------------------------------------------------------------


def test_a_failed_export_leaves_the_existing_file_untouched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "out.csv"
    target.write_text("precious\n")

    def fail(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    code, _lines, err = run(["export", "--bib", "good.bib", "-o", str(target)], capsys)
    assert code == 2
    assert err.startswith(f"peertui: {target}: ") and err.count("\n") == 1
    assert target.read_text() == "precious\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]


@pytest.mark.parametrize("where", ["missing/out.csv", "good.bib/out.csv", "."])
def test_an_unwritable_target_is_a_clear_error_and_exit_2(
    where: str, capsys: pytest.CaptureFixture[str]
) -> None:
    before = sorted(p.name for p in HOSTILE.iterdir())
    code, lines, err = run(["export", "--bib", "good.bib", "-o", where], capsys)
    assert (code, lines) == (2, [])
    assert err.startswith(f"peertui: {where}: ") and err.count("\n") == 1
    assert sorted(p.name for p in HOSTILE.iterdir()) == before


def test_an_empty_author_does_not_break_show_search_or_export(
    capsys: pytest.CaptureFixture[str],
) -> None:
    corpus = load_bundle(bib=HOSTILE / "empty_author.bib")
    assert corpus.references[0].authors == ["", "Smith, Ann"]
    assert corpus.references[0].short.startswith("blank2020")
    for fmt in FORMATS:
        render(corpus, fmt)
    for argv in (["show", "blank2020"], ["search", "empty"], ["export", "--format", "md"]):
        code, _, _ = run([argv[0], "--bib", "empty_author.bib", *argv[1:]], capsys)
        assert code == 0
