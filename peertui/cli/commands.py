"""The sub-commands on a bundle itself: check, search, export, numbers, show. Each loads the
corpus, computes once in the core, and renders."""

from __future__ import annotations

import argparse
import sys

from rich.table import Table
from rich.text import Text

from peertui.cli.command import Command, add_output, add_target
from peertui.cli.loading import load_from_args, open_from_args
from peertui.cli.output import EXIT_OK, EXIT_PROBLEMS, console, print_json
from peertui.core.export.formats import FORMATS, format_for_path
from peertui.core.models import Claim, Corpus, format_number
from peertui.core.sanitize import printable
from peertui.render.text import plain


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
    from peertui.core.analysis.findings import failing, tally

    corpus, problems = open_from_args(args, cached=False)
    failed = failing(problems)
    if args.json:
        payload = {
            "summary": _counts(corpus),
            "problems": [
                {"file": p.file, "line": p.line, "severity": p.severity, "message": p.message}
                for p in problems
            ],
        }
        print_json(payload)
        return EXIT_PROBLEMS if failed else EXIT_OK
    out = console()
    for severity, style in (("error", "red"), ("warning", "yellow"), ("finding", "cyan")):
        for problem in (p for p in problems if p.severity == severity):
            line = Text(f"{severity}: ", style=f"bold {style}")
            line.append_text(plain(problem))
            out.print(line)
    counts = tally(problems)
    verdict = "problems found" if failed else "ok"
    out.print(
        plain(
            f"{_counts(corpus)}: {counts['error']} errors, {counts['warning']} warnings, "
            f"{counts['finding']} findings — {verdict}"
        )
    )
    return EXIT_PROBLEMS if failed else EXIT_OK


def run_search(args: argparse.Namespace) -> int:
    """Ranked hits for the query, as a table or JSON."""
    from peertui.core.search.engine import SearchIndex

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
        print_json(rows)
        return EXIT_OK
    out = console()
    if not hits:
        out.print("no matches")
        return EXIT_PROBLEMS
    table = Table(box=None, pad_edge=False, header_style="bold")
    for name in ("kind", "id", "field", "score", "match"):
        table.add_column(name, overflow="fold" if name == "match" else "ellipsis")
    for hit in hits:
        table.add_row(hit.kind, plain(hit.id), hit.field, f"{hit.score:.0f}", plain(hit.title))
    out.print(table)
    return EXIT_OK


def run_export(args: argparse.Namespace) -> int:
    """Render the claim-evidence table; write it atomically to -o, or print it."""
    from peertui.core.export.atomic import write_atomic
    from peertui.core.export.tables import render

    corpus = load_from_args(args)
    fmt = args.fmt or (format_for_path(args.output) if args.output else None) or "csv"
    claims: list[Claim] | None = None
    if args.query:
        from peertui.core.search.engine import SearchIndex
        from peertui.core.search.selection import selected_claims

        claims = selected_claims(corpus, SearchIndex(corpus), args.query)
    text = render(corpus, fmt, claims)
    if args.output is None:
        sys.stdout.write(text)
        return EXIT_OK
    write_atomic(args.output, text)
    count = len(corpus.claims if claims is None else claims)
    print(f"wrote {args.output} ({fmt}, {count} claims)", file=sys.stderr)
    return EXIT_OK


def run_numbers(args: argparse.Namespace) -> int:
    """Every quantity the article states, and which claim lists it."""
    from peertui.core.analysis.verify import article_quantities

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
        print_json(rows)
    else:
        out = console()
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
                plain(f.quantity.text),
                format_number(f.quantity.value),
                plain(f.quantity.unit),
                plain(f.quantity.role),
                plain(f.claim_id or "—"),
                Text(status, style="green" if f.listed else "red"),
            )
        out.print(table)
        out.print(f"{len(found)} quantities, {sum(not f.listed for f in found)} unaccounted")
    return EXIT_PROBLEMS if any(not f.listed for f in found) else EXIT_OK


def _plain_number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def run_show(args: argparse.Namespace) -> int:
    """One claim or reference with its links."""
    from peertui.render.claim import render_claim, render_reference

    corpus = load_from_args(args)
    out = console()
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


def _check_arguments(parser: argparse.ArgumentParser) -> None:
    add_target(parser)
    parser.add_argument("--json", action="store_true", help="problems as JSON")


def _search_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("query", nargs="+", help="words and qualifiers (author:, year:, ...)")
    parser.add_argument("--json", action="store_true", help="hits as JSON")
    parser.add_argument("--limit", type=int, default=20, metavar="N", help="at most N hits")


def _export_arguments(parser: argparse.ArgumentParser) -> None:
    add_target(parser)
    add_output(parser, tuple(FORMATS), "csv")
    parser.add_argument("--query", metavar="Q", help="only the claims this search finds")


def _numbers_arguments(parser: argparse.ArgumentParser) -> None:
    add_target(parser)
    parser.add_argument("--json", action="store_true", help="as JSON")


def _show_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("id", help="claim id, reference key or citation number")


COMMANDS = (
    Command(
        "check",
        "Verify the bundle: exit 0 clean, 1 problems found, 2 unusable input.",
        run_check,
        _check_arguments,
    ),
    Command(
        "search",
        "Fuzzy search over claims, references, numbers and outcomes.",
        run_search,
        _search_arguments,
    ),
    Command("export", "Write the claim-evidence table.", run_export, _export_arguments),
    Command(
        "numbers",
        "Every quantity the article states, and the claim that holds it.",
        run_numbers,
        _numbers_arguments,
    ),
    Command(
        "show",
        "One claim (by id) or reference (by key or citation number).",
        run_show,
        _show_arguments,
    ),
)
