"""Suggestions for messages: the key a typo meant, and where a near-verbatim text goes astray.

rapidfuzz is imported only when a suggestion is wanted (a clean bundle never needs one), so
what checks a bundle starts as fast as before.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from peertui.core.textutil import normalise_ws

#: How alike (0-100, rapidfuzz's ratio) a key must be to a typo to be offered for it.
KEY_CUTOFF = 75.0
#: How alike a passage must be to a claim's text to be called its closest (partial ratio).
PASSAGE_CUTOFF = 60.0
#: Characters of context shown on each side of a difference.
CONTEXT = 24
#: How many suggestions one check makes: each costs a fuzzy pass over every key or paragraph,
#: and a claims file written for another library would otherwise ask for thousands.
BUDGET = 50


def closest(word: str, choices: Iterable[str], cutoff: float = KEY_CUTOFF) -> str | None:
    """The choice most like `word` (case aside), or None when none is close enough."""
    from rapidfuzz import fuzz, process, utils

    found = process.extractOne(
        word,
        list(choices),
        scorer=fuzz.ratio,
        processor=utils.default_process,
        score_cutoff=cutoff,
    )
    return None if found is None else found[0]


class Hints:
    """Suggestions for one check's messages, at most BUDGET of them; then none."""

    def __init__(self, budget: int = BUDGET) -> None:
        self.left = budget

    def _spend(self) -> bool:
        self.left -= 1
        return self.left >= 0

    def meant(self, word: str, choices: Iterable[str]) -> str:
        """`did_you_mean`, while the budget lasts."""
        return did_you_mean(word, choices) if self._spend() else ""

    def departure(self, text: str, paragraphs: Sequence[str]) -> str:
        """`first_difference`, while the budget lasts."""
        return first_difference(text, paragraphs) if self._spend() else ""


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """ "; did you mean 'schuch2016'?" or "" when nothing is close."""
    found = closest(word, choices)
    return f"; did you mean {found!r}?" if found is not None else ""


def first_difference(text: str, paragraphs: Sequence[str]) -> str:
    """Where `text` first departs from the article passage most like it, in words for a
    message; "" when no passage is alike enough to be the one meant."""
    from rapidfuzz import fuzz

    needle = normalise_ws(text)
    best = None
    for number, paragraph in enumerate(paragraphs, start=1):
        hay = normalise_ws(paragraph)
        found = fuzz.partial_ratio_alignment(needle, hay, score_cutoff=PASSAGE_CUTOFF)
        if found is not None and (best is None or found.score > best[0].score):
            best = (found, number, hay)
    if best is None:
        return ""
    found, number, hay = best
    # The alignment is approximate: start where the most of the claim reads on unchanged.
    around = range(max(0, found.dest_start - CONTEXT), min(len(hay), found.dest_start + CONTEXT))
    at, start = max((_common_prefix(needle, hay[i:]), -i) for i in around)
    if at:
        start = -start
    else:  # differs from its first word: show the passage from the start of its word
        start = max(0, found.dest_start - found.src_start)
        while start > 0 and not hay[start - 1].isspace():
            start -= 1
    if at >= len(needle):
        return ""
    where = f"the closest passage (paragraph {number})"
    if at:
        where += f" matches up to “…{needle[max(0, at - CONTEXT) : at]}” and then"
    theirs, ours = _shown(hay, start + at), _shown(needle, at)
    return f"; {where} reads “{theirs}” where the claim has “{ours}”"


def _shown(text: str, at: int) -> str:
    part = text[at : at + CONTEXT]
    return part + "…" if at + CONTEXT < len(text) else part or "(the end)"


def _common_prefix(a: str, b: str) -> int:
    limit = min(len(a), len(b))
    for index in range(limit):
        if a[index] != b[index]:
            return index
    return limit
