"""Any article file -> Document: its form sniffed from its bytes, then the one reader for it.

Readers are imported only when their form is met, so drafting from XML never loads the PDF
library, and none of them loads the app.
"""

from __future__ import annotations

import errno
from collections.abc import Callable
from pathlib import Path

from peertui.core.errors import UnusableInput
from peertui.core.ingest.model import Document
from peertui.core.ingest.sniff import sniff
from peertui.core.safeio import NotReadable, read_regular

#: Larger than any article's text or XML (a long review is a few MB); PDFs may be larger.
MAX_TEXT_BYTES = 20 * 1024 * 1024
MAX_PDF_BYTES = 200 * 1024 * 1024

Progress = Callable[[float], None]


def read_source(path: Path, progress: Progress | None = None) -> Document:
    """The Document of the article file at `path`; UnusableInput for anything unusable."""
    path = Path(path)
    if not path.exists():
        raise UnusableInput(path, "no such file")
    try:  # a FIFO or a device is refused at once, and no read goes past the bound
        data, _ = read_regular(path, limit=MAX_PDF_BYTES)
    except NotReadable as error:
        if error.errno == errno.EFBIG:
            too_large = f"{_mb(path.stat().st_size)} is too large for an article"
            raise UnusableInput(path, too_large) from None
        raise UnusableInput(path, "is not a regular file") from None
    except OSError as error:
        reason = "permission denied" if isinstance(error, PermissionError) else str(error)
        raise UnusableInput(path, reason) from None
    return read_bytes(data, path, progress)


def read_bytes(data: bytes, source: Path | str, progress: Progress | None = None) -> Document:
    """The Document of an article's bytes (`source` names it in messages)."""
    form = sniff(data, source)
    if form != "pdf" and len(data) > MAX_TEXT_BYTES:
        raise UnusableInput(
            source,
            f"{_mb(len(data))} of {form} is too large for an article "
            f"(at most {_mb(MAX_TEXT_BYTES)})",
        )
    if form in ("jats", "tei"):
        try:
            if form == "jats":
                from peertui.core.ingest.jats import read_jats

                return read_jats(data, source)
            from peertui.core.ingest.tei import read_tei

            return read_tei(data, source)
        except RecursionError:
            raise UnusableInput(source, "the XML is nested too deeply to be an article") from None
    if form == "pdf":
        from peertui.core.ingest.pdf import read_pdf

        return read_pdf(data, source, progress)
    from peertui.core.ingest.text import read_text

    return read_text(decode(data), form=form, source=str(source))


def decode(data: bytes) -> str:
    """Text bytes as text: UTF-8 (with or without its mark), else Windows-1252 / Latin-1."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            return data.decode("latin-1")


def _mb(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB"
