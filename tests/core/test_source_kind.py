"""A source that is a copy or report of the record (a registry mirror) is marked secondary."""

from __future__ import annotations

from peertui.core.bundle.load import load_bundle
from peertui.core.bundle.sources import parse_sources

SOURCES = """references:
  k:
    facts:
      - id: n
        value: 555
        role: registry enrollment
        status: verified
        source: a registry mirror
        source_kind: secondary
      - id: m
        value: 519
        role: sample size
        status: verified
        source: the publisher's page
      - id: o
        value: 1
        role: other
        status: verified
        source: somewhere
        source_kind: tertiary
"""


def test_the_loader_reads_source_kind_and_warns_on_others() -> None:
    loaded = parse_sources(SOURCES, "sources.yaml")
    kinds = [f.source_kind for f in loaded.reports["k"].facts]
    assert kinds == ["secondary", "primary", "primary"]
    assert [(p.line, p.severity) for p in loaded.problems] == [(20, "warning")]
    assert "source_kind 'tertiary' is not primary or secondary" in loaded.problems[0].message


def test_the_default_bundle_marks_its_mirrors_secondary() -> None:
    corpus = load_bundle()
    facts = [f for report in corpus.sources.values() for f in report.facts]
    results = [r for report in corpus.sources.values() for r in report.results]
    for record in [*facts, *results]:
        mirror = any(
            site in record.source
            for site in (
                "togetherall",
                "meddatax",
                "qxmd",
                "medpagetoday",
                "HealthDay",
                "blog",
                "nihr",
            )
        )
        primary = any(site in record.source for site in ("isrctn.com", "psychiatryonline", "PMC"))
        assert record.source_kind == ("secondary" if mirror and not primary else "primary"), (
            record.id,
            record.source,
        )
    assert corpus.problems == []
