"""sources.yaml -> what each cited reference itself reports, every problem located by line.

The sources file is what lets peertui check an article against its references: sample sizes,
durations, follow-up and outcome results as the papers (or their trial's registry) report them,
each with a status (verified / unverified) and the page it was seen on. It is read safely
(safeyaml.load_yaml), and a bad entry is reported and dropped while the rest loads.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from peertui.core.bundle.safeyaml import LineList, LineMap, parse_document
from peertui.core.models import (
    SOURCE_STATUSES,
    ArmCount,
    Corpus,
    Problem,
    ReportedEstimate,
    SourceFact,
    SourceReport,
    SourceResult,
)
from peertui.core.textutil import fold_ascii, load_parsed, normalise_ws
from peertui.core.textutil import value_kind as _kind

TOP_KEYS = ("references",)
REPORT_KEYS = ("facts", "results", "note")
FACT_KEYS = ("id", "label", "value", "unit", "role", "wording", "detail", "status", "source")
FACT_KEYS += ("note", "source_kind")
RESULT_KEYS = ("id", "outcome", "timepoint", "label", "arms", "reported", "finding", "status")
RESULT_KEYS += ("source", "source_kind", "note")
ARM_KEYS = ("label", "events", "total", "percent")
REPORTED_KEYS = ("measure", "value", "low", "high", "p", "status", "source", "source_kind")
REPORTED_KEYS += ("note",)
#: What `source` names: the record itself (the publisher's page, PubMed Central, the registry),
#: or a secondary copy or report of it (a registry mirror, an abstract reposted elsewhere, news).
SOURCE_KINDS = ("primary", "secondary")

_P_TEXT = re.compile(r"\s*([<=])?\s*(\d*\.?\d+(?:[eE]-?\d+)?)\s*")


@dataclass(slots=True)
class SourcesFile:
    """What one sources file holds: a report per reference key, and the problems met."""

    reports: dict[str, SourceReport] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


def parse_sources(text: str, filename: str) -> SourcesFile:
    """The reports of a sources file's text, with every problem found, in file order."""
    result = SourcesFile()
    return parse_document(
        result,
        text,
        filename,
        "no sources in this file",
        lambda data: _Reader(filename, result).read(data),
    )


def load_sources(path: Path) -> SourcesFile:
    """Read and parse a sources file; raises UnusableInput when it cannot be read at all."""
    return load_parsed(path, parse_sources)


def cited_facts(corpus: Corpus, keys: list[str]) -> list[tuple[str, SourceFact]]:
    """(reference key, fact) for every fact the references `keys` report, in citation order."""
    return [
        (key, fact)
        for key in keys
        if (report := corpus.source(key)) is not None
        for fact in report.facts
    ]


def all_results(corpus: Corpus) -> list[tuple[str, SourceResult]]:
    """(reference key, result) for every result of every reference, in bibliography order."""
    order = {ref.key: i for i, ref in enumerate(corpus.references)}
    keys = sorted(corpus.sources, key=lambda k: order.get(k, len(order)))
    return [(key, result) for key in keys for result in corpus.sources[key].results]


def _is_number(value: Any) -> bool:
    """An int or float a float can hold (a 400-digit integer cannot: it is reported)."""
    if not isinstance(value, int | float) or isinstance(value, bool):
        return False
    try:
        float(value)
    except OverflowError:
        return False
    return True


