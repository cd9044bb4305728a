"""What every article reader produces and every draft is made from.

Readers differ in how they find things (the JATS structure, or rules over plain text); once
they have produced a `Document`, drafting is the same for every input form.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class PrintedRef:
    """One item of the article's reference list: as printed, and the fields parsed from it.

    Every parsed field is a substring of `printed` (grounded), so a reviewer can see where
    parsing went wrong by reading the two side by side.
    """

    printed: str
    id: str = ""  # the source's own id (JATS ref/@id), "" where the input has none
    label: str = ""  # the label as printed ("12", "12.", "[12]"); "" for author-year lists
    number: int | None = None  # the citation number where the style is numeric
    authors: list[tuple[str, str]] = field(default_factory=list)  # (family, given) as printed
    year: str = ""  # "2012"; a disambiguating letter goes to year_suffix
    year_suffix: str = ""  # "a" of "2012a"
    title: str = ""
    container: str = ""  # journal, book or proceedings title
    entry_type: str = "article"  # the BibTeX type: article, book, incollection, misc, ...
    volume: str = ""
    issue: str = ""
    pages: str = ""  # as printed: "541–547", "e1001518"
    publisher: str = ""
    doi: str = ""  # bare: "10.1371/journal.pmed.0020124"
    pmid: str = ""
    url: str = ""


@dataclass
class Marker:
    """A citation marker in a paragraph and the reference-list items it points to."""

    start: int  # character offsets into Paragraph.text
    end: int
    text: str  # as printed
    targets: list[int] = field(default_factory=list)  # indexes into Document.references
    unresolved: list[str] = field(default_factory=list)  # parts that matched no item, as printed


@dataclass
class Paragraph:
    """A block of body text under a heading, with its markers."""

    text: str
    markers: list[Marker] = field(default_factory=list)
    section: str = ""  # the heading it stands under, "" before the first heading
    kind: str = "body"  # "body" or "caption" (figure and table captions)


@dataclass
class Document:
    """One article as read from one input form."""

    title: str = ""
    authors: list[str] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)
    references: list[PrintedRef] = field(default_factory=list)
    source: str = ""  # the path it was read from
    form: str = ""  # "jats", "tei", "text", "markdown" or "pdf"
    warnings: list[str] = field(default_factory=list)  # what a reviewer should look at


def without_overlaps(markers: list[Marker]) -> list[Marker]:
    """The markers in text order, each dropped that starts inside the one kept before it (two
    readings of the same words: the first, or the longer one sorted first, wins)."""
    out: list[Marker] = []
    for marker in markers:
        if out and marker.start < out[-1].end:
            continue
        out.append(marker)
    return out
