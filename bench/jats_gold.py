"""Gold files for a JATS article, made from its structure the way the shared corpus's were.

    python -m bench.jats_gold ARTICLE.xml [OUT_DIR]

writes `article.txt`, `article.md` and `gold.json` into OUT_DIR (default: beside the XML), so
that the corpus's `score_bundle.py` can score drafts of articles outside the corpus. The text
is rendered from the XML: title, headings, paragraphs, figure and table captions (no cells),
then "References" with one reference a line (its number first where it has one), as printed
in a `<mixed-citation>` or assembled in the NLM order from an `<element-citation>`. Markers
stay as printed; a superscript marker is flattened into the text (in Markdown each one is
`<sup>1</sup>`, as the corpus's files have it).
`gold.json` lists every `<xref ref-type="bibr">` with its span in `article.txt` and the ids it
points to (a range such as `[3]–[5]` adds the ids between in `range_to_next`), and every
reference with its fields. Deliberately independent of peertui's own JATS reader: it is what
that reader is measured against.
"""

from __future__ import annotations

import html.entities
import json
import re
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

SKIP = {"table", "graphic", "media", "alternatives", "object-id", "inline-graphic", "tex-math"}
BLOCKS = {"p", "sec", "fig", "table-wrap", "list", "list-item", "disp-quote", "boxed-text"}
RANGE_DASH = re.compile(r"^\s*[\u2013\u2014-]\s*$")
#: A label printed before its reference: a number ("12", "12.", "[12]", "12a"), never an
#: author-year label such as "Evans (2006)", which a reference list does not print.
NUMBER_LABEL = re.compile(r"^\[?\d+[a-z]?[.\]]?$")
LABELLED_RANGE = re.compile(r"^\s*(\d+)\s*[\u2013\u2014-]\s*(\d+)\s*$")


def parse(path: Path) -> ET.Element:
    """The article's root, namespaces dropped; named entities resolved from HTML's table."""
    text = path.read_text("utf-8")
    text = re.sub(r"<!DOCTYPE[^>\[]*(\[[^\]]*\])?>", "", text, count=1)

    def entity(match: re.Match[str]) -> str:
        name = match.group(1)
        if name in ("amp", "lt", "gt", "quot", "apos"):
            return match.group(0)
        return html.entities.html5.get(name + ";", match.group(0))

    text = re.sub(r"&([A-Za-z][A-Za-z0-9]*);", entity, text)
    root = ET.fromstring(text)
    for element in root.iter():
        if isinstance(element.tag, str) and "}" in element.tag:
            element.tag = element.tag.split("}", 1)[1]
        for key in list(element.attrib):
            if "}" in key:
                element.attrib[key.split("}", 1)[1]] = element.attrib.pop(key)
    return root


@dataclass
class Line:
    """One rendered line, in both forms, with the markers inside it."""

    txt: str
    md: str
    markers: list[dict] = field(default_factory=list)


class Inline:
    """Renders mixed content to plain text and Markdown at once, noting marker spans."""

    def __init__(self) -> None:
        self.txt: list[str] = []
        self.md: list[str] = []
        self.markers: list[dict] = []
        self.length = 0

    def put(self, text: str, md: str | None = None) -> None:
        self.txt.append(text)
        self.md.append(text if md is None else md)
        self.length += len(text)

    def walk(self, element: ET.Element, sup: bool = False) -> None:
        tag = element.tag
        if tag in SKIP or tag in ("fn", "table-wrap-foot"):
            self.put_tail(element, sup)
            return
        if tag == "xref" and element.get("ref-type") == "bibr":
            text = " ".join("".join(element.itertext()).split())
            start = self.length
            self.put(text, f"<sup>{text}</sup>" if sup else text)
            self.markers.append(
                {
                    "start": start,
                    "end": start + len(text),
                    "text": text,
                    "rids": (element.get("rid") or "").split(),
                    "superscript": sup,
                    "element": element,
                }
            )
            self.put_tail(element, sup)
            return
        has_marker = tag == "sup" and element.find(".//xref[@ref-type='bibr']") is not None
        wrap = {"italic": "*", "bold": "**"}.get(tag, "")
        if tag == "sup" and not has_marker:
            self.put("", "<sup>")
        elif wrap:
            self.put("", wrap)
        if element.text:
            self.put(element.text)
        for child in element:
            self.walk(child, sup or has_marker)
        if tag == "sup" and not has_marker:
            self.put("", "</sup>")
        elif wrap:
            self.put("", wrap)
        self.put_tail(element, sup)

    def put_tail(self, element: ET.Element, sup: bool) -> None:
        if element.tail:
            self.put(element.tail)

    def line(self) -> Line:
        """The collected text with whitespace collapsed, markers moved to match."""
        raw = "".join(self.txt)
        keep: list[int] = []  # new offset of each old offset
        out: list[str] = []
        space = True
        for ch in raw:
            keep.append(len(out))
            if ch.isspace():
                if not space:
                    out.append(" ")
                space = True
            else:
                out.append(ch)
                space = False
        keep.append(len(out))
        txt = "".join(out).rstrip()
        for marker in self.markers:
            marker["start"], marker["end"] = keep[marker["start"]], keep[marker["end"]]
        md = " ".join("".join(self.md).split())
        return Line(txt, md, self.markers)


