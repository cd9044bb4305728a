"""Tests of the claim-evidence export: golden files for every format, plus each format's rules.

Golden files live in tests/core/golden/ (small.<ext> from the hand-built corpus below,
default.<ext> from the default bundle). After an intended format change, regenerate them with

    PEERTUI_REGEN_GOLDEN=1 .venv/bin/pytest tests/core/test_export.py

and review the diff: the golden files are the record of what peertui exports.
"""

from __future__ import annotations

import csv
import functools
import io
import json
import os
import re
import unicodedata
from pathlib import Path

import bibtexparser
import pytest
from bibtexparser.middlewares import LatexDecodingMiddleware
from hypothesis import given, settings
from hypothesis import strategies as st

from peertui.core.bibtex import library as bib
from peertui.core.bibtex import read as bibreader
from peertui.core.bibtex import write as bibwrite
from peertui.core.bibtex.write import bib_escape
from peertui.core.errors import ExportError
from peertui.core.export import atomic
from peertui.core.export import tables as export
from peertui.core.export.atomic import write_atomic
from peertui.core.export.formats import FORMATS, format_for_path
from peertui.core.export.tables import COLUMNS, claim_row, defuse, render
from peertui.core.models import Article, Claim, Corpus, NumberFact, Outcome, Reference, Study
from peertui.core.sanitize import LINE_BREAKS, printable

GOLDEN = Path(__file__).parent / "golden"
REGEN = os.environ.get("PEERTUI_REGEN_GOLDEN") == "1"
ROOT = Path(__file__).resolve().parents[2]


def small_corpus() -> Corpus:
    """Three references (one never cited), three claims (one citing and stating nothing)."""
    muller = Reference(
        key="muller2020_pipes",
        authors=["Müller, Jörg", "Ó Briain, Siobhán", "Zhang, Wei"],
        title='Pipes | and =cmd, "quoted": 50% of {DNA} -- a_test & more',
        journal="Journal of Tests",
        year="2020",
        volume="12",
        issue="3",
        pages="101–110",
        doi="10.1000/xyz_1(2020)",
        number=1,
        unverified=frozenset({"issue", "pmid"}),
        extra={
            "pmid": "123456",
            "article-form": "Müller, J. (2020). Pipes and cmd. J Tests, 12, 101-110.",
            "article-differences": "The article drops the pipe; ~ half the title.",
            "note": "Second author's name is Irish",
        },
    )
    smith = Reference(
        key="smith2019_formula",
        authors=["Smith, Ann", "Jones, Bob"],
        title='=HYPERLINK("http://example.invalid","click")',
        journal="Spreadsheet Review",
        year="2019",
        volume="4",
        pages="7",
        doi="10.1000/abc.2",
        number=2,
    )
    uncited = Reference(key="lee2018", authors=["Lee, Kim"], title="Never cited", year="2018")
    claims = [
        Claim(
            id="C1",
            text="A trial of 120 participants over 8 weeks improved symptoms (1, 2).",
            cites=["muller2020_pipes", "smith2019_formula"],
            section="Results",
            paragraph=2,
            kind="finding",
            numbers=[
                NumberFact(120.0, "participants", "sample size", "120 participants"),
                NumberFact(8, "week", "duration", "8 weeks", note="wait-list period"),
            ],
            outcomes=[
                Outcome(
                    id="symptoms",
                    direction="improved",
                    timepoints=["end of treatment", "6-month follow-up"],
                    comparator="wait-list",
                    study="trial-a",
                    measure="improved symptoms",
                )
            ],
            notes="Two reports of one trial.",
        ),
        Claim(
            id="C2",
            text="=SUM(A1) participants rated it 0.66 on average.",
            cites=["muller2020_pipes"],
            section="Results",
            paragraph=2,
            kind="finding",
            numbers=[NumberFact(0.66, "", "rate", "0.66")],
            notes="-cited by context",
        ),
        Claim(
            id="C3",
            text="Peer support is growing | everywhere, \\ it seems.",
            section="Introduction",
            paragraph=1,
            kind="background",
            notes="line one\nline two\twith a tab",
        ),
    ]
    return Corpus(
        article=Article(
            title="Peer support | what *the* data say",
            authors=["Zoë Ångström, PhD"],
            affiliation="Test Lab",
        ),
        references=[muller, smith, uncited],
        claims=claims,
        studies=[Study("trial-a", "Trial A", ["muller2020_pipes"], "randomised trial")],
        vocabulary={"symptoms": "Mental health symptoms"},
    )