class _Reader:
    """Walks the parsed YAML, building reports and collecting every problem on the way."""

    def __init__(self, filename: str, result: SourcesFile) -> None:
        self.filename = filename
        self.result = result

    def problem(self, line: int | None, message: str, severity: str = "error") -> None:
        self.result.problems.append(Problem(self.filename, line or None, message, severity))

    def read(self, data: Any) -> None:
        if not isinstance(data, LineMap):
            self.problem(1, f"expected a mapping with 'references', got {_kind(data)}")
            return
        self.check_keys(data, TOP_KEYS, "the file")
        refs = data.get("references")
        if refs is None:
            self.problem(data.line, "no 'references' mapping in this file", "warning")
            return
        if not isinstance(refs, LineMap):
            self.problem(
                data.line_of("references"),
                f"'references' must be a mapping of bib key: report, got {_kind(refs)}",
            )
            return
        self.check_keys(refs, None, "references")
        for key, value in refs.items():
            report = self.report(str(key), value, refs.line_of(key))
            if report is not None:
                self.result.reports[report.key] = report

    def check_keys(self, mapping: LineMap, known: tuple[str, ...] | None, where: str) -> None:
        """Report duplicated and unknown keys: likely typos that would otherwise be lost."""
        for key, line in mapping.duplicates:
            self.problem(line, f"{where}: {key!r} is given more than once; the last is used")
        for key in mapping if known is not None else ():
            if key not in known:
                self.problem(
                    mapping.line_of(key), f"{where}: unknown key {key!r} is ignored", "warning"
                )

    def text(self, mapping: LineMap, key: str, where: str) -> str:
        """The text under `key` ("" when absent); a number is accepted as its text."""
        value = mapping.get(key)
        if value is None:
            return ""
        if _is_number(value):
            return str(value)
        if not isinstance(value, str):
            self.problem(mapping.line_of(key), f"{where}: {key!r} must be text, got {_kind(value)}")
            return ""
        return " ".join(value.split())

    def number(self, mapping: LineMap, key: str, where: str, whole: bool = False) -> Any:
        """The number under `key`, None when absent; "bad" (reported) when it is not a number."""
        value = mapping.get(key)
        if value is None:
            return None
        if not _is_number(value) or (whole and (float(value) != int(value) or value < 0)):
            want = "a whole number from 0" if whole else "a number"
            hint = " (write it without quotes)" if isinstance(value, str) else ""
            self.problem(
                mapping.line_of(key), f"{where}: {key!r} must be {want}, got {value!r}{hint}"
            )
            return "bad"
        return int(value) if whole else float(value)

    def source_kind(self, mapping: LineMap, where: str) -> str:
        """`primary` (also when not given) or `secondary`; anything else is reported."""
        value = self.text(mapping, "source_kind", where).lower() or "primary"
        if value not in SOURCE_KINDS:
            self.problem(
                mapping.line_of("source_kind"),
                f"{where}: source_kind {value!r} is not primary or secondary; read as primary",
                "warning",
            )
            return "primary"
        return value

    def status(self, mapping: LineMap, where: str) -> str:
        """`verified` or `unverified`; anything else is reported and read as unverified."""
        value = self.text(mapping, "status", where).lower()
        if not value:
            self.problem(
                mapping.line,
                f"{where}: 'status' is missing (verified or unverified); read as unverified",
                "warning",
            )
            return "unverified"
        if value not in SOURCE_STATUSES:
            self.problem(
                mapping.line_of("status"),
                f"{where}: status {value!r} is not one of {', '.join(SOURCE_STATUSES)}; "
                "read as unverified",
            )
            return "unverified"
        return value

    def items(self, mapping: LineMap, key: str, where: str) -> list[tuple[Any, int]]:
        """The items of an optional list, each with its line."""
        value = mapping.get(key)
        if value is None:
            return []
        if not isinstance(value, LineList):
            self.problem(
                mapping.line_of(key), f"{where}: {key!r} must be a list, got {_kind(value)}"
            )
            return []
        return list(zip(value, value.item_lines, strict=True))

    def report(self, key: str, value: Any, line: int) -> SourceReport | None:
        where = f"reference {key!r}"
        if value is None:
            return SourceReport(key, line=line)
        if not isinstance(value, LineMap):
            self.problem(
                line, f"{where} must be a mapping with facts and results, got {_kind(value)}"
            )
            return None
        self.check_keys(value, REPORT_KEYS, where)
        report = SourceReport(key, note=self.text(value, "note", where), line=line)
        ids: dict[str, int] = {}
        for position, (item, item_line) in enumerate(self.items(value, "facts", where), 1):
            fact = self.fact(item, item_line, f"{where} fact {position}", position)
            if fact is not None and self.unique(ids, fact.id, item_line, where):
                report.facts.append(fact)
        ids = {}
        for position, (item, item_line) in enumerate(self.items(value, "results", where), 1):
            result = self.source_result(item, item_line, f"{where} result {position}", position)
            if result is not None and self.unique(ids, result.id, item_line, where):
                report.results.append(result)
        return report

    def unique(self, seen: dict[str, int], item_id: str, line: int, where: str) -> bool:
        if item_id in seen:
            self.problem(
                line, f"{where}: duplicate id {item_id!r} (first at line {seen[item_id]}); skipped"
            )
            return False
        seen[item_id] = line
        return True

    def mapping(self, item: Any, line: int, where: str, known: tuple[str, ...]) -> bool:
        if not isinstance(item, LineMap):
            self.problem(line, f"{where} must be a mapping, got {_kind(item)}")
            return False
        self.check_keys(item, known, where)
        return True

    def fact(self, item: Any, line: int, where: str, position: int) -> SourceFact | None:
        """One fact, or None (reported) when it has no usable value."""
        if not self.mapping(item, line, where, FACT_KEYS):
            return None
        fact_id = self.text(item, "id", where) or f"fact-{position}"
        value = self.number(item, "value", where)
        role = self.text(item, "role", where)
        if not role:
            self.problem(item.line, f"{where}: no 'role', so it is never compared", "warning")
        fact = SourceFact(
            id=fact_id,
            value=0.0,
            unit=self.text(item, "unit", where),
            role=role,
            label=self.text(item, "label", where),
            wording=self.text(item, "wording", where),
            detail=self.text(item, "detail", where),
            status=self.status(item, where),
            source=self.text(item, "source", where),
            source_kind=self.source_kind(item, where),
            note=self.text(item, "note", where),
            line=item.line,
        )
        if value is None:
            self.problem(item.line, f"{where}: no 'value'; the fact is dropped")
            return None
        if value == "bad":
            return None
        fact.value = value
        return fact

    def source_result(self, item: Any, line: int, where: str, position: int) -> SourceResult | None:
        """One result; arms and estimate are checked for consistency."""
        if not self.mapping(item, line, where, RESULT_KEYS):
            return None
        result = SourceResult(
            id=self.text(item, "id", where) or f"result-{position}",
            outcome=self.text(item, "outcome", where),
            timepoint=self.text(item, "timepoint", where),
            label=self.text(item, "label", where),
            finding=self.text(item, "finding", where),
            status=self.status(item, where),
            source=self.text(item, "source", where),
            source_kind=self.source_kind(item, where),
            note=self.text(item, "note", where),
            line=item.line,
        )
        for index, (arm_item, arm_line) in enumerate(self.items(item, "arms", where), 1):
            arm = self.arm(arm_item, arm_line, f"{where} arm {index}")
            if arm is not None:
                result.arms.append(arm)
        if "reported" in item:
            result.reported = self.reported(item["reported"], item.line_of("reported"), where)
        if not (result.arms or result.reported or result.finding):
            self.problem(item.line, f"{where}: no arms, 'reported' or 'finding'", "warning")
        return result

    def arm(self, item: Any, line: int, where: str) -> ArmCount | None:
        if not self.mapping(item, line, where, ARM_KEYS):
            return None
        label = self.text(item, "label", where)
        events = self.number(item, "events", where, whole=True)
        total = self.number(item, "total", where, whole=True)
        percent = self.number(item, "percent", where)
        if not label:
            self.problem(item.line, f"{where}: 'label' is missing; the arm is dropped")
            return None
        if "bad" in (events, total, percent):
            return None
        if total == 0 or (events is not None and total is not None and events > total):
            self.problem(item.line, f"{where}: events {events} out of {total} is impossible")
            return None
        if percent is not None and not 0 <= percent <= 100:
            self.problem(item.line_of("percent"), f"{where}: percent {percent:g} is not 0-100")
            return None
        if percent is not None and events is not None and total is not None:
            computed = 100 * events / total
            if abs(computed - percent) > 1:
                self.problem(
                    item.line_of("percent"),
                    f"{where}: {events}/{total} is {computed:.1f}%, not the {percent:g}% given",
                    "warning",
                )
        return ArmCount(label, events, total, percent)

    def reported(self, item: Any, line: int, where: str) -> ReportedEstimate | None:
        where = f"{where} reported"
        if not self.mapping(item, line, where, REPORTED_KEYS):
            return None
        measure = self.text(item, "measure", where)
        value = self.number(item, "value", where)
        low = self.number(item, "low", where)
        high = self.number(item, "high", where)
        if not measure or value is None:
            self.problem(item.line, f"{where}: needs 'measure' and 'value'; dropped")
            return None
        if "bad" in (value, low, high):
            return None
        if (low is not None and low > value) or (high is not None and high < value):
            self.problem(item.line, f"{where}: {value:g} lies outside its interval; dropped")
            return None
        p, relation = self.p_value(item, where)
        return ReportedEstimate(
            measure,
            value,
            low,
            high,
            p,
            relation,
            status=self.status(item, where),
            source=self.text(item, "source", where),
            source_kind=self.source_kind(item, where),
            note=self.text(item, "note", where),
        )

    def p_value(self, item: LineMap, where: str) -> tuple[float | None, str]:
        """A p value written as a number (0.0438) or with its relation ("<0.0001")."""
        value = item.get("p")
        if value is None:
            return None, "="
        match = _P_TEXT.fullmatch(value) if isinstance(value, str) else None
        if _is_number(value):
            p, relation = float(value), "="
        elif match:
            p, relation = float(match[2]), match[1] or "="
        else:
            p, relation = -1.0, "="
        if not 0 <= p <= 1:
            self.problem(
                item.line_of("p"), f"{where}: p must be a number from 0 to 1, got {value!r}"
            )
            return None, "="
        return p, relation


def mentions_result(corpus: Corpus, text: str, result: SourceResult) -> bool:
    """Whether `text` (a figure caption) names this result's outcome and its timepoint.

    Every word of the outcome's label must occur in the text ("Hospital readmission" in
    "Hospital readmission rates at one year"), and so must the timepoint when it has one.
    """
    if not result.outcome:
        return False
    folded = fold_ascii(normalise_ws(text))
    words = re.findall(r"\w+", fold_ascii(corpus.outcome_label(result.outcome)))
    if not words or not all(re.search(rf"\b{re.escape(w)}", folded) for w in words):
        return False
    return not result.timepoint or fold_ascii(result.timepoint) in folded
