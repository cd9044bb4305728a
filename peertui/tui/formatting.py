"""Turn corpus data into styled Textual `Content`: data is never parsed as markup.

Every function here starts from `Content(text)` (plain) and adds styles by span, so a bracket or
an escape sequence in a bib file can never change what the screen shows. Styles name theme
variables ($accent, $primary ...) so the app follows the active theme.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from textual.content import Content, Span
from textual.style import Style

from peertui.core.analysis.findings import failing
from peertui.core.analysis.marks import ABSENT_MARK, AGREES_MARK, DIFFERS_MARK, UNCHECKED_MARK
from peertui.core.citation import (
    JOURNAL,
    TAG,
    TITLE,
    UNVERIFIED,
    citation_runs,
    citation_text,
    unverified_fields,
)
from peertui.core.models import CITATION_MARKER, Claim, Corpus, NumberFact, Problem, Reference
from peertui.core.sanitize import clean, printable

#: Styles of the cross-check marks (peertui.core.analysis.marks).
VERDICT_STYLES = {
    AGREES_MARK: "bold $success",
    DIFFERS_MARK: "bold $error",
    ABSENT_MARK: "bold $warning",
    UNCHECKED_MARK: "bold $text-muted",
}
#: The app's theme colour for each of the render layer's colour names.
THEME_COLOURS = {"green": "$success", "red": "$error", "yellow": "$warning"}
NUMBER_STYLE = "bold $accent"
MARKER_STYLE = "bold underline $primary"
CLAIM_STYLE = "underline $secondary"
CURRENT_CLAIM_STYLE = "reverse $accent"
UNVERIFIED_STYLE = "dim italic"
TAG_STYLE = "italic $warning"


def corpus_title(corpus: Corpus) -> str:
    """What is open: the article's title, else the library's file name."""
    article = corpus.article
    if article is not None and article.title:
        return clean(article.title)
    bib = corpus.paths.get("bib")
    return clean(bib.name) if bib is not None else ""


def click(action: str, *params: object) -> Style:
    """A style that runs `action(*params)` when clicked; parameters are never parsed."""
    return Style.from_meta({"@click": (action, params)})


def claim_marks(corpus: Corpus, problems: Iterable[Problem]) -> dict[str, list[Problem]]:
    """Problems that concern each claim, by claim id.

    A problem concerns a claim when its message names it ("claim C05 ...") or it points at the
    claim's line in the claims file.
    """
    ids = {claim.id for claim in corpus.claims}
    by_line = {claim.line: claim.id for claim in corpus.claims if claim.line}
    claims_file = str(corpus.paths.get("claims", "claims.yaml"))
    marks: dict[str, list[Problem]] = {claim.id: [] for claim in corpus.claims}
    for problem in problems:
        named = {m.rstrip(":,.;'") for m in re.findall(r"\bclaim (\S+)", problem.message)}
        hit = named & ids
        if not hit and problem.line in by_line and claims_file.endswith(problem.file):
            hit = {by_line[problem.line]}
        for claim_id in hit:
            marks[claim_id].append(problem)
    return marks


def claim_mark(problems: Sequence[Problem]) -> tuple[str, str]:
    """A claim's mark and its style: ✗ an error or warning concerns it, ≠ only a finding (its
    sources say otherwise), ✓ nothing was found."""
    if failing(problems):
        return "✗ ", "bold $error"
    if problems:
        return "≠ ", "bold $warning"
    return "✓ ", "bold $success"


def number_status(corpus: Corpus, claim: Claim, number: NumberFact) -> str:
    """The core's word for a number's state ("verified", "not in text" ...)."""
    try:
        from peertui.core.analysis.verify import number_status as core_status
    except ImportError:
        return "verified" if number.quote in claim.text else "not in text"
    return core_status(corpus, claim, number)


def _find(text: str, needle: str) -> tuple[int, int] | None:
    """Where `needle` occurs in `text`, whitespace runs matching any whitespace."""
    words = needle.split()
    if not words:
        return None
    match = re.search(r"\s+".join(re.escape(w) for w in words), text)
    return (match.start(), match.end()) if match else None


def marker_spans(corpus: Corpus, text: str, offset: int = 0) -> list[Span]:
    """Styled, clickable spans for every citation marker of `text`.

    Each number inside a marker links to the reference the article cites by it.
    """
    spans: list[Span] = []
    for marker in CITATION_MARKER.finditer(text):
        spans.append(Span(offset + marker.start(), offset + marker.end(), MARKER_STYLE))
        for digits in re.finditer(r"\d+", marker.group(0)):
            ref = corpus.reference_by_number(int(digits.group(0)))
            if ref is None:
                continue
            start = offset + marker.start() + digits.start()
            spans.append(
                Span(start, start + len(digits.group(0)), click("app.goto_reference", ref.key))
            )
    return spans


def claim_content(corpus: Corpus, claim: Claim) -> Content:
    """A claim's text with its numbers and citation markers highlighted."""
    text = printable(claim.text)
    spans: list[Span] = []
    for number in claim.numbers:
        found = _find(text, number.quote)
        if found:
            spans.append(Span(*found, NUMBER_STYLE))
    spans.extend(marker_spans(corpus, text))
    return Content(text, spans=spans)