def check_golden(name: str, text: str) -> None:
    """Compare `text` byte for byte with a golden file, or rewrite it when regenerating."""
    path = GOLDEN / name
    if REGEN:
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
        return
    assert path.exists(), f"{path} missing: run with PEERTUI_REGEN_GOLDEN=1 and review it"
    assert text.encode("utf-8") == path.read_bytes(), f"{name} differs from its golden file"


# --- golden files ----------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_small_corpus_matches_golden_file(fmt: str) -> None:
    check_golden(f"small{FORMATS[fmt]}", render(small_corpus(), fmt))


def _default_corpus() -> Corpus:
    bundle = pytest.importorskip("peertui.core.bundle.load")
    if not hasattr(bundle, "load_bundle") or not (ROOT / "data" / "claims.yaml").exists():
        pytest.skip("the default bundle or its loader is not there yet")
    return bundle.load_bundle(ROOT / "data")


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_default_bundle_matches_golden_file(fmt: str) -> None:
    check_golden(f"default{FORMATS[fmt]}", render(_default_corpus(), fmt))


def test_default_bundle_bib_reloads_into_the_same_references() -> None:
    corpus = _default_corpus()
    loaded, problems = bib.parse_bib(render(corpus, "bib"), "export.bib")
    assert problems == []
    for ref in [*loaded, *corpus.references]:
        ref.line = None
    assert loaded == corpus.references


def test_render_is_deterministic() -> None:
    for fmt in FORMATS:
        assert render(small_corpus(), fmt) == render(small_corpus(), fmt)


def test_unknown_format_is_refused() -> None:
    with pytest.raises(ValueError, match="xlsx"):
        render(small_corpus(), "xlsx")


# --- table cells -----------------------------------------------------------------------------


def test_cells_join_references_numbers_and_outcomes() -> None:
    corpus = small_corpus()
    row = claim_row(corpus, corpus.claims[0])
    assert list(row) == list(COLUMNS)
    assert row["citation"] == "(1, 2)"
    assert row["references"] == "[1] Müller et al. 2020; [2] Smith & Jones 2019"
    assert row["dois"] == "10.1000/xyz_1(2020); 10.1000/abc.2"
    assert row["numbers"] == "120 participants (sample size); 8 week (duration)"
    assert row["outcomes"] == (
        "Mental health symptoms: improved @ end of treatment, 6-month follow-up (trial-a)"
    )


def test_citation_cell_says_context_or_nothing() -> None:
    corpus = small_corpus()
    assert claim_row(corpus, corpus.claims[1])["citation"] == "context"
    assert claim_row(corpus, corpus.claims[2])["citation"] == ""
    assert claim_row(corpus, corpus.claims[1])["numbers"] == "0.66 (rate)"


def test_a_cited_key_missing_from_the_bibliography_is_shown() -> None:
    corpus = small_corpus()
    claim = Claim(id="X", text="Says so (9).", cites=["ghost2000"])
    assert claim_row(corpus, claim)["references"] == "ghost2000 (missing)"


# --- csv and tsv -----------------------------------------------------------------------------


def _unquote(cell: str) -> str:
    return cell[1:] if cell.startswith("'") else cell


def test_csv_round_trips_through_csv_reader() -> None:
    corpus = small_corpus()
    rows = list(csv.reader(io.StringIO(render(corpus, "csv"), newline="")))
    assert rows[0] == list(COLUMNS)
    expected = [[claim_row(corpus, c)[col] for col in COLUMNS] for c in corpus.claims]
    assert [[_unquote(cell) for cell in row] for row in rows[1:]] == expected


def test_csv_uses_lf_line_ends_and_keeps_newlines_inside_quoted_cells() -> None:
    text = render(small_corpus(), "csv")
    assert "\r" not in text
    assert '"line one\nline two\twith a tab"' in text


