"""Every check of a loaded bundle, in one list: the one answer the command line's `check`, the
app's Problems screen and the claim marks all give."""

from __future__ import annotations

from collections.abc import Sequence

from peertui.core.models import Corpus, Problem

#: Severities in the order they are listed; a finding never makes a check fail.
SEVERITIES = ("error", "warning", "finding")
#: What marks a claim or a bundle as having problems (a finding only says the sources differ).
FAILING = frozenset({"error", "warning"})


def check_bundle(corpus: Corpus) -> list[Problem]:
    """What verifying the files against each other finds (errors and warnings), then what the
    article's sources and the published record contradict (the sources file's own problems,
    then findings). The loaders' problems are in `corpus.problems`."""
    from peertui.core.analysis.crosscheck import cross_check
    from peertui.core.analysis.verify import verify

    return [*verify(corpus), *cross_check(corpus)]


def failing(problems: Sequence[Problem]) -> bool:
    """Whether any problem is an error or a warning (findings are facts about the article)."""
    return any(p.severity in FAILING for p in problems)


def fails_check(problems: Sequence[Problem]) -> bool:
    """Whether `peertui check` fails: an error only. A warning (what BibTeX itself only warns
    about, such as a duplicate field; a quantity no claim holds) is printed but passes, so a
    stock library or a bundle of a few claims checks clean."""
    return any(p.severity == "error" for p in problems)


def tally(problems: Sequence[Problem]) -> dict[str, int]:
    """How many problems of each severity, every severity named."""
    return {s: sum(p.severity == s for p in problems) for s in SEVERITIES}
