"""A number's cross-check in a few words, for table cells and the CLI's claim view.

The JSON export carries the whole check (`export.tables.check_to_dict`); the table formats and
`peertui show` say the same thing briefly: "agrees", "differs (the sources report 519)",
"not reported by the sources", or "not checked" when no cited reference has source facts
recorded (no sources file, or none for these references): that is no finding at all.
"""

from __future__ import annotations

from peertui.core.analysis.crosscheck import AGREES, DIFFERS, NumberCheck, check_number
from peertui.core.models import Claim, Corpus

NOT_CHECKED = "not checked"


def is_checked(corpus: Corpus, claim: Claim) -> bool:
    """True when a cited reference has source facts recorded to compare the claim with."""
    return any(corpus.source(key) is not None for key in claim.cites)


def verdict(check: NumberCheck, checked: bool = True) -> str:
    """A cross-check in a few words (see the module's docstring)."""
    if not checked:
        return NOT_CHECKED
    if check.status == AGREES:
        return "agrees"
    if check.status == DIFFERS:
        values = sorted({c.fact.display_value for c in check.reported}, key=float)
        return f"differs (the sources report {' or '.join(values)})"
    return "not reported by the sources"


def claim_verdicts(corpus: Corpus, claim: Claim) -> list[tuple[NumberCheck, str]]:
    """Each of the claim's numbers' cross-checks, with its verdict, in the claim's order."""
    checked = is_checked(corpus, claim)
    found = []
    for index in range(len(claim.numbers)):
        check = check_number(corpus, claim, index)
        found.append((check, verdict(check, checked)))
    return found


def verdicts_cell(corpus: Corpus, claim: Claim) -> str:
    """The table export's cell: "8 week: not checked; 555 individuals: differs (...)"."""
    return "; ".join(
        f"{check.number.display_value} {check.number.unit}".rstrip() + f": {said}"
        for check, said in claim_verdicts(corpus, claim)
    )


def source_text(status: str, source: str, kind: str) -> str:
    """ "verified · togetherall.com abstract · secondary source" (a copy or report of the
    record, not the record itself)."""
    secondary = " · secondary source" if kind == "secondary" else ""
    return f"{status} · {' '.join(source.split())}{secondary}"
