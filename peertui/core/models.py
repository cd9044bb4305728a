"""Plain data: what a bundle holds once loaded. No I/O, no Textual."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from operator import attrgetter
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")

#: Directions an outcome can take, seen from the intervention's side.
DIRECTIONS = ("improved", "no difference", "worse", "mixed", "unclear")

#: Claim kinds; a bundle may use others, these are the ones the default bundle uses.
CLAIM_KINDS = (
    "finding",
    "study",
    "argument",
    "background",
    "recommendation",
    "example",
    "figure",
)
#: The kind `peertui init` gives every claim it drafts, until a reviewer has read it (kinds
#: are free text to the claims loader, so no list needs it).
DRAFT_KIND = "draft"


@dataclass(frozen=True, slots=True)
class Problem:
    """Something wrong (or noteworthy) in the input, located as `file:line`."""

    file: str
    line: int | None
    message: str
    severity: str = "error"  # "error" | "warning" | "finding"

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.message}"


def _surname(name: str) -> str:
    """The surname: Cook for "Cook, Judith A." or "Judith Cook"; "" for an author `{}`."""
    if "," in name:
        return name.partition(",")[0].strip()
    words = name.split()
    return words[-1] if words else ""


@dataclass(slots=True)
class Reference:
    """One bibliography entry, decoded to Unicode."""

    key: str
    entry_type: str = "article"
    authors: list[str] = field(default_factory=list)
    title: str = ""
    journal: str = ""
    year: str = ""
    volume: str = ""
    issue: str = ""
    pages: str = ""
    doi: str = ""
    #: Citation number in the article ("(3)" cites number 3); None in a plain library.
    number: int | None = None
    #: Field names whose values are not confirmed against a public record.
    unverified: frozenset[str] = frozenset()
    #: Every other field, decoded, by lower-case name (url, pmid, note, article-form, ...).
    extra: dict[str, str] = field(default_factory=dict)
    #: Values as written where decoding drops markup, for the .bib writer (form: not compared).
    written: dict[str, str] = field(default_factory=dict, compare=False, repr=False)
    line: int | None = None

    @property
    def first_author_surname(self) -> str:
        """Surname of the first author ("Cook" for "Cook, Judith A.")."""
        return _surname(self.authors[0]) if self.authors else ""

    @property
    def short(self) -> str:
        """A label such as "Cook et al. 2012"."""
        who = self.first_author_surname or self.key
        if len(self.authors) == 2:
            who = f"{who} & {_surname(self.authors[1]) or '?'}"
        elif len(self.authors) > 2:
            who = f"{who} et al."
        return f"{who} {self.year}".strip()


@dataclass(slots=True)
class NumberFact:
    """A quantity a claim states: value, unit, role and the verbatim span it came from."""

    value: float
    unit: str
    role: str
    quote: str
    note: str = ""
    line: int | None = None

    @property
    def display_value(self) -> str:
        """The value without a trailing ".0" for whole numbers."""
        return format_number(self.value)


@dataclass(slots=True)
class Outcome:
    """An outcome a claim reports for a study."""

    id: str
    direction: str
    timepoints: list[str] = field(default_factory=list)
    comparator: str = ""
    study: str = ""
    measure: str = ""
    line: int | None = None


@dataclass(slots=True)
class Study:
    """A trial or other study; several references may report one study."""

    id: str
    label: str
    refs: list[str] = field(default_factory=list)
    design: str = ""
    line: int | None = None


@dataclass(slots=True)
class Claim:
    """A sentence of the article that asserts something, and its evidence."""

    id: str
    text: str
    cites: list[str] = field(default_factory=list)
    section: str = ""
    paragraph: int | None = None
    kind: str = ""
    numbers: list[NumberFact] = field(default_factory=list)
    outcomes: list[Outcome] = field(default_factory=list)
    notes: str = ""
    line: int | None = None

    @property
    def markers(self) -> list[str]:
        """The citation markers in the text, verbatim: ["(1, 2)"]."""
        return [m.group(0) for m in CITATION_MARKER.finditer(self.text)]

    @property
    def marker_numbers(self) -> list[int]:
        """Citation numbers named by the text's markers, in order."""
        numbers: list[int] = []
        for marker in CITATION_MARKER.finditer(self.text):
            for part in marker[0].strip("()").split(","):
                ends = [int(n) for n in _DIGITS.findall(part)]
                numbers.extend(range(ends[0], ends[-1] + 1) if len(ends) == 2 else ends)
        return numbers

    @property
    def cited_by_context(self) -> bool:
        """True when the claim cites references but its sentence carries no marker."""
        return bool(self.cites) and not self.markers


