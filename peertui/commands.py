"""The CLI's sub-commands: each loads the corpus, computes once in the core, and renders."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from rich.console import Console
from rich.table import Table
from rich.text import Text

from peertui.core.direction import direction_text
from peertui.core.models import Claim, Corpus, Problem, Reference, format_number
from peertui.core.sanitize import json_safe, printable
from peertui.loading import load_from_args

EXIT_OK, EXIT_PROBLEMS, EXIT_UNUSABLE = 0, 1, 2


def configure(command: str, parser: argparse.ArgumentParser) -> None:
    """Add the arguments of one of this module's sub-commands."""
    if command in ("check", "export", "numbers"):
        parser.add_argument(
            "target", nargs="?", type=Path, metavar="BUNDLE", help="bundle directory or .bib"
        )
    if command == "check":
        parser.description = "Verify the bundle: exit 0 clean, 1 problems found, 2 unusable input."
        parser.add_argument("--json", action="store_true", help="problems as JSON")
    elif command == "search":
        parser.description = "Fuzzy search over claims, references, numbers and outcomes."
        parser.add_argument("query", nargs="+", help="words and qualifiers (author:, year:, ...)")
        parser.add_argument("--json", action="store_true", help="hits as JSON")
        parser.add_argument("--limit", type=int, default=20, metavar="N", help="at most N hits")
    elif command == "export":
        parser.description = "Write the claim-evidence table."
        parser.add_argument(
            "--format",
            "-f",
            dest="fmt",
            choices=("csv", "tsv", "md", "json", "bib"),
            help="default: from -o's extension, else csv",
        )
        parser.add_argument("-o", "--output", type=Path, metavar="FILE", help="default: stdout")
        parser.add_argument("--query", metavar="Q", help="only the claims this search finds")
    elif command == "numbers":
        parser.description = "Every quantity the article states, and the claim that holds it."
        parser.add_argument("--json", action="store_true", help="as JSON")
    elif command == "show":
        parser.description = "One claim (by id) or reference (by key or citation number)."
        parser.add_argument("id", help="claim id, reference key or citation number")


def _console(stderr: bool = False) -> Console:
    """A console that never interprets data as markup and fits pipes."""
    return Console(stderr=stderr, highlight=False, soft_wrap=not sys.stdout.isatty())


def _t(value: object) -> Text:
    """Data from a file as Rich text: control characters dropped, markup never read."""
    return Text(printable(str(value)))


def _counts(corpus: Corpus) -> str:
    numbers = sum(len(c.numbers) for c in corpus.claims)
    outcomes = sum(len(c.outcomes) for c in corpus.claims)
    return (
        f"{len(corpus.references)} references, {len(corpus.claims)} claims, "
        f"{numbers} numbers, {outcomes} outcomes"
    )


def run_check(args: argparse.Namespace) -> int:
    """Print every problem as `file:line: message`; exit 1 when any is an error or warning.

    Findings (what the article's sources contradict) are printed too, but never fail the check.
    """
    from peertui.core.crosscheck import cross_check
    from peertui.core.verify import verify

    corpus = load_from_args(args)
    problems: list[Problem] = [*corpus.problems, *verify(corpus), *cross_check(corpus)]
    failing = [p for p in problems if p.severity in ("error", "warning")]
    if args.json:
        payload = {
            "summary": _counts(corpus),
            "problems": [
                {"file": p.file, "line": p.line, "severity": p.severity, "message": p.message}
                for p in problems
            ],
        }
        print(json_safe(json.dumps(payload, indent=2, ensure_ascii=False)))
        return EXIT_PROBLEMS if failing else EXIT_OK
    out = _console()
    for severity, style in (("error", "red"), ("warning", "yellow"), ("finding", "cyan")):
        for problem in (p for p in problems if p.severity == severity):
            line = Text(f"{severity}: ", style=f"bold {style}")
            line.append_text(_t(problem))
            out.print(line)
    tally = {s: sum(p.severity == s for p in problems) for s in ("error", "warning", "finding")}
    verdict = "problems found" if failing else "ok"
    out.print(
        _t(
            f"{_counts(corpus)}: {tally['error']} errors, {tally['warning']} warnings, "
            f"{tally['finding']} findings — {verdict}"
        )
    )
    return EXIT_PROBLEMS if failing else EXIT_OK


