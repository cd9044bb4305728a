"""Flattening XML mixed content into a paragraph's text, keeping where its markers stand.

JATS and TEI differ in their tags but not in how a paragraph is built: the text of every
element and tail in document order, some elements skipped (figures, formulas shown apart),
citation elements recorded as markers with their span and the ids they point to.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import pairwise
from xml.etree.ElementTree import Element

from peertui.core.ingest.model import Marker, PrintedRef
from peertui.core.ingest.xmlsafe import local

_WS = re.compile(r"\s+")
_PICTURES = frozenset({"graphic", "inline-graphic", "media"})
#: The text between two markers when they print a range: "[3]–[5]", "3–5", "^3^–^5^".
_RANGE_GAP = re.compile(r"^[\s\])^]*[–—-][\s\[(^]*$")
_NUMBERS = re.compile(r"(\d+)(?:\s*[–—-]\s*(\d+))?")


@dataclass
class Found:
    """A marker element seen while flattening: its span in the text and the ids it names."""

    start: int
    end: int
    ids: list[str]


@dataclass
class Flat:
    """A paragraph's text and the markers found in it, before they are linked."""

    text: str = ""
    found: list[Found] = field(default_factory=list)


class Flattener:
    """Builds a `Flat` from elements; `marker(elem)` returns the ids an element cites, or None
    when it is no citation marker; `skip` names elements left out of the text."""

    def __init__(
        self,
        marker: Callable[[Element], list[str] | None],
        skip: frozenset[str],
        superscript: frozenset[str] = frozenset({"sup"}),
    ) -> None:
        self.marker = marker
        self.skip = skip
        self.superscript = superscript

    def flatten(self, *elems: Element | str) -> Flat:
        """The text of `elems` (strings are added as they are), whitespace collapsed."""
        out = _Text()
        for elem in elems:
            if isinstance(elem, str):
                out.add(elem)
            else:
                self._children(elem, out)
        return _collapse("".join(out.parts), out.spans)

    def _walk(self, elem: Element, out: _Text, tail: bool) -> None:
        name = local(elem.tag)
        if name and name not in self.skip:
            ids = self.marker(elem)
            if ids is not None:
                # a marker printed in superscript from inside (<xref><sup>1</sup></xref>)
                raised = any(local(e.tag) in self.superscript for e in elem.iter())
                if raised:
                    out.add("^")
                start = out.size
                out.add("".join(elem.itertext()))
                out.spans.append((start, out.size, ids))
                if raised:
                    out.add("^")
            elif name == "alternatives":  # the same thing several ways (MathML, TeX, image)
                first = next((c for c in elem if local(c.tag) not in _PICTURES), None)
                if first is not None:
                    self._walk(first, out, tail=False)
            elif name in self.superscript and _cites_inside(elem, self.marker):
                out.add("^")
                self._children(elem, out)
                out.add("^")
            else:
                self._children(elem, out)
        if tail and elem.tail:
            out.add(elem.tail)

    def _children(self, elem: Element, out: _Text) -> None:
        if elem.text:
            out.add(elem.text)
        for child in elem:
            self._walk(child, out, tail=True)


