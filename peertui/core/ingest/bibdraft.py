"""A draft's references.bib: one entry per reference-list item, in the article's order.

Keys are `family` + `year` (`smith2012`), made unique with a letter; every parsed field is
written, with the reference as printed in `printed` and its number in `citation-number`
where the style is numeric. The project's own BibTeX writer escapes the values, so peertui's
loader, BibTeX and LaTeX read back exactly what was parsed.
"""

from __future__ import annotations

import re

from peertui.core.bibtex.write import reference_to_bib
from peertui.core.ingest.model import PrintedRef
from peertui.core.models import Reference
from peertui.core.textutil import fold_ascii

_LETTERS = re.compile(r"[^a-z]+")
_NOT_KEY = re.compile(r"[^a-z0-9]+")
_STOP = frozenset({"a", "an", "the", "of", "on", "in", "and", "for", "to"})


def reference_keys(refs: list[PrintedRef]) -> list[str]:
    """A unique key for each reference, in order."""
    taken: set[str] = set()
    keys = []
    for position, ref in enumerate(refs, start=1):
        base = _base_key(ref) or f"ref{ref.number or position}"
        key = base
        for suffix in "bcdefghijklmnopqrstuvwxyz":
            if key not in taken:
                break
            key = base + suffix
        else:
            key = f"{base}_{position}"
        taken.add(key)
        keys.append(key)
    return keys


def _base_key(ref: PrintedRef) -> str:
    who = ref.authors[0][0] if ref.authors else ""
    if not who:
        words = [w for w in fold_ascii(ref.title).split() if w not in _STOP]
        who = words[0] if words else ""
    name = _LETTERS.sub("", fold_ascii(who))[:24]
    year = _NOT_KEY.sub("", fold_ascii(ref.year + ref.year_suffix))  # "in press" -> "inpress"
    return f"{name}{year}" if name else ""


def to_reference(ref: PrintedRef, key: str) -> Reference:
    """The project's Reference for one parsed item (`printed` and identifiers in `extra`)."""
    extra = {"printed": ref.printed}
    for name in ("pmid", "url", "publisher"):
        if getattr(ref, name):
            extra[name] = getattr(ref, name)
    return Reference(
        key=key,
        entry_type=ref.entry_type or "misc",
        authors=[f"{family}, {given}" if given else family for family, given in ref.authors],
        title=ref.title,
        journal=ref.container,
        year=ref.year,
        volume=ref.volume,
        issue=ref.issue,
        pages=ref.pages,
        doi=ref.doi,
        number=ref.number,
        extra=extra,
    )


def write_bib(refs: list[PrintedRef], keys: list[str]) -> str:
    """The text of references.bib."""
    head = "% Drafted by peertui init: check each entry against its `printed` field.\n\n"
    return head + "\n".join(
        reference_to_bib(to_reference(r, k)) for r, k in zip(refs, keys, strict=True)
    )
