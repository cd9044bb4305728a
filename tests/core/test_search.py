"""The search index: qualifiers, folding, ranking and what each hit reports."""

from __future__ import annotations

import dataclasses

import pytest

from peertui.core.bundle.load import load_bundle
from peertui.core.models import Claim, Corpus, NumberFact, Outcome, Reference, Study
from peertui.core.search.engine import KINDS, Hit, SearchIndex
from peertui.core.search.query import Query, parse_query, parse_range


def _corpus() -> Corpus:
    """Five references (citation numbers deliberately not in list order) and six claims."""
    references = [
        Reference(
            key="cook2012_wrap",
            authors=["Cook, Judith A.", "Copeland, Mary Ellen"],
            title="A randomized controlled trial of effects of Wellness Recovery Action Planning "
            "on depression, anxiety, and recovery",
            journal="Psychiatric Services",
            year="2012",
            doi="10.1176/appi.ps.201100125",
            number=1,
        ),
        Reference(
            key="mueller2015_cohort",
            authors=["Müller, Anna", "Schmidt, Jonas"],
            title="Peer counselling in psychiatric rehabilitation: a cohort study",
            journal="Der Nervenarzt",
            year="2015",
            number=2,
        ),
        Reference(
            key="johnson2018_core",
            authors=["Johnson, Sonia", "Lamb, Danielle", "Lloyd-Evans, Brynmor"],
            title="Peer-supported self-management for people discharged from a mental health "
            "crisis team: a randomised controlled trial",
            journal="The Lancet",
            year="2018",
            doi="10.1016/S0140-6736(18)31470-3",
            number=4,
        ),
        Reference(
            key="gillard2019_jmh",
            authors=["Gillard, Steve"],
            title="Peer support in mental health services: where is the research taking us?",
            journal="Journal of Mental Health",
            year="2019",
            number=5,
        ),
        Reference(
            key="mullen2010_stalking",
            authors=["Mullen, Paul E."],
            title="Stalking and forensic practice",
            journal="Behavioral Sciences & the Law",
            year="2010",
            number=3,
        ),
    ]
    claims = [
        Claim(
            id="C01",
            text="The availability of peer support services has grown in recent years.",
            kind="background",
        ),
        Claim(
            id="C02",
            text="Cook and colleagues studied a total of 555 individuals in an 8-week WRAP "
            "group intervention with serious mental health conditions (1).",
            cites=["cook2012_wrap"],
            kind="study",
            numbers=[
                NumberFact(555, "individuals", "sample size", "555 individuals"),
                NumberFact(8, "week", "duration", "8-week"),
            ],
        ),
        Claim(
            id="C03",
            text="Participants had lower rates of hospital readmission at one year (4).",
            cites=["johnson2018_core"],
            kind="finding",
            numbers=[NumberFact(1, "year", "timepoint", "one year")],
            outcomes=[Outcome("hospital-readmission", "improved", ["one year"], study="core")],
        ),
        Claim(
            id="C04",
            text="WRAP participants showed greater hopefulness at 6-month follow-up (1).",
            cites=["cook2012_wrap"],
            kind="finding",
            outcomes=[Outcome("hopefulness", "improved", ["6-month follow-up"])],
        ),
        Claim(
            id="C05",
            text="Peer roles vary widely across programs, which does not lend itself to "
            "narrowly defined trials (5).",
            cites=["gillard2019_jmh"],
            kind="argument",
        ),
        Claim(
            id="C06",
            text="A German cohort followed 120 clients of peer counsellors (2).",
            cites=["mueller2015_cohort"],
            kind="study",
            numbers=[NumberFact(120, "clients", "sample size", "120 clients")],
        ),
    ]
    return Corpus(
        references=references,
        claims=claims,
        studies=[Study("core", "CORE crisis-team trial", ["johnson2018_core"])],
        vocabulary={"hospital-readmission": "Hospital readmission", "hopefulness": "Hopefulness"},
    )


@pytest.fixture(scope="module")
def index() -> SearchIndex:
    return SearchIndex(_corpus())


def ids(hits: list[Hit]) -> list[str]:
    return [hit.id for hit in hits]


# ---------------------------------------------------------------- parsing


def test_parse_query_splits_words_and_qualifiers() -> None:
    query = parse_query('AUTHOR:"Lloyd-Evans" year:2010-2015 readmission  rates')
    assert query.words == "readmission rates"
    assert query.filters == {"author": ["Lloyd-Evans"], "year": ["2010-2015"]}