@pytest.mark.parametrize("fmt", ["csv", "tsv"])
def test_formula_injection_is_neutralised(fmt: str) -> None:
    text = render(small_corpus(), fmt)
    if fmt == "csv":
        rows = list(csv.reader(io.StringIO(text, newline="")))
    else:
        rows = [line.split("\t") for line in text.splitlines()]
    cells = [cell for row in rows[1:] for cell in row]
    assert "'=SUM(A1) participants rated it 0.66 on average." in cells
    assert "'-cited by context" in cells
    assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in cells)


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r", "'"])
def test_defuse_prefixes_a_quote(start: str) -> None:
    assert defuse(start + "1+1") == "'" + start + "1+1"


def test_defuse_leaves_ordinary_cells_alone() -> None:
    assert defuse("120 participants; -3 points") == "120 participants; -3 points"
    assert defuse("") == ""


def test_tsv_has_one_line_per_claim_and_no_tabs_inside_cells() -> None:
    corpus = small_corpus()
    lines = render(corpus, "tsv").split("\n")
    assert lines[-1] == ""
    assert len(lines[:-1]) == 1 + len(corpus.claims)
    assert all(line.count("\t") == len(COLUMNS) - 1 for line in lines[:-1])
    assert lines[3].split("\t")[-1] == "line one line two with a tab"


# --- markdown --------------------------------------------------------------------------------


def _md_cells(line: str) -> list[str]:
    """Split a table row on the pipes that are not escaped."""
    return [c.strip() for c in re.split(r"(?<!\\)\|", line.strip())[1:-1]]


def test_markdown_escapes_pipes_and_keeps_one_row_per_claim() -> None:
    text = render(small_corpus(), "md")
    lines = text.splitlines()
    assert lines[0] == r"# Claim-evidence table: Peer support \| what \*the\* data say"
    assert lines[2] == "3 claims, 2 cited references, 3 numbers, 1 outcome."
    table = lines[4:]
    assert len(table) == 2 + 3
    assert all(len(_md_cells(line)) == len(COLUMNS) for line in table)
    c3 = _md_cells(table[-1])
    assert c3[COLUMNS.index("claim")] == r"Peer support is growing \| everywhere, \\ it seems."
    assert c3[COLUMNS.index("notes")] == "line one line two with a tab"


def test_markdown_escapes_markup_from_the_data() -> None:
    corpus = small_corpus()
    corpus.claims[2].text = "<script>x</script> [link](y) `code` &amp; _em_ ~~s~~"
    row = render(corpus, "md").splitlines()[-1]
    assert "<script>" not in row
    assert r"\<script\>x\</script\> [link\](y) \`code\` \&amp; \_em\_ \~\~s\~\~" in row


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.text(max_size=12), min_size=1, max_size=4), max_size=4))
def test_one_pass_over_the_table_escapes_each_cell_as_alone(rows: list[list[str]]) -> None:
    rows = [[printable(cell) for cell in row] for row in rows]
    for transform in (export.md_escape, lambda text: LINE_BREAKS.sub(" ", text)):
        assert export._each_cell(rows, transform) == [[transform(c) for c in row] for row in rows]


def test_an_export_works_out_each_cited_reference_once(monkeypatch: pytest.MonkeyPatch) -> None:
    labelled: list[str] = []
    label = export.reference_label
    monkeypatch.setattr(export, "reference_label", lambda k, r: labelled.append(k) or label(k, r))
    render(small_corpus(), "csv")
    assert sorted(labelled) == ["muller2020_pipes", "smith2019_formula"]


# --- json ------------------------------------------------------------------------------------


