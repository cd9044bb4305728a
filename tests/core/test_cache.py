"""The .bib cache: a second open reads it, a change or a bad cache file makes a fresh parse."""

from __future__ import annotations

import hmac
import json
import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import fields
from hashlib import sha256
from pathlib import Path

import pytest

from peertui.core.bibtex.library import load_bib, parse_bib
from peertui.core.cache import store as cache
from peertui.core.cache.columnfile import MAGIC, ColumnWriter, read_columns
from peertui.core.cache.key import cache_key
from peertui.core.models import Reference

ENTRY = """@article{{key{n},
  author = {{M{{\\"u}}ller, Anna and Smith, Bob}},
  title = {{Peer support number {n}}},
  journal = {{Journal of Tests}},
  year = {{20{y:02d}}},
  doi = {{10.1000/{n}}},
  note = {{cached}},
}}
"""


@pytest.fixture
def cache_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A cache of its own."""
    root = tmp_path / "cache"
    monkeypatch.setenv("PEERTUI_CACHE_DIR", str(root))
    return root


def library(path: Path, count: int = 30, broken: bool = True) -> Path:
    text = "".join(ENTRY.format(n=n, y=n % 25) for n in range(count))
    if broken:
        text += "@article{broken, title = {never closed\n"
    path.write_text(text, encoding="utf-8")
    return path


def entries(root: Path) -> list[Path]:
    return sorted((root / "bib").glob(f"*{cache.SUFFIX}"))


def test_second_open_comes_from_the_cache_and_equals_a_parse(
    cache_root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = library(tmp_path / "lib.bib")
    first = load_bib(path)
    assert len(entries(cache_root)) == 1
    assert first[0][0].authors == ["Müller, Anna", "Smith, Bob"]
    assert any(p.severity == "error" for p in first[1])

    def no_parse(*args: object) -> None:
        raise AssertionError("the cache was not used")

    monkeypatch.setattr("peertui.core.bibtex.library.parse_bib", no_parse)
    second = load_bib(path)
    assert second == first


def test_a_first_open_digests_the_file_once(
    cache_root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = library(tmp_path / "lib.bib")
    digested: list[Path] = []
    for_file = cache.BibCache.for_file.__func__  # type: ignore[attr-defined]

    def counted(cls: type[cache.BibCache], source: Path) -> cache.BibCache | None:
        digested.append(source)
        return for_file(cls, source)

    monkeypatch.setattr(cache.BibCache, "for_file", classmethod(counted))
    load_bib(path)  # no entry yet: only the bytes parsed are digested, not the file before
    assert digested == [] and len(entries(cache_root)) == 1
    load_bib(path)  # an entry: the file is digested to check it
    assert digested == [path]


def test_a_changed_file_is_parsed_again(cache_root: Path, tmp_path: Path) -> None:
    path = library(tmp_path / "lib.bib")
    assert len(load_bib(path)[0]) == 30
    library(path, count=31)
    assert len(load_bib(path)[0]) == 31
    assert len(entries(cache_root)) == 1  # one entry per source, rewritten


def _key(entry: Path) -> bytes:
    return cache_key(entry.parent.parent)


def _with_header(
    data: bytes, change: Callable[[dict[str, object]], None], key: bytes | None
) -> bytes:
    """The same file with its header changed, sealed again with `key` (None: left unsealed)."""
    at = len(MAGIC) + 32
    size = int.from_bytes(data[at : at + 8], "little")
    header = json.loads(data[at + 8 : at + 8 + size])
    change(header)
    head = json.dumps(header).encode()
    rest = len(head).to_bytes(8, "little") + head + data[at + 8 + size :]
    seal = data[len(MAGIC) : at] if key is None else hmac.new(key, rest, sha256).digest()
    return MAGIC + seal + rest


def _rewritten(path: Path, replace: dict[str, list[int]]) -> bytes:
    """A well-formed, well-sealed file whose columns do not fit together."""
    stored = read_columns(path, _key(path), 1 << 30)
    assert stored is not None
    out = ColumnWriter()
    for name, kind, *_ in stored.header["columns"]:
        if name in replace:
            out.ints(name, replace[name], kind)
        elif kind == "s":
            out.strings(name, stored.strings(name))
        else:
            out.ints(name, stored.ints(name, kind), kind)
    meta = {k: v for k, v in stored.header.items() if k not in ("columns", "body")}
    target = path.with_name("rewritten")
    out.write(target, meta, _key(path))
    return target.read_bytes()


def _set(name: str, value: object) -> Callable[[dict[str, object]], None]:
    return lambda header: header.__setitem__(name, value)


@pytest.mark.parametrize(
    "damage",
    [
        lambda data, path: data[: len(data) // 2],  # truncated
        lambda data, path: b"not a cache file at all",
        lambda data, path: data[:-1] + bytes([data[-1] ^ 1]),  # one bit of the body flipped
        lambda data, path: _with_header(data, _set("digest", "0" * 64), None),  # seal broken
        lambda data, path: _with_header(data, _set("format", 1), b"another user's key"),
        lambda data, path: _with_header(data, _set("magic", "something else"), _key(path)),
        lambda data, path: _with_header(data, _set("format", 999), _key(path)),
        lambda data, path: _with_header(
            data, _set("columns", [["key", "s", 1, 0, 10**9]]), _key(path)
        ),
        lambda data, path: _with_header(data, _set("problems", [[1, 2, 3]]), _key(path)),
        lambda data, path: _rewritten(path, {"authors#": [0] * 30}),  # counts do not add up
        lambda data, path: _rewritten(path, {"line": [1] * 29}),  # a column too short
    ],
    ids=[
        "truncated",
        "not-ours",
        "bit-flip",
        "tampered",
        "sealed-elsewhere",
        "foreign",
        "other-format",
        "out-of-bounds",
        "wrong-type",
        "bad-counts",
        "short-column",
    ],
)
def test_a_bad_cache_file_is_ignored_and_rebuilt(
    cache_root: Path, tmp_path: Path, damage: Callable[[bytes, Path], bytes]
) -> None:
    path = library(tmp_path / "lib.bib")
    expected = load_bib(path)
    [entry] = entries(cache_root)
    entry.write_bytes(damage(entry.read_bytes(), entry))
    probe = cache.BibCache.of(path, path.read_bytes())
    assert probe is not None and probe.read(str(path)) is None
    assert load_bib(path) == expected
    assert probe.read(str(path)) == expected
    rebuilt = read_columns(entry, _key(entry), 1 << 30)
    assert rebuilt is not None and rebuilt.header["format"] == cache.FORMAT


def test_a_value_the_format_cannot_hold_is_not_cached(cache_root: Path, tmp_path: Path) -> None:
    path = library(tmp_path / "lib.bib")
    references, problems = parse_bib(path.read_text(encoding="utf-8"), str(path))
    references[0].extra["note"] = "a NUL \x00 inside"
    probe = cache.BibCache.of(path, path.read_bytes())
    assert probe is not None
    probe.write(references, problems)
    assert entries(cache_root) == []


def test_the_key_is_private_and_kept(cache_root: Path, tmp_path: Path) -> None:
    load_bib(library(tmp_path / "lib.bib"))
    key = cache_root / "key"
    assert key.stat().st_mode & 0o077 == 0
    assert cache_key(cache_root) == key.read_bytes()
    key.write_bytes(b"short")  # a damaged key is replaced, and entries sealed with it rebuilt
    assert len(cache_key(cache_root)) == 32
    assert load_bib(tmp_path / "lib.bib")[0]


def test_every_reference_field_is_stored() -> None:
    assert set(cache._FIELDS) == {f.name for f in fields(Reference)}


def test_problems_name_the_path_the_file_is_opened_by(cache_root: Path, tmp_path: Path) -> None:
    path = library(tmp_path / "lib.bib")
    load_bib(path)
    problems = load_bib(path)[1]
    assert problems and all(p.file == str(path) for p in problems)


def test_off_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "cache"
    monkeypatch.setenv("PEERTUI_CACHE_DIR", "off")
    monkeypatch.setenv("XDG_CACHE_HOME", str(root))
    monkeypatch.setenv("HOME", str(tmp_path))
    load_bib(library(tmp_path / "lib.bib"))
    assert not root.exists()
    assert not (tmp_path / ".cache").exists()


def test_a_small_file_is_read_back_without_bibtexparser(cache_root: Path, tmp_path: Path) -> None:
    path = tmp_path / "small.bib"
    path.write_text("@article{one, title={One}, year={2001}}\n", encoding="utf-8")
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from peertui.core.bibtex.library import load_bib\n"
        f"refs, problems = load_bib(Path({str(path)!r}))\n"
        "print(refs[0].title, 'bibtexparser' in sys.modules)"
    )
    env = {**os.environ, "PEERTUI_CACHE_DIR": str(cache_root)}

    def run() -> str:
        done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        return done.stdout.strip()

    assert run() == "One True"  # the first read parses and fills the cache
    assert run() == "One False"


def test_an_unwritable_cache_is_not_an_error(
    cache_root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache_root.parent.mkdir(parents=True, exist_ok=True)
    cache_root.write_text("a file where the cache directory should be", encoding="utf-8")
    path = library(tmp_path / "lib.bib")
    assert len(load_bib(path)[0]) == 30


def test_progress_reaches_one_and_never_goes_back(tmp_path: Path) -> None:
    text = library(tmp_path / "lib.bib", count=5000, broken=False).read_text(encoding="utf-8")
    seen: list[float] = []
    references, _ = parse_bib(text, "lib.bib", seen.append)
    assert len(references) == 5000
    assert seen[-1] == 1.0
    assert seen == sorted(seen)
    assert parse_bib(text, "lib.bib") == (references, _)


def test_a_file_sealed_again_unchanged_is_accepted(cache_root: Path, tmp_path: Path) -> None:
    """The damage above is refused for what it changes, not for how it was sealed again."""
    path = library(tmp_path / "lib.bib")
    expected = load_bib(path)
    [entry] = entries(cache_root)
    entry.write_bytes(_with_header(entry.read_bytes(), lambda header: None, _key(entry)))
    probe = cache.BibCache.of(path, path.read_bytes())
    assert probe is not None and probe.read(str(path)) == expected


def test_the_least_recently_used_entries_go_first(
    cache_root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = [library(tmp_path / f"lib{n}.bib", count=3 + n) for n in range(4)]
    for age, path in enumerate(paths):
        load_bib(path)
        entry = cache.entry_path(cache_root, "bib", path)
        os.utime(entry, (1_000_000 + age, 1_000_000 + age))  # lib0 the oldest
    load_bib(paths[0])  # a read renews it: lib1 is now the least recently used
    leftover = cache_root / "bib" / ".tmp-left-by-a-crash"
    leftover.write_bytes(b"half")
    os.utime(leftover, (1_000_000, 1_000_000))
    monkeypatch.setattr(cache, "LIMIT_FILES", 3)
    newest = library(tmp_path / "lib4.bib", count=9)
    load_bib(newest)
    kept = {p.name for p in [*paths, newest] if cache.entry_path(cache_root, "bib", p).exists()}
    assert kept == {"lib4.bib", "lib0.bib", "lib3.bib"}  # the new one and the two used last
    assert not leftover.exists()
    monkeypatch.setattr(cache, "LIMIT_BYTES", 1)
    load_bib(library(tmp_path / "lib5.bib", count=2))
    assert [p.name for p in (cache_root / "bib").iterdir()] == [
        cache.entry_path(cache_root, "bib", tmp_path / "lib5.bib").name
    ]
