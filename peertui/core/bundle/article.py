"""article.md -> Article: front matter, body paragraphs with their lines, reference list.

The body is what claims quote and numbers are extracted from, so each paragraph keeps the line
it starts on; the article's own reference list is kept verbatim beside the .bib's record.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from peertui.core.bundle.safeyaml import LineMap, load_yaml
from peertui.core.models import Article, Problem
from peertui.core.textutil import normalise_ws, read_text_file

_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_ITEM = re.compile(r"^\s*(?:(\d+)[.)]|\[(\d+)\])\s+(.*)$")
_FENCE_END = ("---", "...")


def parse_article(text: str, filename: str) -> tuple[Article, list[Problem]]:
    """Split an article's text into front matter, body paragraphs and reference list."""
    problems: list[Problem] = []
    article = Article(path=filename)
    lines = text.splitlines()
    start = _front_matter(lines, article, filename, problems)
    _Splitter(article, filename, problems).run(lines, start)
    if not article.paragraphs:
        problems.append(Problem(filename, None, "no body text in this file", "warning"))
    return article, problems


def load_article(path: Path) -> tuple[Article, list[Problem]]:
    """Read and parse an article file; raises UnusableInput when it cannot be read at all."""
    text, problems = read_text_file(path)
    article, more = parse_article(text, str(path))
    return article, problems + more


def _front_matter(
    lines: list[str], article: Article, filename: str, problems: list[Problem]
) -> int:
    """Read the leading `---` block into `article`; return the index of the first body line."""
    if not lines or lines[0].strip() != "---":
        return 0
    end = next((i for i in range(1, len(lines)) if lines[i].strip() in _FENCE_END), None)
    if end is None:
        problems.append(
            Problem(filename, 1, "front matter is never closed by a '---' line; read as text")
        )
        return 0
    meta = load_yaml("\n".join(lines[1:end]), filename, problems, first_line=2)
    if meta is None:
        return end + 1
    if not isinstance(meta, LineMap):
        problems.append(Problem(filename, 2, "front matter must be a mapping (title: ...)"))
        return end + 1
    article.title = _scalar(meta, "title", filename, problems)
    article.affiliation = _scalar(meta, "affiliation", filename, problems)
    authors = meta.get("authors")
    if isinstance(authors, list):
        article.authors = [normalise_ws(str(a)) for a in authors if _is_scalar(a) and a != ""]
        if len(article.authors) != len(authors):
            problems.append(
                Problem(filename, meta.line_of("authors"), "front matter: an author is not text")
            )
    elif authors is not None:
        article.authors = [_scalar(meta, "authors", filename, problems)]
    return end + 1


def _is_scalar(value: Any) -> bool:
    return isinstance(value, str | int | float) and not isinstance(value, bool)


def _scalar(meta: LineMap, key: str, filename: str, problems: list[Problem]) -> str:
    """A front matter value as text; titles like `1984` come back from YAML as numbers."""
    value = meta.get(key)
    if value is None:
        return ""
    if not _is_scalar(value):
        problems.append(Problem(filename, meta.line_of(key), f"front matter: {key!r} is not text"))
        return ""
    return normalise_ws(str(value))


class _Splitter:
    """One pass over the body lines: paragraphs until `## References`, then numbered items."""

    def __init__(self, article: Article, filename: str, problems: list[Problem]) -> None:
        self.article = article
        self.filename = filename
        self.problems = problems
        self.block: list[str] = []
        self.block_line = 0
        self.item: tuple[int, list[str]] | None = None

    def run(self, lines: list[str], start: int) -> None:
        in_references = False
        for index in range(start, len(lines)):
            line, number = lines[index], index + 1
            heading = _HEADING.match(line)
            if in_references:
                if heading:
                    self.end_item()
                    self.problems.append(
                        Problem(
                            self.filename,
                            number,
                            "text after the reference list is ignored",
                            "warning",
                        )
                    )
                    return
                self.reference_line(line, number)
                continue
            if heading:
                self.end_paragraph()
                title = normalise_ws(heading[2])
                if title.casefold() == "references":
                    in_references = True
                elif len(heading[1]) == 1 and not (self.article.title or self.article.paragraphs):
                    self.article.title = title
            elif not line.strip():
                self.end_paragraph()
            else:
                if not self.block:
                    self.block_line = number
                self.block.append(line)
        self.end_paragraph()
        self.end_item()

    def end_paragraph(self) -> None:
        if self.block:
            self.article.paragraphs.append((self.block_line, normalise_ws(" ".join(self.block))))
            self.block = []

    def reference_line(self, line: str, number: int) -> None:
        """A line of the reference list: a new `N.` item, a continuation, or a blank."""
        match = _ITEM.match(line)
        if match:
            self.end_item()
            self.item = (int(match[1] or match[2]), [match[3]])
        elif not line.strip():
            self.end_item()
        elif self.item is not None:
            self.item[1].append(line)
        else:
            self.problems.append(
                Problem(
                    self.filename,
                    number,
                    "reference list text that is not a numbered item ('1. ...') is ignored",
                    "warning",
                )
            )

    def end_item(self) -> None:
        if self.item is not None:
            number, parts = self.item
            self.article.reference_list.append((number, normalise_ws(" ".join(parts))))
            self.item = None
