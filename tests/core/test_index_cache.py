"""The reference segment of the search index, kept in the cache: same hits, and never stale."""

from __future__ import annotations

import hashlib
import random
from pathlib import Path

import pytest

from peertui.core.bundle.load import load_bundle
from peertui.core.cache import refcolumns
from peertui.core.cache import store as cache
from peertui.core.models import Claim, Corpus, Reference
from peertui.core.search import index
from peertui.core.search.engine import SearchIndex

WORDS = (
    "peer",
    "support",
    "recovery",
    "mental",
    "health",
    "trial",
    "cohort",
    "crisis",
    "wellness",
    "hope",
    "stigma",
)
NAMES = ["Müller, Anna", "Smith, Bob", "Cook, Judith A.", "O'Hagan, Mary", "Łukasz, Ola"]
QUERIES = [
    "peer",
    "peer support",
    "pee",
    "suport",
    "müller",
    "muller 2012",
    "author:smith",
    "year:2010-2012",
    "ref:key7",
    "ref:key1",
    "doi:10.1000/3",
    "title:crisis kind:reference",
    "hope recovery trial",
    "xyzzy",
]


def _corpus(path: Path, count: int = 300, title_of: dict[int, str] | None = None) -> Corpus:
    rng = random.Random(7)
    refs = [
        Reference(
            key=f"key{n}",
            authors=rng.sample(NAMES, 2),
            title=(title_of or {}).get(n) or " ".join(rng.choices(WORDS, k=6)),
            journal=rng.choice(["Psychiatric Services", "The Lancet", ""]),
            year=str(2000 + n % 20),
            doi=f"10.1000/{n}" if n % 3 else "",
            extra={"note": "cached note"} if n % 5 == 0 else {},
        )
        for n in range(count)
    ]
    claims = [
        Claim(id=f"C{n}", text=f"Peer support helps recovery ({n})", cites=[f"key{n}"])
        for n in range(5)
    ]
    digest = hashlib.blake2b(repr(refs).encode()).hexdigest()  # as a loader gives it
    return Corpus(references=refs, claims=claims, paths={"bib": path}, digests={"bib": digest})


@pytest.fixture
def cached(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A cache of its own, caching libraries of any size; returns the library's path."""
    monkeypatch.setenv("PEERTUI_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(refcolumns, "MIN_REFERENCES", 1)
    return tmp_path / "library.bib"


def _built_columns(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the columns tokenised from now on."""
    built: list[int] = []
    add = index._Builder.add

    def counting(self: index._Builder, column: int, *args: object) -> None:
        built.append(column)
        add(self, column, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(index._Builder, "add", counting)
    return built


def _hits(search: SearchIndex) -> list[list[tuple[str, str, str, float]]]:
    return [[(h.kind, h.id, h.snippet, h.score) for h in search.search(q)] for q in QUERIES]


def test_a_second_index_reads_the_references_back_and_finds_the_same(
    cached: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = SearchIndex(_corpus(cached))
    entries = list((cached.parent / "cache" / "index").iterdir())
    assert len(entries) == 1
    built = _built_columns(monkeypatch)
    second = SearchIndex(_corpus(cached))
    assert built and min(built) >= len(refcolumns.FIELDS)  # only the claims' columns
    assert _hits(second) == _hits(first)
    monkeypatch.setenv("PEERTUI_CACHE_DIR", "off")
    assert _hits(second) == _hits(SearchIndex(_corpus(cached)))
    assert any(_hits(second))


def test_a_changed_library_is_indexed_anew(cached: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    SearchIndex(_corpus(cached))
    changed = SearchIndex(_corpus(cached, title_of={4: "Zebrafish husbandry"}))
    [hit] = changed.search("zebrafish")
    assert hit.id == "key4"
    built = _built_columns(monkeypatch)
    again = SearchIndex(_corpus(cached, title_of={4: "Zebrafish husbandry"}))
    assert min(built) >= len(refcolumns.FIELDS)
    assert [h.id for h in again.search("zebrafish")] == ["key4"]


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[: len(data) // 3],
        lambda data: data[:-1] + bytes([data[-1] ^ 0xFF]),
        lambda data: b"",
    ],
    ids=["truncated", "flipped", "empty"],
)
def test_a_bad_entry_is_ignored_and_rebuilt(cached: Path, damage: object) -> None:
    expected = _hits(SearchIndex(_corpus(cached)))
    [entry] = (cached.parent / "cache" / "index").iterdir()
    entry.write_bytes(damage(entry.read_bytes()))  # type: ignore[operator]
    assert _hits(SearchIndex(_corpus(cached))) == expected
    assert _hits(SearchIndex(_corpus(cached))) == expected  # and the entry was written again


def test_a_large_bundle_is_read_with_the_digest_that_keys_the_entry(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PEERTUI_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(cache, "MIN_SIZE", 0)
    path = tmp_path / "references.bib"
    path.write_text("@article{a, title = {Peer support}, year = {2012}}\n", encoding="utf-8")
    corpus = load_bundle(bib=path)
    assert corpus.digests["bib"] == cache.BibCache.of(path, path.read_bytes()).digest  # type: ignore[union-attr]
    monkeypatch.setattr(cache, "MIN_SIZE", 10**9)
    assert load_bundle(bib=path).digests == {}


def test_ties_keep_claims_before_references(cached: Path) -> None:
    """References are numbered first inside the index; ties still go claim, reference."""
    corpus = _corpus(cached)
    corpus.digests.clear()  # changed after loading
    corpus.references[3].key = "C3"  # the same word as claim C3's id: an identity field each
    hits = SearchIndex(corpus).search("c3", limit=2)
    assert [(h.kind, h.id) for h in hits] == [("claim", "C3"), ("reference", "C3")]
    assert hits[0].score == hits[1].score


def test_small_or_pathless_libraries_are_not_cached(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("PEERTUI_CACHE_DIR", str(tmp_path / "cache"))
    SearchIndex(_corpus(tmp_path / "small.bib", count=50))  # below MIN_REFERENCES
    monkeypatch.setattr(refcolumns, "MIN_REFERENCES", 1)
    corpus = _corpus(tmp_path / "x.bib")
    corpus.paths.clear()  # built in memory: nothing to key an entry by
    SearchIndex(corpus)
    corpus = _corpus(tmp_path / "x.bib")
    corpus.digests.clear()  # read without a digest (a small .bib)
    SearchIndex(corpus)
    assert not (tmp_path / "cache" / "index").exists()
