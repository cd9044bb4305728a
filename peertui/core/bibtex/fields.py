"""A .bib entry's decoded fields -> a Reference, and the LaTeX macros decoding did not know.

Kept apart from the block reader (read.py), which decides what an entry's fields are.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from peertui.core.bibtex.doi import normalise_doi
from peertui.core.bibtex.latex import unknown_macros
from peertui.core.models import Problem, Reference

#: How many unknown macros the warning names before "and N more".
SHOWN_MACROS = 12


def build_reference(
    key: str,
    entry_type: str,
    line: int | None,
    authors: list[str],
    values: dict[str, str],
    written: dict[str, str],
) -> Reference:
    """The Reference of the standard fields, taken out of `values`, which becomes its `extra`;
    `written` holds the values as the file wrote them, for those decoding changed."""
    journal = ""
    for venue in ("journal", "booktitle", "publisher"):
        if venue in values:
            journal = values.pop(venue)
            break
    return Reference(
        key=key,
        entry_type=entry_type.lower(),
        authors=authors,
        title=values.pop("title", ""),
        journal=journal,
        year=values.pop("year", ""),
        volume=values.pop("volume", ""),
        issue=values.pop("number", ""),
        pages=values.pop("pages", "").replace("--", "–"),
        doi=normalise_doi(values.pop("doi", "")),
        extra=values,
        written=written,
        line=line,
    )


@dataclass(slots=True)
class UnknownMacros:
    """The LaTeX macros a library uses that decoding does not know, each with where it is
    first used: reported once for the whole file, not once per field."""

    first: dict[str, tuple[str, int | None]] = field(default_factory=dict)

    def note(self, raw: str, key: str, line: int | None) -> None:
        """Note the unknown macros of one field value of the entry `key`."""
        for name in unknown_macros(raw):
            if name not in self.first:
                self.first[name] = (key, line)

    def problem(self, filename: str) -> Problem | None:
        """One warning naming every unknown macro, at the line of the first; None if none."""
        if not self.first:
            return None
        names = list(self.first)
        key, line = self.first[names[0]]
        shown = ", ".join(f"\\{name}" for name in names[:SHOWN_MACROS])
        if len(names) > SHOWN_MACROS:
            shown += f" and {len(names) - SHOWN_MACROS} more"
        count = "macro" if len(names) == 1 else "macros"
        return Problem(
            filename,
            line,
            f"unknown LaTeX {count} {shown} (first in {key!r}): each is shown as its argument, "
            "or as its name when it has none",
            "warning",
        )
