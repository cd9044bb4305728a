"""The app says which source facts were seen on a secondary source (a registry mirror)."""

from __future__ import annotations

from peertui.core.analysis.crosscheck import DIFFERS, check_number
from peertui.core.bundle.load import load_bundle
from peertui.tui.analytics_format import check_content


def test_a_differing_number_lists_its_sources_with_their_kind() -> None:
    corpus = load_bundle()
    claim = corpus.claim("C05")
    assert claim is not None
    check = check_number(corpus, claim, 1)
    assert check.status == DIFFERS
    lines = check_content(corpus, check).plain.splitlines()
    mirror = [line for line in lines if "meddatax.com" in line]
    assert mirror and mirror[0].endswith(" · secondary source")
    assert all(
        not line.endswith("secondary source") for line in lines if "psychiatryonline" in line
    )
