"""Stage one of a search: the few documents worth scoring, chosen from the token index alone.

Scoring a document (rapidfuzz over its fields, then `query.grade`) is exact but costs
microseconds per field, and a large library cannot afford it for every document on every
keystroke. The exact tiers of the ranking (see `peertui.core.search.engine`) depend only on which
tokens each field holds, so they are ranked here by set operations on postings; only the top
`limit` documents, and the best near misses when too few match exactly, go on to be scored.
"""

from __future__ import annotations

import heapq
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from peertui.core.search.index import TokenIndex, tokens
from peertui.core.search.query import (
    CUTOFF,
    FUZZY_SCALE,
    exact_only,
    field_penalty,
    grade,
    term_cutoff,
)

#: A document chosen by stage one: (document, estimated score, column that gave the score).
Ranked = tuple[int, float, int]
#: Score -> the (column, documents) groups reaching it.
Levels = dict[float, list[tuple[int, Iterable[int]]]]
#: How many near-miss candidates per wanted hit: their estimate is only approximate.
NEAR_SLACK = 2
#: The quality of a term that is a whole word of a field (see `TokenIndex.containing`).
WHOLE_WORD = 100.0
#: Scores of the "every word, one field" and "every word, several fields" tiers.
ONE_FIELD, SEVERAL_FIELDS = 90.0, 88.0


@dataclass(slots=True)
class Column:
    """One field of one kind of document: folded strings and their documents, in step.

    `raws` are the values with whitespace collapsed, `texts` the same folded for matching.
    """

    kind: str
    field: str
    number: int = -1
    docs: Sequence[int] = field(default_factory=list)
    texts: Sequence[str] = field(default_factory=list)
    raws: Sequence[str] = field(default_factory=list)
    entry_of: dict[int, int] = field(default_factory=dict)
    #: What a match here loses against the same match in an identity field.
    penalty: float = field(init=False)
    #: The length of the longest text, once scoring has asked (-1 until then).
    longest: int = field(init=False, default=-1)

    def __post_init__(self) -> None:
        self.penalty = field_penalty(self.field)


def rank(
    levels: Levels,
    scope: set[int] | None,
    limit: int | None,
    seen: set[int],
    order: Sequence[int],
) -> list[Ranked]:
    """Documents by level, best first, ties in `order` (a document's place in tie-breaks);
    each once, at its best level.

    `seen` holds documents to leave out and grows with those returned.
    """
    out: list[Ranked] = []
    for level in sorted(levels, reverse=True):
        fresh: dict[int, int] = {}
        for column, docs in levels[level]:
            new = set(docs) if scope is None else scope.intersection(docs)
            new.difference_update(seen)
            if new:
                seen.update(new)
                fresh.update(dict.fromkeys(new, column))
        for doc in sorted(fresh, key=order.__getitem__):
            out.append((doc, level, fresh[doc]))
        if limit is not None and len(out) >= limit:
            return out[:limit]
    return out


