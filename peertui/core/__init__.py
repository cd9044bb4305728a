"""The pure core: data and logic, never Textual or Rich (tests/test_architecture.py checks it).

Data flows one way, each stage in its own package:

- `bundle` reads a bundle's files (`bibtex` reads and writes its .bib) into one `models.Corpus`;
  `ingest` drafts a bundle from any article.
- `analysis` checks it: `verify` (the files against each other), `crosscheck` and `reflist`
  (the article against its sources and the published record), `findings.check_bundle` (all of
  it as one list), and the effects, matrix and figure data the views show.
- `search` answers queries in stages: `query` → `qualifiers` → `index`/`candidates` →
  `scoring`, run by `engine.SearchIndex`; `selection` decides which claims a search selects.
- `export` writes the claim-evidence table; `cache` keeps parsed libraries, search indexes and
  checked bundles.
- `opening.open_bundle` is the one way in for both front ends: read, check, cache.
"""