#: How far a source fact was confirmed: seen on a public page, or believed but not confirmed.
SOURCE_STATUSES = ("verified", "unverified")


@dataclass(slots=True)
class SourceFact:
    """A quantity a cited source reports about its study, as the sources file records it; `role`
    says what it is ("sample size"), so a claim's number is compared with the same kind."""

    id: str
    value: float
    unit: str = ""
    role: str = ""
    label: str = ""
    #: The source's own words, verbatim, when the sources file quotes them.
    wording: str = ""
    #: The sources file's description of the fact: context, not a quotation.
    detail: str = ""
    status: str = "unverified"
    #: Where the fact was seen (a page, a record), and whether that is the record itself.
    source: str = ""
    source_kind: str = "primary"  # or "secondary": a mirror, a copy elsewhere, a news report
    note: str = ""
    line: int | None = None

    @property
    def verified(self) -> bool:
        """True when the fact was seen on the public page its `source` names."""
        return self.status == "verified"

    @property
    def display_value(self) -> str:
        """The value without a trailing ".0" for whole numbers."""
        return format_number(self.value)


@dataclass(slots=True)
class ArmCount:
    """One arm of a result: events among the total, as the source reports them."""

    label: str
    events: int | None = None
    total: int | None = None
    #: The percentage the source prints (rounded as printed), if it prints one.
    percent: float | None = None

    @property
    def has_counts(self) -> bool:
        """Events and total are both known, so a proportion can be computed."""
        return self.events is not None and self.total is not None


@dataclass(slots=True)
class ReportedEstimate:
    """An effect estimate as a source reports it, from its own analysis."""

    measure: str  # "odds ratio", "hazard ratio", "difference in means", ...
    value: float
    low: float | None = None
    high: float | None = None
    p: float | None = None
    #: "=" for "p = 0.0438", "<" for "p < 0.0001".
    p_relation: str = "="
    status: str = "unverified"
    source: str = ""
    source_kind: str = "primary"
    note: str = ""


@dataclass(slots=True)
class SourceResult:
    """One result a source reports for an outcome: counts per arm, an estimate, or words."""

    id: str
    outcome: str = ""  # an outcome vocabulary id
    timepoint: str = ""
    label: str = ""
    #: Arms in order: the intervention first, then its comparator.
    arms: list[ArmCount] = field(default_factory=list)
    reported: ReportedEstimate | None = None
    #: The finding in words, for results without numbers.
    finding: str = ""
    status: str = "unverified"
    source: str = ""
    source_kind: str = "primary"
    note: str = ""
    line: int | None = None

    @property
    def counts(self) -> tuple[int, int, int, int] | None:
        """(events1, total1, events2, total2) when two arms have counts, else None."""
        if len(self.arms) != 2 or not all(arm.has_counts for arm in self.arms):
            return None
        first, second = self.arms
        return (first.events, first.total, second.events, second.total)  # type: ignore[return-value]


@dataclass(slots=True)
class SourceReport:
    """What one cited reference itself reports: facts and results, each with its status."""

    key: str
    facts: list[SourceFact] = field(default_factory=list)
    results: list[SourceResult] = field(default_factory=list)
    note: str = ""
    line: int | None = None


@dataclass(slots=True)
class Article:
    """The article's text, split into front matter, body paragraphs and reference list."""

    title: str = ""
    authors: list[str] = field(default_factory=list)
    affiliation: str = ""
    #: Body paragraphs (figure captions included), in order, each with its 1-based source line.
    paragraphs: list[tuple[int, str]] = field(default_factory=list)
    #: The reference list as printed in the article: (number, text).
    reference_list: list[tuple[int, str]] = field(default_factory=list)
    path: str = ""

    @property
    def body(self) -> str:
        """All body paragraphs joined by blank lines."""
        return "\n\n".join(text for _, text in self.paragraphs)


