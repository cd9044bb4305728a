"""Input forms told by content, not by name; junk refused."""

from __future__ import annotations

import pytest

from peertui.core.errors import UnusableInput
from peertui.core.ingest.sniff import sniff
from tests.core.ingest.samples import JATS, TEI, make_pdf


@pytest.mark.parametrize(
    ("data", "name", "form"),
    [
        (JATS.encode(), "paper.txt", "jats"),
        (b"\xef\xbb\xbf<article><body/></article>", "x", "jats"),
        (TEI.encode(), "paper.xml", "tei"),
        (JATS.replace('encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16"), "p.xml", "jats"),
        (make_pdf([["Hello"]]), "paper.txt", "pdf"),
        (
            b"# Title\n\nSome **bold** text [a](http://x.org).\n\n## Methods\n\n- item\n",
            "p",
            "markdown",
        ),
        (b"Plain title\n\nA paragraph of text (Smith, 2012).\n", "p.md", "markdown"),
        (b"Plain title\n\nA paragraph of text (Smith, 2012).\n", "p.txt", "text"),
        ("Zürich café – text\n".encode("latin-1", "replace"), "p", "text"),
    ],
)
def test_forms(data: bytes, name: str, form: str) -> None:
    assert sniff(data, name) == form


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary content"),
        (bytes(range(1, 32)) * 50, "binary content"),
        (b"", "empty"),
        (b"<html><body>x</body></html>", "HTML page"),
        (b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>', "neither JATS"),
    ],
)
def test_junk_is_refused(data: bytes, message: str) -> None:
    with pytest.raises(UnusableInput, match=message):
        sniff(data, "x.pdf")
