"""Cross-checks between a bundle's files: citations, quotes, numbers and the article text."""

from __future__ import annotations

import os
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

from peertui.core.analysis.extract import Quantity, extract_quantities, states_value
from peertui.core.analysis.spoofing import spoofing_problems
from peertui.core.models import DIRECTIONS, DRAFT_KIND, Claim, Corpus, NumberFact, Problem
from peertui.core.suggest import Hints
from peertui.core.textutil import normalise_ws


def display_path(path: Path | str | None, fallback: str) -> str:
    """A path as a user would type it: relative to the working directory when below it."""
    if path is None:
        return fallback
    path = Path(path)
    try:
        return os.path.relpath(path) if path.is_relative_to(Path.cwd()) else str(path)
    except (OSError, ValueError):
        return str(path)


@dataclass(frozen=True, slots=True)
class ArticleQuantity:
    """A quantity the article body states, where it stands, and the claim that accounts for it."""

    quantity: Quantity
    paragraph: int  # 1-based body paragraph
    line: int
    claim_id: str | None  # the claim whose sentence contains it
    listed: bool  # the claim lists it among its numbers


def verify(corpus: Corpus) -> list[Problem]:
    """Every problem cross-checking the bundle's files finds; loader problems are not repeated."""
    checker = _Checker(corpus)
    checker.check_references()
    for claim in corpus.claims:
        checker.check_claim(claim)
    checker.check_studies()
    if corpus.article is not None and corpus.claims:
        checker.check_article()
    checker.problems += spoofing_problems(corpus, checker.bib_file, checker.claims_file)
    return checker.problems


def number_status(corpus: Corpus, claim: Claim, number: NumberFact) -> str:
    """One word for a number's state: "verified", "not in text" or "value differs"."""
    del corpus  # kept for the signature: later checks (sources) need it
    if number.quote not in claim.text:
        return "not in text"
    if not states_value(number.quote, number.value):
        return "value differs"
    return "verified"


def article_quantities(
    corpus: Corpus, spans: list[ClaimSpan] | None = None
) -> list[ArticleQuantity]:
    """Every quantity in the article body, with the claim that holds it, in reading order.

    `spans` are the claims' places (`_claim_spans`), when the caller has them already.
    """
    if corpus.article is None:
        return []
    claimed_in: defaultdict[int, list[tuple[int, int, Claim]]] = defaultdict(list)
    for paragraph, start, end, claim in _claim_spans(corpus) if spans is None else spans:
        claimed_in[paragraph].append((start, end, claim))
    found: list[ArticleQuantity] = []
    for index, (line, text) in enumerate(corpus.article.paragraphs, start=1):
        claimed = claimed_in.get(index, [])
        used: Counter[tuple[str, int]] = Counter()
        for quantity in extract_quantities(text):
            owner = next(
                (c for s, e, c in claimed if s <= quantity.start and quantity.end <= e), None
            )
            listed = False
            if owner is not None:
                matches = [
                    i
                    for i, n in enumerate(owner.numbers)
                    if n.value == quantity.value and quantity.text in n.quote
                ]
                free = [i for i in matches if used[(owner.id, i)] == 0]
                pick = (free or matches or [None])[0]
                if pick is not None:
                    used[(owner.id, pick)] += 1
                    listed = True
            found.append(
                ArticleQuantity(quantity, index, line, owner.id if owner else None, listed)
            )
    return found


#: Where a claim stands in the article: (paragraph, start, end, claim).
ClaimSpan = tuple[int, int, int, Claim]


def _claim_spans(corpus: Corpus) -> list[ClaimSpan]:
    """(paragraph, start, end, claim) for every claim found verbatim in the article body."""
    assert corpus.article is not None
    paragraphs = [normalise_ws(text) for _, text in corpus.article.paragraphs]
    spans = []
    for claim in corpus.claims:
        needle = normalise_ws(claim.text)
        order = list(range(len(paragraphs)))
        if claim.paragraph and 0 < claim.paragraph <= len(paragraphs):
            order.insert(0, order.pop(claim.paragraph - 1))
        for index in order:
            start = paragraphs[index].find(needle) if needle else -1
            if start >= 0:
                spans.append((index + 1, start, start + len(needle), claim))
                break
    return spans


