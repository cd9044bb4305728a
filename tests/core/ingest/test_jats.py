"""JATS -> Document: markers from <xref>, ranges widened, references from their structure."""

from __future__ import annotations

import pytest

from peertui.core.errors import UnusableInput
from peertui.core.ingest.jats import read_jats
from tests.core.ingest.samples import JATS


@pytest.fixture(scope="module")
def doc():
    return read_jats(JATS.encode(), "sample.xml")


def _markers(doc, section):
    return [
        (m.text, m.targets, m.unresolved)
        for p in doc.paragraphs
        if p.section == section
        for m in p.markers
    ]


def test_front_matter_title_authors_and_named_entities(doc) -> None:
    assert doc.title == "Walking groups and – mood"  # &ndash; without the DTD
    assert doc.authors == ["Kari Ørsted", "The Walking Consortium"]
    assert doc.form == "jats"


def test_markers_link_by_rid_and_ranges_widen(doc) -> None:
    found = _markers(doc, "Introduction")
    assert ("1", [0], []) in found
    assert ("2", [1, 2], []) in found  # [2]–[4]: the item between joins the first marker
    assert ("1–3", [0, 1, 2], []) in found  # one xref printing a range
    assert ("3", [2], []) in found  # <sup><xref>3</xref></sup>
    assert ("9", [], ["9 (→ r99)"]) in found  # a rid with no <ref>: kept, not guessed


def test_superscript_markers_are_written_as_markdown_superscript(doc) -> None:
    weekly = next(p for p in doc.paragraphs if "weekly" in p.text)
    marker = weekly.markers[0]
    assert weekly.text.startswith("Groups met weekly^3^.")
    assert weekly.text[marker.start : marker.end] == "3"


def test_captions_kept_and_table_cells_left_out(doc) -> None:
    captions = [p.text for p in doc.paragraphs if p.kind == "caption"]
    assert "Figure 1 Mood over time. Scores as in [2]." in captions
    assert "Table 1 Baseline." in captions
    assert not any("Cell cites" in p.text for p in doc.paragraphs)
    # the figure inside the paragraph is not part of the paragraph's text
    assert any(
        p.text == "Mood rose by 3.5 points in 64 of 218 participants." for p in doc.paragraphs
    )


def test_mixed_citation_printed_verbatim_with_grounded_fields(doc) -> None:
    ref = doc.references[0]
    assert ref.printed == (
        "Smith J, Lee K (2012) Walking and mood. J Walk 3: 10–19. doi:10.1000/jw.2012.3"
    )
    assert (ref.number, ref.authors, ref.year, ref.title) == (
        1,
        [("Smith", "J"), ("Lee", "K")],
        "2012",
        "Walking and mood",
    )
    assert (ref.container, ref.volume, ref.pages, ref.doi) == (
        "J Walk",
        "3",
        "10–19",
        "10.1000/jw.2012.3",
    )
    for value in (ref.title, ref.container, ref.volume, ref.pages, ref.doi):
        assert value in ref.printed


def test_element_citation_printed_is_assembled_in_order(doc) -> None:
    ref = doc.references[1]
    assert ref.printed == "Smith J. More walking. Gait. 2012;7(2):1–9."
    assert (ref.issue, ref.pmid) == ("2", "123456")
    book = doc.references[2]
    assert (book.entry_type, book.title, book.publisher) == ("book", "On Foot", "Acme & Sons")


def test_unlabelled_numeric_lists_are_numbered_in_order() -> None:
    xml = JATS.replace("<label>1</label>", "").replace("<label>2</label>", "")
    xml = xml.replace("<label>3</label>", "").replace("<label>4</label>", "")
    doc = read_jats(xml.encode(), "x.xml")
    assert [r.number for r in doc.references] == [1, 2, 3, 4]


def test_author_year_lists_get_no_numbers() -> None:
    xml = """<article><body>
    <p>As shown (<xref ref-type="bibr" rid="a">Smith et al., 2012</xref>).</p></body>
    <back><ref-list><ref id="a"><mixed-citation>Smith J (2012) T. J 1: 2.</mixed-citation>
    </ref></ref-list></back></article>"""
    doc = read_jats(xml.encode(), "x.xml")
    assert doc.references[0].number is None
    assert doc.paragraphs[0].markers[0].targets == [0]


def test_not_an_article_root_is_refused() -> None:
    with pytest.raises(UnusableInput, match="not a JATS <article>"):
        read_jats(b"<book><p>x</p></book>", "b.xml")


def test_a_mixed_citation_without_markup_is_parsed_from_its_text(doc) -> None:
    ref = doc.references[3]
    assert ref.printed == "World Walking Board. Annual report 100% {draft}; 2019."
    assert ref.year == "2019"
    for value in (ref.year, ref.title, ref.container, *(f for f, _ in ref.authors)):
        assert value in ref.printed


