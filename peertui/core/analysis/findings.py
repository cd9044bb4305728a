"""Every check of a loaded bundle, in one list: the one answer the command line's `check`, the
app's Problems screen and the claim marks all give."""

from __future__ import annotations

from collections.abc import Sequence

from peertui.core.models import Corpus, Problem

#: Severities in the order they are listed; a finding never makes a check fail.
SEVERITIES = ("error", "warning", "finding")
FAILING = frozenset({"error", "warning"})


def check_bundle(corpus: Corpus) -> list[Problem]:
    """What verifying the files against each other finds (errors and warnings), then what the
    article's sources and the published record contradict (the sources file's own problems,
    then findings). The loaders' problems are in `corpus.problems`."""
    from peertui.core.analysis.crosscheck import cross_check
    from peertui.core.analysis.verify import verify

    return [*verify(corpus), *cross_check(corpus)]


def failing(problems: Sequence[Problem]) -> bool:
    """Whether any problem is an error or a warning (findings never fail a check)."""
    return any(p.severity in FAILING for p in problems)


def tally(problems: Sequence[Problem]) -> dict[str, int]:
    """How many problems of each severity, every severity named."""
    return {s: sum(p.severity == s for p in problems) for s in SEVERITIES}
