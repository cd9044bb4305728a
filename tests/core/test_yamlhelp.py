"""The YAML reader's complaints about hand-made mistakes, in a writer's words."""

from __future__ import annotations

from peertui.core.bundle.claims import parse_claims

HEAD = "claims:\n  - id: A1\n    text: Smith randomized 120 individuals (1).\n"


def messages(text: str) -> list[str]:
    return [str(p) for p in parse_claims(text, "claims.yaml").problems]


def test_a_key_indented_one_space_too_far() -> None:
    assert messages(HEAD + "    cites: [smith2020]\n     numbers: []\n") == [
        "claims.yaml:5: YAML error: this line is indented by 5 spaces, but the block it "
        "continues (from line 2) by 4: `     numbers: []`; keys of one mapping start in the "
        "same column"
    ]


def test_a_colon_in_an_unquoted_value_suggests_quotes() -> None:
    assert messages(HEAD + '    notes: Note: this is "the" one\n') == [
        "claims.yaml:4: YAML error: a ': ' inside the unquoted value of 'notes' ends the key "
        'there; put the value in quotes: `notes: "Note: this is \\"the\\" one"`'
    ]


def test_a_tab_in_the_indentation() -> None:
    assert messages("claims:\n  - id: A1\n\ttext: x\n") == [
        "claims.yaml:3: YAML error: a tab in the indentation of `→text: x`: YAML indents with "
        "spaces only"
    ]


def test_other_errors_keep_the_readers_words() -> None:
    assert messages("claims: [a, b\n") == [
        "claims.yaml:2: YAML error: while parsing a flow sequence: expected ',' or ']', but "
        "got '<stream end>'"
    ]
