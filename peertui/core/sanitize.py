"""Make text from files safe to show: no terminal control sequences, ever."""

from __future__ import annotations

import re

# ESC-introduced sequences (CSI, OSC, and two-character escapes) and every other C0/C1 control
# except tab and newline. OSC ends at BEL or ST; one left open ends at the line's end, so an
# unterminated sequence cannot take the rest of a text with it.
_SEQUENCES = re.compile(
    r"\x1b\][^\x07\x1b\n]*(?:\x07|\x1b\\)?"  # OSC ... BEL/ST
    r"|\x1b\[[0-?]*[ -/]*[@-~]"  # CSI
    r"|\x1b[@-Z\\-_]"  # other two-character escapes
    r"|\x9b[0-?]*[ -/]*[@-~]"  # 8-bit CSI
    r"|[\x00-\x08\x0b-\x1f\x7f-\x9f]"
)
#: Every line or cell break a text may hold (tab included), where a one-line cell needs a space.
LINE_BREAKS = re.compile(r"\r\n|[\t\n\r\v\f\x1c-\x1e\x85\u2028\u2029]")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """`text` without escape sequences or control characters (tab and newline are kept)."""
    return _SEQUENCES.sub("", text) if _CONTROL.search(text) else text


#: What JSON may carry raw but a terminal could act on: DEL and the C1 controls (8-bit CSI, OSC).
_JSON_RAW_CONTROL = re.compile(r"[\x7f-\x9f]")


def json_safe(text: str) -> str:
    r"""JSON text with DEL and C1 written as `\u00XX` escapes, so it decodes to the same values.

    json.dumps escapes C0 itself but, with ensure_ascii=False, leaves DEL and C1 raw; a terminal
    reads U+009B as CSI. Outside strings JSON holds only ASCII, so escaping every one is exact.
    """
    return _JSON_RAW_CONTROL.sub(lambda m: f"\\u{ord(m[0]):04x}", text)


def clean(text: str) -> str:
    """Text from a file, without control characters, on one line."""
    # str.split() and the regex \s agree on what whitespace is (both use str.isspace).
    return " ".join(printable(text).split())


def shorten(text: str, width: int) -> str:
    """`text` cleaned onto one line, then at most `width` characters, cut at a word with "…".

    Only as much of `text` is cleaned as the result can need (a beginning a few times `width`
    long, longer only while cleaning leaves too little of it), so a field of 100 MB costs what
    a line does.
    """
    size = 4 * width + 64
    while True:
        whole = size >= len(text)
        cleaned = clean(text if whole else text[:size])
        if whole or len(cleaned) > width + 16:  # room for what a cut escape sequence leaves
            break
        size *= 4
    if whole and len(cleaned) <= width:
        return cleaned
    cut = cleaned.rfind(" ", 0, width - 1)
    return cleaned[: cut if cut > width // 2 else width - 1].rstrip(" ,;:") + "…"


#: Bidirectional controls: embeddings and overrides (U+202A–202E), isolates (U+2066–2069),
#: LRM and RLM (U+200E/F). In a key they make it read as other text (`peertui check` warns).
BIDI = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def escape_bidi(text: str) -> str:
    """`text` with each bidirectional control written as its escape (`\\u202e`)."""
    return BIDI.sub(lambda m: f"\\u{ord(m[0]):04x}", text)


def shown_key(key: str) -> str:
    """A key as it is shown: readable for what it is, never reordered by the terminal."""
    return escape_bidi(key) if BIDI.search(key) else key
