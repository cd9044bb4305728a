"""The CLI's sub-commands: each loads the corpus, computes once in the core, and renders."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from rich.console import Console
from rich.table import Table
from rich.text import Text

from peertui.cli_output import print_table
from peertui.core.models import Claim, Corpus, Problem, Reference, format_number
from peertui.core.plural import counted, plural
from peertui.core.sanitize import json_safe, printable
from peertui.loading import load_from_args

if TYPE_CHECKING:
    from peertui.core.crosscheck import NumberCheck

EXIT_OK, EXIT_PROBLEMS, EXIT_UNUSABLE = 0, 1, 2
T = TypeVar("T")


def configure(command: str, parser: argparse.ArgumentParser) -> None:
    """Add the arguments of one of this module's sub-commands."""
    if command in ("check", "export", "numbers"):
        parser.add_argument(
            "target", nargs="?", type=Path, metavar="BUNDLE", help="bundle directory or .bib"
        )
    if command == "search":
        parser.usage = "peertui search [-h] [options] QUERY... [BUNDLE]"
        parser.epilog = (
            "A last word that names an existing .bib, claims .yaml, article .md or a bundle "
            "directory is the bundle to search: peertui search knuth tugboat.bib"
        )
    if command == "check":
        parser.description = (
            "Verify the bundle: exit 0 clean or warnings only, 1 errors found, 2 unusable input."
        )
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
            help="default: from -o's extension, else csv (bib for a library without claims)",
        )
        parser.add_argument("-o", "--output", type=Path, metavar="FILE", help="default: stdout")
        parser.add_argument("--query", metavar="Q", help="only the claims this search finds")
    elif command == "numbers":
        parser.description = "Every quantity the article states, and the claim that holds it."
        parser.add_argument("--json", action="store_true", help="as JSON")
    elif command == "show":
        parser.description = "One claim (by id) or reference (by key or citation number)."
        parser.add_argument("id", help="claim id, reference key or citation number")
        parser.add_argument(
            "target", nargs="?", type=Path, metavar="BUNDLE", help="bundle directory or .bib"
        )


def _console(stderr: bool = False) -> Console:
    """A console that never interprets data as markup and fits pipes."""
    return Console(stderr=stderr, highlight=False, soft_wrap=not sys.stdout.isatty())


