"""Quantities stated in prose: "8-week", "555 individuals", "one year", "29%", "6–12 months".

The checker compares every number a claim lists against what the article actually states, so
this module errs on the side of precision: citation markers, figure and table labels,
identifiers (COVID-19, NCT01024569, DOIs) and ordinals are never quantities, and a number
written in words only counts when a unit noun follows it ("one year", not "One program").

Conventions worth knowing:

- `unit` is a singular, lower-case noun ("week", "individual", "session"), "%" for percentages,
  or "" when no known unit noun follows the number.
- A range ("6–12 months", "0.43–0.99", "6 to 12 weeks") has `value` = low end, `high` = high end.
- A count written "64/218" or "64 of 218 patients" has `value` = 64, `high` = 218 (the
  denominator) and role "count".
- In a list such as "at 6 and 12 months" the bare "6" borrows the unit and role of "12 months";
  its `text` stays "6".
- Digits glued to letters ("10mg", "1st", "mid-2018") are skipped with the identifiers.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from functools import lru_cache

from text_to_num import text2num

from peertui.core.models import CITATION_MARKER, NumberFact

__all__ = ["Quantity", "citation_spans", "extract_quantities", "states_value"]


@dataclass(frozen=True, slots=True)
class Quantity:
    """One quantity found in text, with the verbatim span it came from."""

    value: float
    unit: str
    role: str
    text: str
    start: int
    end: int
    high: float | None = None

    def as_number_fact(self, note: str = "") -> NumberFact:
        """The quantity as a claim's `NumberFact`, quoting the matched span."""
        return NumberFact(
            value=self.value, unit=self.unit, role=self.role, quote=self.text, note=note
        )


# -- unit nouns ------------------------------------------------------------------------------

# fmt: off
_TIME_UNITS = ("year", "month", "week", "day", "hour", "minute", "second", "decade")
_PEOPLE_UNITS = (
    "individual", "participant", "people", "patient", "person", "adult", "child", "adolescent",
    "youth", "veteran", "client", "user", "respondent", "subject", "woman", "man", "member", "peer",
    "student", "caregiver", "family", "resident",
)
_SESSION_UNITS = (
    "session", "visit", "meeting", "contact", "call", "class", "lesson", "appointment",
)
_COUNT_UNITS = (
    "trial", "study", "site", "team", "arm", "group", "item", "hospital", "clinic", "center",
    "centre", "country", "cohort", "ward", "region", "article", "paper", "record", "question",
    "domain", "module",
)
#: Function words that cannot stand between a number and its unit as an adjective.
_CONNECTORS = frozenset((
    "a", "an", "the", "of", "and", "or", "nor", "to", "in", "at", "on", "by", "for", "from", "with",
    "per", "than", "vs", "versus", "into", "over", "under", "between", "among", "across", "within",
    "without", "who", "which", "that", "were", "was", "are", "is", "had", "has", "have",
))
# fmt: on
_IRREGULAR = {"people": "people", "persons": "person", "children": "child", "women": "woman"}
_IRREGULAR["men"] = "man"


def _plural(noun: str) -> str:
    """Regular English plural of one of our unit nouns."""
    if noun.endswith("y") and noun[-2] not in "aeiou":
        return noun[:-1] + "ies"
    return noun + ("es" if noun.endswith(("s", "ch", "sh")) else "s")


def _unit_forms() -> dict[str, str]:
    """Every written form of a unit noun, lower-case, mapped to its singular."""
    forms: dict[str, str] = {}
    for noun in _TIME_UNITS + _PEOPLE_UNITS + _SESSION_UNITS + _COUNT_UNITS:
        forms[noun] = noun
        if noun != "people":
            forms[_plural(noun)] = noun
    forms.update(_IRREGULAR)
    return forms


#: Written form (lower-case) -> singular unit noun.
UNIT_FORMS: dict[str, str] = _unit_forms()

_ROLE_BY_UNIT: dict[str, str] = {u: "duration" for u in _TIME_UNITS}
_ROLE_BY_UNIT |= {u: "sample size" for u in _PEOPLE_UNITS}
_ROLE_BY_UNIT |= {u: "session count" for u in _SESSION_UNITS}
_ROLE_BY_UNIT |= {u: "count" for u in _COUNT_UNITS}
_ROLE_BY_UNIT["%"] = "percentage"

