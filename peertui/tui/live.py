"""The app keeps its bundle live: it notices when the bundle's files change and reads them
again, keeping the current claim selected; it says what is open and what is wrong with it."""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.app import App
from textual.screen import Screen

from peertui.core.analysis.findings import FAILING
from peertui.core.bundle.reload import file_stamps
from peertui.core.models import Corpus, Problem
from peertui.core.plural import plural
from peertui.core.sanitize import clean
from peertui.tui.formatting import corpus_title

if TYPE_CHECKING:
    from peertui.core.bundle.reload import Stamp

#: The blank mode the app stands on while its views are built again.
STANDBY = "standby"
#: Seconds between two looks at the bundle's files (a stat each).
POLL_SECONDS = 1.0


class LiveBundle(App[None]):
    """The reloading half of the app (PeerApp supplies the corpus, views and `_take`)."""

    corpus: Corpus
    all_problems: list[Problem]
    _stamps: dict[str, Stamp]
    #: How many reloads have been shown (tests wait on it).
    reloads = 0

    @property
    def views(self) -> list[str]:
        """The views the corpus offers (see PeerApp.views)."""
        raise NotImplementedError

    @property
    def start_view(self) -> str:
        """The view the app opens on (see PeerApp.start_view)."""
        raise NotImplementedError

    @property
    def claims_unreadable(self) -> bool:
        """True when the bundle has a claims file but no claim could be read from it."""
        return "claims" in self.corpus.paths and not self.corpus.claims

    def _take(self, corpus: Corpus, problems: list[Problem]) -> None:
        """Make `corpus` the one shown (see PeerApp._take)."""
        raise NotImplementedError

    def watch_files(self) -> None:
        """Start looking at the bundle's files (from the app's mount)."""
        self._stamps = file_stamps(self.corpus.paths)
        self.set_interval(POLL_SECONDS, self.check_files)

    def _announce(self, reloaded: bool = False) -> None:
        """Name what is open in the title, and say what problems it has."""
        from peertui.tui.screens.problems import summary

        self.title = "peertui"
        self.sub_title = corpus_title(self.corpus)
        problems = [p for p in self.all_problems if p.severity in FAILING]
        if self.claims_unreadable:
            name = self.corpus.paths["claims"].name
            self.notify(
                f"No claim could be read from {clean(name)}: the article and the references "
                "are shown. Press p for what is wrong; the claims return once it is fixed.",
                title=f"{clean(name)} is broken",
                severity="error",
                timeout=12,
            )
        elif problems:
            errors = any(p.severity == "error" for p in problems)
            self.notify(
                f"{summary(self.all_problems)}. Press p to list them.",
                title=plural(len(problems), "problem") + " in this bundle",
                severity="error" if errors else "warning",
                timeout=8,
            )
        elif reloaded:
            self.notify("Reloaded: no problems.", timeout=3)

    def check_files(self) -> None:
        """Read the bundle again when one of its files has changed (one stat per file)."""
        stamps = file_stamps(self.corpus.paths)
        if stamps != self._stamps:
            self._stamps = stamps
            self.action_reload()

    def action_reload(self) -> None:
        """Read the bundle's files again, keeping the current claim selected."""
        self._read_again(dict(self.corpus.paths))

    @work(thread=True, exclusive=True, group="reload", exit_on_error=False)
    def _read_again(self, paths: dict[str, Path]) -> None:
        from peertui.core.bundle.reload import read_again
        from peertui.core.errors import UnusableInput

        try:
            corpus, problems = read_again(paths)
        except (UnusableInput, OSError) as error:
            self.call_from_thread(
                self.notify, clean(str(error)), title="Not reloaded", severity="error"
            )
            return
        self.call_from_thread(self._reloaded, corpus, problems)

    async def _reloaded(self, corpus: Corpus, problems: list[Problem]) -> None:
        """Show the corpus read again: every view is built anew on it, the current one too."""
        from peertui.tui.app import view_screen

        mode = self.current_mode
        old = self.views
        self._take(corpus, problems)
        self._stamps = file_stamps(corpus.paths)
        views = self.views
        # A mode's first screen cannot be swapped in place: stand on a blank one meanwhile.
        self.add_mode(STANDBY, Screen)
        await self.switch_mode(STANDBY)
        for view in old:
            await self.remove_mode(view)
        for view in views:
            self.add_mode(view, partial(view_screen, view))
        await self.switch_mode(mode if mode in views else self.start_view)
        await self.remove_mode(STANDBY)
        self.reloads += 1
        self._announce(reloaded=True)
