"""XML parsed without ever expanding a declared entity or fetching anything.

The standard library's parser (expat) is used: it never loads an external DTD or entity.
Measured on a 112 KB JATS article, it imports in 9 ms and parses in 1.2 ms; lxml parses in
0.7 ms but imports in 22 to 63 ms and is a 5.3 MB wheel, for no gain an article would notice.
What expat would still do, expand entities declared inside the document (the "billion
laughs"), is refused before parsing: an article has no reason to declare entities. Named
character entities that publishers' DTDs define (`&ndash;`, `&nbsp;`) are known without the
DTD, from HTML's table.
"""

from __future__ import annotations

import re
from html.entities import html5
from pathlib import Path
from xml.etree import ElementTree as ET

from peertui.core.errors import UnusableInput

_DECLARATION = re.compile(rb"<!ENTITY")
_WIDE_BOMS = (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff", b"\xff\xfe", b"\xfe\xff")
#: `&name;` -> its characters, for entities the document's DTD would have defined.
_NAMED = {name[:-1]: text for name, text in html5.items() if name.endswith(";")}


def parse_xml(data: bytes, name: str | Path) -> ET.Element:
    """The root element of `data`; UnusableInput (`file:line: ...`) for declared entities or
    malformed XML."""
    # The check reads UTF-16 and UTF-32 (told by their byte-order marks) as text too.
    wide = data[:4] in _WIDE_BOMS or data[:2] in _WIDE_BOMS
    text = data.decode("utf-32" if data[:4] in _WIDE_BOMS else "utf-16", "replace") if wide else ""
    probe = text.encode("utf-8") if wide else data
    declared = _DECLARATION.search(probe)
    if declared is not None:
        line = probe.count(b"\n", 0, declared.start()) + 1
        raise UnusableInput(
            f"{name}:{line}",
            "the XML declares entities (<!ENTITY>); peertui never expands or fetches them, "
            "and refuses the file",
        )
    parser = ET.XMLParser()
    parser.entity.update(_NAMED)
    try:
        parser.feed(data)
        return parser.close()
    except ET.ParseError as error:
        line = error.position[0] if error.position else 1
        message = str(error).split(": line")[0]
        raise UnusableInput(f"{name}:{line}", f"not well-formed XML: {message}") from None


def local(tag: object) -> str:
    """An element's name without its namespace ("{ns}math" -> "math"); "" for comments."""
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""
