"""Which claims a search selects: the one rule that `peertui export --query` and the app's
"export the search's claims" both follow, so the same query exports the same rows."""

from __future__ import annotations

from collections.abc import Iterable

from peertui.core.models import Claim, Corpus
from peertui.core.search.engine import Hit, SearchIndex

#: How many hits a selection reads: enough for every claim of a large bundle to be found.
SELECTION_LIMIT = 10_000


def claims_of_hits(corpus: Corpus, hits: Iterable[Hit]) -> list[Claim]:
    """The claims the hits point at, each once, in article order: a claim, number or outcome
    hit selects its claim; a reference hit selects every claim citing that reference."""
    wanted: set[str] = set()
    for hit in hits:
        if hit.claim_id:
            wanted.add(hit.claim_id)
        elif hit.kind == "reference":
            wanted.update(c.id for c in corpus.claims_citing(hit.id))
    return [c for c in corpus.claims if c.id in wanted]


def selected_claims(corpus: Corpus, index: SearchIndex, query: str) -> list[Claim]:
    """The claims `query` selects."""
    return claims_of_hits(corpus, index.search(query, limit=SELECTION_LIMIT))
