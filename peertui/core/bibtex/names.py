"""An author field -> the names in it, split and decoded as bibtexparser and peertui do.

bibtexparser's `split_multiple_persons_names` walks the field a character at a time; it
splits at " and " outside braces, where a backslash hides the next character. A field whose
braces all close groups such as `{\\"o}`, with every backslash inside one, is split here by
patterns instead: each such group acts like one plain character, so the field is split at
every " and " when blanking the groups out leaves them all. Anything else is left to
bibtexparser.
"""

from __future__ import annotations

import re

from bibtexparser.middlewares.names import split_multiple_persons_names

from peertui.core.bibtex.latex import decode_latex, is_plain

#: The separator: "and" in any case between runs of bibtexparser's whitespace (space, tab,
#: CR and LF only: a tie `~` or any other space is part of a name).
_AND = re.compile(r"[ \t\r\n]+[aA][nN][dD][ \t\r\n]+")
#: A brace group nested at most two deep, a backslash hiding the character after it.
_GROUP = re.compile(r"\{(?:[^{}\\]|\\[\s\S]|\{(?:[^{}\\]|\\[\s\S])*\})*\}")


def split_names(field: str) -> list[str]:
    """The names of an author field exactly as `split_multiple_persons_names` gives them."""
    field = field.strip(" \r\n\t")
    if not field:
        return []
    if "{" in field or "}" in field or "\\" in field:
        seen = _GROUP.sub("\0", field)
        if "{" in seen or "}" in seen or "\\" in seen:
            return split_multiple_persons_names(field)
        names = _AND.split(field)
        # A separator found inside a group is one more than outside them: not a name break.
        if len(names) - 1 != len(_AND.findall(seen)):
            return split_multiple_persons_names(field)
        return names
    return _AND.split(field)


def decode_names(field: str) -> list[str]:
    """The names of an author field, each LaTeX-decoded with its whitespace collapsed."""
    names = split_names(field)
    if is_plain(field):  # then so is every name cut from it
        return [" ".join(name.split()) for name in names]  # collapse_ws, one call less
    return [" ".join(name.split()) if is_plain(name) else decode_latex(name) for name in names]
