"""Text helpers shared by the loaders, search and verification: reading files, safe YAML."""

from __future__ import annotations

import codecs
import re
import reprlib
import unicodedata
from pathlib import Path
from typing import Any

import yaml

from peertui.core.models import Problem

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


class UnusableInput(Exception):
    """A file the bundle needs cannot be used at all (missing, a directory, unreadable).

    The message reads `path: what is wrong`; the CLI exits with code 2 on it.
    """

    def __init__(self, path: Path | str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = Path(path)
        self.reason = reason


def shown(value: Any, width: int = 60) -> str:
    """A value's repr for a message, cut short: a file may hold a huge or deeply nested value."""
    return _SHOWN.repr(value) if not isinstance(value, str) or len(value) > width else repr(value)


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
    """A file's bytes; raises UnusableInput when it is missing, a directory or unreadable."""
    if not path.exists():
        raise UnusableInput(path, "no such file")
    if path.is_dir():
        raise UnusableInput(path, "is a directory, expected a file")
    try:
        return path.read_bytes()
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
                f"the file holds control characters ({_control_name(control[0])} is the first); "
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


def _control_name(char: str) -> str:
    names = {"\x1b": "ESC", "\x07": "BEL", "\x00": "NUL", "\x7f": "DEL", "\x9b": "CSI"}
    return names.get(char, f"U+{ord(char):04X}")


_LATIN_FALLBACK = "peertui-latin-fallback"
codecs.register_error(_LATIN_FALLBACK, _latin_fallback)
#: How much of a file is looked at for NUL bytes, which no text file holds.
_BINARY_SNIFF = 8192
#: Control characters worth a warning: C0 (but tab, line feed, form feed, CR), DEL and C1.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")


class LineMap(dict):  # type: ignore[type-arg]
    """A YAML mapping that knows its 1-based line and the line of each key."""

    line: int = 0
    key_lines: dict[Any, int]
    duplicates: list[tuple[Any, int]]

    def line_of(self, key: str) -> int:
        """Where `key` is written, or the mapping's own line when it is absent."""
        return self.key_lines.get(key, self.line)


class LineList(list):  # type: ignore[type-arg]
    """A YAML sequence that knows the 1-based line of itself and of each item."""

    line: int = 0
    item_lines: list[int]


class _Located:
    """What both loaders add to PyYAML's: the first line, and values that fail located."""

    #: The file line on which the parsed text starts (front matter starts on line 2).
    first_line: int = 1

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        """Locate a value that cannot be built (a 5000-digit number, the 45th of a month)."""
        try:
            return super().construct_object(node, deep=deep)
        except (ValueError, OverflowError) as exc:
            reason = str(exc).split(";")[0].split(": value has")[0]
            raise yaml.constructor.ConstructorError(
                None, None, f"cannot read this value ({reason})", node.start_mark
            ) from None


class LineLoader(_Located, yaml.SafeLoader):
    """SafeLoader whose mappings and sequences carry line numbers."""


#: How many values a YAML document's aliases may add once followed, beyond the values it
#: writes out. A hand-written file adds a few hundred; a "billion laughs" document billions.
#: A large file without aliases is never refused.
MAX_YAML_VALUES = 200_000
#: Sizes stop growing here, so a deeply nested alias bomb is still counted in small integers.
_SIZE_CAP = 1 << 62


def _expanded_size(root: yaml.Node) -> int | None:
    """How many more nodes `root` stands for with every alias followed than it holds; None when
    an alias refers to itself.

    Counted without expanding anything: a node shared by aliases is sized once and added as
    often as it is used.
    """
    sizes: dict[int, int] = {}
    open_nodes: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        key = id(node)
        children = _children(node)
        if done:
            open_nodes.discard(key)
            sizes[key] = min(1 + sum(sizes[id(c)] for c in children), _SIZE_CAP)
            continue
        if key in sizes:
            continue
        if key in open_nodes:
            return None
        open_nodes.add(key)
        stack.append((node, True))
        for child in children:
            if id(child) in open_nodes:
                return None
            if id(child) not in sizes:
                stack.append((child, False))
    return sizes[id(root)] - len(sizes)


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


def _construct_map(loader: LineLoader, node: yaml.MappingNode) -> Any:
    loader.flatten_mapping(node)
    data = LineMap()
    data.line = node.start_mark.line + loader.first_line
    data.key_lines = {}
    data.duplicates = []
    yield data
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        try:
            hash(key)
        except TypeError:
            raise yaml.constructor.ConstructorError(
                "while reading a mapping",
                node.start_mark,
                "a key cannot be a list or mapping",
                key_node.start_mark,
            ) from None
        line = key_node.start_mark.line + loader.first_line
        if key in data.key_lines:
            data.duplicates.append((key, line))
        data.key_lines[key] = line
        data[key] = loader.construct_object(value_node, deep=True)


def _construct_seq(loader: LineLoader, node: yaml.SequenceNode) -> Any:
    data = LineList()
    data.line = node.start_mark.line + loader.first_line
    data.item_lines = [item.start_mark.line + loader.first_line for item in node.value]
    yield data
    data.extend(loader.construct_object(item, deep=True) for item in node.value)


LineLoader.add_constructor("tag:yaml.org,2002:map", _construct_map)
LineLoader.add_constructor("tag:yaml.org,2002:seq", _construct_seq)

#: LineLoader's constructors over libyaml's parser, when PyYAML was built with it: composing
#: nodes in C is four to seven times faster. Its result is used only when it reads the
#: text without complaint; otherwise LineLoader reads it again, so every error is reported in
#: LineLoader's words (libyaml's differ) and with its line.
CLineLoader: type | None = None
if getattr(yaml, "__with_libyaml__", False):

    class _CLineLoader(_Located, yaml.CSafeLoader):  # type: ignore[misc,name-defined]
        """LineLoader over libyaml's parser."""

    _CLineLoader.add_constructor("tag:yaml.org,2002:map", _construct_map)
    _CLineLoader.add_constructor("tag:yaml.org,2002:seq", _construct_seq)
    CLineLoader = _CLineLoader


def load_yaml(text: str, filename: str, problems: list[Problem], first_line: int = 1) -> Any:
    """Parse YAML safely; a syntax or tag error becomes one Problem and the result is None.

    Only plain data comes back (a tag such as `!!python/object` is an error, never a call), and
    aliases cannot expand past MAX_YAML_VALUES; `first_line` is the file line on which `text`
    starts, so every line reported is the file's.
    """
    if CLineLoader is not None and not yaml.reader.Reader.NON_PRINTABLE.search(text):
        found: list[Problem] = []
        data = _load(CLineLoader, text, filename, found, first_line)
        if not found:
            return data
    return _load(LineLoader, text, filename, problems, first_line)


def _load(kind: type, text: str, filename: str, problems: list[Problem], first_line: int) -> Any:
    try:
        loader = kind(text)
    except yaml.reader.ReaderError as exc:  # a character YAML forbids, found before parsing
        line = text.count("\n", 0, exc.position) + first_line
        name = _control_name(chr(exc.character)) if isinstance(exc.character, int) else "one"
        message = f"YAML error: the character {name} is not allowed in YAML; nothing was read"
        problems.append(Problem(filename, line, message))
        return None
    loader.first_line = first_line
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        # Aliases need anchors: a text without "&" has none, and nothing to expand.
        size = _expanded_size(node) if "&" in text else 0
        if size is None:
            problems.append(Problem(filename, None, "YAML error: an alias refers to itself"))
        elif size > MAX_YAML_VALUES:
            problems.append(
                Problem(
                    filename,
                    None,
                    f"YAML error: its aliases expand to more than {MAX_YAML_VALUES:,} values "
                    "beyond those written out; "
                    "refusing to read it",
                )
            )
        else:
            return loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + first_line if mark else None
        what = ": ".join(p for p in (exc.context, exc.problem) if p) or "invalid YAML"
        problems.append(Problem(filename, line, f"YAML error: {what}"))
    except yaml.YAMLError as exc:
        problems.append(Problem(filename, None, f"YAML error: {exc}"))
    except RecursionError:
        problems.append(Problem(filename, None, "YAML error: the data is nested too deeply"))
    finally:
        loader.dispose()
    return None
