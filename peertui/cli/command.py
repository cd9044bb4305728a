"""A sub-command as one small record: its name, its help, its arguments and what it runs."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Command:
    """One sub-command. `add_arguments` adds its own arguments (the input options every
    command takes are added by the caller); `run` does the work and returns the exit code."""

    name: str
    help: str
    run: Callable[[argparse.Namespace], int]
    add_arguments: Callable[[argparse.ArgumentParser], None] = lambda parser: None


def add_target(parser: argparse.ArgumentParser) -> None:
    """The bundle as a positional argument."""
    parser.add_argument(
        "target", nargs="?", type=Path, metavar="BUNDLE", help="bundle directory or .bib"
    )


def add_output(parser: argparse.ArgumentParser, formats: tuple[str, ...], default: str) -> None:
    """--format (one of `formats`; by default from -o's extension, else `default`) and -o."""
    parser.add_argument(
        "--format",
        "-f",
        dest="fmt",
        choices=formats,
        help=f"default: from -o's extension, else {default}",
    )
    parser.add_argument("-o", "--output", type=Path, metavar="FILE", help="default: stdout")
