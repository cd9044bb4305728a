"""Any article → a draft bundle.

A reader turns one input form (JATS XML, GROBID TEI, plain text, Markdown, PDF) into a
`Document` (model.py): paragraphs with their citation markers already linked to the reference
list, and the reference list parsed into fields. The drafter turns a `Document` into the three
files of a bundle (article.md, references.bib, claims.yaml).
"""
