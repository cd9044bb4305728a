"""claims.yaml -> claims, studies and outcome vocabulary, every problem located by line.

YAML is read safely (safeyaml.load_yaml: no Python objects are ever built) into mappings and
sequences that remember their lines, so each complaint can name one. Validation reports
everything it finds in one pass, and keeps every claim that still makes sense.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from peertui.core.bundle.safeyaml import LineList, LineMap, parse_document
from peertui.core.bundle.vocabulary import BUILTIN_VOCABULARY
from peertui.core.models import DIRECTIONS, Claim, NumberFact, Outcome, Problem, Study
from peertui.core.textutil import load_parsed, shown
from peertui.core.textutil import value_kind as _kind

TOP_KEYS = ("claims", "studies", "vocabulary")
CLAIM_KEYS = ("id", "text", "cites", "section", "paragraph", "kind", "numbers", "outcomes", "notes")
NUMBER_KEYS = ("value", "unit", "role", "quote", "note")
OUTCOME_KEYS = ("id", "direction", "timepoints", "comparator", "study", "measure")
STUDY_KEYS = ("id", "label", "refs", "design")


@dataclass(slots=True)
class ClaimsFile:
    """What one claims file holds; `vocabulary` is the built-in one extended by the file's."""

    claims: list[Claim] = field(default_factory=list)
    studies: list[Study] = field(default_factory=list)
    vocabulary: dict[str, str] = field(default_factory=lambda: dict(BUILTIN_VOCABULARY))
    problems: list[Problem] = field(default_factory=list)


def parse_claims(text: str, filename: str) -> ClaimsFile:
    """Claims, studies and vocabulary of a claims file's text, with every problem found."""
    result = ClaimsFile()
    return parse_document(
        result,
        text,
        filename,
        "no claims in this file",
        lambda data: _Reader(filename, result).read(data),
    )


def load_claims(path: Path) -> ClaimsFile:
    """Read and parse a claims file; raises UnusableInput when it cannot be read at all."""
    return load_parsed(path, parse_claims)


def _fits_float(value: int | float) -> bool:
    """False for an integer too large for a float (400 digits), which every use would fail on."""
    try:
        float(value)
    except OverflowError:
        return False
    return True


def _line_of(container: Any, index: int) -> int:
    if isinstance(container, LineList):
        return container.item_lines[index]
    return getattr(container, "line", 0)


