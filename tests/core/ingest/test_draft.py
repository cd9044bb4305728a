"""Document -> bundle files: the draft loads, and `verify` finds no error in it."""

from __future__ import annotations

import bibtexparser
import yaml

from peertui.core.analysis.reflist import reference_list_differences
from peertui.core.analysis.verify import verify
from peertui.core.bundle.load import load_bundle
from peertui.core.ingest.bibdraft import reference_keys
from peertui.core.ingest.draft import draft_bundle
from peertui.core.ingest.jats import read_jats
from peertui.core.ingest.model import Document, Marker, Paragraph, PrintedRef
from peertui.core.ingest.write import write_bundle
from tests.core.ingest.samples import JATS


def _bundle(tmp_path, doc):
    draft = draft_bundle(doc)
    files = {
        "article.md": draft.article_md,
        "references.bib": draft.references_bib,
        "claims.yaml": draft.claims_yaml,
    }
    return write_bundle(tmp_path / "draft", files), draft


def test_sample_draft_loads_and_verifies_without_errors(tmp_path) -> None:
    target, draft = _bundle(tmp_path, read_jats(JATS.encode(), "s.xml"))
    corpus = load_bundle(target)
    problems = [p for p in corpus.problems + verify(corpus) if p.severity == "error"]
    assert problems == []
    assert [c.kind for c in corpus.claims] == ["draft"] * len(corpus.claims)
    assert corpus.reference("smith2012").extra["printed"].startswith("Smith J, Lee K (2012)")
    assert corpus.reference("smith2012b").number == 2
    lost = next(c for c in corpus.claims if "[9]" in c.text)
    assert lost.cites == [] and "9 (→ r99)" in lost.notes
    assert draft.summary.unresolved == 1 and draft.summary.linked == 6


def test_claims_quote_sentences_and_list_every_quantity(tmp_path) -> None:
    _, draft = _bundle(tmp_path, read_jats(JATS.encode(), "s.xml"))
    claims = yaml.safe_load(draft.claims_yaml)["claims"]
    by_text = {c["text"]: c for c in claims}
    mood = by_text["Mood rose by 3.5 points in 64 of 218 participants."]
    assert [n["quote"] for n in mood["numbers"]] == ["3.5", "64 of 218 participants"]
    assert by_text["Earlier trials, e.g. the one by Smith et al. in Fig. 2, disagreed [2]–[4]."][
        "cites"
    ] == ["smith2012b", "muller2001", "worldwalkingboard2019"]
    assert "This sentence cites nothing and has no number." not in by_text
    assert [c["id"] for c in claims][:2] == ["C001", "C002"]


def test_bib_escapes_and_reads_back_verbatim(tmp_path) -> None:
    _, draft = _bundle(tmp_path, read_jats(JATS.encode(), "s.xml"))
    library = bibtexparser.parse_string(draft.references_bib)
    keys = [e.key for e in library.entries]
    assert keys == ["smith2012", "smith2012b", "muller2001", "worldwalkingboard2019"]
    corpus = load_bundle(tmp_path / "draft")
    assert corpus.reference("worldwalkingboard2019").extra["printed"] == (
        "World Walking Board. Annual report 100% {draft}; 2019."
    )


def test_keys_are_unique_and_ascii() -> None:
    refs = [
        PrintedRef("a", authors=[("Ørsted", "K")], year="2012"),
        PrintedRef("b", authors=[("Orsted", "L")], year="2012"),
        PrintedRef("c", year="2012", title="The big study"),
        PrintedRef("d"),
        PrintedRef("e", authors=[("Swami", "V")], year="in press"),
    ]
    assert reference_keys(refs) == ["orsted2012", "orsted2012b", "big2012", "ref4", "swamiinpress"]


