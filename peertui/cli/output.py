"""What every sub-command prints with: one console, JSON, exit codes."""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING

from peertui.core.sanitize import json_safe

if TYPE_CHECKING:
    from rich.console import Console

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
