"""The YAML reader's complaints about hand-made mistakes, in a writer's words."""

from __future__ import annotations

import pytest

from peertui.core.bundle.claims import parse_claims

HEAD = "claims:\n  - id: A1\n    text: Smith randomized 120 individuals (1).\n"


def messages(text: str) -> list[str]:
    return [str(p) for p in parse_claims(text, "claims.yaml").problems]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            HEAD + "    cites: [smith2020]\n     numbers: []\n",
            "claims.yaml:5: YAML error: this line is indented by 5 spaces, unlike the line "
            "before it (4) and the block it is in (from line 2, 4): `     numbers: []`; keys of "
            "one mapping start in the same column",
        ),
        (
            HEAD + "  numbers: []\n",
            "claims.yaml:4: YAML error: this line starts where the list's items do but is no "
            "item: `  numbers: []`; indent it like the line before it (4 spaces) to make it part "
            "of that item",
        ),
        (
            "claims:\n  - id: A1\n    text: x\n     cites: [a]\n",
            "claims.yaml:4: YAML error: this line is indented further than the key above it, so "
            "`     cites: [a]` was read as more of that key's value; line its key up with the keys "
            "above",
        ),
        (
            HEAD + '    notes: Note: this is "the" one\n',
            "claims.yaml:4: YAML error: the unquoted value of 'notes' holds ': ', which ends the "
            'key there; put the value in quotes: `notes: "Note: this is \\"the\\" one"`',
        ),
        (
            "claims:\n  - id: A1\n    text: - a dash\n",
            "claims.yaml:3: YAML error: the unquoted value of 'text' starts with '- ', which reads "
            'as a list; put the value in quotes: `text: "- a dash"`',
        ),
        (
            "claims:\n  - id: A1\n\ttext: x\n",
            "claims.yaml:3: YAML error: a tab in the indentation of `→text: x`: YAML indents with "
            "spaces only",
        ),
        (
            'claims:\n  - id: A1\n    text: "unclosed\n',
            "claims.yaml:4: YAML error: a quoted value opened on line 3 is never closed (a quote "
            "is missing)",
        ),
        (
            "claims:\n  - id: A1\n    cites: [a, b\n",
            "claims.yaml:4: YAML error: the list opened with '[' on line 3 is not closed with ']' "
            "where it should be, or its items are not separated by commas: `    cites: [a, b`",
        ),
    ],
)
def test_hand_made_mistakes_are_explained_with_their_line(text: str, message: str) -> None:
    assert messages(text) == [message]


def test_other_errors_keep_the_readers_words() -> None:
    assert messages("claims: @x\n") == [
        "claims.yaml:1: YAML error: while scanning for the next token: found character '@' "
        "that cannot start any token"
    ]
