"""Text helpers shared by the loaders, search and verification: reading and decoding files."""

from __future__ import annotations

import codecs
import os
import re
import reprlib
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol, TypeVar

from peertui.core.errors import UnusableInput
from peertui.core.models import Problem
from peertui.core.safeio import NotReadable, read_regular

_WS = re.compile(r"\s+")


class _ShortRepr(reprlib.Repr):
    """reprlib's limits, also for the YAML loader's types (reprlib looks up `repr_<type name>`)."""

    def __init__(self) -> None:
        super().__init__()
        self.maxlevel, self.maxlist, self.maxdict = 2, 4, 4
        self.maxstring, self.maxother, self.maxlong = 60, 60, 40

    def repr_LineList(self, value: list[Any], level: int) -> str:
        return self.repr_list(value, level)

    def repr_LineMap(self, value: dict[Any, Any], level: int) -> str:
        return self.repr_dict(value, level)


_SHOWN = _ShortRepr()
#: Letters NFKD does not decompose but readers expect to match their plain form.
_UNDECOMPOSED = str.maketrans(
    {"ø": "o", "ł": "l", "đ": "d", "ð": "d", "æ": "ae", "œ": "oe", "þ": "th", "ı": "i"}
)


def shown(value: Any, width: int = 60) -> str:
    """A value's repr for a message, cut short: a file may hold a huge or deeply nested value."""
    return _SHOWN.repr(value) if not isinstance(value, str) or len(value) > width else repr(value)


def value_kind(value: Any) -> str:
    """A reader's word for a YAML value's type, for messages ("a list", "true/false")."""
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return "empty" if value is None else type(value).__name__


def normalise_ws(text: str) -> str:
    """Collapse every whitespace run to one space and strip, so line-wrapping never matters."""
    return _WS.sub(" ", text).strip()


def fold_ascii(text: str) -> str:
    """Lower-case and drop accents ("Müller" -> "muller") so searches ignore diacritics."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_UNDECOMPOSED))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def read_text_file(path: Path) -> tuple[str, list[Problem]]:
    """Read a text file as UTF-8, keeping whatever it holds, with a warning for anything odd.

    Bytes that are not UTF-8 are read as Windows-1252 (Latin-1), the usual encoding of older
    files, so a Latin-1 "ü" still reads "ü"; a UTF-16 file (with its byte-order mark) is read
    as UTF-16. Control characters are kept (the display layer never shows them) but warned about.
    Raises UnusableInput when the file is missing, is a directory, cannot be read, or is binary,
    because no loader can do anything useful then.
    """
    return text_of(read_file_bytes(path), path)


def read_file_bytes(path: Path) -> bytes:
    """A file's bytes; raises UnusableInput when it is missing, not a regular file (a
    directory, a FIFO, a device: refused at once, never waited on), too large or unreadable."""
    if not os.path.lexists(path):
        raise UnusableInput(path, "no such file")
    if path.is_dir():
        raise UnusableInput(path, "is a directory, expected a file")
    if not path.exists():
        raise UnusableInput(path, "is a symbolic link to nothing (no such file)")
    try:
        return read_regular(path)[0]
    except NotReadable as exc:
        raise UnusableInput(path, str(exc.strerror)) from exc
    except OSError as exc:
        raise UnusableInput(path, f"cannot be read ({_reason(exc)})") from exc


def text_of(data: bytes, path: Path) -> tuple[str, list[Problem]]:
    """The bytes of the file at `path` as text, as `read_text_file` reads them."""
    text, problems = decode_text(data, str(path))
    if text is None:
        raise UnusableInput(path, "is not a text file (it holds NUL bytes)")
    return text, problems


def _reason(exc: OSError) -> str:
    if isinstance(exc, PermissionError):
        return "permission denied"
    return (exc.strerror or str(exc)).lower()


def decode_text(data: bytes, filename: str) -> tuple[str | None, list[Problem]]:
    """Bytes -> text and warnings; None when the bytes are binary rather than text."""
    problems: list[Problem] = []
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        problems.append(
            Problem(filename, 1, "the file is UTF-16; read as such", severity="warning")
        )
        text = data.decode("utf-16", errors="replace")
    elif b"\0" in data[:_BINARY_SNIFF]:
        return None, []
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = exc.object[: exc.start].count(b"\n") + 1
            shown = _cp1252(exc.object[exc.start : exc.start + 1])
            problems.append(
                Problem(
                    filename,
                    line,
                    f"the file is not valid UTF-8: bytes that are not were read as Windows-1252 "
                    f"(Latin-1), the first as {shown!r}; save the file as UTF-8 to be sure",
                    severity="warning",
                )
            )
            text = data.decode("utf-8-sig", errors=_LATIN_FALLBACK)
    control = _CONTROL.search(text)
    if control is not None:
        line = text.count("\n", 0, control.start()) + 1
        problems.append(
            Problem(
                filename,
                line,
                f"the file holds control characters ({control_name(control[0])} is the first); "
                "they are kept but never shown or printed",
                severity="warning",
            )
        )
    return text, problems


def _cp1252(raw: bytes) -> str:
    """Bytes as Windows-1252 characters; its five unassigned bytes become U+FFFD."""
    return raw.decode("cp1252", errors="replace")


def _latin_fallback(exc: UnicodeError) -> tuple[str, int]:
    """Codec error handler: read the bytes that are not UTF-8 as Windows-1252."""
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    return _cp1252(exc.object[exc.start : exc.end]), exc.end


def control_name(char: str) -> str:
    """A short name for a control character (ESC, NUL ...), else its code point."""
    names = {"\x1b": "ESC", "\x07": "BEL", "\x00": "NUL", "\x7f": "DEL", "\x9b": "CSI"}
    return names.get(char, f"U+{ord(char):04X}")


_LATIN_FALLBACK = "peertui-latin-fallback"
codecs.register_error(_LATIN_FALLBACK, _latin_fallback)
#: How much of a file is looked at for NUL bytes, which no text file holds.
_BINARY_SNIFF = 8192
#: Control characters worth a warning: C0 (but tab, line feed, form feed, CR), DEL and C1.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")


class _Parsed(Protocol):
    problems: list[Problem]


ParsedFile = TypeVar("ParsedFile", bound=_Parsed)


def load_parsed(path: Path, parse: Callable[[str, str], ParsedFile]) -> ParsedFile:
    """Read a text file and parse it; what reading met comes first among its problems.
    Raises UnusableInput when the file cannot be read at all."""
    text, problems = read_text_file(path)
    result = parse(text, str(path))
    result.problems[:0] = problems
    return result
