"""One JATS `<ref>` -> PrintedRef: fields from the structure, `printed` from the citation text.

A `<mixed-citation>` (or the older `<citation>`) is the reference as printed, punctuation and
all; an `<element-citation>` (or `<nlm-citation>`) holds only the fields, so the printed form
is assembled from them in the usual order (authors. title. source. year;volume(issue):pages).
Every field is kept only where it is found in `printed`.
"""

from __future__ import annotations

import re
from xml.etree.ElementTree import Element

from peertui.core.ingest.model import PrintedRef
from peertui.core.ingest.xmlsafe import local
from peertui.core.ingest.xmltext import plain

_MIXED = ("mixed-citation", "citation")
_ELEMENT = ("element-citation", "nlm-citation")
_TYPES = {
    "journal": "article",
    "book": "book",
    "confproc": "inproceedings",
    "conf-proc": "inproceedings",
    "conference": "inproceedings",
    "thesis": "phdthesis",
    "report": "techreport",
}
_PARSED_FIELDS = (
    "authors",
    "year",
    "year_suffix",
    "title",
    "container",
    "entry_type",
    "volume",
    "issue",
    "pages",
    "publisher",
    "doi",
    "pmid",
    "url",
)
_YEAR = re.compile(r"((?:1[5-9]|20)\d\d)([a-z]?)")
_DOI = re.compile(r"\b10\.\d{4,9}/[^\s\"<>]+")
_LABEL_NUMBER = re.compile(r"^\W*(\d{1,4})\W*$")


def read_ref(ref: Element) -> PrintedRef | None:
    """The reference of one `<ref>`; None when it holds no citation at all."""
    citations = [e for e in ref.iter() if local(e.tag) in _MIXED + _ELEMENT]
    if not citations:
        return None
    mixed = next((c for c in citations if local(c.tag) in _MIXED and _is_printed(c)), None)
    cite = mixed if mixed is not None else citations[0]
    label = plain(_child(ref, "label")) or plain(_child(cite, "label"))
    out = PrintedRef(printed="", id=ref.get("id", ""), label=label)
    number = _LABEL_NUMBER.match(label)
    out.number = int(number[1]) if number else None
    _fields(cite, out)
    out.printed = plain(cite) if mixed is not None else assemble(out)
    if mixed is not None:
        ground(out)
        if not (out.authors or out.year or out.title):
            _parse_printed(out)
    return out if out.printed else None


def _parse_printed(out: PrintedRef) -> None:
    """A mixed citation with no marked-up fields (plain text in the element): its fields
    come from the reference-string parser, each grounded in the printed text as there."""
    from peertui.core.ingest.refparse import parse_reference

    parsed = parse_reference(out.printed)
    for name in _PARSED_FIELDS:
        if getattr(parsed, name) and not getattr(out, name):
            setattr(out, name, getattr(parsed, name))


def _is_printed(cite: Element) -> bool:
    """A mixed citation prints punctuation between its parts; one that is only elements
    side by side (some publishers' output) is treated as structure."""
    children = [c for c in cite if local(c.tag)]
    if not children:
        return bool((cite.text or "").strip())
    between = "".join((c.tail or "") for c in children) + (cite.text or "")
    return bool(between.strip()) or len(children) < 3


def _fields(cite: Element, out: PrintedRef) -> None:
    out.authors = _names(cite)
    year = _child(cite, "year")
    if year is None:
        year = _child(_child(cite, "date"), "year")
    printed_year = plain(year)
    found = _YEAR.search(printed_year)
    if found:
        out.year, out.year_suffix = found[1], found[2]
    elif printed_year and not any(ch.isdigit() for ch in printed_year):
        out.year = printed_year  # "in press", "n.d.": kept as printed
    article_title = plain(_child(cite, "article-title"))
    chapter = plain(_child(cite, "chapter-title"))
    source = plain(_child(cite, "source"))
    kind = (cite.get("publication-type") or cite.get("citation-type") or "").lower()
    out.entry_type = _TYPES.get(kind, "article" if article_title and source else "misc")
    if kind == "book":
        if chapter or article_title:
            out.entry_type = "incollection"
            out.title, out.container = chapter or article_title, source
        else:
            out.title = source
    else:
        out.title = article_title or chapter or plain(_child(cite, "data-title"))
        out.container = source
        if not out.title and kind not in ("journal", ""):
            out.title, out.container = source, ""
    out.volume = plain(_child(cite, "volume"))
    out.issue = plain(_child(cite, "issue"))
    first, last = plain(_child(cite, "fpage")), plain(_child(cite, "lpage"))
    out.pages = f"{first}–{last}" if first and last else first
    if not out.pages:
        out.pages = plain(_child(cite, "elocation-id"))
    out.publisher = plain(_child(cite, "publisher-name"))
    for pub_id in cite.iter():
        if local(pub_id.tag) == "pub-id":
            kind_id = (pub_id.get("pub-id-type") or "").lower()
            if kind_id == "doi" and not out.doi:
                out.doi = plain(pub_id)
            elif kind_id == "pmid" and not out.pmid:
                out.pmid = plain(pub_id)
    for link in cite.iter():
        if local(link.tag) in ("ext-link", "uri") and not out.url:
            href = next((v for k, v in link.attrib.items() if local(k) == "href"), "")
            out.url = plain(link) or href
            # A DOI given only as a link ("doi:10.1038/…", "https://doi.org/10.…").
            found = None if out.doi else _DOI.search(f"{out.url} {href}")
            if found and re.search(r"doi", f"{out.url} {href}", re.I):
                out.doi = found[0].rstrip(".,;")


