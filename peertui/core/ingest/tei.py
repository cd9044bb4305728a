"""GROBID's TEI XML -> Document: the structure GROBID found, taken as it is.

Markers are `<ref type="bibr" target="#b3">`; references are `<biblStruct xml:id="b3">` in the
back matter's `<listBibl>`, printed as GROBID's `raw_reference` note has them (GROBID run
with raw citations) or else assembled from their fields.
"""

from __future__ import annotations

import re
from pathlib import Path
from xml.etree.ElementTree import Element

from peertui.core.errors import UnusableInput
from peertui.core.ingest.jatsref import assemble, ground
from peertui.core.ingest.model import Document, Paragraph, PrintedRef
from peertui.core.ingest.xmlsafe import local, parse_xml
from peertui.core.ingest.xmltext import Flat, Flattener, link, plain

_SKIP = frozenset({"figure", "formula", "table", "note", "head", "label", "graphic"})
_YEAR = re.compile(r"((?:1[5-9]|20)\d\d)([a-z]?)")
_NUMERIC = re.compile(r"^[\s\[(]*\d+(?:\s*[,–—-]\s*\d+)*[\s\])]*$")


def _bibr(elem: Element) -> list[str] | None:
    if local(elem.tag) == "ref" and elem.get("type") == "bibr":
        return [t.lstrip("#") for t in (elem.get("target") or "").split()]
    return None


_FLAT = Flattener(_bibr, _SKIP)


def read_tei(data: bytes, source: str | Path = "") -> Document:
    """A Document from GROBID TEI bytes; UnusableInput when unsafe or not TEI."""
    root = parse_xml(data, source)
    if local(root.tag) != "TEI":
        raise UnusableInput(source, f"the XML root is <{local(root.tag)}>, not <TEI>")
    doc = Document(source=str(source), form="tei")
    header = _find(root, "teiHeader")
    if header is not None:
        doc.title = plain(_find(_find(header, "titleStmt"), "title"))
        source_desc = _find(header, "sourceDesc")
        doc.authors = [n for n in (_person(a) for a in _all(source_desc, "author")) if n]
    refs, index = _references(root)
    doc.references = refs
    for abstract in _all(header, "abstract"):
        _blocks(abstract, "Abstract", doc, index)
    body = _find(_find(root, "text"), "body")
    if body is not None:
        _blocks(body, "", doc, index)
    if not doc.paragraphs:
        doc.warnings.append("no body text was found in the TEI")
    _link_by_text(doc)
    return doc


def _link_by_text(doc: Document) -> None:
    """GROBID leaves a marker without a target when it could not link it ("(Lample et al.,
    2016"): such a marker takes the items the text route's rules link the same words to."""
    if not any(m.unresolved and not m.targets for p in doc.paragraphs for m in p.markers):
        return
    from peertui.core.ingest.markers import link_markers

    read = [Paragraph(p.text, [], p.section, p.kind) for p in doc.paragraphs]
    link_markers(read, doc.references)
    for paragraph, by_text in zip(doc.paragraphs, read, strict=True):
        for marker in paragraph.markers:
            if marker.targets or not marker.unresolved:
                continue
            for other in by_text.markers:
                if other.start < marker.end and marker.start < other.end:
                    marker.targets += [t for t in other.targets if t not in marker.targets]
            if marker.targets:
                marker.unresolved = []


def _blocks(elem: Element, section: str, doc: Document, index: dict[str, int]) -> None:
    for child in elem:
        name = local(child.tag)
        if name == "div":
            head = plain(_child(child, "head"))
            _blocks(child, head or section, doc, index)
        elif name == "p":
            _add(_FLAT.flatten(child), section, "body", doc, index)
        elif name == "figure":
            parts: list[Element | str] = []
            for part in child:
                if local(part.tag) in ("head", "figDesc"):
                    parts += [part, " "]
            _add(_FLAT.flatten(*parts), section, "caption", doc, index)


def _add(flat: Flat, section: str, kind: str, doc: Document, index: dict[str, int]) -> None:
    if flat.text:
        markers = link(flat, doc.references, index)
        doc.paragraphs.append(Paragraph(flat.text, markers, section, kind))


def _references(root: Element) -> tuple[list[PrintedRef], dict[str, int]]:
    refs: list[PrintedRef] = []
    index: dict[str, int] = {}
    back = _find(_find(root, "text"), "back")
    for bibl in _all(back, "biblStruct"):
        ref = _read_bibl(bibl)
        ident = next((v for k, v in bibl.attrib.items() if local(k) == "id"), "")
        ref.id = ident
        if ident:
            index.setdefault(ident, len(refs))
        refs.append(ref)
    texts = ["".join(e.itertext()) for e in root.iter() if _bibr(e) is not None]
    if texts and sum(bool(_NUMERIC.match(t)) for t in texts) > len(texts) / 2:
        for i, ref in enumerate(refs, start=1):
            ref.number = i
    return refs, index


def _read_bibl(bibl: Element) -> PrintedRef:
    analytic, monogr = _child(bibl, "analytic"), _child(bibl, "monogr")
    ref = PrintedRef(printed="")
    ref.authors = [
        a
        for a in (_name(x) for x in _all(analytic if analytic is not None else monogr, "author"))
        if a[0]
    ]
    titled = {t.get("level"): plain(t) for t in _all(bibl, "title")}
    ref.title = titled.get("a") or titled.get("m") or ""
    ref.container = titled.get("j") or (titled.get("m") if titled.get("a") else "") or ""
    ref.entry_type = (
        "article" if titled.get("j") else "inproceedings" if titled.get("a") else "misc"
    )
    imprint = _find(monogr, "imprint")
    for scope in _all(imprint, "biblScope"):
        unit = scope.get("unit")
        value = plain(scope) or "–".join(v for v in (scope.get("from"), scope.get("to")) if v)
        if unit == "volume":
            ref.volume = value
        elif unit == "issue":
            ref.issue = value
        elif unit == "page":
            ref.pages = value
    date = _find(imprint, "date")
    found = _YEAR.search((date.get("when") or plain(date)) if date is not None else "")
    if found:
        ref.year, ref.year_suffix = found[1], found[2]
    ref.publisher = plain(_find(imprint, "publisher"))
    for idno in _all(bibl, "idno"):
        kind = (idno.get("type") or "").lower()
        if kind == "doi" and not ref.doi:
            ref.doi = plain(idno)
        elif kind == "pmid" and not ref.pmid:
            ref.pmid = plain(idno)
    raw = next((n for n in _all(bibl, "note") if n.get("type") == "raw_reference"), None)
    if raw is not None and plain(raw):
        ref.printed = plain(raw)
        ground(ref)
    else:
        ref.printed = assemble(ref)
    return ref


def _name(author: Element) -> tuple[str, str]:
    pers = _find(author, "persName")
    if pers is None:
        return (plain(author), "")
    given = " ".join(plain(f) for f in _all(pers, "forename"))
    return (plain(_find(pers, "surname")), given)


def _person(author: Element) -> str:
    family, given = _name(author)
    return f"{given} {family}".strip()


def _child(elem: Element | None, name: str) -> Element | None:
    if elem is None:
        return None
    return next((c for c in elem if local(c.tag) == name), None)


def _find(elem: Element | None, name: str) -> Element | None:
    if elem is None:
        return None
    return next((e for e in elem.iter() if local(e.tag) == name), None)


def _all(elem: Element | None, name: str) -> list[Element]:
    return [] if elem is None else [e for e in elem.iter() if local(e.tag) == name]