def test_json_has_the_contract_keys() -> None:
    text = render(small_corpus(), "json")
    assert text.endswith("}\n")
    doc = json.loads(text)
    assert list(doc) == ["article", "references", "studies", "claims"]
    assert list(doc["article"]) == ["title", "authors", "affiliation"]
    assert list(doc["references"][0]) == [
        "key",
        "number",
        "authors",
        "title",
        "journal",
        "year",
        "volume",
        "issue",
        "pages",
        "doi",
        "unverified",
        "extra",
    ]
    assert list(doc["studies"][0]) == ["id", "label", "refs", "design"]
    claim = doc["claims"][0]
    assert list(claim) == [
        "id",
        "text",
        "section",
        "paragraph",
        "kind",
        "cites",
        "citation",
        "numbers",
        "outcomes",
        "notes",
    ]
    assert list(claim["numbers"][0]) == ["value", "unit", "role", "quote", "note", "check"]
    assert list(claim["numbers"][0]["check"]) == ["status", "reported", "matches", "explanation"]
    assert list(claim["outcomes"][0]) == [
        "id",
        "label",
        "direction",
        "timepoints",
        "comparator",
        "study",
        "measure",
    ]


def test_json_values() -> None:
    doc = json.loads(render(small_corpus(), "json"))
    values = [n["value"] for c in doc["claims"] for n in c["numbers"]]
    assert values == [120, 8, 0.66]
    assert [type(v) for v in values] == [int, int, float]
    assert '"value": 120,' in render(small_corpus(), "json")
    assert doc["references"][0]["unverified"] == ["issue", "pmid"]
    assert doc["references"][0]["authors"][0] == "Müller, Jörg"
    assert "Müller" in render(small_corpus(), "json")  # not \u-escaped
    assert doc["claims"][2]["cites"] == []
    assert doc["claims"][1]["citation"] == "context"
    assert doc["claims"][0]["outcomes"][0]["label"] == "Mental health symptoms"


def test_json_of_all_claims_lists_the_references_they_cite() -> None:
    doc = json.loads(render(small_corpus(), "json"))
    assert [r["key"] for r in doc["references"]] == ["muller2020_pipes", "smith2019_formula"]
    assert [s["id"] for s in doc["studies"]] == ["trial-a"]


def test_json_puts_each_record_on_a_line_of_its_own() -> None:
    corpus = small_corpus()
    text = render(corpus, "json")
    lines = text.splitlines()
    assert lines[0] == "{" and lines[-1] == "}" and lines[1].startswith('  "article": {')
    records = [line.strip().rstrip(",") for line in lines if line.startswith("    ")]
    assert len(records) == 2 + 1 + len(corpus.claims)
    assert all(json.loads(record) for record in records)
    assert '"studies": [\n    {"id": "trial-a",' in text
    corpus.studies = []
    assert '  "studies": [],\n' in render(corpus, "json")


def test_json_non_finite_number_becomes_null() -> None:
    corpus = small_corpus()
    corpus.claims[1].numbers[0].value = float("nan")
    doc = json.loads(render(corpus, "json"))
    assert doc["claims"][1]["numbers"][0]["value"] is None


def test_an_unterminated_escape_sequence_ends_with_its_field() -> None:
    # A terminal sequence ends at BEL or ST; one that never does must not eat the rest of the file.
    corpus = small_corpus()
    corpus.references[0].doi = "\x1b]8;;x"
    corpus.references[0].title = "{Pipes \x1b]0;x} and more"
    corpus.article.title = "Peer \x1b]0;title"  # type: ignore[union-attr]
    bib_text = render(corpus, "bib")
    keys = [e.key for e in bibtexparser.parse_string(bib_text).entries]
    assert keys == ["muller2020_pipes", "smith2019_formula"]
    assert "  title = {Pipes },\n" in bib_text and "\x1b" not in bib_text
    md_text = render(corpus, "md")
    assert md_text.startswith("# Claim-evidence table: Peer \n") and md_text.count("| C") == 3


# --- subsets ---------------------------------------------------------------------------------


def test_subset_exports_only_those_claims_and_their_references() -> None:
    corpus = small_corpus()
    subset = [corpus.claims[1]]
    rows = list(csv.reader(io.StringIO(render(corpus, "csv", subset))))
    assert [row[0] for row in rows] == ["claim_id", "C2"]
    doc = json.loads(render(corpus, "json", subset))
    assert [c["id"] for c in doc["claims"]] == ["C2"]
    assert [r["key"] for r in doc["references"]] == ["muller2020_pipes"]
    assert doc["studies"] == []
    keys = [e.key for e in bibtexparser.parse_string(render(corpus, "bib", subset)).entries]
    assert keys == ["muller2020_pipes"]
    assert "1 claim, 1 cited reference, 1 number, 0 outcomes." in render(corpus, "md", subset)


