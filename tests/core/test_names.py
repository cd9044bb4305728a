"""The author-field fast paths give exactly what bibtexparser's own splitter gives.

`split_names` replaces `split_multiple_persons_names` on the loader's hot path; these tests
compare the two over hand-picked cases, a seeded sweep and hypothesis-drawn text built from
the characters the splitter treats specially (whitespace, "and", braces, backslashes).
"""

from __future__ import annotations

import random

import pytest
from bibtexparser.middlewares.names import split_multiple_persons_names
from hypothesis import given, settings
from hypothesis import strategies as st

from peertui.core.bibtex.latex import decode_latex
from peertui.core.bibtex.names import decode_names, split_names

#: Pieces the splitter reacts to, and a few it must not (a tie, a no-break space, NUL).
_PIECES = [
    *" \t\r\nandANDxyz{}\\~\0',.-",
    " and ",
    " AND ",
    " And ",
    "\nand\t",
    '{\\"o}',
    "{\\'e}",
    "{\\v r}",
    "{\\O}",
    "{{x}}",
    "{{{y}}}",
    "{a and b}",
    "\\{",
    "\\}",
    " an\\d ",
    "\\ and ",
    "\u00a0and\u00a0",
    "é",
    "Smith, John",
    "others",
]
_FIELDS = st.lists(st.sampled_from(_PIECES), max_size=14).map("".join)


@pytest.mark.parametrize(
    "field",
    [
        "",
        "   ",
        "Donald E. Knuth",
        "Donald E. Knuth and Leslie Lamport",
        "Knuth, Donald E. AND Lamport, Leslie and others",
        "{Simon and Schuster}",
        "{Simon and Schuster} and Jones",
        "A and and B",
        "A and",
        "and B",
        "x an and y",
        "A\tand\nB",
        "A~and~B",
        "A\u00a0and\u00a0B",
        "M{\\\"u}ller, J{\\\"u}rgen and Dvo{\\v r}{\\'a}k, Luc{\\'i}a",
        "A and {\\O}ster, Michael",
        "A and \\'Emile",
        "A an\\xd B",
        "{{{deep}}} and B",
        "} and { and B",
        "A and B\\",
        "{A\\} and B}",
    ],
)
def test_split_names_matches_bibtexparser(field: str) -> None:
    assert split_names(field) == split_multiple_persons_names(field)


def test_split_names_matches_bibtexparser_over_a_seeded_sweep() -> None:
    rng = random.Random(20240501)
    for _ in range(20_000):
        field = "".join(rng.choice(_PIECES) for _ in range(rng.randint(0, 14)))
        assert split_names(field) == split_multiple_persons_names(field), field


@settings(max_examples=500, deadline=None)
@given(st.one_of(_FIELDS, st.text(max_size=40)))
def test_split_names_matches_bibtexparser_on_any_text(field: str) -> None:
    assert split_names(field) == split_multiple_persons_names(field)


@settings(max_examples=300, deadline=None)
@given(_FIELDS)
def test_decode_names_is_split_then_decode(field: str) -> None:
    expected = [decode_latex(name) for name in split_multiple_persons_names(field)]
    assert decode_names(field) == expected
