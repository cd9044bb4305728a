"""The marks and words every front end uses for a claim's state and a number's cross-check.

Two questions, two sets of marks: is the entry valid (✓ / ✗), and what do its cited sources
say about its numbers (= agrees, ≠ differs, ○ not reported by the sources, · not checked). A
finding about the article is never shown under a ✓, and a number no source was consulted for
reads "not checked", not as if the sources were silent. The words and the rule for "checked"
are the CLI's (`peertui.core.analysis.verdicts`); this module adds the marks, and is imported
before the first frame without the cross-check.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from peertui.core.models import Claim, Corpus

if TYPE_CHECKING:
    from peertui.core.analysis.crosscheck import NumberCheck

#: The entry is valid (it loaded and verified cleanly) / it has problems.
VALID_MARK, INVALID_MARK = "✓", "✗"
#: A cross-check's verdicts.
AGREES_MARK, DIFFERS_MARK, ABSENT_MARK, UNCHECKED_MARK = "=", "≠", "○", "·"


def verdict(corpus: Corpus, claim: Claim, check: NumberCheck) -> tuple[str, str]:
    """(mark, words) for a number's cross-check: "≠", "differs" and so on."""
    from peertui.core.analysis.crosscheck import AGREES, DIFFERS
    from peertui.core.analysis.verdicts import NOT_CHECKED, is_checked

    if not is_checked(corpus, claim):
        return UNCHECKED_MARK, NOT_CHECKED
    if check.status == AGREES:
        return AGREES_MARK, "agrees"
    if check.status == DIFFERS:
        return DIFFERS_MARK, "differs"
    return ABSENT_MARK, "not reported by the sources"


def why_not_checked(corpus: Corpus, claim: Claim) -> str:
    """Why a claim's numbers could not be compared with its sources."""
    if not claim.cites:
        return "the claim cites no reference"
    if "sources" not in corpus.paths and not corpus.sources:
        return "the bundle has no sources file"
    return "the sources file records nothing for its references"
