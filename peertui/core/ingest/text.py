"""Plain text, Markdown and text extracted from PDFs → a `Document`.

Paragraph text is kept as printed (Markdown markup and citation markers included), because
the draft quotes claims from it verbatim. Lines wrapped by a layout (PDF text) are joined
into paragraphs and the page furniture (running heads, page numbers) is dropped first.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from peertui.core.ingest.front import front_matter
from peertui.core.ingest.markers import AUTHOR_YEAR, BRACKETS, SUPERSCRIPT, link_markers
from peertui.core.ingest.model import Document, Paragraph
from peertui.core.ingest.refparse import parse_reference
from peertui.core.ingest.refsplit import label_of, split_references

FORMS = ("text", "markdown", "pdf")
#: A reference section longer than this is not a reference list: parsing stops there.
MAX_REFERENCE_ITEMS = 2000
MAX_ITEM_CHARS = 2000

_REF_HEADINGS = frozenset(
    " ".join(h.split())
    for h in """
    references | reference list | bibliography | literature cited | literature | works cited
    | cited literature | references cited | sources | notes and references | references and
    notes | literatur | literaturverzeichnis | quellen | bibliographie | références |
    références bibliographiques | referencias | bibliografía | referências | bibliografia |
    riferimenti bibliografici | literatuur | referenties | litteratur | referenser |
    kirjallisuus | piśmiennictwo | литература | 参考文献 | 참고문헌
    """.replace("\n", " ").split("|")
)
_BACK_MATTER = re.compile(
    r"^(?:acknowledg(?:e)?ments?|appendi(?:x|ces)\b.*|supporting information|supplementary"
    r"(?: material| materials| information| data)?|author(?:s'|s’)? contributions|funding"
    r"|conflicts? of interest|competing interests|declaration of interests?|figure legends"
    r"|tables|abbreviations|about the authors?|footnotes|data availability(?: statement)?"
    r"|ethics statement|notes)$",
    re.I,
)
_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_NUMBERED_HEADING = re.compile(r"^(?:\d{1,2}(?:\.\d{1,2})*\.?|[IVX]+\.|[A-Z]\.)\s+[A-Z]")
_CAPTION = re.compile(
    r"^(?:\*\*|_)?(?:Supplementary\s+|Suppl\.\s+)?(?:Figure|Fig\.?|Table|Box|Scheme|Chart|Plate)"
    r"\s*S?\d+[A-Za-z]?(?:[.:|]|\s*$|\s+[A-Z(])",
    re.I,
)
#: A citation in a line: "[12]", "^3^", "<sup>3</sup>", "(Smith 2001)", "(Lee et al., 2019a)".
_CITES = re.compile(
    r"\[\d{1,4}(?:[,–-]\s?\d{1,4})*\]|\^\d[\d,–-]*\^|<sup>\d|"
    r"\([A-Z][^()]{0,60}\b(?:1[5-9]|20)\d\d[a-z]?\)"
)
_LABEL_ONLY = re.compile(
    r"^(?:\*\*|_)?(?:Supplementary\s+)?(?:Figure|Fig\.?|Table|Box)\s*S?\d+[A-Za-z]?\.?(?:\*\*|_)?\s*$",
    re.I,
)


@dataclass
class _Block:
    text: str
    heading: bool = False


def read_text(text: str, *, form: str, source: str = "") -> Document:
    """Read an article given as plain text, Markdown or PDF-extracted text."""
    if form not in FORMS:
        raise ValueError(f"unknown text form {form!r}; expected one of {', '.join(FORMS)}")
    doc = Document(source=source, form=form)
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    markdown = form == "markdown"
    wrapped = form == "pdf" or (not markdown and _looks_wrapped(lines))
    if wrapped:
        lines = _drop_page_furniture(lines)
    ref_start, ref_end = _reference_section(lines, markdown)
    body = [*lines[:ref_start], "", *lines[ref_end:]] if ref_start < len(lines) else lines
    # No list has this many lines (20 a reference): past them the section is not read.
    ref_end_read = min(ref_end, ref_start + 1 + 20 * MAX_REFERENCE_ITEMS)
    items = split_references(lines[ref_start + 1 : ref_end_read]) if ref_start < len(lines) else []
    if ref_start >= len(lines):
        items, cut = _trailing_list(lines)
        body = lines[:cut]
    if len(items) > MAX_REFERENCE_ITEMS:
        doc.warnings.append(
            f"the reference list has {len(items)} items; only the first "
            f"{MAX_REFERENCE_ITEMS} were read"
        )
        items = items[:MAX_REFERENCE_ITEMS]
    doc.references = [parse_reference(item[:MAX_ITEM_CHARS]) for item in items]
    numbers = {r.number for r in doc.references}
    if markdown and len(doc.references) >= 3 and len(numbers) == 1 and None not in numbers:
        for position, ref in enumerate(doc.references, start=1):
            ref.number = position  # "1." on every item: Markdown numbers the list itself
    if not items:
        doc.warnings.append("no reference list was found")
    doc.title, doc.authors, used = front_matter(body, markdown)
    for i in used:
        body[i] = ""
    doc.paragraphs = _paragraphs(_blocks(body, markdown, wrapped))
    style = link_markers(doc.paragraphs, doc.references)
    doc.paragraphs = _citing_headings(doc.paragraphs, style)
    return doc


def _citing_headings(paragraphs: list[Paragraph], style: str) -> list[Paragraph]:
    """Headings were read as paragraphs too: one that cites by a marker of its own syntax
    ("Data analysis in Clarke et al. (2017)", "Background [12]") is kept, as a claim needs it;
    the rest go. A bare number ("Study 2") is never taken for a citation in a heading."""
    explicit = style in (AUTHOR_YEAR, BRACKETS, SUPERSCRIPT)
    out = []
    for paragraph in paragraphs:
        if paragraph.kind == "heading":
            if not (explicit and any(m.targets for m in paragraph.markers)):
                continue
            paragraph.kind = "body"
        out.append(paragraph)
    return out


def _looks_wrapped(lines: list[str]) -> bool:
    """Text whose lines were broken by a layout: many lines run on into the next one (no
    sentence end, no blank line between), and many are of a line's usual length."""
    sample = lines[:4000]
    content = run_on = mid = 0
    for i, line in enumerate(sample):
        s = line.rstrip()
        if not s.strip():
            continue
        content += 1
        mid += 30 <= len(s) <= 110
        following = sample[i + 1] if i + 1 < len(sample) else ""
        run_on += bool(following.strip()) and not s.endswith((".", ":", "?", "!", ")"))
    return content >= 20 and run_on >= 0.33 * content and mid >= 0.4 * content


