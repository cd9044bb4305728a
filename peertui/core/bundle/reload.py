"""Reading a bundle again from the files it was read from, and noticing that they changed.

The app keeps a bundle open all day while its author edits claims.yaml: it compares the files'
stamps (size and modification time, from one stat each, no reading) every second or so, and
reads the bundle again when a stamp differs.
"""

from __future__ import annotations

import os
from pathlib import Path

from peertui.core.models import Corpus, Problem

#: A file's size and modification time in nanoseconds; None when it is missing.
Stamp = tuple[int, int] | None


def file_stamps(paths: dict[str, Path]) -> dict[str, Stamp]:
    """Each file's stamp, by the part it plays ("bib", "claims" ...)."""
    stamps: dict[str, Stamp] = {}
    for role, path in paths.items():
        try:
            found = os.stat(path)
        except OSError:
            stamps[role] = None
        else:
            stamps[role] = (found.st_size, found.st_mtime_ns)
    return stamps


def read_again(paths: dict[str, Path]) -> tuple[Corpus, list[Problem]]:
    """The corpus of the files `paths` name and every problem found in it (the loaders', then
    `check_bundle`'s, as `peertui.core.opening.open_bundle` gives them), read afresh.

    Raises UnusableInput when the .bib can no longer be read at all.
    """
    from peertui.core.analysis.findings import check_bundle
    from peertui.core.bibtex.library import read_bib
    from peertui.core.bundle.load import assemble, read_parts

    corpus = assemble(paths, read_bib(paths["bib"]), read_parts(paths))
    return corpus, [*corpus.problems, *check_bundle(corpus)]
