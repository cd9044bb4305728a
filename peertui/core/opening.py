"""The one way in for both front ends: read a bundle, check it, and keep both in the cache."""

from __future__ import annotations

from pathlib import Path

from peertui.core.bibtex.library import Progress
from peertui.core.models import Corpus, Problem


def open_bundle(
    target: Path | None = None,
    *,
    bib: Path | None = None,
    claims: Path | None = None,
    article: Path | None = None,
    progress: Progress | None = None,
    cached: bool = True,
) -> tuple[Corpus, list[Problem]]:
    """The bundle's corpus and every problem found in it: the loaders', then `check_bundle`'s.

    With `cached` the reading and the checks come from the cache while the bundle's files and
    peertui are unchanged (the app); without, everything is read and checked afresh (`check`).
    """
    if cached:
        from peertui.core.cache.checked import load_checked

        corpus, checks = load_checked(
            target, bib=bib, claims=claims, article=article, progress=progress
        )
    else:
        from peertui.core.analysis.findings import check_bundle
        from peertui.core.bundle.load import load_bundle

        corpus = load_bundle(target, bib=bib, claims=claims, article=article, progress=progress)
        checks = check_bundle(corpus)
    return corpus, [*corpus.problems, *checks]
