"""The core and the headless sub-commands never import Textual."""

from __future__ import annotations

import subprocess
import sys

import pytest

CORE_MODULES = [
    "peertui.core.models",
    "peertui.core.bibtex.library",
    "peertui.core.bundle.claims",
    "peertui.core.bundle.article",
    "peertui.core.bundle.load",
    "peertui.core.analysis.extract",
    "peertui.core.analysis.verify",
    "peertui.core.search.engine",
    "peertui.core.export.tables",
    "peertui.cli.commands",
]


def _imports_textual(code: str) -> bool:
    probe = f"{code}\nimport sys\nprint('textual' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return done.stdout.strip().splitlines()[-1] == "True"


@pytest.mark.parametrize("module", CORE_MODULES)
def test_core_module_does_not_import_textual(module: str) -> None:
    assert not _imports_textual(f"import {module}")


@pytest.mark.parametrize(
    "argv",
    [["check"], ["search", "peer"], ["export", "--format", "json"], ["numbers"], ["show", "C01"]],
)
def test_headless_commands_do_not_import_textual(argv: list[str]) -> None:
    code = (
        "import contextlib, io\n"
        "from peertui.cli.main import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    main({argv!r})"
    )
    assert not _imports_textual(code)


def test_the_probe_can_see_textual() -> None:
    """Guards the test above: the probe does report Textual when it is imported."""
    assert _imports_textual("import textual.app")
