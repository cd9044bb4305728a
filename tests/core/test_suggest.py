"""Suggestions in messages, and their budget: a claims file written for another library must
not cost a fuzzy pass over every key for each of its thousands of claims."""

from __future__ import annotations

from peertui.core.analysis.verify import verify
from peertui.core.models import Claim, Corpus, Reference
from peertui.core.suggest import BUDGET, Hints, closest, did_you_mean


def test_closest_ignores_case_and_needs_likeness() -> None:
    assert closest("SCHUCH2061", ["schuch2016", "cook2012"]) == "schuch2016"
    assert did_you_mean("zzz", ["schuch2016"]) == ""


def test_hints_stop_when_the_budget_is_spent() -> None:
    hints = Hints(budget=2)
    said = [hints.meant("smith2002", ["smith2020"]) for _ in range(3)]
    assert said == ["; did you mean 'smith2020'?"] * 2 + [""]


def test_verify_suggests_for_the_first_keys_only() -> None:
    refs = [Reference(f"smith{n:04d}") for n in range(100)]
    claims = [Claim(f"C{n}", "text", cites=[f"smith{n:04d}x"]) for n in range(BUDGET + 10)]
    messages = [p.message for p in verify(Corpus(references=refs, claims=claims))]
    assert len(messages) == BUDGET + 10
    assert sum("did you mean" in m for m in messages) == BUDGET
    assert (
        messages[0]
        == "claim C0 cites 'smith0000x', which is not in the bib; did you mean 'smith0000'?"
    )
