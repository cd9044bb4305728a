"""Bidirectional controls are flagged by `check` and escaped in keys; a claim id that is also
a reference's key or number is warned about (peertui.core.analysis.spoofing)."""

from __future__ import annotations

import pytest

from peertui.cli.main import main
from peertui.core.analysis.verify import verify
from peertui.core.models import Claim, Corpus, Reference
from peertui.core.sanitize import escape_bidi, shown_key

RLO, RLI = "\u202e", "\u2067"


def _messages(corpus: Corpus) -> list[str]:
    return [p.message for p in verify(corpus) if p.severity == "warning"]


def test_bidi_controls_in_keys_fields_and_claims_are_warned_about() -> None:
    corpus = Corpus(
        references=[
            Reference(key=f"{RLO}keybidi", title="Fine", line=3),
            Reference(key="plain", title=f"Evil {RLI}title", extra={"note": "ok"}, line=7),
        ],
        claims=[Claim(id="C1", text="A claim \u200f here", cites=[], line=2)],
    )
    messages = _messages(corpus)
    assert any(
        m.startswith("key holds bidirectional control characters (U+202E)") for m in messages
    )
    assert any("field 'title' of 'plain'" in m and "U+2067" in m for m in messages)
    assert any(m.startswith("claim 'C1' text holds") and "U+200F" in m for m in messages)
    assert all(RLO not in m and RLI not in m for m in messages)  # shown escaped, never raw


def test_a_library_without_bidi_controls_has_no_such_warning() -> None:
    corpus = Corpus(references=[Reference(key="k", title="Ελληνικά and עברית")])
    assert _messages(corpus) == []


def test_keys_are_shown_escaped() -> None:
    assert shown_key(f"{RLO}keybidi") == "\\u202ekeybidi"
    assert shown_key("cook2012") == "cook2012"
    assert escape_bidi(f"a{RLI}b\u200e") == "a\\u2067b\\u200e"


def test_show_escapes_a_bidi_key(tmp_path, capsys: pytest.CaptureFixture[str]) -> None:
    bib = tmp_path / "lib.bib"
    bib.write_text(f"@article{{{RLO}keybidi, title = {{T}}, year = {{2020}}}}\n", encoding="utf-8")
    assert main(["show", f"{RLO}keybidi", "--bib", str(bib)]) == 0
    out = capsys.readouterr().out
    assert "\\u202ekeybidi" in out and RLO not in out.splitlines()[0]


@pytest.mark.parametrize("claim_id", ["smith2020", "4"])
def test_a_claim_id_that_is_a_reference_key_or_number_is_warned(claim_id: str) -> None:
    corpus = Corpus(
        references=[Reference(key="smith2020", number=4, title="T")],
        claims=[Claim(id=claim_id, text="T", cites=[], line=5)],
    )
    (message,) = [m for m in _messages(corpus) if "is also a reference's" in m]
    assert f"claim id '{claim_id}'" in message
    assert f"`show {claim_id}` shows the claim, not the reference" in message


def test_show_says_when_a_claim_hides_a_reference(
    tmp_path, capsys: pytest.CaptureFixture[str]
) -> None:
    bib = tmp_path / "references.bib"
    bib.write_text("@article{C01, title = {Hidden}, year = {2020}}\n", encoding="utf-8")
    claims = tmp_path / "claims.yaml"
    claims.write_text("claims:\n  - id: C01\n    text: A claim.\n    cites: []\n")
    assert main(["show", "C01", "--bib", str(bib), "--claims", str(claims)]) == 0
    out, err = capsys.readouterr()
    assert out.startswith("C01")
    assert "note: 'C01' also names the reference 'C01', not shown: a claim's id comes first" in err