def _t(value: object, style: str = "") -> Text:
    """Data from a file as Rich text: control characters dropped, markup never read."""
    return Text(printable(str(value)), style=style)


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

    Warnings (what BibTeX itself only warns about, a quantity no claim accounts for) and
    findings (what the article's sources contradict) are printed too, but never fail the check.
    """
    from peertui.core.crosscheck import cross_check
    from peertui.core.verify import verify

    corpus = load_from_args(args)
    problems: list[Problem] = [*corpus.problems, *verify(corpus), *cross_check(corpus)]
    failing = [p for p in problems if p.severity == "error"]
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
    summary = counted((tally[s], s) for s in ("error", "warning", "finding"))
    out.print(_t(f"{_counts(corpus)}: {summary} — {verdict}"))
    return EXIT_PROBLEMS if failing else EXIT_OK


def run_search(args: argparse.Namespace) -> int:
    """Ranked hits for the query, as a table or JSON."""
    from peertui.core.search import SearchIndex

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
    print_table(out, table)
    return EXIT_OK


#: Suffixes of the files a bundle can be named by (see peertui.core.bundle).
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
    from peertui.core.export import render, write_atomic
    from peertui.core.exportchoice import (
        choose_format,
        default_format,
        export_summary,
        only_references,
    )

    choose_format(args.output, args.fmt)  # a wrong extension fails before anything is read
    corpus = load_from_args(args)
    fmt = choose_format(args.output, args.fmt, default_format(corpus))
    claims: list[Claim] | None = None
    if args.query:
        from peertui.core.search import SearchIndex

        hits = SearchIndex(corpus).search(args.query, limit=10_000)
        if corpus.claims:
            claims = claims_of_hits(corpus, hits)
        else:  # a library: the references the search found
            corpus = only_references(corpus, {h.id for h in hits if h.kind == "reference"})
    text = render(corpus, fmt, claims)
    if args.output is None:
        sys.stdout.write(text)
        return EXIT_OK
    write_atomic(args.output, text)
    print(f"wrote {args.output} ({fmt}, {export_summary(corpus, fmt, claims)})", file=sys.stderr)
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
    """Every quantity the article states, and which claim lists it; exit 1 when a claim does
    not list a quantity its own text states."""
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
        print_table(out, table)
        unaccounted = sum(not f.listed for f in found)
        out.print(f"{plural(len(found), 'quantity')}, {unaccounted} unaccounted")
    # As in check: a quantity no claim holds is a warning; one its claim does not list, an error.
    return EXIT_PROBLEMS if any(f.claim_id and not f.listed for f in found) else EXIT_OK


def _plain_number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def run_show(args: argparse.Namespace) -> int:
    """One claim or reference with its links."""
    corpus = load_from_args(args)
    out = _console()
    wanted = args.id.strip()
    claim = corpus.claim(wanted) or _by_folded(corpus.claims, "id", wanted)
    if claim is not None:
        out.print(render_claim(corpus, claim))
        return EXIT_OK
    ref = corpus.reference(wanted) or _by_folded(corpus.references, "key", wanted)
    if ref is None and wanted.isdigit():
        ref = corpus.reference_by_number(int(wanted))
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
        from peertui.core.verdicts import NOT_CHECKED, claim_verdicts

        out.append("Numbers (each checked against what the cited sources report)\n")
        for check, said in claim_verdicts(corpus, claim):
            n = check.number
            out.append_text(_t(f"  {n.display_value} {n.unit} ({n.role}) — “{n.quote}”\n"))
            out.append("    sources: ", style="dim")
            out.append_text(_t(said, "yellow" if said.startswith("differs") else ""))
            why = "" if said == NOT_CHECKED else f" — {check.explanation}"
            out.append_text(_t(f"{why}\n"))
            if said.startswith("differs"):
                out.append_text(_source_facts(corpus, check))
    if claim.outcomes:
        out.append("Outcomes\n")
        for o in claim.outcomes:
            when = ", ".join(o.timepoints) or "timepoint not stated"
            study = corpus.study(o.study)
            where = study.label if study else o.study
            out.append_text(_t(f"  {corpus.outcome_label(o.id)}: {o.direction} @ {when}"))
            out.append_text(_t(f" vs {o.comparator}" if o.comparator else ""))
            out.append_text(_t(f" ({where})\n" if where else "\n"))
    if claim.notes:
        out.append_text(_t(f"Notes: {claim.notes}\n"))
    return out


def _source_facts(corpus: Corpus, check: NumberCheck) -> Text:
    """Each source fact a differing number was compared with: value, reference, status, where
    it was seen, and whether that is a secondary source (a copy or report of the record)."""
    from peertui.core.sources import reference_label
    from peertui.core.verdicts import source_text

    out = Text()
    for cited in (*check.reported, *check.matches):
        fact = cited.fact
        value = " ".join(p for p in (fact.display_value, fact.unit) if p)
        where = source_text(fact.status, fact.source or "no source", fact.source_kind)
        out.append_text(_t(f"      • {value} · {reference_label(corpus, cited.key)} · {where}\n"))
    return out


def render_reference(corpus: Corpus, ref: Reference) -> Text:
    """A reference's record, unverified fields marked, and the claims citing it."""
    out = Text()
    from peertui.core.citation import citation_text

    out.append(f"[{ref.number}] " if ref.number else "", style="bold")
    out.append_text(_t(f"{ref.key}\n"))
    cited = citation_text(ref, tags=True)
    if cited:
        out.append_text(_t(f"{cited}\n"))
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
