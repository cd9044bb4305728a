"""The export formats and the file extensions that name them: light enough for argument parsing."""

from __future__ import annotations

from pathlib import Path

#: Export format name -> file extension.
FORMATS: dict[str, str] = {
    "csv": ".csv",
    "tsv": ".tsv",
    "md": ".md",
    "json": ".json",
    "bib": ".bib",
}

#: File extension -> the export format written into it.
SUFFIXES = {ext: name for name, ext in FORMATS.items()}
SUFFIXES.update({".tab": "tsv", ".markdown": "md", ".bibtex": "bib"})


def format_for_path(path: Path) -> str | None:
    """The format a file name asks for by its extension (".markdown" -> "md"), or None."""
    return SUFFIXES.get(Path(path).suffix.lower())
