"""Plain text, Markdown and PDF text → Document, on made-up articles; and on the corpus."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from peertui.core.ingest.text import read_text

MARKDOWN = """\
# Moss on North Faces: a Survey

Kim Abel^1^, Tom van Brun^2^ and Ida Cole

## Introduction

Moss grows on *north* faces^1^ and bends towards rivers^2,3^. It was first seen in 1901.

Snow covers it in winter^4^ (n = 12).

## Methods

We counted moss on 40 walls.

Figure 1. Moss on a wall in winter^2^.

## References

1. Abel KJ, Brun T. Growth of moss on north faces. J Moss Res. 2004;12(3):100-110.
2. Cole P. Snow and moss. Snow Sci. 2003;4:1-9.
3. Dunn R, Eade S. Why rivers bend. Geo Lett. 1999;7:100-110.
4. Fenn Q. Winter. Ice. 2001;2:3-4.
"""

PLAIN_AUTHOR_YEAR = """\
Glaciers and Their Moss

Einleitung

Moss grows on glaciers (Müller 2010; Abel et al., 2012). Clarke et al. (2017) disagree.

Methods

We walked (see Müller 2010, p. 4) and counted (Nobody 1999).

Literatur

Abel K, Brun T, Cole P. Moss on north faces. J Moss. 2012;1:1-2.
Clarke GM, Rockett K, Kivinen K. Snow on moss. Snow Sci. 2017;4:7-8.
Müller H. Glaciers. Ice. 2010;7:13-14.
"""

PDF_TEXT = """\
Journal of Invented Studies
Moss on North Faces
A. Abel and B. Brun
1. Introduction
Moss grows on north faces [1] and is thought to bend to-
wards rivers [2, 3]. This has been studied for a long
time by many people in many countries around the world.
It is not known why.
Journal of Invented Studies
2
Snow covers the moss in winter [4], and the moss grows
again in spring when the snow has melted away from it.
2. Methods
We counted moss on forty walls in three towns over the
course of two years and report the counts here [1].
Journal of Invented Studies
3
References
[1] A. Abel, “Growth of moss on north faces,” Journal of
Moss Research, vol. 12, no. 3, pp. 100–110, 2004.
[2] P. Cole, “Snow and moss,” Snow Science, vol. 4, pp.
1–9, 2003.
[3] R. Dunn and S. Eade, “Why rivers bend,” Geo Letters,
vol. 7, pp. 100–110, 1999.
[4] Q. Fenn, “Winter,” Ice, vol. 2, pp. 3–4, 2001.
"""


def test_markdown_article() -> None:
    doc = read_text(MARKDOWN, form="markdown", source="moss.md")
    assert doc.authors == ["Kim Abel", "Tom van Brun", "Ida Cole"]
    assert (doc.title, doc.form, doc.source) == (
        "Moss on North Faces: a Survey",
        "markdown",
        "moss.md",
    )
    body = [p for p in doc.paragraphs if p.kind == "body"]
    assert body[0].text.startswith("Moss grows on *north* faces^1^ and")  # kept as printed
    assert body[0].section == "Introduction"
    assert [(m.text, m.targets) for m in body[0].markers] == [("^1^", [0]), ("^2,3^", [1, 2])]
    assert [(m.text, m.targets) for m in body[1].markers] == [("^4^", [3])]
    caption = next(p for p in doc.paragraphs if p.kind == "caption")
    assert caption.text.startswith("Figure 1.") and caption.markers[0].targets == [1]
    assert [r.number for r in doc.references] == [1, 2, 3, 4]
    assert doc.references[0].title == "Growth of moss on north faces"
    assert not any("References" in p.text for p in doc.paragraphs)


def test_plain_text_author_year_with_a_german_reference_heading() -> None:
    doc = read_text(PLAIN_AUTHOR_YEAR, form="text")
    assert doc.title == "Glaciers and Their Moss"
    assert len(doc.references) == 3
    first, second = doc.paragraphs
    assert first.section == "Einleitung" and second.section == "Methods"
    assert [(m.text, m.targets) for m in first.markers] == [
        ("Müller 2010", [2]),
        ("Abel et al., 2012", [0]),
        ("Clarke et al. (2017)", [1]),
    ]
    assert [(m.targets, m.unresolved) for m in second.markers] == [
        ([2], []),
        ([], ["Nobody 1999"]),
    ]


def test_pdf_text_lines_joined_and_page_furniture_dropped() -> None:
    doc = read_text(PDF_TEXT, form="pdf")
    assert doc.form == "pdf"
    texts = [p.text for p in doc.paragraphs]
    assert doc.title == "Moss on North Faces"  # the running head went with the furniture
    assert doc.authors == ["A. Abel", "B. Brun"]
    assert texts[0].startswith(
        "Moss grows on north faces [1] and is thought to bend towards rivers [2, 3]. This"
    )
    assert texts[1].startswith("Snow covers the moss in winter [4], and")
    assert not any("Journal of Invented Studies" in t for t in texts)
    assert [p.section for p in doc.paragraphs][-1] == "2. Methods"
    assert [r.number for r in doc.references] == [1, 2, 3, 4]
    assert doc.references[1].printed == (
        "[2] P. Cole, “Snow and moss,” Snow Science, vol. 4, pp. 1–9, 2003."
    )
    linked = [t for p in doc.paragraphs for m in p.markers for t in m.targets]
    assert linked == [0, 1, 2, 3, 0]


def test_a_trailing_numbered_list_without_a_heading_is_the_reference_list() -> None:
    text = (
        "Moss\n\nMoss grows [1] and bends [2].\n\n"
        "1. Abel K. Moss. J Moss. 2001;1:1-2.\n"
        "2. Brun T. Bends. Geo. 2002;2:3-4.\n"
        "3. Cole P. Snow. Snow Sci. 2003;3:5-6.\n"
    )
    doc = read_text(text, form="text")
    assert len(doc.references) == 3
    assert [m.targets for m in doc.paragraphs[0].markers] == [[0], [1]]


def test_no_reference_list_is_a_warning_not_an_error() -> None:
    doc = read_text("Moss\n\nMoss grows [1].\n", form="text")
    assert doc.references == []
    assert doc.warnings == ["no reference list was found"]
    assert doc.paragraphs[0].markers[0].unresolved == ["1"]


def test_an_unknown_form_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown text form"):
        read_text("x", form="docx")


def test_hostile_text_reads_without_blowing_up() -> None:
    """Long runs that a backtracking pattern would choke on, and a huge reference list."""
    hostile = (
        "Moss\n\n"
        + "(" * 50_000
        + " [1, 2, 3, 4, 5, 6, 7, 8, 9, 10" * 5_000
        + " Smith et al. Smith et al." * 5_000
        + "\n\nReferences\n\n"
        + "".join(f"{i}. Abel K. Moss {i}. J Moss. 2001;1:1-2.\n" for i in range(1, 3000))
    )
    doc = read_text(hostile, form="text")
    assert len(doc.references) == 2000
    assert doc.warnings and "only the first 2000" in doc.warnings[0]


CORPUS = Path(__file__).resolve().parents[3].parent / "shared" / "corpus"


@pytest.mark.skipif(not (CORPUS / "articles").is_dir(), reason="the shared corpus is absent")
@pytest.mark.parametrize(("name", "form"), [("article.txt", "text"), ("article.md", "markdown")])
def test_corpus_references_found_and_markers_linked(name: str, form: str) -> None:
    """Over the corpus: nearly every reference found, its markers linked to the right item."""
    from bench.ingest_text_eval import evaluate, load_scorer

    scorer = load_scorer(CORPUS)
    found = gold_refs = tp_p = n_p = tp_g = n_g = 0
    for folder in sorted((CORPUS / "articles").iterdir()):
        gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
        gold_text = (folder / "article.txt").read_text(encoding="utf-8")
        row = evaluate(folder / name, form, gold, gold_text, scorer)
        found += row["refs_found"]
        gold_refs += row["refs_gold"]
        a, b, c, d = row["link"]
        tp_p, n_p, tp_g, n_g = tp_p + a, n_p + b, tp_g + c, n_g + d
        for p in row["doc"].paragraphs:
            for ref in row["doc"].references:
                assert all(f in ref.printed for f in (ref.title, ref.container, ref.year))
            for m in p.markers:
                assert p.text[m.start : m.end] == m.text
    precision, recall = tp_p / n_p, tp_g / n_g
    assert found / gold_refs >= 0.95
    assert 2 * precision * recall / (precision + recall) >= 0.90


def test_a_markdown_paragraph_set_as_a_heading_is_a_paragraph() -> None:
    long_heading = "## Moss grows " + "on old walls and " * 12 + "elsewhere [1]."
    doc = read_text(
        f"# Moss\n\n{long_heading}\n\n## References\n\n1. Abel K. Moss. 2001.\n", form="markdown"
    )
    (paragraph,) = doc.paragraphs
    assert paragraph.text.startswith("Moss grows on old walls")
    assert paragraph.markers[0].targets == [0]


def test_a_heading_that_cites_is_also_a_paragraph() -> None:
    text = (
        "# Moss\n\n## Methods\n\nWe measured moss (Brun 2002).\n\n"
        "## Data analysis in Abel et al. (2001)\n\nWe redid it.\n\n## Study 2\n\nMore.\n\n"
        "## References\n\nAbel K, Lee J, Moss P (2001) Moss. J Moss 1: 1-2.\n"
        "Brun T (2002) Walls. Geo 2: 3-4.\n"
    )
    doc = read_text(text, form="markdown")
    assert [(p.section, p.text) for p in doc.paragraphs] == [
        ("Methods", "We measured moss (Brun 2002)."),
        ("Methods", "Data analysis in Abel et al. (2001)"),
        ("Data analysis in Abel et al. (2001)", "We redid it."),
        ("Study 2", "More."),
    ]
    assert doc.paragraphs[1].markers[0].targets == [0]


def test_a_short_line_that_cites_is_a_paragraph_not_a_heading() -> None:
    text = (
        "Moss\n\nMethods\n\nWalls were chosen as before [1]\n\nResults\n\nMoss grew.\n\n"
        "References\n\n1. Abel K. Moss. J Moss. 2001;1:1-2.\n2. Brun T. Walls. Geo. 2002;2:3-4.\n"
    )
    doc = read_text(text, form="text")
    assert [(p.section, p.text) for p in doc.paragraphs] == [
        ("Methods", "Walls were chosen as before [1]"),
        ("Results", "Moss grew."),
    ]
    assert doc.paragraphs[0].markers[0].targets == [0]


def test_hard_wrapped_plain_text_is_read_as_paragraphs() -> None:
    sentence = "Moss grows on the north faces of old walls in towns and villages"
    body = "\n".join(
        line
        for i in range(10)
        for line in (f"{sentence} [1] and", f"{sentence} {i}, as was seen [2] in the")
    )
    text = f"Moss\n\nIntroduction\n\n{body} spring.\n\nReferences\n\n"
    text += "1. Abel K. Moss. J Moss. 2001;1:1-2.\n2. Brun T. Walls. Geo. 2002;2:3-4.\n"
    doc = read_text(text, form="text")
    (paragraph,) = doc.paragraphs
    assert paragraph.section == "Introduction"
    assert paragraph.text.startswith(f"{sentence} [1] and {sentence} 0, as")
    assert paragraph.text.endswith("in the spring.")
    assert [m.targets for m in paragraph.markers] == [[0], [1]] * 10


def test_a_markdown_list_numbered_lazily_is_numbered_by_position() -> None:
    text = (
        "# Moss\n\nMoss grows [1] and bends [2, 3].\n\n## References\n\n"
        "1. Abel K, Lee J. Moss on old walls. J Moss. 2001;1:1-2.\n"
        "1. Brun T, Lee J. Walls with moss. Geo. 2002;2:3-4.\n"
        "1. Cole M, Lee J. Rain on moss. Wet. 2003;3:5-6.\n"
    )
    doc = read_text(text, form="markdown")
    assert [(r.number, r.authors[0][0]) for r in doc.references] == [
        (1, "Abel"),
        (2, "Brun"),
        (3, "Cole"),
    ]
    assert [m.targets for m in doc.paragraphs[0].markers] == [[0], [1, 2]]
