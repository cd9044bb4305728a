"""Stage zero of a search: the documents a query's qualifiers (`author:`, `year:`, ...) allow.

The qualifiers and how they combine are described in `peertui.core.search.engine`; this is their
half of `SearchIndex`, kept apart from building the index and ranking the words.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from dataclasses import replace

from peertui.core.models import Reference
from peertui.core.search.candidates import Candidates, Column
from peertui.core.search.index import tokens
from peertui.core.search.query import CUTOFF, Match, Query, fold_query, parse_range
from peertui.core.search.scoring import score, terms_of

#: Hit kinds, in the order ties are broken.
KINDS = ("claim", "reference", "number", "outcome")
_KIND_NAMES = {name: kind for kind in KINDS for name in (kind, kind + "s")} | {
    "ref": "reference",
    "refs": "reference",
}
#: A claim citing a selected reference (or owning a selected number) ranks at half its score.
_RELATED_SCALE = 0.5


class Qualifiers:
    """The qualifier filters of `SearchIndex`, over the index state it builds."""

    _columns: list[Column]
    _pick: Candidates
    _items: list[object]
    _by_kind: dict[str, list[int]]
    _ref_number: dict[int, int]
    _years: array[int]
    _year_docs: array[int]
    _citing: dict[int, list[int]]
    _owner: dict[int, int]
    _parts: dict[int, list[int]]
    _claim_kinds: dict[int, str]
    _key_doc: dict[str, int]
    _key_more: dict[str, tuple[int, ...]]
    #: The one-line label of a document (SearchIndex's own).
    _title: Callable[[int], str]

    def _filter(self, query: Query) -> dict[int, Match] | None:
        """Documents the qualifiers allow, with how well each matched; None when there are none."""
        filters = {k.lower(): v for k, v in query.filters.items() if v}
        groups: list[dict[int, Match]] = []
        ref_tests = [
            self._qualify(key, value)
            for key in ("author", "year", "ref", "title", "doi", "journal")
            for value in filters.get(key, [])
        ]
        if ref_tests:
            refs = _all_of(ref_tests)
            groups.append(self._with_related(refs, self._citing.get, "cites", self._ref_label))
        number_tests = [
            self._qualify(key, value) for key in ("unit", "role") for value in filters.get(key, [])
        ]
        if number_tests:
            numbers = _all_of(number_tests)
            groups.append(self._with_related(numbers, self._owner_of, "number", self._title))
        outcome_tests = [self._qualify("outcome", value) for value in filters.get("outcome", [])]
        if outcome_tests:
            outcomes = _all_of(outcome_tests)
            groups.append(self._with_related(outcomes, self._owner_of, "outcome", self._title))
        groups.extend(self._kind_filter(value) for value in filters.get("kind", []))
        return _all_of(groups) if groups else None

    def _qualify(self, key: str, value: str) -> dict[int, Match]:
        """Documents one `key:value` selects; near misses only when nothing matches exactly."""
        if key == "year":
            return self._year_filter(value)
        if key == "ref":
            return self._ref_filter(value)
        kind = {"unit": "number", "role": "number", "outcome": "outcome"}.get(key, "reference")
        columns = [c for c in self._columns if c.kind == kind and c.field == key]
        return self._select(fold_query(value), columns)

    def _select(self, value: str, columns: Sequence[Column]) -> dict[int, Match]:
        """Every document whose `columns` hold `value` exactly, or else nearly."""
        if not value:
            return {}
        phrase, words = terms_of(value)
        exact = self._pick.exact(phrase, words, columns, None, None)
        if exact:
            by_number = {c.number: c for c in columns}
            shared: dict[tuple[int, float], Match] = {}
            for _, level, number in exact:
                if (number, level) not in shared:
                    shared[number, level] = _exact_match(by_number[number], level, phrase)
            return {doc: shared[number, level] for doc, level, number in exact}
        near = self._pick.near(words, columns, None, set(), None) or self._pick.near(
            words, columns, None, set(), None, False
        )
        found = score(value, columns, set(near), CUTOFF) if near else {}
        return {doc: match for doc, match in found.items() if match.exact} or found

    def _year_filter(self, value: str) -> dict[int, Match]:
        bounds = parse_range(value)
        if bounds is None:
            return {}
        low, high = bounds
        start, end = bisect_left(self._years, low), bisect_right(self._years, high)
        shared: dict[str, Match] = {}
        items = self._items
        return {
            doc: shared.get(year) or shared.setdefault(year, Match(100.0, "year", year))
            for doc in self._year_docs[start:end]
            if (year := items[doc].year)  # type: ignore[union-attr]
        }

    def _ref_filter(self, value: str) -> dict[int, Match]:
        """`ref:4`, `ref:1-3` by citation number; otherwise the key, exactly or as a substring."""
        bounds = parse_range(value)
        if bounds is not None:
            low, high = bounds
            return {
                doc: Match(100.0, "citation", str(number))
                for number, doc in self._ref_number.items()
                if low <= number <= high
            }
        folded = fold_query(value)
        keys = next(c for c in self._columns if c.kind == "reference" and c.field == "key")
        exact = self._key_more.get(folded) or (
            (self._key_doc[folded],) if folded in self._key_doc else ()
        )
        if exact:
            return {doc: Match(100.0, "key", keys.raws[keys.entry_of[doc]]) for doc in exact}
        found = ((doc, keys.entry_of[doc]) for doc in self._pick.holding_runs(tokens(folded), keys))
        return {
            doc: Match(96.0, "key", keys.raws[e]) for doc, e in found if folded in keys.texts[e]
        }

    def _kind_filter(self, value: str) -> dict[int, Match]:
        """A hit kind selects every hit of that kind; a claim kind its claims and their parts."""
        folded = fold_query(value)
        hit_kind = _KIND_NAMES.get(folded)
        if hit_kind is not None:
            return dict.fromkeys(self._by_kind[hit_kind], Match(100.0, "kind", hit_kind))
        claims = {
            doc: Match(100.0, "kind", self._items[doc].kind)  # type: ignore[union-attr]
            for doc, kind in self._claim_kinds.items()
            if kind and kind.startswith(folded)
        }
        return self._with_related(claims, self._parts.get, "kind", lambda d: claims[d].text)

    def _with_related(
        self,
        primary: dict[int, Match],
        related: Callable[[int], list[int] | None],
        field_name: str,
        label: Callable[[int], str],
    ) -> dict[int, Match]:
        """Add the documents linked to each selected one, scored well below it."""
        result = dict(primary)
        for doc, match in primary.items():
            for other in related(doc) or ():
                score = _RELATED_SCALE * match.score
                if other not in primary and (other not in result or result[other].score < score):
                    result[other] = Match(score, field_name, label(doc))
        return result

    def _owner_of(self, doc: int) -> list[int]:
        return [self._owner[doc]] if doc in self._owner else []

    def _ref_label(self, doc: int) -> str:
        item = self._items[doc]
        return item.short if isinstance(item, Reference) else ""


def _exact_match(column: Column, level: float, term: str) -> Match:
    """The match an exact qualifier hit reports, one for all the hits of a column and level
    (a qualifier can select most of a large library): its text is read if it is shown."""
    quality = level + column.penalty
    return Match(level, column.field, "", "", term, True, None, None, quality, column.number)


def _all_of(groups: list[dict[int, Match]]) -> dict[int, Match]:
    """Documents every group selected; the first group says why, the weakest says how well."""
    if len(groups) == 1:
        return groups[0]
    common = set(groups[0]).intersection(*groups[1:])
    result: dict[int, Match] = {}
    for doc in common:
        first = groups[0][doc]
        weakest = min(g[doc].score for g in groups)
        result[doc] = first if weakest == first.score else replace(first, score=weakest)
    return result
