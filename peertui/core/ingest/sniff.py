"""Which input form a file holds, told by its bytes, not its name.

A `.txt` that is really JATS, or a PDF saved without an extension, is read as what it is; a
file that is none of the forms (an image, an archive, binary junk) is refused before any
reader sees it.
"""

from __future__ import annotations

import re
from pathlib import Path

from peertui.core.errors import UnusableInput

#: The forms a reader exists for.
FORMS = ("jats", "tei", "pdf", "markdown", "text")
#: How much of the file's start is looked at.
_HEAD = 64 * 1024
_XML_ROOT = re.compile(r"<(?![?!])([\w:.-]+)")
_TEI_NS = "http://www.tei-c.org/ns/1.0"
_MD_SIGNS = re.compile(
    r"^(?:#{1,6}\s+\S|---\s*$|\s*[-*+]\s+\S|\s*\d+\.\s+\S)|\*\*\S|\[[^\]\n]+\]\([^)\s]+\)|\^\d",
    re.MULTILINE,
)
_UTF32 = (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")
_MD_HEADING = re.compile(r"^#{1,6}\s+\S", re.MULTILINE)


def sniff(data: bytes, name: str | Path = "") -> str:
    """The form of `data` (one of FORMS); UnusableInput when it is none of them."""
    head = data[:_HEAD]
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"%PDF-") or head[:1024].find(b"%PDF-") >= 0:
        return "pdf"
    text = _decode(head, name)
    stripped = text.lstrip("\ufeff \t\r\n")
    if stripped.startswith("<"):
        root = _XML_ROOT.search(text)
        tag = root[1].split(":")[-1].lower() if root else ""
        if tag == "tei" or _TEI_NS in text:
            return "tei"
        if tag == "article" or "JATS" in text[:2048] or "NLM//DTD" in text[:2048]:
            return "jats"
        if tag in ("html", "xhtml"):
            raise UnusableInput(name, "this is an HTML page; save the article's JATS XML or PDF")
        if root is not None and (stripped.startswith("<?xml") or stripped.startswith("<!")):
            raise UnusableInput(
                name, f"XML with a <{tag}> root is neither JATS (<article>) nor TEI (<TEI>)"
            )
    if _is_markdown(text, name):
        return "markdown"
    return "text"


def _decode(head: bytes, name: str | Path) -> str:
    """The start of the file as text, or UnusableInput for binary content."""
    if head[:2] in (b"\xff\xfe", b"\xfe\xff") and head[:4] not in _UTF32:
        return head.decode("utf-16", "ignore")  # a UTF-16 file, told by its byte-order mark
    if b"\x00" in head:
        raise UnusableInput(name, "binary content (NUL bytes): not an article in text, XML or PDF")
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError as error:
        if len(head) - error.start > 4:  # not just a character cut at the end of the head
            text = head.decode("latin-1")
        else:
            text = head[: error.start].decode("utf-8")
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\n\r\f")
    if text and controls > len(text) // 100:
        raise UnusableInput(name, "binary content (control bytes): not an article")
    if not text.strip():
        raise UnusableInput(name, "the file is empty")
    return text


def _is_markdown(text: str, name: str | Path) -> bool:
    """Markdown by extension, or by its marks: headings `#`, emphasis, links, `^1^`."""
    if Path(str(name)).suffix.lower() in (".md", ".markdown"):
        return True
    return bool(_MD_HEADING.search(text)) and len(_MD_SIGNS.findall(text)) >= 3
