"""Writing a bundle: whole or not at all, never over what peertui did not write."""

from __future__ import annotations

import os

import pytest

from peertui.core.errors import UnusableInput
from peertui.core.ingest import write as write_module
from peertui.core.ingest.write import write_bundle

FILES = {"article.md": "a\n", "references.bib": "", "claims.yaml": "claims: []\n"}


def test_writes_a_new_directory_and_leaves_no_temp(tmp_path) -> None:
    write_bundle(tmp_path / "b", FILES)
    assert sorted(os.listdir(tmp_path)) == ["b"]
    assert (tmp_path / "b" / "article.md").read_text() == "a\n"


def test_an_empty_directory_is_filled(tmp_path) -> None:
    (tmp_path / "b").mkdir()
    write_bundle(tmp_path / "b", FILES)
    assert sorted(os.listdir(tmp_path / "b")) == sorted(FILES)


def test_a_non_empty_directory_needs_force(tmp_path) -> None:
    write_bundle(tmp_path / "b", FILES)
    with pytest.raises(UnusableInput, match="is not empty; pass --force"):
        write_bundle(tmp_path / "b", {**FILES, "article.md": "new\n"})
    assert (tmp_path / "b" / "article.md").read_text() == "a\n"
    write_bundle(tmp_path / "b", {**FILES, "article.md": "new\n"}, force=True)
    assert (tmp_path / "b" / "article.md").read_text() == "new\n"
    assert sorted(os.listdir(tmp_path)) == ["b"]


def test_force_never_replaces_a_directory_holding_other_files(tmp_path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "thesis.tex").write_text("mine")
    with pytest.raises(UnusableInput, match=r"thesis.tex: is not a file of a drafted bundle"):
        write_bundle(tmp_path / "b", FILES, force=True)
    assert (tmp_path / "b" / "thesis.tex").read_text() == "mine"


def test_symlinks_and_files_are_refused(tmp_path) -> None:
    (tmp_path / "real").mkdir()
    (tmp_path / "link").symlink_to(tmp_path / "real")
    with pytest.raises(UnusableInput, match="symbolic link"):
        write_bundle(tmp_path / "link", FILES, force=True)
    assert os.listdir(tmp_path / "real") == []
    (tmp_path / "file").write_text("x")
    with pytest.raises(UnusableInput, match="not a directory"):
        write_bundle(tmp_path / "file", FILES)
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "claims.yaml").symlink_to(tmp_path / "file")
    with pytest.raises(UnusableInput, match="not a file of a drafted bundle"):
        write_bundle(tmp_path / "b", FILES, force=True)
    assert (tmp_path / "file").read_text() == "x"


def test_a_failure_midway_leaves_no_half_bundle(tmp_path, monkeypatch) -> None:
    calls = []

    def failing(path, text):
        calls.append(path.name)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        path.write_text(text)

    monkeypatch.setattr(write_module, "_write_new", failing)
    with pytest.raises(UnusableInput, match="no space left on device"):
        write_bundle(tmp_path / "b", FILES)
    assert os.listdir(tmp_path) == []


def test_a_failed_swap_puts_the_old_draft_back(tmp_path, monkeypatch) -> None:
    write_bundle(tmp_path / "b", FILES)
    real_rename = os.rename

    def rename(src, dst):
        if str(src).endswith(".tmp"):
            raise OSError(13, "Permission denied")
        real_rename(src, dst)

    monkeypatch.setattr(write_module.os, "rename", rename)
    with pytest.raises(UnusableInput):
        write_bundle(tmp_path / "b", {**FILES, "article.md": "new\n"}, force=True)
    assert (tmp_path / "b" / "article.md").read_text() == "a\n"
    assert os.listdir(tmp_path) == ["b"]
