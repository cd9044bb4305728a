"""Fuzzy search, in stages: a query is parsed into words and qualifiers (query), qualifiers
narrow the documents (qualifiers), the token index (index, nearmiss) proposes candidates
(candidates), and only those are scored (scoring). `engine.SearchIndex` runs the stages;
`selection` decides which claims a search selects."""
