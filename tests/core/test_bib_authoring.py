"""Mistakes people make writing a .bib by hand, reported where they are."""

from __future__ import annotations

from peertui.core.bibtex.library import parse_bib

MISSING_COMMA = """@article{a,
  author = {Ann Smith},
  year = {1999}
  volume = 159,
  pages = {1--2},
}

@book{b, title = "Two" journal = {J}, year = 2000
  month = jan}
"""


def test_a_value_that_swallowed_the_next_field_is_split_and_reported() -> None:
    refs, problems = parse_bib(MISSING_COMMA, "t.bib")
    a, b = refs
    assert (a.year, a.volume, a.pages) == ("1999", "159", "1–2")
    assert (b.title, b.journal, b.year, b.extra["month"]) == ("Two", "J", "2000", "January")
    assert [(p.line, p.severity, p.message) for p in problems] == [
        (
            3,
            "error",
            "entry 'a': a comma is missing after the value of 'year': the field 'volume' was "
            "read into it; read as two fields",
        ),
        (
            8,
            "error",
            "entry 'b': a comma is missing after the value of 'title': the field 'journal' "
            "was read into it; read as two fields",
        ),
        (
            8,
            "error",
            "entry 'b': a comma is missing after the value of 'year': the field 'month' was "
            "read into it; read as two fields",
        ),
    ]


def test_a_value_with_words_after_it_is_not_split() -> None:
    _, problems = parse_bib("@article{a, note = {x} y}\n", "t.bib")
    assert not any("comma is missing" in p.message for p in problems)


def test_a_duplicate_field_is_a_warning_as_in_bibtex() -> None:
    refs, problems = parse_bib("@article{a,\n  year = 1999,\n  year = 2000,\n}\n", "t.bib")
    assert refs[0].year == "1999"
    assert [(p.severity, p.message) for p in problems] == [
        ("warning", "entry 'a' sets 'year' more than once; the first value is used")
    ]


def test_a_missing_comma_after_the_key_is_named() -> None:
    refs, problems = parse_bib(
        "@article{c\n  title = {Three},\n}\n@article{d, title = {D}}\n", "t.bib"
    )
    assert [r.key for r in refs] == ["d"]
    assert [(p.line, p.severity) for p in problems if "comma" in p.message] == [(1, "error")]
    assert "(line 2: a comma is missing after the key 'c')" in problems[0].message


def test_a_value_never_closed_is_named_with_the_field_it_ran_into() -> None:
    text = "@article{b,\n  title = {Two\n  year = 2000,\n}\n\n@article{d, title = {D}}\n"
    refs, problems = parse_bib(text, "t.bib")
    assert [r.key for r in refs] == ["d"]
    assert [p.line for p in problems if p.severity == "error"] == [1]
    assert "(line 2: the value of 'title' is never closed: it runs on into 'year')" in (
        problems[0].message
    )
