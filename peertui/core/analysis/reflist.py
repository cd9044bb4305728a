"""The article's reference list against the published records: authors spelled otherwise.

A reference list item (the article's own list, or a reference's `article-form` field) is
cut into the surnames it names before its year, and each is looked for among the published
authors; one that is close but not equal is reported as misspelled (see
`peertui.core.analysis.crosscheck.findings`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from peertui.core.models import Corpus
from peertui.core.textutil import fold_ascii, normalise_ws

#: Surnames this similar (rapidfuzz ratio, 0-100) but not equal are reported as misspelled.
SURNAME_SIMILARITY = 80.0


@dataclass(frozen=True, slots=True)
class ListDifference:
    """An author as the article's reference list prints it, against the published record."""

    key: str
    number: int | None  # the item's number in the article's list
    article: str  # the surname as the article prints it
    published: str  # the closest published surname ("" when none is close)
    similarity: float
    message: str


_YEAR = re.compile(r"\(\s*(?:19|20)\d\d[a-z]?\s*\)|\b(?:19|20)\d\d[a-z]?\b")
_INITIALS = re.compile(r"^(?:[A-Z]\.?\s*-?\s*)+$")
_DROP = re.compile(r"\bet\s+al\b\.?:?|…|\.\.\.|&|\band\b", re.IGNORECASE)


def list_surnames(item: str) -> list[str]:
    """The surnames an article's reference list item names before its year.

    "Cook, J. A., Steigman, P., & Burke-Miller, J. K. (2012). ..." -> Cook, Steigman,
    Burke-Miller. Initials, "et al", "&" and ellipses are dropped.
    """
    year = _YEAR.search(item)
    authors = _DROP.sub(",", item[: year.start()] if year else item)
    names: list[str] = []
    for token in authors.split(","):
        words = token.strip(" .:;").split()
        while words and _INITIALS.match(words[-1]) and len(words) > 1:
            words.pop()  # "Cook JA" -> "Cook"
        name = " ".join(words)
        if name and not _INITIALS.match(name) and any(ch.islower() for ch in name):
            names.append(name)
    return names


def _surname(author: str) -> str:
    return author.split(",")[0].strip() if "," in author else (author.split() or [""])[-1]


def article_forms(corpus: Corpus) -> list[tuple[str, int | None, str, bool]]:
    """(key, list number, item text, from the article itself) for each item to compare."""
    article = corpus.article
    if article is not None and article.reference_list:
        found = []
        for number, text in article.reference_list:
            ref = corpus.reference_by_number(number)
            if ref is not None:
                found.append((ref.key, number, text, True))
        return found
    return [
        (r.key, r.number, r.extra["article-form"], False)
        for r in corpus.references
        if r.extra.get("article-form")
    ]


def _drafted_from(printed: str, item: str) -> bool:
    """Whether the entry was drafted from this very item (`peertui init` keeps it in `printed`):
    its authors are then no published record to hold the item against."""
    return bool(printed) and normalise_ws(item) in normalise_ws(printed)


def reference_list_differences(corpus: Corpus) -> list[ListDifference]:
    """Authors the article's reference list prints differently from the published record."""
    from rapidfuzz import fuzz, process

    differences: list[ListDifference] = []
    for key, number, text, _ in article_forms(corpus):
        ref = corpus.reference(key)
        published = [_surname(a) for a in ref.authors] if ref else []
        if not published or _drafted_from(ref.extra.get("printed", ""), text):
            continue
        folded = [fold_ascii(name) for name in published]
        where = f"reference {number}" if number is not None else f"the reference {key}"
        for name in list_surnames(text):
            if fold_ascii(name) in folded:
                continue
            best = process.extractOne(fold_ascii(name), folded, scorer=fuzz.ratio)
            if best is not None and best[1] >= SURNAME_SIMILARITY:
                close, score = published[best[2]], best[1]
                message = (
                    f"{where} of the article's list spells the author {name!r}; "
                    f"the published record ({key}) has {close!r}"
                )
            else:
                close, score = "", best[1] if best else 0.0
                message = (
                    f"{where} of the article's list names the author {name!r}, who is not in "
                    f"the published author list ({key})"
                )
            differences.append(ListDifference(key, number, name, close, score, message))
    return differences
