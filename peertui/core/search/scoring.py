"""Stage two of a search: the exact score of each chosen document, field by field.

Every field of the documents in scope is compared with the phrase (and with each word of a
multi-word phrase) by `rapidfuzz.fuzz.partial_ratio`, then graded (`query.grade`) and combined
(`query.combine`) into one match per document. This is the definition of the ranking; the token
index (`peertui.core.search.candidates`) only decides which documents are worth this work.
"""

from __future__ import annotations

from collections.abc import Iterable

from rapidfuzz import fuzz, process

from peertui.core.search.candidates import Column
from peertui.core.search.query import (
    MAX_SCORED_CHARS,
    Match,
    combine,
    content_words,
    grade,
    term_cutoff,
    tier_score,
)


def terms_of(phrase: str) -> tuple[str, list[str]]:
    """The phrase as searched and its content words (a one-word phrase is that word)."""
    words = content_words(phrase)
    return (words[0] if len(words) == 1 else phrase), words


def score(
    phrase: str, columns: Iterable[Column], scope: set[int] | None, cutoff: float
) -> dict[int, Match]:
    """Score every document in scope (None: all) against `phrase` over `columns`."""
    phrase, words = terms_of(phrase)
    terms = [phrase, *words] if len(words) > 1 else [phrase]
    best: dict[int, Match] = {}
    per_word: dict[int, list[list[Match]]] = {}
    for column in columns:
        entries, choices = restrict(column, scope)
        if not choices:
            continue
        for t, term in enumerate(terms):
            found = process.extract(
                term,
                choices,
                scorer=fuzz.partial_ratio,
                score_cutoff=term_cutoff(term, cutoff),
                limit=None,
            )
            for folded, raw_score, i in found:
                entry = i if entries is None else entries[i]
                match = grade(term, folded, float(raw_score), cutoff)
                if match is None:
                    continue
                match.field, match.text = column.field, column.raws[entry]
                match.score = tier_score(match) - column.penalty
                doc = column.docs[entry]
                if t == 0:
                    if doc not in best or match.score > best[doc].score:
                        best[doc] = match
                else:
                    slots = per_word.setdefault(doc, [[] for _ in words])
                    slots[t - 1].append(match)
    if len(terms) == 1:
        return best
    return {
        doc: found
        for doc in best.keys() | per_word.keys()
        if (found := combine(best.get(doc), per_word.get(doc), len(words), cutoff))
    }


def restrict(column: Column, scope: set[int] | None) -> tuple[list[int] | None, list[str]]:
    """The column's strings for the documents in scope, and their entry numbers (None: all);
    each cut to MAX_SCORED_CHARS, so a field of 100 MB costs what one of 20 kB does."""
    if column.longest < 0:
        column.longest = max(map(len, column.texts), default=0)
    texts = column.texts
    if column.longest > MAX_SCORED_CHARS:
        texts = [text[:MAX_SCORED_CHARS] for text in texts]
    if scope is None:
        return None, texts
    if len(scope) < len(column.docs):
        entries = sorted(column.entry_of[d] for d in scope if d in column.entry_of)
    else:
        entries = [e for e, d in enumerate(column.docs) if d in scope]
    return entries, [texts[e] for e in entries]
