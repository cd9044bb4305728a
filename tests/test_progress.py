"""The loading bar: drawn on a terminal's standard error, never into a pipe."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

ENTRY = "@article{{k{n}, author = {{Doe, Jane}}, title = {{Title {n}}}, year = {{2001}}}}\n"


@pytest.fixture(scope="module")
def big_bib(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A library that takes well over a second to read."""
    path = tmp_path_factory.mktemp("big") / "big.bib"
    path.write_text("".join(ENTRY.format(n=n) for n in range(40_000)), encoding="utf-8")
    return path


def peertui(*args: str) -> list[str]:
    return [sys.executable, "-m", "peertui", *args]


ENV = {**os.environ, "PEERTUI_CACHE_DIR": "off", "COLUMNS": "100"}


def test_a_terminal_sees_the_bar_on_stderr(big_bib: Path) -> None:
    leader, follower = pty.openpty()
    try:
        done = subprocess.run(
            peertui("check", "--bib", str(big_bib)),
            stdout=subprocess.PIPE,
            stderr=follower,
            env=ENV,
            timeout=120,
            check=False,
        )
        os.close(follower)
        follower = -1
        shown = b""
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:
                break
            if not chunk:
                break
            shown += chunk
    finally:
        if follower >= 0:
            os.close(follower)
        os.close(leader)
    assert done.returncode == 0
    assert b"Reading the library" in shown
    assert b"Reading the library" not in done.stdout


def test_a_pipe_gets_no_bar(big_bib: Path) -> None:
    done = subprocess.run(
        peertui("check", "--bib", str(big_bib)),
        capture_output=True,
        text=True,
        env=ENV,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0
    assert "Reading" not in done.stderr and "Reading" not in done.stdout
