"""LaTeX in BibTeX field values -> Unicode text: accents, letters, font commands, dashes, math.

Common accents and font commands are replaced by regular expressions; only what remains with a
macro or math goes through pylatexenc, which is slower and imported on first use.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any

_NEEDS_PARSER = re.compile(r"[\\$]")
_GROUPING = str.maketrans({"{": None, "}": None, "~": " "})
#: Accent commands -> the combining character they put on their letter.
_ACCENTS = {
    "`": "\u0300",
    "'": "\u0301",
    "^": "\u0302",
    "~": "\u0303",
    "=": "\u0304",
    "u": "\u0306",
    ".": "\u0307",
    '"': "\u0308",
    "r": "\u030a",
    "H": "\u030b",
    "v": "\u030c",
    "d": "\u0323",
    "c": "\u0327",
    "k": "\u0328",
    "b": "\u0331",
}
_LETTERS = {
    "ss": "ß",
    "o": "ø",
    "O": "Ø",
    "aa": "å",
    "AA": "Å",
    "ae": "æ",
    "AE": "Æ",
    "oe": "œ",
    "OE": "Œ",
    "l": "ł",
    "L": "Ł",
    "i": "ı",
    "j": "ȷ",
}
# `\"u`, `\" u`, `\"{u}`, `{\'\i}`; letter-named accents need a brace or space: `\v{s}`, `\c c`.
_ACCENT = re.compile(
    r"""\\(?:([`'^~=."])\s*|([uvHrdckb])(?=[\s{]))\s*"""
    r"""(?:\{\s*(\\[ij]|[A-Za-z])\s*\}|(?:(\\[ij])(?![A-Za-z])\s*|([A-Za-z])))"""
)
_LETTER = re.compile(r"\\(ss|aa|AA|ae|AE|oe|OE|[oOlLij])(?![A-Za-z])\s*(?:\{\})?")
# Font and box commands carry no text of their own: `\emph{x}` and `{\em x}` read as `x`.
_FORMATTING = re.compile(
    r"\\(?:emph|text(?:it|bf|sc|rm|sf|tt|up|md|sl|normal)?|mbox)\s*(?=\{)"
    r"|\\(?:em|it|bf|sc|rm|sf|tt|sl|normalfont|itshape|bfseries|scshape|upshape)(?![A-Za-z])\s*"
)
#: TeX-world logos, frequent in titles (`{\\TeX} in Czechoslovakia`); pylatexenc drops them.
_LOGOS = {
    "TeX": "TeX",
    "LaTeX": "LaTeX",
    "LaTeXe": "LaTeX2e",
    "BibTeX": "BibTeX",
    "SliTeX": "SliTeX",
    "AmSTeX": "AMS-TeX",
    "AMSTeX": "AMS-TeX",
    "AmS": "AMS",
    "AMS": "AMS",
    "METAFONT": "METAFONT",
    "MF": "METAFONT",
    "METAPOST": "MetaPost",
    "MP": "MetaPost",
    "ConTeXt": "ConTeXt",
    "eTeX": "e-TeX",
    "pdfTeX": "pdfTeX",
    "pdfLaTeX": "pdfLaTeX",
    "XeTeX": "XeTeX",
    "XeLaTeX": "XeLaTeX",
    "LuaTeX": "LuaTeX",
    "LuaLaTeX": "LuaLaTeX",
    "PiCTeX": "PiCTeX",
}
# A logo eats its `{}` (`\\TeX{}book`) but not the space after it, unlike TeX itself.
_LOGO = re.compile(
    r"\\(" + "|".join(sorted(_LOGOS, key=len, reverse=True)) + r")(?![A-Za-z])(?:\{\})?"
)
_ESCAPED = re.compile(r"\\([&%$#_])")
_UNESCAPED_PERCENT = re.compile(r"(?<!\\)%")


#: `\path|...|`, `\url{...}`, `\verb+...+`: addresses written as they are, `~` and `%` too.
_VERBATIM = re.compile(r"\\(?:path|url|verb)\s*(?:\|([^|]*)\||\{([^{}]*)\}|\+([^+]*)\+)")
#: Sorting helpers BibTeX styles define to print nothing: `{\noopsort{a}}Smith` reads "Smith".
_NO_OUTPUT = re.compile(r"\\(?:noopsort|SortNoop|sortnoop)\s*\{[^{}]*\}")
#: What a `_VERBATIM` part stands as while the rest is decoded (private-use characters).
_HOLD = "\ue000{}\ue001"
_HELD = re.compile("\ue000(\\d+)\ue001")
#: Unknown to pylatexenc, common in TeX-world libraries, with text of their own (tugboat.cls).
_TEXT_MACROS = {"Dash": "—", "TUB": "TUGboat"}


@lru_cache(maxsize=1)
def _decoder() -> Any:
    """pylatexenc's converter, imported on first use: most values never need it.

    A macro it does not know keeps its argument or, with none, its name set apart by spaces
    (`setting{\\Dash}an` would otherwise read "settingan"); the names are noted in `unknown`.
    """
    from pylatexenc.latex2text import LatexNodes2Text

    class Decoder(LatexNodes2Text):  # type: ignore[misc]
        def __init__(self, **options: Any) -> None:
            super().__init__(**options)
            self.unknown: list[str] = []

        def macro_node_to_text(self, node: Any) -> str:
            name = node.macroname
            if self.latex_context.get_macro_spec(name) is not None or not name.isalpha():
                return str(super().macro_node_to_text(node))
            if name not in _TEXT_MACROS:
                self.unknown.append(name)
            source, end = node.parsing_state.s, node.pos + node.len
            if source.startswith("{", end) and not source.startswith("{}", end):
                return ""  # its argument follows as a group, whose text is kept
            before = source[: node.pos].rstrip("{")[-1:]
            after = source[end:].lstrip("{}")[:1]
            text = _TEXT_MACROS.get(name, name)
            lead = " " if before.isalnum() else ""
            return lead + text + (" " if after.isalnum() else "")

    return Decoder(math_mode="text", strict_latex_spaces=False)


def is_plain(value: str) -> bool:
    """True when decoding `value` only collapses whitespace: no `\\`, brace, `$`, `~` or
    `--`, and no pair of backquotes or of single quotes.

    Substring tests: several times faster than a pattern on long values such as abstracts.
    """
    return not (
        "\\" in value
        or "{" in value
        or "}" in value
        or "$" in value
        or "~" in value
        or "--" in value
        or "``" in value
        or "''" in value
    )


def collapse_ws(value: str) -> str:
    """`normalise_ws` by str.split: the same whitespace (str.isspace is what `\\s` matches)."""
    return " ".join(value.split())


def decode_latex(value: str) -> str:
    """LaTeX -> Unicode text with whitespace collapsed.

    Only values with a macro or math (`\\`, `$`) go through the LaTeX parser; braces, ties
    and dashes alone are replaced directly, which keeps large libraries fast. Plain values,
    most of a library, and values with only dashes (page ranges) skip the cache.
    """
    if (
        "\\" in value
        or "{" in value
        or "}" in value
        or "$" in value
        or "~" in value
        or "``" in value
        or "''" in value
    ):
        return _decode(value)
    if "--" in value:  # page ranges: nearly all unique, so not worth a place in the cache
        return collapse_ws(
            unicodedata.normalize("NFC", value.replace("---", "—").replace("--", "–"))
        )
    return collapse_ws(value)


def _decode(value: str) -> str:
    """decode_latex for a value with LaTeX in it."""
    return _decode_noting(value)[0]


def unknown_macros(value: str) -> tuple[str, ...]:
    """The macros decoding `value` met and did not know (kept as their argument or name)."""
    return _decode_noting(value)[1] if "\\" in value else ()


@lru_cache(maxsize=65536)
def _decode_noting(value: str) -> tuple[str, tuple[str, ...]]:
    """The decoded text and the unknown macros met; values with LaTeX repeat (journals,
    accented names), so both are cached."""
    held: list[str] = []
    if "\\" in value:
        value = _NO_OUTPUT.sub("", value)
        if _VERBATIM.search(value):
            value = _VERBATIM.sub(lambda m: _hold(held, m[1] or m[2] or m[3] or ""), value)
    simple = _decode_simple(value) if "\\" in value else value
    if not _NEEDS_PARSER.search(simple):
        plain = simple.translate(_GROUPING).replace("---", "—").replace("--", "–")
        plain = unicodedata.normalize("NFC", plain.replace("``", "“").replace("''", "”"))
        return _restore(collapse_ws(plain), held), ()
    # In a field value `%` is a percent sign, not a LaTeX comment that would eat the rest.
    escaped = _UNESCAPED_PERCENT.sub(r"\\%", _LOGO.sub(lambda m: _LOGOS[m[1]], value))
    decoder = _decoder()
    decoder.unknown = []
    try:
        text = collapse_ws(decoder.latex_to_text(escaped))
    except (RecursionError, ValueError, IndexError, KeyError, TypeError, AttributeError):
        # Braces nested thousands deep, or LaTeX the parser trips on: keep the text as written.
        text = collapse_ws(simple.translate(_GROUPING))
    return _restore(text, held), tuple(dict.fromkeys(decoder.unknown))


def _hold(held: list[str], verbatim: str) -> str:
    """A stand-in for a verbatim part, which `_restore` puts back once the rest is decoded."""
    held.append(verbatim)
    return _HOLD.format(len(held) - 1)


def _restore(text: str, held: list[str]) -> str:
    return _HELD.sub(lambda m: held[int(m[1])], text) if held else text


def _decode_simple(value: str) -> str:
    """Decode accents, letters like `\\ss`, logos like `\\TeX`, font commands and escaped
    specials; leave others."""
    value = _FORMATTING.sub("", value)
    value = _ACCENT.sub(_accent, value)
    value = _LETTER.sub(lambda m: _LETTERS[m[1]], value)
    value = _LOGO.sub(lambda m: _LOGOS[m[1]], value)
    return _ESCAPED.sub(r"\1", value)


def _accent(match: re.Match[str]) -> str:
    """One accent command -> its letter plus a combining mark (NFC composes them later)."""
    base = (match[3] or match[4] or match[5]).lstrip("\\")  # a dotless `\i` accents as `i`
    return base + _ACCENTS[match[1] or match[2]]
