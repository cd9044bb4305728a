"""`python -m bench.ingest_text_eval [CORPUS] [--verbose]`: the text route against the corpus.

Runs `read_text` over every article.txt and article.md of the corpus (default
`../shared/corpus` from the repository root) and every PDF's pdftotext output, and compares
with the gold files: references found (paired with the gold `raw` strings as score_bundle.py
pairs them), field agreement (score_bundle.py's own rules), and marker linking at the marker
level: precision, recall and F1 over (marker, reference) pairs, a drafted marker matching a
gold one when their spans overlap in article.txt (Markdown paragraphs are aligned to it on
their letters and digits). No peertui UI is imported.
"""

from __future__ import annotations

import importlib.util
import json
import re
import sys
import time
import unicodedata
from pathlib import Path

from peertui.core.ingest.model import Document, PrintedRef
from peertui.core.ingest.text import read_text

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"
_TAG = re.compile(r"<[^<>]{1,12}>")


def load_scorer(corpus: Path):
    spec = importlib.util.spec_from_file_location("score_bundle", corpus / "score_bundle.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


def _fields(ref: PrintedRef) -> dict[str, str]:
    """The BibTeX fields a draft would write for `ref`, as score_bundle.py reads them."""
    authors = " and ".join(f"{f}, {g}" if g else f for f, g in ref.authors)
    return {
        "printed": ref.printed,
        "author": authors,
        "year": ref.year,
        "title": ref.title,
        "journal": ref.container,
        "volume": ref.volume,
        "pages": ref.pages,
        "doi": ref.doi,
    }


def _fold_index(text: str) -> tuple[str, list[int]]:
    """Letters and digits of `text` (tags skipped), folded, with their offsets."""
    skip = [False] * len(text)
    for m in _TAG.finditer(text):
        for i in range(m.start(), m.end()):
            skip[i] = True
    out: list[str] = []
    where: list[int] = []
    for i, ch in enumerate(text):
        if skip[i]:
            continue
        for c in unicodedata.normalize("NFKD", ch):
            if c.isalnum() and not unicodedata.combining(c):
                out.append(c.casefold())
                where.append(i)
    return "".join(out), where


def _marker_spans(doc: Document, gold_text: str) -> list[tuple[int, int, set[int], int]]:
    """Each drafted marker's span in the gold text, its targets and unresolved count."""
    norm, where = _fold_index(gold_text)
    cursor = 0
    spans = []
    for para in doc.paragraphs:
        pnorm, pwhere = _fold_index(para.text)
        if len(pnorm) < 8:
            continue
        at = norm.find(pnorm, cursor)
        if at < 0:
            at = norm.find(pnorm)
        if at < 0:
            continue
        cursor = at + len(pnorm)
        for m in para.markers:
            inside = [k for k, w in enumerate(pwhere) if m.start <= w < m.end]
            if not inside:
                continue
            a, b = where[at + inside[0]], where[at + inside[-1]] + 1
            spans.append((a, b, set(m.targets), len(m.unresolved)))
    return spans


def _linking(doc: Document, gold: dict, gold_text: str, pairs: dict[str, int], scorer):
    """(tp_pred, n_pred, tp_gold, n_gold) over (marker, reference) pairs."""
    back = {v: k for k, v in pairs.items()}
    mine = _marker_spans(doc, gold_text)
    golds = [(m["start"], m["end"], scorer.gold_refs_of(m)) for m in gold["citations"]]
    tp_pred = n_pred = tp_gold = n_gold = 0
    for a, b, targets, _ in mine:
        near = set()
        for ga, gb, refs in golds:
            if ga < b + 1 and a < gb + 1:
                near |= refs
        for t in targets:
            n_pred += 1
            tp_pred += back.get(t) in near
    for ga, gb, refs in golds:
        have = set()
        for a, b, targets, _ in mine:
            if ga < b + 1 and a < gb + 1:
                have |= {back.get(t) for t in targets}
        n_gold += len(refs)
        tp_gold += len(refs & have)
    return tp_pred, n_pred, tp_gold, n_gold


def evaluate(path: Path, form: str, gold: dict, gold_text: str, scorer) -> dict:
    """One article file read in one form, scored against its gold file."""
    return evaluate_text(path.read_text(encoding="utf-8"), form, gold, gold_text, scorer, path)


def evaluate_text(
    text: str, form: str, gold: dict, gold_text: str, scorer, path: Path | None = None
) -> dict:
    t0 = time.perf_counter()
    doc = read_text(text, form=form, source=str(path or ""))
    seconds = time.perf_counter() - t0
    drafted = [(i, _fields(r)) for i, r in enumerate(doc.references)]
    pairs = scorer.pair_references(gold["references"], drafted)
    by_id = {r["id"]: r for r in gold["references"]}
    agree = [0, 0]
    per_field: dict[str, list[int]] = {n: [0, 0] for n in scorer.FIELDS}
    for gid, i in pairs.items():
        for name in scorer.FIELDS:
            ok = scorer.field_agrees(name, by_id[gid], drafted[i][1])
            if ok is not None:
                per_field[name][1] += 1
                per_field[name][0] += bool(ok)
                agree[1] += 1
                agree[0] += bool(ok)
    row = {
        "refs_gold": len(gold["references"]),
        "refs_found": len(pairs),
        "refs_drafted": len(doc.references),
        "fields": agree,
        "per_field": per_field,
        "seconds": seconds,
        "doc": doc,
        "pairs": pairs,
    }
    if gold.get("citations"):
        row["link"] = _linking(doc, gold, gold_text, pairs, scorer)
        row["unresolved"] = sum(len(m.unresolved) for p in doc.paragraphs for m in p.markers)
    return row


def _shown(agree: list[int]) -> str:
    """A share as a table cell, "-" where nothing was rated."""
    return f"{_ratio(*agree):6.3f}" if agree[1] else f"{'-':>6}"


def _ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


def main(argv: list[str]) -> int:
    verbose = "--verbose" in argv
    args = [a for a in argv if not a.startswith("--")]
    corpus = Path(args[0]) if args else DEFAULT_CORPUS
    if not (corpus / "score_bundle.py").exists():
        print(f"{corpus}: no corpus here (score_bundle.py missing)", file=sys.stderr)
        return 2
    scorer = load_scorer(corpus)
    totals: dict[str, list[int]] = {}
    print(
        f"{'article':24} {'form':8} {'refs':>9} {'fields':>6} {'P':>5} {'R':>5} {'F1':>5}"
        f" {'unres':>5} {'ms':>6}"
    )
    for folder in sorted((corpus / "articles").iterdir()):
        gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
        gold_text = (folder / "article.txt").read_text(encoding="utf-8")
        for name, form in (("article.txt", "text"), ("article.md", "markdown")):
            row = evaluate(folder / name, form, gold, gold_text, scorer)
            tp_p, n_p, tp_g, n_g = row["link"]
            p, r = _ratio(tp_p, n_p), _ratio(tp_g, n_g)
            f1 = 2 * p * r / (p + r) if p + r else 0.0
            t = totals.setdefault(form, [0] * 8)
            for k, v in enumerate(
                (row["refs_found"], row["refs_gold"], *row["fields"], tp_p, n_p, tp_g, n_g)
            ):
                t[k] += v
            print(
                f"{folder.name[:24]:24} {form:8} {row['refs_found']:>4}/{row['refs_gold']:<4}"
                f" {_ratio(*row['fields']):6.3f} {p:5.2f} {r:5.2f} {f1:5.2f}"
                f" {row['unresolved']:5d} {row['seconds'] * 1000:6.1f}"
            )
            if verbose:
                _explain(row, gold)
    for form, t in totals.items():
        p, r = _ratio(t[4], t[5]), _ratio(t[6], t[7])
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        print(
            f"{'ALL (micro)':24} {form:8} {_ratio(t[0], t[1]):9.3f} {_ratio(t[2], t[3]):6.3f}"
            f" {p:5.2f} {r:5.2f} {f1:5.2f}"
        )
    for route, text_of in _pdf_routes():
        found = total = 0
        for folder in sorted((corpus / "pdf").iterdir()):
            gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
            row = evaluate_text(text_of(folder), "pdf", gold, "", scorer)
            found += row["refs_found"]
            total += row["refs_gold"]
            print(
                f"{folder.name[:24]:24} {route:8} {row['refs_found']:>4}/{row['refs_gold']:<4}"
                f" {_shown(row['fields'])} {'':5} {'':5} {'':5} {'':5}"
                f" {row['seconds'] * 1000:6.1f}"
            )
            if verbose:
                _explain(row, gold)
        print(f"{'ALL (micro)':24} {route:8} {_ratio(found, total):9.3f}")
    return 0


def _pdf_routes():
    """pdftotext's output kept in the corpus, and the project's own PDF reader if present
    (its text through the same `read_text`)."""
    routes = [("pdf-txt", lambda folder: (folder / "article.txt").read_text(encoding="utf-8"))]
    try:
        from peertui.core.ingest.pdf import pdf_text
    except ImportError:
        return routes
    routes.append(("pdf", lambda folder: pdf_text((folder / "article.pdf").read_bytes())))
    return routes


def _explain(row: dict, gold: dict) -> None:
    """Print the gold references not found and the field disagreements."""
    doc: Document = row["doc"]
    for ref in gold["references"]:
        if ref["id"] not in row["pairs"]:
            print(f"    not found: {ref['raw'][:110]}")
    for name, (a, t) in row["per_field"].items():
        if t and a < t:
            print(f"    {name}: {a}/{t}")
    for p in doc.paragraphs:
        for m in p.markers:
            if m.unresolved:
                print(f"    unresolved: {m.unresolved}")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
