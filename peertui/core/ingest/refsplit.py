"""A reference section's lines → one string per reference-list item.

Three layouts occur: one item per line (text renderings), numbered items that may wrap
over several lines, and unnumbered items wrapped over lines (PDF text), where a new item is
recognised by its author-list opening after a line that ended one. Numbering wins when the
labels run in sequence, since a number at a line start can also be a volume or a year.
"""

from __future__ import annotations

import re

#: A label opening an item: "[12]", "12.", "12)", "(12)" or "12 " before a letter or quote.
_LABEL = re.compile(r"\s*(?:\[(\d{1,4})\]|\((\d{1,4})\)|(\d{1,4})[.)]?(?=\s+\S))")
#: An author list opening: "Smith JA,", "Smith, J.", "van der Berg A", "Martin Krallinger,",
#: "E. Braunwald,", "WHO." or an organisation up to its first full stop.
_AUTHOR_START = re.compile(
    r"(?!In[\s:])(?:(?:[a-z]{1,3}\s){0,3}[A-Z\u00c0-\u024f][\w'’\-]+(?:,\s|\s[A-Z]{1,3}[\s,.]|\s[A-Z]\.)"
    r"|[A-Z]\.\s?(?:[A-Z]\.\s?)*[A-Z\u00c0-\u024f][\w'’\-]+[,\s]"
    r"|[A-Z\u00c0-\u024f][\w'’\-]+\s[A-Z\u00c0-\u024f][\w'’\-]+(?:\s[A-Z]\.)?(?:,|\sand\s|\.\s(?:\(?1[5-9]|\(?20)\d\d))"
)
#: What a line ending an item looks like: final punctuation, a DOI or URL, or a bare number.
_BULLET = re.compile(r"^\s*[-*•–]\s+")
_ITEM_END = re.compile(r"(?:[.?!)\]]|\d|[\w/]{6,}\S*)\s*$")
#: A DOI or URL still open at a line end (its last character not a sentence's end).
_BROKEN_LINK = re.compile(r"(?:\b10\.\d{4,9}/|https?://)\S*[\w./_-]$")
_YEAR_START = re.compile(r"\s*\(?(?:1[5-9]|20)\d\d")


def label_of(line: str) -> tuple[str, int | None]:
    """The label opening `line` as printed, and its number; ("", None) where there is none."""
    m = _LABEL.match(line)
    if not m:
        return "", None
    number = next(g for g in m.groups() if g is not None)
    return m.group(0).strip(), int(number)


def split_references(lines: list[str]) -> list[str]:
    """The items of a reference section, each joined into one line (hyphenation mended)."""
    lines = [ln.rstrip() for ln in lines]
    content = [ln for ln in lines if ln.strip()]
    if not content:
        return []
    bulleted = [i for i, ln in enumerate(content) if _BULLET.match(ln)]
    if len(bulleted) >= 0.5 * len(content) and bulleted[0] == 0:
        # A Markdown or typed list: each bullet opens an item (the bullet is not printed).
        ends = [*bulleted[1:], len(content)]
        items = [content[a:b] for a, b in zip(bulleted, ends, strict=True)]
        return [_join([_BULLET.sub("", item[0], count=1), *item[1:]]) for item in items]
    numbered = _numbered_starts(content)
    if numbered is not None:
        ends = [*numbered[1:], len(content)]
        return [_join(content[a:b]) for a, b in zip(numbered, ends, strict=True)]
    if _one_per_line(content):
        return [ln.strip() for ln in content]
    return _wrapped(lines)


def _label_form(label: str) -> str:
    """ "[12]" → "[]", "12." → ".", "(12)" → "()", "12" → "": how a list prints its labels."""
    return re.sub(r"\d+", "", label)


