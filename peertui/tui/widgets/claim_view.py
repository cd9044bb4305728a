"""A claim in full: its text with numbers and markers highlighted, its problems, its paragraph."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Static

from peertui.core.analysis.findings import failing
from peertui.core.analysis.marks import DIFFERS_MARK, INVALID_MARK, VALID_MARK
from peertui.core.drafts import unresolved_markers
from peertui.core.models import DRAFT_KIND, Corpus, Problem
from peertui.core.plural import plural
from peertui.core.sanitize import clean
from peertui.tui.formatting import (
    claim_content,
    claim_location,
    paragraph_content,
    problem_content,
)


class ClaimView(Vertical):
    """Shows the claim in `claim_id` and the problems found in it; the claims screen sets it."""

    claim_id: reactive[str | None] = reactive(None)

    def __init__(
        self, corpus: Corpus, marks: Mapping[str, Sequence[Problem]], *, id: str | None = None
    ) -> None:
        super().__init__(id=id)
        self.corpus = corpus
        self.marks = marks

    def compose(self) -> ComposeResult:
        yield Static(id="claim-head")
        yield Static(id="claim-text")
        yield Static(id="claim-problems")

    def watch_claim_id(self, claim_id: str | None) -> None:
        if not self.is_mounted:
            return
        self._show(claim_id)

    def on_mount(self) -> None:
        self._show(self.claim_id)

    def _show(self, claim_id: str | None) -> None:
        claim = self.corpus.claim(claim_id) if claim_id else None
        head = self.query_one("#claim-head", Static)
        text = self.query_one("#claim-text", Static)
        problems = self.query_one("#claim-problems", Static)
        if claim is None:
            head.update(Content.styled("No claim selected.", "dim"))
            text.update("")
            problems.display = False
            return
        found = self.marks.get(claim.id, ())
        wrong = [p for p in found if p.severity != "finding"]
        validity = (
            (f"{INVALID_MARK} {plural(len(wrong), 'problem')}", "bold $error")
            if failing(found)
            else (f"{VALID_MARK} valid entry", "$success")
        )
        differs = any(p.severity == "finding" for p in found)
        details = [clean(part) for part in (claim.kind, claim.section) if part]
        heading = Content.assemble(
            (clean(claim.id), "bold $primary"),
            ("  " + " · ".join(details), "italic") if details else "",
            "\n",
            validity,
            (f"  {DIFFERS_MARK} a cited source differs", "bold $error") if differs else "",
        )
        unresolved = unresolved_markers(claim.notes) if claim.kind == DRAFT_KIND else []
        if claim.kind == DRAFT_KIND:
            heading = heading.append(
                Content.styled(
                    "\nDraft: drafted by peertui init, not yet reviewed (check its text, "
                    "cites and numbers)",
                    "$warning",
                )
            )
        if unresolved:
            heading = heading.append(
                Content.assemble(
                    ("\nUnresolved markers: ", "bold $warning"), clean("; ".join(unresolved))
                )
            )
        elif claim.notes:
            heading = heading.append(Content.styled("\nNote: " + clean(claim.notes), "$text-muted"))
        head.update(heading)
        text.update(claim_content(self.corpus, claim))
        problems.display = bool(found)
        problems.update(Content("\n").join(problem_content(p) for p in found))
        problems.border_title = f"{'Problems' if failing(found) else 'Findings'} ({len(found)})"


class ParagraphView(Static):
    """The article paragraph around the claim in `claim_id`, the claim highlighted."""

    claim_id: reactive[str | None] = reactive(None)

    def __init__(self, corpus: Corpus, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.corpus = corpus

    def watch_claim_id(self, claim_id: str | None) -> None:
        claim = self.corpus.claim(claim_id) if claim_id else None
        article = self.corpus.article
        location = claim_location(self.corpus, claim) if claim else None
        self.display = claim is not None and article is not None and location is not None
        if claim is None or article is None or location is None:
            return
        index, start, end = location
        body = article.paragraphs[index][1]
        self.update(paragraph_content(self.corpus, body, [(claim, start, end)], claim.id))
        self.border_title = f"Article, paragraph {index + 1}"