class _Checker:
    """Collects problems; one method per family of checks."""

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self.problems: list[Problem] = []
        self.claims_file = display_path(corpus.paths.get("claims"), "claims.yaml")
        self.bib_file = display_path(corpus.paths.get("bib"), "references.bib")
        self.article_file = display_path(corpus.paths.get("article"), "article.md")
        self.hints = Hints()
        self._keys: list[str] | None = None

    def _meant(self, key: str) -> str:
        """ "; did you mean 'schuch2016'?" for a cited key the bib lacks, or ""."""
        if self._keys is None:
            self._keys = [ref.key for ref in self.corpus.references]
        return self.hints.meant(key, self._keys)

    def _add(self, file: str, line: int | None, message: str, severity: str = "error") -> None:
        self.problems.append(Problem(file, line, message, severity))

    def check_references(self) -> None:
        """Citation numbers are unique, and the article's list has a reference for each item."""
        seen: dict[int, str] = {}
        for ref in self.corpus.references:
            if ref.number is None:
                continue
            if ref.number in seen:
                self._add(
                    self.bib_file,
                    ref.line,
                    f"citation-number {ref.number} of '{ref.key}' is already used by "
                    f"'{seen[ref.number]}'",
                )
            else:
                seen[ref.number] = ref.key
        article = self.corpus.article
        if article is None or not self.corpus.claims or not seen:
            return  # no numbers in the .bib: an author-year list, numbered only for reading
        for number, _text in article.reference_list:
            if number not in seen:
                self._add(
                    self.article_file,
                    None,
                    f"reference {number} of the article's list has no entry with "
                    f"citation-number = {{{number}}} in {self.bib_file}",
                    "warning",
                )

    def check_claim(self, claim: Claim) -> None:
        """Cited keys exist, markers agree with `cites`, and numbers match their quotes."""
        corpus, file = self.corpus, self.claims_file
        for key in claim.cites:
            if corpus.reference(key) is None:
                self._add(
                    file,
                    claim.line,
                    f"claim {claim.id} cites '{key}', which is not in the bib{self._meant(key)}",
                )
        # A drafted claim's "(2)" may be an enumeration rather than a marker: a reviewer's call.
        severity = "warning" if claim.kind == DRAFT_KIND else "error"
        for number in claim.marker_numbers:
            ref = corpus.reference_by_number(number)
            if ref is None:
                self._add(
                    file,
                    claim.line,
                    f"claim {claim.id}: marker ({number}) names no reference with "
                    f"citation-number {number}",
                    severity,
                )
            elif ref.key not in claim.cites:
                self._add(
                    file,
                    claim.line,
                    f"claim {claim.id}: marker ({number}) names '{ref.key}', "
                    f"which the claim's cites do not list",
                    severity,
                )
        for number in claim.numbers:
            line = number.line or claim.line
            shown = f"{number.display_value} {number.unit}".strip()
            if number.quote not in claim.text:
                self._add(
                    file,
                    line,
                    f"claim {claim.id}: the quote {number.quote!r} of {shown} is not in its text",
                )
            elif not states_value(number.quote, number.value):
                self._add(
                    file,
                    line,
                    f"claim {claim.id} lists {shown}, but its quote {number.quote!r} "
                    f"does not state {number.display_value}",
                )
        for outcome in claim.outcomes:
            line = outcome.line or claim.line
            if outcome.id not in corpus.vocabulary:
                self._add(
                    file,
                    line,
                    f"claim {claim.id}: outcome '{outcome.id}' is not in the vocabulary"
                    + self.hints.meant(outcome.id, corpus.vocabulary),
                    "warning",
                )
            if outcome.direction not in DIRECTIONS:
                self._add(
                    file,
                    line,
                    f"claim {claim.id}: outcome direction '{outcome.direction}' is not one of "
                    + ", ".join(DIRECTIONS),
                )
            if outcome.study and corpus.study(outcome.study) is None:
                self._add(
                    file, line, f"claim {claim.id}: outcome study '{outcome.study}' is not defined"
                )

    def check_studies(self) -> None:
        """Every study names references that exist."""
        for study in self.corpus.studies:
            for key in study.refs:
                if self.corpus.reference(key) is None:
                    self._add(
                        self.claims_file,
                        study.line,
                        f"study {study.id} names '{key}', which is not in the bib"
                        + self._meant(key),
                    )

    def check_article(self) -> None:
        """Claims are verbatim in the article; every stated quantity is listed by its claim.

        A quantity outside every claim is a warning: a bundle of three claims is usable.
        """
        article = self.corpus.article
        assert article is not None
        spans = _claim_spans(self.corpus)
        placed = {claim.id for _, _, _, claim in spans}
        for claim in self.corpus.claims:
            if claim.id not in placed:
                self._add(
                    self.claims_file,
                    claim.line,
                    f"claim {claim.id}: its text does not occur verbatim in the article"
                    + self.hints.departure(claim.text, [t for _, t in article.paragraphs]),
                )
        for found in article_quantities(self.corpus, spans):
            text = found.quantity.text
            if found.claim_id is None:
                self._add(
                    self.article_file,
                    found.line,
                    f"the article states {text!r} (paragraph {found.paragraph}), "
                    "but no claim contains it",
                    "warning",  # a bundle may hold a few claims of a long article
                )
            elif not found.listed:
                claim = self.corpus.claim(found.claim_id)
                self._add(
                    self.claims_file,
                    claim.line if claim else None,
                    f"claim {found.claim_id} does not list the quantity {text!r} its text states",
                )