# -- patterns (compiled once) ----------------------------------------------------------------

_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_PCT = r"[ \t]?%|[ \t]+per[ \t]?cent\b|[ \t]+percent\b"
_YEAR = r"(?:19|20)\d\d[a-z]?"
_CITE_BY_YEAR = (
    rf"\((?:[A-Z][^()\d]*?[\s,])?{_YEAR}(?:\s*[;,]\s*(?:[A-Z][^()\d]*?[\s,])?{_YEAR})*\)"
)
_LABEL = (
    r"\b(?i:fig(?:ure)?s?\.?|tables?|appendix|box|eq(?:uation)?s?\.?)[ \t]*S?\d+[A-Za-z]?"
    r"(?:[ \t]*(?:,|and|&|–|-)[ \t]*S?\d+[A-Za-z]?)*"
)
#: Numeric citation markers in brackets or Markdown superscript: "[3]", "[3, 7–9]", "^1,2^".
_CITE_BRACKETS = r"\[\d{1,3}(?:\s*[,–-]\s*\d{1,3})*\]|\^\d{1,3}(?:\s*[,–-]\s*\d{1,3})*\^"
#: Every alternative of `_SCAN` starts with one of these; the look-ahead saves most attempts.
_STARTS = r"(?=[\d(nNhHwWdDfFtTaAbBeE\-−\[^])"

_SCAN = re.compile(
    rf"""
    {_STARTS}
    (?: (?P<n>\b[nN][ \t]*=[ \t]*(?P<nval>{_NUM})\b)
  | (?P<skip>
        \b(?i:https?://|www\.|doi:\s*)\S+ | \b10\.\d{{4,9}}/\S+
      | {CITATION_MARKER.pattern}
      | {_CITE_BRACKETS}
      | {_CITE_BY_YEAR}
      | {_LABEL}
      | \b\d{{1,4}}[/.]\d{{1,2}}[/.]\d{{2,4}}\b
      | \b(?<![\d.,])\d[\d.,]*[A-Za-z][\w./-]*  # from a run's first digit only: linear
    )
  | (?P<num>
        (?P<sign>(?<![\w).\]%-])[−-])?(?<![\w.])(?<![A-Za-z]-)(?P<a>{_NUM})
        (?:
            /(?P<den>{_NUM})(?![/\d])
          | (?P<pa>{_PCT})?
            (?:(?:[ \t]*[–—-][ \t]*|[ \t]+to[ \t]+)(?P<bsign>[−-])?(?P<b>{_NUM})(?![\d/]))?
            (?P<pct>{_PCT})?
        )
    ))
    """,
    re.VERBOSE,
)
_SP = r"(?:[ \t]+\n?[ \t]*|\n[ \t]*)"
_NEXT_WORDS = re.compile(rf"{_SP}([A-Za-z][A-Za-z-]*)(?:{_SP}([A-Za-z]+))?")
_HYPHEN_WORD = re.compile(r"-([A-Za-z]+)\b")
_FOLLOW_UP = re.compile(r"[\s-]+follow[\s-]?ups?\b|[\s-]+followups?\b", re.IGNORECASE)
_OF_TOTAL = re.compile(rf"{_SP}of{_SP}(?:(?:a[ \t]+)?total[ \t]+of[ \t]+)?({_NUM})(?![\w.])")
_AT_BEFORE = re.compile(r"\b(?:at|after)\s+$", re.IGNORECASE)
_LIST_GAP = re.compile(r"\s*(?:,\s*(?:and|or)?|and|or)\s*")
_ALPHA = re.compile(r"[A-Za-z]+")
_MAX_RUN = 6  # number words in one spelled-out number ("one hundred and twenty two")


# -- public API ------------------------------------------------------------------------------


def citation_spans(text: str) -> list[tuple[int, int]]:
    """Spans of numeric citation markers such as "(1, 2)", "(3)" or "(1-3)"."""
    return [m.span() for m in CITATION_MARKER.finditer(text)]


