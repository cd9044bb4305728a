"""bibtexparser's blocks -> References, its split checked against BibTeX's own rules (bibscan).

An entry bibtexparser got wrong is read again by bibscan, its line numbers are not trusted,
and text left outside entries that looks like data is reported. Field values are expanded
(macros, `#`) and LaTeX-decoded here, with fast paths for the one-part, LaTeX-free values that
make up most of a large library.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from bibtexparser.model import (
    Block,
    DuplicateBlockKeyBlock,
    DuplicateFieldKeyBlock,
    Entry,
    ImplicitComment,
    ParsingFailedBlock,
    String,
)

from peertui.core.bibtex.blocks import (
    MAX_EXPANSION,
    Expander,
    ExpansionLimit,
    ScanError,
    TextLines,
    scan_entry,
    simple_value,
    strip_braces,
    value_ok,
)
from peertui.core.bibtex.comma import split_swallowed
from peertui.core.bibtex.fields import UnknownMacros, build_reference
from peertui.core.bibtex.latex import collapse_ws, decode_latex, is_plain
from peertui.core.bibtex.names import decode_names
from peertui.core.models import Problem, Reference
from peertui.core.textutil import normalise_ws

#: Fields whose text is an identifier or address: `--`, `~` and `%` are literal there.
VERBATIM_FIELDS = frozenset({"doi", "url", "file", "eprint", "pdf", "pmid", "pmcid"})

#: What decoding turns into text that the .bib writer's escapes could not give back as written.
_MARKUP = re.compile(r"[{\\$~]")

#: Field names as `unverified` may spell them -> the Reference attribute they mean.
FIELD_ALIASES = {"number": "issue", "author": "authors"}


#: A field as written: name, raw value, line (as `_RawEntry.line_of` takes it), and the raw
#: value's `simple_value` match.
_RawField = tuple[str, str, int | None, "re.Match[str] | None"]


def _same_line(line: int | None) -> int | None:
    return line


@dataclass(slots=True)
class _RawEntry:
    """An entry as written: type, key, line and its fields.

    Field lines are turned into true lines by `line_of` only for a Problem that shows one.
    """

    entry_type: str
    key: str
    line: int | None
    fields: list[_RawField]
    line_of: Callable[[int | None], int | None] = _same_line


class BlockReader:
    r"""Turns bibtexparser's blocks into References, checking its split against BibTeX's rules.

    bibtexparser sometimes splits valid BibTeX wrongly (a `"` inside braces within a quoted
    value, an entry whose `(` is on the next line) and miscounts lines after a `\` at a line's
    end. Each block is therefore located in the text itself, a suspicious entry is read again
    with bibscan's exact rules, and text left outside entries that looks like data is reported.
    """

    def __init__(self, text: str, filename: str) -> None:
        self.text = text
        self.filename = filename
        self.lines = TextLines(text)
        self.expander = Expander.for_text(text)
        self.references: list[Reference] = []
        self.problems: list[Problem] = []
        self.keys: dict[str, int | None] = {}
        self.strings = 0
        self._cursor = 0
        self._skip_to = 0
        self._names: dict[str, str] = {}
        self.macros = UnknownMacros()

    def read(self, blocks: Iterable[Block]) -> None:
        for block in blocks:
            offset = self._locate(block)
            if offset is not None and offset < self._skip_to:
                continue  # a piece of an entry already read again by BibTeX's rules
            line = self.lines.at(offset) if offset is not None else _line(block)
            if isinstance(block, String):
                self.strings += 1
                try:
                    self.expander.define(block.key, str(block.value))
                except ExpansionLimit:
                    self._too_large(line, f"@string {block.key!r}")
                self._undefined(line, f"@string {block.key!r}")
            elif isinstance(block, Entry):
                self._entry(block, offset, line)
            elif isinstance(block, ImplicitComment) and offset is not None:
                self._outside(block.raw, offset)
            elif isinstance(block, ParsingFailedBlock):
                self._failed(block, offset, line)

    def _locate(self, block: Block) -> int | None:
        """Where the block's text starts (bibtexparser's own line can be wrong)."""
        raw = block.raw or ""
        if not raw:
            return None
        # The first place the whole raw text starts, found by its head: a search for a long
        # needle costs a pass over the needle before it looks at the text.
        head = raw[:_HEAD]
        offset = self.text.find(head, self._cursor)
        while offset >= 0 and not self.text.startswith(raw, offset):
            offset = self.text.find(head, offset + 1)
        if offset < 0:
            return None
        self._cursor = offset + len(raw)
        return offset

    def _entry(self, entry: Entry, offset: int | None, line: int | None) -> None:
        fields: list[_RawField] = []
        whole = True
        for f in entry.fields:
            raw = str(f.value)
            found = simple_value(raw)
            if found is None and not value_ok(raw):
                split = self._unswallow(entry.key, f.key, raw, f.start_line)
                if split is not None:
                    fields += split
                    continue
                whole = False
            fields.append((f.key, raw, f.start_line, found))
        if offset is not None and not whole:
            bad = next(name for name, raw, _, m in fields if m is None and not value_ok(raw))
            if self._rescan(offset, f"it read the value of {bad!r} wrongly"):
                return
        self._add(_RawEntry(entry.entry_type, entry.key, line, fields, self.lines.reported))

    def _unswallow(self, key: str, name: str, raw: str, line: int | None) -> list[_RawField] | None:
        """The fields a value that swallowed others holds (see comma.py), each place reported;
        None when `raw` is not such a value. `line` is bibtexparser's line of the field."""
        parts = split_swallowed(raw)
        if parts is None:
            return None
        fields: list[_RawField] = []
        for swallowed, value, at, comma in parts:
            if swallowed:
                where = None if line is None else line + raw.count("\n", 0, comma)
                message = (
                    f"entry {key!r}: a comma is missing after the value of {fields[-1][0]!r}: "
                    f"the field {swallowed!r} was read into it; read as two fields"
                )
                self.problems.append(Problem(self.filename, self.lines.reported(where), message))
            at_line = None if line is None else line + raw.count("\n", 0, at)
            fields.append((swallowed or name, value, at_line, simple_value(value)))
        return fields

    def _rescan(self, offset: int, why: str) -> bool:
        """Read the entry at `offset` by BibTeX's rules; True (with a warning) when that works."""
        try:
            scanned = scan_entry(self.text, offset)
        except ScanError:
            return False
        line = self.lines.at(offset)
        fields: list[_RawField] = [
            (name, raw, self.lines.at(at), None) for name, raw, at in scanned.fields
        ]
        self._skip_to = scanned.end
        self.problems.append(
            Problem(
                self.filename,
                line,
                f"entry {scanned.key!r}: bibtexparser could not read it ({why}); "
                "it was read by BibTeX's own rules instead",
                "warning",
            )
        )
        self._add(_RawEntry(scanned.entry_type, scanned.key, line, fields))
        return True

    def _add(self, entry: _RawEntry) -> None:
        if entry.key in self.keys:
            self.problems.append(
                Problem(
                    self.filename,
                    entry.line,
                    f"duplicate key {entry.key!r} (first at line {self.keys[entry.key]}); "
                    "this entry is skipped",
                )
            )
            return
        self.keys[entry.key] = entry.line
        self.references.append(self._reference(entry))

    def _outside(self, raw: str, offset: int) -> None:
        """Text between entries: BibTeX ignores it, but an entry start or fields are data lost.

        An entry start bibtexparser missed is read by BibTeX's rules (or reported as an error);
        stray fields (two or more) or a lone closing brace give one warning for the stretch.
        """
        first_field: tuple[int, str] | None = None
        reported = False
        for found in _OUTSIDE.finditer(raw):
            part = next(name for name in ("start", "field", "close") if found[name])
            at = offset + found.start(part)
            if at < self._skip_to:
                continue
            if part == "start" and found["type"].lower() not in _NOT_ENTRIES:
                if not self._rescan(at, "its start was not recognised"):
                    self._error_at(at, self._why(at, "an entry start was not recognised"))
                continue
            if reported:
                continue
            if part == "field" and first_field is None:
                first_field = (at, found[part])
                continue
            at, stray = first_field or (at, found[part])
            reported = True
            self.problems.append(
                Problem(
                    self.filename,
                    self.lines.at(at),
                    f"text outside any entry is ignored: {_snippet(stray)}",
                    "warning",
                )
            )

    def _why(self, offset: int, default: str) -> str:
        """BibTeX's rules on what is wrong with the block at `offset`, with the line it shows on."""
        try:
            scan_entry(self.text, offset)
        except ScanError as error:
            line = self.lines.at(error.offset)
            return error.reason if line == self.lines.at(offset) else f"line {line}: {error.reason}"
        return default

    def _error_at(self, offset: int, reason: str, raw: str | None = None) -> None:
        if raw is None:
            following = _NEXT_BLOCK.search(self.text, offset + 1, offset + 400)
            raw = self.text[offset : following.start() if following else offset + 400]
        self.problems.append(
            Problem(
                self.filename,
                self.lines.at(offset),
                f"could not parse this block: {_snippet(raw)} ({reason})",
            )
        )

    def _failed(self, block: ParsingFailedBlock, offset: int | None, line: int | None) -> None:
        """Report a block bibtexparser set aside; load what is still worth loading."""
        if isinstance(block, DuplicateBlockKeyBlock):
            first = self.keys.get(block.key) or _line(block.previous_block)
            if isinstance(block.ignore_error_block, String):
                what, skipped = "@string", "this definition is skipped"
                first = _line(block.previous_block)
            else:
                what, skipped = "key", "this entry is skipped"
            message = f"duplicate {what} {block.key!r} (first at line {first}); {skipped}"
            self.problems.append(Problem(self.filename, line, message))
            return
        entry = block.ignore_error_block
        if isinstance(block, DuplicateFieldKeyBlock) and isinstance(entry, Entry):
            names = ", ".join(repr(k) for k in sorted(block.duplicate_keys))
            message = f"entry {entry.key!r} sets {names} more than once; the first value is used"
            # BibTeX itself only warns ("I'm ignoring ... multiple ... field"): so do we.
            self.problems.append(Problem(self.filename, line, message, "warning"))
            self._entry(entry, offset, line)
            return
        reason = _reason(block.error)
        if offset is not None:
            if self._rescan(offset, reason or "a syntax error"):
                return
            self._error_at(offset, self._why(offset, reason), block.raw)
            return
        snippet = _snippet(block.raw or "")
        message = f"could not parse this block: {snippet}"
        self.problems.append(
            Problem(self.filename, line, f"{message} ({reason})" if reason else message)
        )

    def _too_large(self, line: int | None, where: str) -> None:
        """Macros have grown past the file's budget here: said once, and they stay as written
        from here on."""
        limit = f"{MAX_EXPANSION} times the file's size"
        message = f"{where}: macros expand to more than {limit}; they are kept as written from here"
        self.problems.append(Problem(self.filename, line, message))

    def _undefined(self, line: int | None, where: str) -> None:
        for name in self.expander.undefined:
            self.problems.append(
                Problem(
                    self.filename,
                    line,
                    f"{where} uses the undefined macro {name!r}; kept as written",
                    "warning",
                )
            )
        self.expander.undefined.clear()

    def _reference(self, entry: _RawEntry) -> Reference:
        """Map one entry's fields onto a Reference; what has no attribute goes to `extra`."""
        expander = self.expander
        names = self._names
        authors: list[str] = []
        values: dict[str, str] = {}
        written: dict[str, str] = {}
        lines: dict[str, int | None] = {}
        for field_name, value, field_line, found in entry.fields:
            name = names.get(field_name)
            if name is None:
                name = names[field_name] = field_name.strip().lower()
            if name in lines:  # a duplicate field, already reported: BibTeX keeps the first
                continue
            try:
                raw = expander.expand(value) if found is None else expander.expand_simple(found)
            except ExpansionLimit:
                self._too_large(entry.line_of(field_line), f"field {name!r} of {entry.key!r}")
                raw = value.strip()
            if expander.undefined:
                self._undefined(entry.line_of(field_line), f"field {name!r} of {entry.key!r}")
            lines[name] = field_line
            if name == "author":
                authors = decode_names(raw)
            elif name in VERBATIM_FIELDS:
                values[name] = collapse_ws(strip_braces(raw))
            elif is_plain(raw):
                values[name] = collapse_ws(raw)  # decode_latex's own first step, one call less
            else:
                values[name] = decode_latex(raw)
                if _MARKUP.search(raw):  # what the .bib writer could not write back as it was
                    written[name] = raw
                    self.macros.note(raw, entry.key, entry.line_of(field_line))
        ref = build_reference(entry.key, entry.entry_type, entry.line, authors, values, written)
        if "citation-number" in values:
            number = values.pop("citation-number")
            if re.fullmatch(r"\d+", number):
                ref.number = int(number)
            else:
                self.problems.append(
                    Problem(
                        self.filename,
                        entry.line_of(lines["citation-number"]),
                        f"citation-number {number!r} of {entry.key!r} is not a whole number",
                    )
                )
        if "unverified" in values:
            ref.unverified = parse_field_list(values.pop("unverified"))
        return ref


#: Text outside entries worth a report: an entry start bibtexparser did not see, a line that
#: looks like a field (`title = {...},`) or a lone closing brace. `%` lines are comments.
_OUTSIDE = re.compile(
    r"^(?![ \t]*%)[^\n@]*?(?P<start>@[ \t]*(?P<type>[^\s\"#%'(),={}@]+)\s*[{(])"
    r"|^[ \t]*(?P<field>[\w-]+[ \t]*=[^\n]*,)[ \t]*$"
    r"|^[ \t]*(?P<close>[})])[ \t,]*$",
    re.MULTILINE,
)
_NOT_ENTRIES = frozenset({"comment", "string", "preamble"})
_NEXT_BLOCK = re.compile(r"\n[ \t]*@")
#: How much of a block's text `BlockReader._locate` searches for.
_HEAD = 48


def _line(block: Block) -> int | None:
    """bibtexparser counts lines from 0; Problems and editors count from 1."""
    return None if block.start_line is None else block.start_line + 1


def _snippet(raw: str) -> str:
    snippet = normalise_ws(raw)
    return snippet if len(snippet) <= 40 else snippet[:40] + "…"


def _reason(error: Exception) -> str:
    """The parser's own words on why a block failed, when it gives any."""
    text = getattr(error, "abort_reason", None) or getattr(error, "message", None) or str(error)
    return normalise_ws(str(text)).rstrip(".")


def parse_field_list(text: str) -> frozenset[str]:
    """Field names as Reference calls them: `number, PMID` -> {"issue", "pmid"}."""
    names = (n.lower() for n in re.split(r"[,;\s]+", text) if n)
    return frozenset(FIELD_ALIASES.get(n, n) for n in names)
