"""article.md parsing: front matter, body paragraphs with lines, the printed reference list."""

from __future__ import annotations

from pathlib import Path

import pytest

from peertui.core.bundle.article import load_article, parse_article
from peertui.core.errors import UnusableInput
from peertui.core.textutil import fold_ascii, normalise_ws

ARTICLE = """\
---
title: "Benefits of peer support: What can the data tell us?"
authors: [Diana Arntz, Someone Else]
affiliation: Research Fellow
---

First paragraph starts here
and wraps onto a second line (1, 2).

## A section heading
Second paragraph, right under its heading.

Figure 1. Hospital readmission rates at one year

### references

1. Cook, J.A., Copeland, M.E. (2012a).
   A randomized controlled trial. Psychiatric Services, 63, 541–547.
2) Second item.
[3] Third item
continued here.
"""


def test_front_matter_paragraphs_and_references() -> None:
    article, problems = parse_article(ARTICLE, "article.md")
    assert problems == []
    assert article.title == "Benefits of peer support: What can the data tell us?"
    assert article.authors == ["Diana Arntz", "Someone Else"]
    assert article.affiliation == "Research Fellow"
    assert article.paragraphs == [
        (7, "First paragraph starts here and wraps onto a second line (1, 2)."),
        (11, "Second paragraph, right under its heading."),
        (13, "Figure 1. Hospital readmission rates at one year"),
    ]
    assert article.reference_list == [
        (
            1,
            "Cook, J.A., Copeland, M.E. (2012a). "
            "A randomized controlled trial. Psychiatric Services, 63, 541–547.",
        ),
        (2, "Second item."),
        (3, "Third item continued here."),
    ]
    assert article.body.startswith("First paragraph starts here and wraps")
    assert article.path == "article.md"


def test_title_from_first_heading_without_front_matter() -> None:
    article, problems = parse_article("\n# The Title\n\nBody text.\n\n# References\n", "a.md")
    assert problems == []
    assert article.title == "The Title"
    assert article.authors == []
    assert article.paragraphs == [(4, "Body text.")]
    assert article.reference_list == []


def test_a_level_one_heading_after_the_body_is_not_the_title() -> None:
    article, _ = parse_article("Body.\n\n# Later heading\n\nMore.\n", "a.md")
    assert article.title == ""
    assert [text for _, text in article.paragraphs] == ["Body.", "More."]


def test_authors_as_a_single_string() -> None:
    article, _ = parse_article("---\nauthors: Jane Doe\ntitle: 1984\n---\nText.\n", "a.md")
    assert article.authors == ["Jane Doe"]
    assert article.title == "1984"
    assert article.paragraphs == [(5, "Text.")]


def test_front_matter_yaml_error_is_located_in_the_file() -> None:
    _, problems = parse_article("---\ntitle: ok\nauthors: [unclosed\n---\nText.\n", "a.md")
    assert len(problems) == 1
    assert problems[0].line is not None and problems[0].line >= 3
    assert problems[0].message.startswith("YAML error")


def test_front_matter_is_safe(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    text = f"---\ntitle: !!python/object/apply:os.system ['touch {marker}']\n---\nText.\n"
    article, problems = parse_article(text, "a.md")
    assert not marker.exists()
    assert [p.line for p in problems] == [2]
    assert article.paragraphs == [(4, "Text.")]


def test_unclosed_front_matter_is_reported_and_read_as_text() -> None:
    article, problems = parse_article("---\ntitle: x\n\nBody.\n", "a.md")
    assert [(p.line, p.message.split(";")[0]) for p in problems] == [
        (1, "front matter is never closed by a '---' line")
    ]
    assert [text for _, text in article.paragraphs] == ["--- title: x", "Body."]


def test_stray_text_in_the_reference_list_is_a_warning() -> None:
    text = "Body.\n\n## References\n\nIntro words.\n1. One.\n\n## Appendix\n\nMore.\n"
    article, problems = parse_article(text, "a.md")
    assert article.reference_list == [(1, "One.")]
    assert article.paragraphs == [(1, "Body.")]
    assert [(p.line, p.severity) for p in problems] == [(5, "warning"), (8, "warning")]


def test_load_article(tmp_path: Path) -> None:
    path = tmp_path / "article.md"
    path.write_text("Para one.\r\n\r\nPara two.\r\n", encoding="utf-8")
    article, problems = load_article(path)
    assert problems == []
    assert article.path == str(path)
    assert article.paragraphs == [(1, "Para one."), (3, "Para two.")]
    with pytest.raises(UnusableInput, match="no such file"):
        load_article(tmp_path / "missing.md")


@pytest.mark.parametrize(
    ("text", "folded"),
    [("Müller", "muller"), ("Østergaard", "ostergaard"), ("ÉCOLE", "ecole"), ("Straße", "strasse")],
)
def test_fold_ascii(text: str, folded: str) -> None:
    assert fold_ascii(text) == folded


def test_normalise_ws() -> None:
    assert normalise_ws("  a\n\tb   c \u00a0d ") == "a b c d"


def test_an_empty_article_is_a_warning() -> None:
    article, problems = parse_article("---\ntitle: T\n---\n\n", "a.md")
    assert article.title == "T"
    assert [(p.line, p.severity, p.message) for p in problems] == [
        (None, "warning", "no body text in this file")
    ]


def test_deeply_nested_front_matter_is_a_problem_not_a_crash() -> None:
    article, problems = parse_article("---\ntitle: " + "[" * 3000 + "\n---\nText.\n", "a.md")
    assert article.paragraphs == [(4, "Text.")]
    assert [p.message for p in problems] == ["YAML error: the data is nested too deeply"]
