"""One index over a corpus: claims, references, numbers and outcomes searched together.

Each searchable field is a column: folded strings for one kind of document, with the document
each string belongs to. A search has two stages. The token index (`peertui.core.search.index`, used
by `peertui.core.search.candidates`) picks the documents that can rank first without reading any
field; only those are scored field by field with rapidfuzz (`peertui.core.search.scoring`), which
defines the ranking below. That keeps a keystroke's work proportional to the hits shown, not to the
library.

Ranking, from best to worst (scores are 0..100):
- the whole query is an exact (folded) substring of a field: 100 as a whole word, 98 at a
  word's start (so a half-typed word ranks just below a whole one), 96 inside a word;
- every word of a multi-word query occurs exactly in the document: 90 if one field holds them
  all, else 88;
- fuzzy matches (`fuzz.partial_ratio` >= 80): 0.85 x that score, so below 85. Near misses are
  looked for only when fewer documents than asked for match exactly, among the documents
  whose words come close to the query's words (typos in words of letters only); in a query of
  several words, a word that the searched fields hold as a whole word is taken as typed,
  unless nothing at all matches that way.
Each field then loses a small penalty (0..3) so that an author, title, key or number value beats
the same word inside a claim sentence or a note; the tiers never overlap. Ties go to kind order,
then document order.

Qualifiers (see `peertui.core.search.query`) filter before the words rank:
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

import heapq
from array import array
from collections.abc import Iterable
from dataclasses import dataclass, replace

from peertui.core.cache.refcolumns import (
    FIELDS,
    FieldValues,
    IndexCache,
    Stored,
    reference_values,
)
from peertui.core.gcpause import paused_gc
from peertui.core.models import Claim, Corpus, NumberFact, Outcome, Reference
from peertui.core.sanitize import shorten
from peertui.core.search.candidates import Candidates, Column
from peertui.core.search.index import Folder, TokenIndex
from peertui.core.search.qualifiers import KINDS, Qualifiers
from peertui.core.search.query import (
    CUTOFF,
    MAX_SCORED_CHARS,
    Match,
    Query,
    fold_query,
    parse_query,
    snippet,
)
from peertui.core.search.scoring import score, terms_of
from peertui.core.textutil import fold_ascii

__all__ = ["KINDS", "Hit", "Query", "SearchIndex", "parse_query"]

_Item = Reference | Claim | NumberFact | Outcome
_TITLE_WIDTH = 80
#: How much of a title a hit's label is made from: far more than it shows.
_LABEL_SOURCE = 10_000


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


class SearchIndex(Qualifiers):
    """Built once from a corpus; `search` is then pure computation over the index."""

    def __init__(self, corpus: Corpus) -> None:
        self._corpus = corpus
        # Per document, in step (plain lists rather than an object each: a large library has
        # hundreds of thousands, and the garbage collector would walk them all).
        self._kinds: list[str] = []
        self._ids: list[str] = []
        self._claim_of: list[Claim | None] = []
        self._items: list[Reference | Claim | NumberFact | Outcome] = []
        self._columns: list[Column] = []
        self._tokens = TokenIndex()
        self._fold = Folder()
        self._by_kind: dict[str, list[int]] = {kind: [] for kind in KINDS}
        self._ref_doc: dict[str, int] = {}
        self._ref_number: dict[int, int] = {}
        # References by year, in step: (year, document) sorted.
        self._years: array[int] = array("i")
        self._year_docs: array[int] = array("i")
        self._citing: dict[int, list[int]] = {}
        self._owner: dict[int, int] = {}
        self._parts: dict[int, list[int]] = {}
        self._claim_kinds: dict[int, str] = {}
        self._key_doc: dict[str, int] = {}
        self._key_more: dict[str, tuple[int, ...]] = {}
        # A document's place when scores tie: claims, references, numbers, outcomes (KINDS),
        # each in corpus order. References are numbered first so that their columns, the bulk
        # of a large library's index, do not depend on the claims and can be cached.
        self._order: array[int] = array("i")
        with paused_gc():
            self._build()
            self._tokens.freeze()
        self._pick = Candidates(self._tokens, self._columns, self._order)

    # ----------------------------------------------------------------- building

    def _column(self, kind: str, name: str, docs: Iterable[int], values: Iterable[str]) -> Column:
        """Add one column: each document's value, whitespace collapsed and folded; only a
        value's first MAX_SCORED_CHARS are indexed, as only those are scored."""
        kept, raws, texts = [], [], []
        fold = self._fold
        for doc, raw in zip(docs, values, strict=True):
            if raw:
                raw = " ".join(raw[:MAX_SCORED_CHARS].split())
                if raw:
                    kept.append(doc)
                    raws.append(raw)
                    texts.append(raw.lower() if raw.isascii() else fold(raw))
        column = Column(kind, name, docs=kept, texts=texts, raws=raws)
        column.number = self._tokens.add_column(kept, texts)
        return self._keep(column)

    def _keep(self, column: Column) -> Column:
        if column.number != len(self._columns):  # a match names its column by this number
            raise ValueError(f"column {column.number} kept as column {len(self._columns)}")
        column.entry_of = dict(zip(column.docs, range(len(column.docs)), strict=True))
        self._columns.append(column)
        return column

    def _add_docs(self, kind: str, docs: Iterable[tuple[str, Claim | None, _Item]]) -> range:
        """Number new documents of one kind: (id, owning claim, item) each."""
        first = len(self._ids)
        for doc_id, claim, item in docs:
            self._ids.append(doc_id)
            self._claim_of.append(claim)
            self._items.append(item)
        added = range(first, len(self._ids))
        self._kinds.extend([kind] * len(added))
        self._by_kind[kind].extend(added)
        return added

    def _build(self) -> None:
        refs = self._corpus.references
        keys = [r.key for r in refs]
        ref_docs = range(len(refs))
        self._ids.extend(keys)
        self._claim_of.extend([None] * len(refs))
        self._items.extend(refs)
        self._kinds.extend(["reference"] * len(refs))
        self._by_kind["reference"].extend(ref_docs)
        self._build_references(keys)
        claims = self._corpus.claims
        docs = self._add_docs("claim", ((c.id, c, c) for c in claims))
        for name in ("id", "text", "section", "kind", "notes"):
            self._column("claim", name, docs, [getattr(c, name) for c in claims])
        claim_doc = {c.id: doc for c, doc in zip(claims, docs, strict=True)}
        self._claim_kinds = {doc: fold_ascii(c.kind) for c, doc in zip(claims, docs, strict=True)}
        for claim in claims:
            for key in dict.fromkeys(claim.cites):
                if key in self._ref_doc:
                    self._citing.setdefault(self._ref_doc[key], []).append(claim_doc[claim.id])
        self._build_numbers(claim_doc)
        self._build_outcomes(claim_doc)
        self._order = array("i", range(len(docs), len(docs) + len(ref_docs)))
        self._order.extend(range(len(docs)))
        self._order.extend(range(len(ref_docs) + len(docs), len(self._ids)))

    def _build_references(self, keys: list[str]) -> None:
        """The references' columns and lookups; they are documents 0 to n - 1."""
        refs = self._corpus.references
        docs = range(len(refs))
        # Built from the end, so that the first of several equal keys or numbers is kept.
        self._ref_doc = dict(zip(reversed(keys), reversed(docs), strict=True))
        numbered = [
            (r.number, doc) for r, doc in zip(refs, docs, strict=True) if r.number is not None
        ]
        self._ref_number = dict(reversed(numbered))
        cache = IndexCache.of(self._corpus)
        stored = None if cache is None else cache.read(len(refs))
        if stored is None:
            stored = self._index_references(refs)
            if cache is not None:
                cache.write(stored)
        else:
            self._tokens.attach(stored.segment)
            parts = zip(FIELDS, stored.docs, stored.texts, strict=True)
            for number, ((name, value), entries, texts) in enumerate(parts):
                raws = FieldValues(entries, refs, value)
                self._keep(Column("reference", name, number, entries, texts, raws))
        self._years, self._year_docs = stored.years, stored.year_docs
        column = next(c for c in self._columns if c.field == "key")
        self._key_doc = dict(zip(reversed(column.texts), reversed(column.docs), strict=True))
        if len(self._key_doc) < len(column.texts):  # duplicate keys: rare, the loader reports them
            for doc, text in zip(column.docs, column.texts, strict=True):
                if self._key_doc[text] != doc:
                    first = (self._key_doc[text],)
                    self._key_more[text] = (*self._key_more.get(text, first), doc)

    def _index_references(self, refs: list[Reference]) -> Stored:
        """Tokenise the references' columns (the slow part of a large library's index)."""
        for name, column in reference_values(refs):
            self._column("reference", name, range(len(refs)), column)
        segment = self._tokens.seal()
        years = sorted(
            (int(year), doc)
            for doc, year in enumerate(r.year.strip()[:4] for r in refs)
            if year.isdigit()
        )
        return Stored(
            segment,  # type: ignore[arg-type]
            [c.docs for c in self._columns],
            [c.texts for c in self._columns],
            array("i", [year for year, _ in years]),
            array("i", [doc for _, doc in years]),
        )

    def _build_numbers(self, claim_doc: dict[str, int]) -> None:
        pairs = list(self._corpus.all_numbers())
        docs = self._add_docs(
            "number",
            (
                (f"{claim.id}#{i}", claim, number)
                for claim in self._corpus.claims
                for i, number in enumerate(claim.numbers)
            ),
        )
        for (claim, _), doc in zip(pairs, docs, strict=True):
            self._link(doc, claim_doc[claim.id])
        numbers = [n for _, n in pairs]
        self._column("number", "value", docs, [n.display_value for n in numbers])
        for name, attr in (("unit", "unit"), ("role", "role"), ("quote", "quote")):
            self._column("number", name, docs, [getattr(n, attr) for n in numbers])
        self._column("number", "notes", docs, [n.note for n in numbers])

    def _build_outcomes(self, claim_doc: dict[str, int]) -> None:
        corpus = self._corpus
        pairs = list(corpus.all_outcomes())
        docs = self._add_docs(
            "outcome",
            (
                (f"{claim.id}@{i}", claim, outcome)
                for claim in corpus.claims
                for i, outcome in enumerate(claim.outcomes)
            ),
        )
        for (claim, _), doc in zip(pairs, docs, strict=True):
            self._link(doc, claim_doc[claim.id])
        outcomes = [o for _, o in pairs]
        labels = [corpus.outcome_label(o.id) for o in outcomes]
        ids = [
            o.id if fold_ascii(o.id.replace("-", " ")) != fold_ascii(label) else ""
            for o, label in zip(outcomes, labels, strict=True)
        ]
        studies = {s.id: s.label for s in reversed(corpus.studies)}
        self._column("outcome", "outcome", docs, labels)
        self._column("outcome", "outcome", docs, ids)
        self._column("outcome", "direction", docs, [o.direction for o in outcomes])
        self._column("outcome", "measure", docs, [o.measure for o in outcomes])
        self._column("outcome", "timepoint", docs, ["; ".join(o.timepoints) for o in outcomes])
        self._column("outcome", "comparator", docs, [o.comparator for o in outcomes])
        study = [studies.get(o.study, o.study) if o.study else "" for o in outcomes]
        self._column("outcome", "study", docs, study)

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
            scope = None if allowed is None else set(allowed)
            chosen = self._candidates(phrase, scope, limit)
            matches = score(phrase, self._columns, chosen, CUTOFF) if chosen else {}
        else:
            matches = allowed or {}
        order = self._order
        ranked = heapq.nsmallest(
            limit, matches.items(), key=lambda item: (-round(item[1].score, 1), order[item[0]])
        )
        return [self._hit(doc, match) for doc, match in ranked]

    def _candidates(self, phrase: str, scope: set[int] | None, limit: int) -> set[int]:
        """Documents worth scoring: the best exact ones, and near misses when too few."""
        if scope is not None and not scope:
            return set()
        phrase, words = terms_of(phrase)
        exact = self._pick.exact(phrase, words, self._columns, scope, limit)
        chosen = {doc for doc, _, _ in exact}
        if len(exact) < limit:
            near = self._pick.near(words, self._columns, scope, chosen, limit)
            if not chosen and not near:  # nothing at all as typed: every word may be a typo
                near = self._pick.near(words, self._columns, scope, chosen, limit, False)
            chosen.update(near)
        return chosen

    # ----------------------------------------------------------------- hits

    def _hit(self, doc: int, match: Match) -> Hit:
        if match.source is not None:
            column = self._columns[match.source]
            entry = column.entry_of[doc]
            match = replace(match, text=column.raws[entry], folded=column.texts[entry], source=None)
        claim = self._claim_of[doc]
        return Hit(
            kind=self._kinds[doc],
            id=self._ids[doc],
            title=self._title(doc),
            field=match.field,
            snippet=snippet(match),
            score=round(max(0.0, min(100.0, match.score)), 1),
            claim_id=claim.id if claim is not None else None,
        )

    def _title(self, doc: int) -> str:
        """The one-line label the UI shows for a hit."""
        item = self._items[doc]
        claim = self._claim_of[doc]
        claim_id = claim.id if claim is not None else ""
        if isinstance(item, Reference):
            title = item.title[:_LABEL_SOURCE]  # a field of 100 MB is never copied whole
            label = f"{item.short} — {title}" if title else item.short or item.key
            return shorten(label, _TITLE_WIDTH + 20)
        if isinstance(item, NumberFact):
            what = " ".join(p for p in (item.display_value, item.unit) if p)
            role = f" ({item.role})" if item.role else ""
            return f"{what}{role} — {claim_id}"
        if isinstance(item, Outcome):
            label = self._corpus.outcome_label(item.id)
            return f"{label}: {item.direction} — {claim_id}"
        return shorten(item.text, _TITLE_WIDTH)  # shorten collapses whitespace itself
