"""Command-line entry point: parsing and dispatch. Textual is imported only to open the app."""

from __future__ import annotations

import argparse
import contextlib
import importlib
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from peertui import __version__
from peertui.cli import streams
from peertui.cli.command import Command
from peertui.cli.output import EXIT_INTERNAL, EXIT_OK, EXIT_UNUSABLE

#: Sub-command -> the module whose `COMMANDS` records it: only that module is imported.
GROUPS = {
    "check": "peertui.cli.commands",
    "search": "peertui.cli.commands",
    "export": "peertui.cli.commands",
    "numbers": "peertui.cli.commands",
    "show": "peertui.cli.commands",
    "effects": "peertui.cli.evidence",
    "matrix": "peertui.cli.evidence",
    "figure": "peertui.cli.evidence",
    "init": "peertui.cli.init",
}


def command(name: str) -> Command:
    """The record of sub-command `name`, its module imported now."""
    records = importlib.import_module(GROUPS[name]).COMMANDS
    return next(c for c in records if c.name == name)


def _add_input_options(parser: argparse.ArgumentParser) -> None:
    """The options that pick the data; every sub-command accepts them."""
    group = parser.add_argument_group("input (default: the embedded peer-support article)")
    group.add_argument("--bib", type=Path, metavar="FILE", help="BibTeX references")
    group.add_argument("--claims", type=Path, metavar="FILE", help="claims YAML")
    group.add_argument("--article", type=Path, metavar="FILE", help="article Markdown")
    group.add_argument(
        "-b", "--bundle", type=Path, metavar="PATH", help="bundle directory or a .bib file"
    )
    parser.add_argument("--debug", action="store_true", help="show tracebacks on internal errors")


def build_parser() -> argparse.ArgumentParser:
    """The top-level parser (used for --help and for opening the app)."""
    parser = streams.SafeArgumentParser(
        prog="peertui",
        description="Explore an article's claims, their references, numbers and outcomes.",
        epilog="commands: "
        + ", ".join(GROUPS)
        + " (peertui COMMAND --help for each). With no command, the app opens.",
    )
    parser.add_argument("--version", action="version", version=f"peertui {__version__}")
    parser.add_argument(
        "target",
        nargs="?",
        type=Path,
        metavar="BUNDLE",
        help="a bundle directory or a .bib file (default: the embedded article)",
    )
    _add_input_options(parser)
    return parser


def _command_parser(record: Command) -> argparse.ArgumentParser:
    """The parser of one sub-command: the input options, then the command's own arguments."""
    parser = streams.SafeArgumentParser(prog=f"peertui {record.name}", description=record.help)
    _add_input_options(parser)
    record.add_arguments(parser)
    return parser


def _split(argv: Sequence[str]) -> tuple[list[str], str | None, list[str]]:
    """Split argv into (global part, command, command part) at the first command name."""
    for i, token in enumerate(argv):
        if token in GROUPS:
            return list(argv[:i]), token, list(argv[i + 1 :])
    return list(argv), None, []


def main(argv: Sequence[str] | None = None) -> int:
    """Run peertui; returns the process exit code."""
    argv = list(sys.argv[1:] if argv is None else argv)
    streams.prepare()
    before, name, after = _split(argv)
    top = build_parser().parse_args(before)
    if name is None:
        return _guard(top.debug, lambda: _open_app(top))
    record = command(name)
    args = _command_parser(record).parse_args(after)
    for option in ("bib", "claims", "article", "bundle"):
        if getattr(args, option) is None:
            setattr(args, option, getattr(top, option))
    if args.bundle is None:
        args.bundle = getattr(args, "target", None) or top.target
    args.debug = args.debug or top.debug
    return _guard(args.debug, lambda: record.run(args))


def run() -> None:
    """The `peertui` command: `main`, then a sub-command's process ends without freeing what it
    built, once its output is flushed (a large library is a million objects to free one by one,
    a tenth of a second for nothing)."""
    argv = sys.argv[1:]
    try:
        code = main(argv)
    except (MemoryError, ImportError) as error:  # outside the guard: importing a command
        if isinstance(error, ImportError) and not _out_of_memory(error):
            raise
        os.write(2, _OUT_OF_MEMORY)
        os._exit(EXIT_INTERNAL)
    if _split(argv)[1] is None:
        raise SystemExit(code)  # the app: let the interpreter wind down as usual
    try:
        sys.stdout.flush()
    except BrokenPipeError:  # the reader stopped reading: nothing more can be said
        pass
    except (OSError, ValueError):
        code = code or streams.EXIT_OUTPUT
    with contextlib.suppress(OSError, ValueError):
        sys.stderr.flush()
    os._exit(code)


_OUT_OF_MEMORY = b"peertui: out of memory\n"


def _out_of_memory(error: ImportError) -> bool:
    """An extension module that could not be mapped for want of memory (`ulimit -v`)."""
    text = str(error)
    return "failed to map segment" in text or "cannot allocate memory" in text.lower()


def _guard(debug: bool, run: Callable[[], int]) -> int:
    """Turn unusable input into a one-line message and exit 2; never show a traceback unasked."""
    from peertui.core.errors import ExportError, UnusableInput
    from peertui.core.sanitize import printable

    try:
        code = run()
        sys.stdout.flush()  # a full disk or a closed stdout shows here, not at exit
        return code
    except (UnusableInput, ExportError) as error:
        print(printable(f"peertui: {error}"), file=sys.stderr)
        return EXIT_UNUSABLE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        sys.stderr.close()
        return EXIT_OK
    except MemoryError:
        os.write(2, _OUT_OF_MEMORY)  # no new objects: one line, never a traceback
        return EXIT_INTERNAL
    except ImportError as error:
        if debug or not _out_of_memory(error):
            return _internal(debug, error)
        os.write(2, _OUT_OF_MEMORY)
        return EXIT_INTERNAL
    except OSError as error:
        if debug or not streams.output_failed():
            return _internal(debug, error)
        streams.say(f"peertui: cannot write the output: {(error.strerror or str(error)).lower()}")
        return streams.EXIT_OUTPUT
    except Exception as error:
        return _internal(debug, error)
    finally:
        _cache_notices()


def _internal(debug: bool, error: Exception) -> int:
    """An error peertui did not expect: one line (the traceback with --debug)."""
    from peertui.core.sanitize import printable

    if debug:
        raise error
    print(
        printable(f"peertui: internal error: {type(error).__name__}: {error} (run with --debug)"),
        file=sys.stderr,
    )
    return EXIT_INTERNAL


def _cache_notices() -> None:
    """Say once why the cache was not used (a folder or key another user could write)."""
    trust = sys.modules.get("peertui.core.cache.key")
    for notice in trust.take_notices() if trust is not None else ():
        streams.say(f"peertui: warning: {notice}")


def _open_app(args: argparse.Namespace) -> int:
    """Open the app on the data `args` names (Textual is imported only now)."""
    from functools import partial

    from peertui.cli.loading import open_from_args
    from peertui.tui.launch import launch

    launch(partial(open_from_args, args, args.target))
    return EXIT_OK
