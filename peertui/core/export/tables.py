"""The claim-evidence table in every export format, shared by the CLI and the app.

One row per claim (see docs/export.md for why); each format has one small writer, and every
object the JSON contract holds is built by one `*_to_dict` function so later keys go in one place.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
from collections.abc import Callable, Iterable

from peertui.core.analysis.crosscheck import CitedFact, NumberCheck, check_number
from peertui.core.analysis.verdicts import verdicts_cell
from peertui.core.bibtex.doi import normalise_doi
from peertui.core.bibtex.write import reference_to_bib
from peertui.core.export.formats import FORMATS
from peertui.core.labels import reference_label
from peertui.core.models import Article, Claim, Corpus, NumberFact, Outcome, Reference, Study
from peertui.core.plural import plural
from peertui.core.sanitize import LINE_BREAKS, json_safe, printable

#: The table's columns (csv, tsv, md), in order.
COLUMNS = ("claim_id", "section", "kind", "claim", "citation")
COLUMNS += ("references", "dois", "numbers", "number_checks", "outcomes", "notes")

#: Joins several values within one table cell.
JOIN = "; "


def render(corpus: Corpus, fmt: str, claims: list[Claim] | None = None) -> str:
    """The export of `claims` (default: every claim) in format `fmt`, as text.

    Control characters are dropped from every format but JSON (escaped there). Raises
    ValueError for a format not in FORMATS: callers offer only those.
    """
    writer = _WRITERS.get(fmt)
    if writer is None:
        raise ValueError(f"unknown export format {fmt!r} (known: {', '.join(FORMATS)})")
    text = writer(corpus, claims)
    # The text formats are read by people (and printed to terminals): no escape sequences.
    return json_safe(text) if fmt == "json" else printable(text)


# --- selection -------------------------------------------------------------------------------


def _chosen(corpus: Corpus, claims: list[Claim] | None) -> list[Claim]:
    return list(corpus.claims) if claims is None else list(claims)


def cited_references(corpus: Corpus, claims: Iterable[Claim]) -> list[Reference]:
    """The references these claims cite, in bibliography order."""
    keys = {key for claim in claims for key in claim.cites}
    return [ref for ref in corpus.references if ref.key in keys]


# --- table cells -----------------------------------------------------------------------------


def citation_text(claim: Claim) -> str:
    """The claim's citation markers verbatim, "context" when it cites without one, else ""."""
    markers = claim.markers
    if markers:
        return JOIN.join(markers)
    return "context" if claim.cites else ""


def number_label(number: NumberFact) -> str:
    """ "441 individuals (sample size)"."""
    text = " ".join(part for part in (number.display_value, number.unit) if part)
    return f"{text} ({number.role})" if number.role else text


def outcome_label(corpus: Corpus, outcome: Outcome) -> str:
    """ "Hospital readmission: improved @ one year (core-crisis)"."""
    text = f"{corpus.outcome_label(outcome.id)}: {outcome.direction}"
    if outcome.timepoints:
        text += " @ " + ", ".join(outcome.timepoints)
    return f"{text} ({outcome.study})" if outcome.study else text


class _CitedCells(dict[str, tuple[str, str]]):
    """Each cited key's (label, DOI), worked out once per export: 10k claims cite few keys often."""

    def __init__(self, corpus: Corpus) -> None:
        super().__init__()
        self.corpus = corpus

    def __missing__(self, key: str) -> tuple[str, str]:
        ref = self.corpus.reference(key)
        doi = normalise_doi(ref.doi) if ref is not None else ""
        cells = self[key] = (reference_label(key, ref), doi)
        return cells


def claim_row(
    corpus: Corpus, claim: Claim, cited: dict[str, tuple[str, str]] | None = None
) -> dict[str, str]:
    """One table row, by column name; `cited` shares the reference cells across rows."""
    if cited is None:
        cited = _CitedCells(corpus)
    refs = [cited[key] for key in claim.cites]
    return {
        "claim_id": claim.id,
        "section": claim.section,
        "kind": claim.kind,
        "claim": claim.text,
        "citation": citation_text(claim),
        "references": JOIN.join([label for label, _ in refs]),
        "dois": JOIN.join(dict.fromkeys(doi for _, doi in refs if doi)),
        "numbers": JOIN.join([number_label(n) for n in claim.numbers]),
        "number_checks": verdicts_cell(corpus, claim) if claim.numbers else "",
        "outcomes": JOIN.join([outcome_label(corpus, o) for o in claim.outcomes]),
        "notes": claim.notes,
    }