def states_value(quote: str, value: float) -> bool:
    """True when `quote` states `value` (either end of a range counts)."""
    for q in extract_quantities(quote):
        if _same(q.value, value) or (q.high is not None and _same(q.high, value)):
            return True
    return False


def extract_quantities(text: str) -> list[Quantity]:
    """Every quantity stated in `text`, in order of position."""
    found: list[Quantity] = []
    skipped: list[tuple[int, int]] = []
    for m in _SCAN.finditer(text):
        if m["skip"] is not None:
            skipped.append(m.span())
        elif m["n"] is not None:
            found.append(Quantity(_num(m["nval"]), "", "sample size", m[0], m.start(), m.end()))
        else:
            found.append(_from_digits(text, m))
    found.extend(q for q in _from_words(text) if not _overlaps(q, skipped))
    return _share_units(text, _resolve(found))


# -- digits ----------------------------------------------------------------------------------


def _from_digits(text: str, m: re.Match[str]) -> Quantity:
    """Build a quantity from a numeric match, reading its unit from the words that follow."""
    start, end = m.start(), m.end()
    value = _num(m["a"]) * (-1 if m["sign"] else 1)
    if m["den"] is not None:
        unit, end = _unit_after(text, end)
        return Quantity(value, unit, "count", text[start:end], start, end, _num(m["den"]))
    high = None
    if m["b"] is not None:
        high = _num(m["b"]) * (-1 if m["bsign"] else 1)
    if m["pa"] or m["pct"]:
        return Quantity(value, "%", "percentage", m[0], start, end, high)
    if high is None and (total := _OF_TOTAL.match(text, end)):
        unit, end = _unit_after(text, total.end())
        return Quantity(value, unit, "count", text[start:end], start, end, _num(total[1]))
    unit, end = _unit_after(text, end)
    if unit:
        role = _role(text, start, end, unit)
    elif high is not None:
        role = "year" if _is_year(m["a"]) and _is_year(m["b"]) else "range"
    else:
        role = "year" if _is_year(m["a"]) and not m["sign"] else ""
    return Quantity(value, unit, role, text[start:end], start, end, high)


def _unit_after(text: str, pos: int) -> tuple[str, int]:
    """The unit noun after position `pos` and where it ends, or ("", pos)."""
    if (hy := _HYPHEN_WORD.match(text, pos)) and (unit := UNIT_FORMS.get(hy[1].lower())):
        return unit, hy.end()
    words = _NEXT_WORDS.match(text, pos)
    if words is None:
        return "", pos
    first, second = words[1].lower(), (words[2] or "").lower()
    unit1, unit2 = UNIT_FORMS.get(first), UNIT_FORMS.get(second)
    if unit1 and not (unit2 and _adjective(first)):
        return unit1, words.end(1)
    if unit2 and _adjective(first):
        return unit2, words.end(2)
    return "", pos


def _adjective(word: str) -> bool:
    """Whether `word` (lower-case) may sit between a number and its unit ("10 individual sessions").

    A unit noun qualifies only in its singular, non-time form: "individual sessions" but not
    "individuals sessions" or "year study" (that is a one-year study).
    """
    if word in _CONNECTORS:
        return False
    unit = UNIT_FORMS.get(word)
    return unit is None or (unit == word and unit not in _TIME_UNITS and unit != "people")


# -- number words ----------------------------------------------------------------------------


def _from_words(text: str) -> list[Quantity]:
    """Spelled-out numbers followed by a unit noun, found by looking back from each unit noun."""
    found: list[Quantity] = []
    for m in _ALPHA.finditer(text):
        word = m[0].lower()
        unit = "%" if word == "percent" else UNIT_FORMS.get(word)
        if unit is None or (spec := _number_before(text, m.start())) is None:
            continue
        start, value = spec
        role = _role(text, start, m.end(), unit)
        found.append(Quantity(value, unit, role, text[start : m.end()], start, m.end()))
    return found


