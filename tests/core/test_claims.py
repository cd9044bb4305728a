"""claims.yaml loading: validation reported all at once, by line, and safe YAML."""

from __future__ import annotations

from pathlib import Path

import pytest

from peertui.core.bundle.claims import BUILTIN_VOCABULARY, load_claims, parse_claims
from peertui.core.errors import UnusableInput
from peertui.core.models import NumberFact, Outcome, Study

GOOD = """\
studies:
  - id: core
    label: CORE trial
    refs: [johnson2018]
    design: randomised controlled trial

vocabulary:
  readmission-days: Days to readmission

claims:
  - id: C09
    text: >-
      Johnson and colleagues randomized 441
      individuals (4).
    cites: [johnson2018]
    section: First reason
    paragraph: 2
    kind: study
    notes: a note
    numbers:
      - value: 441
        unit: individuals
        role: sample size
        quote: randomized 441 individuals
      - value: 0.5
        quote: half
    outcomes:
      - id: hospital-readmission
        direction: improved
        timepoints: one year
        comparator: workbook by post
        study: core
        measure: lower rates of readmission
  - id: 10
    text: A claim with a numeric id.
    cites: johnson2018
"""


def messages(text: str) -> list[tuple[int | None, str, str]]:
    return [(p.line, p.severity, p.message) for p in parse_claims(text, "c.yaml").problems]


def test_a_good_file_loads_completely() -> None:
    result = parse_claims(GOOD, "claims.yaml")
    assert result.problems == []
    assert result.studies == [
        Study("core", "CORE trial", ["johnson2018"], "randomised controlled trial", line=2)
    ]
    assert result.vocabulary["readmission-days"] == "Days to readmission"
    assert all(result.vocabulary[k] == v for k, v in BUILTIN_VOCABULARY.items())
    first, second = result.claims
    assert first.id == "C09"
    assert first.text == "Johnson and colleagues randomized 441 individuals (4)."
    assert (first.cites, first.section, first.paragraph, first.kind, first.notes) == (
        ["johnson2018"],
        "First reason",
        2,
        "study",
        "a note",
    )
    assert first.line == 11
    assert first.numbers == [
        NumberFact(441, "individuals", "sample size", "randomized 441 individuals", line=21),
        NumberFact(0.5, "", "", "half", line=25),
    ]
    assert first.outcomes == [
        Outcome(
            "hospital-readmission",
            "improved",
            ["one year"],
            "workbook by post",
            "core",
            "lower rates of readmission",
            line=28,
        )
    ]
    assert (second.id, second.cites, second.line) == ("10", ["johnson2018"], 34)


def test_every_problem_is_reported_at_once_with_its_line() -> None:
    text = """\
claims:
  - id: A
    text: First.
    cites: [k1, 3]
    colour: red
    paragraph: zero
    numbers:
      - value: "8"
        quote: eight
      - unit: week
        quote: 8-week
      - value: 8
        unit: week
        quote: 8 weeks
    outcomes:
      - id: symptoms
        direction: sideways
      - direction: improved
      - id: hopefulness
        direction: Improved
  - id: A
    text: Duplicate id.
    cites: []
  - text: No id here.
    cites: []
  - id: B
    cites: []
  - id: C
    text: No cites.
  - just a string
"""
    result = parse_claims(text, "c.yaml")
    found = [(p.line, p.severity, p.message) for p in result.problems]
    assert found == [
        (4, "error", "claim 'A': 'cites' item 2 must be text, got a number; dropped"),
        (5, "warning", "claim 'A': unknown key 'colour' is ignored"),
        (6, "error", "claim 'A': 'paragraph' must be a whole number from 1, got 'zero'"),
        (
            8,
            "error",
            "claim 'A': number value must be a number, got text '8' "
            "(write it without quotes); dropped",
        ),
        (10, "error", "claim 'A': a number has no 'value'; dropped"),
        (
            17,
            "error",
            "claim 'A': outcome direction 'sideways' is not one of "
            "improved, no difference, worse, mixed, unclear",
        ),
        (18, "error", "claim 'A' outcome: 'id' is missing"),
        (21, "error", "duplicate claim id 'A' (first at line 2); this claim is skipped"),
        (24, "error", "claim 3: 'id' is missing; the claim is skipped"),
        (26, "error", "claim 'B': 'text' is missing; the claim is skipped"),
        (28, "error", "claim 'C': 'cites' is missing (write 'cites: []' for none)"),
        (30, "error", "claim 6 must be a mapping, got text"),
    ]
    claim_a, claim_c = result.claims
    assert claim_a.cites == ["k1"]
    assert claim_a.paragraph is None
    assert [n.quote for n in claim_a.numbers] == ["8 weeks"]
    assert [(o.id, o.direction) for o in claim_a.outcomes] == [("hopefulness", "improved")]
    assert (claim_c.id, claim_c.cites) == ("C", [])


def test_yaml_syntax_error_gives_one_problem_with_its_line() -> None:
    result = parse_claims("claims:\n  - id: A\n    text: [unclosed\n  - id: B\n", "c.yaml")
    assert result.claims == []
    assert len(result.problems) == 1
    problem = result.problems[0]
    assert problem.line == 4
    assert problem.message.startswith("YAML error: ")


