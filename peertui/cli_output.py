"""How the CLI prints: Rich on a terminal, whole values into pipes and files.

A terminal gets tables fitted to its width; a pipe or a file gets every cell whole (a key cut
to "cook2012a_wrap_psychservi…" cannot be pasted back into `peertui show`), without styles.
"""

from __future__ import annotations

import io
import sys

from rich.console import Console
from rich.table import Table

#: Wide enough for any cell a bundle holds on one line.
_UNLIMITED = 1_000_000


def console() -> Console:
    """A console that never reads data as markup and fits pipes."""
    return Console(highlight=False, soft_wrap=not sys.stdout.isatty())


def print_table(out: Console, table: Table) -> None:
    """`table` on `out`: fitted on a terminal, every cell whole and unstyled elsewhere."""
    if out.is_terminal:
        out.print(table)
        return
    for column in table.columns:
        column.no_wrap, column.overflow = True, "ignore"
    buffer = io.StringIO()
    Console(file=buffer, width=_UNLIMITED, highlight=False, color_system=None).print(table)
    out.file.write("".join(line.rstrip() + "\n" for line in buffer.getvalue().splitlines()))
