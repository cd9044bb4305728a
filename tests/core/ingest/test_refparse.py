"""One printed reference → fields, in the common styles; every field is found in it."""

from __future__ import annotations

import pytest

from peertui.core.ingest.model import PrintedRef
from peertui.core.ingest.refparse import parse_reference

#: (printed, expected fields) in made-up references of several styles.
STYLES = [
    (  # Vancouver / NLM with identifiers
        "3. Abel KJ, Brun T, Davey Smith G. Growth of moss on north faces. J Moss Res. "
        "2004;12(3):100-110. doi:10.1000/jmr.2004.012 PMID: 12345678",
        {
            "label": "3.",
            "number": 3,
            "first": ("Abel", "KJ"),
            "year": "2004",
            "title": "Growth of moss on north faces",
            "container": "J Moss Res",
            "volume": "12",
            "issue": "3",
            "pages": "100-110",
            "doi": "10.1000/jmr.2004.012",
            "pmid": "12345678",
        },
    ),
    (  # APA with a year letter and a DOI URL
        "Abel, K. J., & Brun, T. (2019a). Rivers that bend twice. Journal of Water "
        "Studies, 12(3), 45–67. https://doi.org/10.1234/jws.5",
        {
            "first": ("Abel", "K. J."),
            "year": "2019",
            "year_suffix": "a",
            "title": "Rivers that bend twice",
            "container": "Journal of Water Studies",
            "volume": "12",
            "pages": "45–67",
            "doi": "10.1234/jws.5",
        },
    ),
    (  # PLOS: year in parentheses, volume: pages
        "12 van den Abel M, Brun F (1998) Snow on moss: a second look. Nat Moss 4: 1241–1243.",
        {
            "number": 12,
            "first": ("van den Abel", "M"),
            "year": "1998",
            "title": "Snow on moss: a second look",
            "container": "Nat Moss",
            "volume": "4",
            "pages": "1241–1243",
        },
    ),
    (  # IEEE: quoted title, vol./no./pp.
        "[4] E. Abel, R. L. Brun, and M. Cole, “Bending rivers in a box,” Journal of "
        "Invented Hydrology, vol. 33, no. 3, pp. 497–513, 1998.",
        {
            "number": 4,
            "first": ("Abel", "E."),
            "year": "1998",
            "title": "Bending rivers in a box",
            "container": "Journal of Invented Hydrology",
            "volume": "33",
            "issue": "3",
            "pages": "497–513",
        },
    ),
    (  # Nature: abbreviated journal, year at the end
        "Abel, S. E. & Brun, G. Moss under glass. Moss Lett. 10, 1012–1015 (2010).",
        {
            "first": ("Abel", "S. E."),
            "year": "2010",
            "title": "Moss under glass",
            "container": "Moss Lett",
            "volume": "10",
            "pages": "1012–1015",
        },
    ),
    (  # ACL: given names first, year as its own sentence, proceedings
        "Anna Abel, Bert van Brun, and Luke S. Cole. 2017. Learning to bend rivers. "
        "In Proceedings of the Conference on Water.",
        {
            "first": ("Abel", "Anna"),
            "year": "2017",
            "title": "Learning to bend rivers",
            "container": "Proceedings of the Conference on Water",
            "entry_type": "inproceedings",
        },
    ),
    (  # A book with its place and publisher
        "Abel JM. The moss instinct. New York: W.W. Norton; 2011.",
        {
            "first": ("Abel", "JM"),
            "year": "2011",
            "title": "The moss instinct",
            "publisher": "W.W. Norton",
            "entry_type": "book",
        },
    ),
    (  # An organisation as author
        "World Moss Organization. Report on mosses, 2008: the big survey. Geneva: World "
        "Moss Organization; 2008.",
        {
            "first": ("World Moss Organization", ""),
            "year": "2008",
            "title": "Report on mosses, 2008: the big survey",
        },
    ),
    (  # A subtitle sentence before the journal stays in the title
        "Abel R, Brun DC. Structure of moss. VI. Bending of stems. J Am Moss Soc. "
        "1940;62(9):2402–2405.",
        {
            "title": "Structure of moss. VI. Bending of stems",
            "container": "J Am Moss Soc",
            "volume": "62",
            "issue": "9",
        },
    ),
    (  # Harvard with a chapter in an edited book
        "Abel, K. (2007) Snow in the city. In: City Weather: A Handbook. Brun T, editor. "
        "London: Invented Press. pp. 185–190.",
        {
            "year": "2007",
            "title": "Snow in the city",
            "container": "City Weather: A Handbook",
            "entry_type": "incollection",
        },
    ),
]