class _Reader:
    """Walks the parsed YAML, building model objects and collecting every problem on the way."""

    def __init__(self, filename: str, result: ClaimsFile) -> None:
        self.filename = filename
        self.result = result

    def error(self, line: int | None, message: str) -> None:
        self.result.problems.append(Problem(self.filename, line or None, message))

    def warn(self, line: int | None, message: str) -> None:
        self.result.problems.append(Problem(self.filename, line or None, message, "warning"))

    def read(self, data: Any) -> None:
        if isinstance(data, list):
            self.claims(data)
            return
        if not isinstance(data, LineMap):
            self.error(
                1, f"expected a mapping with 'claims' (or a list of claims), got {_kind(data)}"
            )
            return
        self.check_mapping(data, TOP_KEYS, "the file")
        if "vocabulary" in data:
            self.vocabulary(data["vocabulary"], data.line_of("vocabulary"))
        if "studies" in data:
            self.studies(data["studies"], data.line_of("studies"))
        if "claims" in data:
            self.claims(data["claims"], data.line_of("claims"))
        else:
            self.warn(data.line, "no 'claims' list in this file")

    def check_mapping(self, mapping: LineMap, known: tuple[str, ...] | None, where: str) -> None:
        """Report duplicated and unknown keys: likely typos that would otherwise be lost."""
        for key, line in mapping.duplicates:
            self.error(
                line, f"{where}: {shown(key)} is given more than once; the last value is used"
            )
        for key in mapping if known is not None else ():
            if key not in known:
                self.warn(mapping.line_of(key), f"{where}: unknown key {shown(key)} is ignored")

    def text(
        self, mapping: LineMap, key: str, where: str, required: str | bool = False
    ) -> str | None:
        """The string under `key`; None (and a problem when it matters) otherwise.

        `required` may be the consequence to add to the message ("the claim is skipped").
        """
        if key not in mapping or mapping[key] is None:
            if required:
                then = f"; {required}" if isinstance(required, str) else ""
                self.error(mapping.line, f"{where}: {key!r} is missing{then}")
            return None
        value = mapping[key]
        if not isinstance(value, str):
            self.error(
                mapping.line_of(key),
                f"{where}: {key!r} must be text, got {_kind(value)} (put it in quotes)",
            )
            return None
        if required and not value.strip():
            self.error(mapping.line_of(key), f"{where}: {key!r} is empty")
            return None
        return value.strip()

    def strings(self, mapping: LineMap, key: str, where: str) -> list[str] | None:
        """A list of strings under `key`; a single string is a list of one."""
        value = mapping[key]
        if isinstance(value, str):
            return [value.strip()]
        if value is None:
            return []
        if not isinstance(value, list):
            self.error(mapping.line_of(key), f"{where}: {key!r} must be a list, got {_kind(value)}")
            return None
        out: list[str] = []
        for i, item in enumerate(value):
            if isinstance(item, str) and item.strip():
                out.append(item.strip())
            else:
                self.error(
                    _line_of(value, i),
                    f"{where}: {key!r} item {i + 1} must be text, got {_kind(item)}; dropped",
                )
        return out

    def identifier(self, mapping: LineMap, where: str, then: str) -> str | None:
        """An `id`: text or a whole number, returned as text."""
        value = mapping.get("id")
        if isinstance(value, int) and not isinstance(value, bool):
            return str(value)
        return self.text(mapping, "id", where, required=then)

    def vocabulary(self, value: Any, line: int) -> None:
        if not isinstance(value, LineMap):
            self.error(line, f"'vocabulary' must be a mapping of id: label, got {_kind(value)}")
            return
        self.check_mapping(value, None, "vocabulary")
        for key, label in value.items():
            if isinstance(key, str) and isinstance(label, str) and label.strip():
                self.result.vocabulary[key.strip()] = label.strip()
            else:
                self.error(value.line_of(key), f"vocabulary: {shown(key)} needs a text label")

    def studies(self, value: Any, line: int) -> None:
        if value is None:  # `studies:` with nothing under it yet
            return
        if not isinstance(value, list):
            self.error(line, f"'studies' must be a list, got {_kind(value)}")
            return
        first: dict[str, int] = {}
        for i, item in enumerate(value):
            if not isinstance(item, LineMap):
                self.error(
                    _line_of(value, i), f"study {i + 1} must be a mapping, got {_kind(item)}"
                )
                continue
            study_id = self.identifier(item, f"study {i + 1}", "the study is skipped")
            where = f"study {study_id!r}" if study_id else f"study {i + 1}"
            self.check_mapping(item, STUDY_KEYS, where)
            label = self.text(item, "label", where)
            refs = self.strings(item, "refs", where) if "refs" in item else []
            design = self.text(item, "design", where) or ""
            if study_id is None:
                continue
            if study_id in first:
                self.error(
                    item.line,
                    f"duplicate study id {study_id!r} (first at line {first[study_id]}); "
                    "this study is skipped",
                )
                continue
            first[study_id] = item.line
            self.result.studies.append(
                Study(study_id, label or study_id, refs or [], design, line=item.line)
            )

    def claims(self, value: Any, line: int = 1) -> None:
        if value is None:  # `claims:` with nothing under it yet
            return
        if not isinstance(value, list):
            self.error(line, f"'claims' must be a list, got {_kind(value)}")
            return
        first: dict[str, int] = {}
        for i, item in enumerate(value):
            claim = self.claim(item, _line_of(value, i), i + 1)
            if claim is None:
                continue
            if claim.id in first:
                self.error(
                    claim.line,
                    f"duplicate claim id {claim.id!r} (first at line {first[claim.id]}); "
                    "this claim is skipped",
                )
                continue
            first[claim.id] = claim.line or 0
            self.result.claims.append(claim)

    def claim(self, item: Any, line: int, position: int) -> Claim | None:
        """One claim, or None when it lacks an id or text (every problem is still reported)."""
        if not isinstance(item, LineMap):
            self.error(line, f"claim {position} must be a mapping, got {_kind(item)}")
            return None
        claim_id = self.identifier(item, f"claim {position}", "the claim is skipped")
        where = f"claim {claim_id!r}" if claim_id else f"claim {position}"
        self.check_mapping(item, CLAIM_KEYS, where)
        text = self.text(item, "text", where, required="the claim is skipped")
        if "cites" in item:
            cites = self.strings(item, "cites", where) or []
        else:
            self.error(item.line, f"{where}: 'cites' is missing (write 'cites: []' for none)")
            cites = []
        paragraph = item.get("paragraph")
        if paragraph is not None and (
            isinstance(paragraph, bool) or not isinstance(paragraph, int) or paragraph < 1
        ):
            self.error(
                item.line_of("paragraph"),
                f"{where}: 'paragraph' must be a whole number from 1, got {shown(paragraph)}",
            )
            paragraph = None
        claim = Claim(
            id=claim_id or "",
            text=text or "",
            cites=cites,
            section=self.text(item, "section", where) or "",
            paragraph=paragraph,
            kind=self.text(item, "kind", where) or "",
            notes=self.text(item, "notes", where) or "",
            line=item.line,
        )
        for entry, entry_line in self.entries(item, "numbers", where):
            number = self.number(entry, entry_line, where)
            if number is not None:
                claim.numbers.append(number)
        for entry, entry_line in self.entries(item, "outcomes", where):
            outcome = self.outcome(entry, entry_line, where)
            if outcome is not None:
                claim.outcomes.append(outcome)
        return claim if claim_id and text else None

    def entries(self, item: LineMap, key: str, where: str) -> list[tuple[Any, int]]:
        """The items of an optional list field, with their lines."""
        value = item.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            self.error(item.line_of(key), f"{where}: {key!r} must be a list, got {_kind(value)}")
            return []
        return [(entry, _line_of(value, i)) for i, entry in enumerate(value)]

    def number(self, entry: Any, line: int, where: str) -> NumberFact | None:
        """A number fact, or None (reported) when its value or quote is unusable."""
        if not isinstance(entry, LineMap):
            self.error(line, f"{where}: a number must be a mapping, got {_kind(entry)}")
            return None
        self.check_mapping(entry, NUMBER_KEYS, f"{where} number")
        value = entry.get("value")
        ok = True
        if "value" not in entry or value is None:
            self.error(entry.line, f"{where}: a number has no 'value'; dropped")
            ok = False
        elif isinstance(value, bool) or not isinstance(value, int | float):
            hint = " (write it without quotes)" if isinstance(value, str) else ""
            self.error(
                entry.line_of("value"),
                f"{where}: number value must be a number, got {_kind(value)} {shown(value)}{hint}; "
                "dropped",
            )
            ok = False
        elif not _fits_float(value):
            self.error(
                entry.line_of("value"),
                f"{where}: number value {shown(value)} is too large to be a number; dropped",
            )
            ok = False
        elif not math.isfinite(value):
            self.error(
                entry.line_of("value"),
                f"{where}: number value must be finite, got {shown(value)}; dropped",
            )
            ok = False
        quote = self.text(entry, "quote", f"{where} number", required=True)
        unit = self.text(entry, "unit", f"{where} number") or ""
        role = self.text(entry, "role", f"{where} number") or ""
        note = self.text(entry, "note", f"{where} number") or ""
        if not ok or quote is None:
            return None
        return NumberFact(float(value), unit, role, quote, note, line=entry.line)

    def outcome(self, entry: Any, line: int, where: str) -> Outcome | None:
        """An outcome, or None (reported) when its id or direction is unusable."""
        if not isinstance(entry, LineMap):
            self.error(line, f"{where}: an outcome must be a mapping, got {_kind(entry)}")
            return None
        self.check_mapping(entry, OUTCOME_KEYS, f"{where} outcome")
        outcome_id = self.text(entry, "id", f"{where} outcome", required=True)
        direction = self.text(entry, "direction", f"{where} outcome", required=True)
        if direction is not None and direction.lower() not in DIRECTIONS:
            self.error(
                entry.line_of("direction"),
                f"{where}: outcome direction {shown(direction)} is not one of "
                + ", ".join(DIRECTIONS),
            )
            direction = None
        timepoints = self.strings(entry, "timepoints", where) if "timepoints" in entry else []
        comparator = self.text(entry, "comparator", f"{where} outcome") or ""
        study = self.text(entry, "study", f"{where} outcome") or ""
        measure = self.text(entry, "measure", f"{where} outcome") or ""
        if outcome_id is None or direction is None:
            return None
        return Outcome(
            outcome_id,
            direction.lower(),
            timepoints or [],
            comparator,
            study,
            measure,
            line=entry.line,
        )
