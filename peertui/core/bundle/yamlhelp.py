"""The YAML reader's complaints in a writer's words, with the line they are about.

PyYAML says "expected <block end>, but found '<block mapping start>'" for a line indented
one space too far, and "mapping values are not allowed here" for `notes: Note: see below`.
These are the mistakes people make by hand; each gets what is likely wrong, the line as
written and how to fix it. Anything else keeps the reader's own words.
"""

from __future__ import annotations

import re

import yaml

from peertui.core.plural import plural

#: `key: value` on one line, perhaps as a list item: the key and where its value starts.
_KEY_VALUE = re.compile(r"^(?P<lead>\s*(?:-\s+)?)(?P<key>[^\s:#\"'][^:#]*?):\s+(?P<value>\S.*)$")
#: How much of a line a message shows.
_SHOWN = 60


def explain(exc: yaml.MarkedYAMLError, text: str, first_line: int = 1) -> str | None:
    """A message for a mistake people make writing YAML by hand, or None for any other error."""
    mark = exc.problem_mark
    if mark is None:
        return None
    lines = text.split("\n")
    line_text = lines[mark.line] if mark.line < len(lines) else ""
    problem = exc.problem or ""
    if "\t" in line_text[: len(line_text) - len(line_text.lstrip())] or "'\\t'" in problem:
        return f"a tab in the indentation of {_quoted(line_text)}: YAML indents with spaces only"
    if problem.startswith("expected <block end>") and exc.context_mark is not None:
        return _indentation(exc.context_mark, mark, lines, first_line)
    if problem == "mapping values are not allowed here":
        return _colon(line_text)
    return None


def _indentation(context: yaml.Mark, mark: yaml.Mark, lines: list[str], first_line: int) -> str:
    """A line indented unlike the block it sits in."""
    line_text = lines[mark.line] if mark.line < len(lines) else ""
    block_line = context.line + first_line
    return (
        f"this line is indented by {plural(mark.column, 'space')}, but the block it continues "
        f"(from line {block_line}) by {context.column}: {_quoted(line_text)}; "
        "keys of one mapping start in the same column"
    )


def _colon(line_text: str) -> str:
    """`key: value: more`: a colon and a space inside an unquoted value."""
    found = _KEY_VALUE.match(line_text)
    if found is None:
        return f"a ': ' inside an unquoted value in {_quoted(line_text)}; put the value in quotes"
    value = found["value"].rstrip()
    quoted = '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    fixed = f"{found['lead'].strip()} {found['key']}: {quoted}".strip()
    return (
        f"a ': ' inside the unquoted value of {found['key']!r} ends the key there; "
        f"put the value in quotes: {_quoted(fixed)}"
    )


def _quoted(line: str) -> str:
    """A line as written, between backquotes (a repr would double every backslash)."""
    shown = line.rstrip().replace("\t", "→")
    return "`" + (shown if len(shown) <= _SHOWN else shown[:_SHOWN] + "…") + "`"
