"""Output streams in every state: closed, full, narrow encodings; usage errors and running out
of memory give one line, never a traceback (peertui.cli.streams and the CLI's guard)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from peertui.cli.main import main

UNICODE_BIB = "@article{k, title = {Müller “quoted” → x}, author = {Ünal, A}}\n"


def peertui(
    args: list[str], env: dict[str, str] | None = None, **options: object
) -> subprocess.CompletedProcess[str]:
    """The command as a process (the states of its standard streams are the process's)."""
    return subprocess.run(
        [sys.executable, "-m", "peertui", *args],
        stdout=options.pop("stdout", subprocess.PIPE),
        stderr=subprocess.PIPE,
        encoding="latin-1",  # any bytes: what a narrow encoding writes is checked as bytes
        env={**os.environ, **(env or {})},
        check=False,
        timeout=120,
        **options,  # type: ignore[arg-type]
    )


def test_a_closed_stdout_is_a_quiet_failure() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "peertui", "check"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        check=False,
        timeout=120,
        preexec_fn=lambda: os.close(1),
    )
    assert done.returncode == 74
    assert done.stderr == "peertui: cannot write the output: standard output is closed\n"


def test_a_closed_stderr_never_sends_errors_to_stdout(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "peertui", "check", "--bib", "nowhere"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        check=False,
        timeout=120,
        preexec_fn=lambda: os.close(2),
    )
    assert (done.returncode, done.stdout) == (2, "")


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("command", [["check"], ["search", "peer"], ["export"]])
def test_a_full_stdout_is_one_line_and_a_non_zero_exit(command: list[str]) -> None:
    with open("/dev/full", "w") as full:
        done = peertui(command, stdout=full)
    assert done.returncode == 74
    assert done.stderr == "peertui: cannot write the output: no space left on device\n"


@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
def test_a_narrow_encoding_writes_replacement_characters(tmp_path: Path, encoding: str) -> None:
    bib = tmp_path / "u.bib"
    bib.write_text(UNICODE_BIB, encoding="utf-8")
    for args in (["search", "muller", "--bib", str(bib)], ["show", "k", "--bib", str(bib)]):
        done = peertui(args, env={"PYTHONIOENCODING": encoding})
        assert done.returncode == 0, done.stderr
        assert "Traceback" not in done.stderr
        assert "quoted?" in done.stdout  # the curly quote became "?"


def test_usage_errors_are_sanitised(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["check", "--bogus", "\x1b]0;PWNED\x07"])
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert "unrecognized arguments: --bogus" in err
    assert "\x1b" not in err and "\x07" not in err


def test_running_out_of_memory_is_one_line(
    monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    from peertui.cli import commands

    def exhausted(*args: object, **options: object) -> int:
        raise MemoryError

    monkeypatch.setattr(commands, "open_from_args", exhausted)
    assert main(["check"]) == 70
    out, err = capfd.readouterr()
    assert (out, err) == ("", "peertui: out of memory\n")


def test_an_extension_that_cannot_be_mapped_for_memory_is_out_of_memory(
    monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    """Under `ulimit -v` an import fails as ImportError ("failed to map segment"), not as
    MemoryError: it is the same one line."""
    from peertui.cli import commands

    def unmappable(*args: object, **options: object) -> int:
        raise ImportError("_struct.so: failed to map segment from shared object")

    monkeypatch.setattr(commands, "open_from_args", unmappable)
    assert main(["check"]) == 70
    assert capfd.readouterr() == ("", "peertui: out of memory\n")