def _numbered_starts(content: list[str]) -> list[int] | None:
    """Line indexes where numbered items start, when most items are numbered in sequence
    (labels of the list's one printed form only: "[4]" is an item, "6 Running head" not)."""
    forms = [_label_form(label_of(line)[0]) for line in content if label_of(line)[1] is not None]
    if not forms:
        return None
    form = max(set(forms), key=forms.count)
    same = [i for i, line in enumerate(content) if _label_form(label_of(line)[0]) == form]
    if len(same) >= 3 and len({label_of(content[i])[1] for i in same}) == 1:
        # "1." on every item: a Markdown list numbered lazily, its numbers are its positions.
        return same if same[0] == 0 else [0, *same]
    starts: list[int] = []
    expected = None
    for i, line in enumerate(content):
        label, number = label_of(line)
        if number is None or _label_form(label) != form:
            continue
        if expected is None:
            # A list starts at 1, or (an excerpt, a list continued) wherever the next two
            # labels go on from it.
            if number <= 3 or _runs_on(content, i, number, form):
                starts.append(i)
                expected = number + 1
        elif expected <= number <= expected + 2:
            starts.append(i)
            expected = number + 1
    if len(starts) < 2 or len(starts) < 0.5 * _min_items(content):
        return None
    # Lines before the first label belong to nothing numbered; keep them as their own item.
    return starts if starts[0] == 0 else [0, *starts]


def _runs_on(content: list[str], at: int, number: int, form: str) -> bool:
    """Whether the next two labels of the list's form, after line `at`, follow `number`."""
    following = []
    for line in content[at + 1 :]:
        label, value = label_of(line)
        if value is not None and _label_form(label) == form:
            following.append(value)
            if len(following) == 2:
                break
    return following == [number + 1, number + 2]


def _min_items(content: list[str]) -> int:
    """A lower bound on the number of items: lines that open like an author list."""
    return max(1, sum(1 for ln in content if _AUTHOR_START.match(ln.lstrip())) // 2)


def _one_per_line(content: list[str]) -> bool:
    """Whether lines are whole items: nearly all end like an item and are long."""
    if len(content) == 1:
        return True
    ends = sum(1 for ln in content if _ITEM_END.search(ln) and not ln.endswith(","))
    long = sum(1 for ln in content if len(ln) >= 40)
    starts = sum(1 for ln in content if _AUTHOR_START.match(ln.lstrip()))
    n = len(content)
    return ends >= 0.9 * n and long >= 0.8 * n and starts >= 0.6 * n


def _wrapped(lines: list[str]) -> list[str]:
    """Items wrapped over lines: blank lines separate items; within a block, an author-list
    opening after a line that ended an item starts a new one."""
    items: list[list[str]] = []
    current: list[str] = []
    content = [ln for ln in lines if ln.strip()]
    indented = sum(1 for ln in content if ln[:1].isspace())
    # A hanging indent (continuation lines indented, first lines not) says it all.
    hanging = 0.15 * len(content) <= indented <= 0.85 * len(content)
    for line in lines:
        if not line.strip():
            if current:
                items.append(current)
                current = []
            continue
        if hanging:
            starts = not line[:1].isspace()
        else:
            starts = bool(current) and _starts_item(current[-1], line)
        if current and starts:
            items.append(current)
            current = []
        current.append(line)
    if current:
        items.append(current)
    return [_join(item) for item in items]


def _starts_item(previous: str, line: str) -> bool:
    stripped = line.lstrip()
    if _YEAR_START.match(stripped):
        return False
    hanging = len(line) - len(stripped) < len(previous) - len(previous.lstrip())
    ended = previous.rstrip().endswith((".", "?", "!")) or bool(re.search(r"\d\s*$", previous))
    return ended and (hanging or bool(_AUTHOR_START.match(stripped)))


def _join(lines: list[str]) -> str:
    """Lines of one item → one string: a hyphen at a line end before a lowercase letter is a
    word broken by the layout and is dropped; a DOI or URL broken at a line end is joined
    again; other line breaks become one space."""
    out = ""
    for raw in lines:
        line = raw.strip()
        if not out:
            out = line
        elif _BROKEN_LINK.search(out) and line[:1].isalnum() and not line[:1].isupper():
            out += line  # "doi:10.1016/j.\nhoc.2015.11.005"
        elif out.endswith("-") and line[:1].islower() and out[-2:-1].isalpha():
            out = out[:-1] + line
        elif out.endswith(("-", "–", "/")):
            out += line
        else:
            out = f"{out} {line}"
    return out