def inline(element: ET.Element, skip_children: tuple[str, ...] = ()) -> Line:
    """One block's inline content as a line."""
    render = Inline()
    if element.text:
        render.put(element.text)
    for child in element:
        if child.tag in skip_children or child.tag in BLOCKS:
            if child.tail:
                render.put(child.tail)
            continue
        render.walk(child)
    return render.line()


def blocks(element: ET.Element, depth: int, out: list[Line]) -> None:
    """Sections, paragraphs and captions below `element`, in document order."""
    for child in element:
        tag = child.tag
        if tag == "title" and element.tag in (
            "sec",
            "abstract",
            "ack",
            "app",
            "boxed-text",
            "caption",
        ):
            heading = inline(child)
            if heading.txt:
                out.append(
                    Line(heading.txt, "#" * min(depth, 6) + " " + heading.md, heading.markers)
                )
        elif tag in ("sec", "app", "boxed-text"):
            blocks(child, depth + 1, out)
        elif tag == "p":
            line = inline(child)
            if line.txt:
                out.append(line)
            blocks_inside(child, depth, out)
        elif tag in ("fig", "table-wrap", "supplementary-material"):
            label = child.find("label")
            if label is not None:
                out.append(inline(label))
            caption = child.find("caption")
            if caption is not None:
                blocks(caption, depth + 1, out)
            # A table set in the text (not an image with a table behind it in <alternatives>)
            # is rendered cell by cell, one a line, as the corpus renders it.
            for table in child.findall("table"):
                for cell in table.iter():
                    if cell.tag in ("th", "td"):
                        line = inline(cell)
                        if line.txt:
                            out.append(line)
        elif tag == "caption":
            blocks(child, depth, out)
        elif tag == "list":
            for item in child.iter("list-item"):
                for p in item.findall("p"):
                    line = inline(p)
                    if line.txt:
                        out.append(line)
        elif tag in ("disp-quote",):
            blocks(child, depth, out)
        elif tag == "ref-list":
            continue


def blocks_inside(p: ET.Element, depth: int, out: list[Line]) -> None:
    """Figures, tables and lists nested inside a paragraph, as PMC often has them."""
    for child in p:
        if child.tag in BLOCKS and child.tag != "p":
            holder = ET.Element("holder")
            holder.append(child)
            blocks(holder, depth, out)


def text_of(element: ET.Element | None) -> str:
    return " ".join("".join(element.itertext()).split()) if element is not None else ""


def printed_text(element: ET.Element) -> str:
    """A mixed citation's text, a space kept where one element runs into the next word."""
    pieces: list[str] = []

    def walk(node: ET.Element) -> None:
        pieces.append(node.text or "")
        for child in node:
            walk(child)
            pieces.append("\0")
            pieces.append(child.tail or "")

    walk(element)
    joined = "".join(pieces)
    joined = re.sub(r"\0+(?=[^\s,.;:)\]\0\u2013\u2014-])", " ", joined).replace("\0", "")
    return " ".join(joined.split())