def test_subset_without_citations_exports_no_references() -> None:
    corpus = small_corpus()
    assert render(corpus, "bib", [corpus.claims[2]]) == ""
    assert json.loads(render(corpus, "json", [corpus.claims[2]]))["references"] == []


def test_bib_of_all_claims_leaves_out_uncited_references() -> None:
    keys = [e.key for e in bibtexparser.parse_string(render(small_corpus(), "bib")).entries]
    assert keys == ["muller2020_pipes", "smith2019_formula"]


def test_a_library_without_claims_exports_every_reference() -> None:
    corpus = small_corpus()
    corpus.claims = []
    keys = [e.key for e in bibtexparser.parse_string(render(corpus, "bib", [])).entries]
    assert keys == ["muller2020_pipes", "smith2019_formula", "lee2018"]
    assert render(corpus, "csv") == ",".join(COLUMNS) + "\n"
    assert len(json.loads(render(corpus, "json", []))["references"]) == 3


# --- bibtex ----------------------------------------------------------------------------------


def _plain_fields(ref: Reference) -> dict[str, str]:
    """What each BibTeX field should decode to."""
    fields = {
        "author": " and ".join(ref.authors),
        "title": ref.title,
        "journal": ref.journal,
        "year": ref.year,
        "volume": ref.volume,
        "number": ref.issue,
        "pages": ref.pages,
        "doi": ref.doi,
        "citation-number": str(ref.number),
        "unverified": ", ".join(sorted({"issue": "number"}.get(n, n) for n in ref.unverified)),
        **ref.extra,
    }
    return {k: v for k, v in fields.items() if v}


def test_bib_reparses_with_bibtexparser_into_identical_values() -> None:
    corpus = small_corpus()
    text = render(corpus, "bib")
    raw = bibtexparser.parse_string(text)
    decoded = bibtexparser.parse_string(text, append_middleware=[LatexDecodingMiddleware()])
    assert not raw.failed_blocks
    for ref, raw_entry, entry in zip(
        corpus.references[:2], raw.entries, decoded.entries, strict=True
    ):
        expected = _plain_fields(ref)
        assert entry.key == ref.key
        assert {f.key: f.value for f in entry.fields} == expected
        # Values free of LaTeX specials come back identical even without decoding.
        for name, value in {f.key: f.value for f in raw_entry.fields}.items():
            if name not in ("pages", "doi") and not re.search(r"[\\{}%&$#_~]|--", expected[name]):
                assert value == expected[name]


def test_bib_reloads_with_peertui_loader_into_identical_references() -> None:
    corpus = small_corpus()
    loaded, problems = bib.parse_bib(render(corpus, "bib"), "export.bib")
    assert problems == []
    for ref in loaded:
        ref.line = None
    assert loaded == corpus.references[:2]


def test_bib_layout() -> None:
    text = render(small_corpus(), "bib")
    first = text.split("\n\n")[0].splitlines()
    assert first[0] == "@article{muller2020_pipes,"
    assert first[1] == "  author = {Müller, Jörg and Ó Briain, Siobhán and Zhang, Wei},"
    names = [line.split(" = ")[0].strip() for line in first[1:-1]]
    assert names == [
        "author",
        "title",
        "journal",
        "year",
        "volume",
        "number",
        "pages",
        "doi",
        "citation-number",
        "unverified",
        "article-form",
        "article-differences",
        "note",
        "pmid",
    ]
    assert "  pages = {101--110}," in first
    assert "  unverified = {number, pmid}," in first
    assert first[-1] == "}"


def test_bib_field_names_mirror_the_loader_aliases() -> None:
    assert {v: k for k, v in bibreader.FIELD_ALIASES.items()} == bibwrite._BIB_FIELD_NAMES


def test_bib_braces_an_author_whose_name_holds_and() -> None:
    ref = Reference(key="k", authors=["Smith and Sons", "Doe, Jane"], title="T")
    corpus = Corpus(references=[ref])
    assert "author = {{Smith and Sons} and Doe, Jane}" in render(corpus, "bib")
    loaded, _ = bib.parse_bib(render(corpus, "bib"), "x.bib")
    assert loaded[0].authors == ["Smith and Sons", "Doe, Jane"]


