"""DOIs are kept bare, however the .bib wrote them; a link to elsewhere is left alone."""

from __future__ import annotations

import pytest

from peertui.core.bibtex.doi import normalise_doi
from peertui.core.bibtex.library import parse_bib
from peertui.core.bibtex.write import reference_to_bib
from peertui.core.export.tables import claim_row, reference_to_dict
from peertui.core.models import Claim, Corpus, Reference


@pytest.mark.parametrize(
    ("raw", "bare"),
    [
        ("10.1176/appi.ps.201100125", "10.1176/appi.ps.201100125"),
        ("https://doi.org/10.1176/appi.ps.201100125", "10.1176/appi.ps.201100125"),
        ("http://dx.doi.org/10.1093/schbul/sbr012", "10.1093/schbul/sbr012"),
        ("https://doi.org/https://doi.org/10.1000/x", "10.1000/x"),
        ("doi:10.1000/x", "10.1000/x"),
        ("DOI: 10.1000/x", "10.1000/x"),
        (" https://www.doi.org/10.1000/x ", "10.1000/x"),
        ("https://www.jstor.org/stable/123", "https://www.jstor.org/stable/123"),
        ("doi.org/not-a-doi", "doi.org/not-a-doi"),
        ("", ""),
        (" ", " "),
    ],
)
def test_normalise_doi(raw: str, bare: str) -> None:
    assert normalise_doi(raw) == bare


def test_a_doi_url_in_a_bib_is_loaded_and_exported_bare() -> None:
    refs, problems = parse_bib("@article{k, doi = {https://doi.org/10.1000/XYZ.1}}\n", "t.bib")
    assert problems == [] and refs[0].doi == "10.1000/XYZ.1"
    written = Reference("k", doi="http://dx.doi.org/10.1000/XYZ.1")
    assert "  doi = {10.1000/XYZ.1},\n" in reference_to_bib(written)
    assert reference_to_dict(written)["doi"] == "10.1000/XYZ.1"
    corpus = Corpus(references=[written], claims=[Claim("C1", "text", cites=["k"])])
    assert claim_row(corpus, corpus.claims[0])["dois"] == "10.1000/XYZ.1"