def test_parse_query_quotes_repeats_and_half_typed_values() -> None:
    query = parse_query("author:'Cook' author:Copeland title:\"mental health")
    assert query.filters == {"author": ["Cook", "Copeland"], "title": ["mental health"]}
    assert query.words == ""
    assert parse_query("author: peer").filters == {}  # an empty value is dropped
    assert parse_query("author: peer").words == "peer"


def test_unknown_qualifier_stays_in_the_words() -> None:
    query = parse_query("foo:bar https://example.org baz")
    assert query.filters == {}
    assert query.words == "foo:bar https://example.org baz"


def test_parse_range() -> None:
    assert parse_range("2012") == (2012, 2012)
    assert parse_range("2010-2015") == (2010, 2015)
    assert parse_range("2010..2015") == (2010, 2015)
    assert parse_range("2015-2010") == (2010, 2015)
    assert parse_range("2010-") == (2010, 9999)
    assert parse_range("-2015") == (0, 2015)
    assert parse_range("recent") is None


# ---------------------------------------------------------------- basics


@pytest.mark.parametrize("text", ["", "   ", "author:", 'title:""'])
def test_empty_query_returns_nothing(index: SearchIndex, text: str) -> None:
    assert index.search(text) == []
    assert index.search(Query("")) == []


def test_limit_is_respected(index: SearchIndex) -> None:
    assert len(index.search("peer")) > 3
    assert len(index.search("peer", limit=3)) == 3
    assert index.search("peer", limit=0) == []


def test_hits_are_frozen_and_scores_in_range(index: SearchIndex) -> None:
    hits = index.search("peer")
    with pytest.raises(dataclasses.FrozenInstanceError):
        hits[0].score = 1.0  # type: ignore[misc]
    assert all(0.0 <= hit.score <= 100.0 for hit in hits)


@pytest.mark.parametrize("text", ["peer", "mental health", "author:cook", "kind:finding", "year"])
def test_ranked_by_score_then_kind_order(index: SearchIndex, text: str) -> None:
    hits = index.search(text)
    keys = [(-hit.score, KINDS.index(hit.kind)) for hit in hits]
    assert keys == sorted(keys)


# ---------------------------------------------------------------- plain words


def test_title_fragment_finds_that_reference_first(index: SearchIndex) -> None:
    hit = index.search("discharged from a mental health crisis")[0]
    assert (hit.kind, hit.id, hit.field) == ("reference", "johnson2018_core", "title")
    assert hit.title.startswith("Johnson et al. 2018 — Peer-supported self-management")
    assert hit.claim_id is None


def test_claim_fragment_finds_that_claim_first(index: SearchIndex) -> None:
    hit = index.search("does not lend itself")[0]
    assert (hit.kind, hit.id, hit.field) == ("claim", "C05", "text")
    assert hit.claim_id == "C05"
    assert "does not lend itself" in hit.snippet


def test_number_value_finds_the_number_hit(index: SearchIndex) -> None:
    hits = index.search("555")
    assert hits[0] == Hit(
        kind="number",
        id="C02#0",
        title="555 individuals (sample size) — C02",
        field="value",
        snippet="555",
        score=100.0,
        claim_id="C02",
    )
    assert ids(hits[1:]) == ["C02"]  # the sentence stating it, and nothing else


def test_a_number_is_not_found_inside_a_longer_number(index: SearchIndex) -> None:
    assert "C02#1" in ids(index.search("8"))
    assert index.search("55") == []
    assert "mueller2015_cohort" not in ids(index.search("201"))


@pytest.mark.parametrize(
    ("text", "first_id", "field"),
    [
        ("Psychiatric Services", "cook2012_wrap", "journal"),
        ("10.1176/appi", "cook2012_wrap", "doi"),
        ("Copeland", "cook2012_wrap", "author"),
        ("mullen2010", "mullen2010_stalking", "key"),
        ("2019", "gillard2019_jmh", "year"),
        ("8-week", "C02#1", "quote"),
        ("clients", "C06#0", "unit"),
        ("duration", "C02#1", "role"),
        ("Hopefulness", "C04@0", "outcome"),
        ("hospital-readmission", "C03@0", "outcome"),
        ("CORE crisis-team", "C03@0", "study"),
        ("argument", "C05", "kind"),
    ],
)
def test_the_field_that_matched_is_reported(
    index: SearchIndex, text: str, first_id: str, field: str
) -> None:
    hit = index.search(text)[0]
    assert (hit.id, hit.field) == (first_id, field)


