"""Corpus look-ups by key, citation number and claim id: the first of a repeat wins, and a
table made earlier follows the lists as they change."""

from __future__ import annotations

from peertui.core.models import Claim, Corpus, Reference


def _corpus() -> Corpus:
    refs = [Reference("a", number=1), Reference("b", number=2), Reference("a", number=3)]
    return Corpus(references=refs, claims=[Claim("C1", "one"), Claim("C1", "again")])


def test_the_first_of_a_repeated_key_or_id_is_found() -> None:
    corpus = _corpus()
    assert corpus.reference("a") is corpus.references[0]
    assert corpus.claim("C1") is corpus.claims[0]
    assert corpus.reference_by_number(3) is corpus.references[2]
    assert corpus.reference("zz") is None and corpus.reference_by_number(9) is None
    assert corpus.claim("C9") is None


def test_lookups_follow_appends_replacements_and_renumbering() -> None:
    corpus = _corpus()
    assert corpus.reference_by_number(4) is None
    corpus.references.append(Reference("d", number=4))
    assert corpus.reference_by_number(4) is corpus.references[-1]
    assert corpus.reference("d") is corpus.references[-1]
    corpus.references[1].number = 7  # renumbered in place after a look-up
    assert corpus.reference_by_number(2) is None
    assert corpus.reference_by_number(7) is corpus.references[1]
    corpus.claims = [Claim("C2", "new"), Claim("C3", "list")]  # same length, new list
    assert corpus.claim("C1") is None
    assert corpus.claim("C3") is corpus.claims[1]
    corpus.claims[0].id = "C4"  # renamed in place: found again once its old id is looked up
    assert corpus.claim("C2") is None
    assert corpus.claim("C4") is corpus.claims[0]


def test_the_tables_do_not_take_part_in_equality() -> None:
    first, second = _corpus(), _corpus()
    first.reference("a")
    assert first == second
