"""Where a printed reference keeps its identifiers (DOI, URL, PMID) and its year.

Identifiers have shapes of their own and are found anywhere; they are then blanked out (the
offsets kept) so that no later rule reads a DOI's digits as a volume. The year is looked for
where the styles put it, most telling place first.
"""

from __future__ import annotations

import re

from peertui.core.ingest.model import PrintedRef

#: A DOI; an old Wiley DOI (a SICI) holds "<…::…>": "10.1002/(…)87:6<787::AID-IJC4>3.0.CO;2-6".
_DOI = re.compile(r"10\.\d{4,9}/(?:[^\s\"<>]|<[^\s\"<>]*::[^\s\"<>]*>)+")
_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"]+")
_PMID = re.compile(r"PMID:?\s*(\d{4,9})")
_BARE_PMID = re.compile(r"(?<=[.;]\s)(\d{7,8})(?=[\s;.]|$)")
YEAR = re.compile(r"(?<![\d/\-–.:])((?:1[5-9]|20)\d\d)([a-z])?(?![\d/])")
_PAREN_YEAR = re.compile(r"\(\s*((?:1[5-9]|20)\d\d)([a-z])?(?:[,;\s][^()]{0,25})?\)")


def blank(text: str, a: int, b: int) -> str:
    """`text` with [a, b) spaced out, so later rules skip it but offsets stay."""
    return text[:a] + " " * (b - a) + text[b:]


def identifiers(ref: PrintedRef, work: str) -> str:
    """Find the DOI, URL and PMID; return `work` with them blanked out."""
    m = _DOI.search(work)
    if m:
        doi = m.group(0).rstrip(".,;")
        while doi.endswith(")") and doi.count(")") > doi.count("("):
            doi = doi[:-1]
        ref.doi = doi
        lead = work.rfind(" ", 0, m.start()) + 1
        work = blank(work, lead, m.start() + len(doi))
    m = _URL.search(work)
    if m:
        ref.url = m.group(0).rstrip(".,;)")
        work = blank(work, m.start(), m.end())
    m = _PMID.search(work)
    if m:
        ref.pmid = m.group(1)
        work = blank(work, m.start(), m.end())
    else:
        years = list(YEAR.finditer(work))
        for m in _BARE_PMID.finditer(work):
            if years and m.start() > years[0].start():
                ref.pmid = m.group(1)
                work = blank(work, m.start(), m.end())
                break
    return work


def find_year(ref: PrintedRef, work: str, start: int) -> tuple[int, int] | None:
    """Set the year; return the span of where it stands (with its parentheses)."""
    m = _PAREN_YEAR.search(work, start)
    if m:
        ref.year, ref.year_suffix = m.group(1), m.group(2) or ""
        return m.start(), m.end()
    found = list(YEAR.finditer(work, start))
    if not found:
        m = re.search(r"\bin press\b|\bn\.\s?d\.", work[start:], re.I)
        if m:
            ref.year = ref.printed[start + m.start() : start + m.end()]
            return start + m.start(), start + m.end()
        return None
    chosen = None
    for test in YEAR_PLACES:
        chosen = next((m for m in found if test(work, m)), None)
        if chosen:
            break
    chosen = chosen or found[-1]
    ref.year, ref.year_suffix = chosen.group(1), chosen.group(2) or ""
    return chosen.start(), chosen.end()


def _after(work: str, m: re.Match[str], n: int = 3) -> str:
    return work[m.end() : m.end() + n]


def _before(work: str, m: re.Match[str], n: int = 2) -> str:
    return work[max(0, m.start() - n) : m.start()]


#: What follows the year before the volume in Vancouver style: "2010 Mar 18;".
_VANCOUVER_DATE = re.compile(r"(?:\s+[A-Z][a-z]{2,8}\.?(?:\s+\d{1,2})?(?:[-–][A-Z]?[a-z]*)?)?\s*;")
#: Where styles put the year, most telling first: before a volume ("2004;100:481"),
#: as a sentence of its own ("Valencia. 2015. CHEMDNER"), at the end ("…, 1997."), after a
#: comma before more ("Nature, 2015, 526").
YEAR_PLACES = (
    lambda w, m: _before(w, m)[-1:] in (" ", "") and bool(_VANCOUVER_DATE.match(w, m.end())),
    lambda w, m: _before(w, m) in (". ", "") and _after(w, m)[:1] in (".", ","),
    lambda w, m: not w[m.end() :].strip(" .,;)"),
    lambda w, m: _before(w, m) == ", " and _after(w, m)[:1] in (".", ",", ":"),
)
