"""An export's format follows its file name; a contradiction is refused, not written."""

from __future__ import annotations

from pathlib import Path

import pytest

from peertui.core.errors import ExportError
from peertui.core.export.choice import choose_format, default_format, export_summary
from peertui.core.models import Claim, Corpus, Reference


@pytest.mark.parametrize(
    ("name", "fmt", "chosen"),
    [
        (None, None, "csv"),
        (None, "json", "json"),
        ("out", None, "csv"),
        ("out", "md", "md"),
        ("t.TAB", None, "tsv"),
        ("lib.bib", "bib", "bib"),
        ("notes.markdown", None, "md"),
    ],
)
def test_the_format_follows_the_name(name: str | None, fmt: str | None, chosen: str) -> None:
    assert choose_format(None if name is None else Path(name), fmt) == chosen


@pytest.mark.parametrize(
    ("name", "fmt", "message"),
    [
        ("q.xlsx", None, "q.xlsx: peertui cannot write .xlsx files; use one of .bib, .bibtex"),
        ("lib.bib", "csv", "lib.bib: the extension .bib is for bib, not csv"),
        ("t.json", "md", "t.json: the extension .json is for json, not md"),
    ],
)
def test_a_contradiction_is_refused(name: str, fmt: str | None, message: str) -> None:
    with pytest.raises(ExportError, match="^" + message.replace(".", r"\.")):
        choose_format(Path(name), fmt)


def test_a_library_exports_references_and_says_so() -> None:
    refs = [Reference("a"), Reference("b")]
    library = Corpus(references=refs)
    assert default_format(library) == "bib"
    assert export_summary(library, "bib") == "2 references"
    bundle = Corpus(references=refs, claims=[Claim("C1", "x", cites=["a"])])
    assert default_format(bundle) == "csv"
    assert (export_summary(bundle, "csv"), export_summary(bundle, "bib")) == (
        "1 claim",
        "1 reference",
    )
