"""BibTeX loading: macros, LaTeX, field mapping and failed blocks reported by line."""

from __future__ import annotations

from pathlib import Path

import pytest

from peertui.core.bibtex.latex import decode_latex
from peertui.core.bibtex.library import load_bib, parse_bib
from peertui.core.errors import UnusableInput
from peertui.core.models import Reference

GOOD = r"""% a comment line
@string{prj = "Psychiatric Rehabilitation Journal"}

@article{cook2012,
  author = {Cook, Judith A. and M{\"u}ller, Hans and {World Health Organization}},
  title = {{A Randomized} Trial of {WRAP}},
  journal = prj,
  year = 2012,
  month = jun,
  volume = {63},
  number = {6},
  pages = {541--547},
  doi = {10.1176/appi.ps.201100125},
  citation-number = {1},
  unverified = {number, PMID, author},
  pmid = {22508435},
  Note = {Editorial \& comment, 50% of {DNA}},
}
"""


def parse_one(text: str) -> Reference:
    refs, problems = parse_bib(text, "t.bib")
    assert problems == []
    assert len(refs) == 1
    return refs[0]


def test_fields_are_mapped_and_decoded() -> None:
    ref = parse_one(GOOD)
    assert ref.key == "cook2012"
    assert ref.entry_type == "article"
    assert ref.line == 4
    assert ref.authors == ["Cook, Judith A.", "Müller, Hans", "World Health Organization"]
    assert ref.title == "A Randomized Trial of WRAP"
    assert ref.journal == "Psychiatric Rehabilitation Journal"
    assert (ref.year, ref.volume, ref.issue) == ("2012", "63", "6")
    assert ref.pages == "541–547"
    assert ref.doi == "10.1176/appi.ps.201100125"
    assert ref.number == 1
    assert ref.unverified == frozenset({"issue", "pmid", "authors"})
    assert ref.extra == {
        "month": "June",
        "pmid": "22508435",
        "note": "Editorial & comment, 50% of DNA",
    }


@pytest.mark.parametrize(
    ("latex", "text"),
    [
        (r"M{\"u}ller", "Müller"),
        (r"M\"{u}ller", "Müller"),
        (r"Garc{\'\i}a", "García"),
        (r"{\O}stergaard", "Østergaard"),
        (r"Sk\l odowska", "Skłodowska"),
        (r"\v{S}ediv\'y", "Šedivý"),
        (r"\c{C}a\u{g}lar", "Çağlar"),
        (r"Stra{\ss}e", "Straße"),
        (r"{\em Nature} and \emph{Science}", "Nature and Science"),
        (r"pre--post --- and~more", "pre–post — and more"),
        (r"$\alpha$-blockers", "α-blockers"),
        (r"``quoted''", "“quoted”"),
        ("50% of people", "50% of people"),
        (r"\textsuperscript{2} 50% \% left", "2 50% % left"),
        ("  spaced \n  out  ", "spaced out"),
    ],
)
def test_latex_decoding(latex: str, text: str) -> None:
    assert decode_latex(latex) == text


def test_string_macros_concatenation_and_months() -> None:
    ref = parse_one(
        '@string{pre = "Journal of "}\n'
        "@article{k, journal = pre # {Mental Health}, month = aug, year = 1999}\n"
    )
    assert ref.journal == "Journal of Mental Health"
    assert ref.extra["month"] == "August"
    assert ref.year == "1999"


def test_undefined_macro_is_a_warning_and_kept() -> None:
    refs, problems = parse_bib("@article{k,\n  journal = nosuch,\n}\n", "t.bib")
    assert refs[0].journal == "nosuch"
    assert [(p.line, p.severity) for p in problems] == [(2, "warning")]
    assert "nosuch" in problems[0].message


