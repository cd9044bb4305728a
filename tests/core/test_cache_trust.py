"""The cache trusts only what is this user's: private folders, a private key, cache files that
are regular and of a size their source could need; pruning goes on past what it cannot delete."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from peertui.cli.main import main
from peertui.core.bibtex.library import read_bib
from peertui.core.bundle.load import default_bundle_dir
from peertui.core.cache import checked, refcolumns
from peertui.core.cache import key as cachekey
from peertui.core.cache import store as cache
from peertui.core.cache.key import UntrustedCache, cache_key
from peertui.core.search.engine import SearchIndex

ROOT = os.geteuid() == 0


@pytest.fixture
def cache_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "cache"
    monkeypatch.setenv("PEERTUI_CACHE_DIR", str(root))
    return root


@pytest.fixture
def bundle(tmp_path: Path) -> Path:
    return Path(shutil.copytree(default_bundle_dir(), tmp_path / "bundle"))


def test_cache_folders_are_private_whatever_the_umask(cache_root: Path, bundle: Path) -> None:
    old = os.umask(0)
    try:
        checked.load_checked(bundle)
    finally:
        os.umask(old)
    for folder in (cache_root, cache_root / "bib", cache_root / "checked"):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder
    assert stat.S_IMODE((cache_root / "key").stat().st_mode) == 0o600


@pytest.mark.parametrize("problem", ["key mode", "folder mode", "key owner", "key is a link"])
def test_a_key_someone_else_could_have_written_disables_the_cache(
    cache_root: Path, bundle: Path, problem: str, capsys: pytest.CaptureFixture[str]
) -> None:
    if problem == "key owner" and not ROOT:
        pytest.skip("giving a file to another user needs root")
    cache_key(cache_root)
    key = cache_root / "key"
    if problem == "key mode":
        key.chmod(0o644)
    elif problem == "folder mode":
        cache_root.chmod(0o777)
    elif problem == "key owner":
        os.chown(key, 4321, 4321)
    else:
        real = cache_root / "real-key"
        key.rename(real)
        key.symlink_to(real)
    cachekey.take_notices()  # what earlier tests in this process left unsaid
    with pytest.raises(UntrustedCache, match="cache not used"):
        cache_key(cache_root)
    before = sorted(p.name for p in cache_root.iterdir())
    for _ in range(2):
        assert main(["check", "--bundle", str(bundle)]) == 0
    err = capsys.readouterr().err
    assert err.count("cache not used") == 1  # warned once
    assert sorted(p.name for p in cache_root.iterdir()) == before  # nothing read or written


def test_a_forged_entry_under_an_attackers_key_is_never_shown(
    cache_root: Path, bundle: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Another user made the folder writable to all and put in a key they know."""
    cachekey.make_private_dir(cache_root)
    cache_root.chmod(0o777)
    (cache_root / "key").write_bytes(b"k" * 32)
    (cache_root / "key").chmod(0o600)
    bib = bundle / "references.bib"
    forged = cache.BibCache.of(bib, bib.read_bytes())
    assert forged is not None
    from peertui.core.cache.store import _encode
    from peertui.core.models import Reference

    fake = Reference(key="arntz", title="FORGED TITLE", doi="10.9999/forged")
    header = {"magic": cache._MAGIC, "format": cache.FORMAT, "version": cache.__version__}
    header |= {"digest": forged.digest, "problems": []}
    forged.entry.parent.mkdir(parents=True)
    _encode([fake]).write(forged.entry, header, b"k" * 32)
    references, _, _ = read_bib(bib)
    assert "FORGED TITLE" not in [ref.title for ref in references]


def _open_and_search(bundle: Path) -> None:
    """Open the bundle and search it: its bib, checked and index entries are read or made."""
    corpus, _ = checked.load_checked(bundle)
    SearchIndex(corpus).search("peer")