def test_publisher_variants_of_markers_and_floats() -> None:
    xml = """<article><body><sec><title>Intro</title>
    <p>Raised inside<xref ref-type="bibr" rid="a"><sup>1</sup></xref>, a list
    [<xref ref-type="bibr" rid="a b">1,2</xref>] and a range
    <sup><xref ref-type="bibr" rid="a">1</xref>&#x2013;<xref
    ref-type="bibr" rid="c">3</xref></sup>.</p>
    </sec></body>
    <back><ref-list>
    <ref id="a"><label>1.</label><mixed-citation>A. One. J 1: 1.</mixed-citation></ref>
    <ref id="b"><label>[2]</label><mixed-citation>B. Two. J 2: 2.</mixed-citation></ref>
    <ref id="c"><label>3</label><mixed-citation>C. Three. J 3: 3.</mixed-citation></ref>
    </ref-list></back>
    <floats-group><fig id="f"><label>Figure 1</label><caption><p>As in
    <xref ref-type="bibr" rid="c">3</xref>.</p></caption></fig></floats-group></article>"""
    doc = read_jats(xml.encode(), "v.xml")
    body, caption = doc.paragraphs
    assert body.text == ("Raised inside^1^, a list [1,2] and a range ^1–3^.")
    assert [(m.text, m.targets) for m in body.markers] == [
        ("1", [0]),
        ("1,2", [0, 1]),
        ("1", [0, 1]),
        ("3", [2]),
    ]
    assert [r.number for r in doc.references] == [1, 2, 3]
    assert (caption.kind, caption.markers[0].targets) == ("caption", [2])


def test_lists_anywhere_formulas_once_and_no_sub_article_references() -> None:
    xml = """<article xmlns:mml="http://www.w3.org/1998/Math/MathML"><body>
    <p>Here <inline-formula><alternatives><mml:math><mml:mi>x</mml:mi></mml:math>
    <tex-math>x_{tex}</tex-math><inline-graphic/></alternatives></inline-formula> rose
    <inline-formula><mml:math><mml:mi>y</mml:mi><mml:annotation>y_{tex}</mml:annotation>
    </mml:math></inline-formula> [<xref ref-type="bibr" rid="a">1</xref>].</p>
    <sec><title>References</title><ref-list>
    <ref id="a"><label>1</label><mixed-citation>A. One. J 1: 1.</mixed-citation></ref>
    </ref-list></sec></body>
    <sub-article><back><ref-list><ref id="z"><mixed-citation>Z. Review. J 9: 9.</mixed-citation>
    </ref></ref-list></back></sub-article></article>"""
    doc = read_jats(xml.encode(), "m.xml")
    assert doc.paragraphs[0].text == "Here x rose y [1]."
    assert [r.printed for r in doc.references] == ["A. One. J 1: 1."]
    assert doc.paragraphs[0].markers[0].targets == [0]


def test_an_empty_xref_still_cites() -> None:
    xml = """<article><body><p>Walking helps<xref ref-type="bibr" rid="a"/>. It is cheap.</p>
    </body><back><ref-list><ref id="a"><mixed-citation>A. One. J 1: 1.</mixed-citation></ref>
    </ref-list></back></article>"""
    doc = read_jats(xml.encode(), "e.xml")
    marker = doc.paragraphs[0].markers[0]
    assert (marker.start, marker.end, marker.targets) == (13, 13, [0])


def test_a_doi_given_only_as_a_link_is_the_doi() -> None:
    xml = """<article xmlns:xlink="http://www.w3.org/1999/xlink"><body><p>Moss [1].</p></body>
    <back><ref-list><ref id="a"><label>1</label><element-citation publication-type="journal">
    <person-group><name><surname>Abel</surname><given-names>K</given-names></name></person-group>
    <article-title>Moss</article-title><source>J Moss</source><year>2011</year>
    <comment><ext-link xlink:href="http://dx.doi.org/10.1000/jm.11">doi:10.1000/jm.11</ext-link>
    </comment></element-citation></ref>
    <ref id="b"><label>2</label><element-citation publication-type="webpage">
    <collab>Moss Board</collab><source>Moss pages</source>
    <comment><uri xlink:href="http://moss.example/10.5/a">http://moss.example/10.5/a</uri></comment></element-citation></ref></ref-list></back></article>"""
    doc = read_jats(xml.encode(), "d.xml")
    assert doc.references[0].doi == "10.1000/jm.11"
    assert "doi:10.1000/jm.11" in doc.references[0].printed
    assert doc.references[1].doi == ""


def test_editors_stand_in_front_when_no_author_is_given() -> None:
    xml = """<article><body><p>Moss [1].</p></body><back><ref-list>
    <ref id="a"><label>1</label><element-citation publication-type="book">
    <person-group person-group-type="editor"><name><surname>Abel</surname>
    <given-names>K</given-names></name></person-group><source>Moss</source>
    <publisher-name>Moss Press</publisher-name><year>2001</year></element-citation></ref>
    <ref id="b"><label>2</label><element-citation publication-type="book">
    <collab>Moss Board</collab><person-group person-group-type="editor"><name>
    <surname>Brun</surname></name></person-group><source>Moss II</source><year>2002</year>
    </element-citation></ref></ref-list></back></article>"""
    doc = read_jats(xml.encode(), "e.xml")
    assert doc.references[0].authors == [("Abel", "K")]
    assert doc.references[0].printed.startswith("Abel K. Moss.")
    assert doc.references[1].authors == [("Moss Board", "")]
