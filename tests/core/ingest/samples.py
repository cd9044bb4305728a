"""Small synthetic articles in each input form, written for these tests (no real article)."""

from __future__ import annotations

import io
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"
#: A numeric-style JATS article: mixed and element citations, a range, a superscript, a lost rid.
JATS = (FIXTURES / "walking.jats.xml").read_text(encoding="utf-8")
#: A GROBID TEI article: author-year, one marker without a target.
TEI = (FIXTURES / "graphs.tei.xml").read_text(encoding="utf-8")


def make_pdf(pages: list[list[str]]) -> bytes:
    """A PDF whose pages show `pages` (lines of text) in Helvetica; a page with no lines has
    only a drawn rectangle, so no text layer."""
    objects: list[bytes] = []
    kids = []
    font_id = 3 + 2 * len(pages)
    for index, lines in enumerate(pages):
        page_id, content_id = 3 + 2 * index, 4 + 2 * index
        kids.append(f"{page_id} 0 R")
        if lines:
            ops = ["BT", "/F1 11 Tf", "14 TL", "72 760 Td"]
            for line in lines:
                escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
                ops.append(f"({escaped}) Tj T*")
            ops.append("ET")
        else:
            ops = ["0 0 0 RG", "72 72 400 600 re S"]
        stream = "\n".join(ops).encode("latin-1")
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents {content_id} 0 R "
            f"/Resources << /Font << /F1 {font_id} 0 R >> >> >>".encode()
        )
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    head = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {len(pages)} >>".encode(),
    ]
    font = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
    body = [*head, *objects, font]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, obj in enumerate(body, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + obj + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(body) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(body) + 1, xref)
    )
    return out.getvalue()


ARTICLE_LINES = [
    "Walking and mood: a short report",
    "",
    "Introduction",
    "Walking improves mood in adults [1]. Groups that met weekly did better [2].",
    "We followed 120 adults for 12 weeks.",
    "",
    "References",
    "1. Smith J, Lee K. Walking and mood. J Walk. 2012;3:10-19.",
    "2. Ng P. Group walking. Gait. 2015;7:1-9.",
]


def encrypt(pdf: bytes, password: str = "secret") -> bytes:
    """`pdf` encrypted with a user password (RC4, which pypdf reads without extra packages)."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    writer.encrypt(user_password=password, owner_password="owner", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
