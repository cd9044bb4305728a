"""`peertui init` over the shared corpus of real articles: scores per input form, and times.

Every article of `../shared/corpus/articles/` is drafted from each of its forms (JATS XML, plain
text, Markdown) and each PDF of `pdf/`; each draft is scored with the corpus's own
`score_bundle.py`. Scores are micro-averaged: linking over all (claim, reference) pairs of all
articles, references found over all gold references, fields over all paired references. Times
are whole processes against the interpreter importing what every command needs. Without the
corpus (a clone without `../shared`), no row is produced.

`PEERTUI_EXTRA_ARTICLES=DIR` scores a further set of articles the same way, in rows of their
own: each `DIR/NAME/article.xml` (JATS), with `article.txt`, `article.md` and `gold.json` made
from it by `bench.jats_gold` where they are missing. The corpus's scorer is still needed.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

from bench.process import environment
from bench.report import Options, Row, median

BASELINE = "import yaml, bibtexparser, rapidfuzz"
#: form -> (file name in each article's folder, targets: linking F1, found, fields)
FORMS = {
    "JATS XML": ("article.xml", (0.97, 0.98, 0.95)),
    "plain text": ("article.txt", (0.90, 0.95, 0.85)),
    "Markdown": ("article.md", (0.90, 0.95, 0.85)),
}
PDF_TARGET = 0.85


def corpus_dir() -> Path | None:
    """The shared corpus beside the repository (or PEERTUI_CORPUS), if it is there."""
    default = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
    path = Path(os.environ.get("PEERTUI_CORPUS") or default)
    return path if (path / "score_bundle.py").is_file() else None


def scorer(corpus: Path) -> ModuleType:
    """The corpus's score_bundle.py, imported from where it lies."""
    spec = importlib.util.spec_from_file_location("score_bundle", corpus / "score_bundle.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def draft(source: Path, target: Path) -> None:
    """`peertui init SOURCE -o TARGET --force`, in this process."""
    from peertui.core.ingest.draft import draft_bundle
    from peertui.core.ingest.read import read_source
    from peertui.core.ingest.write import write_bundle

    made = draft_bundle(read_source(source))
    files = {
        "article.md": made.article_md,
        "references.bib": made.references_bib,
        "claims.yaml": made.claims_yaml,
    }
    write_bundle(target, files, force=True)


@dataclass
class Tally:
    """Micro-averaged scores over several drafts."""

    gold: int = 0
    found: int = 0
    fields: float = 0.0
    tp: int = 0
    fp: int = 0
    fn: int = 0
    failures: list[str] = field(default_factory=list)

    def add(self, result: dict) -> None:
        paired = round(result["references_found"] * result["references_gold"])
        self.gold += result["references_gold"]
        self.found += paired
        self.fields += result["fields"] * paired
        self.tp += result["link_tp"]
        self.fp += result["link_fp"]
        self.fn += result["link_fn"]

    @property
    def found_share(self) -> float:
        return self.found / self.gold if self.gold else 0.0

    @property
    def fields_share(self) -> float:
        return self.fields / self.found if self.found else 0.0

    @property
    def f1(self) -> float:
        return 2 * self.tp / (2 * self.tp + self.fp + self.fn) if self.tp else 0.0


def extra_dir() -> Path | None:
    """The folder of further articles named by PEERTUI_EXTRA_ARTICLES, gold made where missing."""
    value = os.environ.get("PEERTUI_EXTRA_ARTICLES")
    if not value:
        return None
    from bench.jats_gold import make

    folder = Path(value)
    for article in sorted(folder.iterdir()) if folder.is_dir() else []:
        names = ("article.txt", "article.md", "gold.json")
        if (article / "article.xml").is_file() and not all((article / n).is_file() for n in names):
            make(article / "article.xml", article)
    return folder if folder.is_dir() else None


def score_form(corpus: Path, name: str, work: Path, articles: Path | None = None) -> Tally:
    """Draft every article of `articles` (the corpus's by default) from its `name` file."""
    score = scorer(corpus).score
    tally = Tally()
    folder = articles if articles is not None else corpus / "articles"
    for article in sorted(folder.iterdir()):
        source = article / name
        if not source.is_file() or not (article / "gold.json").is_file():
            continue
        target = work / f"{folder.name}-{article.name}-{source.suffix[1:]}"
        try:
            draft(source, target)
        except Exception as error:  # a failure is a score of zero, and said
            tally.failures.append(f"{article.name}: {error}")
            gold = json.loads((article / "gold.json").read_text("utf-8"))
            tally.gold += len(gold["references"])
            tally.fn += sum(len(m.get("rids") or []) for m in gold["citations"])
            continue
        tally.add(score(article / "gold.json", target))
    return tally


def _seconds(argv: list[str], repeat: int) -> float:
    env = environment()
    # One untimed run fills the bytecode cache, and shows the command works: a command that
    # fails at once would otherwise be timed as fast.
    subprocess.run(argv, capture_output=True, check=True, env=env)
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(argv, capture_output=True, check=False, env=env)
        times.append(time.perf_counter() - start)
    return median(times)


def run(options: Options) -> list[Row]:
    corpus = corpus_dir()
    if corpus is None:
        print("bench: ingest: no corpus beside the repository; skipped", file=sys.stderr)
        return []
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="peertui-ingest-") as tmp:
        work = Path(tmp)
        rows += _form_rows(corpus, work, None, "")
        extra = extra_dir()
        if extra is not None:
            rows += _form_rows(corpus, work, extra, f" (extra: {extra.name})")
        rows.append(_pdf_row(corpus, work))
        rows += _timings(corpus, work, 3 if options.quick else 7)
    return rows