def _rows(corpus: Corpus, claims: list[Claim] | None) -> list[list[str]]:
    """Cells without control characters, so `defuse` sees the character a spreadsheet sees."""
    cited = _CitedCells(corpus)
    rows = []
    for claim in _chosen(corpus, claims):
        row = claim_row(corpus, claim, cited)
        rows.append([printable(row[col]) for col in COLUMNS])
    return rows


# --- csv, tsv --------------------------------------------------------------------------------

#: First characters a spreadsheet may read as a formula (OWASP "CSV injection"), plus the quote
#: itself so that one leading quote is always ours and can be stripped to get the cell back.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "'")


def defuse(cell: str) -> str:
    """Prefix "'" to a cell a spreadsheet would evaluate, so it shows as text."""
    return "'" + cell if cell.startswith(_FORMULA_START) else cell


def _render_csv(corpus: Corpus, claims: list[Claim] | None) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows([defuse(cell) for cell in row] for row in _rows(corpus, claims))
    return out.getvalue()


def _render_tsv(corpus: Corpus, claims: list[Claim] | None) -> str:
    lines = ["\t".join(COLUMNS)]
    for row in _each_cell(_rows(corpus, claims), lambda text: LINE_BREAKS.sub(" ", text)):
        lines.append("\t".join([defuse(cell) for cell in row]))
    return "\n".join(lines) + "\n"


#: Cell and row separators while one substitution runs over a whole table: `_rows` cells are
#: printable, so neither character can occur in one.
_CELL, _ROW = "\x00", "\x01"


def _each_cell(rows: list[list[str]], transform: Callable[[str], str]) -> list[list[str]]:
    """`transform` of every cell, in one call over the joined table rather than one per cell.

    Exact for substitutions whose matches never span or look across a separator (line breaks,
    Markdown specials): a separator is neither, so it ends every match as a cell's end would.
    """
    if not rows:
        return []
    text = transform(_ROW.join([_CELL.join(row) for row in rows]))
    return [line.split(_CELL) for line in text.split(_ROW)]


# --- markdown --------------------------------------------------------------------------------

#: Markdown specials; "]" only where it could close a link ("[1] Cook" stays readable) and "&"
#: only where it could start an entity.
_MD_SPECIAL = re.compile(r"[\\|`*_<>~]|\](?=[(\[])|&(?=#?\w+;)")


def md_escape(text: str) -> str:
    """Text as literal Markdown inline content: specials backslash-escaped, one line."""
    return _MD_SPECIAL.sub(r"\\\g<0>", LINE_BREAKS.sub(" ", text))


def _render_md(corpus: Corpus, claims: list[Claim] | None) -> str:
    chosen = _chosen(corpus, claims)
    title = corpus.article.title if corpus.article else ""
    heading = "# Claim-evidence table" + (f": {md_escape(printable(title))}" if title else "")
    counts = ", ".join(
        (
            plural(len(chosen), "claim"),
            plural(len(cited_references(corpus, chosen)), "cited reference"),
            plural(sum(len(c.numbers) for c in chosen), "number"),
            plural(sum(len(c.outcomes) for c in chosen), "outcome"),
        )
    )
    lines = [heading, "", counts + ".", ""]
    lines.append("| " + " | ".join(COLUMNS) + " |")
    lines.append("|" + " --- |" * len(COLUMNS))
    for row in _each_cell(_rows(corpus, claims), md_escape):
        lines.append("| " + " | ".join(row) + " |")
    return "\n".join(lines) + "\n"


# --- json ------------------------------------------------------------------------------------


def json_number(value: float) -> int | float | None:
    """8.0 -> 8, 0.66 -> 0.66; NaN and infinities (not JSON) -> None."""
    value = float(value)
    if not math.isfinite(value):
        return None
    return int(value) if value.is_integer() else value


def article_to_dict(article: Article | None) -> dict[str, object]:
    """The article's front matter (empty values when the bundle has no article)."""
    if article is None:
        return {"title": "", "authors": [], "affiliation": ""}
    return {
        "title": article.title,
        "authors": list(article.authors),
        "affiliation": article.affiliation,
    }


def reference_to_dict(ref: Reference) -> dict[str, object]:
    """One reference; `extra` keeps every other field, sorted by name."""
    return {
        "key": ref.key,
        "number": ref.number,
        "authors": list(ref.authors),
        "title": ref.title,
        "journal": ref.journal,
        "year": ref.year,
        "volume": ref.volume,
        "issue": ref.issue,
        "pages": ref.pages,
        "doi": normalise_doi(ref.doi),
        "unverified": sorted(ref.unverified),
        "extra": dict(sorted(ref.extra.items())),
    }


