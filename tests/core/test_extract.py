"""Quantities in prose, checked on the default article's own sentences and on edge cases."""

from __future__ import annotations

from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from peertui.core.analysis.extract import Quantity, citation_spans, extract_quantities, states_value

COOK_WRAP = (
    "Cook and colleagues conducted an outpatient 8-week wait-list control study of a "
    "peer-facilitated Wellness Recovery Action Plan (WRAP) group intervention with a total of "
    "555 individuals with serious mental health conditions (1, 2)."
)
FOLLOW_UP = (
    "At the end of treatment and 6-month follow-up, WRAP participants showed greater "
    "improvements over the intervention compared to wait-list period in mental health symptoms."
)
JOHNSON = (
    "Johnson and colleagues randomized 441 individuals who were exiting care from a mental "
    "health crisis team to receive either 10 individual sessions with a peer in the community "
    "focused on completing exercises in a personal recovery workbook or were mailed the "
    "recovery workbook without peer support (4)."
)
READMISSION = (
    "Participants in the peer-facilitated self-management intervention had lower rates of "
    "hospital readmission at one year and reported greater satisfaction with their mental "
    "health care services compared to the control group (see Figure 1)."
)
CAPTION = "Figure 1. Hospital readmission rates at one year"

BODY = (
    "The availability of peer support services has skyrocketed in recent years and is "
    "expected to continue to grow, in part from a focused and determined peer advocacy "
    "movement. While many peers and service users attest to the benefits of peer support "
    "services in enhancing recovery and wellness, the research literature is dominated by "
    "mixed reports about the effectiveness of peer support services. However, we argue "
    "this should not be taken as evidence that peer support services are not effective "
    "for several reasons which we outline below.\n\n"
    "First, several large, well-designed studies of peer-facilitated recovery "
    "self-management interventions have shown benefits over comparison conditions. Cook "
    "and colleagues conducted an outpatient 8-week wait-list control study of a "
    "peer-facilitated Wellness Recovery Action Plan (WRAP) group intervention with a "
    "total of 555 individuals with serious mental health conditions (1, 2). At the end of "
    "treatment and 6-month follow-up, WRAP participants showed greater improvements over "
    "the intervention compared to wait-list period in mental health symptoms, "
    "self-perceived recovery, hopefulness, quality of life, self-advocacy, personal "
    "confidence, and goal orientation. Another study by this group evaluated the "
    "peer-facilitated Building Recovery of Individual Dreams and Goals through Education "
    "and Support (BRIDGES) outpatient 8-week group intervention, using a wait-list "
    "control design, and included a total of 428 individuals with serious mental health "
    "conditions (3). Participants showed greater improvements over the intervention "
    "period in self-perceived recovery and some measures of hopefulness at the end of "
    "treatment and 6-month follow-up. Johnson and colleagues randomized 441 individuals "
    "who were exiting care from a mental health crisis team to receive either 10 "
    "individual sessions with a peer in the community focused on completing exercises in "
    "a personal recovery workbook or were mailed the recovery workbook without peer "
    "support (4). Participants in the peer-facilitated self-management intervention had "
    "lower rates of hospital readmission at one year and reported greater satisfaction "
    "with their mental health care services compared to the control group (see Figure 1).\n\n"
    "Figure 1. Hospital readmission rates at one year\n\n"
    "Secondly, peers offer a range of services and the range of how peer services are "
    "implemented in the real-world does not lend itself to gold-standard research "
    "designs, such as a randomized controlled trials of narrowly defined peer-facilitated "
    "self-management interventions. In practice, the type of peer support provided can "
    "look very different across programs, peers, and service users. One program may train "
    "peers to support recovery goals identified in clinical care (e.g., meet up at a "
    "coffee shop as pleasant event to decrease depression), while in another setting "
    "peers may provide valuable support that is independent from clinical care (e.g., "
    "assistance with finding a new apartment). Some researchers have emphasized the need "
    "for more comprehensive assessment of the impact of peers working across diverse "
    "roles, populations, and venues outside of traditional healthcare settings that may "
    "be better in line and welcoming of the values and principles of peer support (5).\n\n"
    "Thirdly, little is known about the mechanisms by which peer support brings about "
    "change. One way to explore this might be to evaluate differences in service users "
    "experience of and outcomes from interventions delivered by people with lived "
    "experience compared to these same interventions delivered by individuals who do not "
    "have lived experience. It may also be of interest to identify the benefits of "
    "matching peers based on background factors, life experiences and/or goals. For "
    "example, a peer supporter who has successfully quit smoking may perhaps bring more "
    "added value to a peer-led intervention for smoking cessation that a peer who never "
    "smoked or continues to smoke.\n\n"
    "We do agree that a thoughtful approach to future research on peer support is needed, "
    "in part to inform training and supervision models and to help clarify peer roles. "
    "Research can be used to improve existing programs and guide the expansion of peer "
    "support services to new environments and service users. Hopefully future research "
    "will better assess system-level impact of peer support programs and strategies to "
    "better support and fully integrate peers in existing systems of care."
)


