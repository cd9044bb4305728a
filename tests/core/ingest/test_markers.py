"""Citation markers: the style is decided first, then each marker is found and linked."""

from __future__ import annotations

from peertui.core.ingest.markers import (
    AUTHOR_YEAR,
    BRACKETS,
    FLAT,
    PARENTHESES,
    SUPERSCRIPT,
    detect_style,
    link_markers,
)
from peertui.core.ingest.model import Paragraph, PrintedRef
from peertui.core.ingest.refparse import parse_reference


def _numbered(n: int) -> list[PrintedRef]:
    return [
        parse_reference(f"{i}. Abel{i} K. Moss {i}. J Moss. 2001;{i}:1-2.") for i in range(1, n + 1)
    ]


def _link(texts: list[str], refs: list[PrintedRef]) -> tuple[str, list[Paragraph]]:
    paragraphs = [Paragraph(t) for t in texts]
    style = link_markers(paragraphs, refs)
    for p in paragraphs:
        for m in p.markers:
            assert p.text[m.start : m.end] == m.text  # spans are verbatim
    return style, paragraphs


def _found(paragraph: Paragraph) -> list[tuple[str, list[int], list[str]]]:
    return [(m.text, m.targets, m.unresolved) for m in paragraph.markers]


def test_brackets_lists_ranges_and_joined_ranges() -> None:
    style, (p,) = _link(
        ["Moss grows [3, 7] and bends [3‐5]; rivers too [2]–[4], and snow [9] in [0, 1]."],
        _numbered(8),
    )
    assert style == BRACKETS
    assert _found(p) == [
        ("[3, 7]", [2, 6], []),
        ("[3‐5]", [2, 3, 4], []),
        ("[2]–[4]", [1, 2, 3], []),
        ("[9]", [], ["9"]),
    ]


def test_numeric_parentheses_are_citations_only_in_an_article_that_cites_so() -> None:
    texts = [
        "Moss grows north (1, 2) and bends (1–3).",
        "Snow fell (4) over the hills (2) in 40 sites (n = 12) (95% CI 1.2–3.4).",
        "As Table (2) shows, rivers bend (5).",
    ]
    style, (a, b, c) = _link(texts, _numbered(6))
    assert style == PARENTHESES
    assert _found(a) == [("(1, 2)", [0, 1], []), ("(1–3)", [0, 1, 2], [])]
    assert _found(b) == [("(4)", [3], []), ("(2)", [1], [])]
    assert _found(c) == [("(5)", [4], [])]


def test_parentheses_in_a_bracket_citing_article_are_not_markers() -> None:
    style, (p,) = _link(["Moss grows [1] in two groups (1, 2) of rivers [2]."], _numbered(3))
    assert style == BRACKETS
    assert [m.text for m in p.markers] == ["[1]", "[2]"]


def test_markdown_superscripts_and_math_that_is_not_a_citation() -> None:
    texts = [
        "Moss grows north^1,2^ and bends^3–5^. Snow<sup>6</sup> falls.",
        "The test gave χ<sup>2</sup> = 4.1 at 3 kg/m<sup>2</sup> with <sup>125</sup>I.",
    ]
    style, (a, b) = _link(texts, _numbered(6))
    assert style == SUPERSCRIPT
    assert _found(a) == [
        ("^1,2^", [0, 1], []),
        ("^3–5^", [2, 3, 4], []),
        ("<sup>6</sup>", [5], []),
    ]
    assert b.markers == []


def test_a_superscript_after_a_two_letter_word_cites() -> None:
    texts = ["Snow slows it^1,3-5^, as shown by us^2^.", "Each gave ηp^2^ = 0.4 in 3 cm^2^."]
    style, (a, b) = _link(texts, _numbered(6))
    assert style == SUPERSCRIPT
    assert _found(a) == [("^1,3-5^", [0, 2, 3, 4], []), ("^2^", [1], [])]
    assert b.markers == []


def test_a_number_named_as_a_reference_in_the_text() -> None:
    texts = [
        "Moss grows [1]. Ref. 2 shows it, refs 3 and 4 extend it (see reference 5).",
        "Ref. 9 is not in the list, and ref. 2.1 is a section.",
    ]
    style, (a, b) = _link(texts, _numbered(6))
    assert style == BRACKETS
    assert _found(a) == [("[1]", [0], []), ("2", [1], []), ("3 and 4", [2, 3], []), ("5", [4], [])]
    assert b.markers == []


