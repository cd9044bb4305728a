"""The article against its sources: claim numbers, the reference list, reported effects."""

from __future__ import annotations

import pytest

from peertui.core.analysis.crosscheck import (
    AGREES,
    DIFFERS,
    NOT_REPORTED,
    check_number,
    check_numbers,
    compare_effects,
    cross_check,
    findings,
    number_checks_by_claim,
)
from peertui.core.analysis.reflist import list_surnames, reference_list_differences
from peertui.core.bundle.load import load_bundle
from peertui.core.models import (
    ArmCount,
    Article,
    Claim,
    Corpus,
    NumberFact,
    Outcome,
    Reference,
    ReportedEstimate,
    SourceFact,
    SourceReport,
    SourceResult,
    Study,
)


def fact(fact_id: str, value: float, role: str, unit: str = "", **kw: str) -> SourceFact:
    return SourceFact(fact_id, value, unit, role, status=kw.pop("status", "verified"), **kw)


def small_corpus() -> Corpus:
    """Two references, one of which the article's list misspells; claims with numbers."""
    claims = [
        Claim(
            "A1",
            "Smith and colleagues randomized 130 individuals to an 8-week course (1).",
            ["smith2020"],
            numbers=[
                NumberFact(130, "individuals", "sample size", "130 individuals", line=7),
                NumberFact(8, "week", "duration", "8-week"),
            ],
            line=3,
        ),
        Claim(
            "A2",
            "Readmission was lower at one year, with 12 sessions (1, 2).",
            ["smith2020", "jones2021"],
            numbers=[
                NumberFact(1, "year", "timepoint", "one year"),
                NumberFact(12, "sessions", "session count", "12 sessions"),
            ],
            outcomes=[Outcome("hospital-readmission", "improved", ["one year"], study="s1")],
            line=12,
        ),
        Claim(
            "A3",
            "Figure 1. Readmission at one year",
            ["smith2020"],
            kind="figure",
            numbers=[NumberFact(1, "year", "timepoint", "one year")],
            line=20,
        ),
        Claim("A4", "Nobody measured 40 people.", [], numbers=[NumberFact(40, "people", "", "40")]),
    ]
    sources = {
        "smith2020": SourceReport(
            "smith2020",
            facts=[
                fact("n", 120, "sample size", "participants", label="randomised"),
                fact("enrolled", 130, "registry enrollment", label="registry enrollment"),
                fact("weeks", 8, "duration", "weeks"),
                fact("fu", 12, "follow-up", "months", status="unverified"),
            ],
            results=[
                SourceResult(
                    "r1",
                    outcome="hospital-readmission",
                    timepoint="one year",
                    arms=[ArmCount("peer", 64, 218, 29), ArmCount("usual care", 83, 216, 38)],
                    reported=ReportedEstimate("odds ratio", 0.66, 0.43, 0.99, 0.0438),
                    status="verified",
                ),
                SourceResult(
                    "r2",
                    outcome="hospital-readmission",
                    reported=ReportedEstimate("hazard ratio", 0.71, 0.52, 0.97),
                ),
                SourceResult("r3", finding="words only"),
            ],
        ),
    }
    return Corpus(
        article=Article(
            paragraphs=[(5, claims[0].text)],
            reference_list=[
                (1, "Smith, A., Müller, H., & Jonsen, K. (2020). A trial. J, 1, 1-2."),
                (2, "Jones, B. (2021). Another. J, 2, 3-4."),
            ],
        ),
        references=[
            Reference(
                "smith2020",
                authors=["Smith, Ann", "Muller, Hans", "Johnsen, Kari"],
                year="2020",
                number=1,
            ),
            Reference("jones2021", authors=["Jones, Bo"], year="2021", number=2),
        ],
        claims=claims,
        studies=[Study("s1", "Smith trial", ["smith2020"])],
        vocabulary={"hospital-readmission": "Readmission"},
        sources=sources,
    )


def by_claim(corpus: Corpus) -> dict[tuple[str, int], object]:
    return {(c.claim_id, c.index): c for c in check_numbers(corpus)}


