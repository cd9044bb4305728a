"""Writing a user's file never loses one: special files, inputs, read-only files, hard links,
ownership and temp files left by a killed writer (peertui.core.export.atomic)."""

from __future__ import annotations

import os
import shutil
import signal
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from peertui.cli.main import main
from peertui.core.bundle.load import default_bundle_dir
from peertui.core.errors import ExportError
from peertui.core.export.atomic import check_target, sweep_temps, write_all, write_atomic

ROOT = os.geteuid() == 0
needs_root = pytest.mark.skipif(not ROOT, reason="device nodes and chown need root")


@pytest.fixture
def bundle(tmp_path: Path) -> Path:
    target = tmp_path / "bundle"
    shutil.copytree(default_bundle_dir(), target)
    return target


def test_a_new_file_and_a_replaced_one_keep_the_usual_rules(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    write_atomic(target, "one\n")
    assert target.read_text() == "one\n"
    target.chmod(0o640)
    write_atomic(target, "two\n")
    assert target.read_text() == "two\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640  # the mode is kept
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]  # no temp file left


@needs_root
def test_a_character_device_is_written_into_never_replaced(tmp_path: Path) -> None:
    device = tmp_path / "null"
    os.mknod(device, 0o666 | stat.S_IFCHR, os.makedev(1, 3))  # /dev/null's numbers
    write_atomic(device, "discarded\n")
    assert stat.S_ISCHR(device.stat().st_mode)
    assert check_target(device).how == "stream"


@needs_root
def test_a_block_device_is_refused(tmp_path: Path) -> None:
    device = tmp_path / "block"
    os.mknod(device, 0o600 | stat.S_IFBLK, os.makedev(7, 200))
    with pytest.raises(ExportError, match="is a block device, not a regular file"):
        write_atomic(device, "x")
    assert stat.S_ISBLK(device.lstat().st_mode)


def test_a_fifo_with_a_reader_is_streamed_into(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # a reader is there: writing may start
    try:
        write_atomic(fifo, "streamed\n")  # fits the pipe's buffer: read back once it is done
        assert os.read(reader, 100) == b"streamed\n"
    finally:
        os.close(reader)
    assert stat.S_ISFIFO(fifo.lstat().st_mode)  # still the FIFO


def test_a_fifo_no_one_reads_is_refused_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(ExportError, match="is a FIFO that no program is reading"):
        write_atomic(fifo, "x")
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


def test_the_commands_inputs_are_never_overwritten(
    bundle: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for name, fmt in (
        ("references.bib", "bib"),  # its own format: the one check left is the input's
        ("claims.yaml", "csv"),
        ("article.md", "md"),
        ("sources.yaml", "json"),
    ):
        before = (bundle / name).read_bytes()
        code = main(["export", "--bundle", str(bundle), "--format", fmt, "-o", str(bundle / name)])
        err = capsys.readouterr().err
        assert code == 2
        assert "is one of the input files; not overwriting it" in err
        assert (bundle / name).read_bytes() == before
    alias = bundle.parent / "alias.csv"
    os.link(bundle / "references.bib", alias)  # another name of an input: the same file
    assert main(["matrix", "--bundle", str(bundle), "--format", "csv", "-o", str(alias)]) == 2
    assert alias.read_bytes() == (bundle / "references.bib").read_bytes()


def test_a_read_only_file_is_refused_even_for_root(tmp_path: Path) -> None:
    target = tmp_path / "locked.csv"
    target.write_text("keep\n")
    target.chmod(0o444)
    with pytest.raises(ExportError, match="is read-only"):
        write_atomic(target, "x")
    assert target.read_text() == "keep\n"


def test_a_hard_linked_file_is_written_in_place(tmp_path: Path) -> None:
    target, other = tmp_path / "a.csv", tmp_path / "b.csv"
    target.write_text("a long old content\n")
    os.link(target, other)
    write_atomic(target, "new\n")
    assert other.read_text() == "new\n"  # still the same file, cut to its new length
    assert os.path.samefile(target, other)


@needs_root
def test_root_keeps_another_users_file_theirs(tmp_path: Path) -> None:
    target = tmp_path / "theirs.csv"
    target.write_text("x\n")
    os.chown(target, 4321, 4321)
    target.chmod(0o664)
    write_atomic(target, "y\n")
    info = target.stat()
    assert (info.st_uid, info.st_gid, stat.S_IMODE(info.st_mode)) == (4321, 4321, 0o664)


def test_a_stale_temp_file_of_ours_is_swept_and_a_live_one_kept(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    stale = tmp_path / ".out.csv.0123abcd.tmp"
    recent = tmp_path / ".out.csv.89abcdef.tmp"
    other = tmp_path / ".other.csv.0123abcd.tmp"
    for path in (stale, recent, other):
        path.write_text("partial")
    for path in (stale, other):
        os.utime(path, (0, 0))
    write_atomic(target, "x\n")
    assert not stale.exists()
    assert recent.exists()  # may belong to a writer still at work
    assert other.exists()  # not this target's
    locked = tmp_path / ".out.csv.fedcba98.tmp"
    locked.write_text("held")
    os.utime(locked, (0, 0))
    import fcntl

    with locked.open("rb") as held:
        fcntl.flock(held.fileno(), fcntl.LOCK_EX)  # its writer is alive
        sweep_temps(target)
        assert locked.exists()


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP])
def test_sigterm_and_sighup_mid_write_leave_no_temp_file(tmp_path: Path, sig: int) -> None:
    """The writer stops in the middle of its write (a stub blocks there) and gets the signal."""
    script = f"""
import os, signal, sys
from pathlib import Path
from peertui.core.export import atomic
real = os.fsync
def stop_here(fd):
    print("writing", flush=True)
    signal.pause()
atomic.os.fsync = stop_here
atomic.write_atomic(Path({str(tmp_path / "out.json")!r}), "x" * 100000)
"""
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    assert proc.stdout.readline() == "writing\n"
    assert len(list(tmp_path.glob(".out.json.*.tmp"))) == 1
    proc.send_signal(sig)
    assert proc.wait(timeout=60) == -sig  # ended by the signal, as it would have been
    assert list(tmp_path.iterdir()) == []


def test_several_files_are_written_only_if_every_target_may_be(tmp_path: Path) -> None:
    """A new bundle's drafts: one refused target (here an input) means none is written."""
    source = tmp_path / "article.txt"
    source.write_text("the article\n")
    drafts = {tmp_path / "claims.yaml": "claims: []\n", source: "overwritten\n"}
    with pytest.raises(ExportError, match="is one of the input files"):
        write_all(drafts, inputs=[source])
    assert not (tmp_path / "claims.yaml").exists()
    assert source.read_text() == "the article\n"
    drafts = {tmp_path / "claims.yaml": "claims: []\n", tmp_path / "article.md": "# A\n"}
    write_all(drafts, inputs=[source])
    assert [(p.name, p.read_text()) for p in sorted(drafts)] == [
        ("article.md", "# A\n"),
        ("claims.yaml", "claims: []\n"),
    ]