def test_bib_drops_unpaired_braces_in_identifiers() -> None:
    ref = Reference(key="k", title="T", doi="10.1/a}b{c", extra={"url": "http://x/{y}\\"})
    text = render(Corpus(references=[ref]), "bib")
    library = bibtexparser.parse_string(text)
    assert not library.failed_blocks
    assert library.entries[0]["doi"] == "10.1/abc"
    assert library.entries[0]["url"] == "http://x/{y}"


def test_bib_keys_and_types_are_made_safe() -> None:
    ref = Reference(key="bad key,{x}", entry_type="In Proceedings!", title="T", journal="Conf")
    text = render(Corpus(references=[ref]), "bib")
    assert text.startswith("@inproceedings{bad_key__x_,\n")
    assert "  booktitle = {Conf}," in text
    assert len(bibtexparser.parse_string(text).entries) == 1


@pytest.mark.parametrize(
    ("entry_type", "extra", "expected"),
    [
        ("article", {"publisher": "P"}, ["journal", "publisher"]),
        ("inproceedings", {"publisher": "P"}, ["booktitle", "publisher"]),
        ("book", {}, ["publisher"]),
        ("book", {"booktitle": "B"}, ["journal", "booktitle"]),
    ],
)
def test_bib_keeps_every_venue_field(
    entry_type: str, extra: dict[str, str], expected: list[str]
) -> None:
    ref = Reference(key="k", entry_type=entry_type, title="T", journal="V", extra=extra)
    text = render(Corpus(references=[ref]), "bib")
    entry = bibtexparser.parse_string(text).entries[0]
    assert [f.key for f in entry.fields] == ["title", *expected]
    loaded, _ = bib.parse_bib(text, "x.bib")
    assert (loaded[0].journal, loaded[0].extra) == ("V", extra)


_TEXT = st.text(
    st.one_of(
        st.characters(blacklist_categories=("Cc", "Cs")),
        st.sampled_from(list("\\{}%&$#_~^-'`?!@\"")),
    ),
    max_size=40,
)


def _without_lone_braces(text: str) -> str:
    """The oracle: drop each brace that has no partner, scanning with a depth counter."""
    kept = list(text)
    opened: list[int] = []
    for i, ch in enumerate(text):
        if ch == "{":
            opened.append(i)
        elif ch == "}":
            if opened:
                opened.pop()
            else:
                kept[i] = ""
    for i in opened:
        kept[i] = ""
    return "".join(kept)


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_bib_escape_round_trips_any_text(value: str) -> None:
    expected = _without_lone_braces(value)
    entry = "@misc{k,\n  title = {" + bib_escape(value) + "},\n}\n"
    library = bibtexparser.parse_string(entry, append_middleware=[LatexDecodingMiddleware()])
    assert not library.failed_blocks
    assert library.entries[0]["title"] == expected
    loaded, problems = bib.parse_bib(entry, "x.bib")
    assert problems == []
    # peertui's loader also collapses whitespace and may compose characters (NFC).
    nfc = functools.partial(unicodedata.normalize, "NFC")
    assert nfc(loaded[0].title) == nfc(" ".join(expected.split()))


def test_bib_escape_drops_only_lone_braces() -> None:
    assert bib_escape("{DNA} and }{x{") == r"\{DNA\} and x"
    assert bib_escape("50% -- 1\\2") == r"50\% -\/- 1\textbackslash{}2"


def test_bib_escape_looks_closer_at_every_character_it_may_change() -> None:
    # bib_escape returns a value unchanged when _NEEDS_ESCAPE finds nothing in it.
    every = "".join(map(chr, range(0x110000)))
    gate = set(bibwrite._NEEDS_ESCAPE.findall(every))
    assert set(LINE_BREAKS.findall(every)) <= gate
    assert set("{}%&$#_\\~-'`?!") <= gate
    controls = {ch for ch in every if printable(ch) != ch}
    assert gate | controls <= set(bibwrite._NEEDS_WORK.findall(every))
    assert bib_escape("a\r\nb\u2028c\x85d") == "a b c d"
    assert bib_escape("``?`!`''") == r"`\/`?\/`!\/`'\/'"


