"""YAML written by hand for the two shapes a draft needs, without importing a YAML library.

Every string is double-quoted, JSON-style: a JSON string is a YAML double-quoted scalar, once
the characters YAML reads as line breaks or refuses (NEL, the Unicode line and paragraph
separators, C1 controls, lone surrogates, BOM) are written as escapes too. Read back by any
YAML reader, each value is exactly the string that was written.
"""

from __future__ import annotations

import json
import re

_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]")


def quote(text: str) -> str:
    """`text` as a YAML double-quoted scalar."""
    return _UNSAFE.sub(lambda m: f"\\u{ord(m[0]):04x}", json.dumps(text, ensure_ascii=False))


def scalar(value: object) -> str:
    """A string, whole number or finite float as YAML."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value)
    return quote(str(value))


def mapping_lines(data: dict[str, object], indent: str = "") -> list[str]:
    """Lines of a block mapping whose values are scalars, lists of scalars, or lists of
    mappings of scalars (a claim and its numbers)."""
    lines: list[str] = []
    for key, value in data.items():
        if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            lines.append(f"{indent}{key}:")
            for item in value:
                inner = mapping_lines(item, indent + "    ")
                lines.append(f"{indent}  - {inner[0].lstrip()}")
                lines += inner[1:]
        elif isinstance(value, list):
            lines.append(f"{indent}{key}: [{', '.join(scalar(v) for v in value)}]")
        else:
            lines.append(f"{indent}{key}: {scalar(value)}")
    return lines