def test_duplicate_string_keeps_the_first_definition() -> None:
    refs, problems = parse_bib(
        "@string{a = {One}}\n@string{a = {Two}}\n@article{k, journal = a}\n", "t.bib"
    )
    assert refs[0].journal == "One"
    assert [(p.line, p.message) for p in problems] == [
        (2, "duplicate @string 'a' (first at line 1); this definition is skipped")
    ]


def test_doi_and_url_keep_dashes_and_tildes() -> None:
    ref = parse_one("@misc{k, doi = {{10.1000/a--b}}, url = {http://x.org/~me/a--b}}")
    assert ref.doi == "10.1000/a--b"
    assert ref.extra["url"] == "http://x.org/~me/a--b"


def test_booktitle_or_publisher_stand_in_for_journal() -> None:
    chapter = parse_one("@incollection{k, booktitle = {Handbook}, publisher = {Wiley}}")
    assert chapter.entry_type == "incollection"
    assert chapter.journal == "Handbook"
    assert chapter.extra == {"publisher": "Wiley"}
    book = parse_one("@Book{b, publisher = {Wiley}}")
    assert (book.entry_type, book.journal) == ("book", "Wiley")


BROKEN = """@article{first, title = {One}}

@article{broken,
  author = {Unclosed
  title = {Two},

@article{third, title = {Three}}
@article{first, title = {Again}}
@article{twice, title = {A}, title = {B}}
@article{badnum, title = {X}, citation-number = {three}}
"""


def test_failed_blocks_are_reported_with_1_based_lines_and_the_rest_loads() -> None:
    refs, problems = parse_bib(BROKEN, "broken.bib")
    assert [r.key for r in refs] == ["first", "third", "twice", "badnum"]
    assert [r.line for r in refs] == [1, 7, 9, 10]
    by_line = {p.line: p.message for p in problems}
    assert set(by_line) == {3, 8, 9, 10}
    assert by_line[3].startswith("could not parse this block: @article{broken,")
    assert by_line[8] == "duplicate key 'first' (first at line 1); this entry is skipped"
    assert "'title'" in by_line[9] and "first value" in by_line[9]
    assert "three" in by_line[10] and "citation-number" in by_line[10]
    assert all(str(p).startswith(f"broken.bib:{p.line}: ") for p in problems)
    # BibTeX only warns about a duplicate field, and so does peertui
    assert [p.line for p in problems if p.severity == "warning"] == [9]
    assert all(p.severity == "error" for p in problems if p.line != 9)


def test_duplicate_field_keeps_the_first_value() -> None:
    refs, _ = parse_bib(BROKEN, "broken.bib")
    twice = next(r for r in refs if r.key == "twice")
    assert twice.title == "A"
    assert next(r for r in refs if r.key == "badnum").number is None


def test_parser_logging_stays_off_stderr(capsys: pytest.CaptureFixture[str]) -> None:
    parse_bib(BROKEN, "broken.bib")
    assert capsys.readouterr().err == ""


def test_load_bib_reads_latin1_bytes_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "latin.bib"
    path.write_bytes(b"@article{a, title = {\xc3\x9cber}}\n@article{b,\n  title = {M\xfcller}}\n")
    refs, problems = load_bib(path)
    assert [r.key for r in refs] == ["a", "b"]
    assert [r.title for r in refs] == ["Über", "Müller"]
    assert [(p.file, p.line, p.severity) for p in problems] == [(str(path), 3, "warning")]
    assert "read as Windows-1252 (Latin-1), the first as 'ü'" in problems[0].message


def test_load_bib_missing_file_is_unusable(tmp_path: Path) -> None:
    with pytest.raises(UnusableInput, match=r"nothere\.bib: no such file"):
        load_bib(tmp_path / "nothere.bib")
    with pytest.raises(UnusableInput, match="directory"):
        load_bib(tmp_path)


