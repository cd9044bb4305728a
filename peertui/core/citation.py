"""A reference as one formatted citation: the app's reference card, `peertui show` and the
text the app copies all come from here, so each reads the same.

The citation is a list of runs (kind, text): a field's text, the punctuation between fields
and, after a field not confirmed against a public record, an "[unverified]" tag. Punctuation
a title already ends with is not doubled ("go there?" then no "."), and a tag never runs into
the next field ("28 [unverified] (4)").
"""

from __future__ import annotations

from peertui.core.models import Reference
from peertui.core.sanitize import clean

#: Run kinds: plain text, the title, the venue, a field not confirmed, the tag after one.
TEXT, TITLE, JOURNAL, UNVERIFIED, TAG = "text", "title", "journal", "unverified", "tag"
TAG_TEXT = " [unverified]"
#: `unverified` as the .bib spells field names -> Reference attribute names.
_FIELD_ALIASES = {"number": "issue", "author": "authors"}
_END_PUNCTUATION = (".", "?", "!")


def unverified_fields(ref: Reference) -> frozenset[str]:
    """The Reference attributes `ref.unverified` names."""
    return frozenset(_FIELD_ALIASES.get(name, name) for name in ref.unverified)


def authors_text(ref: Reference, limit: int = 0) -> str:
    """Authors as "A; B; C", cut to `limit` names plus "et al." when limit is set."""
    names = [clean(name) for name in ref.authors]
    if limit and len(names) > limit:
        return "; ".join(names[:limit]) + f"; et al. ({len(names)} authors)"
    return "; ".join(names)


def _pieces(ref: Reference, limit: int) -> list[tuple[str, str]]:
    """(field, text) in reading order; punctuation between fields has the field ""."""
    pieces: list[tuple[str, str]] = []
    if ref.authors:
        pieces += [("authors", authors_text(ref, limit)), ("", " ")]
    if ref.year:
        pieces += [("", "("), ("year", clean(ref.year)), ("", "). ")]
    title = clean(ref.title)
    if title:
        ended = title.endswith(_END_PUNCTUATION) and not title.endswith("..")
        pieces += [("title", title), ("", " " if ended else ". ")]
    if ref.journal:
        pieces += [("journal", clean(ref.journal)), ("", ", " if ref.volume or ref.pages else ". ")]
    if ref.volume:
        pieces.append(("volume", clean(ref.volume)))
    if ref.issue:
        pieces.append(("issue", f"({clean(ref.issue)})"))
    if ref.pages:
        pieces += [("", ", " if ref.volume or ref.issue else ""), ("pages", clean(ref.pages))]
    if ref.volume or ref.issue or ref.pages:
        pieces.append(("", ". "))
    if ref.doi:
        pieces += [("", "DOI "), ("doi", clean(ref.doi))]
    return pieces


def citation_runs(ref: Reference, limit: int = 0, tags: bool = True) -> list[tuple[str, str]]:
    """The citation as (kind, text) runs; with `tags`, each unconfirmed field is followed by
    " [unverified]", set apart from what comes next."""
    unverified = unverified_fields(ref)
    runs: list[tuple[str, str]] = []
    pieces = _pieces(ref, limit)
    for index, (name, text) in enumerate(pieces):
        if name and name in unverified:
            runs.append((UNVERIFIED, text))
            if tags:
                runs.append((TAG, TAG_TEXT))
                following = pieces[index + 1][1] if index + 1 < len(pieces) else ""
                if following[:1].isalnum() or following[:1] in ("(", "["):
                    runs.append((TEXT, " "))
        elif name == "title":
            runs.append((TITLE, text))
        elif name == "journal":
            runs.append((JOURNAL, text))
        else:
            runs.append((TEXT, text))
    return runs


def citation_text(ref: Reference, tags: bool = False) -> str:
    """The citation as plain text (the clipboard's, without tags; `peertui show`'s, with)."""
    return "".join(text for _, text in citation_runs(ref, tags=tags)).strip()
