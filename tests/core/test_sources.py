"""The sources file: what cited references report, read safely with every problem located."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

from peertui.core.bundle.load import default_bundle_dir, load_bundle, resolve_bundle
from peertui.core.bundle.sources import all_results, cited_facts, mentions_result, parse_sources

FIXTURE = Path(__file__).parent / "fixtures" / "loaders" / "bundle"


def parse(text: str):
    return parse_sources(textwrap.dedent(text), "sources.yaml")


def messages(text: str) -> list[str]:
    return [f"{p.line}:{p.severity}:{p.message}" for p in parse(text).problems]


def test_a_full_entry_is_read() -> None:
    loaded = parse(
        """\
        references:
          smith2020:
            note: one trial
            facts:
              - id: n
                label: randomised
                value: 120
                unit: participants
                role: sample size
                wording: "120 participants were randomised"
                status: verified
                source: the abstract
            results:
              - id: r1
                outcome: hospital-readmission
                timepoint: one year
                arms:
                  - {label: peer, events: 10, total: 60, percent: 17}
                  - {label: usual care, events: 20, total: 60}
                reported: {measure: odds ratio, value: 0.4, low: 0.2, high: 0.9, p: "<0.01",
                           status: unverified}
                status: verified
                source: the paper
        """
    )
    assert loaded.problems == []
    report = loaded.reports["smith2020"]
    assert report.note == "one trial" and report.line == 2
    fact = report.facts[0]
    assert (fact.value, fact.unit, fact.role, fact.status, fact.verified) == (
        120.0,
        "participants",
        "sample size",
        "verified",
        True,
    )
    assert fact.wording == "120 participants were randomised" and fact.line == 5
    result = report.results[0]
    assert result.counts == (10, 60, 20, 60)
    assert result.arms[0].percent == 17 and result.arms[1].percent is None
    assert result.reported is not None
    assert (result.reported.p, result.reported.p_relation, result.reported.status) == (
        0.01,
        "<",
        "unverified",
    )


def test_problems_name_their_lines_and_bad_entries_are_dropped() -> None:
    found = messages(
        """\
        references:
          smith2020:
            facts:
              - id: a
                value: "120"
                role: sample size
                status: verified
              - id: b
                value: 8
                role: duration
                status: maybe
              - id: b
                value: 9
                role: duration
                status: verified
            results:
              - id: r
                arms:
                  - {label: peer, events: 70, total: 60}
                  - {label: usual, events: 1, total: 60, percent: 50}
                reported: {measure: odds ratio, value: 2, low: 0.1, high: 0.9}
                colour: blue
        """
    )
    assert found == [
        "5:error:reference 'smith2020' fact 1: 'value' must be a number, got '120' "
        "(write it without quotes)",
        "11:error:reference 'smith2020' fact 2: status 'maybe' is not one of verified, "
        "unverified; read as unverified",
        "12:error:reference 'smith2020': duplicate id 'b' (first at line 8); skipped",
        "17:warning:reference 'smith2020' result 1: 'status' is missing (verified or "
        "unverified); read as unverified",
        "19:error:reference 'smith2020' result 1 arm 1: events 70 out of 60 is impossible",
        "20:warning:reference 'smith2020' result 1 arm 2: 1/60 is 1.7%, not the 50% given",
        "21:error:reference 'smith2020' result 1 reported: 2 lies outside its interval; dropped",
        "22:warning:reference 'smith2020' result 1: unknown key 'colour' is ignored",
    ]


def test_missing_status_and_role_are_warnings() -> None:
    loaded = parse(
        """\
        references:
          smith2020:
            facts:
              - {id: a, value: 3}
        """
    )
    assert [p.severity for p in loaded.problems] == ["warning", "warning"]
    assert loaded.reports["smith2020"].facts[0].status == "unverified"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[1, 2]\n", "1:error:expected a mapping with 'references', got a list"),
        ("other: 1\n", "1:warning:the file: unknown key 'other' is ignored"),
        ("references: [a]\n", "1:error:'references' must be a mapping of bib key: report"),
        ("references:\n  k: [1]\n", "2:error:reference 'k' must be a mapping"),
        ("references: {k: {facts: 3}}\n", "1:error:reference 'k': 'facts' must be a list"),
        ("references: {k: !!python/object:os.system {}}\n", "1:error:YAML error"),
    ],
)
def test_malformed_files_are_reported(text: str, expected: str) -> None:
    assert any(m.startswith(expected) for m in messages(text)), messages(text)


def test_p_must_be_a_probability() -> None:
    found = messages(
        """\
        references:
          k:
            results:
              - id: r
                status: verified
                reported: {measure: odds ratio, value: 1.2, p: 3, status: verified}
        """
    )
    assert found == [
        "6:error:reference 'k' result 1 reported: p must be a number from 0 to 1, got 3"
    ]


def test_the_default_bundle_has_its_sources() -> None:
    corpus = load_bundle()
    assert corpus.paths["sources"] == default_bundle_dir() / "sources.yaml"
    assert not [p for p in corpus.problems if "sources" in p.file]
    assert set(corpus.sources) == {r.key for r in corpus.references}
    wrap = {f.id: f for f in corpus.sources["cook2012b_wrap_schizbull"].facts}
    assert (wrap["randomised"].value, wrap["randomised"].role) == (519, "sample size")
    assert (wrap["registry-enrollment"].value, wrap["registry-enrollment"].role) == (
        555,
        "registry enrollment",
    )
    core = corpus.sources["johnson2018_core_lancet"]
    readmission = next(r for r in core.results if r.id == "readmission-1y")
    assert readmission.counts == (64, 218, 83, 216)
    assert readmission.reported is not None
    assert (readmission.reported.value, readmission.reported.low, readmission.reported.high) == (
        0.66,
        0.43,
        0.99,
    )
    assert readmission.reported.p == 0.0438
    # A fact the record marks as not confirmed keeps that status.
    assert {f.id: f.status for f in core.facts}["follow-up-18-months"] == "unverified"
    # An editorial reports no numbers: its entry has none.
    assert corpus.sources["gillard2019_jmh"].facts == []


def test_cited_facts_and_results_follow_the_citation_order() -> None:
    corpus = load_bundle()
    keys = ["cook2012b_wrap_schizbull", "cook2012a_wrap_psychservices"]
    facts = cited_facts(corpus, keys)
    assert facts[0][0] == "cook2012b_wrap_schizbull" and facts[-1][0] == keys[1]
    assert cited_facts(corpus, ["nosuch"]) == []
    results = all_results(corpus)
    assert [key for key, _ in results][:1] == ["cook2012a_wrap_psychservices"]


def test_a_caption_names_a_result_by_outcome_and_timepoint() -> None:
    corpus = load_bundle()
    result = next(r for _, r in all_results(corpus) if r.id == "readmission-1y")
    assert mentions_result(corpus, "Figure 1. Hospital readmission rates at one year", result)
    assert not mentions_result(corpus, "Figure 1. Hospital readmission rates at 4 months", result)
    assert not mentions_result(corpus, "Figure 2. Satisfaction at one year", result)


def test_a_bundle_without_sources_loads_as_before(tmp_path: Path) -> None:
    target = tmp_path / "bundle"
    shutil.copytree(FIXTURE, target)
    corpus = load_bundle(target)
    assert corpus.sources == {} and "sources" not in corpus.paths


def test_sources_file_in_a_bundle_and_named_as_target(tmp_path: Path) -> None:
    target = tmp_path / "bundle"
    shutil.copytree(FIXTURE, target)
    sources = target / "sources.yaml"
    sources.write_text(
        "references:\n  smith2020:\n    facts:\n      - {id: n, value: 120, role: sample size,"
        " status: verified}\n      - {id: bad, value: x, role: duration, status: verified}\n",
        encoding="utf-8",
    )
    corpus = load_bundle(target)
    assert corpus.paths["sources"] == sources
    assert [f.id for f in corpus.sources["smith2020"].facts] == ["n"]
    assert [(p.file, p.line) for p in corpus.errors] == [(str(sources), 5)]
    assert resolve_bundle(sources)["sources"] == sources
    assert resolve_bundle(sources)["claims"] == target / "claims.yaml"