def test_a_number_of_another_value_differs_and_names_the_fact_it_matches() -> None:
    corpus = small_corpus()
    check = check_number(corpus, corpus.claims[0], 0)
    assert check.status == DIFFERS
    assert [c.fact.id for c in check.reported] == ["n"]
    assert [c.fact.id for c in check.matches] == ["enrolled"]
    assert "report 120, not 130" in check.explanation
    assert "130 is the registry enrollment ([1] Smith et al. 2020)" in check.explanation


def test_agrees_when_a_cited_source_reports_the_value_in_the_same_time_unit() -> None:
    corpus = small_corpus()
    checks = by_claim(corpus)
    assert checks[("A1", 1)].status == AGREES
    assert checks[("A1", 1)].explanation.startswith("Reported as 8 weeks")


def test_time_units_must_match_and_timepoints_compare_with_follow_up() -> None:
    corpus = small_corpus()
    checks = by_claim(corpus)
    one_year = checks[("A2", 0)]
    # 12 months is a follow-up fact, but "one year" is not "12 months" to a unit-wise check.
    assert one_year.status == DIFFERS
    assert "[unverified]" in one_year.explanation
    corpus.sources["smith2020"].facts.append(fact("fu1", 1, "follow-up", "years"))
    assert check_number(corpus, corpus.claims[1], 0).status == AGREES


def test_not_reported_when_no_fact_of_the_role_or_no_sources() -> None:
    corpus = small_corpus()
    checks = by_claim(corpus)
    sessions = checks[("A2", 1)]
    assert sessions.status == NOT_REPORTED
    assert sessions.explanation == "The cited sources record no session count."
    assert checks[("A4", 0)].status == NOT_REPORTED
    assert "cites no reference" in checks[("A4", 0)].explanation
    corpus.sources.clear()
    assert check_number(corpus, corpus.claims[0], 0).explanation == (
        "No source facts are recorded for the cited references."
    )


def test_checks_grouped_by_claim_cover_every_number() -> None:
    grouped = number_checks_by_claim(small_corpus())
    assert [len(v) for v in grouped.values()] == [2, 2, 1, 1]


@pytest.mark.parametrize(
    ("item", "names"),
    [
        (
            "Cook, J. A., Steigman, P., Picket, S., & Burke-Miller, J. K. (2012). Title. J.",
            ["Cook", "Steigman", "Picket", "Burke-Miller"],
        ),
        (
            "Cook, J.A., Copeland, M.E., Floyd, C.B., et al: (2012a). Title.",
            ["Cook", "Copeland", "Floyd"],
        ),
        (
            "Johnson, S., Henderson, C., … Lloyd-Evans, B. (2018). T.",
            ["Johnson", "Henderson", "Lloyd-Evans"],
        ),
        ("Cook JA, Copeland ME (2012) Title", ["Cook", "Copeland"]),
        ("Gillard, S. (2019). Peer support.", ["Gillard"]),
    ],
)
def test_list_surnames(item: str, names: list[str]) -> None:
    assert list_surnames(item) == names


def test_reference_list_misspelling_is_computed_not_looked_up() -> None:
    corpus = small_corpus()
    differences = reference_list_differences(corpus)
    assert [(d.key, d.number, d.article, d.published) for d in differences] == [
        ("smith2020", 1, "Jonsen", "Johnsen")
    ]
    # Accents and case are not differences: "Müller" is the published "Muller".
    assert differences[0].similarity >= 80
    corpus.article.reference_list[1] = (2, "Doe, B. (2021). Another.")
    names = [d.message for d in reference_list_differences(corpus)]
    assert "reference 2 of the article's list names the author 'Doe', who is not in" in names[1]


def test_without_an_article_the_bib_article_form_is_compared() -> None:
    corpus = small_corpus()
    corpus.article = None
    corpus.references[0].extra["article-form"] = "Smith, A., Muler, H. (2020). A trial."
    differences = reference_list_differences(corpus)
    assert [(d.article, d.published) for d in differences] == [("Muler", "Muller")]
    [problem] = [p for p in findings(corpus) if "Muler" in p.message]
    assert problem.file == "references.bib"