def _grounded(ref: PrintedRef) -> None:
    for name in ("label", "year", "title", "container", "volume", "issue", "pages"):
        value = getattr(ref, name)
        assert value in ref.printed, (name, value)
    for name in ("publisher", "doi", "pmid", "url", "year_suffix"):
        assert getattr(ref, name) in ref.printed
    for family, given in ref.authors:
        assert family in ref.printed and given in ref.printed


@pytest.mark.parametrize(("printed", "expected"), STYLES, ids=[str(i) for i in range(len(STYLES))])
def test_styles(printed: str, expected: dict) -> None:
    ref = parse_reference(printed)
    _grounded(ref)
    for name, value in expected.items():
        if name == "first":
            assert ref.authors[0] == value
        else:
            assert getattr(ref, name) == value, name


def test_a_year_in_the_title_is_not_the_year() -> None:
    ref = parse_reference(
        "Abel HM, Brun JG. Moss sales: state differences, 2014, Moss Land. "
        "Moss Res. 2016;18(1):10-20."
    )
    assert ref.year == "2016"
    assert ref.volume == "18"


def test_an_author_list_ending_in_et_al() -> None:
    ref = parse_reference(
        "Abel B, Brun P, Cole CS, et al. Conserved features of moss. Dev Moss. 2006;295:278-293."
    )
    assert [f for f, _ in ref.authors] == ["Abel", "Brun", "Cole"]
    assert ref.title == "Conserved features of moss"
    assert ref.container == "Dev Moss"


def test_compact_initials_after_a_comma_and_a_first_author_with_et_al() -> None:
    # MDPI prints "Family, I.I.;" and Nature "Family, I. I. et al." before the title.
    mdpi = parse_reference("Abel, K.J.; Brun, T.A. Moss in cities. J. Moss 2012, 3, 1–9.")
    assert [f for f, _ in mdpi.authors] == ["Abel", "Brun"]
    assert (mdpi.title, mdpi.container, mdpi.year, mdpi.volume) == (
        "Moss in cities",
        "J. Moss",
        "2012",
        "3",
    )
    nature = parse_reference("Abel, K. J. et al. Moss in cities. J. Moss 3, 1–9 (2012).")
    assert [f for f, _ in nature.authors] == ["Abel"]
    assert (nature.title, nature.container) == ("Moss in cities", "J. Moss")
    agency = parse_reference("U.S. General Moss Office. Moss in cities. Washington; 2012.")
    assert agency.authors == [("U.S. General Moss Office", "")]


def test_a_family_name_with_particles_before_comma_and_initials() -> None:
    ref = parse_reference("van de Abel, M., Brun, K. & de Cole, L. A. Moss. J Moss 3, 1–9 (2012).")
    assert [f for f, _ in ref.authors] == ["van de Abel", "Brun", "de Cole"]


def test_a_run_of_names_without_commas_with_hyphens_and_particles() -> None:
    # A mixed citation of bare elements, printed without punctuation between the names.
    ref = parse_reference("Abel KJ Brun-Cole M-C van Dunn FJB Évans K-T 2010 Moss in cities")
    assert ref.authors == [
        ("Abel", "KJ"),
        ("Brun-Cole", "M-C"),
        ("van Dunn", "FJB"),
        ("Évans", "K-T"),
    ]
    assert ref.year == "2010"


def test_a_volume_without_pages_before_a_doi() -> None:
    ref = parse_reference("18 Abel, K. et al. Moss in cities. eMoss 7, doi:10.1000/em.31 (2018).")
    assert (ref.container, ref.volume, ref.pages, ref.year) == ("eMoss", "7", "", "2018")
    assert parse_reference("Abel K. Moss. Report 12. 2018.").volume == ""


def test_an_old_wiley_doi_keeps_its_angle_brackets() -> None:
    ref = parse_reference(
        "Abel K. Moss. Int J Moss. 2000;87:787-793. "
        "doi:10.1002/1097-0215(20000915)87:6<787::AID-IJC4>3.0.CO;2-6"
    )
    assert ref.doi == "10.1002/1097-0215(20000915)87:6<787::AID-IJC4>3.0.CO;2-6"
    assert (ref.volume, ref.pages) == ("87", "787-793")
    assert parse_reference("Abel K. Moss. J Moss. 2000;8:7. doi:10.1000/abc<br>").doi == (
        "10.1000/abc"
    )


