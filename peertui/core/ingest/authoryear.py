"""Author-year markers: "(Smith et al., 2012; Lee & Park 2019a)", "Clarke et al. (2017)".

Parsing is done by hand over bounded pieces (a parenthesis of at most 400 characters, a
few words before a year), so no pattern can backtrack over a long text. A marker names a
first author and a year; it is linked only when exactly one reference-list item has that
first author and year (second author, "et al." and the year's letter narrow the choice).
"""

from __future__ import annotations

import re
import unicodedata

from peertui.core.ingest.model import Marker, PrintedRef, without_overlaps

_PAREN = re.compile(r"\(([^()]{4,400})\)")
#: A bracket holding a citation: "[Smith 2001]", a Markdown link's text "[Lee, 2019](#b3)".
_BRACKET = re.compile(r"\[([^\[\]]{4,400})\]")
_YEAR_ITEM = r"(?:(?:1[5-9]|20)\d\d[a-z]?|in press|n\.d\.|forthcoming)"
_YEARS = re.compile(rf"{_YEAR_ITEM}(?:\s*,\s*(?:{_YEAR_ITEM}|[a-z]\b))*")
#: "Smith et al., 2012, p. 4": the names, then the years, then an optional locator.
_TAIL = re.compile(
    rf"(?:,|\s)\s*({_YEAR_ITEM}(?:\s*,\s*(?:{_YEAR_ITEM}|[a-z]\b))*)"
    r"(?:\s*[,:]\s*(?:pp?\.|page|pages|chap\.|chapter|table|fig\.|figure|sec\.)\s*[\w\-–]+)?\s*$"
)
_NARRATIVE = re.compile(
    rf"\(\s*({_YEAR_ITEM}(?:\s*,\s*(?:{_YEAR_ITEM}|[a-z]\b))*)"
    r"(?:\s*[,:]\s*(?:pp?\.|page|chap\.|chapter)\s*[\w\-–]+)?\s*\)"
)
#: Words before the first name: "see also", "e.g.,". An abbreviation ends in its own stop or
#: comma, so it may touch the name ("e.g.,Smith 2001", as text drawn from XML often has it).
_PREFIX = re.compile(
    r"^(?:(?:see(?:\s+also)?|for\s+example,?|for\s+a\s+review,?|for\s+review,?"
    r"|reviewed\s+in|also|but\s+see|as\s+in|after)\s+|(?:e\.g\.,?|cf\.|i\.e\.,?)\s*)+",
    re.I,
)
_PARTICLES = frozenset(
    re.findall(
        r"\S+",
        """
    van von der den de del della di da du dos la le ten ter zu d'
    """,
    )
)
_NOT_NAMES = frozenset(
    re.findall(
        r"\S+",
        """
    in since from until before after between during summer winter spring autumn fall january
    february march april may june july august september october november december jan feb
    mar apr jun jul aug sep sept oct nov dec table tables figure figures fig supplementary
    version data the a an and or of to for see by at on as per vs total mean n p
    """,
    )
)
_COLLEAGUES = re.compile(r"(?:\s+and\s+(?:colleagues|co-?workers)|['’]s)\s*$")
_MAKER = re.compile(
    r"\b(?:Inc|Ltd|Corp|Corporation|GmbH|LLC|Co|Company|Software|Instruments|Scientific)\b"
    r"|,\s*[A-Z]{2}(?:,|$)"
)
_WORD_BREAK = re.compile(r"[\s,.;:()]+")
_PART_BREAK = re.compile(r";\s*|(?<=\d),\s+(?=[A-Z])|(?<=\d[a-z]),\s+(?=[A-Z])")
_ETAL = re.compile(r",?\s+et\s+al\b\.?")
_PEOPLE_BREAK = re.compile(r",\s*|\s+and\s+|\s*&\s*")
_WORD = re.compile(r"[^\W\d_][\w'’\-]*\.?|&|,")
#: A group's abbreviation given beside its name: "World Health Organization [WHO]".
_ABBREVIATION = re.compile(r"\s*[\[(][A-Z][A-Za-z&]{1,9}[\])]")
_ACRONYM = re.compile(r"[A-Z][A-Z&]{1,9}")
_MINOR = frozenset({"of", "and", "the", "for", "on", "in", "to", "de", "la", "du", "&"})


