"""Checked bundles: a second open reads the cache entry, and equals reading and verifying."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bench.generate import write_bundle
from peertui.core.analysis.findings import check_bundle
from peertui.core.bundle import load as bundle_module
from peertui.core.bundle.load import default_bundle_dir, load_bundle
from peertui.core.cache import checked
from peertui.core.cache.columnfile import ColumnWriter
from peertui.core.cache.key import cache_key
from peertui.core.models import Corpus, Problem

HOSTILE = Path(__file__).parent / "hostile"


@pytest.fixture
def cache_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A cache of its own."""
    root = tmp_path / "cache"
    monkeypatch.setenv("PEERTUI_CACHE_DIR", str(root))
    return root


@pytest.fixture
def bundle(tmp_path: Path) -> Path:
    """A writable copy of the default bundle."""
    return Path(shutil.copytree(default_bundle_dir(), tmp_path / "bundle"))


def fresh(target: Path) -> tuple[Corpus, list[Problem]]:
    corpus = load_bundle(target)
    return corpus, check_bundle(corpus)


def entries(root: Path) -> list[Path]:
    return sorted((root / "checked").glob("*.columns"))


def no_reading(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make reading the bundle's own files fail: what comes back must be the cache's."""

    def refuse(paths: object, data: object = None) -> None:
        raise AssertionError("read the files again")

    monkeypatch.setattr(checked, "read_parts", refuse)


def test_a_second_open_comes_from_the_cache_and_equals_reading_and_verifying(
    cache_root: Path, bundle: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = checked.load_checked(bundle)
    assert first == fresh(bundle)
    assert len(entries(cache_root)) == 1
    no_reading(monkeypatch)
    second = checked.load_checked(bundle)
    assert second == first
    assert second[0].claims is not first[0].claims  # rebuilt, not shared


def test_findings_and_loader_problems_are_kept(
    cache_root: Path, bundle: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    claims = bundle / "claims.yaml"
    text = claims.read_text(encoding="utf-8")
    text = text.replace("cites: [", "cites: [nosuchkey, ", 1) + "\nunknown_top_key: 1\n"
    claims.write_text(text, encoding="utf-8")
    first = checked.load_checked(bundle)
    corpus, findings = first
    assert corpus.problems and findings  # the loader's and the checks', both
    no_reading(monkeypatch)
    assert checked.load_checked(bundle) == first == fresh(bundle)


@pytest.mark.parametrize("name", ["claims.yaml", "article.md", "sources.yaml", "references.bib"])
def test_a_changed_file_makes_the_entry_stale(cache_root: Path, bundle: Path, name: str) -> None:
    checked.load_checked(bundle)
    path = bundle / name
    text = path.read_text(encoding="utf-8")
    edited = text.replace("peer", "Peer", 1)
    assert edited != text
    path.write_text(edited, encoding="utf-8")
    assert checked.load_checked(bundle) == fresh(bundle)
    assert len(entries(cache_root)) == 1  # the same entry, made again


@pytest.mark.parametrize("module", ["models.py", "analysis/verify.py", "bundle/claims.py"])
def test_a_change_to_peertuis_code_makes_the_entry_stale(
    cache_root: Path, bundle: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, module: str
) -> None:
    core = tmp_path / "core"
    (core / "cache").mkdir(parents=True)
    changed = core / module
    changed.parent.mkdir(parents=True, exist_ok=True)
    changed.write_text("checks = 1\n", encoding="utf-8")
    monkeypatch.setattr(checked, "__file__", str(core / "cache" / "checked.py"))
    before = checked._code_digest()
    checked.load_checked(bundle)
    changed.write_text("checks = 22\n", encoding="utf-8")
    assert checked._code_digest() != before
    read: list[object] = []
    real = checked.read_parts
    monkeypatch.setattr(
        checked, "read_parts", lambda paths, data=None: read.append(paths) or real(paths, data)
    )
    assert checked.load_checked(bundle) == fresh(bundle)
    assert read  # the files were read again


def _sealed(entry: Path, root: Path, header: dict[str, object], text: str) -> None:
    """An entry this cache directory's key seals: only its contents are wrong."""
    columns = ColumnWriter()
    columns.strings("json", [text])
    columns.write(entry, header, cache_key(root))


@pytest.mark.parametrize(
    "damage",
    [
        "garbage",
        "truncated",
        "foreign type",
        "unknown field",
        "other digests",
        "other format",
        "not a pair",
    ],
)
def test_a_bad_entry_is_ignored_and_written_again(
    cache_root: Path, bundle: Path, damage: str
) -> None:
    expected = checked.load_checked(bundle)
    (entry,) = entries(cache_root)
    stored = entry.read_bytes()
    header = {"magic": "peertui-checked-bundle", "format": checked.FORMAT}
    digests = json.loads(stored[stored.index(b'{"magic"') :].split(b',"columns"')[0] + b"}")
    header["digests"] = digests["digests"]
    if damage == "garbage":
        entry.write_bytes(b"\x00not a cache file")
    elif damage == "truncated":
        entry.write_bytes(stored[: len(stored) // 2])
    elif damage == "foreign type":
        _sealed(entry, cache_root, header, '[{"@": "Corpus"}, []]')
    elif damage == "unknown field":
        _sealed(entry, cache_root, header, '[{"@": "Parsed", "shell": "rm -rf"}, []]')
    elif damage == "other digests":
        _sealed(entry, cache_root, {**header, "digests": {"bib": "0"}}, "[]")
    elif damage == "other format":
        _sealed(entry, cache_root, {**header, "format": checked.FORMAT + 1}, "[]")
    else:
        _sealed(entry, cache_root, header, '[{"@": "Parsed"}]')
    assert checked.load_checked(bundle) == expected
    assert entry.read_bytes() != b"\x00not a cache file"
    assert checked._read(entry, header["digests"], 1 << 30) is not None  # a good entry again


def test_an_entry_holds_only_peertuis_records() -> None:
    with pytest.raises(TypeError):
        checked._plain(frozenset({"a"}))
    with pytest.raises(TypeError):
        checked._plain(Path("x"))
    with pytest.raises(KeyError):
        checked._record({"@": "Path", "args": ["/"]})
    assert checked._record({"(": [1, "a"]}) == (1, "a")
    assert checked._record({"{": [["k", 1]]}) == {"k": 1}


def test_with_the_cache_off_every_open_reads_and_verifies(
    tmp_path: Path, bundle: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PEERTUI_CACHE_DIR", "off")
    assert checked.load_checked(bundle) == fresh(bundle)
    no_reading(monkeypatch)
    with pytest.raises(AssertionError, match="read the files again"):
        checked.load_checked(bundle)


def test_a_generated_bundle_round_trips(cache_root: Path, tmp_path: Path) -> None:
    target = write_bundle(tmp_path / "generated", 300, 60)
    first = checked.load_checked(target)
    assert first == fresh(target)
    assert (
        checked._read(
            entries(cache_root)[0],
            checked._digests(first[0].paths, first[0].digests["bib"], {}),
            1 << 30,
        )
        is not None
    )
    assert checked.load_checked(target) == first


def test_files_that_cannot_be_read_are_reported_as_by_the_loader(
    cache_root: Path, bundle: Path
) -> None:
    (bundle / "claims.yaml").write_bytes((HOSTILE / "binary.yaml").read_bytes())
    with pytest.raises(bundle_module.UnusableInput):
        load_bundle(bundle)
    with pytest.raises(bundle_module.UnusableInput):
        checked.load_checked(bundle)


def test_a_cached_open_imports_neither_yaml_nor_the_checks(cache_root: Path, bundle: Path) -> None:
    probe = (
        "import sys\n"
        "from pathlib import Path\n"
        "from peertui.core.cache.checked import load_checked\n"
        f"load_checked(Path({str(bundle)!r}))\n"
        "print(' '.join(m for m in ('yaml', 'peertui.core.analysis.verify') if m in sys.modules))\n"
    )
    runs = [
        subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
        for _ in range(2)
    ]
    assert runs[0].stdout.split() == ["yaml", "peertui.core.analysis.verify"]  # read and checked
    assert runs[1].stdout.split() == []  # from the cache
