"""`peertui init SOURCE`: a draft bundle from any article (JATS, TEI, text, Markdown, PDF).

Kept apart from the other sub-commands: it reads articles rather than bundles, and it never
imports Textual.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from peertui.cli.command import Command
from peertui.cli.output import EXIT_OK
from peertui.core.sanitize import printable


def _arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("source", type=Path, metavar="SOURCE", help="the article file")
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="DIR",
        help="where to write the bundle (default: beside SOURCE, named after it)",
    )
    parser.add_argument("--force", action="store_true", help="replace the draft already in DIR")
    parser.add_argument("--json", action="store_true", help="the summary as JSON")


def default_target(source: Path) -> Path:
    """DIR when none is given: beside SOURCE, named after it (`paper.xml` -> `paper/`)."""
    target = source.with_suffix("")
    return target if target != source else source.with_name(source.name + ".bundle")


def run_init(args: argparse.Namespace) -> int:
    """Read, draft, write, summarise; UnusableInput propagates to the CLI's guard (exit 2)."""
    from peertui.core.ingest.draft import draft_bundle
    from peertui.core.ingest.read import read_source
    from peertui.core.ingest.write import write_bundle

    source: Path = args.source
    bar = _progress_bar()
    try:
        doc = read_source(source, bar)
    finally:
        if bar is not None:
            bar.close()
    draft = draft_bundle(doc)
    target = args.output or default_target(source)
    files = {
        "article.md": draft.article_md,
        "references.bib": draft.references_bib,
        "claims.yaml": draft.claims_yaml,
    }
    write_bundle(target, files, force=args.force)
    summary = draft.summary
    if args.json:
        report = {"source": str(source), "form": doc.form, "bundle": str(target)}
        print(json.dumps(report | summary.as_dict(), ensure_ascii=False, indent=2))
        return EXIT_OK
    lines = [
        f"Drafted {target} from {source} ({doc.form})",
        f"  {summary.claims} claims ({summary.cited_claims} citing references), "
        f"{summary.numbers} numbers",
        f"  {summary.references} references parsed",
        f"  {summary.markers} citation markers: {summary.linked} linked, "
        f"{summary.unresolved} unresolved",
    ]
    if summary.look_at:
        lines.append(f"Needs a human look ({len(summary.look_at)}):")
        lines += [f"  - {item}" for item in summary.look_at[:20]]
        if len(summary.look_at) > 20:
            lines.append(f"  … and {len(summary.look_at) - 20} more (--json lists them all)")
    lines.append(f"Every claim is `kind: draft`. Next: peertui check {target}; peertui {target}")
    print(printable("\n".join(lines)))
    return EXIT_OK


def _progress_bar():
    """The loading bar on a terminal's standard error, never into a pipe."""
    if not sys.stderr.isatty():
        return None
    from peertui.cli.loading import ProgressBar

    return ProgressBar("Reading the PDF")


COMMANDS = (
    Command(
        "init",
        "Draft a bundle (article.md, references.bib, claims.yaml) from an article: JATS or "
        "TEI XML, plain text, Markdown or PDF, recognised by content.",
        run_init,
        _arguments,
    ),
)
