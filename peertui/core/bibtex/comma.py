"""A missing comma between two fields: `year = {1999}` then `volume = 159` on the next line.

bibtexparser reads the second field into the first one's value (`{1999}\\n volume = 159`),
which then reads as an undefined macro. BibTeX itself stops there ("I was expecting a `,'");
peertui splits the value where the next field starts, keeps both fields, and reports the place.
"""

from __future__ import annotations

import re

from peertui.core.bibtex.blocks import ScanError, value_end

#: A field's start: its name then `=`.
_FIELD_START = re.compile(r"\s*([^\s\"#%'(),={}]+)\s*=")
_SEPARATOR = re.compile(r"\s*,?\s*")


def split_swallowed(raw: str) -> list[tuple[str, str, int, int]] | None:
    """The value a raw field value holds and the fields it swallowed, or None when it holds no
    field start after a whole value.

    Each item is (name, raw value, offset of the value in `raw`, offset where the comma before
    it belongs); the first is the field's own value, with the name "" and no comma (-1).
    """
    raw = raw.rstrip()
    parts: list[tuple[str, str, int, int]] = []
    name, begin, comma = "", 0, -1
    while True:
        try:
            end = value_end(raw, begin, name or "value")
        except ScanError:
            return None
        parts.append((name, raw[begin:end].strip(), begin, comma))
        following = _FIELD_START.match(raw, _SEPARATOR.match(raw, end).end())  # type: ignore[union-attr]
        if following is None:
            rest = raw[end:].strip().strip(",").strip()
            return parts if len(parts) > 1 and not rest else None
        name, begin, comma = following[1], following.end(), end
