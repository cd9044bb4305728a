"""BibTeX -> Reference: macros expanded, LaTeX decoded, every broken block reported by line.

bibtexparser only splits the file here (an empty parse stack); macro expansion and LaTeX
decoding are done below because its LatexDecodingMiddleware decodes every field of every
entry and is an order of magnitude slower than the split on large libraries, while most
fields hold no LaTeX at all.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

import bibtexparser
from bibtexparser.middlewares.names import split_multiple_persons_names
from bibtexparser.model import (
    Block,
    DuplicateBlockKeyBlock,
    DuplicateFieldKeyBlock,
    Entry,
    ParsingFailedBlock,
    String,
)
from pylatexenc.latex2text import LatexNodes2Text

from peertui.core.models import Problem, Reference
from peertui.core.textutil import normalise_ws, read_text_file

# The splitter logs every aborted block; we report them as Problems, so keep stderr quiet
# unless the application configures logging itself.
logging.getLogger("bibtexparser").addHandler(logging.NullHandler())

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

#: Fields whose text is an identifier or address: `--`, `~` and `%` are literal there.
VERBATIM_FIELDS = frozenset({"doi", "url", "file", "eprint", "pdf", "pmid", "pmcid"})

#: Field names as `unverified` may spell them -> the Reference attribute they mean.
FIELD_ALIASES = {"number": "issue", "author": "authors"}

_NEEDS_DECODING = re.compile(r"[\\{}$~]|--|``|''")
_NEEDS_PARSER = re.compile(r"[\\$]")
_GROUPING = str.maketrans({"{": None, "}": None, "~": " "})
#: Accent commands -> the combining character they put on their letter.
_ACCENTS = {
    "`": "\u0300",
    "'": "\u0301",
    "^": "\u0302",
    "~": "\u0303",
    "=": "\u0304",
    "u": "\u0306",
    ".": "\u0307",
    '"': "\u0308",
    "r": "\u030a",
    "H": "\u030b",
    "v": "\u030c",
    "d": "\u0323",
    "c": "\u0327",
    "k": "\u0328",
    "b": "\u0331",
}
_LETTERS = {
    "ss": "ß",
    "o": "ø",
    "O": "Ø",
    "aa": "å",
    "AA": "Å",
    "ae": "æ",
    "AE": "Æ",
    "oe": "œ",
    "OE": "Œ",
    "l": "ł",
    "L": "Ł",
    "i": "ı",
    "j": "ȷ",
}
# `\"u`, `\" u`, `\"{u}`, `{\'\i}`; letter-named accents need a brace or space: `\v{s}`, `\c c`.
_ACCENT = re.compile(
    r"""\\(?:([`'^~=."])\s*|([uvHrdckb])(?=[\s{]))\s*"""
    r"""(?:\{\s*(\\[ij]|[A-Za-z])\s*\}|(?:(\\[ij])(?![A-Za-z])\s*|([A-Za-z])))"""
)
_LETTER = re.compile(r"\\(ss|aa|AA|ae|AE|oe|OE|[oOlLij])(?![A-Za-z])\s*(?:\{\})?")
# Font and box commands carry no text of their own: `\emph{x}` and `{\em x}` read as `x`.
_FORMATTING = re.compile(
    r"\\(?:emph|text(?:it|bf|sc|rm|sf|tt|up|md|sl|normal)?|mbox)\s*(?=\{)"
    r"|\\(?:em|it|bf|sc|rm|sf|tt|sl|normalfont|itshape|bfseries|scshape|upshape)(?![A-Za-z])\s*"
)
_ESCAPED = re.compile(r"\\([&%$#_])")
_UNESCAPED_PERCENT = re.compile(r"(?<!\\)%")
_BARE_NUMBER = re.compile(r"\d+")


@lru_cache(maxsize=1)
def _decoder() -> LatexNodes2Text:
    return LatexNodes2Text(math_mode="text", strict_latex_spaces=False)


@lru_cache(maxsize=65536)
def decode_latex(value: str) -> str:
    """LaTeX -> Unicode text with whitespace collapsed.

    Only values with a macro or math (`\\`, `$`) go through the LaTeX parser; braces, ties
    and dashes alone are replaced directly, which keeps large libraries fast.
    """
    if not _NEEDS_DECODING.search(value):
        return normalise_ws(value)
    simple = _decode_simple(value) if "\\" in value else value
    if not _NEEDS_PARSER.search(simple):
        plain = simple.translate(_GROUPING).replace("---", "—").replace("--", "–")
        return normalise_ws(
            unicodedata.normalize("NFC", plain.replace("``", "“").replace("''", "”"))
        )
    # In a field value `%` is a percent sign, not a LaTeX comment that would eat the rest.
    escaped = _UNESCAPED_PERCENT.sub(r"\\%", value)
    return normalise_ws(_decoder().latex_to_text(escaped))


def _decode_simple(value: str) -> str:
    """Decode accents, letters like `\\ss`, font commands and escaped specials; leave others."""
    value = _FORMATTING.sub("", value)
    value = _ACCENT.sub(_accent, value)
    value = _LETTER.sub(lambda m: _LETTERS[m[1]], value)
    return _ESCAPED.sub(r"\1", value)


def _accent(match: re.Match[str]) -> str:
    """One accent command -> its letter plus a combining mark (NFC composes them later)."""
    base = (match[3] or match[4] or match[5]).lstrip("\\")  # a dotless `\i` accents as `i`
    return base + _ACCENTS[match[1] or match[2]]


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


class _Expander:
    """Evaluates raw field values: enclosings removed, macros and `#` concatenation resolved."""

    def __init__(self) -> None:
        self.macros: dict[str, str] = dict(MONTHS)
        self.undefined: list[str] = []

    def define(self, block: String) -> None:
        self.macros[block.key.strip().lower()] = self.expand(str(block.value))

    def expand(self, raw: str) -> str:
        raw = raw.strip()
        if "#" not in raw:
            return self._atom(raw)
        return "".join(self._atom(part) for part in _split_concatenation(raw))

    def _atom(self, part: str) -> str:
        if len(part) >= 2 and (part[0], part[-1]) in (("{", "}"), ('"', '"')):
            return part[1:-1]
        if not part or _BARE_NUMBER.fullmatch(part):
            return part
        value = self.macros.get(part.lower())
        if value is None:
            self.undefined.append(part)
            return part
        return value


def parse_bib(text: str, filename: str) -> tuple[list[Reference], list[Problem]]:
    """Every well-formed entry of `text` as a Reference, plus one Problem per bad block."""
    library = bibtexparser.parse_string(text, parse_stack=[])
    expander = _Expander()
    references: list[Reference] = []
    problems: list[Problem] = []
    for block in library.blocks:
        if isinstance(block, String):
            expander.define(block)
            _report_undefined(expander, filename, _line(block), f"@string {block.key!r}", problems)
        elif isinstance(block, Entry):
            references.append(_reference(block, expander, filename, problems))
        elif isinstance(block, ParsingFailedBlock):
            reference = _failed_block(block, filename, problems)
            if reference is not None:
                references.append(_reference(reference, expander, filename, problems))
    return references, problems


def load_bib(path: Path) -> tuple[list[Reference], list[Problem]]:
    """Read and parse a .bib file; raises UnusableInput when it cannot be read at all."""
    text, problems = read_text_file(path)
    references, more = parse_bib(text, str(path))
    return references, problems + more


def _line(block: Block) -> int | None:
    """bibtexparser counts lines from 0; Problems and editors count from 1."""
    return None if block.start_line is None else block.start_line + 1


def _failed_block(
    block: ParsingFailedBlock, filename: str, problems: list[Problem]
) -> Entry | None:
    """Report a block bibtexparser set aside; return an entry that is still worth loading."""
    line = _line(block)
    if isinstance(block, DuplicateBlockKeyBlock):
        first = _line(block.previous_block)
        if isinstance(block.ignore_error_block, String):
            what, skipped = "@string", "this definition is skipped"
        else:
            what, skipped = "key", "this entry is skipped"
        problems.append(
            Problem(
                filename, line, f"duplicate {what} {block.key!r} (first at line {first}); {skipped}"
            )
        )
        return None
    if isinstance(block, DuplicateFieldKeyBlock) and isinstance(block.ignore_error_block, Entry):
        entry = block.ignore_error_block
        names = ", ".join(repr(k) for k in sorted(block.duplicate_keys))
        problems.append(
            Problem(
                filename,
                line,
                f"entry {entry.key!r} sets {names} more than once; the first value is used",
            )
        )
        return entry
    snippet = normalise_ws(block.raw or "")
    snippet = snippet if len(snippet) <= 40 else snippet[:40] + "…"
    reason = _reason(block.error)
    message = f"could not parse this block: {snippet}"
    problems.append(Problem(filename, line, f"{message} ({reason})" if reason else message))
    return None


def _reason(error: Exception) -> str:
    """The parser's own words on why a block failed, when it gives any."""
    text = getattr(error, "abort_reason", None) or getattr(error, "message", None) or str(error)
    return normalise_ws(str(text)).rstrip(".")


def _report_undefined(
    expander: _Expander, filename: str, line: int | None, where: str, problems: list[Problem]
) -> None:
    for name in expander.undefined:
        problems.append(
            Problem(
                filename,
                line,
                f"{where} uses the undefined macro {name!r}; kept as written",
                severity="warning",
            )
        )
    expander.undefined.clear()


def _reference(
    entry: Entry, expander: _Expander, filename: str, problems: list[Problem]
) -> Reference:
    """Map one entry's fields onto a Reference; what has no attribute goes to `extra`."""
    ref = Reference(key=entry.key, entry_type=entry.entry_type.lower(), line=_line(entry))
    values: dict[str, str] = {}
    lines: dict[str, int | None] = {}
    for fld in entry.fields:
        name = fld.key.strip().lower()
        if name in lines:  # a duplicate field, already reported: BibTeX keeps the first
            continue
        raw = expander.expand(str(fld.value))
        field_line = None if fld.start_line is None else fld.start_line + 1
        _report_undefined(
            expander, filename, field_line, f"field {name!r} of {entry.key!r}", problems
        )
        lines[name] = field_line
        if name == "author":
            ref.authors = [decode_latex(a) for a in split_multiple_persons_names(raw)]
        elif name in VERBATIM_FIELDS:
            values[name] = normalise_ws(strip_braces(raw))
        else:
            values[name] = decode_latex(raw)

    ref.title = values.pop("title", "")
    for venue in ("journal", "booktitle", "publisher"):
        if venue in values:
            ref.journal = values.pop(venue)
            break
    ref.year = values.pop("year", "")
    ref.volume = values.pop("volume", "")
    ref.issue = values.pop("number", "")
    ref.pages = values.pop("pages", "").replace("--", "–")
    ref.doi = values.pop("doi", "")
    if "citation-number" in values:
        number = values.pop("citation-number")
        if re.fullmatch(r"\d+", number):
            ref.number = int(number)
        else:
            problems.append(
                Problem(
                    filename,
                    lines["citation-number"],
                    f"citation-number {number!r} of {entry.key!r} is not a whole number",
                )
            )
    if "unverified" in values:
        ref.unverified = parse_field_list(values.pop("unverified"))
    ref.extra = values
    return ref


def parse_field_list(text: str) -> frozenset[str]:
    """Field names as Reference calls them: `number, PMID` -> {"issue", "pmid"}."""
    names = (n.lower() for n in re.split(r"[,;\s]+", text) if n)
    return frozenset(FIELD_ALIASES.get(n, n) for n in names)