def _drop_page_furniture(lines: list[str]) -> list[str]:
    """Page numbers and running heads/feet (short lines repeated on many pages) go."""
    counts = Counter(_furniture_key(ln) for ln in lines if 0 < len(ln.strip()) <= 80)
    repeated = {
        k
        for k, c in counts.items()
        if c >= 3 and not _is_reference_heading(k) and not _CITES.search(k)
    }
    out = []
    for ln in lines:
        s = ln.strip()
        if (0 < len(s) <= 80 and _furniture_key(ln) in repeated) or re.fullmatch(
            r"\d{1,4}|[ivxlc]{1,6}|Page \d+( of \d+)?", s
        ):
            out.append("")
        else:
            out.append(ln)
    return out


def _furniture_key(line: str) -> str:
    """A line as a running head: a page number at either end does not make it different
    ("6 Rehabilitation Research and Practice"), when the rest has three words or more."""
    s = line.strip()
    bare = re.sub(r"^\d{1,4}\s+|\s+\d{1,4}$", "", s)
    return f"#{bare}" if bare != s and len(bare.split()) >= 3 else s


def _heading_text(line: str, markdown: bool) -> str:
    s = line.strip()
    if markdown:
        m = _MD_HEADING.match(s)
        s = m.group(2) if m else s
    s = re.sub(r"^(?:\d+(?:\.\d+)*\.?|[IVX]+\.)\s+", "", s)
    return s.strip(" *_:").strip()


def _is_reference_heading(line: str, markdown: bool = False) -> bool:
    s = line.strip()
    if not s or len(s) > 60:
        return False
    return _heading_text(s, markdown).casefold() in _REF_HEADINGS


def _reference_section(lines: list[str], markdown: bool) -> tuple[int, int]:
    """(heading line, end line) of the reference section; (len, len) when none is found."""
    n = len(lines)
    for i in range(n - 1, -1, -1):
        if _is_reference_heading(lines[i], markdown) and any(
            ln.strip() for ln in lines[i + 1 : i + 40]
        ):
            end = i + 1
            while end < n:
                s = lines[end].strip()
                if markdown and _MD_HEADING.match(s):
                    break
                if s and len(s) < 60 and _BACK_MATTER.match(_heading_text(s, markdown)):
                    break
                end += 1
            return i, end
    return n, n


def _trailing_list(lines: list[str]) -> tuple[list[str], int]:
    """A reference list without a heading: a trailing run of items numbered from 1."""
    content = [i for i, ln in enumerate(lines) if ln.strip()]
    expected = None
    start = None
    for i in reversed(content[-MAX_REFERENCE_ITEMS * 3 :]):
        _, number = label_of(lines[i])
        if number is None:
            continue
        if expected is None or number == expected - 1 or number == expected:
            expected = number
            start = i
            if number == 1:
                break
        else:
            break
    if start is None or expected != 1:
        return [], len(lines)
    items = split_references(lines[start:])
    return (items, start) if len(items) >= 3 else ([], len(lines))