class Candidates:
    """Exact and near-miss candidates of a query over some columns of an index."""

    def __init__(self, index: TokenIndex, columns: Sequence[Column], order: Sequence[int]) -> None:
        self.index = index
        self.columns = list(columns)
        self.order = order

    # ----------------------------------------------------------------- exact tiers

    def exact(
        self,
        phrase: str,
        words: list[str],
        columns: Sequence[Column],
        scope: set[int] | None,
        limit: int | None,
    ) -> list[Ranked]:
        """The best documents holding the query exactly, with the score they will get."""
        if len(words) == 1:
            return rank(self.term_levels(words[0], columns), scope, limit, set(), self.order)
        holding = [self.holding(word, columns) for word in words]
        every = set.intersection(*(set().union(*h.values()) for h in holding))
        if scope is not None:
            every &= scope
        if not every:
            return []
        levels: Levels = defaultdict(list)
        one_field: set[int] = set()
        for name, group in _by_field(columns).items():
            sets = [h.get(name) for h in holding]
            if any(s is None for s in sets):
                continue
            docs = every.intersection(*sets)  # type: ignore[arg-type]
            if not docs:
                continue
            one_field |= docs
            levels[ONE_FIELD - field_penalty(name)].append((group[0].number, docs))
            for column in group:
                self._phrase_levels(phrase, column, docs, levels)
        ranked = rank(levels, None, limit, set(), self.order)
        if limit is not None and len(ranked) >= limit and ranked[-1][1] > SEVERAL_FIELDS:
            return ranked
        for doc in every - one_field:
            name, column = _best_field(doc, holding, columns)
            levels[SEVERAL_FIELDS - field_penalty(name)].append((column, (doc,)))
        return rank(levels, None, limit, set(), self.order)

    def _phrase_levels(self, phrase: str, column: Column, docs: set[int], levels: Levels) -> None:
        """Where the whole phrase occurs in `column` among `docs`, by its grade there."""
        entry_of, texts = column.entry_of, column.texts
        found: dict[float, list[int]] = {}
        for doc in docs:
            entry = entry_of.get(doc)
            if entry is None or phrase not in texts[entry]:
                continue
            match = grade(phrase, texts[entry], 100.0, CUTOFF)
            if match is not None and match.exact:
                found.setdefault(match.quality - column.penalty, []).append(doc)
        for level, hits in found.items():
            levels[level].append((column.number, hits))

    def term_levels(self, term: str, columns: Sequence[Column]) -> Levels:
        """Documents holding one term exactly, by score, over `columns`."""
        levels: Levels = defaultdict(list)
        runs = tokens(term)
        if runs == [term]:
            wanted = {c.number: c.penalty for c in columns}
            for token, quality in self.index.containing(term):
                for number, docs in self.index.postings(token, wanted):
                    levels[quality - wanted[number]].append((number, docs))
            return levels
        for column in columns:
            found: dict[float, list[int]] = {}
            for doc in self.holding_runs(runs, column):
                match = grade(term, column.texts[column.entry_of[doc]], 100.0, CUTOFF)
                if match is not None and match.exact:
                    found.setdefault(match.quality - column.penalty, []).append(doc)
            for level, hits in found.items():
                levels[level].append((column.number, hits))
        return levels

    def holding(self, word: str, columns: Sequence[Column]) -> dict[str, set[int]]:
        """Field name -> the documents whose field holds `word` exactly."""
        out: dict[str, set[int]] = {}
        names = {c.number: c.field for c in columns}
        for groups in self.term_levels(word, columns).values():
            for number, docs in groups:
                out.setdefault(names[number], set()).update(docs)
        return out

    def holding_runs(self, runs: list[str], column: Column) -> Iterable[int]:
        """Documents of `column` whose field may hold a term made of several tokens."""
        if not runs:
            return column.docs  # punctuation alone: every field is checked
        result: set[int] | None = None
        for run in runs:
            docs: set[int] = set()
            for token, _ in self.index.containing(run):
                for _, posted in self.index.postings(token, (column.number,)):
                    docs.update(posted)
            result = docs if result is None else result & docs
            if not result:
                return ()
        return sorted(result or ())

    # ----------------------------------------------------------------- near misses

    def near(
        self,
        words: list[str],
        columns: Sequence[Column],
        scope: set[int] | None,
        exclude: set[int],
        limit: int | None,
        as_typed: bool = True,
    ) -> list[int]:
        """Documents the query may mean despite typos, best estimate first (at most `limit`
        times the slack); `exclude` are already chosen. With `as_typed`, a word of several
        that the columns hold as a whole word is not looked for in other spellings."""
        wanted = {c.number: c.penalty for c in columns}
        want = None if limit is None else limit * NEAR_SLACK
        if len(words) == 1 and tokens(words[0]) == words[0:1]:
            levels: Levels = defaultdict(list)
            for token, quality in self._near_tokens(words[0]):
                for number, docs in self.index.postings(token, wanted):
                    levels[FUZZY_SCALE * quality - wanted[number]].append((number, docs))
            return [doc for doc, _, _ in rank(levels, scope, want, set(exclude), self.order)]
        runs = [run for word in words for run in tokens(word)]  # "8-week" is "8" and "week"
        if not runs:
            return []
        tokens_of = [self._quality_tokens(run, wanted, as_typed) for run in runs]
        # Rarest words first: the common ones are then only looked up among their documents.
        by_size = sorted(range(len(runs)), key=lambda i: sum(len(d) for _, d in tokens_of[i]))
        best: list[dict[int, float]] = [{} for _ in runs]
        if len(runs) < 5:  # a word missing entirely pulls the mean below the cutoff
            within: set[int] | None = None
            for i in by_size:
                best[i] = _best_quality(tokens_of[i], within)
                within = set(best[i])
                if not within:
                    return []
            common = within or set()
        else:  # one word may be missing: a document holds one of any two of them
            first, second = by_size[:2]
            best[first] = _best_quality(tokens_of[first], None)
            best[second] = _best_quality(tokens_of[second], None)
            within = set(best[first]) | set(best[second])
            for i in by_size[2:]:
                best[i] = _best_quality(tokens_of[i], within)
            counts = Counter(doc for found in best for doc in found)
            common = {doc for doc, count in counts.items() if count >= len(runs) - 1}
        common -= exclude
        chosen = list(common if scope is None else common & scope)
        mean = {doc: sum(found.get(doc, 0.0) for found in best) for doc in chosen}
        if want is not None and len(chosen) > want:
            order = self.order
            chosen = heapq.nsmallest(want, chosen, key=lambda d: (-mean[d], order[d]))
        return chosen

    def _near_tokens(self, word: str) -> list[tuple[str, float]]:
        if exact_only(word) or not word.isalpha():
            return []
        return self.index.near(word, term_cutoff(word, CUTOFF))

    def _quality_tokens(
        self, word: str, wanted: dict[int, float], as_typed: bool
    ) -> list[tuple[float, Iterable[int]]]:
        """The documents of every token `word` matches exactly or nearly, best quality first.

        With `as_typed`, a word one of these columns holds as a whole word is taken as typed:
        its near misses are looked for only when it is not there (looking through the
        vocabulary for near misses is most of a long query's time).
        """
        exact = [
            (quality, docs)
            for token, quality in self.index.containing(word)
            for _, docs in self.index.postings(token, wanted)
        ]
        if as_typed and any(quality == WHOLE_WORD for quality, _ in exact):
            return sorted(exact, key=lambda pair: -pair[0])
        near = [
            (quality, docs)
            for token, quality in self._near_tokens(word)
            for _, docs in self.index.postings(token, wanted)
        ]
        return sorted([*exact, *near], key=lambda pair: -pair[0])


