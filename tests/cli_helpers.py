"""Running the `peertui` command line in-process, as the CLI tests share it."""

from __future__ import annotations

import pytest

from peertui.cli.main import main


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """The exit code, standard output and standard error of `peertui ARGV`."""
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err
