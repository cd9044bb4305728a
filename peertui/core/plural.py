"""Counted nouns in messages: "1 error", "2 errors", "1 quantity", "3 quantities".

One helper for the CLI, the app and every core message that counts things, so no surface
says "1 errors" or "1 problems".
"""

from __future__ import annotations

from collections.abc import Iterable

#: Nouns whose plural the rules below would get wrong.
_IRREGULAR = {"index": "indices", "analysis": "analyses", "criterion": "criteria"}
_VOWELS = frozenset("aeiou")


def plural_of(noun: str) -> str:
    """The plural of an English noun of peertui's messages ("entry" -> "entries")."""
    if noun in _IRREGULAR:
        return _IRREGULAR[noun]
    if noun.endswith("y") and len(noun) > 1 and noun[-2] not in _VOWELS:
        return noun[:-1] + "ies"
    if noun.endswith(("s", "x", "z", "ch", "sh")):
        return noun + "es"
    return noun + "s"


def plural(count: int, noun: str, many: str | None = None) -> str:
    """ "1 error", "0 errors", "2 errors"; `many` names an irregular plural."""
    return f"{count:,} {noun}" if count == 1 else f"{count:,} {many or plural_of(noun)}"


def counted(pairs: Iterable[tuple[int, str]], *, skip_zero: bool = False) -> str:
    """ "2 errors, 1 warning" from (count, noun) pairs; `skip_zero` leaves out the zeros."""
    return ", ".join(plural(n, noun) for n, noun in pairs if n or not skip_zero)


def severity_tally(severities: Iterable[str]) -> str:
    """ "2 errors, 1 warning, 3 findings": each severity present, in the order first met."""
    counts: dict[str, int] = {}
    for severity in severities:
        counts[severity] = counts.get(severity, 0) + 1
    return counted((n, severity) for severity, n in counts.items())
