"""What reaches standard output and error: never a traceback, whatever state they are in.

`prepare` runs before a command prints anything:

- a standard stream the shell closed (`>&-`, `2>&-`) gets /dev/null under its descriptor, so
  no file peertui opens later can take the number 1 or 2 and receive output meant for the
  terminal; a closed stdout then refuses every write (the command exits non-zero, quietly),
  a closed stderr swallows messages (which Python would otherwise print to stdout);
- an encoding that cannot hold every character (`PYTHONIOENCODING=ascii`, a latin-1 locale)
  writes "?" for what it cannot hold, instead of failing.

`output_failed` tells the CLI's guard that an error came from writing the output (a full disk,
/dev/full, a closed stream); `SafeArgumentParser` sends argparse's usage errors, which echo
what was typed, through the same sanitiser as everything else.
"""

from __future__ import annotations

import argparse
import codecs
import contextlib
import errno
import io
import os
import sys
from typing import IO

from peertui.core.sanitize import printable

#: Exit code when the output cannot be written (sysexits' EX_IOERR).
EXIT_OUTPUT = 74


class _Closed(io.TextIOBase):
    """Standard output the shell closed: every write fails, as writing to fd 1 would."""

    encoding = "utf-8"

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        raise OSError(errno.EBADF, "standard output is closed")

    def isatty(self) -> bool:
        return False

    def fileno(self) -> int:
        raise OSError(errno.EBADF, "standard output is closed")


class _Watched:
    """Standard output, noting whether a write to it failed (the guard asks `output_failed`);
    everything else is the stream's own."""

    def __init__(self, stream: IO[str]) -> None:
        self._stream = stream
        self.failed = False

    def write(self, text: str) -> int:
        try:
            return self._stream.write(text)
        except (OSError, ValueError):
            self.failed = True
            raise

    def flush(self) -> None:
        try:
            self._stream.flush()
        except (OSError, ValueError):
            self.failed = True
            raise

    def __getattr__(self, name: str) -> object:
        return getattr(self._stream, name)


def prepare() -> None:
    """Make the standard streams safe to write to (see the module's docstring)."""
    for fd, name in ((0, "stdin"), (1, "stdout"), (2, "stderr")):
        try:
            os.fstat(fd)
        except OSError:
            _fill(fd)
            if name == "stdout":
                sys.stdout = _Closed()
            elif name == "stderr":
                sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115
    for stream in (sys.stdout, sys.stderr):
        _tolerant(stream)
    if sys.stdout is not None and not isinstance(sys.stdout, _Watched):
        sys.stdout = _Watched(sys.stdout)  # type: ignore[assignment]


def _fill(fd: int) -> None:
    """Put /dev/null under the closed descriptor `fd`."""
    with contextlib.suppress(OSError):
        opened = os.open(os.devnull, os.O_RDWR)
        if opened != fd:
            os.dup2(opened, fd)
            os.close(opened)


def _tolerant(stream: IO[str] | None) -> None:
    """A stream whose encoding is not a Unicode one writes "?" for what it cannot hold."""
    encoding = getattr(stream, "encoding", None)
    if stream is None or not encoding or not hasattr(stream, "reconfigure"):
        return
    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        return
    if not name.startswith("utf"):
        with contextlib.suppress(ValueError, OSError):
            stream.reconfigure(errors="replace")


def output_failed() -> bool:
    """True when writing standard output failed (a full disk, /dev/full, a closed stream):
    what an OSError raised while a command ran then came from."""
    stream = sys.stdout
    return isinstance(stream, _Closed) or (isinstance(stream, _Watched) and stream.failed)


def say(message: str) -> None:
    """One line on standard error, if it can take it; nothing else is tried."""
    with contextlib.suppress(OSError, ValueError):
        print(printable(message), file=sys.stderr, flush=True)


class SafeArgumentParser(argparse.ArgumentParser):
    """argparse, with its messages (usage errors quote what was typed) made printable."""

    def _print_message(self, message: str, file: IO[str] | None = None) -> None:
        if message:
            with contextlib.suppress(OSError, ValueError):
                super()._print_message(printable(message), file)
