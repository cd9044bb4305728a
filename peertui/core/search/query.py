"""Search queries: parsing the text, and grading how one query term matches one field.

Parsing is shared by the CLI and the app. Grading lives here too so that `search` keeps to the
index; the tiers it produces are described in `peertui.core.search.engine`.

`author:"Lloyd-Evans" year:2010-2015 readmission` gives the words "readmission" and the filters
{"author": ["Lloyd-Evans"], "year": ["2010-2015"]}. Keys are case-insensitive; a value may be
quoted with " or ' (an unclosed quote runs to the end, so half-typed queries still parse). A
`key:value` whose key is not a qualifier stays in the words verbatim (URLs, times, "C05:"), and a
qualifier with an empty value is dropped, so typing `author:` in a search box changes nothing yet.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from peertui.core.sanitize import shorten
from peertui.core.textutil import fold_ascii, normalise_ws

#: Qualifiers the search index understands.
QUALIFIERS = (
    "author",
    "year",
    "ref",
    "outcome",
    "kind",
    "title",
    "doi",
    "journal",
    "unit",
    "role",
)

_TOKEN = re.compile(
    r"""(?P<key>[A-Za-z]+):(?:"(?P<dq>[^"]*)"?|'(?P<sq>[^']*)'?|(?P<bare>\S*))"""
    r"""|"(?P<phrase>[^"]*)"?"""
    r"""|(?P<word>\S+)"""
)
_RANGE = re.compile(r"^\s*(\d{1,4})?\s*(?:-|–|\.\.)\s*(\d{1,4})?\s*$")
_SINGLE = re.compile(r"^\s*(\d{1,4})\s*$")
#: Quote characters removed from free words before matching: they delimit, they do not match.
_QUOTES = str.maketrans({'"': " ", "“": " ", "”": " "})

#: Fuzzy scores below this are junk and dropped (one typo in five letters scores 80).
CUTOFF = 80.0
#: Fuzzy scores are scaled by this, so an exact substring always ranks above a near miss.
FUZZY_SCALE = 0.85
SNIPPET_WIDTH = 90
#: How much of a field is scored: its first 20,000 characters (a long abstract is whole; a
#: field of 100 MB costs no more than that), so a search's work per field is bounded.
MAX_SCORED_CHARS = 20_000
#: How much a match in each field is discounted: identity fields nothing, free notes most; an
#: author, title, key or number value then beats the same word inside a claim sentence.
_PENALTY = (
    dict.fromkeys(("id", "key", "author", "title", "value", "outcome"), 0.0)
    | dict.fromkeys(("year", "doi", "journal", "unit", "role", "measure", "quote"), 1.0)
    | dict.fromkeys(("pmid", "pmcid", "registration"), 1.0)
    | {"notes": 3.0}
)
_DEFAULT_PENALTY = 2.0
#: Words too common to count towards "the document holds every word" (phrases keep them).
_STOPWORDS = frozenset(
    "a an and are as at be by for from in is it of on or that the this to was were with".split()  # noqa: SIM905
)
_EDGE_PUNCT = ".,;:!?()[]{}'\"“”‘’"


@dataclass(frozen=True, slots=True)
class Query:
    """A parsed query: the free words and the qualifier values, in the order typed."""

    words: str
    filters: dict[str, list[str]] = field(default_factory=dict)

    @property
    def is_empty(self) -> bool:
        """True when there is nothing to search for."""
        return not self.words.strip() and not any(self.filters.values())


def parse_query(text: str) -> Query:
    """Split `text` into free words and qualifier values (see the module docstring)."""
    words: list[str] = []
    filters: dict[str, list[str]] = {}
    for match in _TOKEN.finditer(text):
        key = match["key"]
        if key is not None:
            name = key.lower()
            if name not in QUALIFIERS:
                words.append(match[0])
                continue
            value = next(
                (v for v in (match["dq"], match["sq"], match["bare"]) if v is not None), ""
            )
            value = normalise_ws(value)
            if value:
                filters.setdefault(name, []).append(value)
        elif match["phrase"] is not None:
            words.append(match["phrase"])
        else:
            words.append(match["word"])
    return Query(normalise_ws(" ".join(words)), filters)


def fold_query(text: str) -> str:
    """Fold free words for matching: accents and case dropped, quotes removed, spaces collapsed."""
    return normalise_ws(fold_ascii(text.translate(_QUOTES)))


def parse_range(value: str) -> tuple[int, int] | None:
    """`"2012"` -> (2012, 2012); `"2010-2015"`, `"2010..2015"`, `"2010-"`, `"-2015"` -> bounds.

    Returns None when the value is not a number or a range, so the caller can match nothing.
    """
    single = _SINGLE.match(value)
    if single:
        number = int(single[1])
        return number, number
    bounds = _RANGE.match(value)
    if not bounds or (bounds[1] is None and bounds[2] is None):
        return None
    low = int(bounds[1]) if bounds[1] is not None else 0
    high = int(bounds[2]) if bounds[2] is not None else 9999
    return (low, high) if low <= high else (high, low)


@dataclass(slots=True)
class Match:
    """How one document matched: its score and where (the field text and the matched span)."""

    score: float
    field: str
    text: str
    folded: str = ""
    term: str = ""
    exact: bool = False
    start: int | None = None
    end: int | None = None
    quality: float = 0.0
    #: Set instead of `text` and `folded` when those are read only if the hit is shown: the
    #: number of the column they come from (one Match may then stand for many documents).
    source: int | None = None


