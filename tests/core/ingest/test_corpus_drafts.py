"""Drafts of the shared corpus's real articles: 0 errors from `verify`, scores at their targets.

The corpus lies beside the repository (`../shared/corpus`); without it these tests skip.
"""

from __future__ import annotations

import pytest

from bench.bench_ingest import FORMS, Tally, corpus_dir, draft, scorer
from peertui.core.analysis.verify import verify
from peertui.core.bundle.load import load_bundle

CORPUS = corpus_dir()
pytestmark = pytest.mark.skipif(CORPUS is None, reason="the shared corpus is not beside the repo")


@pytest.mark.parametrize("form", list(FORMS))
def test_every_article_drafts_without_errors_and_meets_the_targets(form, tmp_path) -> None:
    assert CORPUS is not None
    name, (f1, found, fields) = FORMS[form]
    score = scorer(CORPUS).score
    tally = Tally()
    for article in sorted((CORPUS / "articles").iterdir()):
        target = tmp_path / article.name
        draft(article / name, target)
        corpus = load_bundle(target)
        errors = [p for p in corpus.problems + verify(corpus) if p.severity == "error"]
        assert errors == [], (article.name, errors[:3])
        assert corpus.claims and all(c.kind == "draft" for c in corpus.claims)
        tally.add(score(article / "gold.json", target))
    assert tally.f1 >= f1
    assert tally.found_share >= found
    assert tally.fields_share >= fields


def test_pdfs_find_the_reference_strings(tmp_path) -> None:
    assert CORPUS is not None
    score = scorer(CORPUS).score
    tally = Tally()
    for folder in sorted((CORPUS / "pdf").iterdir()):
        draft(folder / "article.pdf", tmp_path / folder.name)
        corpus = load_bundle(tmp_path / folder.name)
        assert [p for p in corpus.problems + verify(corpus) if p.severity == "error"] == []
        tally.add(score(folder / "gold.json", tmp_path / folder.name))
    assert tally.found_share >= 0.85
