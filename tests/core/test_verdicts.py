"""A number's cross-check in a few words; with nothing recorded to compare, "not checked"."""

from __future__ import annotations

from peertui.core.analysis.verdicts import NOT_CHECKED, claim_verdicts, verdicts_cell
from peertui.core.bundle.load import load_bundle
from peertui.core.models import Claim, Corpus, NumberFact, Reference


def test_the_default_article_verdicts() -> None:
    corpus = load_bundle()
    c05 = corpus.claim("C05")
    assert c05 is not None
    assert [said for _, said in claim_verdicts(corpus, c05)] == [
        "agrees",
        "differs (the sources report 519)",
    ]


def test_without_source_facts_a_number_is_not_checked() -> None:
    number = NumberFact(120, "individuals", "sample size", "120 individuals")
    claim = Claim("A1", "We randomized 120 individuals (1).", cites=["k"], numbers=[number])
    corpus = Corpus(references=[Reference("k")], claims=[claim])
    assert [said for _, said in claim_verdicts(corpus, claim)] == [NOT_CHECKED]
    assert verdicts_cell(corpus, claim) == "120 individuals: not checked"
