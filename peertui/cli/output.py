"""What every sub-command prints with: one console, JSON, exit codes."""

from __future__ import annotations

import io
import json
import sys
from typing import TYPE_CHECKING

from peertui.core.sanitize import json_safe

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table

#: Wide enough for any cell a bundle holds on one line.
_UNLIMITED = 1_000_000
#: Exit codes: clean; problems found (or nothing to show); unusable input; an internal error.
EXIT_OK, EXIT_PROBLEMS, EXIT_UNUSABLE, EXIT_INTERNAL = 0, 1, 2, 70


def console(stderr: bool = False) -> Console:
    """A console that never reads data as markup and fits pipes (Rich is imported only now:
    a command that prints no Rich text does without it)."""
    from rich.console import Console

    return Console(stderr=stderr, highlight=False, soft_wrap=not sys.stdout.isatty())


def print_json(data: object) -> None:
    """`data` as indented JSON on standard output, with nothing a terminal could act on."""
    print(json_safe(json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False)))


def print_table(out: Console, table: Table) -> None:
    """`table` on `out`: fitted on a terminal; in a pipe or a file, every cell whole (a key cut
    to "cook2012a_wrap_psychservi…" cannot be pasted back into `peertui show`) and unstyled."""
    if out.is_terminal:
        out.print(table)
        return
    from rich.console import Console

    for column in table.columns:
        column.no_wrap, column.overflow = True, "ignore"
    buffer = io.StringIO()
    Console(file=buffer, width=_UNLIMITED, highlight=False, color_system=None).print(table)
    out.file.write("".join(line.rstrip() + "\n" for line in buffer.getvalue().splitlines()))