def authors_of(citation: ET.Element) -> list[dict]:
    """Authors in order: names (surname, given) and collaborations."""
    found: list[dict] = []
    collabs: list[dict] = []  # printed after the named authors, as the NLM order has them
    groups = citation.findall("person-group")
    holders = [g for g in groups if g.get("person-group-type", "author") == "author"] or groups
    for holder in holders or [citation]:
        role = holder.get("person-group-type", "author")
        for child in holder:
            if child.tag in ("name", "string-name"):
                entry = {"role": role, "surname": text_of(child.find("surname"))}
                if child.find("given-names") is not None:
                    entry["given"] = text_of(child.find("given-names"))
                found.append(entry)
            elif child.tag == "collab":
                collabs.append({"role": role, "collab": text_of(child)})
    return found + collabs


def doi_of(citation: ET.Element) -> str:
    for pub_id in citation.iter("pub-id"):
        if pub_id.get("pub-id-type") == "doi":
            return text_of(pub_id)
    return ""


def is_printed(citation: ET.Element) -> bool:
    """A mixed citation carries its punctuation as text between its elements."""
    if citation.tag == "element-citation":
        return False
    loose = (citation.text or "") + "".join(child.tail or "" for child in citation)
    return bool(re.search(r"[^\s]", loose))


def assembled(fields: dict, authors: list[dict]) -> str:
    """An element citation printed in the NLM order."""
    names = [
        a["collab"] if "collab" in a else " ".join(x for x in (a["surname"], a.get("given")) if x)
        for a in authors
        if a["role"] == "author" or len({x["role"] for x in authors}) == 1
    ]
    parts = []
    if names:
        parts.append(", ".join(names) + (", et al" if fields.get("etal") else ""))
    for key in ("title", "source"):
        if fields.get(key):
            parts.append(fields[key])
    date = fields.get("year", "")
    if fields.get("publisher"):
        where = fields.get("publisher_loc")
        publisher = f"{where}: {fields['publisher']}" if where else fields["publisher"]
        date = f"{publisher}; {date}" if date else publisher
    if fields.get("volume"):
        date += f";{fields['volume']}"
        if fields.get("issue"):
            date += f"({fields['issue']})"
    if fields.get("fpage"):
        pages = fields["fpage"] + (f"-{fields['lpage']}" if fields.get("lpage") else "")
        date += f":{pages}"
    elif fields.get("elocation"):
        date += f":{fields['elocation']}"
    if date:
        parts.append(date)
    raw = ". ".join(p.rstrip(".") for p in parts) + "."
    if fields.get("doi"):
        raw += f" doi:{fields['doi']}"
    return raw


def reference(ref: ET.Element) -> dict:
    """One `<ref>` as the corpus's gold records it."""
    citation = None
    for tag in ("mixed-citation", "element-citation", "citation", "nlm-citation"):
        citation = ref.find(tag)
        if citation is not None:
            break
    label = text_of(ref.find("label")) or None
    entry: dict = {"id": ref.get("id"), "label": label}
    if citation is None:
        entry.update(authors=[], raw=text_of(ref), raw_is_verbatim=True)
        return entry
    entry["citation_element"] = citation.tag
    entry["publication_type"] = citation.get("publication-type") or citation.get("citation-type")
    entry["authors"] = authors_of(citation)
    simple = {
        "year": "year",
        "title": "article-title",
        "source": "source",
        "volume": "volume",
        "issue": "issue",
        "fpage": "fpage",
        "lpage": "lpage",
        "publisher": "publisher-name",
        "publisher_loc": "publisher-loc",
        "elocation": "elocation-id",
    }
    for key, tag in simple.items():
        value = text_of(citation.find(f".//{tag}"))
        if value:
            entry[key] = value
    if citation.find(".//etal") is not None:
        entry["etal"] = True
    doi = doi_of(citation)
    if doi:
        entry["doi"] = doi
    for pub_id in citation.iter("pub-id"):
        if pub_id.get("pub-id-type") == "pmid":
            entry["pmid"] = text_of(pub_id)
    if is_printed(citation):
        entry["raw"] = printed_text(citation)
        entry["raw_is_verbatim"] = True
    else:
        entry["raw"] = assembled(entry, entry["authors"])
        entry["raw_is_verbatim"] = False
    return entry


