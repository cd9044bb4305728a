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
    context = exc.context or ""
    opened = exc.context_mark.line + first_line if exc.context_mark is not None else None
    if context == "while scanning a quoted scalar" and opened is not None:
        return f"a quoted value opened on line {opened} is never closed (a quote is missing)"
    if context == "while parsing a flow sequence" and opened is not None:
        return (
            f"the list opened with '[' on line {opened} is not closed with ']' where it should "
            f"be, or its items are not separated by commas: {_quoted(lines[opened - first_line])}"
        )
    found = _KEY_VALUE.match(line_text)
    if problem == "mapping values are not allowed here":
        if found is not None and mark.column == len(found["lead"]) + len(found["key"]):
            # the line's own key: it was read as more of the value on the line above
            return (
                f"this line is indented further than the key above it, so {_quoted(line_text)} "
                "was read as more of that key's value; line its key up with the keys above"
            )
        return _quote_it(found, line_text, "holds ': ', which ends the key there")
    if problem == "sequence entries are not allowed here" and found is not None:
        return _quote_it(found, line_text, "starts with '- ', which reads as a list")
    return None


def _indentation(context: yaml.Mark, mark: yaml.Mark, lines: list[str], first_line: int) -> str:
    """A line indented unlike the block it sits in."""
    line_text = lines[mark.line] if mark.line < len(lines) else ""
    before = next((ln for ln in reversed(lines[: mark.line]) if ln.strip()), "")
    indent = len(before) - len(before.lstrip())
    if mark.column == context.column:
        return (
            f"this line starts where the list's items do but is no item: {_quoted(line_text)}; "
            f"indent it like the line before it ({plural(indent, 'space')}) to make it part "
            "of that item"
        )
    return (
        f"this line is indented by {plural(mark.column, 'space')}, unlike the line before it "
        f"({indent}) and the block it is in (from line {context.line + first_line}, "
        f"{context.column}): {_quoted(line_text)}; keys of one mapping start in the same column"
    )


def _quote_it(found: re.Match[str] | None, line_text: str, effect: str) -> str:
    """`key: value: more`, `key: - value`: a value YAML reads as structure, to be quoted."""
    if found is None:
        return f"an unquoted value in {_quoted(line_text)} {effect}; put the value in quotes"
    value = found["value"].rstrip()
    quoted = '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    fixed = f"{found['lead'].strip()} {found['key']}: {quoted}".strip()
    return (
        f"the unquoted value of {found['key']!r} {effect}; put the value in quotes: "
        f"{_quoted(fixed)}"
    )


def _quoted(line: str) -> str:
    """A line as written, between backquotes (a repr would double every backslash)."""
    shown = line.rstrip().replace("\t", "→")
    return "`" + (shown if len(shown) <= _SHOWN else shown[:_SHOWN] + "…") + "`"
