"""Cross-checks between article, claims and references."""

from __future__ import annotations

import copy

import pytest

from peertui.core.analysis.verify import article_quantities, number_status, verify
from peertui.core.bundle.load import load_bundle
from peertui.core.models import Article, Claim, Corpus, NumberFact, Outcome, Reference, Study

PARAGRAPH = (
    "Smith and colleagues randomized 120 individuals to an 8-week course (1). "
    "Readmission was lower at one year. "
    "One program may train peers."
)


def small_corpus() -> Corpus:
    """An article of one paragraph, three claims, one reference: clean as built."""
    claims = [
        Claim(
            "A1",
            "Smith and colleagues randomized 120 individuals to an 8-week course (1).",
            ["smith2020"],
            numbers=[
                NumberFact(120, "individuals", "sample size", "120 individuals"),
                NumberFact(8, "week", "duration", "8-week"),
            ],
            line=3,
        ),
        Claim(
            "A2",
            "Readmission was lower at one year.",
            ["smith2020"],
            numbers=[NumberFact(1, "year", "timepoint", "one year")],
            outcomes=[Outcome("hospital-readmission", "improved", ["one year"], study="s1")],
            line=10,
        ),
        Claim("A3", "One program may train peers.", [], line=20),
    ]
    return Corpus(
        article=Article(title="T", paragraphs=[(5, PARAGRAPH)], reference_list=[(1, "Smith")]),
        references=[Reference("smith2020", authors=["Smith, Ann"], year="2020", number=1)],
        claims=claims,
        studies=[Study("s1", "Smith trial", ["smith2020"])],
        vocabulary={"hospital-readmission": "Hospital readmission"},
    )


def messages(corpus: Corpus) -> list[str]:
    return [str(p) for p in verify(corpus)]


def test_clean_corpus_has_no_problems() -> None:
    assert messages(small_corpus()) == []


def test_unknown_cited_key() -> None:
    corpus = small_corpus()
    corpus.claims[2].cites = ["nobody1999"]
    assert messages(corpus) == [
        "claims.yaml:20: claim A3 cites 'nobody1999', which is not in the bib"
    ]


def test_marker_must_name_a_cited_reference() -> None:
    corpus = small_corpus()
    corpus.claims[0].cites = []
    assert messages(corpus) == [
        "claims.yaml:3: claim A1: marker (1) names 'smith2020', which the claim's cites do not list"
    ]


def test_marker_without_reference_number() -> None:
    corpus = small_corpus()
    corpus.references[0].number = 2
    found = messages(corpus)
    assert "claims.yaml:3: claim A1: marker (1) names no reference with citation-number 1" in found


def test_quote_not_in_text() -> None:
    corpus = small_corpus()
    corpus.claims[0].numbers[0].quote = "555 individuals"
    found = messages(corpus)
    assert (
        "claims.yaml:3: claim A1: the quote '555 individuals' of 120 individuals is not in its text"
        in found
    )
    # and the article's 120 is then unaccounted for
    assert any("does not list the quantity '120 individuals'" in m for m in found)


def test_value_that_quote_does_not_state() -> None:
    corpus = small_corpus()
    corpus.claims[0].numbers[0].value = 119
    found = messages(corpus)
    assert (
        "claims.yaml:3: claim A1 lists 119 individuals, but its quote '120 individuals' "
        "does not state 119" in found
    )


def test_claim_text_not_in_article() -> None:
    corpus = small_corpus()
    corpus.claims[2].text = "Two programs may train peers."
    assert messages(corpus) == [
        "claims.yaml:20: claim A3: its text does not occur verbatim in the article; the closest "
        "passage (paragraph 1) reads “One program may train pe…” where the claim has “Two "
        "programs may train p…”"
    ]
    corpus.claims[2].text = "One program may train its peers."
    assert messages(corpus) == [
        "claims.yaml:20: claim A3: its text does not occur verbatim in the article; the closest "
        "passage (paragraph 1) matches up to “…One program may train ” and then reads “peers.” "
        "where the claim has “its peers.”"
    ]
    corpus.claims[2].text = "Nothing like anything the article says, about cats."
    assert messages(corpus)[0].endswith("does not occur verbatim in the article")