def test_accents_and_case_are_folded(index: SearchIndex) -> None:
    for text in ("Muller", "MULLER", "müller", "Müller"):
        hit = index.search(text)[0]
        assert (hit.id, hit.field) == ("mueller2015_cohort", "author"), text
        assert "Müller" in hit.snippet


def test_exact_match_outranks_a_fuzzy_near_miss(index: SearchIndex) -> None:
    hits = index.search("Muller")
    scores = {hit.id: hit.score for hit in hits}
    assert "mullen2010_stalking" in scores  # one letter off: found, but below
    assert scores["mueller2015_cohort"] > scores["mullen2010_stalking"]


def test_typos_are_tolerated(index: SearchIndex) -> None:
    assert index.search("Jonson")[0].id == "johnson2018_core"
    assert index.search("hopefulnes")[0].id == "C04@0"


def test_documents_with_every_word_rank_first(index: SearchIndex) -> None:
    hits = index.search("peer trial")
    # Only the Johnson reference holds both words (the phrase itself occurs nowhere).
    assert hits[0].id == "johnson2018_core"
    assert all(hit.score < hits[0].score for hit in hits[1:])


def test_junk_finds_nothing(index: SearchIndex) -> None:
    assert index.search("xylophone") == []


def test_long_snippets_are_cut_around_the_match(index: SearchIndex) -> None:
    hit = next(h for h in index.search("serious mental health conditions") if h.id == "C02")
    assert hit.field == "text"
    assert "serious mental health conditions" in hit.snippet
    assert len(hit.snippet) < len(_corpus().claims[1].text)
    assert hit.snippet.startswith("…")


# ---------------------------------------------------------------- qualifiers


def test_author_returns_references_then_the_claims_citing_them(index: SearchIndex) -> None:
    hits = index.search("author:Johnson")
    assert ids(hits) == ["johnson2018_core", "C03"]
    ref, claim = hits
    assert (ref.field, claim.field, claim.snippet) == ("author", "cites", "Johnson et al. 2018")
    assert claim.score < ref.score


def test_author_quoted_value_and_folding(index: SearchIndex) -> None:
    assert ids(index.search('author:"Lloyd-Evans"'))[0] == "johnson2018_core"
    assert ids(index.search("author:muller")) == ["mueller2015_cohort", "C06"]


def test_year_exact_and_range(index: SearchIndex) -> None:
    assert ids(index.search("year:2015")) == ["mueller2015_cohort", "C06"]
    refs = [h.id for h in index.search("year:2010-2015") if h.kind == "reference"]
    assert refs == ["cook2012_wrap", "mueller2015_cohort", "mullen2010_stalking"]
    assert {h.id for h in index.search("year:2016-") if h.kind == "reference"} == {
        "johnson2018_core",
        "gillard2019_jmh",
    }
    assert index.search("year:recent") == []


def test_ref_by_citation_number_and_by_key(index: SearchIndex) -> None:
    # Reference 4 is the third in the list: the number is the article's, not the position.
    by_number = index.search("ref:4")
    assert ids(by_number) == ["johnson2018_core", "C03"]
    assert by_number[0].field == "citation"
    assert ids(index.search("ref:johnson2018_core")) == ["johnson2018_core", "C03"]
    assert ids(index.search("ref:johnson")) == ["johnson2018_core", "C03"]
    assert [h.id for h in index.search("ref:1-2") if h.kind == "reference"] == [
        "cook2012_wrap",
        "mueller2015_cohort",
    ]


def test_outcome_returns_outcome_hits_and_their_claims(index: SearchIndex) -> None:
    hits = index.search("outcome:readmission")
    assert ids(hits) == ["C03@0", "C03"]
    assert hits[0].title == "Hospital readmission: improved — C03"
    assert hits[0].claim_id == "C03"
    assert ids(index.search("outcome:hospital-readmission"))[0] == "C03@0"
    assert ids(index.search("outcome:hopefulnes")) == ["C04@0", "C04"]


def test_kind_as_claim_kind(index: SearchIndex) -> None:
    hits = index.search("kind:finding")
    assert ids(hits) == ["C03", "C04", "C03#0", "C03@0", "C04@0"]
    assert all(h.score < hits[0].score for h in hits[2:])  # parts of the claims rank below


def test_kind_as_hit_kind(index: SearchIndex) -> None:
    assert {h.kind for h in index.search("kind:reference")} == {"reference"}
    assert len(index.search("kind:references")) == 5
    assert ids(index.search("kind:number 555")) == ["C02#0"]
    assert ids(index.search("kind:claim 555")) == ["C02"]


