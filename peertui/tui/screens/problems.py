"""Every problem met loading and verifying the bundle; choosing one shows the claim it concerns."""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from peertui.core.analysis.findings import failing, tally
from peertui.core.models import Problem
from peertui.core.plural import counted
from peertui.core.sanitize import clean
from peertui.tui.formatting import problem_content
from peertui.tui.screens.base import PeerScreen
from peertui.tui.widgets.panes import PickList


def summary(problems: list[Problem]) -> str:
    """ "2 errors, 1 warning, 3 findings" (only the severities present)."""
    counts = tally(problems)
    return counted(((n, sev) for sev, n in counts.items()), skip_zero=True)


def headline(problems: list[Problem]) -> str:
    """What the list holds, in words; "every check passed" only when nothing was found."""
    if not problems:
        return "No problems: every file loaded and every check passed."
    if failing(problems):
        return f"{summary(problems)}. Enter shows the claim or the entry a problem concerns."
    return (
        f"No errors or warnings. {summary(problems)}: where the article's sources or the "
        "published record say otherwise. Enter shows the claim a finding concerns."
    )


class ProblemsScreen(PeerScreen):
    """A list of the loading problems and the verification problems."""

    VIEW = "problems"
    HELP_TITLE = "Problems"

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "back", "Back", id="problems.back")]

    def compose(self) -> ComposeResult:
        problems = self.peer.all_problems
        yield self.view_bar()
        text = headline(problems)
        if self.peer.claims_unreadable:
            name = clean(self.peer.corpus.paths["claims"].name)
            text = (
                f"No claim could be read from {name}, so the Claims view is missing; the "
                "article and the references are shown. Fix what is listed below: peertui "
                f"reads {name} again when it changes (or press ctrl+r).\n\n{text}"
            )
        yield Static(Content(text), id="problems-summary")
        if problems:
            yield PickList(
                *(Option(problem_content(p)) for p in problems),
                title="Problem list",
                id="problem-list",
            )
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        for listed in self.query(OptionList):
            listed.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        problem = self.peer.all_problems[event.option_index]
        claim_id = self._claim_of(problem)
        if claim_id is not None:
            self.peer.show_claim(claim_id)
        elif (key := self._entry_of(problem)) is not None:
            self.peer.show_reference(key)
        else:
            self.notify("This problem concerns no single claim or entry.", severity="information")

    def _entry_of(self, problem: Problem) -> str | None:
        """The bib entry a problem names ("entry 'dup1' ..."), else the one its line is in."""
        corpus = self.peer.corpus
        for named in re.findall(r"'([^'\s]+)'", problem.message):
            if corpus.reference(named) is not None:
                return str(named)
        bib = corpus.paths.get("bib")
        if problem.line is None or bib is None or not str(bib).endswith(problem.file):
            return None
        starts = sorted((r.line, r.key) for r in corpus.references if r.line is not None)
        at = bisect_right(starts, (problem.line, "\uffff")) - 1
        return starts[at][1] if at >= 0 else None

    def _claim_of(self, problem: Problem) -> str | None:
        """The claim a problem was filed under (see formatting.claim_marks), if any."""
        for claim_id, found in self.peer.marks.items():
            if any(p is problem for p in found):
                return claim_id
        return None

    def action_back(self) -> None:
        """Return to the screen shown before this one."""
        self.peer.back()