def test_whitespace_does_not_matter_for_verbatim() -> None:
    corpus = small_corpus()
    corpus.claims[1].text = "Readmission   was lower\n at one year."
    corpus.claims[1].numbers[0].quote = "one year"
    assert messages(corpus) == []


def test_quantity_no_claim_contains() -> None:
    corpus = small_corpus()
    del corpus.claims[1]
    assert (
        "article.md:5: the article states 'one year' (paragraph 1), but no claim contains it"
        in messages(corpus)
    )


def test_quantity_its_claim_does_not_list() -> None:
    corpus = small_corpus()
    corpus.claims[0].numbers.pop()
    assert messages(corpus) == [
        "claims.yaml:3: claim A1 does not list the quantity '8-week' its text states"
    ]


def test_outcome_checks() -> None:
    corpus = small_corpus()
    corpus.claims[1].outcomes = [Outcome("happiness", "sideways", study="nowhere", line=12)]
    assert messages(corpus) == [
        "claims.yaml:12: claim A2: outcome 'happiness' is not in the vocabulary",
        "claims.yaml:12: claim A2: outcome direction 'sideways' is not one of "
        "improved, no difference, worse, mixed, unclear",
        "claims.yaml:12: claim A2: outcome study 'nowhere' is not defined",
    ]
    assert verify(corpus)[0].severity == "warning"


def test_study_with_unknown_reference() -> None:
    corpus = small_corpus()
    corpus.studies[0].refs.append("ghost")
    assert messages(corpus) == ["claims.yaml: study s1 names 'ghost', which is not in the bib"]


def test_duplicate_citation_numbers_and_missing_list_item() -> None:
    corpus = small_corpus()
    corpus.references.append(Reference("other", number=1, line=9))
    corpus.article.reference_list.append((2, "Someone else"))
    assert messages(corpus) == [
        "references.bib:9: citation-number 1 of 'other' is already used by 'smith2020'",
        "article.md: reference 2 of the article's list has no entry with "
        "citation-number = {2} in references.bib",
    ]


def test_number_status() -> None:
    corpus = small_corpus()
    claim = corpus.claims[0]
    assert number_status(corpus, claim, claim.numbers[0]) == "verified"
    wrong = copy.copy(claim.numbers[0])
    wrong.value = 555
    assert number_status(corpus, claim, wrong) == "value differs"
    wrong.quote = "555 people"
    assert number_status(corpus, claim, wrong) == "not in text"


def test_article_quantities_map_to_claims() -> None:
    found = article_quantities(small_corpus())
    assert [(f.quantity.text, f.claim_id, f.listed) for f in found] == [
        ("120 individuals", "A1", True),
        ("8-week", "A1", True),
        ("one year", "A2", True),
    ]


@pytest.fixture(scope="module")
def default_corpus() -> Corpus:
    return load_bundle()


def test_default_bundle_verifies_clean(default_corpus: Corpus) -> None:
    problems = [*default_corpus.problems, *verify(default_corpus)]
    assert [str(p) for p in problems if p.severity in ("error", "warning")] == []


def test_default_bundle_every_quantity_is_listed(default_corpus: Corpus) -> None:
    found = article_quantities(default_corpus)
    assert [f.quantity.text for f in found] == [
        "8-week",
        "555 individuals",
        "6-month",
        "8-week",
        "428 individuals",
        "6-month",
        "441 individuals",
        "10 individual sessions",
        "one year",
        "one year",
    ]
    assert all(f.listed for f in found)


def test_default_bundle_counts(default_corpus: Corpus) -> None:
    assert len(default_corpus.references) == 5
    assert len(default_corpus.claims) == 22
    assert sum(len(c.numbers) for c in default_corpus.claims) == 10
    assert sum(len(c.outcomes) for c in default_corpus.claims) == 11
