"""Safe YAML with line numbers: the mappings and sequences the loaders read claims and sources
from, each knowing the line it was written on.

Only plain data comes back (a tag such as `!!python/object` is an error, never a call), and
aliases cannot expand past MAX_YAML_VALUES. Kept apart from the text helpers so that what
needs no YAML (a cached bundle, search) does not import PyYAML.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol, TypeVar

import yaml

from peertui.core.bundle.yamlhelp import explain
from peertui.core.models import Problem
from peertui.core.textutil import control_name


class _HasProblems(Protocol):
    problems: list[Problem]


Parsed = TypeVar("Parsed", bound=_HasProblems)


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
#: How much text aliases may add once followed: this many times the document's own length,
#: plus the slack. Counting values alone let a few aliases of one long string grow a 300 KB
#: file into gigabytes.
MAX_ALIAS_GROWTH = 4
ALIAS_SLACK = 1 << 20
#: Sizes stop growing here, so a deeply nested alias bomb is still counted in small integers.
_SIZE_CAP = 1 << 62


def _expanded_size(root: yaml.Node) -> tuple[int, int] | None:
    """How many more nodes, and how many more characters of scalars, `root` stands for with
    every alias followed than it holds; None when an alias refers to itself.

    Counted without expanding anything: a node shared by aliases is sized once and added as
    often as it is used.
    """
    sizes: dict[int, tuple[int, int]] = {}
    written = 0
    open_nodes: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        key = id(node)
        children = _children(node)
        if done:
            open_nodes.discard(key)
            nodes = 1 + sum(sizes[id(c)][0] for c in children)
            chars = sum(sizes[id(c)][1] for c in children)
            if isinstance(node, yaml.ScalarNode):
                chars += len(node.value)
                written += len(node.value)  # each node is done once: its own text
            sizes[key] = (min(nodes, _SIZE_CAP), min(chars, _SIZE_CAP))
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
    nodes, chars = sizes[id(root)]
    return nodes - len(sizes), chars - written


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


def parse_document(
    result: Parsed, text: str, filename: str, empty: str, read: Callable[[Any], None]
) -> Parsed:
    """Load a whole YAML file's data and hand it to `read`, which fills `result`; a file that
    holds nothing is a warning saying `empty`. Problems are reported in file order."""
    data = load_yaml(text, filename, result.problems)
    if data is None:
        if not result.problems:
            result.problems.append(Problem(filename, None, empty, "warning"))
        return result
    read(data)
    result.problems.sort(key=lambda p: p.line or 0)
    return result


def _load(kind: type, text: str, filename: str, problems: list[Problem], first_line: int) -> Any:
    try:
        loader = kind(text)
    except yaml.reader.ReaderError as exc:  # a character YAML forbids, found before parsing
        line = text.count("\n", 0, exc.position) + first_line
        name = control_name(chr(exc.character)) if isinstance(exc.character, int) else "one"
        message = f"YAML error: the character {name} is not allowed in YAML; nothing was read"
        problems.append(Problem(filename, line, message))
        return None
    loader.first_line = first_line
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        # Aliases need anchors: a text without "&" has none, and nothing to expand.
        size = _expanded_size(node) if "&" in text else (0, 0)
        if size is None:
            problems.append(Problem(filename, None, "YAML error: an alias refers to itself"))
        elif size[0] > MAX_YAML_VALUES:
            problems.append(
                Problem(
                    filename,
                    None,
                    f"YAML error: its aliases expand to more than {MAX_YAML_VALUES:,} values "
                    "beyond those written out; "
                    "refusing to read it",
                )
            )
        elif size[1] > MAX_ALIAS_GROWTH * len(text) + ALIAS_SLACK:
            problems.append(
                Problem(
                    filename,
                    None,
                    f"YAML error: its aliases expand to {size[1]:,} characters beyond those "
                    f"written out, more than {MAX_ALIAS_GROWTH} times the file's size; "
                    "refusing to read it",
                )
            )
        else:
            return loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + first_line if mark else None
        what = explain(exc, text, first_line)
        if what is None:
            what = ": ".join(p for p in (exc.context, exc.problem) if p) or "invalid YAML"
        problems.append(Problem(filename, line, f"YAML error: {what}"))
    except yaml.YAMLError as exc:
        problems.append(Problem(filename, None, f"YAML error: {exc}"))
    except RecursionError:
        problems.append(Problem(filename, None, "YAML error: the data is nested too deeply"))
    finally:
        loader.dispose()
    return None
