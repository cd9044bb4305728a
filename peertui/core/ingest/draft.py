"""Document -> the three files of a draft bundle, and a summary of what needs a human look.

article.md holds the text as `peertui`'s article loader reads it (front matter, `## heading`s,
one paragraph per line, `## References` as a numbered list), so every claim's sentence is found
verbatim in it and `peertui check` passes the draft.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from peertui.core.ingest.bibdraft import reference_keys, write_bib
from peertui.core.ingest.claimdraft import DraftClaim, draft_claims
from peertui.core.ingest.model import Document, Marker, Paragraph
from peertui.core.ingest.sentences import collapse, rewrite
from peertui.core.ingest.yamlout import mapping_lines

_WS = re.compile(r"\s+")
#: Inline HTML some Markdown carries: superscripts and subscripts become Markdown's own
#: `^x^` and `~x~` (a citation `<sup>1</sup>` reads `^1^`), emphasis tags are dropped.
_INLINE_HTML = re.compile(r"</?(sup|sub|i|b|em|strong|italic|bold|u|sc|span)\b[^<>]*>", re.I)
#: A line the article loader would not read as body text (a heading, a fence).
_NOT_BODY = re.compile(r"^(?:#{1,6}\s|---\s*$|\.\.\.\s*$)")
#: A reference printed with its number, as the article loader reads list items.
_LIST_LABEL = re.compile(r"^(?:(\d+)[.)]|\[(\d+)\])\s")
#: A block of raw HTML in Markdown (a table, a figure): markup, not prose, left out.
_HTML_BLOCK = re.compile(r"^<(?:table|div|figure|img|iframe|pre|script|style|svg|!--)\b", re.I)


@dataclass
class Summary:
    """What a draft holds, counted, and what a reviewer should look at."""

    claims: int = 0
    cited_claims: int = 0
    references: int = 0
    markers: int = 0
    linked: int = 0
    unresolved: int = 0
    numbers: int = 0
    look_at: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        """The summary as `--json` prints it."""
        return {
            "claims": self.claims,
            "cited_claims": self.cited_claims,
            "references": self.references,
            "markers": self.markers,
            "markers_linked": self.linked,
            "markers_unresolved": self.unresolved,
            "numbers": self.numbers,
            "look_at": self.look_at,
        }


@dataclass
class Draft:
    """The three files' text and the summary."""

    article_md: str
    references_bib: str
    claims_yaml: str
    summary: Summary


def draft_bundle(doc: Document) -> Draft:
    """The draft bundle of `doc`."""
    summary = Summary(references=len(doc.references))
    _unique_numbers(doc, summary)
    paragraphs = [p for p in (_normalised(p) for p in doc.paragraphs) if p.text]
    keys = reference_keys(doc.references)
    claims = draft_claims(paragraphs, keys)
    _count(paragraphs, claims, summary)
    for key, ref in zip(keys, doc.references, strict=True):
        missing = [n for n in ("authors", "year", "title") if not getattr(ref, n)]
        if missing:
            summary.look_at.append(f"reference {key}: no {', '.join(missing)} parsed")
    summary.look_at = list(doc.warnings) + summary.look_at
    return Draft(
        article_md=_article(doc, paragraphs),
        references_bib=write_bib(doc.references, keys),
        claims_yaml=_claims_yaml(doc, claims),
        summary=summary,
    )


def _unique_numbers(doc: Document, summary: Summary) -> None:
    """A citation number printed twice is kept on the first item only (check would refuse it)."""
    seen: set[int] = set()
    for ref in doc.references:
        if ref.number is not None and ref.number in seen:
            summary.look_at.append(f"reference number {ref.number} is printed twice")
            ref.number = None
        elif ref.number is not None:
            seen.add(ref.number)


def _normalised(paragraph: Paragraph) -> Paragraph:
    """The paragraph on one line, whitespace collapsed, inline HTML written as Markdown
    (`<sup>1</sup>` -> `^1^`), its markers moved with the text; a paragraph the article
    loader would read as a heading or a fence is left out."""
    text, first = rewrite(paragraph.text, _INLINE_HTML, _as_markdown)
    flat, second = collapse(text)
    where = [second[i] for i in first]
    if _NOT_BODY.match(flat) or _HTML_BLOCK.match(flat):
        return replace(paragraph, text="", markers=[])
    size = len(flat)
    markers = []
    for m in paragraph.markers:
        start = min(where[m.start], size)
        end = max(start, min(where[m.end], size))
        while end > start and flat[end - 1] == " ":
            end -= 1
        markers.append(replace(m, start=start, end=end))
    return replace(paragraph, text=flat, markers=markers)


def _as_markdown(tag: re.Match[str]) -> str:
    name = tag[1].lower()
    return "^" if name == "sup" else "~" if name == "sub" else ""


def _count(paragraphs: list[Paragraph], claims: list[DraftClaim], summary: Summary) -> None:
    markers: list[Marker] = [m for p in paragraphs for m in p.markers]
    summary.markers = len(markers)
    summary.linked = sum(bool(m.targets) for m in markers)
    summary.unresolved = sum(bool(m.unresolved) for m in markers)
    summary.claims = len(claims)
    summary.cited_claims = sum(bool(c.cites) for c in claims)
    summary.numbers = sum(len(c.numbers) for c in claims)
    for claim in claims:
        if claim.unresolved:
            summary.look_at.append(
                f"claim {claim.id}: unresolved marker {'; '.join(claim.unresolved)}"
            )


def _article(doc: Document, paragraphs: list[Paragraph]) -> str:
    front = {"title": doc.title or "Untitled draft"}
    if doc.authors:
        front["authors"] = list(doc.authors)
    lines = ["---", _dump(front).rstrip("\n"), "---", ""]
    section = ""
    for paragraph in paragraphs:
        heading = _WS.sub(" ", paragraph.section).strip()
        # `## References` starts the reference list for the article loader: a body section
        # of that name keeps its text under the heading before it.
        if heading and paragraph.section != section and heading.casefold() != "references":
            lines += [f"## {heading}", ""]
        section = paragraph.section or section
        lines += [paragraph.text, ""]
    if doc.references:
        lines += ["## References", ""]
        numbered = all(r.number is not None for r in doc.references)
        for position, ref in enumerate(doc.references, start=1):
            number = ref.number if numbered else position
            printed = _WS.sub(" ", ref.printed).strip()
            label = _LIST_LABEL.match(printed)
            if label and int(label[1] or label[2]) == number:
                lines.append(printed)  # printed with its own "12." or "[12]": read as item 12
            else:
                lines.append(f"{number}. {printed}")
        lines.append("")
    return "\n".join(lines)


def _claims_yaml(doc: Document, claims: list[DraftClaim]) -> str:
    head = (
        "# Drafted by peertui init"
        + (f" from {doc.source}" if doc.source else "")
        + ": every claim is `kind: draft` until a reviewer has read it.\n"
    )
    return head + _dump({"claims": [c.as_yaml() for c in claims]})


def _dump(data: dict[str, object]) -> str:
    return "\n".join(mapping_lines(data)) + "\n"