def test_an_organisation_named_with_and_is_one_author() -> None:
    org = parse_reference("8 Moss and Lichen Research Network. Moss in cities. London; 2012.")
    assert org.authors == [("Moss and Lichen Research Network", "")]
    people = parse_reference("Abel K and Moss J. Moss in cities. J Moss. 2012;3:1-2.")
    assert people.authors == [("Abel", "K"), ("Moss", "J")]


def test_nothing_is_invented_from_an_item_without_fields() -> None:
    ref = parse_reference("Personal communication.")
    assert (ref.year, ref.doi, ref.volume, ref.pages) == ("", "", "", "")


def test_identifiers_are_not_read_into_other_fields() -> None:
    ref = parse_reference(
        "Abel K, Brun T. Moss. Sci Moss. 2015;5:8126. 25634572 10.1038/smoss08126"
    )
    assert ref.doi == "10.1038/smoss08126"
    assert ref.pmid == "25634572"
    assert ref.pages == "8126"


#: The same made-up article as several publishers print it: (printed, volume, pages).
PUBLISHERS = [
    (
        "Abel, K., Brun, T., and Cole, P. (2012). Moss on old walls. Front. Moss Sci. 12, "
        "34–56. doi: 10.3389/fmoss.2012.00034",
        "Front. Moss Sci",
    ),
    ("Abel, K.; Brun, T.; Cole, P. Moss on old walls. Moss 2012, 12, 34–56.", "Moss"),
    ("K. Abel, T. Brun, P. Cole, Moss on old walls, J. Moss Res. 12 (2012) 34–56.", "J. Moss Res"),
    ("Abel K, Brun T, Cole P. 2012. Moss on old walls. J Moss Res 12:34–56.", "J Moss Res"),
    ("Abel K, Brun T, Cole P (2012) Moss on old walls. J Moss Res 12:34–56", "J Moss Res"),
    ("Abel K, Brun T, Cole P: Moss on old walls. J Moss Res 2012, 12:34-56.", "J Moss Res"),
    (
        "Abel, K., T. Brun, and P. Cole. 2012. Moss on old walls. Journal of Moss Research "
        "12:34–56.",
        "Journal of Moss Research",
    ),
    (
        "Abel K, Brun T, Cole P. Moss on old walls. J Moss Res. 2012 Jan;12(1):34–56. "
        "PubMed PMID: 22334455.",
        "J Moss Res",
    ),
    (
        "Abel K, Brun T, Cole P. 2012 Moss on old walls. Proc. R. Moss B 12, 34–56.",
        "Proc. R. Moss B",
    ),
]


@pytest.mark.parametrize(("printed", "journal"), PUBLISHERS, ids=[str(i) for i in range(9)])
def test_publisher_styles(printed: str, journal: str) -> None:
    ref = parse_reference(printed)
    _grounded(ref)
    assert [f for f, _ in ref.authors] == ["Abel", "Brun", "Cole"]
    assert (ref.year, ref.title, ref.container) == ("2012", "Moss on old walls", journal)
    assert (ref.volume, ref.pages.replace("-", "–")) == ("12", "34–56")


def test_a_book_with_its_place_and_publisher_in_parentheses() -> None:
    ref = parse_reference("Abel, K., and Brun, T. (2009). The Atlas of Moss (Vienna: Springer).")
    assert (ref.title, ref.publisher, ref.year) == ("The Atlas of Moss", "Springer", "2009")


def test_comma_separated_parts_before_a_volume() -> None:
    ref = parse_reference(
        "Abel, S. A., Brun, J., Lipids within moss walls - Implications for snow, Moss "
        "Research, Vol. 150, P. 27 - 48. 2006."
    )
    assert ref.title == "Lipids within moss walls - Implications for snow"
    assert (ref.container, ref.volume, ref.year) == ("Moss Research", "150", "2006")


def test_a_journal_name_with_a_colon_is_not_a_publisher() -> None:
    ref = parse_reference(
        "Abel K, Brun T. Moss and snow. Moss Control: An International Journal. 2014;23(1):39–44."
    )
    assert (ref.container, ref.publisher, ref.volume) == (
        "Moss Control: An International Journal",
        "",
        "23",
    )


def test_a_title_ending_in_a_roman_numeral_and_a_chapter_with_bare_pages() -> None:
    ref = parse_reference(
        "Abel K, et al. (2010) Moss in 26 towns: Results of the Moss Project I. Pers Moss "
        "Bull 36: 309–325."
    )
    assert (ref.title, ref.container) == (
        "Moss in 26 towns: Results of the Moss Project I",
        "Pers Moss Bull",
    )
    chapter = parse_reference(
        "Abel K (2007) Moss indoors. In: Walls: a handbook. Brun T, editor. New York: "
        "Palgrave. 185–206."
    )
    assert (chapter.container, chapter.pages) == ("Walls: a handbook", "185–206")