def test_findings_are_findings_with_file_and_line() -> None:
    corpus = small_corpus()
    found = findings(corpus)
    assert all(p.severity == "finding" for p in found)
    located = [(p.file, p.line) for p in found]
    assert ("claims.yaml", 7) in located and ("article.md", None) in located
    assert any(
        p.message.startswith(
            "claim A1 states 130 individuals (sample size), but its cited "
            "sources report 120; 130 is the registry enrollment"
        )
        for p in found
    )


def test_sources_that_do_not_fit_the_bundle_are_problems() -> None:
    corpus = small_corpus()
    corpus.sources["nosuch"] = SourceReport("nosuch", line=9)
    corpus.sources["smith2020"].results.append(SourceResult("x", outcome="unknown-outcome"))
    problems = [p for p in cross_check(corpus) if p.severity != "finding"]
    assert [(p.severity, p.message) for p in problems] == [
        ("warning", "sources: outcome 'unknown-outcome' of 'smith2020' is not in the vocabulary"),
        ("error", "sources: 'nosuch' is not in the bib"),
    ]


def test_effects_are_computed_from_counts_beside_the_reported_estimate() -> None:
    corpus = small_corpus()
    comparisons = compare_effects(corpus)
    assert [c.result.id for c in comparisons] == ["r1", "r2"]  # r3 has neither counts nor estimate
    first = comparisons[0]
    assert first.computed is not None and first.computed_as_reported is not None
    assert round(first.computed_as_reported.value, 2) == 0.67
    assert first.study_id == "s1"
    assert first.claim_ids == ("A2", "A3")  # the outcome's claim and the figure's caption
    assert "crude (unadjusted)" in first.explanation and "may be adjusted" in first.explanation
    second = comparisons[1]
    assert second.computed is None and second.computed_as_reported is None
    assert "hazard ratio 0.71 (95% CI 0.52–0.97)" in second.explanation


# --- the default bundle ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def default():
    return load_bundle()


def test_default_555_differs_from_the_519_both_wrap_papers_report(default: Corpus) -> None:
    claim = default.claim("C05")
    index = next(i for i, n in enumerate(claim.numbers) if n.value == 555)
    check = check_number(default, claim, index)
    assert check.status == DIFFERS
    assert {(c.key, c.fact.value) for c in check.reported} == {
        ("cook2012a_wrap_psychservices", 519),
        ("cook2012b_wrap_schizbull", 519),
    }
    assert "registry enrollment" in {c.fact.role for c in check.matches}
    assert "not 555" in check.explanation and "trial registry (NCT01024569)" in check.explanation


def test_default_other_numbers_agree(default: Corpus) -> None:
    statuses = {(c.claim_id, c.number.display_value): c.status for c in check_numbers(default)}
    assert statuses.pop(("C05", "555")) == DIFFERS
    assert set(statuses.values()) == {AGREES}, statuses
    assert len(statuses) == 9


def test_default_findings(default: Corpus) -> None:
    found = cross_check(default)
    assert [p.severity for p in found] == ["finding", "finding"]
    wrap, picket = found
    assert wrap.message.startswith(
        "claim C05 states 555 individuals (sample size), but its "
        "cited sources report 519; 555 is the total enrollment"
    )
    assert wrap.file.endswith("claims.yaml") and wrap.line is not None
    assert picket.message == (
        "reference 3 of the article's list spells the author 'Picket'; the published record "
        "(cook2012_bridges_schizres) has 'Pickett'"
    )
    assert picket.file.endswith("article.md")


def test_default_core_readmission_effects(default: Corpus) -> None:
    [core] = [c for c in compare_effects(default) if c.result.id == "readmission-1y"]
    assert core.computed is not None and core.reported is not None
    assert (core.computed.events1, core.computed.total1) == (64, 218)
    assert (core.computed.events2, core.computed.total2) == (83, 216)
    computed = core.computed_as_reported
    assert computed is core.computed.odds_ratio
    assert (round(computed.value, 2), round(computed.low, 2), round(computed.high, 2)) == (
        0.67,
        0.45,
        0.99,
    )
    assert (core.reported.value, core.reported.low, core.reported.high) == (0.66, 0.43, 0.99)
    assert core.reported.p == 0.0438
    assert core.claim_ids == ("C10", "C11")
    assert "logit (Woolf)" in core.explanation
    assert "may be adjusted" in core.explanation and "does not record which" in core.explanation