def _number_before(text: str, pos: int) -> tuple[int, float] | None:
    """Start and value of a spelled-out number ending just before the unit at `pos`.

    The number may be joined to the unit by a hyphen ("one-year") or by whitespace, and one
    adjective may sit in between ("ten individual sessions").
    """
    base = max(0, pos - 100)
    tokens = [(t.start(), t.end(), t[0].lower()) for t in _ALPHA.finditer(text, base, pos)]
    if not tokens:
        return None
    gap = text[tokens[-1][1] : pos]
    if gap == "-" or (gap and gap.isspace()):
        found = _run_ending(text, tokens, len(tokens) - 1)
        if found is not None:
            return found
    if len(tokens) > 1 and gap and gap.isspace() and _adjective(tokens[-1][2]):
        inner = text[tokens[-2][1] : tokens[-1][0]]
        if inner and inner.isspace():
            return _run_ending(text, tokens, len(tokens) - 2)
    return None


def _run_ending(
    text: str, tokens: list[tuple[int, int, str]], last: int
) -> tuple[int, float] | None:
    """The longest run of number words ending at `tokens[last]`, as (start, value).

    A run hyphenated onto a word that is not a number is part of a compound ("one-to-one
    sessions"), not a count, so it yields None.
    """
    best: tuple[int, float] | None = None
    for first in range(last, max(-1, last - _MAX_RUN), -1):
        join = text[tokens[first][1] : tokens[first + 1][0]] if first < last else " "
        if not (join == "-" or join.isspace()):
            break
        if tokens[first][2] == "and":
            continue
        value = _words_value(tuple(t[2] for t in tokens[first : last + 1]))
        if value is None:
            return None if join == "-" else best
        start = tokens[first][0]
        if start == 0 or not text[start - 1].isalnum():
            best = (start, value)
    return best


@lru_cache(maxsize=2048)
def _words_value(words: tuple[str, ...]) -> float | None:
    """The value text2num reads in these lower-case words, or None when they are not a number."""
    if any(len(w) < 2 for w in words):
        return None
    try:
        return float(text2num(" ".join(words), "en"))
    except ValueError:
        return None


# -- roles, lists, overlaps ------------------------------------------------------------------


def _role(text: str, start: int, end: int, unit: str) -> str:
    """The role a quantity plays, from its unit and the words around it."""
    role = _ROLE_BY_UNIT.get(unit, "")
    if role != "duration":
        return role
    if _FOLLOW_UP.match(text, end):
        return "follow-up"
    if _AT_BEFORE.search(text, max(0, start - 8), start):
        return "timepoint"
    return role


def _share_units(text: str, found: list[Quantity]) -> list[Quantity]:
    """Give a bare number the unit of the next list item: "at 6 and 12 months"."""
    out = list(found)
    for i in range(len(out) - 2, -1, -1):
        q, nxt = out[i], out[i + 1]
        if q.unit or q.role or not nxt.unit or not _LIST_GAP.fullmatch(text, q.end, nxt.start):
            continue
        out[i] = replace(q, unit=nxt.unit, role=nxt.role)
    for i, q in enumerate(out):
        if q.role != "duration" or not _AT_BEFORE.search(text, max(0, q.start - 8), q.start):
            continue
        j = i
        while (
            j < len(out) and out[j].unit == q.unit and (j == i or _listed(text, out[j - 1], out[j]))
        ):
            out[j] = replace(out[j], role="timepoint")
            j += 1
    return out


def _listed(text: str, a: Quantity, b: Quantity) -> bool:
    """Whether `b` follows `a` as the next item of a list."""
    return _LIST_GAP.fullmatch(text, a.end, b.start) is not None


def _resolve(found: list[Quantity]) -> list[Quantity]:
    """Sort by position and drop any quantity overlapping an earlier or longer one."""
    kept: list[Quantity] = []
    for q in sorted(found, key=lambda q: (q.start, -q.end)):
        if not kept or q.start >= kept[-1].end:
            kept.append(q)
    return kept


def _overlaps(q: Quantity, spans: list[tuple[int, int]]) -> bool:
    return any(q.start < e and s < q.end for s, e in spans)


def _num(digits: str) -> float:
    return float(digits.replace(",", ""))


def _is_year(digits: str | None) -> bool:
    return digits is not None and digits.isdigit() and 1900 <= int(digits) <= 2099


def _same(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)
