"""Small inputs that used to explode: an @string doubling bomb, YAML aliases of a long string,
a 400-digit number, a paragraph that made number extraction quadratic, a huge field searched."""

from __future__ import annotations

from pathlib import Path

import pytest
from rapidfuzz import process

from peertui.core import sanitize
from peertui.core.analysis.extract import extract_quantities
from peertui.core.bibtex.blocks import MAX_EXPANSION
from peertui.core.bibtex.library import parse_bib
from peertui.core.bundle.claims import parse_claims
from peertui.core.bundle.sources import parse_sources
from peertui.core.models import Corpus, Reference
from peertui.core.search import scoring
from peertui.core.search.engine import SearchIndex
from peertui.core.search.query import MAX_SCORED_CHARS


def _string_bomb(levels: int) -> str:
    lines = ['@string{a = "xxxxxxxxxxxxxxxx"}']
    previous = "a"
    for n in range(levels):
        lines.append(f"@string{{m{n} = {previous} # {previous}}}")
        previous = f"m{n}"
    lines.append(f"@article{{k, title = {previous}, year = 2020}}")
    return "\n".join(lines) + "\n"


def test_an_at_string_doubling_bomb_is_stopped_with_a_located_error() -> None:
    text = _string_bomb(40)  # 16 × 2**40 characters if expanded: a terabyte from 1 KB
    references, problems = parse_bib(text, "bomb.bib")
    errors = [p for p in problems if "macros expand to more than" in p.message]
    assert len(errors) == 1  # said once, where it happened
    (error,) = errors
    assert error.line is not None and 2 <= error.line <= 41
    assert f"{MAX_EXPANSION} times the file's size" in error.message
    assert [r.key for r in references] == ["k"]
    assert len(references[0].title) < 10 * len(text) + (1 << 21)


def test_macros_a_library_uses_are_expanded_as_ever() -> None:
    text = '@string{jn = "Journal of Peer Support"}\n' + "".join(
        f"@article{{k{n}, journal = jn, title = {{T}} # jn}}\n" for n in range(2000)
    )
    references, problems = parse_bib(text, "lib.bib")
    assert problems == []
    assert {r.journal for r in references} == {"Journal of Peer Support"}


def test_aliases_of_a_long_string_are_bounded_by_size() -> None:
    long = "x" * 50_000
    items = "".join(f"  - id: C{n}\n    text: *t\n    cites: []\n" for n in range(200))
    text = f"template: &t {long}\nclaims:\n{items}"
    result = parse_claims(text, "c.yaml")
    assert result.claims == []
    assert any("characters beyond those written out" in p.message for p in result.problems)
    few = f"template: &t {long}\nclaims:\n" + items.replace("C1", "D1", 1)[: len(items) // 50]
    assert not any("alias" in p.message for p in parse_claims(few, "c.yaml").problems)


def test_a_400_digit_value_is_a_located_error() -> None:
    huge = "1" * 400
    text = (
        "claims:\n  - id: C1\n    text: T\n    cites: []\n    numbers:\n"
        f"      - value: {huge}\n        quote: a lot\n"
    )
    result = parse_claims(text, "c.yaml")
    assert [(p.line, "too large to be a number" in p.message) for p in result.problems] == [
        (6, True)
    ]
    sources = parse_sources(
        "references:\n  k:\n    facts:\n      - id: n\n        label: people\n"
        f"        value: {huge}\n        role: sample size\n",
        "s.yaml",
    )
    assert [p.line for p in sources.problems if "must be a number" in p.message] == [6]


@pytest.mark.parametrize("unit", ["1,", "1-", "(1, ", "1 to "])
def test_number_extraction_grows_linearly(unit: str) -> None:
    """50,000 × "1," took 40 s when the extraction was quadratic; the run on 4× the input
    must simply finish (bench/bench_hostile.py keeps the figure), with 4× the findings."""
    small = extract_quantities(unit * 12_500)
    large = extract_quantities(unit * 50_000)
    assert len(large) == 4 * len(small)


def test_search_scores_at_most_a_bounded_part_of_each_field(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    title = "peer support " * 200_000  # 2.6 MB
    corpus = Corpus(references=[Reference(key="k", title=title), Reference(key="j", title="x")])
    longest: list[int] = []
    real = process.extract

    def watched(query: str, choices: list[str], **options: object) -> object:
        longest.append(max(map(len, choices), default=0))
        return real(query, choices, **options)  # type: ignore[call-overload]

    cleaned: list[int] = []
    clean = sanitize.clean

    def counted(text: str) -> str:
        cleaned.append(len(text))
        return clean(text)

    monkeypatch.setattr(scoring.process, "extract", watched)
    monkeypatch.setattr(sanitize, "clean", counted)
    hits = SearchIndex(corpus).search("ppeer suport")
    assert [h.id for h in hits] == ["k"]
    assert longest and max(longest) <= MAX_SCORED_CHARS
    assert len(hits[0].snippet) < 200 and len(hits[0].title) < 200
    assert cleaned and max(cleaned) <= MAX_SCORED_CHARS  # the label cleans a beginning only


def test_only_what_is_scored_is_indexed() -> None:
    """Tokens past the scored part could never make a hit: they are not indexed either."""
    far = "x " * MAX_SCORED_CHARS + "zebra"
    corpus = Corpus(references=[Reference(key="k", title=far), Reference(key="j", title="zebra")])
    index = SearchIndex(corpus)
    assert [h.id for h in index.search("zebra")] == ["j"]
    assert all(len(text) <= MAX_SCORED_CHARS for c in index._columns for text in c.texts)


def test_shorten_reads_on_while_cleaning_leaves_too_little() -> None:
    assert sanitize.shorten("a" + " " * 100_000 + "b", 10) == "a b"
    assert sanitize.shorten("x" * 100_000, 10) == "x" * 9 + "…"
    assert sanitize.shorten("\x1b[31m" * 1_000 + "word " * 10, 12) == "word word…"


def test_a_fixture_file_is_untouched(tmp_path: Path) -> None:
    """The bomb is read from a file as from text: through the same reader."""
    from peertui.core.bibtex.library import load_bib

    path = tmp_path / "bomb.bib"
    path.write_text(_string_bomb(30), encoding="utf-8")
    _, problems = load_bib(path)
    assert any("macros expand to more than" in p.message for p in problems)