def _form_rows(corpus: Path, work: Path, articles: Path | None, label: str) -> list[Row]:
    """Linking, references found and fields for each form of one set of articles."""
    rows: list[Row] = []
    for form, (name, (f1, found, fields)) in FORMS.items():
        tally = score_form(corpus, name, work, articles)
        note = f"{len(tally.failures)} failed" if tally.failures else ""
        for failure in tally.failures:
            print(f"bench: ingest: {form}{label}: {failure}", file=sys.stderr)
        rows += [
            Row(
                f"init {form}{label}: citation linking F1",
                100 * tally.f1,
                "%",
                target=100 * f1,
                at_least=True,
                note=note,
            ),
            Row(
                f"init {form}{label}: references found",
                100 * tally.found_share,
                "%",
                target=100 * found,
                at_least=True,
            ),
            Row(
                f"init {form}{label}: fields agree",
                100 * tally.fields_share,
                "%",
                target=100 * fields,
                at_least=True,
            ),
        ]
    return rows


def _pdf_row(corpus: Path, work: Path) -> Row:
    score = scorer(corpus).score
    tally = Tally()
    for folder in sorted((corpus / "pdf").iterdir()):
        target = work / f"pdf-{folder.name}"
        try:
            draft(folder / "article.pdf", target)
        except Exception as error:
            print(f"bench: ingest: PDF {folder.name}: {error}", file=sys.stderr)
            continue
        tally.add(score(folder / "gold.json", target))
    gold = sum(
        len(json.loads((f / "gold.json").read_text("utf-8"))["references"])
        for f in (corpus / "pdf").iterdir()
    )
    return Row(
        f"init PDF: reference strings found ({gold} in 2 PDFs)",
        100 * tally.found / gold if gold else 0.0,
        "%",
        target=100 * PDF_TARGET,
        at_least=True,
    )


def _timings(corpus: Path, work: Path, repeat: int) -> list[Row]:
    python = sys.executable
    baseline = _seconds([python, "-c", BASELINE], repeat)
    rows = [Row(f"python -c '{BASELINE}'", baseline)]
    articles = sorted((corpus / "articles").iterdir())
    largest = max(articles, key=lambda a: (a / "article.xml").read_bytes().count(b"<ref "))
    refs = (largest / "article.xml").read_bytes().count(b"<ref ")
    for label, name in (("XML", "article.xml"), ("text", "article.txt")):
        argv = [
            python,
            "-m",
            "peertui",
            "init",
            str(largest / name),
            "-o",
            str(work / f"timed-{name}"),
            "--force",
        ]
        seconds = _seconds(argv, repeat)
        rows.append(
            Row(
                f"peertui init, {refs}-reference article ({label}), whole process",
                seconds,
                baseline=baseline,
                target=5.0,
                target_ratio=True,
            )
        )
    pdf = _ten_pages(corpus, work)
    argv = [python, "-m", "peertui", "init", str(pdf), "-o", str(work / "timed-pdf"), "--force"]
    rows.append(
        Row(
            "peertui init, 10-page PDF (the corpus PDFs' pages), whole process",
            _seconds(argv, repeat),
            target=5.0,
        )
    )
    return rows


def _ten_pages(corpus: Path, work: Path) -> Path:
    """A 10-page PDF of real articles' pages: the corpus PDFs' pages, in order, up to ten."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for folder in sorted((corpus / "pdf").iterdir()):
        for page in PdfReader(folder / "article.pdf").pages:
            if len(writer.pages) < 10:
                writer.add_page(page)
    target = work / "ten-pages.pdf"
    with target.open("wb") as handle:
        writer.write(handle)
    return target