def field_penalty(name: str) -> float:
    """What a match in field `name` loses against the same match in an identity field."""
    return _PENALTY.get(name, _DEFAULT_PENALTY)


def content_words(phrase: str) -> list[str]:
    """The distinct words of a folded phrase, common function words left out unless that is all."""
    split = phrase.replace(":", " ").split()
    words = [w for w in dict.fromkeys(w.strip(_EDGE_PUNCT) for w in split) if w]
    content = [w for w in words if w not in _STOPWORDS and len(w) > 1]
    return content or words or [phrase]


def exact_only(term: str) -> bool:
    """Short terms and bare numbers match only exactly: a fuzzy "2012" ~ "2018" is noise."""
    return len(term) < 4 or not any(ch.isalpha() for ch in term)


def term_cutoff(term: str, cutoff: float) -> float:
    """The rapidfuzz cutoff for one term: exact-only terms need 100, four letters allow one edit."""
    if exact_only(term):
        return 100.0
    return min(cutoff, 75.0) if len(term) == 4 else cutoff


def grade(term: str, folded: str, raw_score: float, cutoff: float) -> Match | None:
    """Turn a rapidfuzz hit of `term` in the folded field text into a match, or None.

    An exact occurrence scores 100 as a whole word, 98 at a word's start, 96 inside a word; a
    number must not be part of a longer number ("12" is not found in "2012").
    """
    numeric = not any(ch.isalpha() for ch in term)
    best: Match | None = None
    start = folded.find(term)
    while start >= 0 and (best is None or best.quality < 100.0):
        end = start + len(term)
        before = folded[start - 1] if start else " "
        after = folded[end] if end < len(folded) else " "
        if not (numeric and (before.isdigit() or after.isdigit())):
            left, right = not before.isalnum(), not after.isalnum()
            quality = 100.0 if left and right else 98.0 if left else 96.0
            if best is None or quality > best.quality:
                best = Match(0.0, "", "", folded, term, True, start, end, quality)
        start = folded.find(term, start + 1)
    if best is not None or exact_only(term):
        return best
    if len(folded) < len(term):
        # partial_ratio aligns the shorter string inside the longer; a field shorter than the
        # term must be compared whole, or "health" would fully match "mental health care".
        raw_score = fuzz.ratio(term, folded)
        if raw_score < term_cutoff(term, cutoff):
            return None
    return Match(0.0, "", "", folded, term, False, None, None, raw_score)


def tier_score(match: Match) -> float:
    """Exact matches keep their quality; fuzzy ones are scaled below every exact one."""
    return match.quality if match.exact else FUZZY_SCALE * match.quality


def combine(
    phrase: Match | None, words: list[list[Match]] | None, count: int, cutoff: float
) -> Match | None:
    """One match per document for a multi-word query: exact phrase, then all words, then fuzzy.

    `words` holds, for each of the `count` words, its matches in the document's fields. When
    every word occurs exactly, the document scores 90 if one field holds them all (the least
    penalised such field), else 88 less the penalty of the field holding most of them.
    """
    if phrase is not None and phrase.exact:
        return phrase
    per_word = list(words or ())
    exact: list[dict[str, Match]] = []
    for matches in per_word:
        fields: dict[str, Match] = {}
        for m in matches:
            if m.exact and (m.field not in fields or m.score > fields[m.field].score):
                fields[m.field] = m
        exact.append(fields)
    if len(exact) == count and all(exact):
        common = [name for name in exact[0] if all(name in e for e in exact[1:])]
        if common:
            name = min(common, key=field_penalty)
            score = 90.0
        else:
            counts: dict[str, int] = {}
            for fields in exact:
                for key in fields:
                    counts[key] = counts.get(key, 0) + 1
            name = max(counts, key=lambda n: (counts[n], -field_penalty(n)))
            score = 88.0
        first = next(e[name] for e in exact if name in e)
        first.score = score - field_penalty(name)
        return first
    found = [max(ms, key=lambda m: m.score) for ms in per_word if ms]
    if not found and phrase is None:
        return None
    mean = sum(w.quality for w in found) / count
    phrase_quality = phrase.quality if phrase is not None else 0.0
    base = max(mean, phrase_quality)
    if base < cutoff:
        return None
    if phrase is not None and phrase_quality >= mean:
        source = phrase
    else:
        source = max(found, key=lambda m: m.score)
    source.score = FUZZY_SCALE * base - field_penalty(source.field)
    return source


def snippet(match: Match) -> str:
    """The matched field's text, cut down around the match when it is long."""
    text = match.text
    if len(text) <= SNIPPET_WIDTH:
        return text
    start, end = match.start, match.end
    if start is None and match.term and match.folded:
        aligned = fuzz.partial_ratio_alignment(match.term, match.folded)
        if aligned is not None:
            start, end = aligned.dest_start, aligned.dest_end
    if start is None or end is None:
        return shorten(text, SNIPPET_WIDTH)
    if len(match.folded) != len(text) and len(text) <= MAX_SCORED_CHARS:
        # Folding changed the length (a ligature, say): map the span back proportionally.
        scale = len(text) / max(1, len(match.folded))
        start, end = int(start * scale), int(end * scale)
    lead = max(0, start - (SNIPPET_WIDTH - (end - start)) // 3)
    lo = text.rfind(" ", 0, lead) + 1 if lead > 0 else 0
    hi = min(len(text), lo + SNIPPET_WIDTH)
    if hi < len(text):
        cut = text.rfind(" ", lo, hi)
        hi = cut if cut > end else hi
    return ("…" if lo > 0 else "") + text[lo:hi].strip() + ("…" if hi < len(text) else "")
