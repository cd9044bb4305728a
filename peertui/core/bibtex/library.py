"""BibTeX -> Reference: macros expanded, LaTeX decoded, every broken block reported by line.

bibtexparser only splits the file here (an empty parse stack); bibreader turns its blocks into
References. Macro expansion (bibscan) and LaTeX decoding (latex) are done by peertui because
bibtexparser's LatexDecodingMiddleware decodes every field of every entry and is an order of
magnitude slower than the split on large libraries, while most fields hold no LaTeX at all.
Its split is checked against BibTeX's own rules (bibscan): an entry it got wrong is read
again, and its line numbers are not trusted.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from peertui.core.cache.store import BibCache
from peertui.core.gcpause import paused_gc
from peertui.core.models import Problem, Reference
from peertui.core.textutil import read_file_bytes, text_of

if TYPE_CHECKING:
    from bibtexparser.model import Block

__all__ = ["BibRead", "Progress", "load_bib", "parse_bib", "read_bib"]

#: Called with the share of a parse done so far, from 0 to 1.
Progress = Callable[[float], None]
#: The share of a parse's time bibtexparser's split takes; the rest is turning blocks into
#: References.
SPLIT_SHARE = 0.6
_PROGRESS_STEP = 2000


def parse_bib(
    text: str, filename: str, progress: Progress | None = None
) -> tuple[list[Reference], list[Problem]]:
    """Every well-formed entry of `text` as a Reference, plus one Problem per bad block.

    `progress`, when given, is called from time to time with the share done so far (0 to 1).
    """
    # Imported here: a library read back from the cache needs neither.
    from peertui.core.bibtex.read import BlockReader

    reader = BlockReader(text, filename)
    with paused_gc():  # the split and the References are millions of objects, none garbage
        blocks = _split(text, progress)
        # Iterators, which let go of the blocks once read: a call into pylatexenc leaves
        # cycles that hold every frame up its stack, and `read` must not keep them all alive.
        if progress is None:
            reader.read(iter(blocks))
        else:
            for start in range(0, len(blocks), _PROGRESS_STEP):
                reader.read(iter(blocks[start : start + _PROGRESS_STEP]))
                done = min(1.0, (start + _PROGRESS_STEP) / len(blocks))
                progress(SPLIT_SHARE + (1 - SPLIT_SHARE) * done)
        # Freed while the collector is off: its first pass once back on walks every object
        # made since it stopped, and the blocks are most of them.
        del blocks
    if progress is not None:
        progress(1.0)
    macros = reader.macros.problem(filename)
    if macros is not None:
        reader.problems.append(macros)
    if not reader.references and not reader.problems:
        what = "only @string definitions" if reader.strings else "no entries"
        reader.problems.append(Problem(filename, None, f"{what} in this file", "warning"))
    return reader.references, reader.problems


def _split(text: str, progress: Progress | None) -> list[Block]:
    """bibtexparser's split (all `parse_string` does with an empty parse stack).

    With `progress`, a thread reads the splitter's line count while the one call runs; should
    a later bibtexparser rename that counter, the bar only stands still.
    """
    import logging

    from bibtexparser.splitter import Splitter

    # The splitter logs every aborted block; we report them as Problems, so keep stderr quiet
    # unless the application configures logging itself.
    quiet = logging.getLogger("bibtexparser")
    if not quiet.handlers:
        quiet.addHandler(logging.NullHandler())
    splitter = Splitter(bibstr=text)
    if progress is None:
        return splitter.split().blocks
    lines = text.count("\n") + 1
    done = threading.Event()

    def watch() -> None:
        while not done.wait(0.1):
            line = getattr(splitter, "_current_line", 0)
            if isinstance(line, int):
                progress(SPLIT_SHARE * min(1.0, max(0, line) / lines))

    watcher = threading.Thread(target=watch, name="bib-progress", daemon=True)
    watcher.start()
    try:
        return splitter.split().blocks
    finally:
        done.set()
        watcher.join()


def load_bib(path: Path, progress: Progress | None = None) -> tuple[list[Reference], list[Problem]]:
    """Read and parse a .bib file, through the cache when it is large (see
    peertui.core.cache.store).

    Raises UnusableInput when it cannot be read at all.
    """
    references, problems, _ = read_bib(path, progress)
    return references, problems


#: What `read_bib` returns: the references, the problems met and the digest of the bytes read.
BibRead = tuple[list[Reference], list[Problem], str | None]


def read_bib(path: Path, progress: Progress | None = None) -> BibRead:
    """`load_bib`, and the digest of the bytes read when the file is large enough to cache."""
    probe, cached = BibCache.look_up(path, str(path))
    if probe is not None and cached is not None:
        return (*cached, probe.digest)
    data = read_file_bytes(path)
    cache = BibCache.of(path, data)  # the digest of the very bytes parsed
    digest = None if cache is None else cache.digest
    text, problems = text_of(data, path)
    references, more = parse_bib(text, str(path), progress)
    problems += more
    if cache is not None:
        cache.write(references, problems)
    return references, problems, digest
