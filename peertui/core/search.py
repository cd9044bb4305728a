"""One fuzzy index over a corpus: claims, references, numbers and outcomes searched together.

Each searchable field is a column: a list of folded strings for one kind of document, with the
document each string belongs to. A query is then a few `rapidfuzz.process.extract` calls over
whole columns instead of a Python loop over documents, which is what lets the index grow to a
large library. `SearchIndex._candidates` is the seam for a later token prefilter.

Ranking, from best to worst (scores are 0..100):
- the whole query is an exact (folded) substring of a field: 100 as a whole word, 98 at a
  word's start, 96 inside a word;
- every word of a multi-word query occurs exactly in the document: 90 if in one field, else 88;
- fuzzy matches (`fuzz.partial_ratio` >= 80): 0.85 x that score, so below 85.
Each field then loses a small penalty (0..3) so that an author, title, key or number value beats
the same word inside a claim sentence or a note; the tiers never overlap. Ties go to kind order,
then document order.

Qualifiers (see `peertui.core.query`) filter before the words rank:
- `author:`, `year:`, `ref:`, `title:`, `doi:`, `journal:` select references (several AND on the
  same reference); the claims citing a selected reference come too, ranked below it;
- `unit:`, `role:` select number hits, `outcome:` outcome hits; their claims come too, below;
- `kind:` is a hit kind (claim, reference, number, outcome) or a claim kind (finding, argument,
  ...); a claim kind brings that claim's numbers and outcomes too, below the claims;
- a qualifier value matches fuzzily only when nothing matches it exactly (author:Muller finds
  "Müller" and not also "Mullen");
- different qualifier groups AND on the hit itself. With words, only filtered hits that match
  the words are returned, ranked by the words; without words, by how well the qualifiers matched.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field, replace

from rapidfuzz import fuzz, process

from peertui.core.models import Claim, Corpus, NumberFact, Outcome, Reference
from peertui.core.query import (
    CUTOFF,
    Match,
    Query,
    combine,
    content_words,
    field_penalty,
    fold_query,
    grade,
    parse_query,
    parse_range,
    shorten,
    snippet,
    term_cutoff,
    tier_score,
)
from peertui.core.textutil import fold_ascii, normalise_ws

__all__ = ["KINDS", "Hit", "Query", "SearchIndex", "parse_query"]

#: Hit kinds, in the order ties are broken.
KINDS = ("claim", "reference", "number", "outcome")
_KIND_NAMES = {name: kind for kind in KINDS for name in (kind, kind + "s")} | {
    "ref": "reference",
    "refs": "reference",
}
#: A claim citing a selected reference (or owning a selected number) ranks at half its score.
_RELATED_SCALE = 0.5
_TITLE_WIDTH = 80


@dataclass(frozen=True, slots=True)
class Hit:
    """One search result, ready to show: what it is, why it matched and how well."""

    kind: str
    id: str
    title: str
    field: str
    snippet: str
    score: float
    claim_id: str | None


@dataclass(slots=True)
class _Column:
    """One field of one kind of document: folded strings and their documents, in step."""

    kind: str
    field: str
    docs: list[int] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    raws: list[str] = field(default_factory=list)
    entry_of: dict[int, int] = field(default_factory=dict)

    @property
    def penalty(self) -> float:
        return field_penalty(self.field)

    def add(self, doc: int, raw: str) -> None:
        raw = normalise_ws(raw)
        if raw:
            self.entry_of[doc] = len(self.docs)
            self.docs.append(doc)
            self.raws.append(raw)
            # Plain ASCII (most of a library) needs no Unicode folding: lower() is the same.
            self.texts.append(raw.lower() if raw.isascii() else normalise_ws(fold_ascii(raw)))


@dataclass(slots=True)
class _Doc:
    kind: str
    id: str
    claim: Claim | None
    item: Reference | Claim | NumberFact | Outcome


class SearchIndex:
    """Built once from a corpus; `search` is then pure computation over the columns."""

    def __init__(self, corpus: Corpus) -> None:
        self._corpus = corpus
        self._docs: list[_Doc] = []
        self._columns: list[_Column] = []
        self._by_kind: dict[str, list[int]] = {kind: [] for kind in KINDS}
        self._ref_doc: dict[str, int] = {}
        self._ref_number: dict[int, int] = {}
        self._years: dict[int, tuple[int, str]] = {}
        self._citing: dict[int, list[int]] = {}
        self._owner: dict[int, int] = {}
        self._parts: dict[int, list[int]] = {}
        self._build()

    # ----------------------------------------------------------------- building

    def _column(self, kind: str, name: str) -> _Column:
        column = _Column(kind, name)
        self._columns.append(column)
        return column

    def _add_doc(self, doc: _Doc) -> int:
        index = len(self._docs)
        self._docs.append(doc)
        self._by_kind[doc.kind].append(index)
        return index

    def _build(self) -> None:
        corpus = self._corpus
        cols = {name: self._column("claim", name) for name in ("id", "text", "section", "kind")}
        cols["notes"] = self._column("claim", "notes")
        claim_doc: dict[str, int] = {}
        for claim in corpus.claims:
            doc = self._add_doc(_Doc("claim", claim.id, claim, claim))
            claim_doc[claim.id] = doc
            for name, value in (
                ("id", claim.id),
                ("text", claim.text),
                ("section", claim.section),
                ("kind", claim.kind),
                ("notes", claim.notes),
            ):
                cols[name].add(doc, value)
        self._build_references(claim_doc)
        self._build_numbers(claim_doc)
        self._build_outcomes(claim_doc)

    def _build_references(self, claim_doc: dict[str, int]) -> None:
        names = ("author", "title", "key", "year", "journal", "doi", "pmid", "pmcid")
        cols = {name: self._column("reference", name) for name in names}
        cols["registration"] = self._column("reference", "registration")
        cols["notes"] = self._column("reference", "notes")
        for ref in self._corpus.references:
            doc = self._add_doc(_Doc("reference", ref.key, None, ref))
            self._ref_doc.setdefault(ref.key, doc)
            if ref.number is not None:
                self._ref_number.setdefault(ref.number, doc)
            year = ref.year.strip()[:4]
            if year.isdigit():
                self._years[doc] = (int(year), ref.year)
            for name, value in (
                ("author", "; ".join(ref.authors)),
                ("title", ref.title),
                ("key", ref.key),
                ("year", ref.year),
                ("journal", ref.journal),
                ("doi", ref.doi),
                ("pmid", ref.extra.get("pmid", "")),
                ("pmcid", ref.extra.get("pmcid", "")),
                ("registration", ref.extra.get("registration", "")),
                ("notes", ref.extra.get("note", "")),
            ):
                cols[name].add(doc, value)
        for claim in self._corpus.claims:
            for key in dict.fromkeys(claim.cites):
                if key in self._ref_doc:
                    self._citing.setdefault(self._ref_doc[key], []).append(claim_doc[claim.id])

    def _build_numbers(self, claim_doc: dict[str, int]) -> None:
        names = ("value", "unit", "role", "quote", "notes")
        cols = {name: self._column("number", name) for name in names}
        for claim in self._corpus.claims:
            for i, number in enumerate(claim.numbers):
                doc = self._add_doc(_Doc("number", f"{claim.id}#{i}", claim, number))
                self._link(doc, claim_doc[claim.id])
                for name, value in (
                    ("value", number.display_value),
                    ("unit", number.unit),
                    ("role", number.role),
                    ("quote", number.quote),
                    ("notes", number.note),
                ):
                    cols[name].add(doc, value)

    def _build_outcomes(self, claim_doc: dict[str, int]) -> None:
        label_col = self._column("outcome", "outcome")
        id_col = self._column("outcome", "outcome")
        names = ("direction", "measure", "timepoint", "comparator", "study")
        cols = {name: self._column("outcome", name) for name in names}
        corpus = self._corpus
        for claim in corpus.claims:
            for i, outcome in enumerate(claim.outcomes):
                doc = self._add_doc(_Doc("outcome", f"{claim.id}@{i}", claim, outcome))
                self._link(doc, claim_doc[claim.id])
                label = corpus.outcome_label(outcome.id)
                label_col.add(doc, label)
                if fold_ascii(outcome.id.replace("-", " ")) != fold_ascii(label):
                    id_col.add(doc, outcome.id)
                study = corpus.study(outcome.study) if outcome.study else None
                for name, value in (
                    ("direction", outcome.direction),
                    ("measure", outcome.measure),
                    ("timepoint", "; ".join(outcome.timepoints)),
                    ("comparator", outcome.comparator),
                    ("study", study.label if study else outcome.study),
                ):
                    cols[name].add(doc, value)

    def _link(self, part: int, claim: int) -> None:
        self._owner[part] = claim
        self._parts.setdefault(claim, []).append(part)

    # ----------------------------------------------------------------- searching

    def search(self, query: str | Query, limit: int = 50) -> list[Hit]:
        """Hits for `query`, best first; [] for an empty query or a limit below 1."""
        parsed = parse_query(query) if isinstance(query, str) else query
        phrase = fold_query(parsed.words)
        if limit < 1 or parsed.is_empty:
            return []
        allowed = self._filter(parsed)
        if phrase:
            scope = self._scope(self._candidates(parsed), allowed)
            matches = self._score(phrase, self._columns, scope, CUTOFF)
        else:
            matches = allowed or {}
        ranked = sorted(matches.items(), key=lambda item: (-round(item[1].score, 1), item[0]))
        return [self._hit(doc, match) for doc, match in ranked[:limit]]

    def _candidates(self, query: Query) -> Collection[int]:
        """Documents worth scoring for `query`: today every one; a prefilter can shrink this."""
        return range(len(self._docs))

    def _scope(
        self, candidates: Collection[int], allowed: dict[int, Match] | None
    ) -> set[int] | None:
        """The documents to score, or None for all of them (so no column needs copying)."""
        everything = len(candidates) == len(self._docs)
        if allowed is None:
            return None if everything else set(candidates)
        return set(allowed) if everything else set(allowed).intersection(candidates)

    def _score(
        self, phrase: str, columns: Iterable[_Column], scope: set[int] | None, cutoff: float
    ) -> dict[int, Match]:
        """Score every document in scope against `phrase` (and its words) over `columns`."""
        words = content_words(phrase)
        if len(words) == 1:
            phrase = words[0]
        terms = [phrase, *words] if len(words) > 1 else [phrase]
        best: dict[int, Match] = {}
        per_word: dict[int, list[Match | None]] = {}
        for column in columns:
            entries, choices = _restrict(column, scope)
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
                        slots = per_word.setdefault(doc, [None] * len(words))
                        old = slots[t - 1]
                        if old is None or match.score > old.score:
                            slots[t - 1] = match
        if len(terms) == 1:
            return best
        return {
            doc: found
            for doc in best.keys() | per_word.keys()
            if (found := combine(best.get(doc), per_word.get(doc), len(words), cutoff))
        }

    # ----------------------------------------------------------------- qualifiers

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
            bounds = parse_range(value)
            if bounds is None:
                return {}
            low, high = bounds
            return {
                doc: Match(100.0, "year", text)
                for doc, (year, text) in self._years.items()
                if low <= year <= high
            }
        if key == "ref":
            return self._ref_filter(value)
        kind = {"unit": "number", "role": "number", "outcome": "outcome"}.get(key, "reference")
        columns = [c for c in self._columns if c.kind == kind and c.field == key]
        found = self._score(fold_query(value), columns, None, CUTOFF)
        exact = {doc: match for doc, match in found.items() if match.exact}
        return exact or found

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
        exact = [e for e, text in enumerate(keys.texts) if text == folded]
        found = exact or [e for e, text in enumerate(keys.texts) if folded in text]
        score = 100.0 if exact else 96.0
        return {keys.docs[e]: Match(score, "key", keys.raws[e]) for e in found}

    def _kind_filter(self, value: str) -> dict[int, Match]:
        """A hit kind selects every hit of that kind; a claim kind its claims and their parts."""
        folded = fold_query(value)
        hit_kind = _KIND_NAMES.get(folded)
        if hit_kind is not None:
            return {doc: Match(100.0, "kind", hit_kind) for doc in self._by_kind[hit_kind]}
        claims = {
            doc: Match(100.0, "kind", claim.kind)
            for doc in self._by_kind["claim"]
            if (claim := self._docs[doc].claim) is not None
            and claim.kind
            and fold_ascii(claim.kind).startswith(folded)
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
        item = self._docs[doc].item
        return item.short if isinstance(item, Reference) else ""

    # ----------------------------------------------------------------- hits

    def _hit(self, doc: int, match: Match) -> Hit:
        info = self._docs[doc]
        return Hit(
            kind=info.kind,
            id=info.id,
            title=self._title(doc),
            field=match.field,
            snippet=snippet(match),
            score=round(max(0.0, min(100.0, match.score)), 1),
            claim_id=info.claim.id if info.claim is not None else None,
        )

    def _title(self, doc: int) -> str:
        """The one-line label the UI shows for a hit."""
        info = self._docs[doc]
        item = info.item
        claim_id = info.claim.id if info.claim is not None else ""
        if isinstance(item, Reference):
            label = f"{item.short} — {item.title}" if item.title else item.short or item.key
            return shorten(label, _TITLE_WIDTH + 20)
        if isinstance(item, NumberFact):
            what = " ".join(p for p in (item.display_value, item.unit) if p)
            role = f" ({item.role})" if item.role else ""
            return f"{what}{role} — {claim_id}"
        if isinstance(item, Outcome):
            label = self._corpus.outcome_label(item.id)
            return f"{label}: {item.direction} — {claim_id}"
        return shorten(normalise_ws(item.text), _TITLE_WIDTH)


def _restrict(column: _Column, scope: set[int] | None) -> tuple[list[int] | None, list[str]]:
    """The column's strings for the documents in scope, and their entry numbers (None: all)."""
    if scope is None:
        return None, column.texts
    if len(scope) < len(column.docs):
        entries = sorted(column.entry_of[d] for d in scope if d in column.entry_of)
    else:
        entries = [e for e, d in enumerate(column.docs) if d in scope]
    return entries, [column.texts[e] for e in entries]


def _all_of(groups: list[dict[int, Match]]) -> dict[int, Match]:
    """Documents every group selected; the first group says why, the weakest says how well."""
    common = set(groups[0]).intersection(*groups[1:])
    result: dict[int, Match] = {}
    for doc in common:
        first = groups[0][doc]
        weakest = min(g[doc].score for g in groups)
        result[doc] = replace(first, score=weakest)
    return result