# --- file names ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("out.csv", "csv"),
        ("OUT.CSV", "csv"),
        ("t.tsv", "tsv"),
        ("t.tab", "tsv"),
        ("t.md", "md"),
        ("t.markdown", "md"),
        ("t.json", "json"),
        ("t.bib", "bib"),
        ("t.bibtex", "bib"),
        ("t.txt", None),
        ("noext", None),
    ],
)
def test_format_for_path(name: str, fmt: str | None) -> None:
    assert format_for_path(Path(name)) == fmt


def test_every_format_has_its_own_extension() -> None:
    assert {format_for_path(Path("x" + ext)) for ext in FORMATS.values()} == set(FORMATS)


# --- write_atomic ----------------------------------------------------------------------------


def test_write_atomic_writes_utf8_with_lf(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    write_atomic(target, "a,Müller\nb\n")
    assert target.read_bytes() == "a,Müller\nb\n".encode()
    write_atomic(target, "new\n")
    assert target.read_text(encoding="utf-8") == "new\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]


def test_write_atomic_keeps_the_target_when_the_rename_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out.md"
    target.write_text("old\n", encoding="utf-8")

    def fail(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "replace", fail)
    with pytest.raises(ExportError) as info:
        write_atomic(target, "new\n")
    assert str(info.value) == f"{target}: no space left on device"
    assert target.read_text(encoding="utf-8") == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.md"]


def test_write_atomic_removes_the_temp_file_when_writing_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out.json"
    target.write_text("old\n", encoding="utf-8")

    def fail(fd: int) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(atomic.os, "fsync", fail)
    with pytest.raises(ExportError, match="input/output error"):
        write_atomic(target, "new\n")
    assert target.read_text(encoding="utf-8") == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]


def test_write_atomic_reports_a_missing_directory(tmp_path: Path) -> None:
    target = tmp_path / "nowhere" / "out.csv"
    with pytest.raises(ExportError) as info:
        write_atomic(target, "x")
    assert str(info.value) == f"{target}: the folder {target.parent} does not exist"


def test_write_atomic_reports_a_file_used_as_directory(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x", encoding="utf-8")
    target = tmp_path / "file" / "out.csv"
    with pytest.raises(ExportError, match="is not a directory"):
        write_atomic(target, "x")


def test_write_atomic_refuses_a_directory_as_target(tmp_path: Path) -> None:
    with pytest.raises(ExportError) as info:
        write_atomic(tmp_path, "x")
    assert str(info.value) == f"{tmp_path}: is a directory"
    assert list(tmp_path.iterdir()) == []


def test_write_atomic_reports_no_permission(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def deny(*args: object) -> int:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(atomic.os, "open", deny)
    target = tmp_path / "out.csv"
    with pytest.raises(ExportError) as info:
        write_atomic(target, "x")
    assert str(info.value) == f"{target}: permission denied"
    assert not target.exists()


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root ignores modes")
def test_write_atomic_reports_a_read_only_directory(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        with pytest.raises(ExportError, match="permission denied"):
            write_atomic(locked / "out.csv", "x")
    finally:
        locked.chmod(0o700)


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
def test_write_atomic_keeps_the_mode_of_an_existing_file(tmp_path: Path) -> None:
    target = tmp_path / "out.bib"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o640)
    write_atomic(target, "new")
    assert target.stat().st_mode & 0o777 == 0o640


@pytest.mark.skipif(os.name != "posix", reason="symlinks")
def test_write_atomic_writes_through_a_symlink(tmp_path: Path) -> None:
    real = tmp_path / "real.md"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.md"
    link.symlink_to(real)
    write_atomic(link, "new")
    assert link.is_symlink()
    assert real.read_text(encoding="utf-8") == "new"


def test_an_unterminated_escape_sequence_takes_no_more_than_its_line() -> None:
    text = "title \x1b]52;c;aGVsbG8= never closed\nnext line\n\x1b]8;;https://x\x07link"
    assert printable(text) == "title \nnext line\nlink"
