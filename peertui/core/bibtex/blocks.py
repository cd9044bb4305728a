"""BibTeX's own syntax: macros and `#`, and its rules for redoing what bibtexparser got wrong.

bibtexparser 2.x treats a backslash as escaping the next character, which BibTeX never does:
a line ending in `\\` is then not counted (every later line number drifts), and `{C:\\}` or a
`"` inside braces within a quoted value can cut an entry short or make it fail. BibTeX counts
every brace and ends a quoted value only at a `"` outside braces; `scan_entry` follows those
rules exactly, so an entry it reads is one BibTeX reads.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

#: Characters BibTeX allows in entry types, field names and macro names.
_IDENT = re.compile(r"[^\s\"#%'(),={}]+")
_SPACE = re.compile(r"\s*")
#: Keys may hold `=` and `:` (some styles use `@options{name=value, ...}`), never braces.
_KEY = re.compile(r"[^\s,{}()\"#%]+")
_BRACE = re.compile(r"[{}]")
#: A field's start on a line of its own, inside a value that swallowed it.
_RUN_ON = re.compile(r"\n\s*([^\s\"#%'(),={}]+)\s*=")
#: A field's start, `name =`: what follows a value or key whose comma is missing.
_FIELD_START = re.compile(r"[^\s\"#%'(),={}]+\s*=")
_QUOTED = re.compile(r'[{}"]')
#: A line starting with `@` ends any block, as it does for bibtexparser: a value left open
#: there is reported rather than read to the end of the file.
_NEXT_BLOCK = re.compile(r"\n[ \t]*@")
#: A value of one part without inner braces: `{text}` (group 1), `"text"` (group 2), a number
#: or a macro name.
_SIMPLE_VALUE = re.compile(r"\{([^{}]*)\}|\"([^{}\"]*)\"|\d+|[^\s\"#%'(),={}]+")
#: `{text}` with braces one deep inside, such as `{The {HIV} epidemic}` (group 1); tried only
#: when `_SIMPLE_VALUE` fails, as it is slower on the long values most fields hold.
_NESTED_VALUE = re.compile(r"\{([^{}]*(?:\{[^{}]*\}[^{}]*)*)\}")


#: BibTeX's predefined month macros.
MONTHS = {
    "jan": "January",
    "feb": "February",
    "mar": "March",
    "apr": "April",
    "may": "May",
    "jun": "June",
    "jul": "July",
    "aug": "August",
    "sep": "September",
    "oct": "October",
    "nov": "November",
    "dec": "December",
}

_BARE_NUMBER = re.compile(r"\d+")


def strip_braces(value: str) -> str:
    """Remove braces that wrap the whole value ("{{DOI}}" -> "DOI"), for verbatim fields."""
    value = value.strip()
    while len(value) >= 2 and value[0] == "{" and value[-1] == "}" and _closes_at_end(value):
        value = value[1:-1].strip()
    return value


def _closes_at_end(value: str) -> bool:
    """True when the brace opening `value` is the one closing it."""
    depth = 0
    for i, ch in enumerate(value):
        depth += (ch == "{") - (ch == "}")
        if depth == 0:
            return i == len(value) - 1
    return False


def _split_concatenation(raw: str) -> list[str]:
    """Split a raw value on the top-level `#` operators (outside braces and quotes)."""
    parts: list[str] = []
    depth = 0
    quoted = False
    start = 0
    for i, ch in enumerate(raw):
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
        elif ch == '"' and depth == 0:
            quoted = not quoted
        elif ch == "#" and depth == 0 and not quoted:
            parts.append(raw[start:i].strip())
            start = i + 1
    parts.append(raw[start:].strip())
    return parts


#: What macros may add to a file in all: this many times its size, plus the slack. A library
#: using `@string` for its journals stays far below; `@string{b = a # a}` repeated (each
#: definition doubling the last) would otherwise take all memory from a file of 1 KB.
MAX_EXPANSION = 16
EXPANSION_SLACK = 1 << 20


class ExpansionLimit(ValueError):
    """Macros expanded past the file's budget; expansion stops for the rest of the file."""


