"""Choosing what an export writes: its format from the file name, and its summary.

Shared by the CLI and the app, so both refuse the same mismatch (CSV written into `lib.bib`)
and say the same thing after writing.
"""

from __future__ import annotations

from pathlib import Path

from peertui.core.errors import ExportError
from peertui.core.export.formats import SUFFIXES
from peertui.core.export.tables import cited_references
from peertui.core.models import Claim, Corpus
from peertui.core.plural import plural


def choose_format(
    path: Path | None,
    fmt: str | None,
    default: str = "csv",
    suffixes: dict[str, str] | None = None,
) -> str:
    """The format to write `path` in: `fmt` when given, else the one its extension names.

    Raises ExportError when the extension names another format than `fmt` (CSV written into
    `lib.bib`), or when no `fmt` is given and the extension names none (`q.xlsx`). A name
    without an extension (or stdout, `path` None) takes `fmt`, else `default`.
    `suffixes` maps extensions to formats (default: the export formats').
    """
    known = SUFFIXES if suffixes is None else suffixes
    suffix = Path(path).suffix.lower() if path is not None else ""
    if not suffix:
        return fmt or default
    named = known.get(suffix)
    listed = ", ".join(sorted(known))
    if fmt is None and named is None:
        raise ExportError(
            f"{path}: peertui cannot write {suffix} files; use one of {listed}, "
            "or name a format with --format"
        )
    if fmt is not None and named is not None and named != fmt:
        raise ExportError(
            f"{path}: the extension {suffix} is for {named}, not {fmt}: "
            f"change the file name or the format"
        )
    return fmt or named  # type: ignore[return-value]


def default_format(corpus: Corpus) -> str:
    """The format of an export no one named: the claim table, or a plain library as BibTeX."""
    return "csv" if corpus.claims else "bib"


def export_summary(corpus: Corpus, fmt: str, claims: list[Claim] | None = None) -> str:
    """What an export holds, for the message after writing it: "22 claims", "4,839 references"."""
    chosen = list(corpus.claims) if claims is None else list(claims)
    if fmt == "bib":
        refs = cited_references(corpus, chosen) if corpus.claims else corpus.references
        return plural(len(refs), "reference")
    if fmt == "json" and not corpus.claims:
        return plural(len(corpus.references), "reference")
    return plural(len(chosen), "claim")


def only_references(corpus: Corpus, keys: set[str]) -> Corpus:
    """A library of just the references `keys` names, in the library's order: what exporting
    a search's hits of a library without claims writes."""
    return Corpus(references=[ref for ref in corpus.references if ref.key in keys])
