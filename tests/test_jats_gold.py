"""The benchmark's gold maker: text, Markdown and gold.json in the shared corpus's format."""

from __future__ import annotations

import json

from bench.bench_ingest import Tally, extra_dir
from bench.jats_gold import make

ARTICLE = """<!DOCTYPE article PUBLIC "-//NLM//DTD JATS (Z39.96) v1.0//EN" "JATS.dtd">
<article><front><article-meta><title-group><article-title>Moss &amp; walls
</article-title></title-group></article-meta></front><body><sec><title>Introduction</title>
<p>Moss grows [<xref ref-type="bibr" rid="r1">1</xref>]. It bends
<xref ref-type="bibr" rid="r2">[2]</xref>&#x2013;<xref ref-type="bibr" rid="r4">[4]</xref>,
as <italic>Abel</italic> saw<sup><xref ref-type="bibr" rid="r1">1</xref></sup>. Lost
[<xref ref-type="bibr" rid="r9">9</xref>].</p>
<fig id="f1"><label>Figure 1</label><caption><title>Moss on a wall.</title></caption></fig>
</sec></body><back><ref-list>
<ref id="r1"><label>1</label><mixed-citation publication-type="journal">
<name><surname>Abel</surname> <given-names>K</given-names></name>.
<article-title>Moss</article-title>. <source>J Moss</source>.
<year>2001</year>;<volume>1</volume>:<fpage>2</fpage>.</mixed-citation></ref>
<ref id="r2"><label>2</label><element-citation publication-type="journal"><person-group>
<name><surname>Brun</surname><given-names>T</given-names></name><collab>Moss Group</collab>
</person-group><article-title>Walls</article-title><source>Geo</source><year>2002</year>
<volume>2</volume><issue>3</issue><fpage>4</fpage><lpage>5</lpage>
<pub-id pub-id-type="doi">10.1000/geo.2</pub-id></element-citation></ref>
<ref id="r3"><label>3</label><element-citation publication-type="book"><person-group>
<name><surname>Cole</surname><given-names>M</given-names></name></person-group>
<source>Moss Book</source><publisher-loc>London</publisher-loc>
<publisher-name>Moss Press</publisher-name><year>2003</year></element-citation></ref>
<ref id="r4"><label>Dunn (2004)</label><mixed-citation><name><surname>Dunn</surname></name>
<name><surname>Evans</surname></name><year>2004</year></mixed-citation></ref>
</ref-list></back></article>"""


def test_text_markdown_and_gold_agree(tmp_path) -> None:
    source = tmp_path / "a" / "article.xml"
    source.parent.mkdir()
    source.write_text(ARTICLE, "utf-8")
    gold = make(source, source.parent)
    text = (source.parent / "article.txt").read_text("utf-8")
    markdown = (source.parent / "article.md").read_text("utf-8")
    assert text.startswith("Moss & walls\n\nIntroduction\n\nMoss grows [1]. It bends [2]–[4], as")
    assert "as Abel saw1. Lost [9]." in text  # flattened where it stands
    assert "as *Abel* saw<sup>1</sup>. Lost" in markdown
    assert markdown.startswith("# Moss & walls\n\n## Introduction\n")
    assert "Figure 1\n\nMoss on a wall." in text
    # Every marker's span is its text; the range widens to the item between; [9] has no item.
    assert [(c["text"], c["rids"], c.get("range_to_next")) for c in gold["citations"]] == [
        ("1", ["r1"], None),
        ("[2]", ["r2"], ["r3"]),
        ("[4]", ["r4"], None),
        ("1", ["r1"], None),
    ]
    assert all(text[c["start"] : c["end"]] == c["text"] for c in gold["citations"])
    assert gold["n_unresolved_markers"] == 1 and gold["citations"][3]["superscript"]
    lines = text.split("References\n\n", 1)[1].splitlines()
    assert lines == [
        "1 Abel K. Moss. J Moss. 2001;1:2.",
        "2 Brun T, Moss Group. Walls. Geo. 2002;2(3):4-5. doi:10.1000/geo.2",
        "3 Cole M. Moss Book. London: Moss Press; 2003.",
        "Dunn, Evans. 2004.",  # structure only: assembled; an author-year label is not printed
    ]
    refs = {r["id"]: r for r in gold["references"]}
    assert refs["r1"]["raw_is_verbatim"] and not refs["r2"]["raw_is_verbatim"]
    assert (refs["r2"]["doi"], refs["r2"]["authors"][1]) == (
        "10.1000/geo.2",
        {"role": "author", "collab": "Moss Group"},
    )
    assert all(text[r["text_start"] : r["text_end"]] == r["raw"] for r in gold["references"])
    assert json.loads((source.parent / "gold.json").read_text("utf-8")) == gold


def test_extra_articles_get_their_gold_made(tmp_path, monkeypatch) -> None:
    folder = tmp_path / "extra" / "one"
    folder.mkdir(parents=True)
    (folder / "article.xml").write_text(ARTICLE, "utf-8")
    monkeypatch.setenv("PEERTUI_EXTRA_ARTICLES", str(tmp_path / "extra"))
    assert extra_dir() == tmp_path / "extra"
    assert {p.name for p in folder.iterdir()} >= {"article.txt", "article.md", "gold.json"}
    monkeypatch.delenv("PEERTUI_EXTRA_ARTICLES")
    assert extra_dir() is None


def test_tally_is_micro_averaged() -> None:
    tally = Tally()
    common = {"references_gold": 4, "references_found": 0.5, "fields": 1.0}
    tally.add({**common, "link_tp": 3, "link_fp": 1, "link_fn": 0})
    tally.add({**common, "fields": 0.5, "link_tp": 1, "link_fp": 0, "link_fn": 3})
    assert (tally.found_share, tally.fields_share) == (0.5, 0.75)
    assert tally.f1 == 2 * 4 / (2 * 4 + 1 + 3)