def test_flattened_superscripts_are_read_conservatively() -> None:
    texts = [
        "Moss is sold for cigarettes 1. Some products 3,4 and others contain snow 2, 5.",
        "In 28 food products, 10 products (36%) had moss at 2.5 mg/day in 2018.",
        "Moss was extracted with CO 2 or water as described by Abel et al. 6, then dried.",
    ]
    style, (a, b, c) = _link(texts, _numbered(30))
    assert style == FLAT
    assert _found(a) == [("1", [0], []), ("3,4", [2, 3], []), ("2, 5", [1, 4], [])]
    assert b.markers == []
    assert _found(c) == [("6", [5], [])]


def test_a_flattened_superscript_with_its_punctuation_one_space_off() -> None:
    # Text drawn from XML that breaks lines around <sup>: "muscle 15 , and", "secretion 16 ."
    texts = [
        "Moss grows in the shade 3,4 , in the rain 5 , and on walls 6 . It is green.",
        "Moss grew at 12 , 14 and 16 sites in 2018 , in table 3 .",
    ]
    style, (a, b) = _link(texts, _numbered(30))
    assert style == FLAT
    assert _found(a) == [("3,4", [2, 3], []), ("5", [4], []), ("6", [5], [])]
    assert b.markers == []


def test_a_flattened_superscript_after_a_parenthesis() -> None:
    texts = [
        "Moss was green (r = 0.83)16, and wet (Figure 1) 20 . It grew (P < 0.01)3.",
        "Of the walls (n = 24) 12 were wet and (Table 2) 3.5 cm of moss grew.",
    ]
    style, (a, b) = _link(texts, _numbered(30))
    assert style == FLAT
    assert _found(a) == [("16", [15], []), ("20", [19], []), ("3", [2], [])]
    assert b.markers == []


def test_a_flattened_superscript_before_a_verb_that_goes_on() -> None:
    texts = ["The findings of Abel 6 reporting moss and of Brun 7 showing it were kept."]
    texts.append("Moss grew in group 2 using rain and at week 6 showing growth.")
    style, (a, b) = _link(texts, _numbered(30))
    assert style == FLAT
    assert _found(a) == [("6", [5], []), ("7", [6], [])]
    assert b.markers == []


def _author_year_refs() -> list[PrintedRef]:
    printed = [
        "Abel K, Brun T, Cole P (2012) Moss on north faces. J Moss 1: 1–2.",
        "Lee J, Park S (2019a) Rivers that bend. Geo 2: 3–4.",
        "Lee J, Park S (2019b) Rivers that bend again. Geo 3: 5–6.",
        "Clarke GM, Rockett K, Kivinen K (2017) Snow. Snow Sci 4: 7–8.",
        "Smith A, Jones B (2001) One. Geo 5: 9–10.",
        "Smith A, Jones B (2003) Two. Geo 6: 11–12.",
        "Müller H (2010) Glaciers. Ice 7: 13–14.",
        "van den Akker M, Buntinx F, Roos S (1998) Multimoss. Moss 8: 15–16.",
        "World Moss Organization (2010) Report on moss. Geneva: WMO.",
        "Dunn R (2005) First. Geo 9: 1–2.",
        "Dunn R (2005) Second. Geo 10: 3–4.",
        "Rockett KA, Clarke GM, Moss Genomics Network (2014) Loci. Nat Moss 11: 5–6.",
    ]
    return [parse_reference(p) for p in printed]