class Expander:
    """Evaluates raw field values: enclosings removed, macros and `#` concatenation resolved.

    Every use of a macro is charged its length against `budget` (in characters); past it,
    ExpansionLimit is raised once and macros are left as written from then on.
    """

    def __init__(self, budget: int | None = None) -> None:
        self.macros: dict[str, str] = dict(MONTHS)
        self.undefined: list[str] = []
        self.budget = EXPANSION_SLACK if budget is None else budget
        self.exhausted = False

    @classmethod
    def for_text(cls, text: str) -> Expander:
        """An expander whose budget is the one a file holding `text` is allowed."""
        return cls(MAX_EXPANSION * len(text) + EXPANSION_SLACK)

    def define(self, name: str, raw: str) -> None:
        """An `@string{name = raw}` definition; later values may use it."""
        self.macros[name.strip().lower()] = self.expand(raw)

    def expand(self, raw: str) -> str:
        raw = raw.strip()
        if "#" not in raw:
            return self._atom(raw)
        return "".join(self._atom(part) for part in _split_concatenation(raw))

    def expand_simple(self, found: re.Match[str]) -> str:
        """`expand` of the value `simple_value` matched, read off the match."""
        group = found.lastindex
        return found[group] if group else self._atom(found[0])

    def _atom(self, part: str) -> str:
        if len(part) >= 2 and (part[0], part[-1]) in (("{", "}"), ('"', '"')):
            return part[1:-1]
        if not part or _BARE_NUMBER.fullmatch(part):
            return part
        if self.exhausted:
            return part
        value = self.macros.get(part.lower())
        if value is None:
            self.undefined.append(part)
            return part
        self.budget -= len(value)
        if self.budget < 0:
            self.exhausted = True
            raise ExpansionLimit(part)
        return value


class ScanError(Exception):
    """Why an entry breaks BibTeX's rules, and the offset where that shows."""

    def __init__(self, reason: str, offset: int) -> None:
        super().__init__(reason)
        self.reason = reason
        self.offset = offset


@dataclass(slots=True)
class Scanned:
    """An entry read by BibTeX's rules; each field is (name, raw value, offset of its name)."""

    entry_type: str
    key: str
    end: int
    fields: list[tuple[str, str, int]] = field(default_factory=list)


def simple_value(raw: str) -> re.Match[str] | None:
    """The match of a raw value that is one braced (one level of inner braces at most) or
    quoted text, number or macro name.

    Such a value is whole by BibTeX's rules (`value_ok`) and `Expander.expand_simple` expands it.
    """
    raw = raw.strip()
    return _SIMPLE_VALUE.fullmatch(raw) or _NESTED_VALUE.fullmatch(raw)


def value_ok(raw: str) -> bool:
    """True when a raw field value (as bibtexparser split it) is whole by BibTeX's rules."""
    raw = raw.strip()
    if _SIMPLE_VALUE.fullmatch(raw):
        return True
    try:
        end = _Scan(raw, 0, len(raw)).value("value")
    except ScanError:
        return False
    return _SPACE.match(raw, end).end() == len(raw)  # type: ignore[union-attr]


def value_end(text: str, start: int, name: str) -> int:
    """The offset after the value (parts joined by `#`) at `start`; raises ScanError."""
    return _Scan(text, start, len(text)).value(name)


def scan_entry(text: str, start: int) -> Scanned:
    """Read the entry whose `@` is at `start`; raises ScanError where BibTeX would complain."""
    following = _NEXT_BLOCK.search(text, start + 1)
    scan = _Scan(text, start, following.start() if following else len(text))
    return scan.entry()


