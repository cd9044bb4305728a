"""The shortcuts the loader takes are the long way's results: plain values, whitespace, and
the one-part field values bibscan reads off a pattern match."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from peertui.core.bibtex.blocks import Expander, simple_value, value_ok
from peertui.core.bibtex.latex import _decode, collapse_ws, decode_latex, is_plain
from peertui.core.textutil import normalise_ws

#: What makes a value need decoding, as a pattern (the form `is_plain` replaced).
_NEEDS_DECODING = re.compile(r"[\\{}$~]|--|``|''")
_LATEXISH = st.lists(
    st.sampled_from([*"ab -`'\\{}$~\t\n\u00a0\u2003é\u0301", "--", "---"]), max_size=30
).map("".join)


def test_collapse_ws_is_normalise_ws_for_every_character() -> None:
    # str.split splits on str.isspace; normalise_ws on `\s`: the same characters, all of them.
    every = "".join(map(chr, range(0x110000)))
    spaces = "".join(re.findall(r"\s", every))
    assert spaces == "".join(c for c in every if c.isspace())
    for char in spaces:
        text = f"{char} a{char}{char}b {char}c{char}"
        assert collapse_ws(text) == normalise_ws(text) == "a b c"


@settings(max_examples=500, deadline=None)
@given(st.one_of(_LATEXISH, st.text(max_size=40)))
def test_is_plain_is_the_pattern_and_plain_values_only_collapse(value: str) -> None:
    assert is_plain(value) == (not _NEEDS_DECODING.search(value))
    if is_plain(value):
        assert decode_latex(value) == normalise_ws(value)
    elif not re.search(r"[\\{}$~]|``|''", value):  # dashes only: the uncached way
        assert decode_latex(value) == _decode(value)


_VALUES = st.text(st.sampled_from(list('ab1 {}"#%\\\t\n=,()')), max_size=20)
_SAMPLES = ["jan", "{x # y}", '"q"', "{}", '""', "12", "m", "{a {B} c}", '{x # {"y}}', "{{}{}}"]


@settings(max_examples=500, deadline=None)
@given(st.one_of(_VALUES, st.sampled_from(_SAMPLES)))
def test_a_simple_value_is_whole_and_expands_as_expand_does(raw: str) -> None:
    found = simple_value(raw)
    if found is None:
        return
    assert value_ok(raw)
    slow, fast = Expander(), Expander()
    slow.define("m", "{Macro}")
    fast.define("m", "{Macro}")
    assert fast.expand_simple(found) == slow.expand(raw)
    assert fast.undefined == slow.undefined
