"""A one-claim bundle written by hand, for cases the default bundle does not have."""

from __future__ import annotations

from pathlib import Path

ARTICLE = """---
title: A tiny article
authors: [Ann Author]
---

A trial of 40 people found fewer relapses with peer support (1).
"""

BIB = """@article{doe2020,
  author = {Doe, Jane},
  title = {{TITLE}},
  journal = {Journal of Tests},
  year = {2020},
  volume = {1},
  pages = {1--2},
DOI  citation-number = {1},
}
"""

CLAIMS = """claims:
  - id: "CLAIM_ID"
    text: A trial of 40 people found fewer relapses with peer support (1).
    cites: [doe2020]
    paragraph: 1
    numbers:
      - value: 40
        unit: people
        role: sample size
        quote: 40 people
"""


def write_bundle(
    directory: Path, *, title: str = "A trial", doi: str = "10.1000/test", claim_id: str = "T1"
) -> Path:
    """Write the bundle into `directory` and return it."""
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "article.md").write_text(ARTICLE, encoding="utf-8")
    doi_line = f"  doi = {{{doi}}},\n" if doi else ""
    bib = BIB.replace("{TITLE}", title).replace("DOI", doi_line)
    (directory / "references.bib").write_text(bib, encoding="utf-8")
    (directory / "claims.yaml").write_text(CLAIMS.replace("CLAIM_ID", claim_id), encoding="utf-8")
    return directory
