"""A draft's claims: every sentence that cites, or states a quantity, becomes a claim.

A claim quotes its sentence verbatim, cites the bib keys its markers resolve to, lists every
quantity the project's extractor finds in it (the same extractor `peertui check` runs, so the
draft passes it), and says it is a draft (`kind: draft`). A marker that resolved to nothing is
kept in the claim's `notes`, never guessed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from peertui.core.analysis.extract import extract_quantities
from peertui.core.drafts import UNRESOLVED_NOTE
from peertui.core.ingest.model import Marker, Paragraph
from peertui.core.ingest.sentences import split_sentences
from peertui.core.models import DRAFT_KIND

#: How a draft claim's `notes` begin when some of its markers resolved to no reference.


@dataclass
class DraftClaim:
    """One claim as it will be written to claims.yaml."""

    id: str
    text: str
    cites: list[str]
    section: str
    paragraph: int
    numbers: list[dict[str, object]] = field(default_factory=list)
    unresolved: list[str] = field(default_factory=list)

    def as_yaml(self) -> dict[str, object]:
        """The mapping written for this claim, in the bundle format's key order."""
        out: dict[str, object] = {"id": self.id, "text": self.text, "cites": self.cites}
        if self.section:
            out["section"] = self.section
        out["paragraph"] = self.paragraph
        out["kind"] = DRAFT_KIND
        if self.numbers:
            out["numbers"] = self.numbers
        if self.unresolved:
            out["notes"] = UNRESOLVED_NOTE + "; ".join(self.unresolved)
        return out


def draft_claims(paragraphs: list[Paragraph], keys: list[str]) -> list[DraftClaim]:
    """The claims of the article's paragraphs (already whitespace-normalised), numbered C001…"""
    claims: list[DraftClaim] = []
    for number, paragraph in enumerate(paragraphs, start=1):
        text = paragraph.text
        quantities = extract_quantities(text)
        protected = [(m.start, m.end) for m in paragraph.markers]
        protected += [(q.start, q.end) for q in quantities]
        sentences = split_sentences(text, protected)
        for index, (start, end) in enumerate(sentences):
            start = _first_occurrence(text, sentences, index)
            markers = [m for m in paragraph.markers if start <= m.start < end]
            found = [q for q in quantities if start <= q.start < end]
            if not markers and not found:
                continue
            claim = DraftClaim(
                id="",
                text=text[start:end],
                cites=_cites(markers, keys),
                section=paragraph.section,
                paragraph=number,
                unresolved=[u for m in markers for u in m.unresolved],
            )
            claim.numbers = [_number(q) for q in found if q.end <= end]
            claims.append(claim)
    width = max(3, len(str(len(claims))))
    for index, claim in enumerate(claims, start=1):
        claim.id = f"C{index:0{width}d}"
    return claims


def _first_occurrence(text: str, sentences: list[tuple[int, int]], index: int) -> int:
    """Where the claim of sentence `index` starts: the sentence's own start, or, when the same
    words stand earlier in the paragraph ("It rose." twice), the start of the earlier sentences
    it must take in to be found where it is (a check looks claims up by their first match)."""
    end = sentences[index][1]
    for back in range(index, -1, -1):
        start = sentences[back][0]
        if text.find(text[start:end]) == start:
            return start
    return 0


def _cites(markers: list[Marker], keys: list[str]) -> list[str]:
    cites: list[str] = []
    for marker in markers:
        for target in marker.targets:
            if 0 <= target < len(keys) and keys[target] not in cites:
                cites.append(keys[target])
    return cites


def _number(quantity) -> dict[str, object]:
    value = quantity.value
    out: dict[str, object] = {"value": int(value) if float(value).is_integer() else value}
    if quantity.unit:
        out["unit"] = quantity.unit
    if quantity.role:
        out["role"] = quantity.role
    out["quote"] = quantity.text
    return out
