"""Text helpers shared by the loaders, search and verification: reading files, safe YAML."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import Any

import yaml

from peertui.core.models import Problem

_WS = re.compile(r"\s+")
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


def normalise_ws(text: str) -> str:
    """Collapse every whitespace run to one space and strip, so line-wrapping never matters."""
    return _WS.sub(" ", text).strip()


def fold_ascii(text: str) -> str:
    """Lower-case and drop accents ("Müller" -> "muller") so searches ignore diacritics."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_UNDECOMPOSED))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def read_text_file(path: Path) -> tuple[str, list[Problem]]:
    """Read a UTF-8 text file; bad bytes become U+FFFD and one warning names the first bad line.

    Raises UnusableInput when the file is missing, is a directory or cannot be read, because no
    loader can do anything useful then.
    """
    if not path.exists():
        raise UnusableInput(path, "no such file")
    if path.is_dir():
        raise UnusableInput(path, "is a directory, expected a file")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UnusableInput(path, f"cannot be read ({exc.strerror or exc})") from exc
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        line = exc.object[: exc.start].count(b"\n") + 1
        problem = Problem(
            str(path),
            line,
            "the file is not valid UTF-8; bad bytes are shown as \ufffd",
            severity="warning",
        )
        return data.decode("utf-8-sig", errors="replace"), [problem]


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


class LineLoader(yaml.SafeLoader):
    """SafeLoader whose mappings and sequences carry line numbers."""

    #: The file line on which the parsed text starts (front matter starts on line 2).
    first_line: int = 1


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


def load_yaml(text: str, filename: str, problems: list[Problem], first_line: int = 1) -> Any:
    """Parse YAML safely; a syntax or tag error becomes one Problem and the result is None.

    Only plain data comes back (a tag such as `!!python/object` is an error, never a call);
    `first_line` is the file line on which `text` starts, so every line reported is the file's.
    """
    loader = LineLoader(text)
    loader.first_line = first_line
    try:
        return loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + first_line if mark else None
        what = ": ".join(p for p in (exc.context, exc.problem) if p) or "invalid YAML"
        problems.append(Problem(filename, line, f"YAML error: {what}"))
    except yaml.YAMLError as exc:
        problems.append(Problem(filename, None, f"YAML error: {exc}"))
    finally:
        loader.dispose()
    return None
