"""Properties over arbitrary input: loaders return problems instead of raising, exporters never
crash, and JSON gives back exactly the values it was given.

test_export.py already checks that `bib_escape` round-trips through both BibTeX readers and
test_extract.py that number spans stay verbatim; these properties cover the loaders and the
exporters as whole functions.
"""

from __future__ import annotations

import csv
import io
import json
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from peertui.core.bibtex.library import parse_bib
from peertui.core.bundle.article import parse_article
from peertui.core.bundle.claims import parse_claims
from peertui.core.export.formats import FORMATS
from peertui.core.export.tables import render
from peertui.core.models import Claim, Corpus, Problem, Reference

CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
FAST = settings(max_examples=200, deadline=None)

#: Any text, and text built from the characters each format treats specially, so that the
#: interesting paths (entry starts, braces, YAML indicators, front matter) are hit often.
_ANY = st.text(max_size=300)
_BIB_TEXT = st.text(st.sampled_from(list('@{}()=,"#%\\\n \tak')), max_size=60)
_BIB_LIKE = st.lists(
    st.one_of(
        _BIB_TEXT,
        st.sampled_from(["@article{k,", "@string{m = ", "title = {x},", "}", "\n", "@comment"]),
    ),
    max_size=12,
).map("".join)
_YAML_LIKE = st.lists(
    st.one_of(
        st.sampled_from(
            [
                "claims:",
                "\n",
                "  - ",
                "id: ",
                "text: ",
                "cites: [",
                "]",
                "numbers:",
                "value: ",
                "quote: ",
                "!!python/object:os.system",
                "&a",
                "*a",
                "{",
                "}",
                ": ",
                "'",
                '"',
                "#",
                "\t",
                "---",
                "1e999",
                "C1",
                "x",
            ]
        ),
        st.text(max_size=8),
    ),
    max_size=30,
).map("".join)
_MD_LIKE = st.lists(
    st.one_of(
        st.sampled_from(["---", "\n", "title: ", "authors: [", "# ", "## References", "1. ", ":"]),
        st.text(max_size=10),
    ),
    max_size=25,
).map("".join)


def _problems_are_values(problems: list[Problem], filename: str) -> None:
    for problem in problems:
        assert problem.file == filename
        assert problem.line is None or problem.line >= 1
        assert problem.severity in ("error", "warning")
        assert str(problem).startswith(filename)


@FAST
@given(st.one_of(_ANY, _BIB_LIKE))
def test_bib_loader_never_raises(text: str) -> None:
    references, problems = parse_bib(text, "x.bib")
    _problems_are_values(problems, "x.bib")
    assert len({r.key for r in references}) == len(references)


@FAST
@given(st.one_of(_ANY, _YAML_LIKE))
def test_claims_loader_never_raises(text: str) -> None:
    loaded = parse_claims(text, "c.yaml")
    _problems_are_values(loaded.problems, "c.yaml")
    assert len({c.id for c in loaded.claims}) == len(loaded.claims)


@FAST
@given(st.one_of(_ANY, _MD_LIKE))
def test_article_loader_never_raises(text: str) -> None:
    _article, problems = parse_article(text, "a.md")
    _problems_are_values(problems, "a.md")


_FIELD = st.text(max_size=40)


@st.composite
def corpora(draw: st.DrawFn) -> Corpus:
    """A small corpus whose every text field is arbitrary (control characters included)."""
    keys = draw(st.lists(st.text(min_size=1, max_size=10), min_size=1, max_size=3, unique=True))
    references = [
        Reference(
            key=key,
            authors=draw(st.lists(_FIELD, max_size=3)),
            title=draw(_FIELD),
            journal=draw(_FIELD),
            year=draw(_FIELD),
            pages=draw(_FIELD),
            doi=draw(_FIELD),
            number=i + 1,
            extra=draw(st.dictionaries(st.sampled_from(["note", "pmid", "url"]), _FIELD)),
        )
        for i, key in enumerate(keys)
    ]
    claims = [
        Claim(
            id=f"C{i}",
            text=draw(_FIELD),
            cites=draw(st.lists(st.sampled_from([*keys, "missing"]), max_size=3)),
            section=draw(_FIELD),
            kind=draw(_FIELD),
            notes=draw(_FIELD),
        )
        for i in range(draw(st.integers(0, 3)))
    ]
    return Corpus(references=references, claims=claims)


@FAST
@given(corpora())
def test_exporters_never_crash_and_text_formats_hold_no_control_characters(
    corpus: Corpus,
) -> None:
    for fmt in FORMATS:
        text = render(corpus, fmt)
        assert text == "" or text.endswith("\n")  # a BibTeX export of no cited reference
        assert not CONTROL.search(text)
    rows = list(csv.reader(io.StringIO(render(corpus, "csv"))))
    assert len(rows) == 1 + len(corpus.claims)
    assert len(render(corpus, "tsv").splitlines()) == 1 + len(corpus.claims)


@FAST
@given(corpora())
def test_json_export_round_trips_every_field(corpus: Corpus) -> None:
    document = json.loads(render(corpus, "json"))
    # With no claim cited, every reference is exported; with claims, the cited ones in order.
    exported = {r["key"]: r for r in document["references"]}
    for ref in corpus.references:
        if ref.key not in exported:
            continue
        got = exported[ref.key]
        assert (got["title"], got["journal"], got["year"], got["doi"]) == (
            ref.title,
            ref.journal,
            ref.year,
            ref.doi,
        )
        assert got["authors"] == ref.authors
        assert got["pages"] == ref.pages
        assert got["extra"] == ref.extra
    assert [c["id"] for c in document["claims"]] == [c.id for c in corpus.claims]
    for got, claim in zip(document["claims"], corpus.claims, strict=True):
        assert (got["text"], got["section"], got["kind"], got["notes"]) == (
            claim.text,
            claim.section,
            claim.kind,
            claim.notes,
        )
