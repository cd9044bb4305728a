"""GROBID TEI -> Document."""

from __future__ import annotations

from peertui.core.ingest.tei import read_tei
from tests.core.ingest.samples import TEI


def test_tei_markers_references_and_raw_strings() -> None:
    doc = read_tei(TEI.encode(), "g.tei.xml")
    assert (doc.title, doc.authors, doc.form) == ("Graphs of papers", ["Ada Byron"], "tei")
    intro = next(p for p in doc.paragraphs if p.section == "Introduction")
    linked, lost = intro.markers
    assert (linked.text, linked.targets) == ("(Ling et al., 2015)", [0])
    assert (lost.targets, lost.unresolved) == ([], ["(Nobody, 1999)"])
    ref = doc.references[0]
    assert ref.printed.startswith("Xiao Ling, Sameer Singh, and Daniel S. Weld. 2015.")
    assert (ref.id, ref.year, ref.title, ref.container, ref.volume) == (
        "b0",
        "2015",
        "Design challenges for entity linking",
        "TACL",
        "3",
    )
    assert ref.number is None  # author-year markers
    assert ref.pages == "315-328"  # GROBID gives from/to; the pages are taken as printed
    assert doc.paragraphs[0].section == "Abstract"


def test_a_marker_grobid_left_unlinked_is_linked_by_its_words() -> None:
    tei = TEI.replace(
        "Others disagree",
        'As said <ref type="bibr">(Ling et al., 2015)</ref>, others disagree',
    )
    doc = read_tei(tei.encode(), "g.tei.xml")
    intro = next(p for p in doc.paragraphs if p.section == "Introduction")
    by_text = intro.markers[1]
    assert (by_text.text, by_text.targets, by_text.unresolved) == ("(Ling et al., 2015)", [0], [])
    assert intro.markers[2].unresolved == ["(Nobody, 1999)"]  # no such item: still unresolved