@pytest.mark.parametrize(
    ("printed", "volume", "issue", "pages"),
    [
        ("Abel, K., et al., Moss walls. Nat Moss, 2003. 33(4): p. 466-8.", "33", "4", "466-8"),
        ("Abel, Kim. “Moss.” Journal of Walls 52.1 (2004): 43-67.", "52", "1", "43-67"),
        ("Abel, K., “Moss,” NeuroMoss, 28 (2005), pp. 175–84.", "28", "", "175–84"),
        ("Abel J, Brun R (2001) Moss in practice? Occas Pap Moss 79: vi, 1–40.", "79", "", "vi"),
    ],
)
def test_volume_forms(printed: str, volume: str, issue: str, pages: str) -> None:
    ref = parse_reference(printed)
    _grounded(ref)
    assert (ref.volume, ref.issue, ref.pages) == (volume, issue, pages)


def test_inverted_first_names_in_full() -> None:
    ref = parse_reference(
        "Menon, Vinod, and Daniel J. Levitin, “The rewards of moss,” NeuroMoss, 28 (2005), "
        "pp. 175–84."
    )
    assert ref.authors == [("Menon", "Vinod"), ("Levitin", "Daniel J.")]
    two = parse_reference("WHO, UNICEF. Moss report. Geneva: WHO; 2010.")
    assert [f for f, _ in two.authors] == ["WHO", "UNICEF"]


def test_particles_after_initials_and_a_repeated_author_dash() -> None:
    ref = parse_reference("[58] D. H. van Abel, C. W. Brun, and O. Cole, “Moss,” in Walls, 2001.")
    assert [f for f, _ in ref.authors] == ["van Abel", "Brun", "Cole"]
    again = parse_reference("———. Moss again. New York: Scribner, 2006.")
    assert again.authors == []
    assert again.title == "Moss again"


def test_markdown_emphasis_around_a_journal_is_not_part_of_it() -> None:
    ref = parse_reference("Abel K, Brun T. Moss on walls. *J Moss Res*. 2004;12:100-110.")
    assert (ref.title, ref.container, ref.volume) == ("Moss on walls", "J Moss Res", "12")


@pytest.mark.parametrize(
    ("printed", "families", "title"),
    [
        (
            "[2] Kim T. Abel. Existence of moss. Annales Moss, 6(5):801–820, 2005.",
            ["Abel"],
            "Existence of moss",
        ),
        (
            "Abel, E. Kim, and Tom R. Brun (1988), The Psychology of Moss (New York: Plenum).",
            ["Abel", "Brun"],
            "The Psychology of Moss",
        ),
        (
            "Abel, R. ; Brun, G. ; Cole, R. 2006. Moss and walls, Paris, Ellipse.",
            ["Abel", "Brun", "Cole"],
            None,
        ),
        (
            "[54] A. Abel, L. Brun, and A. Cole, Robust moss. Moss University Press, 2009.",
            ["Abel", "Brun", "Cole"],
            "Robust moss",
        ),
        (
            "Abel, Kim, and Tom Brun, Memories of Moss (Berkeley, CA: Moss Press, 1959).",
            ["Abel", "Brun"],
            "Memories of Moss",
        ),
        (
            "Zupanc GKH, Hinsch K, Gage FH. Proliferation, migration and survival of moss. "
            "J Moss. 2005;490:1-20.",
            ["Zupanc", "Hinsch", "Gage"],
            "Proliferation, migration and survival of moss",
        ),
        (
            "White NJ, Abel K, Brun T. Malaria. The Lancet. 2014;383:723-735.",
            ["White", "Abel", "Brun"],
            "Malaria",
        ),
    ],
)
def test_where_author_lists_end(printed: str, families: list[str], title: str | None) -> None:
    ref = parse_reference(printed)
    _grounded(ref)
    assert [f for f, _ in ref.authors] == families
    if title is not None:
        assert ref.title == title


def test_an_abbreviated_journal_with_a_longer_first_word() -> None:
    ref = parse_reference(
        "[125] Kim Abel. Moss in space. Discrete Contin. Dyn. Moss Ser. S, 2(3):679–696, 2009."
    )
    assert (ref.title, ref.container) == ("Moss in space", "Discrete Contin. Dyn. Moss Ser. S")