def run_search(args: argparse.Namespace) -> int:
    """Ranked hits for the query, as a table or JSON."""
    from peertui.core.search import SearchIndex

    corpus = load_from_args(args)
    hits = SearchIndex(corpus).search(" ".join(args.query), limit=max(args.limit, 1))
    if args.json:
        rows = [
            {
                "kind": h.kind,
                "id": h.id,
                "claim_id": h.claim_id,
                "field": h.field,
                "score": round(h.score, 1),
                "title": h.title,
                "snippet": h.snippet,
            }
            for h in hits
        ]
        print(json_safe(json.dumps(rows, indent=2, ensure_ascii=False)))
        return EXIT_OK
    out = _console()
    if not hits:
        out.print("no matches")
        return EXIT_PROBLEMS
    table = Table(box=None, pad_edge=False, header_style="bold")
    for name in ("kind", "id", "field", "score", "match"):
        table.add_column(name, overflow="fold" if name == "match" else "ellipsis")
    for hit in hits:
        table.add_row(hit.kind, _t(hit.id), hit.field, f"{hit.score:.0f}", _t(hit.title))
    out.print(table)
    return EXIT_OK


def run_export(args: argparse.Namespace) -> int:
    """Render the claim-evidence table; write it atomically to -o, or print it."""
    from peertui.core.export import format_for_path, render, write_atomic

    corpus = load_from_args(args)
    fmt = args.fmt or (format_for_path(args.output) if args.output else None) or "csv"
    claims: list[Claim] | None = None
    if args.query:
        from peertui.core.search import SearchIndex

        claims = claims_of_hits(corpus, SearchIndex(corpus).search(args.query, limit=10_000))
    text = render(corpus, fmt, claims)
    if args.output is None:
        sys.stdout.write(text)
        return EXIT_OK
    write_atomic(args.output, text)
    count = len(corpus.claims if claims is None else claims)
    print(f"wrote {args.output} ({fmt}, {count} claims)", file=sys.stderr)
    return EXIT_OK


def claims_of_hits(corpus: Corpus, hits: list) -> list[Claim]:
    """The claims a list of search hits points at, each once, in article order."""
    wanted: set[str] = set()
    for hit in hits:
        if hit.claim_id:
            wanted.add(hit.claim_id)
        elif hit.kind == "reference":
            wanted.update(c.id for c in corpus.claims_citing(hit.id))
    return [c for c in corpus.claims if c.id in wanted]


def run_numbers(args: argparse.Namespace) -> int:
    """Every quantity the article states, and which claim lists it."""
    from peertui.core.verify import article_quantities

    corpus = load_from_args(args)
    found = article_quantities(corpus)
    if args.json:
        rows = [
            {
                "paragraph": f.paragraph,
                "line": f.line,
                "text": f.quantity.text,
                "value": _plain_number(f.quantity.value),
                "unit": f.quantity.unit,
                "role": f.quantity.role,
                "claim": f.claim_id,
                "listed": f.listed,
            }
            for f in found
        ]
        print(json_safe(json.dumps(rows, indent=2, ensure_ascii=False)))
    else:
        out = _console()
        if corpus.article is None:
            out.print("no article in this bundle: nothing to extract")
            return EXIT_OK
        table = Table(box=None, pad_edge=False, header_style="bold")
        for name in ("para", "quantity", "value", "unit", "role", "claim", "status"):
            table.add_column(name)
        for f in found:
            status = "listed" if f.listed else ("not listed" if f.claim_id else "no claim")
            table.add_row(
                str(f.paragraph),
                _t(f.quantity.text),
                format_number(f.quantity.value),
                _t(f.quantity.unit),
                _t(f.quantity.role),
                _t(f.claim_id or "—"),
                Text(status, style="green" if f.listed else "red"),
            )
        out.print(table)
        out.print(f"{len(found)} quantities, {sum(not f.listed for f in found)} unaccounted")
    return EXIT_PROBLEMS if any(not f.listed for f in found) else EXIT_OK


