"""Unknown LaTeX macros keep their text and spacing, are listed once, and a .bib written back
keeps what it read: protecting braces, `\\path|...~beebe/|`."""

from __future__ import annotations

from pathlib import Path

import pytest

from peertui.core.bibtex.latex import decode_latex, unknown_macros
from peertui.core.bibtex.library import load_bib, parse_bib
from peertui.core.bibtex.write import reference_to_bib

TUGBOAT = r"""@String{ack-nhfb = "Nelson H. F. Beebe, e-mail: \path|beebe@math.utah.edu|, URL: \path|http://www.math.utah.edu/~beebe/|"}

@Article{Knuth:1982:HYP,
  author =       "Donald E. Knuth",
  title =        "{{\TeX} and hyphenation}",
  year =         "1982",
  acknowledgement = ack-nhfb,
  remark =       "Setting{\Dash}an example in \acro{TUG} and \TUB{} news by \Zork\ today",
}

@Article{Other:1983,
  title =        "\Zork{} again, \Blorb",
  year =         "1983",
}
"""


@pytest.mark.parametrize(
    ("latex", "text", "unknown"),
    [
        (r"setting{\Dash}an example", "setting — an example", ()),
        (r"\acro{TUG} meeting", "TUG meeting", ("acro",)),
        (r"a \Zork\ b and \Blorb{}c", "a Zork b and Blorb c", ("Zork", "Blorb")),
        (r"(\CTAN)", "(CTAN)", ("CTAN",)),
        (r"see \path|http://x.org/~beebe/|", "see http://x.org/~beebe/", ()),
        (r"\url{http://x.org/~a%20b}", "http://x.org/~a%20b", ()),
        (r"{\noopsort{a}}Smith", "Smith", ()),
    ],
)
def test_unknown_macros_keep_their_text_and_spacing(
    latex: str, text: str, unknown: tuple[str, ...]
) -> None:
    assert decode_latex(latex) == text
    assert unknown_macros(latex) == unknown


def test_a_library_lists_its_unknown_macros_once() -> None:
    refs, problems = parse_bib(TUGBOAT, "tugboat.bib")
    knuth = refs[0]
    assert knuth.extra["remark"] == "Setting — an example in TUG and TUGboat news by Zork today"
    assert knuth.extra["acknowledgement"].endswith("URL: http://www.math.utah.edu/~beebe/")
    assert [(p.line, p.severity, p.message) for p in problems] == [
        (
            8,
            "warning",
            r"unknown LaTeX macros \acro, \Zork, \Blorb (first in 'Knuth:1982:HYP'): each is "
            "shown as its argument, or as its name when it has none",
        )
    ]


def test_the_bib_writer_writes_back_what_it_read() -> None:
    refs, _ = parse_bib(TUGBOAT, "tugboat.bib")
    written = reference_to_bib(refs[0])
    assert "  title = {{{\\TeX} and hyphenation}},\n" in written
    assert r"URL: \path|http://www.math.utah.edu/~beebe/|}," in written
    assert "/ beebe/" not in written
    again, problems = parse_bib(written, "again.bib")
    assert [p.message for p in problems if "unknown LaTeX" not in p.message] == []
    assert again[0].title == refs[0].title and again[0].extra == refs[0].extra
    assert again[0].written == refs[0].written


def test_a_changed_value_is_written_from_its_text() -> None:
    refs, _ = parse_bib(TUGBOAT, "tugboat.bib")
    refs[0].title = "TeX and hyphenation, revised"
    assert "  title = {TeX and hyphenation, revised},\n" in reference_to_bib(refs[0])


def test_values_as_written_survive_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PEERTUI_CACHE_DIR", str(tmp_path / "cache"))
    path = tmp_path / "tugboat.bib"
    path.write_text(TUGBOAT, encoding="utf-8")
    first, _ = load_bib(path)
    monkeypatch.setattr("peertui.core.bibtex.library.parse_bib", None)  # a second parse would fail
    second, problems = load_bib(path)
    assert [r.written for r in second] == [r.written for r in first]
    assert second[0].written["title"] == r"{{\TeX} and hyphenation}"
    assert len(problems) == 1