def test_messy_whitespace_and_markers_move_together(tmp_path) -> None:
    text = "  Walking   helps\n mood [1].\tIt was 12 weeks long.  "
    start = text.index("[1]")
    doc = Document(
        title="T: a title",
        paragraphs=[Paragraph(text, [Marker(start, start + 3, "[1]", [0])], "Intro")],
        references=[PrintedRef("Smith J. Walking. 2012.", number=1, authors=[("Smith", "J")])],
    )
    target, draft = _bundle(tmp_path, doc)
    assert "\nWalking helps mood [1]. It was 12 weeks long.\n" in draft.article_md
    corpus = load_bundle(target)
    assert corpus.article.title == "T: a title"
    assert [c.text for c in corpus.claims] == ["Walking helps mood [1].", "It was 12 weeks long."]
    assert [p for p in verify(corpus) if p.severity == "error"] == []


def test_a_citation_number_printed_twice_is_kept_once() -> None:
    doc = Document(references=[PrintedRef("a", number=1), PrintedRef("b", number=1)])
    draft = draft_bundle(doc)
    assert draft.references_bib.count("citation-number = {1}") == 1
    assert "reference number 1 is printed twice" in draft.summary.look_at


def test_inline_html_becomes_markdown_and_html_blocks_are_left_out(tmp_path) -> None:
    text = "Smokers start young <sup>1</sup>. The <i>rate</i> was 12 weeks."
    start = text.index("1</sup>")
    doc = Document(
        paragraphs=[
            Paragraph(text, [Marker(start, start + 1, "1", [0])], "Intro"),
            Paragraph("<table><tr><td>12</td></tr></table>", [], "Intro"),
        ],
        references=[PrintedRef("Smith J. Walking. 2012.", number=1)],
    )
    target, draft = _bundle(tmp_path, doc)
    assert "Smokers start young ^1^. The rate was 12 weeks." in draft.article_md
    assert "<table>" not in draft.article_md
    corpus = load_bundle(target)
    first = corpus.claims[0]
    assert (first.text, first.cites, first.numbers) == ("Smokers start young ^1^.", ["ref1"], [])
    assert [p for p in verify(corpus) if p.severity == "error"] == []


def test_a_sentence_repeated_in_its_paragraph_is_claimed_where_it_stands(tmp_path) -> None:
    text = "It rose by 5 points. It then fell. It rose by 5 points."
    doc = Document(paragraphs=[Paragraph(text, [], "Results")])
    target, _ = _bundle(tmp_path, doc)
    corpus = load_bundle(target)
    assert [c.text for c in corpus.claims] == [
        "It rose by 5 points.",
        "It then fell. It rose by 5 points.",
    ]
    assert [p for p in verify(corpus) if p.severity == "error"] == []


def test_a_drafts_list_is_not_held_against_its_own_parse(tmp_path) -> None:
    ref = PrintedRef("Smyth J. Walking. 2012.", number=1, authors=[("Smith", "J")], year="2012")
    doc = Document(
        paragraphs=[Paragraph("It helps [1].", [Marker(9, 12, "[1]", [0])], "Intro")],
        references=[ref],
    )
    target, _ = _bundle(tmp_path, doc)
    assert reference_list_differences(load_bundle(target)) == []
    edited = (target / "references.bib").read_text(encoding="utf-8")
    (target / "references.bib").write_text(
        edited.replace("  printed = {Smyth J. Walking. 2012.},\n", "")
    )
    assert [d.article for d in reference_list_differences(load_bundle(target))] == [
        "Smyth J. Walking"
    ]


def test_a_body_section_named_references_does_not_end_the_body(tmp_path) -> None:
    doc = Document(
        paragraphs=[
            Paragraph("It rose by 5 points.", [], "Results"),
            Paragraph("We cite 12 studies here.", [], "References"),
        ]
    )
    target, draft = _bundle(tmp_path, doc)
    assert "## References" not in draft.article_md
    corpus = load_bundle(target)
    assert [c.section for c in corpus.claims] == ["Results", "References"]
    assert [p for p in verify(corpus) if p.severity == "error"] == []