def fold(text: str) -> str:
    """Letters and digits only, accents dropped, case folded: how names are compared."""
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if c.isalnum() and not unicodedata.combining(c)).casefold()


def _fold_words(text: str) -> list[str]:
    return [w for w in (fold(x) for x in _WORD_BREAK.split(text)) if w]


def author_year_parts(text: str) -> list[tuple[int, int, str, str]]:
    """Parenthetical parts that read as names and years: (start, end, names, years)."""
    parts: list[tuple[int, int, str, str]] = []
    enclosed = [*_PAREN.finditer(text), *_BRACKET.finditer(text)]
    for m in sorted(enclosed, key=lambda m: m.start()):
        base = m.start(1)
        for a, b in _split_parts(m.group(1)):
            piece = text[base + a : base + b]
            lead = _PREFIX.match(piece)
            skip = lead.end() if lead else 0
            tail = _TAIL.search(piece)
            if not tail or tail.start() <= skip:
                continue
            names = piece[skip : tail.start()].strip()
            if _names_ok(names):
                parts.append((base + a + skip, base + b, names, tail.group(1)))
    return parts


def _split_parts(content: str) -> list[tuple[int, int]]:
    """Spans of the parts of a parenthesis: split at ";" and at ", " after a year when a
    capitalised name follows ("Smith 2001, Jones 2003")."""
    cuts = [0]
    for m in _PART_BREAK.finditer(content):
        cuts.append(m.start())
        cuts.append(m.end())
    cuts.append(len(content))
    spans = []
    for a, b in zip(cuts[::2], cuts[1::2], strict=True):
        while a < b and content[a].isspace():
            a += 1
        while b > a and content[b - 1].isspace():
            b -= 1
        if a < b:
            spans.append((a, b))
    return spans


def _names_ok(names: str) -> bool:
    """Whether a string reads as cited author names (not "March" or "Table 2")."""
    words = _WORD.findall(names)
    if not words or len(words) > 14 or any(c.isdigit() for c in names):
        return False
    first = words[0].rstrip(".")
    if first.lower() in _NOT_NAMES:
        return False
    return first[:1].isupper() or first.lower() in _PARTICLES


def narrative_markers(text: str) -> list[tuple[int, int, int, str, str]]:
    """ "Clarke et al. (2017)": (start of the longest name run, paren start, end, names,
    years); the run may begin with a word that is not part of the name ("In Clarke")."""
    found = []
    for m in _NARRATIVE.finditer(text):
        before = text[max(0, m.start() - 160) : m.start()]
        # "Smith and colleagues (2012)", "Smith et al.'s (2012)": the names come before.
        tail = _COLLEAGUES.search(before)
        if tail:
            before = before[: tail.start()] + " " * len(tail.group(0))
        start = _name_run_start(before.rstrip())
        if start is None:
            continue
        # "As Clarke": drop leading words until what is left reads as names.
        for word in re.finditer(r"\S+", before[start:]):
            names = before[start + word.start() :].strip()
            if _names_ok(names):
                at = m.start() - len(before) + start + word.start()
                found.append((at, m.start(), m.end(), names, m.group(1)))
                break
    return found