@dataclass(slots=True)
class Corpus:
    """Everything one bundle holds, plus the problems met while loading it."""

    article: Article | None = None
    references: list[Reference] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    studies: list[Study] = field(default_factory=list)
    #: Outcome vocabulary: id -> human label.
    vocabulary: dict[str, str] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    #: Where each part came from (keys: "article", "bib", "claims", "sources").
    paths: dict[str, Path] = field(default_factory=dict)
    #: The digest of the bytes a file was read from, by the same names as `paths`, where the
    #: loader computed one (a large .bib): the search index's cache is keyed by it, so code
    #: that changes the references after loading must drop it.
    digests: dict[str, str] = field(default_factory=dict)
    #: What each cited reference itself reports, by bib key (from the bundle's sources file).
    sources: dict[str, SourceReport] = field(default_factory=dict)
    #: Look-up tables by name ("key", "number", "claim"), each with the list it was made from
    #: and that list's length: one is made again when its list is replaced, grows or shrinks,
    #: or (numbers and claim ids) when a look-up finds an item whose value was edited since.
    _indexes: dict[str, tuple[list[Any], int, dict[Any, Any]]] = field(
        default_factory=dict, repr=False, compare=False
    )

    def _index(self, name: str, items: list[T], key: Callable[[T], Any]) -> dict[Any, T]:
        """`items` by `key`, the first of a repeated key winning; None keys left out."""
        made = self._indexes.get(name)
        if made is None or made[0] is not items or made[1] != len(items):
            table = {key(item): item for item in reversed(items)}
            table.pop(None, None)
            made = self._indexes[name] = (items, len(items), table)
        return made[2]

    def _find(self, name: str, items: list[T], attribute: str, value: object) -> T | None:
        """The first of `items` whose `attribute` is `value`, through the `name` table; a hit
        whose value was edited since the table was made sends the look-up to a new table."""
        item = self._index(name, items, attrgetter(attribute)).get(value)
        if item is not None and getattr(item, attribute) != value:
            self._indexes.pop(name)
            item = self._index(name, items, attrgetter(attribute)).get(value)
        return item

    @property
    def references_by_key(self) -> dict[str, Reference]:
        """Each reference by its key; the first of a repeated key (the loader drops repeats)."""
        return self._index("key", self.references, attrgetter("key"))

    def reference(self, key: str) -> Reference | None:
        """The reference with this key, or None."""
        return self.references_by_key.get(key)

    def reference_by_number(self, number: int) -> Reference | None:
        """The reference the article cites as `(number)`."""
        return self._find("number", self.references, "number", number)

    def source(self, key: str) -> SourceReport | None:
        """What the reference `key` reports, or None when the bundle records nothing for it."""
        return self.sources.get(key)

    def claim(self, claim_id: str) -> Claim | None:
        """The claim with this id, or None (the first, should an id repeat)."""
        return self._find("claim", self.claims, "id", claim_id)

    def study(self, study_id: str) -> Study | None:
        """The study with this id, or None."""
        return next((s for s in self.studies if s.id == study_id), None)

    def claims_citing(self, key: str) -> list[Claim]:
        """Every claim that cites the reference `key`."""
        return [c for c in self.claims if key in c.cites]

    def outcome_label(self, outcome_id: str) -> str:
        """The vocabulary label of an outcome id, or the id itself."""
        return self.vocabulary.get(outcome_id, outcome_id)

    def all_numbers(self) -> Iterator[tuple[Claim, NumberFact]]:
        """Every (claim, number) pair in claim order."""
        for claim in self.claims:
            for number in claim.numbers:
                yield claim, number

    def all_outcomes(self) -> Iterator[tuple[Claim, Outcome]]:
        """Every (claim, outcome) pair in claim order."""
        for claim in self.claims:
            for outcome in claim.outcomes:
                yield claim, outcome

    @property
    def errors(self) -> list[Problem]:
        """Problems that make the data wrong (not warnings or findings)."""
        return [p for p in self.problems if p.severity == "error"]


#: A citation marker: a parenthesised list of reference numbers, "(1, 2)" or "(3)" or "(1-3)".
CITATION_MARKER = re.compile(r"\((?:\d{1,3}(?:\s*[,–-]\s*\d{1,3})*)\)")
_DIGITS = re.compile(r"\d+")


def format_number(value: float) -> str:
    """`8.0` -> "8", `0.66` -> "0.66"."""
    return str(int(value)) if float(value).is_integer() else f"{value:g}"