class _Scan:
    """A cursor over `text[:limit]` with one method per piece of BibTeX's grammar."""

    def __init__(self, text: str, pos: int, limit: int) -> None:
        self.text = text
        self.pos = pos
        self.limit = limit

    def fail(self, reason: str, offset: int | None = None) -> ScanError:
        return ScanError(reason, self.pos if offset is None else offset)

    def skip_space(self) -> None:
        self.pos = _SPACE.match(self.text, self.pos, self.limit).end()  # type: ignore[union-attr]

    def peek(self) -> str:
        return self.text[self.pos] if self.pos < self.limit else ""

    def ident(self, what: str) -> str:
        found = _IDENT.match(self.text, self.pos, self.limit)
        if found is None:
            shown = repr(self.peek()) if self.peek() else "the end of the entry"
            raise self.fail(f"expected {what}, found {shown}")
        self.pos = found.end()
        return found[0]

    def entry(self) -> Scanned:
        self.pos += 1  # the `@`
        self.skip_space()
        entry_type = self.ident("an entry type")
        self.skip_space()
        opening = self.peek()
        if opening not in ("{", "("):
            raise self.fail(f"expected '{{' or '(' after @{entry_type}")
        closing = "}" if opening == "{" else ")"
        self.pos += 1
        self.skip_space()
        found = _KEY.match(self.text, self.pos, self.limit)
        if found is None:
            raise self.fail(f"expected the entry key after @{entry_type}{opening}")
        self.pos = found.end()
        scanned = Scanned(entry_type, found[0], 0)
        while True:
            self.skip_space()
            char = self.peek()
            if char == closing:
                scanned.end = self.pos + 1
                return scanned
            if not char:
                raise self._never_closed(scanned, closing)
            if char != ",":
                last = f"the value of {scanned.fields[-1][0]!r}" if scanned.fields else ""
                after = last or f"the key {scanned.key!r}"
                if _FIELD_START.match(self.text, self.pos, self.limit):
                    raise self.fail(f"a comma is missing after {after}")
                raise self.fail(f"expected ',' or '{closing}', found {char!r}")
            self.pos += 1
            self.skip_space()
            if self.peek() == closing:
                continue
            at = self.pos
            name = self.ident("a field name")
            self.skip_space()
            if self.peek() != "=":
                raise self.fail(f"expected '=' after the field name {name!r}")
            self.pos += 1
            self.skip_space()
            begin = self.pos
            self.pos = self.value(name)
            scanned.fields.append((name, self.text[begin : self.pos].rstrip(), at))

    def _never_closed(self, scanned: Scanned, closing: str) -> ScanError:
        """An entry that runs to its end: most often a value whose brace or quote is never
        closed, which then holds the fields after it (`title = {Two` then `year = 2000,`)."""
        for name, raw, at in scanned.fields:
            inner = _RUN_ON.search(raw)
            if inner is not None:
                return self.fail(
                    f"the value of {name!r} is never closed: it runs on into {inner[1]!r}", at
                )
        return self.fail(f"the entry is never closed with '{closing}'")

    def value(self, name: str) -> int:
        """Parts joined by `#`; returns the offset after the last part."""
        while True:
            self.skip_space()
            self.part(name)
            end = self.pos
            self.skip_space()
            if self.peek() != "#":
                return end
            self.pos += 1

    def part(self, name: str) -> None:
        char = self.peek()
        opened = self.pos
        if char == "{":
            self.pos = self.balanced(_BRACE, opened + 1, 1, name)
        elif char == '"':
            self.pos = self.balanced(_QUOTED, opened + 1, 0, name)
        elif char.isdigit() or _IDENT.match(self.text, self.pos, self.limit):
            self.ident("a value")
        else:
            shown = repr(char) if char else "nothing"
            raise self.fail(f"the value of {name!r} is missing (found {shown})")

    def balanced(self, marks: re.Pattern[str], pos: int, depth: int, name: str) -> int:
        """The offset after the value's closing brace (depth 1) or quote (depth 0)."""
        quoted = depth == 0
        for mark in marks.finditer(self.text, pos, self.limit):
            char = mark[0]
            if char == '"':
                if depth == 0:
                    return mark.end()
            elif char == "{":
                depth += 1
            else:
                depth -= 1
                if depth < 0:
                    raise self.fail(f"the value of {name!r} closes a brace it never opened", pos)
                if depth == 0 and not quoted:
                    return mark.end()
        raise self.fail(f"the value of {name!r} is never closed", pos - 1)


class TextLines:
    """1-based line numbers for offsets of a text, and for the lines bibtexparser reports.

    Offsets are usually asked for in increasing order, so the count moves from the last one.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self._offset = 0
        self._line = 1
        self._reported: list[int] | None = None

    def at(self, offset: int) -> int:
        """The line holding `offset`."""
        if offset >= self._offset:
            self._line += self.text.count("\n", self._offset, offset)
        else:
            self._line -= self.text.count("\n", offset, self._offset)
        self._offset = offset
        return self._line

    def reported(self, line: int | None) -> int | None:
        """The true line of bibtexparser's 0-based `line`: it skips newlines after a `\\`."""
        if line is None:
            return None
        if self._reported is None:
            self._reported = self._build()
        if not self._reported:
            return line + 1
        return self._reported[min(line, len(self._reported) - 1)]

    def _build(self) -> list[int]:
        if "\\\n" not in self.text:
            return []
        starts = [1]
        true_line = 1
        for newline in re.finditer("\n", self.text):
            true_line += 1
            if newline.start() == 0 or self.text[newline.start() - 1] != "\\":
                starts.append(true_line)
        return starts