def _plain_number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def run_show(args: argparse.Namespace) -> int:
    """One claim or reference with its links."""
    corpus = load_from_args(args)
    out = _console()
    claim = corpus.claim(args.id)
    if claim is not None:
        out.print(render_claim(corpus, claim))
        return EXIT_OK
    ref = corpus.reference(args.id)
    if ref is None and args.id.isdigit():
        ref = corpus.reference_by_number(int(args.id))
    if ref is not None:
        out.print(render_reference(corpus, ref))
        return EXIT_OK
    print(f"peertui: no claim or reference '{printable(args.id)}'", file=sys.stderr)
    return EXIT_PROBLEMS


def render_claim(corpus: Corpus, claim: Claim) -> Text:
    """A claim, its references, numbers and outcomes as plain Rich text."""
    out = Text()
    out.append(f"{claim.id}", style="bold")
    out.append_text(_t(f"  {claim.kind or 'claim'} · {claim.section}".rstrip(" ·")))
    out.append("\n")
    out.append_text(_t(claim.text))
    out.append("\n\nReferences")
    if claim.cited_by_context:
        out.append(" (cited by context: the sentence has no marker)", style="dim")
    out.append("\n")
    for key in claim.cites:
        ref = corpus.reference(key)
        number = f"[{ref.number}] " if ref and ref.number is not None else ""
        label = f"{number}{ref.short} — {ref.title}" if ref else f"{key} (missing)"
        out.append_text(_t(f"  {label}\n"))
    if claim.numbers:
        out.append("Numbers\n")
        for n in claim.numbers:
            out.append_text(_t(f"  {n.display_value} {n.unit} ({n.role}) — “{n.quote}”\n"))
    if claim.outcomes:
        out.append("Outcomes\n")
        for o in claim.outcomes:
            when = ", ".join(o.timepoints) or "timepoint not stated"
            study = corpus.study(o.study)
            where = study.label if study else o.study
            direction = direction_text(o.id, o.direction)
            out.append_text(_t(f"  {corpus.outcome_label(o.id)}: {direction} @ {when}"))
            out.append_text(_t(f" vs {o.comparator}" if o.comparator else ""))
            out.append_text(_t(f" ({where})\n" if where else "\n"))
    if claim.notes:
        out.append_text(_t(f"Notes: {claim.notes}\n"))
    return out


def render_reference(corpus: Corpus, ref: Reference) -> Text:
    """A reference's record, unverified fields marked, and the claims citing it."""
    out = Text()
    out.append(f"[{ref.number}] " if ref.number else "", style="bold")
    out.append_text(_t(f"{ref.key}\n"))
    rows = [
        ("authors", "; ".join(ref.authors)),
        ("title", ref.title),
        ("journal", ref.journal),
        ("year", ref.year),
        ("volume", ref.volume),
        ("issue", ref.issue),
        ("pages", ref.pages),
        ("doi", ref.doi),
        *sorted(ref.extra.items()),
    ]
    for name, value in rows:
        if not value:
            continue
        out.append(f"  {name:<20}", style="dim")
        out.append_text(_t(value))
        if name in ref.unverified:
            out.append("  (unverified)", style="yellow")
        out.append("\n")
    citing = corpus.claims_citing(ref.key)
    out.append_text(_t(f"cited by: {', '.join(c.id for c in citing) or 'no claim'}\n"))
    return out