def test_python_tags_are_refused_not_run(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    text = f"claims:\n  - id: A\n    text: !!python/object/apply:os.system ['touch {marker}']\n"
    result = parse_claims(text, "c.yaml")
    assert not marker.exists()
    assert result.claims == []
    assert [p.line for p in result.problems] == [3]
    assert "python/object/apply:os.system" in result.problems[0].message


def test_empty_sections_are_fine() -> None:
    result = parse_claims("studies:\nclaims:\n", "c.yaml")
    assert (result.claims, result.studies, result.problems) == ([], [], [])


def test_a_bare_list_of_claims_is_accepted() -> None:
    result = parse_claims("- id: A\n  text: T.\n  cites: []\n", "c.yaml")
    assert [c.id for c in result.claims] == ["A"]
    assert result.problems == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("42\n", "expected a mapping with 'claims' (or a list of claims), got a number"),
        ("claims: {id: A}\n", "'claims' must be a list, got a mapping"),
        ("studies: []\n", "no 'claims' list in this file"),
        ("", "no claims in this file"),
        ("claims: []\nclaims: []\n", "the file: 'claims' is given more than once"),
        ("claims: []\nextra: 1\n", "the file: unknown key 'extra' is ignored"),
        ("claims: []\nvocabulary: [a]\n", "'vocabulary' must be a mapping of id: label"),
        ("claims: []\nvocabulary:\n  x: 3\n", "vocabulary: 'x' needs a text label"),
    ],
)
def test_shape_problems(text: str, expected: str) -> None:
    assert any(expected in message for _, _, message in messages(text))


def test_studies_are_validated() -> None:
    text = """\
studies:
  - id: s1
  - id: s1
    label: Again
  - label: No id
  - id: s2
    refs: k1
claims: []
"""
    result = parse_claims(text, "c.yaml")
    assert [(s.id, s.label, s.refs) for s in result.studies] == [
        ("s1", "s1", []),
        ("s2", "s2", ["k1"]),
    ]
    assert [p.line for p in result.problems] == [3, 5]
    assert "duplicate study id 's1' (first at line 2)" in result.problems[0].message


def test_text_fields_must_be_text() -> None:
    found = messages("claims:\n  - id: A\n    text: 12\n    cites: []\n")
    assert found == [
        (3, "error", "claim 'A': 'text' must be text, got a number (put it in quotes)")
    ]


def test_load_claims_from_file(tmp_path: Path) -> None:
    path = tmp_path / "claims.yaml"
    path.write_text("claims:\n  - id: A\n    text: T.\n    cites: [k]\n    bad: 1\n")
    result = load_claims(path)
    assert [c.id for c in result.claims] == ["A"]
    assert [str(p) for p in result.problems] == [
        f"{path}:5: claim 'A': unknown key 'bad' is ignored"
    ]
    with pytest.raises(UnusableInput, match="no such file"):
        load_claims(tmp_path / "missing.yaml")


def test_numbers_must_be_finite() -> None:
    text = (
        "claims:\n  - id: A\n    text: T\n    cites: []\n    numbers:\n"
        "      - value: .nan\n        quote: T\n      - value: -.inf\n        quote: T\n"
    )
    result = parse_claims(text, "c.yaml")
    assert result.claims[0].numbers == []
    assert [(p.line, p.message) for p in result.problems] == [
        (6, "claim 'A': number value must be finite, got nan; dropped"),
        (8, "claim 'A': number value must be finite, got -inf; dropped"),
    ]


def test_aliases_that_expand_past_the_limit_are_refused_quickly() -> None:
    lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    lines += [
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 10)}]" for i in range(8)
    ]
    text = "\n".join(lines) + "\nclaims:\n  - id: A\n    text: T\n    cites: *i\n"
    result = parse_claims(text, "c.yaml")
    assert result.claims == []
    assert [(p.line, p.message) for p in result.problems] == [
        (
            None,
            "YAML error: its aliases expand to more than 200,000 values beyond those written "
            "out; refusing to read it",
        )
    ]


def test_a_large_file_without_aliases_is_read() -> None:
    """300,000 values written out are a big file, not an alias bomb."""
    claims = "".join(
        f"  - id: C{n}\n    text: T{n}\n    cites: [{', '.join(['k'] * 28)}]\n"
        for n in range(10_000)
    )
    result = parse_claims("claims:\n" + claims, "c.yaml")
    assert not [p for p in result.problems if "alias" in p.message]
    assert len(result.claims) == 10_000


def test_small_aliases_still_work() -> None:
    text = "refs: &r [k1, k2]\nclaims:\n  - id: A\n    text: T\n    cites: *r\n"
    result = parse_claims(text, "c.yaml")
    assert result.claims[0].cites == ["k1", "k2"]


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        (
            "claims: " + "[" * 3000 + "]" * 3000 + "\n",
            None,
            "YAML error: the data is nested too deeply",
        ),
        ("a: &a [*a]\nclaims: []\n", None, "YAML error: an alias refers to itself"),
        (
            "claims:\n  - id: " + "9" * 5000 + "\n",
            2,
            "YAML error: cannot read this value (Exceeds the limit (4300 digits) for integer "
            "string conversion)",
        ),
        (
            "claims:\n  - id: A\n    text: T\n    cites: []\n    section: 2001-13-45\n",
            5,
            "YAML error: cannot read this value (month must be in 1..12)",
        ),
    ],
)
def test_yaml_that_cannot_be_built_is_one_located_problem(
    text: str, line: int | None, message: str
) -> None:
    result = parse_claims(text, "c.yaml")
    assert result.claims == []
    assert [(p.line, p.message) for p in result.problems] == [(line, message)]


def test_huge_values_are_cut_short_in_messages() -> None:
    text = "claims:\n  - id: A\n    text: T\n    cites: []\n    paragraph: [" + "1, " * 5000 + "]\n"
    (problem,) = parse_claims(text, "c.yaml").problems
    assert (
        problem.message
        == "claim 'A': 'paragraph' must be a whole number from 1, got [1, 1, 1, 1, ...]"
    )