def test_author_year_parenthetical_and_narrative_forms() -> None:
    refs = _author_year_refs()
    texts = [
        "Moss grows (Abel et al., 2012; Lee & Park 2019a), as shown (Abel et al. 2012, p. 4).",
        "Earlier, Clarke et al. (2017) and Smith and Jones (2001, 2003) saw it (see Müller 2010).",
        "Ice (van den Akker et al. 1998; World Moss Organization, 2010; Lee and Park, 2019b).",
        "Genes matter (Moss Genomics Network et al., 2014).",
    ]
    style, (a, b, c, d) = _link(texts, refs)
    assert style == AUTHOR_YEAR
    assert _found(a) == [
        ("Abel et al., 2012", [0], []),
        ("Lee & Park 2019a", [1], []),
        ("Abel et al. 2012, p. 4", [0], []),
    ]
    assert _found(b) == [
        ("Clarke et al. (2017)", [3], []),
        ("Smith and Jones (2001, 2003)", [4, 5], []),
        ("Müller 2010", [6], []),
    ]
    assert [m.targets for m in c.markers] == [[7], [8], [2]]
    assert _found(d) == [("Moss Genomics Network et al., 2014", [11], [])]


def test_author_year_unresolved_and_ambiguous_are_kept_not_guessed() -> None:
    refs = _author_year_refs()
    style, (p,) = _link(
        ["Moss (Nobody 1999; Dunn 2005) and snow (Abel et al., 2012) fell in (March 2012)."],
        refs,
    )
    assert style == AUTHOR_YEAR
    assert _found(p) == [
        ("Nobody 1999", [], ["Nobody 1999"]),
        ("Dunn 2005", [], ["Dunn 2005"]),
        ("Abel et al., 2012", [0], []),
    ]


def test_an_abbreviation_touching_the_first_name_is_not_part_of_it() -> None:
    # Text drawn from XML often loses the space between "e.g.," and the first citation.
    refs = _author_year_refs()
    style, (p,) = _link(["Moss (e.g.,Abel et al., 2012;Lee & Park 2019a; cf.Müller 2010)."], refs)
    assert style == AUTHOR_YEAR
    assert [(m.text, m.targets) for m in p.markers] == [
        ("Abel et al., 2012", [0]),
        ("Lee & Park 2019a", [1]),
        ("Müller 2010", [6]),
    ]


def test_a_group_cited_by_its_abbreviation() -> None:
    refs = _author_year_refs()
    _, (p,) = _link(
        ["Ice (WMO, 2010) and snow (World Moss Organization [WMO], 2010) but not (DNA, 2010)."],
        refs,
    )
    assert [(m.text, m.targets) for m in p.markers] == [
        ("WMO, 2010", [8]),
        ("World Moss Organization [WMO], 2010", [8]),
        ("DNA, 2010", []),
    ]


def test_year_letters_order_same_author_items_without_letters() -> None:
    refs = _author_year_refs()
    _, (p,) = _link(["Rivers (Dunn 2005a, b) and (Abel et al. 2012)."], refs)
    assert p.markers[0].targets == [9, 10]


def test_style_detection_needs_the_reference_list() -> None:
    texts = ["Snow [1] fell [2] and [3]."]
    assert detect_style(texts, _numbered(3)) == BRACKETS
    assert detect_style(["Moss (Abel et al., 2012) and (Lee 2019)."], _author_year_refs()) == (
        AUTHOR_YEAR
    )


def test_a_numbered_list_cited_by_name_and_year() -> None:
    refs = [
        parse_reference(f"{i}. {name} K ({year}) Moss {i}. J Moss {i}: 1-2.")
        for i, (name, year) in enumerate(
            [("Abel", 2001), ("Brun", 2002), ("Cole", 2003), ("Dunn", 2004)], start=1
        )
    ]
    texts = ["Moss grows (Abel 2001; Brun 2002). Cole (2003) disagrees (Dunn 2004)."]
    style, (p,) = _link(texts, refs)
    assert style == AUTHOR_YEAR
    assert [m.targets for m in p.markers] == [[0], [1], [2], [3]]
    # A numbered list with flattened numbers and one year in parentheses stays numeric.
    assert detect_style(["Moss grows 1, as Abel (2001) saw 2."], refs) == FLAT


def test_flattened_superscripts_attached_or_after_a_full_stop() -> None:
    texts = [
        "Moss is sold widely1,2 and grows on walls.3 However, snow covers the moss4.",
        "As reported by Abel et al.5 and in smokers,6, moss grows. However, 3 were dry.",
        "Cells were CD4. The exon 5 was cut in chromosome 7. Water is H2O and T4 rose.",
    ]
    style, (a, c, b) = _link(texts, _numbered(30))
    assert style == FLAT
    assert _found(a) == [("1,2", [0, 1], []), ("3", [2], []), ("4", [3], [])]
    assert _found(c) == [("5", [4], []), ("6", [5], [])]
    assert b.markers == []