def claim_location(corpus: Corpus, claim: Claim) -> tuple[int, int, int] | None:
    """(paragraph index from 0, start, end) of the claim in the article body, if found."""
    if corpus.article is None:
        return None
    paragraphs = [printable(text) for _, text in corpus.article.paragraphs]
    order = list(range(len(paragraphs)))
    if claim.paragraph and 0 < claim.paragraph <= len(paragraphs):
        order.insert(0, order.pop(claim.paragraph - 1))
    for index in order:
        found = _find(paragraphs[index], printable(claim.text))
        if found:
            return index, found[0], found[1]
    return None


def paragraph_content(
    corpus: Corpus,
    text: str,
    placed: Sequence[tuple[Claim, int, int]],
    current: str | None = None,
) -> Content:
    """A body paragraph with its claims underlined (the current one reversed) and markers linked.

    Clicking a claim's sentence selects that claim.
    """
    text = printable(text)
    spans: list[Span] = []
    for claim, start, end in placed:
        style = CURRENT_CLAIM_STYLE if claim.id == current else CLAIM_STYLE
        spans.append(Span(start, end, style))
        spans.append(Span(start, end, click("screen.select_claim", claim.id)))
    spans.extend(marker_spans(corpus, text))
    return Content(text, spans=spans)


def citation_plain(ref: Reference) -> str:
    """The formatted citation as plain text (for the clipboard)."""
    return citation_text(ref)


#: Citation run kinds (peertui.core.citation) -> their style here.
_RUN_STYLES = {TITLE: "bold", JOURNAL: "italic", UNVERIFIED: UNVERIFIED_STYLE, TAG: TAG_STYLE}


def citation_content(ref: Reference, limit: int = 0) -> Content:
    """The formatted citation; fields not confirmed against a record are dim and tagged."""
    content = Content("")
    for kind, text in citation_runs(ref, limit):
        style = _RUN_STYLES.get(kind)
        content = content.append(Content.styled(text, style) if style else text)
    return content.rstrip()


def identifiers(ref: Reference) -> list[tuple[str, str, bool]]:
    """(label, value, unverified) for the reference's identifiers beyond the DOI."""
    unverified = unverified_fields(ref)
    found = []
    for name in ("pmid", "pmcid", "registration", "url"):
        value = ref.extra.get(name, "")
        if value:
            found.append(
                (
                    name.upper() if name != "registration" else "Registration",
                    value,
                    name in unverified,
                )
            )
    return found


def problem_content(problem: Problem) -> Content:
    """One problem as "severity  file:line: message", coloured by severity."""
    style = {"error": "bold $error", "warning": "bold $warning"}.get(
        problem.severity, "bold $primary"
    )
    return Content.assemble((f"{problem.severity:<8}", style), printable(str(problem)))