def _name_run_start(before: str) -> int | None:
    """Where the run of name words ending `before` starts (None when it ends otherwise)."""
    tokens = list(re.finditer(r"[^\W\d_][\w'’\-]*\.?|&|,", before))
    if not tokens or tokens[-1].end() < len(before.rstrip(" \t\n*_")):
        return None
    start = None
    for t in reversed(tokens):
        if start is not None and before[t.end() : start].strip(" \t\n*_"):
            break  # something else ("(2014);") stands between: the run ended
        word = t.group(0)
        bare = word.rstrip(".")
        if word in ("al.", "al", "et", "and", "&", ","):
            start = t.start()
            continue
        if bare.lower() in _PARTICLES or (bare[:1].isupper() and not word.endswith(".")):
            start = t.start()
            continue
        if bare[:1].isupper() and word.endswith(".") and len(bare) > 2 and start is None:
            # "… by Smith. (2001)" is not a citation form; a name ends without a stop.
            return None
        break
    if start is None:
        return None
    # The run cannot open with a connector: "and Smith and Jones" is "Smith and Jones".
    lead = re.match(r"(?:(?:,|&|(?:and|et)\b)\s*)+", before[start:])
    if lead:
        start += lead.end()
    return start if start < len(before.rstrip()) else None


def _cited(names: str) -> tuple[list[str], str, bool]:
    """The first author's words (folded), the second author (folded), and "et al."."""
    names = names.replace("*", "")  # Markdown emphasis: "Smith *et al.*"
    names = _ABBREVIATION.sub("", names)  # "World Health Organization [WHO]"
    etal = bool(_ETAL.search(names))
    core = _ETAL.sub("", names).strip(" ,")
    people = [p.strip() for p in _PEOPLE_BREAK.split(core) if p.strip()]
    first = _fold_words(people[0]) if people else []
    second = fold(people[1]) if len(people) > 1 else ""
    return first, second, etal


def _years(years: str) -> list[tuple[str, str, str]]:
    """ "2001a, b, 2003" → [("2001", "a", "2001a"), ("2001", "b", "b"), ("2003", "", "2003")]."""
    out: list[tuple[str, str, str]] = []
    last = ""
    for item in re.split(r"\s*,\s*", years.strip()):
        m = re.fullmatch(r"((?:1[5-9]|20)\d\d)([a-z]?)", item)
        if m:
            last = m.group(1)
            out.append((last, m.group(2), item))
        elif re.fullmatch(r"[a-z]", item) and last:
            out.append((last, item, item))
        else:
            out.append((item.lower(), "", item))  # "in press", "n.d.": as the list prints it
    return out


class AuthorYearIndex:
    """Reference-list items by year, with their first authors' words (folded)."""

    def __init__(self, references: list[PrintedRef]) -> None:
        self.references = references
        self.by_year: dict[str, list[int]] = {}
        self.first_words: list[list[str]] = []
        self.printed_words: list[list[str]] = []
        for i, ref in enumerate(references):
            self.by_year.setdefault(ref.year.lower(), []).append(i)
            family = ref.authors[0][0] if ref.authors else ""
            self.first_words.append(_fold_words(family))
            body = ref.printed[len(ref.label) :] if ref.label else ref.printed
            self.printed_words.append(_fold_words(body[:160]))

    def first_matches(self, i: int, cited: list[str]) -> bool:
        if not cited:
            return False
        if self.first_words[i] == cited or (
            self.first_words[i] and self.first_words[i][-len(cited) :] == cited
        ):
            return True
        return self.printed_words[i][: len(cited)] == cited

    def resolve(self, names: str, year: str, suffix: str) -> int | None:
        first, second, etal = _cited(names)
        same_year = self.by_year.get(year, [])
        cands = [i for i in same_year if self.first_matches(i, first)]
        if not cands:
            # A group cited by its own name though listed after persons ("Rockett KA, …,
            # Malaria Genomic Epidemiology Network"): any author, if only one item fits.
            cands = [i for i in same_year if self.any_author(i, first)]
            cands = cands if len(cands) == 1 else []
        if not cands and _ACRONYM.fullmatch(_ETAL.sub("", names).strip(" ,*")):
            # "(WHO, 2015)" for "World Health Organization. …" or "… (WHO)": a group only.
            acronym = _ETAL.sub("", names).strip(" ,*")
            cands = [i for i in same_year if self.abbreviates(i, acronym)]
            cands = cands if len(cands) == 1 else []
        if suffix:
            lettered = [i for i in cands if self.references[i].year_suffix == suffix]
            if lettered:
                cands = lettered
            elif cands and all(not self.references[i].year_suffix for i in cands):
                # Unlettered items of the same author and year are ordered a, b, c…
                k = ord(suffix) - ord("a")
                cands = [cands[k]] if 0 <= k < len(cands) and len(cands) > 1 else cands
        if len(cands) > 1 and second:
            cands = [i for i in cands if self._has_second(i, second)] or cands
        if len(cands) > 1:
            want = (lambda a: a >= 3) if etal else (lambda a: a <= 2)
            cands = [i for i in cands if want(len(self.references[i].authors))] or cands
        return cands[0] if len(cands) == 1 else None

    def abbreviates(self, i: int, acronym: str) -> bool:
        """Whether `acronym` names item i's first author, a group (no given names): by its
        words' initials ("World Health Organization") or as the item prints it ("(WHO)")."""
        ref = self.references[i]
        if not ref.authors or ref.authors[0][1]:
            return False
        words = re.findall(r"[^\W\d_][\w'’\-]*", ref.authors[0][0])
        initials = "".join(w[0] for w in words if w.lower() not in _MINOR).upper()
        printed = re.search(rf"[\[(]{re.escape(acronym)}[\])]", ref.printed[:200])
        return initials == acronym or printed is not None

    def any_author(self, i: int, cited: list[str]) -> bool:
        return any(_fold_words(family) == cited for family, _ in self.references[i].authors)

    def _has_second(self, i: int, second: str) -> bool:
        authors = self.references[i].authors
        return len(authors) > 1 and fold(authors[1][0]).endswith(second)


