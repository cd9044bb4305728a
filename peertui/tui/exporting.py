"""What the export dialog offers for the open corpus, and writing what it asks for.

A bundle exports its claims (every format); a library with no claims exports references as
.bib: all of them, or the search's hits. The dialog starts from the last export's format and
folder.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from peertui.core.models import Claim, Corpus
from peertui.core.sanitize import clean, shorten

if TYPE_CHECKING:
    from peertui.tui.screens.export import ExportOffer, ExportRequest

#: The file name the dialog suggests, by what is exported.
STEMS = {"Claims": "peertui-claims", "References": "peertui-references"}


@dataclass(slots=True)
class ExportMemory:
    """The last export's format and folder, offered again by the next dialog."""

    fmt: str = ""
    folder: Path = field(default_factory=Path.cwd)


def export_offer(
    corpus: Corpus,
    memory: ExportMemory,
    query: str,
    search_claims: list[str] | None,
    search_refs: list[str] | None,
) -> ExportOffer:
    """The dialog's choices for `corpus` and the latest search."""
    from peertui.core.export.formats import FORMATS
    from peertui.tui.screens.export import ExportOffer

    if corpus.claims:
        what, formats, total = "Claims", dict(FORMATS), len(corpus.claims)
        found = None if search_claims is None else len(search_claims)
    else:
        what, formats, total = "References", {"bib": FORMATS["bib"]}, len(corpus.references)
        found = None if search_refs is None else len(search_refs)
    everything = f"All {what.lower()} ({total})"
    searched = None if found is None else f"{what} of the search “{shorten(query, 30)}” ({found})"
    fmt = memory.fmt if memory.fmt in formats else next(iter(formats))
    return ExportOffer(formats, what, everything, searched, fmt, memory.folder, STEMS[what])


def write_export(
    corpus: Corpus,
    request: ExportRequest,
    search_claims: list[str] | None,
    search_refs: list[str] | None,
) -> tuple[str | None, str]:
    """Write the export; (an error to show, None when written) and what was written."""
    from peertui.core.errors import ExportError
    from peertui.core.export.atomic import write_atomic
    from peertui.core.export.choice import export_summary, only_references
    from peertui.core.export.tables import render

    if corpus.claims:
        claims: list[Claim] | None = None
        if request.search_only and search_claims is not None:
            claims = [c for i in search_claims if (c := corpus.claim(i))]
        text_of = (corpus, claims)
        what = export_summary(corpus, request.fmt, claims)
    else:
        library = corpus
        if request.search_only and search_refs is not None:
            library = only_references(corpus, set(search_refs))
        text_of = (library, None)
        what = export_summary(library, request.fmt)
    try:
        text = render(text_of[0], request.fmt, text_of[1])
        write_atomic(request.path, text, inputs=corpus.paths.values())
    except (ExportError, OSError, ValueError) as error:
        return clean(str(error)), what
    return None, what
