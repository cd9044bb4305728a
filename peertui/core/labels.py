"""How the article's things are named in one line, the same in every export, message and view."""

from __future__ import annotations

from peertui.core.models import Corpus, Reference


def reference_label(key: str, ref: Reference | None) -> str:
    """ "[3] Cook et al. 2012" (the citation number the article uses, then the short label);
    a key the library lacks is shown as itself, marked missing."""
    if ref is None:
        return f"{key} (missing)"
    return f"[{ref.number}] {ref.short}" if ref.number is not None else ref.short


def cited_label(corpus: Corpus, key: str) -> str:
    """The label of the reference a claim or a source cites by `key`."""
    return reference_label(key, corpus.reference(key))
