"""The exceptions both front ends turn into a one-line message and exit code 2."""

from __future__ import annotations

from pathlib import Path


class UnusableInput(Exception):
    """A file the bundle needs cannot be used at all (missing, a directory, unreadable).

    The message reads `path: what is wrong`; the CLI exits with code 2 on it.
    """

    def __init__(self, path: Path | str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = Path(path)
        self.reason = reason


class ExportError(Exception):
    """An export that could not be written; the message reads `path: reason`."""
