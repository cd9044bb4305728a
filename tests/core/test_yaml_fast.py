"""YAML is composed by libyaml when PyYAML has it: same data, same lines, same errors."""

from __future__ import annotations

from typing import Any

import pytest

from peertui.core.bundle import safeyaml as yamlfile
from peertui.core.bundle.safeyaml import LineList, LineLoader, LineMap, load_yaml

pytestmark = pytest.mark.skipif(yamlfile.CLineLoader is None, reason="PyYAML without libyaml")

CLAIM = """\
  - id: C{n}
    text: >-
      Peer support (n = {n}) lowered readmission
      at one year — "{n}%" of 555 participants, café ✓
    cites: [cook2012_wrap, "key{n}"]
    numbers:
      - {{value: {n}.5, unit: "%", role: outcome, quote: '{n}%'}}
    notes: |
      line one
        indented two
    extra: *shared
"""


def _text(count: int = 400) -> str:
    head = "shared: &shared {a: 1, b: [x, y]}\nclaims:\n"
    return head + "".join(CLAIM.format(n=n) for n in range(count))


def _same(a: Any, b: Any) -> None:
    assert type(a) is type(b)
    if isinstance(a, LineMap):
        assert (a.line, a.key_lines, a.duplicates) == (b.line, b.key_lines, b.duplicates)
        assert list(a) == list(b)
        for key in a:
            _same(a[key], b[key])
    elif isinstance(a, LineList):
        assert (a.line, a.item_lines, len(a)) == (b.line, b.item_lines, len(b))
        for x, y in zip(a, b, strict=True):
            _same(x, y)
    else:
        assert a == b


def test_text_reads_as_the_python_loader_reads_it() -> None:
    text = _text()
    fast: list[object] = []
    data = load_yaml(text, "claims.yaml", fast, first_line=2)  # type: ignore[arg-type]
    slow: list[object] = []
    expected = yamlfile._load(LineLoader, text, "claims.yaml", slow, 2)  # type: ignore[arg-type]
    assert fast == slow == []
    _same(data, expected)
    assert data["claims"][3].line == 2 + 1 + 1 + 3 * CLAIM.count("\n")


@pytest.mark.parametrize(
    "tail",
    [
        "  - : [unclosed\n",  # a syntax error
        "  - !!python/object:os.system {}\n",  # a tag that would call code
        "  - \x07 bell\n",  # a character YAML forbids
        "  - {id: 2012-02-45}\n",  # a date no calendar has
    ],
    ids=["syntax", "tag", "control", "value"],
)
def test_an_error_is_reported_as_the_python_loader_words_it(tail: str) -> None:
    text = _text() + tail
    problems: list[object] = []
    load_yaml(text, "claims.yaml", problems)  # type: ignore[arg-type]
    expected: list[object] = []
    yamlfile._load(LineLoader, text, "claims.yaml", expected, 1)  # type: ignore[arg-type]
    assert problems == expected and problems