def test_unit_and_role(index: SearchIndex) -> None:
    assert ids(index.search("unit:clients")) == ["C06#0", "C06"]
    assert [h.id for h in index.search("role:sample size") if h.kind == "number"] == [
        "C02#0",
        "C06#0",
    ]


def test_title_doi_journal_qualifiers(index: SearchIndex) -> None:
    assert ids(index.search('title:"cohort study"')) == ["mueller2015_cohort", "C06"]
    assert ids(index.search("doi:10.1016/S0140"))[0] == "johnson2018_core"
    assert ids(index.search("journal:lancet"))[0] == "johnson2018_core"


def test_qualifiers_and_together(index: SearchIndex) -> None:
    assert ids(index.search("author:cook year:2012")) == ["cook2012_wrap", "C02", "C04"]
    assert index.search("author:cook year:2018") == []
    assert ids(index.search("author:cook kind:finding")) == ["C04"]


def test_words_rank_within_the_filtered_set(index: SearchIndex) -> None:
    # The Johnson reference itself never says "readmission": only the claim citing it does.
    assert ids(index.search("author:Johnson readmission")) == ["C03"]
    assert ids(index.search("author:Cook hopefulness")) == ["C04"]
    assert index.search("author:Cook readmission") == []


def test_unknown_qualifier_falls_back_to_words(index: SearchIndex) -> None:
    hits = index.search("wrap:hopefulness")
    assert hits[0].id == "C04"
    assert ids(hits) == ids(index.search("wrap hopefulness"))


def test_a_parsed_query_is_accepted(index: SearchIndex) -> None:
    assert ids(index.search(Query("", {"author": ["Johnson"]}))) == ["johnson2018_core", "C03"]


def test_an_empty_corpus_is_searchable() -> None:
    assert SearchIndex(Corpus()).search("peer author:x kind:finding") == []


# ---------------------------------------------------------------- the default bundle


@pytest.fixture(scope="module")
def bundle_index() -> SearchIndex:
    corpus = load_bundle()
    assert not corpus.errors
    return SearchIndex(corpus)


def test_bundle_johnson_finds_reference_4_first(bundle_index: SearchIndex) -> None:
    hit = bundle_index.search("Johnson")[0]
    assert (hit.kind, hit.id, hit.field) == ("reference", "johnson2018_core_lancet", "author")
    assert ids(bundle_index.search("ref:4"))[0] == "johnson2018_core_lancet"


def test_bundle_readmission_finds_the_readmission_outcome_and_claims(
    bundle_index: SearchIndex,
) -> None:
    hits = bundle_index.search("readmission")
    assert hits[0].kind == "outcome"
    assert hits[0].title.startswith("Hospital readmission: improved")
    claims = [h.id for h in hits if h.kind == "claim"]
    assert hits[0].claim_id in claims
    assert all("readmission" in h.snippet.lower() for h in hits)


def test_bundle_555_finds_the_number_in_the_wrap_claim(bundle_index: SearchIndex) -> None:
    hits = bundle_index.search("555")
    assert hits[0] == Hit(
        kind="number",
        id="C05#1",
        title="555 individuals (sample size) — C05",
        field="value",
        snippet="555",
        score=100.0,
        claim_id="C05",
    )
    wrap_claim = next(h for h in hits if h.kind == "claim")
    assert wrap_claim.id == "C05"
    assert ids(bundle_index.search("WRAP 555")) == ["C05"]  # the claim naming WRAP


def test_bundle_author_qualifier_brings_citing_claims(bundle_index: SearchIndex) -> None:
    hits = bundle_index.search('author:"Lloyd-Evans"')
    assert hits[0].id == "johnson2018_core_lancet"
    assert {h.kind for h in hits[1:]} == {"claim"}
    assert all(h.score < hits[0].score for h in hits[1:])


def test_words_taken_as_typed_fall_back_to_near_misses_when_nothing_matches() -> None:
    """'planing' is a word of the library, so it is first taken as typed; no document holds
    it beside 'wellness', so its near misses ('planning') are looked for after all."""
    corpus = Corpus(
        references=[
            Reference(key="wrap", title="Wellness recovery action planning", year="2012"),
            Reference(key="boats", title="Hydroplaning and planing hulls", year="1990"),
        ]
    )
    hits = SearchIndex(corpus).search("wellness planing")
    assert hits and hits[0].id == "wrap"
