"""Inputs that are not regular files are refused at once, never waited on or read without end;
a bundle's own file that is a FIFO or a link to nothing is reported; the checked bundle
parses the very bytes it digested (peertui.core.safeio and its callers)."""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path

import pytest

from peertui.cli.main import main
from peertui.core.bundle.load import default_bundle_dir
from peertui.core.cache import checked
from peertui.core.safeio import NotReadable, read_regular


@pytest.fixture
def bundle(tmp_path: Path) -> Path:
    return Path(shutil.copytree(default_bundle_dir(), tmp_path / "bundle"))


def _check(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(["check", *args])
    return code, capsys.readouterr().err


@pytest.mark.parametrize("option", ["--bib", "--claims", "--article"])
def test_a_fifo_given_as_an_input_is_refused_at_once(
    tmp_path: Path, bundle: Path, option: str, capsys: pytest.CaptureFixture[str]
) -> None:
    fifo = tmp_path / "input"
    os.mkfifo(fifo)  # no writer: opening it for reading the usual way would wait for ever
    code, err = _check(["--bundle", str(bundle), option, str(fifo)], capsys)
    assert (code, err) == (2, f"peertui: {fifo}: is not a regular file (a FIFO)\n")


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_a_device_that_never_ends_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    code, err = _check(["--bib", "/dev/zero"], capsys)
    assert (code, err) == (2, "peertui: /dev/zero: is not a regular file (a character device)\n")


@pytest.mark.skipif(os.geteuid() != 0, reason="making a device node needs root")
def test_a_device_node_in_a_bundle_is_refused(
    bundle: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    claims = bundle / "claims.yaml"
    claims.unlink()
    os.mknod(claims, 0o644 | stat.S_IFCHR, os.makedev(1, 5))  # /dev/zero's numbers
    code, err = _check([str(bundle)], capsys)
    assert (code, err) == (2, f"peertui: {claims}: is not a regular file (a character device)\n")


def test_a_fifo_or_dangling_link_in_a_bundle_is_reported(
    bundle: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    claims = bundle / "claims.yaml"
    claims.unlink()
    claims.symlink_to(bundle / "gone.yaml")
    code, err = _check([str(bundle)], capsys)
    assert (code, err) == (2, f"peertui: {claims}: is a symbolic link to nothing (no such file)\n")
    claims.unlink()
    os.mkfifo(claims)
    code, err = _check([str(bundle)], capsys)
    assert (code, err) == (2, f"peertui: {claims}: is not a regular file (a FIFO)\n")


def test_a_bundle_folder_that_cannot_be_searched_is_unusable(
    bundle: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from peertui.core.bundle import load as bundle_module

    def refuse(path: object) -> list[str]:
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(bundle_module.os, "listdir", refuse)
    code, err = _check([str(bundle)], capsys)
    expected = f"peertui: {bundle}: bundle directory cannot be searched (permission denied)\n"
    assert (code, err) == (2, expected)


def test_a_read_stops_at_its_bound(tmp_path: Path) -> None:
    path = tmp_path / "big.bib"
    path.write_bytes(b"x" * 100)
    assert read_regular(path, limit=100)[0] == b"x" * 100
    with pytest.raises(NotReadable, match="is too large"):
        read_regular(path, limit=99)
    link = tmp_path / "link"
    link.symlink_to(path)
    with pytest.raises(NotReadable, match="is a symbolic link"):
        read_regular(link, follow=False)


def test_the_checked_bundle_parses_the_bytes_it_digested(
    bundle: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A save between the digest and the parse must not be stored under the old digest."""
    monkeypatch.setenv("PEERTUI_CACHE_DIR", str(tmp_path / "cache"))
    claims = bundle / "claims.yaml"
    old = claims.read_bytes()
    new = old.replace(b"skyrocketed", b"SKYROCKETED")
    real = checked.read_file_bytes

    def read_then_save(path: Path) -> bytes:
        data = real(path)
        if path == claims:
            claims.write_bytes(new)  # the editor saves just after peertui read the file
        return data

    monkeypatch.setattr(checked, "read_file_bytes", read_then_save)
    corpus, _ = checked.load_checked(bundle)
    monkeypatch.undo()
    assert "SKYROCKETED" not in repr(corpus.claims)  # what was digested is what was read
    claims.write_bytes(old)  # undo back to the old bytes: the entry must be the old reading
    corpus, _ = checked.load_checked(bundle)
    assert "SKYROCKETED" not in repr(corpus.claims)
    claims.write_bytes(new)
    corpus, _ = checked.load_checked(bundle)
    assert "SKYROCKETED" in repr(corpus.claims)
