"""Loading the corpus the command line names, with a progress bar on a terminal.

Every sub-command and the app load through `load_from_args`, so all of them show the same bar
while a large library is read, on standard error and only when that is a terminal: piped or
redirected output never receives it.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from peertui.core.bundle.load import load_bundle
from peertui.core.models import Corpus, Problem

T = TypeVar("T")

#: A load shorter than this shows no bar at all.
QUIET_SECONDS = 0.3


class ProgressBar:
    """A progress callback that draws a transient Rich bar once a load proves slow."""

    def __init__(self, label: str) -> None:
        self.label = label
        self._started = time.monotonic()
        self._progress = None
        self._task = None

    def __call__(self, share: float) -> None:
        if self._progress is None:
            if share >= 1.0 or time.monotonic() - self._started < QUIET_SECONDS:
                return
            from rich.console import Console
            from rich.progress import BarColumn, Progress, TaskProgressColumn, TimeElapsedColumn

            self._progress = Progress(
                "[progress.description]{task.description}",
                BarColumn(),
                TaskProgressColumn(),
                TimeElapsedColumn(),
                console=Console(stderr=True, highlight=False),
                transient=True,
            )
            self._progress.start()
            self._task = self._progress.add_task(self.label, total=1.0)
        self._progress.update(self._task, completed=share)

    def close(self) -> None:
        """Remove the bar, if one was drawn."""
        if self._progress is not None:
            self._progress.stop()


def load_from_args(args: argparse.Namespace, target: Path | None = None) -> Corpus:
    """The corpus `args` names (`target` overrides `args.bundle`), with a bar on a terminal."""
    return _with_bar(load_bundle, args, target)


def open_from_args(
    args: argparse.Namespace, target: Path | None = None, *, cached: bool = True
) -> tuple[Corpus, list[Problem]]:
    """The corpus `args` names and every problem found in it (`peertui.core.opening`)."""
    from functools import partial

    from peertui.core.opening import open_bundle

    return _with_bar(partial(open_bundle, cached=cached), args, target)


def _with_bar(load: Callable[..., T], args: argparse.Namespace, target: Path | None) -> T:
    bar = ProgressBar("Reading the library") if sys.stderr.isatty() else None
    try:
        return load(
            target or args.bundle,
            bib=args.bib,
            claims=args.claims,
            article=args.article,
            progress=bar,
        )
    finally:
        if bar is not None:
            bar.close()
