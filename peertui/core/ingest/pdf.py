"""PDF -> its text layer -> the plain-text reader.

pypdf reads the text (pure Python, a 0.4 MB wheel with no dependencies; it found every
reference string of both corpus PDFs where pdfminer.six, 6.6 MB with two dependencies, missed
four). The text is tidied only where a PDF's layout, not the article, put something: ligature
glyphs, control characters, words hyphenated across a line break. An encrypted PDF or one
without a text layer (a scan) is refused with what to do about it.
"""

from __future__ import annotations

import io
import logging
import re
from collections.abc import Callable
from pathlib import Path

from peertui.core.errors import UnusableInput
from peertui.core.ingest.model import Document

#: Fewer letters than this per page on average: no text layer worth reading (a scan).
MIN_LETTERS_PER_PAGE = 200
_LIGATURES = str.maketrans(
    {"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "ft", "ﬆ": "st"}
)
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
#: "exam-\nple" -> "example": a hyphen at a line's end before a lower-case word.
_BROKEN_WORD = re.compile(r"(?<=[a-z])-\n(?=[a-z])")


def pdf_text(
    data: bytes, source: str | Path = "", progress: Callable[[float], None] | None = None
) -> str:
    """The text layer of a PDF, page by page; `progress` gets the share of pages read."""
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # a damaged PDF's every quirk
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise FileNotDecryptedError("a password is needed")
        pages = reader.pages
        count = len(pages)
        texts = []
        for number, page in enumerate(pages, start=1):
            texts.append(page.extract_text() or "")
            if progress is not None:
                progress(number / count)
    except (FileNotDecryptedError, DependencyError):
        raise UnusableInput(
            source, "the PDF is encrypted; decrypt it first (for example: qpdf --decrypt)"
        ) from None
    except Exception as error:  # a damaged PDF fails inside pypdf in any of a dozen ways
        raise UnusableInput(source, f"not a readable PDF ({type(error).__name__})") from None
    if not count:
        raise UnusableInput(source, "the PDF has no pages")
    text = tidy("\n\n".join(texts))
    if sum(ch.isalpha() for ch in text) < MIN_LETTERS_PER_PAGE * count / 4:
        raise UnusableInput(
            source,
            f"the PDF has no text layer ({count} pages, almost no text: a scan?); "
            "run OCR on it first, or use the article's XML or text",
        )
    return text


def tidy(text: str) -> str:
    """Undo what PDF layout does to text: ligature glyphs, stray control characters and
    words broken across lines."""
    text = _CONTROLS.sub("", text.translate(_LIGATURES))
    return _BROKEN_WORD.sub("", text)


def read_pdf(
    data: bytes, source: str | Path = "", progress: Callable[[float], None] | None = None
) -> Document:
    """A Document from a PDF's text layer, read as plain text laid out in lines."""
    text = pdf_text(data, source, progress)
    from peertui.core.ingest.text import read_text

    doc = read_text(text, form="pdf", source=str(source))
    doc.form = "pdf"
    return doc
