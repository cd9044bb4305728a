"""Large bibliographies written by others, when the system has them (TeX Live's BibTeX files).

They are never copied into the repository: each test runs only where the file is installed.
The small fixtures in tests/core/hostile/ and test_bib.py reproduce what these files exposed.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from peertui.cli.main import main
from peertui.core.bibtex.latex import decode_latex
from peertui.core.bibtex.library import load_bib
from peertui.core.models import Corpus
from peertui.core.search.engine import SearchIndex

TEXMF = Path("/usr/share/texlive/texmf-dist/bibtex/bib")
#: (file, entries BibTeX reads, a search and the key it must find first or among the hits).
LIBRARIES = [
    ("base/xampl.bib", 36, "Knuth", None),
    ("biblatex/biblatex/biblatex-examples.bib", 92, "Knuth", None),
    ("beebe/tugboat.bib", 4839, "Jurgensen", "Jurgensen:TB5-2-91"),
    ("beebe/texbook3.bib", 859, "Knuth", None),
    ("beebe/epodd.bib", 183, "font", None),
]


@pytest.mark.parametrize(
    ("name", "entries", "query", "key"), LIBRARIES, ids=[n for n, *_ in LIBRARIES]
)
def test_a_real_library_loads_searches_and_exports(
    name: str, entries: int, query: str, key: str | None, capsys: pytest.CaptureFixture[str]
) -> None:
    path = TEXMF / name
    if not path.is_file():
        pytest.skip(f"{path} is not installed")
    references, problems = load_bib(path)
    assert len(references) == entries
    assert all(p.line is None or p.line >= 1 for p in problems)
    hits = SearchIndex(Corpus(references=references)).search(query, limit=5)
    assert hits
    if key is not None:
        assert key in [h.id for h in hits]
    for argv in (["check"], ["search", query], ["export", "--format", "json"]):
        code = main([argv[0], "--bib", str(path), *argv[1:]])
        out, err = capsys.readouterr()
        assert code in (0, 1), err
        assert "Traceback" not in out + err and "internal error" not in err
    assert len(json.loads(out)["references"]) == entries


def test_tugboat_titles_keep_their_tex_logos() -> None:
    path = TEXMF / "beebe/tugboat.bib"
    if not path.is_file():
        pytest.skip(f"{path} is not installed")
    references, _ = load_bib(path)
    titles = {r.key: r.title for r in references}
    assert titles["Vesely:TB12-1-176"] == "TeX in Czechoslovakia"
    assert titles["Fuss:TB8-1-46"] == "TeX&Co. on the ST, Part 2"


@pytest.mark.parametrize(
    ("latex", "text"),
    [
        (r"{{\TeX} in Czechoslovakia}", "TeX in Czechoslovakia"),
        (r"{{\TeX\&Co.}} on the {ST}", "TeX&Co. on the ST"),
        (r"\LaTeX{} and \LaTeXe", "LaTeX and LaTeX2e"),
        (r"The \TeX{}book", "The TeXbook"),
        (r"{\BibTeX} styles, \AmS-\LaTeX", "BibTeX styles, AMS-LaTeX"),
        (r"\MF{} and \METAPOST $x$", "METAFONT and MetaPost x"),
        (r"\TeXnicalities", "TeXnicalities"),  # an unknown macro: its name, not \TeX + "nicalities"
    ],
)
def test_tex_logos_are_decoded_not_dropped(latex: str, text: str) -> None:
    assert decode_latex(latex) == text