def found(text: str) -> list[tuple[str, float, str, str]]:
    """(text, value, unit, role) of every quantity, the shape most assertions compare."""
    return [(q.text, q.value, q.unit, q.role) for q in extract_quantities(text)]


# -- the article's sentences -----------------------------------------------------------------


def test_cook_wrap_sentence() -> None:
    assert found(COOK_WRAP) == [
        ("8-week", 8.0, "week", "duration"),
        ("555 individuals", 555.0, "individual", "sample size"),
    ]


def test_six_month_follow_up_keeps_text_and_sets_role() -> None:
    assert found(FOLLOW_UP) == [("6-month", 6.0, "month", "follow-up")]


def test_johnson_sentence_skips_the_citation_marker() -> None:
    assert found(JOHNSON) == [
        ("441 individuals", 441.0, "individual", "sample size"),
        ("10 individual sessions", 10.0, "session", "session count"),
    ]


def test_one_year_is_a_timepoint_and_figure_label_is_not_a_quantity() -> None:
    assert found(READMISSION) == [("one year", 1.0, "year", "timepoint")]
    assert found(CAPTION) == [("one year", 1.0, "year", "timepoint")]


@pytest.mark.parametrize(
    "sentence",
    [
        "First, several large, well-designed studies have shown benefits.",
        "Secondly, peers offer a range of services.",
        "Thirdly, little is known about the mechanisms.",
        "One program may train peers to support recovery goals identified in clinical care.",
        "One way to explore this might be to evaluate differences in service users.",
        "That was one of them, and the 1st or 2nd of the 3rd kind.",
        "It was the second week of the first year.",
    ],
)
def test_ordinals_and_number_words_without_units_are_not_quantities(sentence: str) -> None:
    assert found(sentence) == []


def test_whole_body_yields_exactly_its_ten_quantities() -> None:
    assert found(BODY) == [
        ("8-week", 8.0, "week", "duration"),
        ("555 individuals", 555.0, "individual", "sample size"),
        ("6-month", 6.0, "month", "follow-up"),
        ("8-week", 8.0, "week", "duration"),
        ("428 individuals", 428.0, "individual", "sample size"),
        ("6-month", 6.0, "month", "follow-up"),
        ("441 individuals", 441.0, "individual", "sample size"),
        ("10 individual sessions", 10.0, "session", "session count"),
        ("one year", 1.0, "year", "timepoint"),
        ("one year", 1.0, "year", "timepoint"),
    ]


def test_offsets_point_at_the_verbatim_text() -> None:
    quantities = extract_quantities(BODY)
    assert all(BODY[q.start : q.end] == q.text for q in quantities)
    assert [q.start for q in quantities] == sorted(q.start for q in quantities)


# -- numbers in their many forms -------------------------------------------------------------


def test_percentages() -> None:
    assert found("Of these, 29% relapsed; 29 percent; 12.5 % and 7 per cent.") == [
        ("29%", 29.0, "%", "percentage"),
        ("29 percent", 29.0, "%", "percentage"),
        ("12.5 %", 12.5, "%", "percentage"),
        ("7 per cent", 7.0, "%", "percentage"),
    ]
    assert found("roughly twenty percent of them") == [("twenty percent", 20.0, "%", "percentage")]


def test_ranges_carry_their_high_end() -> None:
    quantities = extract_quantities(
        "over 6–12 months, scores 6-12, OR 0.66 (95% CI 0.43–0.99), 6 to 12 weeks, 20%–30%"
    )
    assert [(q.text, q.value, q.high, q.unit, q.role) for q in quantities] == [
        ("6–12 months", 6.0, 12.0, "month", "duration"),
        ("6-12", 6.0, 12.0, "", "range"),
        ("0.66", 0.66, None, "", ""),
        ("95%", 95.0, None, "%", "percentage"),
        ("0.43–0.99", 0.43, 0.99, "", "range"),
        ("6 to 12 weeks", 6.0, 12.0, "week", "duration"),
        ("20%–30%", 20.0, 30.0, "%", "percentage"),
    ]


def test_counts_put_the_denominator_in_high() -> None:
    quantities = extract_quantities("relapse in 64/218 and in 12 of 40 patients")
    assert [(q.text, q.value, q.high, q.unit, q.role) for q in quantities] == [
        ("64/218", 64.0, 218.0, "", "count"),
        ("12 of 40 patients", 12.0, 40.0, "patient", "count"),
    ]