def _best_quality(
    tokens: list[tuple[float, Iterable[int]]], within: set[int] | None
) -> dict[int, float]:
    """Document -> the best quality its tokens reach in it, among `within` if given."""
    found: dict[int, float] = {}
    seen: set[int] = set()
    for quality, docs in tokens:
        fresh = set(docs) if within is None else within.intersection(docs)
        if seen:
            fresh = fresh - seen  # not difference_update, which walks all of `seen`
        if fresh:
            seen |= fresh
            found.update(dict.fromkeys(fresh, quality))
    return found


def _by_field(columns: Sequence[Column]) -> dict[str, list[Column]]:
    """Columns grouped by field name, in column order (two outcome columns share a name)."""
    groups: dict[str, list[Column]] = {}
    for column in columns:
        groups.setdefault(column.field, []).append(column)
    return groups


def _best_field(
    doc: int, holding: list[dict[str, set[int]]], columns: Sequence[Column]
) -> tuple[str, int]:
    """The field holding most of the words of `doc` (least penalised on a tie), and a column."""
    counts: Counter[str] = Counter()
    for found in holding:
        for name, docs in found.items():
            if doc in docs:
                counts[name] += 1
    name = max(counts, key=lambda n: (counts[n], -field_penalty(n)))
    column = next(c.number for c in columns if c.field == name and doc in c.entry_of)
    return name, column
