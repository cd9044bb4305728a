"""Volume, issue and pages of a printed reference, in the shapes the styles give them.

"2004;100(3):481–490", "4: 1241–1243", "10, 1012–1015 (2010)", "vol. 33, no. 3, pp. 497–513",
"12 (2012) 34–56", "52.1 (2004): 43-67". The year has been blanked out of the text first, so
that it is never read as a volume.
"""

from __future__ import annotations

import re

from peertui.core.ingest.model import PrintedRef
from peertui.core.ingest.refyear import YEAR

_IEEE_VOL = re.compile(r"\b(?:vol(?:ume)?\.?|v\.)\s*(\d+\w*)", re.I)
_IEEE_NO = re.compile(r"\b(?:no\.?|issue|n°)\s*(\d+\w*)", re.I)
_PAGES_PP = re.compile(r"\bpp?\.\s*([A-Za-z]?\d+(?:\s*[-–—]\s*[A-Za-z]?\d+)?)")
#: A page or a range: "481–490", "e1001518", "CD004046", "S12", or Roman: "vi", "xi–xiv".
_PAGE = (
    r"(?:[A-Za-z]{0,3}\d+(?:\s*[-–—]+\s*[A-Za-z]{0,3}\d+)?"
    r"|[ivxlc]{1,7}(?:\s*[-–—]+\s*[ivxlc]{1,7})?\b)"
)
_VOL_COLON = re.compile(
    rf"(?<![\w.])(\d{{1,5}})?\s*(?:\(([^()]{{1,20}})\)|Suppl\.?\s*\w{{0,4}})?\s*:\s*"
    rf"(?:pp?\.\s*)?({_PAGE})"
)
_VOL_COMMA = re.compile(
    rf"(?<![\w.])(\d{{1,5}})\s*,?\s*(?:\(([^()]{{1,20}})\))?,\s*(?:pp?\.\s*)?({_PAGE})(?!\d)"
)
#: "12 (2012) 34–56" once the year is blanked: "12 (    ) 34–56".
_VOL_YEAR = re.compile(
    rf"(?<![\w.])(\d{{1,5}})(?:\.(\d{{1,4}})|\s*\(([^()]{{1,20}})\))?\s*\(\s*\)\s*[:,]?\s*"
    rf"(?:pp?\.\s*)?({_PAGE})"
)
#: A page range closing the reference, with nothing else around it.
_LAST_PAGES = re.compile(r"(?:^|[.,;]\s)(\d{1,5}\s*[-–—]\s*\d{1,5})\.?\s*$")
_NUMBERS_START = re.compile(
    r"(?<![\w-])\d(?!\d*(?:st|nd|rd|th|e|er|ème)\b)|\b(?:vol|v)\.|\bvolume\s+\d|\bpp?\.\s*\d|\bno\.\s*\d"
    r"|,\s*(?-i:[IVXL]{2,})\b(?=[,.\s])"
    r"|[,(]\s*(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|janv|févr|mars|avr|mai|juin|juil"
    r"|août|sept|déc|januar|februar|märz|juni|juli|oktober|dezember|enero|febrero|marzo|abril"
    r"|mayo|junio|julio|agosto|spring|summer|fall|autumn|winter)[a-zéû]*\b\.?",
    re.I,
)


def first_number(rest: str) -> int:
    """Where volume, pages or the like start: a number (not an ordinal), "vol.", "pp.", or
    a date after the journal ("L’Aide-Soignante, mars 2014")."""
    m = _NUMBERS_START.search(rest)
    return m.start() if m else len(rest)


#: A volume and nothing else after the journal (its DOI and year blanked out before):
#: "eLife 7, doi:10.7554/eLife.31977 (2018)." as Nature's style prints an article without pages.
_LONE_VOLUME = re.compile(r"\s*(\d{1,4})(?:\s*\((\d{1,3})\))?\s*[,.;]?\s*(?:\(\s*\))?\s*\.?\s*$")


def numbers(ref: PrintedRef, work: str, at: int) -> None:
    """Set the volume, issue and pages from what follows `at`, trying each style's shape."""
    tail = work[at:]
    if _IEEE_VOL.search(tail) or _PAGES_PP.search(tail):
        for pattern, name in ((_IEEE_VOL, "volume"), (_IEEE_NO, "issue"), (_PAGES_PP, "pages")):
            m = pattern.search(tail)
            if m:
                setattr(ref, name, m.group(1))
        if ref.volume:
            return
    for pattern in (_VOL_COLON, _VOL_COMMA, _VOL_YEAR):
        for m in pattern.finditer(tail):
            volume, issue, pages = m.group(1) or "", m.group(2) or "", m.group(3)
            if pattern is _VOL_YEAR:
                issue = m.group(2) or m.group(3) or ""
                pages = m.group(4)
            if volume == ref.year:
                if pattern is _VOL_COLON and not ref.pages:
                    ref.pages = pages
                continue
            if pages == ref.year:
                continue
            if not volume and not issue.strip():
                ref.pages = ref.pages or pages  # "(2004): 43-67": pages, the volume may follow
                continue
            ref.volume, ref.issue = volume, issue.strip()
            ref.pages = ref.pages or pages
            return
    m = _LAST_PAGES.search(tail)
    if (
        m
        and not ref.pages
        and not all(YEAR.fullmatch(p) for p in re.split(r"\s*[-–—]\s*", m.group(1)))
    ):
        ref.pages = m.group(1)  # "New York: Palgrave. 185–206."
    m = _LONE_VOLUME.match(tail)
    if m and not ref.volume and not ref.pages and m.group(1) != ref.year:
        ref.volume, ref.issue = m.group(1), m.group(2) or ""  # "eLife 7, doi:… (2018)."


def has_volume(tail: str, year: str) -> bool:
    """Whether a volume and pages follow ("2011;278:1858"): a journal's name may then hold a
    colon ("Tobacco Control: An International Journal") without being "Place: Publisher"."""
    probe = PrintedRef(printed=tail, year=year)
    numbers(probe, tail, 0)
    return bool(probe.volume)
