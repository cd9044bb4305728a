"""`peertui init`: end to end through the command line, exit codes, hostile input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from peertui.cli.main import main
from tests.core.ingest.samples import JATS, TEI, encrypt, make_pdf


def _init(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(["init", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def _check(capsys, bundle: Path) -> list[dict]:
    main(["check", str(bundle), "--json"])
    out, _ = capsys.readouterr()
    return [p for p in json.loads(out)["problems"] if p["severity"] == "error"]


def test_jats_end_to_end(tmp_path, capsys) -> None:
    source = tmp_path / "walk.xml"
    source.write_text(JATS, encoding="utf-8")
    code, out, err = _init(capsys, str(source))
    assert (code, err) == (0, "")
    assert f"Drafted {tmp_path / 'walk'} from {source} (jats)" in out
    assert "4 references parsed" in out
    assert "7 citation markers: 6 linked, 1 unresolved" in out
    assert "claim C005: unresolved marker 9" in out
    assert _check(capsys, tmp_path / "walk") == []


def test_tei_end_to_end_with_json(tmp_path, capsys) -> None:
    source = tmp_path / "g.tei.xml"
    source.write_text(TEI, encoding="utf-8")
    code, out, _ = _init(capsys, str(source), "-o", str(tmp_path / "out"), "--json")
    summary = json.loads(out)
    assert code == 0
    assert (summary["form"], summary["references"], summary["markers_unresolved"]) == ("tei", 1, 1)
    assert _check(capsys, tmp_path / "out") == []


def test_an_existing_draft_is_kept_without_force(tmp_path, capsys) -> None:
    source = tmp_path / "walk.xml"
    source.write_text(JATS, encoding="utf-8")
    assert _init(capsys, str(source))[0] == 0
    code, out, err = _init(capsys, str(source))
    assert code == 2 and out == ""
    assert "walk: is not empty; pass --force" in err
    assert _init(capsys, str(source), "--force")[0] == 0


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("junk.pdf", bytes(range(256)) * 64, "binary content"),
        ("fake.pdf", b"%PDF-1.7\n" + b"\x00\xff" * 500, "not a readable PDF"),
        ("locked.pdf", None, "the PDF is encrypted"),
        ("scan.pdf", make_pdf([[], []]), "no text layer"),
        (
            "bomb.xml",
            b'<!DOCTYPE article [<!ENTITY a "aaaa">]><article>&a;</article>',
            "bomb.xml:1: the XML declares entities",
        ),
        ("broken.xml", b"<article>\n<p></article>", "broken.xml:2: not well-formed XML"),
        (
            "deep.xml",
            b"<article><body>" + b"<sec>" * 50000 + b"</sec>" * 50000 + b"</body></article>",
            "nested too deeply",
        ),
    ],
    ids=["binary", "damaged-pdf", "encrypted-pdf", "no-text-pdf", "entities", "malformed", "deep"],
)
def test_unusable_input_exits_2_with_a_message(tmp_path, capsys, name, data, message) -> None:
    if data is None:
        data = encrypt(make_pdf([["Walking improves mood in adults. " * 3] * 30]))
    source = tmp_path / name
    source.write_bytes(data)
    code, out, err = _init(capsys, str(source))
    assert code == 2 and out == ""
    assert message in err and "Traceback" not in err
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]  # nothing written


def test_a_50_mb_text_is_refused_quickly(tmp_path, capsys) -> None:
    source = tmp_path / "huge.txt"
    line = "Walking improves mood in adults and we followed 120 of them [1].\n"
    with source.open("w") as handle:
        for _ in range(50 * 1024 * 1024 // len(line) + 1):
            handle.write(line)
    code, _, err = _init(capsys, str(source))
    assert code == 2
    assert "too large for an article" in err


def test_missing_source(tmp_path, capsys) -> None:
    code, _, err = _init(capsys, str(tmp_path / "nope.xml"))
    assert code == 2 and "nope.xml: no such file" in err


def test_init_never_imports_textual(tmp_path) -> None:
    source = tmp_path / "walk.xml"
    source.write_text(JATS, encoding="utf-8")
    probe = (
        "import sys\nfrom peertui.cli.main import main\n"
        f"code = main(['init', {str(source)!r}, '--json'])\n"
        "assert code == 0, code\n"
        "bad = [m for m in ('textual', 'pypdf') if m in sys.modules]\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", probe], check=True, capture_output=True)


TEXT = """Walking and mood

Introduction

Walking improves mood in adults [1]. Groups that met weekly did better [2].
We followed 120 adults for 12 weeks.

References

1. Smith J, Lee K. Walking and mood. J Walk. 2012;3:10-19.
2. Ng P. Group walking. Gait. 2015;7:1-9.
"""


@pytest.mark.parametrize(
    ("name", "data", "form"),
    [
        ("walk.txt", TEXT.encode(), "text"),
        (
            "walk.md",
            TEXT.replace("Walking and mood\n", "# Walking and mood\n")
            .replace("Introduction\n", "## Introduction\n")
            .replace("References\n", "## References\n")
            .encode(),
            "markdown",
        ),
        ("walk.pdf", make_pdf([TEXT.splitlines() * 1]), "pdf"),
    ],
    ids=["text", "markdown", "pdf"],
)
def test_text_routes_end_to_end(tmp_path, capsys, name, data, form) -> None:
    source = tmp_path / name
    source.write_bytes(data)
    code, out, err = _init(capsys, str(source), "--json")
    assert code == 0, err
    summary = json.loads(out)
    assert (summary["form"], summary["references"]) == (form, 2)
    assert summary["markers_linked"] == 2
    assert _check(capsys, tmp_path / "walk") == []
    bib = (tmp_path / "walk" / "references.bib").read_text(encoding="utf-8")
    assert "Smith J, Lee K. Walking and mood. J Walk. 2012;3:10-19.}" in bib
    article = (tmp_path / "walk" / "article.md").read_text(encoding="utf-8")
    assert article.count("Smith J, Lee K. Walking and mood.") == 1
    assert "1. 1." not in article


def test_a_paragraph_of_many_markers_is_read_in_linear_time(tmp_path, capsys) -> None:
    xrefs = "".join(
        f'<xref ref-type="bibr" rid="r{i % 50}">{i % 50 + 1}</xref>, ' for i in range(60000)
    )
    refs = "".join(
        f'<ref id="r{i}"><label>{i + 1}</label>'
        f"<mixed-citation>A{i}. T. J 1: {i}.</mixed-citation></ref>"
        for i in range(50)
    )
    source = tmp_path / "many.xml"
    source.write_text(
        f"<article><body><p>Many [{xrefs}].</p></body>"
        f"<back><ref-list>{refs}</ref-list></back></article>"
    )
    code, out, _ = _init(capsys, str(source), "--json")
    assert code == 0
    assert json.loads(out)["markers_linked"] == 60000


def test_a_fifo_as_the_article_is_refused_at_once(tmp_path, capsys) -> None:
    """Read through the one safe reader: no wait for a writer that never comes."""
    import os

    source = tmp_path / "article.txt"
    os.mkfifo(source)
    code, _, err = _init(capsys, str(source))
    assert code == 2
    assert f"{source}: is not a regular file" in err
