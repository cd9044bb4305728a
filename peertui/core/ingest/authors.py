"""A printed author list → (family, given) pairs, each part as printed.

The orders seen: family then initials ("Davey Smith G", "Smith, J. A."), given name first
("E. Braunwald", "Martin Krallinger", "Luke S. Zettlemoyer"), and organisations ("World
Health Organization"), which keep their whole name as the family part.
"""

from __future__ import annotations

import re

#: Separators between names: ";" , " and " , " & " , ", and " (the comma is handled apart).
_SEP = re.compile(
    r"\s*(?:;|,?\s+and\s+(?![a-z])|,?\s*&\s*(?![a-z])|,?\s+et\s+al\.?,?|,?\s+und\s+|,?\s+et\s+)\s*"
)
_INITIALS = re.compile(r"^(?:(?:[A-Z]|[A-Z][a-z]\.)\.?[\s\-]?){1,4}$")
_SUFFIX = re.compile(r"\s+(?:Jr|Sr|Jnr|II|III|IV)\.?$")
_PARTICLES = frozenset(
    re.findall(
        r"\S+",
        """
    van von der den de del della di da dos du la le ten ter zu st
    """,
    )
)
_ORG = re.compile(
    r"\b(?:Organi[sz]ation|Network|Group|Committee|Institute|Association|Consortium|Society"
    r"|Office|Administration|Council|Agency|Cent(?:er|re)|Bulletin|Foundation|Collaboration"
    r"|Department|University|Ministry|Commission|Board|Service|Bureau|WHO|Investigators)\b"
)


#: A comma-free stretch holding " and " or " & ", read as one organisation's name when it names
#: one ("Merseyside and Cheshire Cancer Network") and holds no initials ("Smith J and Lee K").
_ORG_AND = re.compile(r"[^,;]*\s(?:and|&)\s[^,;]*")
_HELD = "\x00"


def _hold_and(match: re.Match[str]) -> str:
    stretch = match.group(0)
    words = stretch.replace("&", " ").split()
    if not _ORG.search(stretch) or any(is_initials(w.rstrip(".")) for w in words[1:]):
        return stretch
    return re.sub(r"\s(and|&)\s", lambda m: _HELD + m.group(1) + _HELD, stretch)


#: One "Family INITIALS" pair of a run without commas: "Bock V", "van Duijnhoven FJB",
#: "Boutron-Ruault M-C".
_RUN = re.compile(
    r"((?:[a-z]{1,3}\s){0,2}[A-Z\u00c0-\u024f][\w'’\-]+(?:\s[a-z]+)*)\s([A-Z]{1,3}(?:-[A-Z])?)(?=\s|$)"
)


def is_initials(token: str) -> bool:
    """ "J", "JA", "J. A.", "J.-P." : initials as the styles print them."""
    return bool(_INITIALS.match(token.strip())) and any(c.isupper() for c in token)


def split_authors(text: str) -> list[tuple[str, str]]:
    """The names of an author list, in order; organisations keep their whole name."""
    text = _ORG_AND.sub(_hold_and, text.strip().rstrip(".,;: "))
    if not text:
        return []
    chunks = [c.replace(_HELD, " ") for c in _SEP.split(text) if c and c.strip(" .,")]
    pieces: list[str] = []
    for chunk in chunks:
        parts = [p for p in (x.strip() for x in chunk.split(",")) if p]
        if len(parts) == 2 and _family_given(*parts):
            pieces.append(chunk.strip())  # "Menon, Vinod": one name, inverted
            continue
        pieces.extend(parts)
    names: list[tuple[str, str]] = []
    i = 0
    while i < len(pieces):
        piece = pieces[i].strip(" .")
        nxt = pieces[i + 1] if i + 1 < len(pieces) else ""
        *particles, _ = piece.split() or [""]
        family = all(w.lower() in _PARTICLES for w in particles)
        if family and nxt and is_initials(nxt) and not is_initials(piece):
            # "Smith, J. A." printed family, comma, initials ("van de Bunt, M.").
            names.append((piece, nxt.strip()))
            i += 2
            continue
        if "," in piece:
            family, given = (x.strip() for x in piece.split(",", 1))
            names.append((family, given))
        else:
            names.extend(_one_or_run(pieces[i].strip()))
        i += 1
    # "———." stands for the previous item's authors: nothing to read here.
    return [(f, g) for f, g in names if f and any(c.isalnum() for c in f)]


def _family_given(family: str, given: str) -> bool:
    """ "Abel", "Kim" or "Adams", "Nicholson B.": a family name and given names in full."""
    words = given.split()
    *particles, last = family.split()
    if any(p.lower() not in _PARTICLES for p in particles) or is_initials(last):
        return False  # "Smith JA", "World Health Organization", "van den Abel M"
    return (
        0 < len(words) <= 3
        and all(
            w[:1].isupper() and (is_initials(w) or (w[1:2].islower() and w.isalpha()))
            for w in words
        )
        and not all(is_initials(w) for w in words)
    )


def _one_or_run(piece: str) -> list[tuple[str, str]]:
    """One comma-free piece: a name, an organisation, or a run of "Family II" names."""
    piece = piece.strip(" .")
    if not piece:
        return []
    if _ORG.search(piece):
        return [(piece, "")]
    suffix = _SUFFIX.search(piece)
    if suffix and " " in piece[: suffix.start()]:
        piece = piece[: suffix.start()]
    words = piece.split()
    if len(words) == 1:
        return [(piece, "")]
    # A run of "Family INITIALS" pairs without commas ("Lachenmeier DW Bock V Deych A").
    run = _RUN.findall(piece)
    if len(run) >= 2 and sum(len(f) + len(g) + 1 for f, g in run) + len(run) - 1 == len(piece):
        return [(f, g) for f, g in run]
    if is_initials(words[-1].rstrip(".")) and not is_initials(words[0]):
        # "Davey Smith G", "van den Akker M": family, then initials.
        given = words[-1]
        return [(piece[: piece.rfind(given)].strip(), given)]
    # Given name(s) first: the family is the last word with any particles before it.
    k = len(words) - 1
    while k > 1 and words[k - 1].lower() in _PARTICLES:
        k -= 1
    family = " ".join(words[k:])
    given = " ".join(words[:k])
    return [(family, given)]