def test_synthetic_library_loads_every_entry() -> None:
    text = "".join(
        f'@article{{k{i}, author = {{M{{\\"u}}ller, A. and Doe, J.}}, '
        f"title = {{Study {i}}}, pages = {{{i}--{i + 5}}}, citation-number = {{{i + 1}}}}}\n"
        for i in range(300)
    )
    refs, problems = parse_bib(text, "big.bib")
    assert problems == []
    assert [r.number for r in refs] == list(range(1, 301))
    assert refs[299].pages == "299–304"
    assert refs[299].authors == ["Müller, A.", "Doe, J."]


def test_lines_stay_right_after_a_backslash_at_a_line_end() -> None:
    text = (
        '@book{a,\n  contents = "One \\\\\n  Two \\\\\n  Three",\n}\n\n'
        "@book{b,\n  title = {B},\n  journal = nosuch,\n}\n"
    )
    refs, problems = parse_bib(text, "t.bib")
    assert [(r.key, r.line) for r in refs] == [("a", 1), ("b", 7)]
    assert [p.line for p in problems] == [9]


def test_an_entry_bibtexparser_cuts_short_is_read_by_bibtex_rules() -> None:
    text = (
        '@book{t,\n  title = "{Handbuch f{\\"u}r zeitgem{"a}{\\ss} Schaffende}",\n'
        '  year = "1991",\n}\n@book{g, remark = "{a "b, c" d}", year = 1982}\n'
        "@book{after, title = {After}}\n"
    )
    refs, problems = parse_bib(text, "t.bib")
    assert [(r.key, r.line, r.year) for r in refs] == [
        ("t", 1, "1991"),
        ("g", 5, "1982"),
        ("after", 6, ""),
    ]
    assert refs[0].title == 'Handbuch für zeitgem"aß Schaffende'
    assert refs[1].extra["remark"] == 'a "b, c" d'
    assert [(p.line, p.severity) for p in problems] == [(1, "warning"), (5, "warning")]
    assert problems[0].message == (
        "entry 't': bibtexparser could not read it (it read the value of 'title' wrongly); "
        "it was read by BibTeX's own rules instead"
    )


def test_an_entry_start_bibtexparser_misses_is_read() -> None:
    text = '% a comment\n@incollection\n(\n  rs95 ,\n  author = "M. Roux",\n  year = 1995\n)\n'
    refs, problems = parse_bib(text, "t.bib")
    assert [(r.key, r.line, r.authors, r.year) for r in refs] == [("rs95", 2, ["M. Roux"], "1995")]
    assert [(p.line, p.severity) for p in problems] == [(2, "warning")]
    assert "its start was not recognised" in problems[0].message


def test_stray_fields_between_entries_are_reported_once() -> None:
    text = (
        "@article{a, title = {A}}\n  title = {Lost},\n  year = 2001,\n}\n"
        "Free text = with an equals sign, is a comment.\n@article{b, title = {B}}\n"
    )
    refs, problems = parse_bib(text, "t.bib")
    assert [r.key for r in refs] == ["a", "b"]
    assert [(p.line, p.severity, p.message) for p in problems] == [
        (2, "warning", "text outside any entry is ignored: title = {Lost},")
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "no entries in this file"),
        ("% only\n% comments\n@comment{x}\n", "no entries in this file"),
        ('@string{j = "J"}\n', "only @string definitions in this file"),
    ],
)
def test_a_file_without_entries_is_a_warning(text: str, message: str) -> None:
    refs, problems = parse_bib(text, "t.bib")
    assert refs == []
    assert [(p.line, p.severity, p.message) for p in problems] == [(None, "warning", message)]


def test_braces_nested_thousands_deep_do_not_crash_the_decoder() -> None:
    deep = "{" * 3000 + '\\"u $x$' + "}" * 3000
    refs, problems = parse_bib(f"@article{{a, title = {{{deep}}}}}\n", "t.bib")
    assert problems == []
    assert [r.key for r in refs] == ["a"]
    assert "x" in refs[0].title and "{" not in refs[0].title
