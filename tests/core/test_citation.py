"""The formatted citation: no doubled punctuation, no tag run into the next field."""

from __future__ import annotations

from peertui.core.citation import TAG, citation_runs, citation_text
from peertui.core.models import Reference


def gillard() -> Reference:
    return Reference(
        "gillard2019",
        authors=["Gillard, Steve"],
        title="Peer support: do we want to go there?",
        journal="Journal of Mental Health",
        year="2019",
        volume="28",
        issue="4",
        pages="341–344",
        doi="10.1080/09638237.2019.1608935",
        unverified=frozenset({"volume", "issue"}),
    )


def test_a_title_ending_in_a_question_mark_gets_no_period() -> None:
    assert citation_text(gillard()) == (
        "Gillard, Steve (2019). Peer support: do we want to go there? Journal of Mental Health, "
        "28(4), 341–344. DOI 10.1080/09638237.2019.1608935"
    )


def test_tags_are_set_apart_from_the_next_field() -> None:
    text = citation_text(gillard(), tags=True)
    assert "there? Journal of Mental Health, 28 [unverified] (4) [unverified], 341–344." in text
    assert "?." not in text and "](" not in text
    assert [kind for kind, _ in citation_runs(gillard())].count(TAG) == 2


def test_a_title_ending_in_a_period_keeps_one() -> None:
    ref = Reference("k", title="A study.", journal="J", year="2020")
    assert citation_text(ref) == "(2020). A study. J."
