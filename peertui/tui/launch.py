"""Opening the app, and the collector's start-up policy, in one place.

Starting up (importing Textual, loading, building the first screen) makes objects that stay;
collections walking them were 15 ms or more of it. So the collector is off from before
Textual's import until the app's first frame, and what exists by then is frozen. After that
frame a small corpus is handed back to the collector as it is; a large one is collected once
and frozen, since every later full collection would walk it (0.3 s at 100,000 references,
set off by re-sorting the table or typing a search).

This module imports nothing of Textual: `launch` imports the app only once the collector is off.
"""

from __future__ import annotations

import gc
from collections.abc import Callable

from peertui.core.models import Corpus, Problem

#: From this many references and claims on, a corpus counts as large.
LARGE_CORPUS = 5000


def launch(load: Callable[[], tuple[Corpus, list[Problem]]]) -> None:
    """Load the data and run the app, the collector off until the first frame."""
    gc.disable()
    try:
        corpus, problems = load()
        from peertui.tui.app import PeerApp

        PeerApp(corpus, problems).run()
    finally:  # the app stopped before its first frame, or has ended
        gc.unfreeze()
        gc.enable()


def hold_collector() -> None:
    """Until the first frame, leave alone what exists now (modules, the corpus)."""
    gc.freeze()


def settle_collector(size: int) -> None:
    """After the first frame: the collector back on, a large corpus collected once and frozen."""
    gc.unfreeze()
    gc.enable()
    if size >= LARGE_CORPUS:
        gc.collect()
        gc.freeze()