class _Text:
    """The pieces of a paragraph's text as they are found, their length, and marker spans."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.size = 0
        self.spans: list[tuple[int, int, list[str]]] = []

    def add(self, piece: str) -> None:
        self.parts.append(piece)
        self.size += len(piece)


def _cites_inside(elem: Element, marker: Callable[[Element], list[str] | None]) -> bool:
    return any(marker(e) is not None for e in elem.iter() if e is not elem)


def _collapse(raw: str, spans: list[tuple[int, int, list[str]]]) -> Flat:
    """Collapse whitespace runs to one space and strip, moving the spans with the text."""
    out: list[str] = []
    where = [0] * (len(raw) + 1)
    length = 0
    pending_space = False
    for i, ch in enumerate(raw):
        if ch.isspace():
            pending_space = length > 0
            where[i] = length + (1 if pending_space else 0)
            continue
        if pending_space:
            out.append(" ")
            length += 1
            pending_space = False
        where[i] = length
        out.append(ch)
        length += 1
    where[len(raw)] = length
    text = "".join(out)
    found = []
    for start, end, ids in spans:
        s, e = where[start], where[end] if end < len(raw) else length
        while s < e and text[s].isspace():
            s += 1
        e = min(e, len(text))
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s or ids:  # an empty <xref/> (the label drawn at display time) still cites
            found.append(Found(s, max(s, e), ids))
    return Flat(text, found)


def link(flat: Flat, refs: list[PrintedRef], index: dict[str, int]) -> list[Marker]:
    """The markers of `flat` with their targets: ids looked up, a marker printing a range of
    numbers ("1–3") widened to the numbers between, two markers joined by a dash ("[3]–[5]")
    given the items between them."""
    by_number = {r.number: i for i, r in enumerate(refs) if r.number is not None}
    markers: list[Marker] = []
    for f in flat.found:
        text = flat.text[f.start : f.end]
        marker = Marker(f.start, f.end, text)
        for rid in f.ids:
            if rid in index:
                if index[rid] not in marker.targets:
                    marker.targets.append(index[rid])
            elif rid:
                marker.unresolved.append(f"{text} (→ {rid})")
        if not f.ids:
            marker.unresolved.append(text)
        _widen(marker, refs, by_number)
        markers.append(marker)
    for before, after in pairwise(markers):
        gap = flat.text[before.end : after.start]
        if before.targets and after.targets and _RANGE_GAP.match(gap):
            _between(before, after, refs, by_number)
    return markers


def _widen(marker: Marker, refs: list[PrintedRef], by_number: dict[int, int]) -> None:
    """A marker naming one item but printing several numbers ("1–3", "4, 6") cites them all,
    provided the item it names is one of those numbers."""
    if len(marker.targets) != 1 or not re.search(r"\d\D+\d", marker.text):
        return
    wanted: list[int] = []
    for m in _NUMBERS.finditer(marker.text):
        low, high = int(m[1]), int(m[2] or m[1])
        if high - low > 200:
            return
        wanted.extend(range(low, high + 1))
    if refs[marker.targets[0]].number not in wanted:
        return
    marker.targets = [by_number[n] for n in wanted if n in by_number]
    marker.unresolved += [str(n) for n in wanted if n not in by_number]


def _between(before: Marker, after: Marker, refs: list[PrintedRef], by_number: dict) -> None:
    """Give `before` the items strictly between its last target and `after`'s first."""
    a, b = before.targets[-1], after.targets[0]
    na, nb = refs[a].number, refs[b].number
    if na is not None and nb is not None and 0 < nb - na <= 200:
        extra = [by_number[n] for n in range(na + 1, nb) if n in by_number]
    elif 0 < b - a <= 200:
        extra = list(range(a + 1, b))
    else:
        return
    before.targets += [i for i in extra if i not in before.targets]


def plain(elem: Element | None) -> str:
    """An element's text, whitespace collapsed; a space where two elements meet between two
    letters or digits ("<surname>Lee</surname><given-names>K</given-names>" -> "Lee K")."""
    if elem is None:
        return ""
    parts: list[str] = []
    _spaced(elem, parts)
    return _WS.sub(" ", "".join(parts)).strip()


def _spaced(elem: Element, parts: list[str]) -> None:
    _join(parts, elem.text or "")
    for child in elem:
        if local(child.tag):
            _spaced(child, parts)
        _join(parts, child.tail or "")


def _touching(before: str, after: str) -> bool:
    """Two elements printed with nothing between them that a reader would see as a space:
    "Lee" + "K", "update." + "Deut"."""
    return (before.isalnum() or before == ".") and after.isalnum()


def _join(parts: list[str], piece: str) -> None:
    if piece and parts and parts[-1] and _touching(parts[-1][-1], piece[0]):
        parts.append(" ")
    if piece:
        parts.append(piece)