def resolve_author_year(text: str, index: AuthorYearIndex) -> list[Marker]:
    """Every author-year marker of `text`, linked where exactly one item fits."""
    markers: list[Marker] = []
    for start, end, names, years in author_year_parts(text):
        marker = _marker(index, text, start, end, names, years)
        if not marker.targets and _MAKER.search(names):
            continue  # "(SPSS Inc., Chicago, IL, 2012)": a maker and its place, not a citation
        # "(LSTM, Hochreiter and Schmidhuber, 1997)": a phrase may precede the names.
        for comma in re.finditer(r",\s+", names):
            if marker.targets:
                break
            rest = names[comma.end() :]
            if _names_ok(rest):
                trial = _marker(index, text, start + comma.end(), end, rest, years)
                marker = trial if trial.targets else marker
        markers.append(marker)
    for run_start, _paren, end, _names, years in narrative_markers(text):
        marker = None
        # "In Clarke et al.": drop leading words until the names resolve.
        words = list(re.finditer(r"\S+", text[run_start:_paren]))
        for w in words:
            candidate = text[run_start + w.start() : _paren].strip()
            if candidate.endswith(("'s", "’s")):
                candidate = candidate[:-2]
            if not _names_ok(candidate):
                continue
            trial = _marker(index, text, run_start + w.start(), end, candidate, years)
            if trial.targets:
                marker = trial
                break
            if marker is None:
                marker = trial
        if marker is not None and (marker.targets or _person_like(marker.text)):
            markers.append(marker)
    markers.sort(key=lambda m: m.start)
    return without_overlaps(markers)


def _marker(
    index: AuthorYearIndex, text: str, start: int, end: int, names: str, years: str
) -> Marker:
    targets: list[int] = []
    unresolved: list[str] = []
    for year, suffix, printed in _years(years):
        hit = index.resolve(names, year, suffix) if year else None
        if hit is None:
            unresolved.append(f"{names} {printed}")
        elif hit not in targets:
            targets.append(hit)
    return Marker(start, end, text[start:end], targets, unresolved)


def _person_like(marker_text: str) -> bool:
    """An unlinked narrative marker is kept only when it reads as a citation of persons
    ("Smith (2010)", "Lee et al. (2001)"), not of a study ("Disease Study (2010)")."""
    names = marker_text.split("(", 1)[0]
    return len(names.split()) == 1 or bool(re.search(r"\bet al\b|\band\b|&", names))