def test_thousands_separators_and_decimals() -> None:
    assert found("1,234 people and 12,000,000.5 units; d = 0.66") == [
        ("1,234 people", 1234.0, "people", "sample size"),
        ("12,000,000.5", 12000000.5, "", ""),
        ("0.66", 0.66, "", ""),
    ]
    assert found("a sample (n = 555) and N=12") == [
        ("n = 555", 555.0, "", "sample size"),
        ("N=12", 12.0, "", "sample size"),
    ]


def test_number_words_need_a_unit_noun() -> None:
    assert found(
        "ten sessions, twenty-two participants, one hundred patients, "
        "one hundred and twenty adults, ten individual sessions, a three-arm trial"
    ) == [
        ("ten sessions", 10.0, "session", "session count"),
        ("twenty-two participants", 22.0, "participant", "sample size"),
        ("one hundred patients", 100.0, "patient", "sample size"),
        ("one hundred and twenty adults", 120.0, "adult", "sample size"),
        ("ten individual sessions", 10.0, "session", "session count"),
        ("three-arm", 3.0, "arm", "count"),
    ]


def test_number_words_inside_compounds_are_not_counts() -> None:
    assert found("one-to-one sessions") == []
    assert found("a one-year follow-up") == [("one-year", 1.0, "year", "follow-up")]


def test_singular_units_and_adjectives() -> None:
    assert found("3 studies, 2 children, 5 patient groups, a 1 year study") == [
        ("3 studies", 3.0, "study", "count"),
        ("2 children", 2.0, "child", "sample size"),
        ("5 patient groups", 5.0, "group", "count"),
        ("1 year", 1.0, "year", "duration"),
    ]


def test_time_roles() -> None:
    assert found("at 6 months, after 2 weeks, over 3 years, 12 months follow-up") == [
        ("6 months", 6.0, "month", "timepoint"),
        ("2 weeks", 2.0, "week", "timepoint"),
        ("3 years", 3.0, "year", "duration"),
        ("12 months", 12.0, "month", "follow-up"),
    ]


def test_a_bare_list_item_borrows_the_unit_that_follows() -> None:
    assert found("assessed at 3, 6 and 12 months") == [
        ("3", 3.0, "month", "timepoint"),
        ("6", 6.0, "month", "timepoint"),
        ("12 months", 12.0, "month", "timepoint"),
    ]


def test_negative_numbers() -> None:
    quantities = extract_quantities("a change of −0.5 (-1.2 to 0.3)")
    assert [(q.text, q.value, q.high) for q in quantities] == [
        ("−0.5", -0.5, None),
        ("-1.2 to 0.3", -1.2, 0.3),
    ]


# -- what is never a quantity ----------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "(1, 2)",
        "(3)",
        "(1-3)",
        "see Figure 1, Table 2, Fig. 3 and Figures 1 and 2, table S4",
        "during COVID-19 and H1N1",
        "registered as NCT01024569.",
        "doi: 10.1176/appi.ps.201100125",
        "https://doi.org/10.1176/appi.ps.201100125",
        "as reported (2012a) and (Cook et al., 2012; Johnson 2018)",
        "on 12/05/2020",
        "took 10mg in mid-2018",
    ],
)
def test_not_quantities(text: str) -> None:
    assert found(text) == []


def test_years_in_prose_are_kept() -> None:
    assert found("In 2018, and again over 2010–2015, 2000 patients") == [
        ("2018", 2018.0, "", "year"),
        ("2010–2015", 2010.0, "", "year"),
        ("2000 patients", 2000.0, "patient", "sample size"),
    ]
    assert found("a score of 3000") == [("3000", 3000.0, "", "")]


# -- helpers ---------------------------------------------------------------------------------


def test_citation_spans() -> None:
    text = "shown (1, 2) and later (3); see (1-3) but not (2012)."
    spans = citation_spans(text)
    assert [text[s:e] for s, e in spans] == ["(1, 2)", "(3)", "(1-3)"]


def test_states_value() -> None:
    assert states_value("555 individuals", 555)
    assert not states_value("555 individuals", 519)
    assert states_value("6–12 months", 12)
    assert states_value("one year", 1)
    assert not states_value("(4)", 4)


def test_as_number_fact_quotes_the_span() -> None:
    fact = Quantity(8.0, "week", "duration", "8-week", 0, 6).as_number_fact(note="WRAP")
    assert (fact.value, fact.unit, fact.role, fact.quote, fact.note) == (
        8.0,
        "week",
        "duration",
        "8-week",
        "WRAP",
    )


@given(st.text(alphabet=st.sampled_from("0123456789 ,.-–%/()anodtwyersix"), max_size=60))
def test_any_text_gives_sorted_verbatim_spans(text: str) -> None:
    quantities = extract_quantities(text)
    assert all(text[q.start : q.end] == q.text for q in quantities)
    assert all(a.end <= b.start for a, b in pairwise(quantities))
