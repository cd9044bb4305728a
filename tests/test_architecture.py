"""The core never imports Textual or Rich; render and the headless sub-commands never Textual.

Every module is found on disk, so a new one is checked without being listed here."""

from __future__ import annotations

import importlib
import pkgutil
import subprocess
import sys

import pytest


def _modules(package: str) -> list[str]:
    """Every module of `package` and its subpackages, found on disk (nothing listed by hand)."""
    root = importlib.import_module(package)
    found = [package]
    for info in pkgutil.walk_packages(root.__path__, prefix=f"{package}."):
        found.append(info.name)
    return sorted(found)


CORE = _modules("peertui.core")
RENDER = _modules("peertui.render")
CLI = _modules("peertui.cli")

#: Imports each module given on the command line with Textual (and, if asked, Rich) refused,
#: and prints the modules whose import was refused.
_PROBE = """
import importlib, sys
refused = set(sys.argv[2].split(","))
class Refuse:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in refused:
            raise ImportError(f"refused: {name}")
sys.meta_path.insert(0, Refuse())
bad = []
for module in sys.argv[1].split(","):
    try:
        importlib.import_module(module)
    except ImportError as error:
        bad.append(f"{module}: {error}")
print("\\n".join(bad))
"""


def _refused(modules: list[str], refused: str) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, ",".join(modules), refused],
        capture_output=True,
        text=True,
        check=True,
    )
    return [line for line in done.stdout.splitlines() if line]


def test_the_packages_are_found() -> None:
    assert "peertui.core.search.engine" in CORE and "peertui.core.cache.checked" in CORE
    assert "peertui.render.matrix" in RENDER and "peertui.cli.commands" in CLI


def test_the_core_imports_neither_textual_nor_rich() -> None:
    assert _refused(CORE, "textual,rich") == []


def test_render_and_the_cli_never_import_textual() -> None:
    assert _refused(RENDER + CLI, "textual") == []


def test_the_probe_refuses_what_it_is_told_to() -> None:
    """Guards the two tests above: a module that imports Rich is reported."""
    assert _refused(["peertui.render.direction"], "rich") != []


def _imports_textual(code: str) -> bool:
    probe = f"{code}\nimport sys\nprint('textual' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return done.stdout.strip().splitlines()[-1] == "True"


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
