"""The .bib cache: a second open reads it, a change or a bad cache file makes a fresh parse."""

from __future__ import annotations

import json
from dataclasses import fields
from pathlib import Path

import pytest

from peertui.core import cache
from peertui.core.bib import load_bib, parse_bib
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
    """A cache of its own, caching files of any size."""
    root = tmp_path / "cache"
    monkeypatch.setenv("PEERTUI_CACHE_DIR", str(root))
    monkeypatch.setattr(cache, "MIN_SIZE", 0)
    return root


def library(path: Path, count: int = 30, broken: bool = True) -> Path:
    text = "".join(ENTRY.format(n=n, y=n % 25) for n in range(count))
    if broken:
        text += "@article{broken, title = {never closed\n"
    path.write_text(text, encoding="utf-8")
    return path


def entries(root: Path) -> list[Path]:
    return sorted((root / "bib").glob("*.json"))


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

    monkeypatch.setattr("peertui.core.bib.parse_bib", no_parse)
    second = load_bib(path)
    assert second == first


def test_a_changed_file_is_parsed_again(cache_root: Path, tmp_path: Path) -> None:
    path = library(tmp_path / "lib.bib")
    assert len(load_bib(path)[0]) == 30
    library(path, count=31)
    assert len(load_bib(path)[0]) == 31
    assert len(entries(cache_root)) == 1  # one entry per source, rewritten


@pytest.mark.parametrize(
    "damage",
    [
        lambda text: text[: len(text) // 2],  # truncated
        lambda text: "not json at all",
        lambda text: json.dumps({"magic": "something else"}),
        lambda text: text.replace('"format":1', '"format":999'),
        lambda text: text.replace('"Peer support number 3"', "3"),  # a field of the wrong type
        lambda text: text.replace('"references":{', '"references":{"__class__":"os.system",'),
    ],
    ids=["truncated", "not-json", "foreign", "other-format", "wrong-type", "object"],
)
def test_a_bad_cache_file_is_ignored_and_rebuilt(
    cache_root: Path, tmp_path: Path, damage: object
) -> None:
    path = library(tmp_path / "lib.bib")
    expected = load_bib(path)
    [entry] = entries(cache_root)
    entry.write_text(damage(entry.read_text(encoding="utf-8")), encoding="utf-8")  # type: ignore[operator]
    probe = cache.BibCache.of(path, path.read_bytes())
    assert probe is not None and probe.read(str(path)) is None
    assert load_bib(path) == expected
    assert probe.read(str(path)) == expected
    assert json.loads(entry.read_text(encoding="utf-8"))["format"] == cache.FORMAT


def test_every_reference_field_is_stored() -> None:
    assert set(cache._FIELDS) == {f.name for f in fields(Reference)}


def test_problems_name_the_path_the_file_is_opened_by(cache_root: Path, tmp_path: Path) -> None:
    path = library(tmp_path / "lib.bib")
    load_bib(path)
    problems = load_bib(path)[1]
    assert problems and all(p.file == str(path) for p in problems)


def test_off_and_small_files_write_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = library(tmp_path / "lib.bib")
    monkeypatch.setenv("PEERTUI_CACHE_DIR", "off")
    load_bib(path)
    root = tmp_path / "cache"
    monkeypatch.setenv("PEERTUI_CACHE_DIR", str(root))
    load_bib(path)  # far below MIN_SIZE
    assert not root.exists()


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
