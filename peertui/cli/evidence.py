"""Sub-commands on the evidence behind the article: effects, the outcome matrix, its figures.

Each computes once in the core (crosscheck, matrix, figure) and renders: Rich text on a
terminal, JSON, Markdown or CSV for files and pipes.
"""

from __future__ import annotations

import argparse
import sys

from rich.padding import Padding

from peertui.cli.command import Command, add_output, add_target
from peertui.cli.loading import load_from_args
from peertui.cli.output import EXIT_OK, EXIT_PROBLEMS, console, print_json, print_table
from peertui.core.analysis.crosscheck import CI_METHODS, EffectComparison, compare_effects
from peertui.core.analysis.effects import Estimate
from peertui.core.analysis.verdicts import source_text
from peertui.core.export.tables import json_number
from peertui.core.models import Corpus, SourceResult
from peertui.core.plural import plural
from peertui.render.effects import effects_table
from peertui.render.text import plain

MATRIX_FORMATS = {"table": "", "md": ".md", "csv": ".csv"}
#: File extensions -> the matrix format written into them (a table is for terminals only).
MATRIX_SUFFIXES = {".md": "md", ".markdown": "md", ".csv": "csv"}


# --- effects --------------------------------------------------------------------------------


def _result_heading(corpus: Corpus, result: SourceResult) -> str:
    outcome = corpus.outcome_label(result.outcome) if result.outcome else ""
    parts = [p for p in (outcome, result.timepoint) if p]
    head = result.label or outcome or result.id
    if outcome.casefold() == head.casefold():
        parts = parts[1:]
    return f"{head} ({', '.join(parts)})" if parts else head


def run_effects(args: argparse.Namespace) -> int:
    """Every source result with counts or a reported estimate: computed beside reported."""
    from peertui.core.labels import cited_label

    corpus = load_from_args(args)
    comparisons = compare_effects(corpus)
    if args.json:
        payload = {
            "methods": CI_METHODS,
            "comparisons": [comparison_to_dict(corpus, c) for c in comparisons],
        }
        print_json(payload)
        return EXIT_OK
    out = console()
    if not comparisons:
        out.print("no source results with counts or estimates in this bundle")
        return EXIT_OK
    for c in comparisons:
        study = corpus.study(c.study_id)
        where = [cited_label(corpus, c.key), study.label if study else ""]
        if c.claim_ids:
            where.append("claims " + ", ".join(c.claim_ids))
        out.print(plain(" · ".join(w for w in where if w), "bold"))
        out.print(plain(_result_heading(corpus, c.result)))
        for arm in c.result.arms:
            if arm.has_counts:
                counts = f"{arm.events}/{arm.total}"
            else:
                counts = "no count" if arm.events is None else plural(arm.events, "event")
            share = f"{100 * arm.events / arm.total:.1f}%" if arm.has_counts else ""
            out.print(plain(f"  {arm.label:<34} {counts:>9}  {share}"))
        if c.computed is not None:
            out.print(Padding(effects_table(c.computed, c.reported), (0, 0, 0, 2), expand=False))
        out.print(plain(c.explanation, "dim"))
        for what, record in (("result", c.result), ("estimate", c.reported)):
            if record is not None and record.source:
                said = source_text(record.status, record.source, record.source_kind)
                out.print(plain(f"  {what}: {said}", "dim"))
        out.print()
    out.print(
        plain(
            "Methods: "
            + "; ".join(f"{name}: {method}" for name, method in CI_METHODS.items())
            + ". Computed figures are crude: from the counts alone, unadjusted.",
            "dim",
        )
    )
    return EXIT_OK


def _estimate_dict(estimate: Estimate | None) -> dict[str, object] | None:
    if estimate is None:
        return None
    return {k: json_number(getattr(estimate, k)) for k in ("value", "low", "high")}


