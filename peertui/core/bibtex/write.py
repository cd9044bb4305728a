"""References written back as BibTeX that BibTeX, LaTeX and peertui's own loader read alike."""

from __future__ import annotations

import re

from peertui.core.bibtex.doi import normalise_doi
from peertui.core.bibtex.latex import decode_latex
from peertui.core.models import Reference
from peertui.core.sanitize import LINE_BREAKS, printable

#: LaTeX specials -> their text-mode escapes, so any value survives BibTeX, LaTeX and our loader.
_BIB_ESCAPES = str.maketrans(
    {ch: "\\" + ch for ch in "{}%&$#_"} | {"\\": r"\textbackslash{}", "~": r"\textasciitilde{}"}
)
#: The first character of a pair LaTeX would join into one glyph ("--" -> "–", "?`" -> "¿");
#: `\/` written after it keeps them apart. Matching the character rather than the gap lets the
#: regex engine skip ahead to candidates instead of trying lookbehinds at every position.
_LIGATURE = re.compile(r"-(?=-)|'(?=')|[`?!](?=`)")
#: Fields peertui's loader reads verbatim (identifiers, addresses): written unescaped.
_BIB_VERBATIM = frozenset({"doi", "url", "file", "eprint", "pdf", "pmid", "pmcid"})
#: Reference attribute names -> the BibTeX field names `unverified` uses (bibreader.FIELD_ALIASES).
_BIB_FIELD_NAMES = {"issue": "number", "authors": "author"}
_VENUE_FIELD = {"book": "publisher"} | dict.fromkeys(
    ("inproceedings", "incollection", "inbook", "conference"), "booktitle"
)
_KEY_UNSAFE = re.compile(r"[\s,{}()\"#%'=\\~]")
_TYPE_UNSAFE = re.compile(r"\W")
_ESCAPED_BRACE = re.compile(r"\\+(?=[{}])")
_AND = re.compile(r"\sand\s", re.IGNORECASE)
#: Every character `bib_escape` may change (line breaks, LaTeX specials, ligature starts); most
#: values hold none and are returned after this one scan. A test keeps it a superset of LINE_BREAKS.
_NEEDS_ESCAPE = re.compile(r"[\t\n\r\v\f\x1c-\x1e\x85\u2028\u2029{}%&$#_\\~'`?!-]")
#: The same plus every control character, for `_text`, which drops those first.
_NEEDS_WORK = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029{}%&$#_\\~'`?!-]")


def bib_escape(text: str) -> str:
    """Plain text -> a BibTeX field value that decodes back to the same text.

    BibTeX counts every brace, escaped or not, so a brace without its partner cannot be written:
    it is dropped. Paired braces are escaped and come back as braces.
    """
    if _NEEDS_ESCAPE.search(text) is None:
        return text
    text = _paired_braces(LINE_BREAKS.sub(" ", text)).translate(_BIB_ESCAPES)
    return _LIGATURE.sub(r"\g<0>\\/", text) if _LIGATURE.search(text) else text


def _bib_verbatim(text: str) -> str:
    """An identifier as written, minus what would unbalance the field (see bib_escape)."""
    text = _ESCAPED_BRACE.sub("", LINE_BREAKS.sub(" ", text))
    return _paired_braces(text).rstrip("\\")


def _paired_braces(text: str) -> str:
    """`text` without the braces that have no partner."""
    if "{" not in text and "}" not in text:  # most values: no need to walk them
        return text
    unmatched: list[int] = []
    opened: list[int] = []
    for i, ch in enumerate(text):
        if ch == "{":
            opened.append(i)
        elif ch == "}" and opened:
            opened.pop()
        elif ch == "}":
            unmatched.append(i)
    if not unmatched and not opened:
        return text
    drop = set(unmatched + opened)
    return "".join(ch for i, ch in enumerate(text) if i not in drop)


def _text(value: str) -> str:
    """A value as text, control sequences dropped first: an escape sequence that `printable`
    removed from the whole entry could swallow a closing brace or, unterminated, the rest."""
    return value if _NEEDS_WORK.search(value) is None else bib_escape(printable(value))


def _bib_author(name: str) -> str:
    """One name; braced when it is written with " and ", which would split it into two people."""
    text = _text(name)
    return "{" + text + "}" if _AND.search(text) else text


def bib_fields(ref: Reference) -> list[tuple[str, str]]:
    """(name, encoded value) in the fixed order: standard, peertui's own, then the rest."""
    text = _text
    pages = "--".join(text(part) for part in ref.pages.split("–"))
    unverified = ", ".join(sorted(_BIB_FIELD_NAMES.get(n, n) for n in ref.unverified))
    venue = _venue_field(ref)
    fields = [
        ("author", " and ".join(_bib_author(a) for a in ref.authors)),
        ("title", text(ref.title)),
        (venue, text(ref.journal)),
        ("year", text(ref.year)),
        ("volume", text(ref.volume)),
        ("number", text(ref.issue)),
        ("pages", pages),
        ("doi", _bib_verbatim(printable(normalise_doi(ref.doi)))),
        ("citation-number", "" if ref.number is None else str(ref.number)),
        ("unverified", text(unverified)),
        ("article-form", text(ref.extra.get("article-form", ""))),
        ("article-differences", text(ref.extra.get("article-differences", ""))),
    ]
    taken = {name for name, _ in fields}
    for name, value in sorted(ref.extra.items()):
        if name not in taken:
            value = _bib_verbatim(printable(value)) if name in _BIB_VERBATIM else text(value)
            fields.append((printable(name), value))
    if ref.written:
        fields = [(name, _as_read(ref, name, venue) or value) for name, value in fields]
    return [(name, value) for name, value in fields if value]


def _as_read(ref: Reference, name: str, venue: str) -> str | None:
    """The value of field `name` as the .bib wrote it (`{{\\TeX} and hyphenation}` keeps its
    protecting braces), when it still decodes to what `ref` holds; else None."""
    raw = ref.written.get(name)
    if raw is None:
        return None
    plain = {"title": ref.title, venue: ref.journal, "year": ref.year, "volume": ref.volume}
    current = plain.get(name) if name in plain else ref.extra.get(name)
    raw = " ".join(raw.split())
    if current is None or printable(raw) != raw or _paired_braces(raw) != raw or raw[-1:] == "\\":
        return None
    return raw if decode_latex(raw) == current else None


def _venue_field(ref: Reference) -> str:
    """The field that writes `ref.journal` back so the loader reads it there again.

    The loader takes journal, else booktitle, else publisher, and keeps the rest in `extra`.
    """
    order = ("journal", "booktitle", "publisher")
    allowed = order[: min((order.index(n) for n in order if n in ref.extra), default=3)]
    preferred = _VENUE_FIELD.get(_entry_type(ref), "journal")
    return preferred if preferred in allowed else (allowed or order)[0]


def _entry_type(ref: Reference) -> str:
    return _TYPE_UNSAFE.sub("", ref.entry_type.lower()) or "misc"


def reference_to_bib(ref: Reference) -> str:
    """One `@type{key, ...}` entry."""
    lines = [f"@{_entry_type(ref)}{{{_KEY_UNSAFE.sub('_', printable(ref.key))},"]
    lines += [f"  {name} = {{{value}}}," for name, value in bib_fields(ref)]
    return "\n".join([*lines, "}"]) + "\n"
