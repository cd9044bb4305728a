"""Bundle resolution and loading, including the shipped default bundle."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from peertui.core.bundle.load import default_bundle_dir, load_bundle, resolve_bundle
from peertui.core.errors import UnusableInput

FIXTURE = Path(__file__).parent / "fixtures" / "loaders" / "bundle"


@pytest.fixture
def bundle(tmp_path: Path) -> Path:
    """A writable copy of the small fixture bundle."""
    target = tmp_path / "bundle"
    shutil.copytree(FIXTURE, target)
    return target


def test_directory_bundle_loads_all_three_files(bundle: Path) -> None:
    corpus = load_bundle(bundle)
    assert corpus.paths == {
        "bib": bundle / "references.bib",
        "claims": bundle / "claims.yaml",
        "article": bundle / "article.md",
    }
    assert corpus.problems == []
    ref = corpus.reference("smith2020")
    assert ref is not None
    assert (ref.journal, ref.pages, ref.authors[1]) == (
        "Psychiatric Rehabilitation Journal",
        "10–20",
        "Müller, Hans",
    )
    assert corpus.reference_by_number(1) is ref
    assert [c.id for c in corpus.claims] == ["A1"]
    assert corpus.article is not None
    assert corpus.article.title == "Peer support"
    assert corpus.article.paragraphs == [
        (3, "Smith and colleagues randomized 120 individuals (1).")
    ]
    assert corpus.outcome_label("hospital-readmission") == "Hospital readmission"


def test_a_bib_alone_is_a_library(bundle: Path) -> None:
    corpus = load_bundle(bundle / "references.bib")
    assert corpus.paths == {"bib": bundle / "references.bib"}
    assert corpus.claims == [] and corpus.article is None
    assert [r.key for r in corpus.references] == ["smith2020"]
    assert corpus.vocabulary["symptoms"]


def test_a_claims_file_brings_its_siblings(bundle: Path) -> None:
    (bundle / "other.yaml").write_text("claims: []\n")
    corpus = load_bundle(bundle / "other.yaml")
    assert corpus.paths["claims"] == bundle / "other.yaml"
    assert corpus.paths["bib"] == bundle / "references.bib"
    assert corpus.paths["article"] == bundle / "article.md"
    assert corpus.claims == []


def test_explicit_files_override_the_directory(bundle: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.bib"
    other.write_text("@article{x, title = {X}, citation-number = {1}}\n")
    corpus = load_bundle(bundle, bib=other)
    assert corpus.paths["bib"] == other
    assert corpus.paths["claims"] == bundle / "claims.yaml"
    assert [r.key for r in corpus.references] == ["x"]


def test_explicit_files_without_a_target_skip_the_default_bundle(tmp_path: Path) -> None:
    bib = tmp_path / "lib.bib"
    bib.write_text("@book{b, title = {B}}\n")
    assert resolve_bundle(bib=bib) == {"bib": bib}
    with pytest.raises(UnusableInput, match=r"no references\.bib"):
        resolve_bundle(claims=tmp_path / "c.yaml")


def test_a_single_other_bib_in_the_directory_is_used(bundle: Path) -> None:
    (bundle / "references.bib").rename(bundle / "mine.bib")
    assert resolve_bundle(bundle)["bib"] == bundle / "mine.bib"
    (bundle / "second.bib").write_text("")
    with pytest.raises(UnusableInput, match=r"several \.bib files"):
        resolve_bundle(bundle)
    assert resolve_bundle(bundle, bib=bundle / "second.bib")["bib"] == bundle / "second.bib"


def test_unusable_inputs(bundle: Path, tmp_path: Path) -> None:
    with pytest.raises(UnusableInput, match="no such file or directory"):
        load_bundle(tmp_path / "nowhere")
    with pytest.raises(UnusableInput, match="no such file"):
        load_bundle(bundle, claims=tmp_path / "missing.yaml")
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(UnusableInput, match=r"^.*empty: no references\.bib found"):
        load_bundle(empty)
    (tmp_path / "notes.txt").write_text("x")
    with pytest.raises(UnusableInput, match="not a bundle"):
        load_bundle(tmp_path / "notes.txt")


def test_loader_problems_are_merged(bundle: Path) -> None:
    with (bundle / "references.bib").open("a") as bib:
        bib.write("\n@article{smith2020, title = {dup}}\n")
    (bundle / "claims.yaml").write_text("claims:\n  - id: A1\n    text: T.\n")
    corpus = load_bundle(bundle)
    files = sorted(Path(p.file).name for p in corpus.problems)
    assert files == ["claims.yaml", "references.bib"]


def test_the_default_bundle_loads_cleanly() -> None:
    directory = default_bundle_dir()
    assert (directory / "references.bib").is_file()
    corpus = load_bundle()
    assert corpus.paths["bib"] == directory / "references.bib"
    assert set(corpus.paths) == {"bib", "claims", "article", "sources"}
    assert sorted(r.number for r in corpus.references if r.number is not None) == [1, 2, 3, 4, 5]
    assert len(corpus.references) == 5
    assert corpus.errors == []
    assert corpus.claims and corpus.article is not None and corpus.article.paragraphs