def comparison_to_dict(corpus: Corpus, comparison: EffectComparison) -> dict[str, object]:
    """One EffectComparison as plain JSON data."""
    result, computed, reported = comparison.result, comparison.computed, comparison.reported
    data: dict[str, object] = {
        "reference": comparison.key,
        "study": comparison.study_id,
        "claims": list(comparison.claim_ids),
        "result": {
            "id": result.id,
            "outcome": result.outcome,
            "outcome_label": corpus.outcome_label(result.outcome) if result.outcome else "",
            "timepoint": result.timepoint,
            "label": result.label,
            "finding": result.finding,
            "arms": [
                {
                    "label": a.label,
                    "events": a.events,
                    "total": a.total,
                    "reported_percent": a.percent,
                }
                for a in result.arms
            ],
            "status": result.status,
            "source": result.source,
            "source_kind": result.source_kind,
            "note": result.note,
        },
        "computed": None,
        "reported": None,
        "explanation": comparison.explanation,
    }
    if computed is not None:
        data["computed"] = {
            "crude": True,
            "odds_ratio": _estimate_dict(computed.odds_ratio),
            "risk_ratio": _estimate_dict(computed.risk_ratio),
            "risk_difference": _estimate_dict(computed.risk_difference),
            "nnt": {
                "value": json_number(computed.nnt),
                "low": json_number(computed.nnt_low),
                "high": json_number(computed.nnt_high),
                "spans_zero": computed.nnt_spans_zero,
            },
            "p": json_number(computed.p_value),
        }
    if reported is not None:
        data["reported"] = {
            "measure": reported.measure,
            "value": reported.value,
            "low": reported.low,
            "high": reported.high,
            "p": reported.p,
            "p_relation": reported.p_relation,
            "status": reported.status,
            "source": reported.source,
            "source_kind": reported.source_kind,
            "note": reported.note,
        }
    return data


# --- matrix ---------------------------------------------------------------------------------


def run_matrix(args: argparse.Namespace) -> int:
    """The outcome matrix as a Rich table, Markdown or CSV; written atomically with -o."""
    from peertui.core.analysis.matrix import matrix_csv, matrix_markdown, outcome_matrix
    from peertui.core.export.atomic import write_atomic
    from peertui.core.export.choice import choose_format
    from peertui.render.matrix import matrix_table

    fmt = choose_format(args.output, args.fmt, "table", MATRIX_SUFFIXES)
    corpus = load_from_args(args)
    matrix = outcome_matrix(corpus)
    if fmt == "table":
        if args.output is not None:
            print("peertui: -o needs --format md or csv", file=sys.stderr)
            return EXIT_PROBLEMS
        out = console()
        if not matrix.outcomes:
            out.print("no outcomes in this bundle's claims")
            return EXIT_OK
        print_table(out, matrix_table(matrix))
        return EXIT_OK
    text = matrix_markdown(matrix) if fmt == "md" else matrix_csv(matrix)
    if args.output is None:
        sys.stdout.write(text)
        return EXIT_OK
    write_atomic(args.output, text, inputs=corpus.paths.values())
    print(
        f"wrote {args.output} ({fmt}, {plural(len(matrix.outcomes), 'outcome')})", file=sys.stderr
    )
    return EXIT_OK


# --- figure ---------------------------------------------------------------------------------


def run_figure(args: argparse.Namespace) -> int:
    """Draw each figure the sources' data can redraw; exit 1 when there is none."""
    from peertui.core.analysis.figure import figures
    from peertui.render.figure import render_figure

    corpus = load_from_args(args)
    found = [f for f in figures(corpus) if args.figure is None or f.number == args.figure]
    out = console()
    if not found:
        which = "no figure" if args.figure is None else f"figure {args.figure}:"
        print(f"peertui: {which} has no source data to redraw it from", file=sys.stderr)
        return EXIT_PROBLEMS
    for index, figure in enumerate(found):
        if index:
            out.print()
        out.print(render_figure(figure, width=min(out.width, 100)))
    return EXIT_OK


def _effects_arguments(parser: argparse.ArgumentParser) -> None:
    add_target(parser)
    parser.add_argument("--json", action="store_true", help="as JSON")


def _matrix_arguments(parser: argparse.ArgumentParser) -> None:
    add_target(parser)
    add_output(parser, tuple(MATRIX_FORMATS), "table")


def _figure_arguments(parser: argparse.ArgumentParser) -> None:
    add_target(parser)
    parser.add_argument(
        "--figure", "-n", type=int, metavar="N", help="only figure N (default: every figure)"
    )


COMMANDS = (
    Command(
        "effects",
        "Effect sizes computed from the sources' counts per arm, beside what each source reports.",
        run_effects,
        _effects_arguments,
    ),
    Command(
        "matrix",
        "The outcome × study grid of the article's claims; gaps are empty.",
        run_matrix,
        _matrix_arguments,
    ),
    Command(
        "figure",
        "The article's figures redrawn from their sources' data.",
        run_figure,
        _figure_arguments,
    ),
)