def _names(cite: Element) -> list[tuple[str, str]]:
    groups = [g for g in cite if local(g.tag) == "person-group"]
    authors = [g for g in groups if g.get("person-group-type", "author") == "author"]
    # No author group: the names printed first stand in front ("Sobin LH, editor."), as the
    # text route reads them too.
    direct = any(local(e.tag) in ("name", "string-name", "collab") for e in cite)
    holders = authors[:1] or ([cite] if direct or not groups else groups[:1])
    names: list[tuple[str, str]] = []
    for holder in holders:
        for elem in holder:
            name = local(elem.tag)
            if name in ("name", "string-name"):
                family = plain(_child(elem, "surname"))
                given = plain(_child(elem, "given-names"))
                if family:
                    names.append((family, given))
                elif plain(elem):
                    names.append((plain(elem), ""))
            elif name == "collab":
                names.append((plain(elem), ""))
    return [n for n in names if n[0]]


def assemble(ref: PrintedRef) -> str:
    """The printed form of a reference known only by its fields (NLM order)."""
    people = ", ".join(f"{f} {g}".strip() for f, g in ref.authors)
    parts = [people, ref.title]
    if ref.entry_type == "incollection":
        parts.append(f"In: {ref.container}")
    elif ref.container:
        parts.append(ref.container)
    if ref.publisher:
        parts.append(ref.publisher)
    where = ref.year + ref.year_suffix
    if ref.volume:
        where += f";{ref.volume}" + (f"({ref.issue})" if ref.issue else "")
    if ref.pages:
        where += f":{ref.pages}" if ref.volume or not where else f";{ref.pages}"
    parts.append(where)
    if ref.doi:
        parts.append(f"doi:{ref.doi}")
    elif ref.url:
        parts.append(ref.url)
    return " ".join(_sentence(p) for p in parts if p.strip())


def _sentence(part: str) -> str:
    part = part.strip()
    return part if part[-1:] in ".?!" else part + "."


def ground(ref: PrintedRef) -> None:
    """Drop what the printed text does not hold; pages are taken as printed ("351–372")."""
    printed = ref.printed
    first, _, last = ref.pages.partition("–")
    if first and last:
        found = re.search(re.escape(first) + r"\s*[–—-]+\s*" + re.escape(last), printed)
        ref.pages = found[0] if found else (first if first in printed else "")
    for name in ("title", "container", "volume", "issue", "pages", "publisher", "pmid", "url"):
        setattr(ref, name, grounded(getattr(ref, name), printed))
    if ref.year and ref.year not in printed:
        ref.year = ref.year_suffix = ""
    if (ref.doi and ref.doi not in printed) or not ref.doi:
        found = _DOI.search(printed)
        ref.doi = found[0].rstrip(".,;)") if found else ""
    ref.authors = [(grounded(f, printed), g) for f, g in ref.authors if grounded(f, printed)]


def grounded(value: str, printed: str) -> str:
    """`value` as `printed` spells it (a structure may normalise case: "Mccallum" for
    "McCallum"), or "" when the printed reference does not hold it."""
    if not value or value in printed:
        return value
    at = printed.casefold().find(value.casefold())
    return (
        printed[at : at + len(value)] if at >= 0 and len(printed.casefold()) == len(printed) else ""
    )


def _child(elem: Element | None, name: str) -> Element | None:
    if elem is None:
        return None
    return next((c for c in elem if local(c.tag) == name), None)
