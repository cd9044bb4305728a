"""PDF text extraction: the text layer page by page, with progress; clear refusals."""

from __future__ import annotations

import pytest

from peertui.core.errors import UnusableInput
from peertui.core.ingest.pdf import pdf_text, tidy
from tests.core.ingest.samples import ARTICLE_LINES, encrypt, make_pdf


def test_text_layer_and_progress() -> None:
    shares: list[float] = []
    text = pdf_text(make_pdf([ARTICLE_LINES * 3, ARTICLE_LINES * 3]), "a.pdf", shares.append)
    assert "Walking improves mood in adults [1]." in text
    assert "2. Ng P. Group walking. Gait. 2015;7:1-9." in text
    assert shares == [0.5, 1.0]


def test_encrypted_pdf_is_refused_with_what_to_do() -> None:
    with pytest.raises(UnusableInput, match=r"a.pdf: the PDF is encrypted; decrypt it first"):
        pdf_text(encrypt(make_pdf([ARTICLE_LINES * 3])), "a.pdf")


def test_an_owner_password_only_pdf_is_read() -> None:
    text = pdf_text(encrypt(make_pdf([ARTICLE_LINES * 3]), password=""), "a.pdf")
    assert "Walking improves mood" in text


def test_a_pdf_without_text_layer_is_refused() -> None:
    with pytest.raises(UnusableInput, match=r"no text layer .*run OCR"):
        pdf_text(make_pdf([[], []]), "scan.pdf")


def test_a_damaged_pdf_is_refused() -> None:
    with pytest.raises(UnusableInput, match="not a readable PDF"):
        pdf_text(b"%PDF-1.4\n" + b"\x00garbage" * 100, "bad.pdf")


def test_tidy_undoes_layout_only() -> None:
    assert tidy("conﬁdence in exam-\nples of well-known\x07 things") == (
        "confidence in examples of well-known things"
    )
