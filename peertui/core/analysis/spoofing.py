"""Text that can make one thing read as another: bidirectional controls, and claim ids that
are also a reference's key or number.

A right-to-left override (U+202E) in a key turns `‮keybidi` into what reads as other text on a
terminal, so two keys can look alike, or a key like a harmless one. `check` warns about every
key and field holding one, and keys are shown with such characters escaped
(`peertui.core.sanitize.shown_key`).
A claim whose id is also a reference's key or citation number hides that reference from
`peertui show ID`: warned too.
"""

from __future__ import annotations

from collections.abc import Iterable

from peertui.core.models import Corpus, Problem
from peertui.core.sanitize import BIDI, escape_bidi, shown_key


def _names(text: str) -> str:
    return ", ".join(sorted({f"U+{ord(c):04X}" for c in BIDI.findall(text)}))


def spoofing_problems(corpus: Corpus, bib_file: str, claims_file: str) -> list[Problem]:
    """Warnings for bidirectional controls in keys, fields and claims, and for claim ids that
    are also a reference's key or citation number."""
    problems: list[Problem] = []
    refs = corpus.references
    if BIDI.search("\x00".join(_reference_strings(refs))):  # one pass over a whole library
        for ref in refs:
            for name, value in _fields(ref):
                if BIDI.search(value):
                    what = "key" if name == "key" else f"field '{name}' of '{shown_key(ref.key)}'"
                    problems.append(_bidi(bib_file, ref.line, what, value))
    for claim in corpus.claims:
        for name, value in (("id", claim.id), ("text", claim.text), ("notes", claim.notes)):
            if BIDI.search(value):
                what = f"claim '{shown_key(claim.id)}'" + ("" if name == "id" else f" {name}")
                problems.append(_bidi(claims_file, claim.line, what, value))
    keys = {ref.key for ref in refs}
    numbers = {str(ref.number) for ref in refs if ref.number is not None}
    for claim in corpus.claims:
        if claim.id in keys or claim.id in numbers:
            what = "key" if claim.id in keys else "citation number"
            problems.append(
                Problem(
                    claims_file,
                    claim.line,
                    f"claim id '{shown_key(claim.id)}' is also a reference's {what}: "
                    f"`show {shown_key(claim.id)}` shows the claim, not the reference",
                    "warning",
                )
            )
    return problems


def _bidi(file: str, line: int | None, what: str, value: str) -> Problem:
    message = (
        f"{what} holds bidirectional control characters ({_names(value)}), which can make it "
        f"read as other text: '{escape_bidi(value[:80])}'"
    )
    return Problem(file, line, message, "warning")


def _fields(ref: object) -> Iterable[tuple[str, str]]:
    for name in ("key", "title", "journal", "year", "volume", "issue", "pages", "doi"):
        yield name, getattr(ref, name)
    for author in ref.authors:
        yield "author", author
    yield from ref.extra.items()


def _reference_strings(refs: Iterable[object]) -> Iterable[str]:
    for ref in refs:
        for _, value in _fields(ref):
            yield value