def _blocks(lines: list[str], markdown: bool, wrapped: bool) -> list[_Block]:
    """Blank-line separated blocks; headings apart; wrapped lines joined into paragraphs."""
    blocks: list[_Block] = []
    run: list[str] = []
    lengths = sorted(len(ln.rstrip()) for ln in lines if ln.strip())
    width = lengths[len(lengths) // 2] if lengths else 0

    def flush() -> None:
        if run:
            blocks.extend(_split_block(run, markdown, wrapped, width))
            run.clear()

    for line in lines:
        s = line.strip()
        if not s:
            flush()
            continue
        heading = _MD_HEADING.match(s) if markdown else None
        if heading and not _long(s):
            flush()
            blocks.append(_Block(_heading_text(s, True), True))
            continue
        if heading:  # a paragraph set as a heading: its text without the marks
            flush()
            blocks.append(_Block(heading.group(2)))
            continue
        run.append(line)
    flush()
    return blocks


def _long(heading: str) -> bool:
    """A "heading" of more than 30 words or 250 characters is a paragraph set as one."""
    return len(heading) > 250 or len(heading.split()) > 30


def _split_block(run: list[str], markdown: bool, wrapped: bool, width: int) -> list[_Block]:
    """One blank-line separated run of lines → its headings and paragraphs."""
    if markdown:
        return [_Block(_join(run, mend=False))]
    if not wrapped:
        return [_Block(ln.strip(), _plain_heading(ln, len(run) == 1)) for ln in run]
    # Wrapped text: a paragraph ends at a short line that ends a sentence; a heading line
    # stands alone.
    out: list[_Block] = []
    para: list[str] = []
    for k, line in enumerate(run):
        s = line.strip()
        ended = not para or para[-1].rstrip().endswith((".", ":", "?", "!", ")"))
        nxt = run[k + 1].strip() if k + 1 < len(run) else ""
        if ended and _wrapped_heading(s, nxt, width):
            if para:
                out.append(_Block(_join(para)))
                para = []
            out.append(_Block(s, True))
            continue
        para.append(line)
        if s.endswith((".", "?", "!", ".”", ".)")) and len(s) < 0.8 * width and len(run) > 1:
            out.append(_Block(_join(para)))
            para = []
    if para:
        out.append(_Block(_join(para)))
    return out


def _wrapped_heading(line: str, following: str, width: int) -> bool:
    """A heading among wrapped lines: numbered ("6. Improvements") or clearly shorter than
    the lines of text, and followed by a line that opens a sentence."""
    if not _plain_heading(line, True):
        return False
    if following and not (following[0].isupper() or following[0].isdigit()):
        return False
    return bool(_NUMBERED_HEADING.match(line)) or len(line) < 0.6 * width


def _plain_heading(line: str, standalone: bool) -> bool:
    """A heading in plain text: a short line on its own, without a sentence's end."""
    s = line.strip()
    if not standalone or not s or len(s) > 120 or len(s.split()) > 16 or _LABEL_ONLY.match(s):
        return False
    if _CITES.search(s):
        return False  # a line that cites is text, even without a full stop
    if _NUMBERED_HEADING.match(s):
        return len(s.split()) <= 10 and not s.endswith((",", ";"))
    if s.endswith((".", ",", ";", ":", "?", "!")):
        return False
    return s[0].isupper()


def _join(lines: list[str], mend: bool = True) -> str:
    """Lines → one line. Where a layout wrapped them (`mend`), a hyphen at a line end before
    a lowercase letter broke a word and goes, and one before a capital ("Jimeno-\nYepes")
    joins without a space; other breaks become one space."""
    out = ""
    for raw in lines:
        line = raw.strip()
        if not out:
            out = line
        elif mend and out.endswith("-") and out[-2:-1].isalpha() and line[:1].islower():
            out = out[:-1] + line
        elif mend and out.endswith("-") and out[-2:-1].isalpha() and line[:1].isupper():
            out += line
        else:
            out = f"{out} {line}"
    return out


def _paragraphs(blocks: list[_Block]) -> list[Paragraph]:
    """Blocks → paragraphs with their section; a figure or table label and what follows it
    are captions."""
    out: list[Paragraph] = []
    section = ""
    caption_next = 0
    for block in blocks:
        if _LABEL_ONLY.match(block.text):
            out.append(Paragraph(block.text, section=section, kind="caption"))
            caption_next = 2
            continue
        if block.heading and caption_next:
            # A table's title printed as a heading belongs to the caption.
            out.append(Paragraph(block.text, section=section, kind="caption"))
            caption_next -= 1
            continue
        if block.heading:
            out.append(Paragraph(block.text, section=section, kind="heading"))
            section = block.text
            continue
        kind = "caption" if _CAPTION.match(block.text) or caption_next else "body"
        if caption_next:
            caption_next = caption_next - 1 if len(block.text) < 250 else 0
        out.append(Paragraph(block.text, section=section, kind=kind))
    return out
