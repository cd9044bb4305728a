"""The title and the author line at the top of a text article.

An author line is recognised by its shape (two or more names, each a few capitalised words
or initials, separated by commas or "and"); the title is the line just above it. Without an
author line, the title is Markdown's first "# " heading, or else the first line.
"""

from __future__ import annotations

import re

#: Lines looked at for the front matter: a title page is short.
FRONT_LINES = 40

_MD_TITLE = re.compile(r"^#\s+(.*?)\s*#*\s*$")
_MARKS = re.compile(r"\^[^^\s]{1,12}\^|<sup>[^<]{0,12}</sup>|(?<=[^\W\d])[\d*†‡§¶]+(?=,|\s|$)")
#: Affiliation marks and stray glyphs between names.
_STRAY = re.compile(r"[^\w\s,.'’\-&;]")
_SPLIT = re.compile(r",\s*(?:and\s+)?|\s+and\s+|\s*&\s*|;\s*")
_NAME_WORD = re.compile(
    r"(?:[A-Z\u00c0-\u024f][\w'’\-]*\.?|(?:[A-Z]\.-?){1,3}|van|von|de|der|den|da|di|du|la|le|dos)$"
)
_NOT_NAMES = re.compile(
    r"\b(?:Abstract|Introduction|Journal|University|Department|Research|Article|Volume|Review"
    r"|Practice|Press|Publishing|Corporation|Institute|Hospital|School|Centre|Center|Editor"
    r"|Received|Accepted|Copyright|Open|Access|Original|Letter|Vol|Issue|Background|Methods)\b"
)


def front_matter(lines: list[str], markdown: bool) -> tuple[str, list[str], list[int]]:
    """(title, authors, indexes of the lines they were read from)."""
    content = [(i, ln.strip()) for i, ln in enumerate(lines[: FRONT_LINES * 10]) if ln.strip()]
    content = content[:FRONT_LINES]
    for k, (i, line) in enumerate(content):
        if len(line.split()) > 60:
            break  # body text: no author line above it
        names = author_names(line)
        if names and k > 0:
            j, title = content[k - 1]
            used = [j, i]
            # An author list wrapped over lines: each line but the last ends with a comma.
            for i2, more in content[k + 1 :]:
                if not content[k + len(used) - 2][1].endswith(","):
                    break
                extra = author_names(more + ", X Y") if more.endswith(",") else []
                extra = extra[:-1] if extra else author_names(more)
                if not extra:
                    break
                names += extra
                used.append(i2)
            if markdown:
                m = _MD_TITLE.match(title)
                title = m.group(1) if m else title.lstrip("#").strip()
            return title, names, used
    for i, line in content:
        m = _MD_TITLE.match(line)
        if markdown and m:
            return m.group(1), [], [i]
    if content:
        i, line = content[0]
        return line.lstrip("#").strip() if markdown else line, [], [i]
    return "", [], []


def author_names(line: str) -> list[str]:
    """The names of an author line ("A. Abel, Bo Brun and C. Cole"); [] for anything else."""
    if len(line) > 400:
        return []
    if line.endswith((".", ":", "?", "!")) and not re.search(r"\b[A-Z]\.$", line):
        return []  # a sentence, unless it ends with an initial
    if _NOT_NAMES.search(line) or any(c.isdigit() for c in _MARKS.sub("", line)):
        return []
    bare = _STRAY.sub("", _MARKS.sub("", line))
    chunks = [c.strip(" .") for c in _SPLIT.split(bare) if c and c.strip(" .")]
    if len(chunks) < 2:
        return []
    for chunk in chunks:
        words = chunk.split()
        if not 2 <= len(words) <= 5 or not all(_NAME_WORD.match(w) for w in words):
            return []
        if all(re.fullmatch(r"(?:[A-Z]\.-?){1,3}", w) for w in words):
            return []
    return chunks