def test_in_press_and_undated_items_link_by_what_the_list_prints() -> None:
    refs = [
        parse_reference("Abel K, Brun T (in press) Moss on walls. J Moss."),
        parse_reference("Cole P (n.d.) Snow. Available: http://snow.example.org."),
        parse_reference("Dunn R (2005) Rivers. Geo 9: 1–2."),
    ]
    _, (p,) = _link(["Moss (Abel & Brun, in press; Cole, n.d.) and (Dunn 2005)."], refs)
    assert [m.targets for m in p.markers] == [[0], [1], [2]]


def test_narrative_with_colleagues_or_a_possessive() -> None:
    refs = _author_year_refs()
    _, (p,) = _link(
        ["As Clarke and colleagues (2017) and Müller's (2010) maps show, moss grows."], refs
    )
    assert [m.targets for m in p.markers] == [[3], [6]]


def test_an_unlinked_narrative_marker_must_read_as_persons() -> None:
    refs = _author_year_refs()
    _, (p,) = _link(
        ["The Global Burden of Disease Study (2010) and Nobody (2011) and Abel et al. (2012)."],
        refs,
    )
    assert [(m.text, m.targets, m.unresolved) for m in p.markers] == [
        ("Nobody (2011)", [], ["Nobody 2011"]),
        ("Abel et al. (2012)", [0], []),
    ]


def test_a_maker_and_its_place_in_parentheses_is_not_a_citation() -> None:
    refs = _author_year_refs()
    _, (p,) = _link(
        ["Data were analysed (SPSS Inc., Chicago, IL, 2012) as before (Dunn 2005a)."], refs
    )
    assert [m.text for m in p.markers] == ["Dunn 2005a"]


def test_narrative_year_letters_and_a_year_alone_in_parentheses() -> None:
    refs = _author_year_refs()
    _, (p,) = _link(["Dunn (2005a, b) saw moss, and in the summer (2012) it grew."], refs)
    assert [(m.text, m.targets) for m in p.markers] == [("Dunn (2005a, b)", [9, 10])]


def test_author_year_in_brackets_or_a_markdown_link() -> None:
    refs = _author_year_refs()
    _, (p,) = _link(["Moss [Müller 2010] grows [Abel et al., 2012](#bib1) on walls."], refs)
    assert [(m.text, m.targets) for m in p.markers] == [
        ("Müller 2010", [6]),
        ("Abel et al., 2012", [0]),
    ]


def test_flattened_numbers_that_label_enumerate_or_count() -> None:
    texts = [
        "As Studies 2–4 showed, moss grows; Article 16 requires it, 2) it spreads, and at "
        "both 3 and 6 months, of whom 17 had walls, scoring 20 or above. Snow falls 6."
    ]
    style, (p,) = _link(texts, _numbered(30))
    assert style == FLAT
    assert _found(p) == [("6", [5], [])]


def test_markdown_emphasis_in_cited_names() -> None:
    refs = _author_year_refs()
    _, (p,) = _link(["As Clarke *et al.* (2017) saw (Abel *et al.*, 2012), moss grows."], refs)
    assert [m.targets for m in p.markers] == [[3], [0]]


def test_a_word_ending_in_a_label_letter_does_not_hide_a_parenthesis() -> None:
    """ "support (4)", "harm (3)": only the whole word "t" or "n" labels what follows."""
    texts = [
        "Peers gave support (4) and did no harm (3).",
        "Rivers bend (1, 2) where t (5) and n (6) are labels.",
    ]
    style, (a, b) = _link(texts, _numbered(6))
    assert style == PARENTHESES
    assert _found(a) == [("(4)", [3], []), ("(3)", [2], [])]
    assert _found(b) == [("(1, 2)", [0, 1], [])]


def test_a_number_closing_a_short_table_cell_is_not_a_citation() -> None:
    style, (cell, sentence) = _link(
        ["Moss oil 1", "Moss is sold as an oil in many shops today 1"], _numbered(30)
    )
    assert style == FLAT
    assert cell.markers == []
    assert _found(sentence) == [("1", [0], [])]
