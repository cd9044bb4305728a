"""Sentence boundaries: never at abbreviations, initials, decimals or inside a marker."""

from __future__ import annotations

import pytest

from peertui.core.ingest.sentences import collapse, split_sentences


def _split(text: str, protect: tuple[str, ...] = ()) -> list[str]:
    spans = [(text.index(p), text.index(p) + len(p)) for p in protect]
    return [text[a:b] for a, b in split_sentences(text, spans)]


@pytest.mark.parametrize(
    "text",
    [
        "As Smith et al. (2012) showed, the rate fell.",
        "Some trials, e.g. CORE, were large.",
        "Most, i.e. Nine of ten, agreed.",
        "As in Fig. 2 and Figs. 3 and 4, it rose.",
        "The rate was 3.5 per cent overall.",
        "J. R. Smith and A. Lee agreed.",
        "Data from the U.S. Army were used.",
        "Compare ref. 12 with vs. Model B here.",
    ],
)
def test_no_break_inside(text: str) -> None:
    assert _split(text) == [text]


def test_breaks_at_sentence_ends_and_keeps_glued_markers() -> None:
    text = 'It rose [3]. It fell.[4] Then "it stopped." Why? Because! 12 people left.'
    got = _split(text, ("[4]",))
    assert got == [
        "It rose [3].",
        "It fell.[4]",
        'Then "it stopped."',
        "Why?",
        "Because!",
        "12 people left.",
    ]


def test_superscript_marker_after_the_full_stop_stays_with_its_sentence() -> None:
    text = "Smokers start young.^1,2^ Most quit later."
    assert _split(text, ("1,2",)) == ["Smokers start young.^1,2^", "Most quit later."]


def test_never_inside_a_protected_span() -> None:
    text = "See (Smith et al. 2012. Lee 2013) for more."
    assert _split(text, ("(Smith et al. 2012. Lee 2013)",)) == [text]
    assert _split("One. Two.") == ["One.", "Two."]


def test_collapse_maps_offsets() -> None:
    text, where = collapse("  a \n b  c ")
    assert text == "a b c"
    assert [text[where[i]] for i in (2, 6, 9)] == ["a", "b", "c"]
    plain, same = collapse("already flat")
    assert plain == "already flat" and list(same) == list(range(13))