def _fill_entries(cache_root: Path, bundle: Path) -> list[Path]:
    _open_and_search(bundle)
    return sorted(cache_root.glob("*/*.columns"))


@pytest.mark.parametrize("kind", ["bib", "checked", "index"])
def test_a_fifo_as_a_cache_entry_is_ignored_and_replaced(
    cache_root: Path, bundle: Path, kind: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(refcolumns, "MIN_REFERENCES", 1)  # index even the default bundle
    entries = _fill_entries(cache_root, bundle)
    (entry,) = [e for e in entries if e.parent.name == kind]
    entry.unlink()
    os.mkfifo(entry)
    done = threading.Event()

    def load() -> None:
        _open_and_search(bundle)
        done.set()

    worker = threading.Thread(target=load, daemon=True)
    worker.start()
    # Opening a FIFO for reading waits for a writer: open it for writing ourselves so that a
    # reader that waited goes on (the test then fails on the assertions, never hangs).
    worker.join(timeout=30)
    if not done.is_set():
        fd = os.open(entry, os.O_WRONLY | os.O_NONBLOCK)
        os.close(fd)
        worker.join()
        pytest.fail("the FIFO was opened and waited on")
    assert stat.S_ISREG(entry.lstat().st_mode)  # written again as a regular file


def test_an_oversized_or_linked_entry_is_ignored(cache_root: Path, bundle: Path) -> None:
    entries = _fill_entries(cache_root, bundle)
    (entry,) = [e for e in entries if e.parent.name == "checked"]
    with entry.open("r+b") as handle:
        handle.truncate(4 << 30)  # sparse: costs no disk, but would be read in whole
    expected = checked.load_checked(bundle)
    assert entry.stat().st_size < 1 << 20  # replaced by a real entry
    entry.unlink()
    entry.symlink_to("/dev/zero")
    assert checked.load_checked(bundle) == expected
    assert stat.S_ISREG(entry.lstat().st_mode)


def test_pruning_goes_on_past_a_folder_it_cannot_delete(
    cache_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = cache_root / "bib"
    folder.mkdir(parents=True)
    stale = folder / ".tmp-left-behind"
    stale.mkdir()
    (stale / "inside").write_text("x")
    old = time.time() - 10 * 3600
    os.utime(stale, (old, old))
    monkeypatch.setattr(cache, "LIMIT_FILES", 2)
    paths = []
    for n in range(4):
        path = folder / f"{n:032x}{cache.SUFFIX}"
        path.write_bytes(b"x")
        os.utime(path, (old + n, old + n))
        paths.append(path)
    cache.prune(paths[-1])
    assert [p.exists() for p in paths] == [False, False, True, True]


def test_a_cache_on_a_shared_folder_is_not_read_by_another_process(
    cache_root: Path, bundle: Path
) -> None:
    """As a process would see it: the notice on stderr, exit 0, the bundle read afresh."""
    cachekey.make_private_dir(cache_root)
    cache_root.chmod(0o757)
    done = subprocess.run(
        [sys.executable, "-m", "peertui", "check", str(bundle)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == (
        f"peertui: warning: {cache_root}: cache not used: "
        f"others may write to the folder (chmod 700 {cache_root})\n"
    )


def test_peertuis_own_folder_left_open_by_an_old_umask_is_made_private(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The default folder (no PEERTUI_CACHE_DIR) made 0775 under umask 002 by an older
    peertui is closed to others and used; a key another user put there is still refused."""
    root = tmp_path / "cache"
    root.mkdir()
    root.chmod(0o775)
    monkeypatch.delenv("PEERTUI_CACHE_DIR")
    key = cache_key(root)
    assert len(key) == 32 and stat.S_IMODE(root.stat().st_mode) == 0o700
    if ROOT:
        root.chmod(0o775)
        os.chown(root / "key", 4321, 4321)
        with pytest.raises(UntrustedCache, match="belongs to another user"):
            cache_key(root)
