"""The sub-commands on a bundle itself: check, search, export, numbers, show. Each loads the
corpus, computes once in the core, and renders."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from rich.table import Table
from rich.text import Text

from peertui.cli.command import Command, add_output, add_target
from peertui.cli.loading import load_from_args, open_from_args
from peertui.cli.output import EXIT_OK, EXIT_PROBLEMS, console, print_json, print_table
from peertui.core.export.formats import FORMATS
from peertui.core.models import Claim, Corpus, format_number
from peertui.core.plural import counted, plural
from peertui.core.sanitize import clean, printable, shown_key
from peertui.render.text import plain

if TYPE_CHECKING:
    from peertui.core.search.engine import Hit

T = TypeVar("T")


def _counts(corpus: Corpus) -> str:
    numbers = sum(len(c.numbers) for c in corpus.claims)
    outcomes = sum(len(c.outcomes) for c in corpus.claims)
    return counted(
        (
            (len(corpus.references), "reference"),
            (len(corpus.claims), "claim"),
            (numbers, "number"),
            (outcomes, "outcome"),
        )
    )


def run_check(args: argparse.Namespace) -> int:
    """Print every problem as `file:line: message`; exit 1 when any is an error.

    Warnings (what BibTeX itself only warns about, a quantity no claim holds) and findings
    (what the article's sources contradict) are printed too, but never fail the check.
    """
    from peertui.core.analysis.findings import fails_check, tally

    corpus, problems = open_from_args(args, cached=False)
    failed = fails_check(problems)
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
    summary = counted((counts[s], s) for s in ("error", "warning", "finding"))
    out.print(plain(f"{_counts(corpus)}: {summary} — {verdict}"))
    return EXIT_PROBLEMS if failed else EXIT_OK


def run_search(args: argparse.Namespace) -> int:
    """Ranked hits for the query, as a table or JSON."""
    from peertui.core.search.engine import SearchIndex

    if args.bundle is None and len(args.query) > 1 and names_a_bundle(args.query[-1]):
        args.bundle = Path(args.query.pop())
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
        label = hit.title if out.is_terminal else _whole_title(corpus, hit)
        table.add_row(
            hit.kind, plain(shown_key(hit.id)), hit.field, f"{hit.score:.0f}", plain(label)
        )
    print_table(out, table)
    return EXIT_OK


def _whole_title(corpus: Corpus, hit: Hit) -> str:
    """A hit's label uncut, for a pipe or a file: the reference's title, the claim's text."""
    if hit.kind == "reference" and (ref := corpus.reference(hit.id)) is not None:
        return f"{ref.short} — {ref.title}" if ref.title else hit.title
    if hit.kind == "claim" and (claim := corpus.claim(hit.id)) is not None:
        return clean(claim.text)
    return hit.title


#: Suffixes of the files a bundle can be named by (see peertui.core.bundle.load).
BUNDLE_SUFFIXES = (".bib", ".yaml", ".yml", ".md", ".markdown")


def names_a_bundle(word: str) -> bool:
    """True when a search word is an existing bundle file or a directory holding a .bib: such a
    word is the bundle to search, not a word to search for."""
    path = Path(word)
    try:
        if path.is_dir():
            return any(path.glob("*.bib"))
        return path.suffix.lower() in BUNDLE_SUFFIXES and path.is_file()
    except OSError:
        return False


def run_export(args: argparse.Namespace) -> int:
    """Render the claim-evidence table; write it atomically to -o, or print it."""
    from peertui.core.export.atomic import write_atomic
    from peertui.core.export.choice import (
        choose_format,
        default_format,
        export_summary,
        only_references,
    )
    from peertui.core.export.tables import render

    choose_format(args.output, args.fmt)  # a wrong extension fails before anything is read
    corpus = load_from_args(args)
    fmt = choose_format(args.output, args.fmt, default_format(corpus))
    claims: list[Claim] | None = None
    if args.query:
        from peertui.core.search.engine import SearchIndex
        from peertui.core.search.selection import SELECTION_LIMIT, selected_claims

        index = SearchIndex(corpus)
        if corpus.claims:
            claims = selected_claims(corpus, index, args.query)
        else:  # a library: the references the search found
            hits = index.search(args.query, limit=SELECTION_LIMIT)
            corpus = only_references(corpus, {h.id for h in hits if h.kind == "reference"})
    text = render(corpus, fmt, claims)
    if args.output is None:
        sys.stdout.write(text)
        return EXIT_OK
    write_atomic(args.output, text, inputs=corpus.paths.values())
    print(f"wrote {args.output} ({fmt}, {export_summary(corpus, fmt, claims)})", file=sys.stderr)
    return EXIT_OK


def run_numbers(args: argparse.Namespace) -> int:
    """Every quantity the article states, and which claim lists it; exit 1 when a claim does
    not list a quantity its own text states."""
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
        print_table(out, table)
        unaccounted = sum(not f.listed for f in found)
        out.print(f"{plural(len(found), 'quantity')}, {unaccounted} unaccounted")
    # As in check: a quantity no claim holds is a warning; one its claim does not list, an error.
    return EXIT_PROBLEMS if any(f.claim_id and not f.listed for f in found) else EXIT_OK


def _plain_number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def run_show(args: argparse.Namespace) -> int:
    """One claim or reference with its links."""
    from peertui.render.claim import render_claim, render_reference

    corpus = load_from_args(args)
    out = console()
    wanted = args.id.strip()
    claim = corpus.claim(wanted) or _by_folded(corpus.claims, "id", wanted)
    ref = corpus.reference(wanted) or _by_folded(corpus.references, "key", wanted)
    if ref is None and wanted.isdigit():
        ref = corpus.reference_by_number(int(wanted))
    if claim is not None:
        out.print(render_claim(corpus, claim))
        if ref is not None:  # the claim hides it: say so
            shown = printable(shown_key(wanted))
            print(
                f"peertui: note: '{shown}' also names the reference "
                f"'{printable(shown_key(ref.key))}', not shown: a claim's id comes first",
                file=sys.stderr,
            )
        return EXIT_OK
    if ref is not None:
        out.print(render_reference(corpus, ref))
        return EXIT_OK
    from peertui.core.suggest import did_you_mean

    names = [*(c.id for c in corpus.claims), *(r.key for r in corpus.references)]
    hint = did_you_mean(wanted, names)
    print(f"peertui: no claim or reference {printable(repr(wanted))}{hint}", file=sys.stderr)
    return EXIT_PROBLEMS


def _by_folded(items: Sequence[T], attribute: str, wanted: str) -> T | None:
    """The one item whose `attribute` equals `wanted` but for case ("c05" is C05), else None."""
    folded = wanted.casefold()
    found = [item for item in items if getattr(item, attribute).casefold() == folded]
    return found[0] if len(found) == 1 else None


def _check_arguments(parser: argparse.ArgumentParser) -> None:
    add_target(parser)
    parser.add_argument("--json", action="store_true", help="problems as JSON")


def _search_arguments(parser: argparse.ArgumentParser) -> None:
    parser.usage = "peertui search [-h] [options] QUERY... [BUNDLE]"
    parser.epilog = (
        "A last word that names an existing .bib, claims .yaml, article .md or a bundle "
        "directory is the bundle to search: peertui search knuth tugboat.bib"
    )
    parser.add_argument("query", nargs="+", help="words and qualifiers (author:, year:, ...)")
    parser.add_argument("--json", action="store_true", help="hits as JSON")
    parser.add_argument("--limit", type=int, default=20, metavar="N", help="at most N hits")


def _export_arguments(parser: argparse.ArgumentParser) -> None:
    add_target(parser)
    add_output(parser, tuple(FORMATS), "csv (bib for a library without claims)")
    parser.add_argument("--query", metavar="Q", help="only the claims this search finds")


def _numbers_arguments(parser: argparse.ArgumentParser) -> None:
    add_target(parser)
    parser.add_argument("--json", action="store_true", help="as JSON")


def _show_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("id", help="claim id, reference key or citation number")
    add_target(parser)


COMMANDS = (
    Command(
        "check",
        "Verify the bundle: exit 0 clean or warnings only, 1 errors found, 2 unusable input.",
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