def study_to_dict(study: Study) -> dict[str, object]:
    """One study."""
    return {"id": study.id, "label": study.label, "refs": list(study.refs), "design": study.design}


def number_to_dict(number: NumberFact, check: NumberCheck | None = None) -> dict[str, object]:
    """One quantity a claim states; with its cross-check against the cited sources if given."""
    data: dict[str, object] = {
        "value": json_number(number.value),
        "unit": number.unit,
        "role": number.role,
        "quote": number.quote,
        "note": number.note,
    }
    if check is not None:
        data["check"] = check_to_dict(check)
    return data


def cited_fact_to_dict(cited: CitedFact) -> dict[str, object]:
    """A fact a cited reference reports, with the reference's key."""
    fact = cited.fact
    return {
        "reference": cited.key,
        "id": fact.id,
        "value": json_number(fact.value),
        "unit": fact.unit,
        "role": fact.role,
        "label": fact.label,
        "wording": fact.wording,
        "status": fact.status,
        "source": fact.source,
        "source_kind": fact.source_kind,
    }


def check_to_dict(check: NumberCheck) -> dict[str, object]:
    """A number's cross-check: agrees / differs / not reported, what the sources report, why."""
    return {
        "status": check.status,
        "reported": [cited_fact_to_dict(c) for c in check.reported],
        "matches": [cited_fact_to_dict(c) for c in check.matches],
        "explanation": check.explanation,
    }


def outcome_to_dict(corpus: Corpus, outcome: Outcome) -> dict[str, object]:
    """One outcome, with its vocabulary label."""
    return {
        "id": outcome.id,
        "label": corpus.outcome_label(outcome.id),
        "direction": outcome.direction,
        "timepoints": list(outcome.timepoints),
        "comparator": outcome.comparator,
        "study": outcome.study,
        "measure": outcome.measure,
    }


def claim_to_dict(corpus: Corpus, claim: Claim) -> dict[str, object]:
    """One claim with its evidence; `citation` is the table's citation cell."""
    return {
        "id": claim.id,
        "text": claim.text,
        "section": claim.section,
        "paragraph": claim.paragraph,
        "kind": claim.kind,
        "cites": list(claim.cites),
        "citation": citation_text(claim),
        "numbers": [
            number_to_dict(n, check_number(corpus, claim, i)) for i, n in enumerate(claim.numbers)
        ],
        "outcomes": [outcome_to_dict(corpus, o) for o in claim.outcomes],
        "notes": claim.notes,
    }


def _render_json(corpus: Corpus, claims: list[Claim] | None) -> str:
    # Like BibTeX: the claims and what they cite; a plain library has only references to export.
    chosen = _chosen(corpus, claims)
    if corpus.claims:
        refs = cited_references(corpus, chosen)
        named = {o.study for c in chosen for o in c.outcomes}
        studies = [s for s in corpus.studies if s.id in named]
    else:
        refs, studies = corpus.references, corpus.studies
    return _json_document(
        {"article": article_to_dict(corpus.article)},
        {
            "references": map(reference_to_dict, refs),
            "studies": map(study_to_dict, studies),
            "claims": (claim_to_dict(corpus, c) for c in chosen),
        },
    )


def _json_document(fields: dict[str, object], lists: dict[str, Iterable[object]]) -> str:
    """A JSON object: `fields` one a line, then each of `lists` with one record a line.

    Each line is written by json's C encoder (an indented dump falls back to its pure-Python one,
    several times slower), and each record is encoded as soon as it is built, so it never lives
    long enough to cost the garbage collector a pass over a large library.
    """
    encode = json.JSONEncoder(ensure_ascii=False, allow_nan=False).encode
    lines = [f"  {encode(key)}: {encode(value)}" for key, value in fields.items()]
    for key, records in lists.items():
        encoded = ",\n".join(["    " + encode(record) for record in records])
        lines.append(f"  {encode(key)}: [\n{encoded}\n  ]" if encoded else f"  {encode(key)}: []")
    return "{\n" + ",\n".join(lines) + "\n}\n"


# --- bibtex ----------------------------------------------------------------------------------


def _render_bib(corpus: Corpus, claims: list[Claim] | None) -> str:
    # A plain library has no claims to choose by: then every reference is exported.
    chosen = _chosen(corpus, claims)
    refs = cited_references(corpus, chosen) if corpus.claims else corpus.references
    return "\n".join(reference_to_bib(ref) for ref in refs)


_WRITERS: dict[str, Callable[[Corpus, list[Claim] | None], str]] = {
    "csv": _render_csv,
    "tsv": _render_tsv,
    "md": _render_md,
    "json": _render_json,
    "bib": _render_bib,
}
