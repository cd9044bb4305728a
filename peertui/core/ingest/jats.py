"""JATS (and the older NLM) XML -> Document: the exact route.

Markers are `<xref ref-type="bibr" rid="...">`, references are `<ref>`: the structure says
what each is, so nothing is re-parsed from text that the XML already marks up.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from xml.etree.ElementTree import Element

from peertui.core.errors import UnusableInput
from peertui.core.ingest.jatsref import read_ref
from peertui.core.ingest.model import Document, Paragraph, PrintedRef
from peertui.core.ingest.xmlsafe import local, parse_xml
from peertui.core.ingest.xmltext import Flat, Flattener, link, plain

#: Elements shown apart from the running text (captions) or not at all.
_SKIP = frozenset(
    {
        "fig",
        "fig-group",
        "table-wrap",
        "table-wrap-group",
        "disp-formula",
        "supplementary-material",
        "fn",
        "table",
        "graphic",
        "media",
        "annotation",  # MathML's own copy of a formula, in TeX
        "annotation-xml",
    }
)
_CONTAINERS = frozenset(
    {
        "sec",
        "app",
        "ack",
        "boxed-text",
        "abstract",
        "trans-abstract",
        "body",
        "app-group",
        "list",
        "list-item",
        "disp-quote",
        "statement",
        "def-list",
        "def-item",
        "def",
        "glossary",
    }
)
_FLOATS = frozenset({"fig", "table-wrap"})
_NUMERIC = re.compile(r"^[\s\[(]*\d+[a-z]?(?:\s*[,–—-]\s*\d+[a-z]?)*[\s\])]*$")


def _bibr(elem: Element) -> list[str] | None:
    if local(elem.tag) == "xref" and elem.get("ref-type") == "bibr":
        return (elem.get("rid") or "").split()
    return None


_FLAT = Flattener(_bibr, _SKIP)


def read_jats(data: bytes, source: str | Path = "") -> Document:
    """A Document from JATS bytes; UnusableInput when the XML is unsafe or not an article."""
    root = parse_xml(data, source)
    if local(root.tag) != "article":
        raise UnusableInput(source, f"the XML root is <{local(root.tag)}>, not a JATS <article>")
    doc = Document(source=str(source), form="jats")
    meta = _first(root, "article-meta")
    if meta is not None:
        doc.title = plain(_first(meta, "article-title"))
        doc.authors = _authors(meta)
    refs, index = _references(root)
    doc.references = refs
    reader = _Blocks(doc, refs, index)
    if meta is not None:
        for abstract in meta:
            if local(abstract.tag) == "abstract" and abstract.get("abstract-type") in (
                None,
                "summary",
                "structured",
                "executive-summary",
            ):
                reader.container(abstract, plain(_child(abstract, "title")) or "Abstract")
    for part in ("body", "back", "floats-group"):  # some publishers gather figures apart
        elem = _child(root, part)
        if elem is not None:
            reader.container(elem, "")
    if not doc.paragraphs:
        doc.warnings.append("no body text was found in the XML")
    if not refs:
        doc.warnings.append("no <ref> elements: the article has no reference list here")
    return doc


class _Blocks:
    """Walks sections, turning each `<p>` and caption into a Paragraph under its heading."""

    def __init__(self, doc: Document, refs: list[PrintedRef], index: dict[str, int]) -> None:
        self.doc = doc
        self.refs = refs
        self.index = index

    def container(self, elem: Element, section: str) -> None:
        for child in elem:
            name = local(child.tag)
            if name in ("sec", "app", "ack", "boxed-text"):
                title = plain(_child(child, "title"))
                if name == "ack" and not title:
                    title = "Acknowledgments"
                heading = _child(child, "title")
                if heading is not None and any(_bibr(e) is not None for e in heading.iter()):
                    self.paragraph(heading, title)  # a heading that cites: its claim needs it
                self.container(child, title or section)
            elif name == "p":
                self.paragraph(child, section)
            elif name in _FLOATS:
                self.caption(child, section)
            elif name in ("fig-group", "table-wrap-group") or name in _CONTAINERS:
                self.container(child, section)

    def paragraph(self, p: Element, section: str) -> None:
        self.add(_FLAT.flatten(p), section, "body")
        for inner in p.iter():
            if inner is not p and local(inner.tag) in _FLOATS:
                self.caption(inner, section)

    def caption(self, elem: Element, section: str) -> None:
        """A figure's or table's label and caption; a table's cells and footnotes are left
        out, the draft's text being the article's prose, headings and captions."""
        label = plain(_child(elem, "label"))
        caption = _child(elem, "caption")
        pieces: list[Element | str] = [label + " "] if label else []
        if caption is not None:
            for part in caption:
                if local(part.tag) in ("title", "p"):
                    pieces += [part, " "]
        if caption is not None:
            self.add(_FLAT.flatten(*pieces), section, "caption")

    def add(self, flat: Flat, section: str, kind: str) -> None:
        if flat.text:
            markers = link(flat, self.refs, self.index)
            self.doc.paragraphs.append(Paragraph(flat.text, markers, section, kind=kind))


def _references(root: Element) -> tuple[list[PrintedRef], dict[str, int]]:
    """Every `<ref>` of the article's reference lists in order (wherever a publisher put the
    list; a sub-article's own list, such as a review's, is not the article's), and ref id ->
    its index."""
    refs: list[PrintedRef] = []
    index: dict[str, int] = {}
    for elem in _own(root):
        if local(elem.tag) != "ref":
            continue
        ref = read_ref(elem)
        if ref is None:
            continue
        if ref.id:
            index.setdefault(ref.id, len(refs))
        refs.append(ref)
    if refs and not any(r.number is not None for r in refs) and _numeric_markers(root):
        for i, ref in enumerate(refs, start=1):
            ref.number = i
    return refs, index


def _own(root: Element) -> Iterator[Element]:
    """The article's elements in document order, without its sub-articles'."""
    stack = [root]
    while stack:
        elem = stack.pop()
        yield elem
        stack.extend(c for c in reversed(elem) if local(c.tag) not in ("sub-article", "response"))


def _numeric_markers(root: Element) -> bool:
    """Whether most bibr cross-references print numbers: the list is then numbered in order."""
    texts = ["".join(e.itertext()) for e in root.iter() if _bibr(e) is not None]
    return bool(texts) and sum(bool(_NUMERIC.match(t)) for t in texts) > len(texts) / 2


def _authors(meta: Element) -> list[str]:
    names = []
    for contrib in meta.iter():
        if local(contrib.tag) != "contrib" or contrib.get("contrib-type", "author") != "author":
            continue
        name = _first(contrib, "name")
        collab = _first(contrib, "collab")
        if name is not None:
            given = plain(_child(name, "given-names"))
            names.append(f"{given} {plain(_child(name, 'surname'))}".strip())
        elif collab is not None:
            names.append(plain(collab))
    return [n for n in names if n]


def _child(elem: Element | None, name: str) -> Element | None:
    if elem is None:
        return None
    return next((c for c in elem if local(c.tag) == name), None)


def _first(elem: Element, name: str) -> Element | None:
    return next((e for e in elem.iter() if local(e.tag) == name), None)