def render(root: ET.Element) -> tuple[str, str, dict]:
    """(article.txt, article.md, gold) for one parsed article."""
    lines: list[Line] = []
    title = root.find(".//article-meta/title-group/article-title")
    if title is not None:
        line = inline(title)
        lines.append(Line(line.txt, "# " + line.md, line.markers))
    # The abstract, then any other kind (an editors' summary) under its own title; a table
    # of contents' teaser is not part of the article's text.
    abstracts = root.findall(".//article-meta/abstract")
    abstracts.sort(key=lambda a: a.get("abstract-type") is not None)
    for abstract in abstracts:
        if abstract.get("abstract-type") in ("toc", "teaser", "short"):
            continue
        if abstract.get("abstract-type") is None or abstract.find("title") is None:
            lines.append(Line("Abstract", "## Abstract"))
        blocks(abstract, 2, lines)
    body = root.find("body")
    if body is not None:
        blocks(body, 1, lines)
    back = root.find("back")
    if back is not None:
        for child in back:
            if child.tag in ("sec", "ack", "app-group", "app"):
                holder = ET.Element("holder")
                holder.append(child)
                blocks(holder, 1, lines)
    floats = root.find("floats-group")
    if floats is not None:
        blocks(floats, 1, lines)
    refs = [reference(r) for r in root.iter("ref")]
    lines.append(Line("References", "## References"))
    txt_parts: list[str] = []
    md_parts: list[str] = []
    offset = 0
    citations: list[dict] = []
    for line in lines:
        for marker in line.markers:
            marker["start"] += offset
            marker["end"] += offset
            citations.append(marker)
        txt_parts.append(line.txt + "\n\n")
        md_parts.append(line.md + "\n\n")
        offset += len(line.txt) + 2
    for ref in refs:
        label = ref.get("label") or ""
        printed = (f"{label} " if NUMBER_LABEL.match(label) else "") + ref["raw"]
        ref["text_start"] = offset + len(printed) - len(ref["raw"])
        ref["text_end"] = offset + len(printed)
        txt_parts.append(printed + "\n")
        md_parts.append(printed + "\n")
        offset += len(printed) + 1
    return "".join(txt_parts), "".join(md_parts), gold(citations, refs)


def gold(markers: list[dict], refs: list[dict]) -> dict:
    """Markers resolved against the reference list, ranges widened, in the corpus's format."""
    order = [r["id"] for r in refs]
    known = set(order)
    by_label = {r["label"]: r["id"] for r in refs if r.get("label")}
    citations: list[dict] = []
    unresolved = 0
    for index, marker in enumerate(markers):
        element = marker.pop("element")
        rids = [rid for rid in marker["rids"] if rid in known]
        if not rids:
            unresolved += 1
            continue
        marker["rids"] = rids
        span = LABELLED_RANGE.match(marker["text"])
        if span and len(rids) == 1 and span.group(1) in by_label and span.group(2) in by_label:
            first, last = order.index(by_label[span.group(1)]), order.index(by_label[span.group(2)])
            marker["expanded_rids"] = order[first : last + 1]
        following = markers[index + 1] if index + 1 < len(markers) else None
        if following is not None and RANGE_DASH.match(element.tail or ""):
            ahead = [rid for rid in following["rids"] if rid in known]
            if ahead:
                first, last = order.index(rids[-1]), order.index(ahead[0])
                if last - first > 1:
                    marker["range_to_next"] = order[first + 1 : last]
        citations.append(marker)
    return {
        "source_file": "article.xml",
        "text_file": "article.txt",
        "n_references": len(refs),
        "n_citation_markers": len(citations),
        "n_unresolved_markers": unresolved,
        "citations": citations,
        "references": refs,
    }


def make(source: Path, out: Path) -> dict:
    """Write the three gold files for `source` into `out`; the gold, for a summary."""
    txt, md, made = render(parse(source))
    out.mkdir(parents=True, exist_ok=True)
    (out / "article.txt").write_text(txt, "utf-8")
    (out / "article.md").write_text(md, "utf-8")
    (out / "gold.json").write_text(json.dumps(made, indent=1, ensure_ascii=False), "utf-8")
    return made


def main(argv: list[str]) -> int:
    if not argv or len(argv) > 2:
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    source = Path(argv[0])
    made = make(source, Path(argv[1]) if len(argv) == 2 else source.parent)
    print(f"{source}: {made['n_references']} references, {made['n_citation_markers']} markers")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
