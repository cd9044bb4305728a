"""Citation markers in paragraph text → links to reference-list items.

The document's dominant style is decided first (numbered reference list or not; brackets,
parentheses or superscripts), so that a number in parentheses is read as a citation only
where the article cites that way, and only when it names an item of the list. Author-year
markers are matched on the first author's family name and the year (with its letter);
what matches no item, or more than one, is kept as unresolved, never guessed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from peertui.core.ingest.authoryear import (
    AuthorYearIndex,
    author_year_parts,
    narrative_markers,
    resolve_author_year,
)
from peertui.core.ingest.model import Marker, Paragraph, PrintedRef, without_overlaps

BRACKETS = "brackets"
PARENTHESES = "parentheses"
SUPERSCRIPT = "superscript"
FLAT = "flattened superscript"
AUTHOR_YEAR = "author-year"

_DASH = "-‐‑–—−"  # hyphen, its Unicode forms, en and em dashes, minus
#: A list of numbers and ranges as printed inside a marker: "3", "3,7", "3–5, 9", "1, 2".
_ONE = rf"\d{{1,4}}(?:\s*[{_DASH}]\s*\d{{1,4}})?"
_NUMLIST = rf"{_ONE}(?:\s*[,;]\s*{_ONE}){{0,30}}"
_LIST_BREAK = re.compile(r"\s*[,;]\s*")
_RANGE_BREAK = re.compile(rf"\s*[{_DASH}]\s*")
_BRACKET = re.compile(rf"\[\s*({_NUMLIST})\s*\](?:\s?[{_DASH}]\s?\[\s*(\d{{1,4}})\s*\])?")
_PAREN = re.compile(rf"\(\s*({_NUMLIST})\s*\)")
#: A number named as a reference in the running text: "ref. 7", "Refs 8 and 9", "reference 12".
_NAMED = re.compile(
    rf"\b(?:[Rr]ef(?:erence)?s?\.?)\s+(\d{{1,4}}(?:\s*(?:,|and|[{_DASH}])\s*\d{{1,4}}){{0,10}})"
    r"(?![\d.,]\d)"
)
_SUP_ONE = rf"(?:\^\s*({_NUMLIST})\s*\^|<sup>\s*({_NUMLIST})\s*</sup>)"
_SUP = re.compile(
    rf"{_SUP_ONE}(?:\s?[{_DASH}]\s?(?:\^\s*(\d{{1,4}})\s*\^|<sup>\s*(\d{{1,4}})\s*</sup>))?"
)
#: Two-letter words a sentence may end on before a superscript citation; "in" is left out,
#: as "in²" is a unit.
_SHORT_WORDS = frozenset(
    re.findall(r"\S+", "it is on at as be by do go he if me my no of or so to up us we")
)
#: Words that go on with a sentence after a flattened superscript ("products 3,4 and").
_CONTINUES = (
    r"and|or|but|which|that|who|whereas|while|as|in|for|with|has|have|had|was|were|is|are"
    r"|also|showed|found|reported|suggest\w*|report\w+|show\w+|demonstrat\w+|describ\w+"
    r"|observ\w+|propos\w+|indicat\w+|conclud\w+|confirm\w+|using|where|when|although"
)
#: A flattened superscript: a list of numbers right after a word, before punctuation.
_FLAT = re.compile(
    rf"(\d{{1,3}}(?:(?:\s?[,{_DASH}]\s?)\d{{1,3}}){{0,20}})"
    # The punctuation may stand one space off ("muscle 15 , and"), as text drawn from XML
    # that breaks lines around a superscript has it.
    rf"(?=\s?[.,;:)]\s|\s?[.,;:)]?$|\s\(|\s(?:{_CONTINUES})\b|\s[A-Z])"
)
#: Words after which a number is a quantity or a label, not a citation.
_NOT_BEFORE = frozenset(
    re.findall(
        r"\S+",
        """
    a an the of in to from than at by with on for per about approximately around nearly only
    all and or were was are is be been being n p r t f table tables fig figs figure figures
    step steps day days week weeks month months year years hour hours h min minute minutes s
    sec second seconds group groups study version type types phase level levels
    grade stage class model models item items question questions section chapter page pages
    appendix experiment experiments sample samples no number patient patients participant
    participants case cases lane panel equation eq ref refs trial arm wave visit dose doses
    score scale points point cohort round category factor line row column times between
    under over after before within into up as these those its their our first last top
    bottom every each some remaining other age aged mean median range ratio total reference
    references approx ca v vs sd se ci or rr hr file files list lists box boxes study
    supplementary data dataset datasets chromosome chromosomes exon exons intron codon domain
    subject subjects site sites region regions area areas zone zones cluster clusters
    component components dimension dimensions condition conditions session sessions block
    blocks trials rounds task tasks scenario hypothesis hypotheses criterion criteria rule
    rules sections chapters lines equations formula subscale subscales visits waves arms
    phases generation generations ward wards grades ages stages tier tiers corollary lemma
    theorem proposition definition categories whom below above both scoring scored release
    """,
    )
)
#: Capitalised words that label what follows: "Studies 2–4" (where "studies 21" cites).
_LABELS = frozenset(
    re.findall(
        r"\S+",
        """
    Studies Article Articles Release Part Parts Volume Issue Law Act Rule Rules Annex Schedule
    Version Chapter Section Appendix Supplement Trial Session Phase
    """,
    )
)
#: Words before a numeric parenthesis that make it a label or quantity.
_LABEL_BEFORE = re.compile(
    r"\b(?:table|tables|fig\.?|figs\.?|figure|figures|eq\.?|equation|step|model|study|experiment"
    r"|appendix|section|chapter|n|p|df|t|f|r|version|phase|wave|group|panel|hypothesis|item)\s*$",
    re.I,
)


def link_markers(paragraphs: list[Paragraph], references: list[PrintedRef]) -> str:
    """Find and link the markers of every paragraph (in place); return the style found."""
    style = detect_style([p.text for p in paragraphs], references)
    numbers = _number_index(references)
    index = AuthorYearIndex(references) if style == AUTHOR_YEAR else None
    for paragraph in paragraphs:
        paragraph.markers = find_markers(paragraph.text, style, references, numbers, index)
    return style


def detect_style(texts: Iterable[str], references: list[PrintedRef]) -> str:
    """The article's dominant citation style, from its reference list and its text."""
    texts = _sample(texts)
    n = len(references)
    numbered = n > 0 and sum(r.number is not None for r in references) >= 0.6 * n
    counts = {
        BRACKETS: sum(_count_numeric(_BRACKET, t, n) for t in texts),
        SUPERSCRIPT: sum(_count_numeric(_SUP, t, n) for t in texts),
        PARENTHESES: sum(_count_numeric(_PAREN, t, n) for t in texts),
    }
    author_year = sum(len(author_year_parts(t)) + len(narrative_markers(t)) for t in texts)
    best = max(counts, key=lambda k: counts[k])
    if not numbered and author_year >= max(2, counts[best]):
        return AUTHOR_YEAR
    if numbered and counts[best] == 0 and author_year >= max(3, n // 4):
        return AUTHOR_YEAR  # a numbered list cited by name and year ("1. Abel K (2001) …")
    if counts[best] >= 3 or (counts[best] > 0 and (numbered or best == BRACKETS)):
        if best == PARENTHESES and counts[PARENTHESES] < 2 * max(counts[BRACKETS], 1):
            best = BRACKETS if counts[BRACKETS] else PARENTHESES
        return best
    if numbered or (n >= 3 and author_year == 0):
        return FLAT  # superscripts flattened into the text, or no markers at all
    return AUTHOR_YEAR


def _sample(texts: Iterable[str], limit: int = 2_000_000) -> list[str]:
    """The first paragraphs up to `limit` characters: enough to tell a style."""
    out: list[str] = []
    size = 0
    for text in texts:
        out.append(text[: limit - size])
        size += len(out[-1])
        if size >= limit:
            break
    return out


def _count_numeric(pattern: re.Pattern[str], text: str, n: int) -> int:
    count = 0
    for m in pattern.finditer(text):
        values = [v for v in _values(_content(m)) if v is not None]
        if values and all(1 <= v <= max(n, 1) for v in values):
            count += 1
    return count


def _number_index(references: list[PrintedRef]) -> dict[int, int]:
    """Citation number → index into the list (its position where items carry no number)."""
    index: dict[int, int] = {}
    for i, ref in enumerate(references):
        if ref.number is not None and ref.number not in index:
            index[ref.number] = i
    if not index:
        index = {i + 1: i for i in range(len(references))}
    return index


def find_markers(
    text: str,
    style: str,
    references: list[PrintedRef],
    numbers: dict[int, int],
    index: AuthorYearIndex | None = None,
) -> list[Marker]:
    """Every marker of `text` in the given style, linked to reference indexes."""
    markers: list[Marker] = []
    n = len(references)
    if style == AUTHOR_YEAR:
        return resolve_author_year(text, index or AuthorYearIndex(references))
    if style in (BRACKETS, SUPERSCRIPT, PARENTHESES):
        # Brackets are read in any numeric article; superscripts only where the article
        # cites with them (elsewhere they are exponents and units: "kg/m²").
        markers.extend(_numeric(text, _BRACKET, numbers, n, strict=False))
        if style == SUPERSCRIPT:
            markers.extend(_numeric(text, _SUP, numbers, n, strict=False))
        if style == PARENTHESES:
            markers.extend(_numeric(text, _PAREN, numbers, n, strict=True))
    elif style == FLAT:
        markers.extend(_numeric(text, _BRACKET, numbers, n, strict=False))
        markers.extend(_flat(text, numbers, n))
    markers.extend(_named(text, numbers))
    markers.sort(key=lambda m: m.start)
    return without_overlaps(markers)


def _content(m: re.Match[str]) -> str:
    """A numeric marker's list, with the end of a "[3]–[5]" range appended as "3-5"."""
    groups = [g for g in m.groups()]
    first = next((g for g in groups[:2] if g is not None), None) if len(groups) >= 2 else None
    if m.re is _SUP:
        first = groups[0] if groups[0] is not None else groups[1]
        last = groups[2] if groups[2] is not None else groups[3]
    elif m.re is _BRACKET:
        first, last = groups[0], groups[1]
    else:
        first, last = groups[0], None
    return f"{first}-{last}" if last else (first or "")


def _values(content: str) -> list[int | None]:
    """The numbers a list stands for, ranges expanded; None for a malformed range."""
    out: list[int | None] = []
    for part in _LIST_BREAK.split(content.strip()):
        bounds = _RANGE_BREAK.split(part)
        if not bounds or not bounds[0].isdigit():
            out.append(None)
            continue
        if len(bounds) == 1:
            out.append(int(bounds[0]))
            continue
        a, b = int(bounds[0]), int(bounds[-1])
        if a < b <= a + 100:
            out.extend(range(a, b + 1))
        else:
            out.extend((a, None))
    return out


def _link(content: str, numbers: dict[int, int]) -> tuple[list[int], list[str]]:
    """Targets and unresolved parts of a numeric list."""
    targets: list[int] = []
    unresolved: list[str] = []
    for part in _LIST_BREAK.split(content.strip()):
        values = _values(part)
        if any(v is None or v not in numbers for v in values):
            unresolved.append(part)
            values = [v for v in values if v is not None and v in numbers]
        for v in values:
            if numbers[v] not in targets:
                targets.append(numbers[v])
    return targets, unresolved


def _numeric(
    text: str, pattern: re.Pattern[str], numbers: dict[int, int], n: int, *, strict: bool
) -> list[Marker]:
    out: list[Marker] = []
    for m in pattern.finditer(text):
        content = _content(m)
        values = _values(content)
        if m.re is _SUP and not _superscript_cites(text, m):
            continue
        if strict:
            # A parenthesis is a citation only when every number names an item and nothing
            # before it makes it a label ("Table (2)") or a quantity.
            if not all(v is not None and v in numbers for v in values):
                continue
            if _LABEL_BEFORE.search(text[max(0, m.start() - 12) : m.start()]):
                continue
        elif 0 in values or not any(v is not None and 1 <= v <= max(n, 1) * 2 for v in values):
            continue  # "[0, 1]" is an interval: no item is numbered 0
        targets, unresolved = _link(content, numbers)
        out.append(Marker(m.start(), m.end(), m.group(0), targets, unresolved))
    return out


def _named(text: str, numbers: dict[int, int]) -> list[Marker]:
    """ "ref. 7", "refs 8 and 9": in any numeric article, when every number names an item."""
    out: list[Marker] = []
    for m in _NAMED.finditer(text):
        content = re.sub(r"\s*and\s*", ", ", m.group(1))
        values = _values(content)
        if not values or not all(v is not None and v in numbers for v in values):
            continue
        targets, unresolved = _link(content, numbers)
        out.append(Marker(m.start(1), m.end(1), m.group(1), targets, unresolved))
    return out


def _superscript_cites(text: str, m: re.Match[str]) -> bool:
    """A superscript after a one-letter symbol (χ², Δ⁹) or before a letter (¹²⁵I) is math."""
    after = text[m.end() : m.end() + 2]
    if after[:1].isalnum() or (after[:1] in "-–" and after[1:2].isalpha()):
        return False
    before = text[max(0, m.start() - 12) : m.start()]
    word = re.search(r"(\S+)$", before)
    if not word:
        return True
    token = re.sub(r"<[^<>]*>|[*_]", "", word.group(1))
    bare = token.rstrip(".,;:)")
    if bare in _SHORT_WORDS:
        return True  # "slows it^3^": a word, not a symbol
    # "χ²", "kg/m²", "10⁵", "ηp²": a symbol, a unit or a number carries an exponent.
    return not ("/" in token or token[-1:].isdigit() or 0 < len(bare) <= 2)


def _flat(text: str, numbers: dict[int, int], n: int) -> list[Marker]:
    """Superscripts flattened into the text ("cigarettes 1."): conservative, every number
    must name an item and the word before must not take a number."""
    out: list[Marker] = []
    for m in _FLAT.finditer(text):
        at = _flat_start(text, m.start(1))
        if at < 0:
            continue
        content = m.group(1)
        values = _values(content)
        if not values or not all(v is not None and v in numbers for v in values):
            continue
        nxt = text[m.end() : m.end() + 3]
        if text[at - 1 : at] == ")" and not text[at - 2 : at - 1].isalpha():
            # "(… r²=0.83)16, and", "(Figure 1) 20 .": after a parenthesis that closes on a
            # number, only before a comma or a sentence's end.
            if re.match(r"\s?[.,;:](?:\s|$)", nxt) and not re.match(r"[.,]\d", nxt):
                targets, unresolved = _link(content, numbers)
                out.append(Marker(m.start(1), m.end(1), content, targets, unresolved))
            continue
        prev = re.search(r"([^\W\d_]+)\W{0,2}$", text[max(0, at - 30) : at])
        if not prev or prev.group(1).lower() in _NOT_BEFORE:
            continue
        if re.match(r"[.,]\d", nxt) or "%" in nxt[:2]:
            continue
        if not text[m.end() :].strip(" .") and len(text.split()) < 8:
            continue  # "CBD oil 1" alone: a table cell or a label, not a sentence citing
        word = prev.group(1)
        if word.isupper() and len(word) > 1 and not re.match(r"[.,;:]", nxt):
            continue  # "CO 2 or", "HIV 1 infection": a name with its number
        attached = not text[at].isspace()
        if text[at - 1 : at] == "," and not re.match(r"\s?[.,;:)]|$", nxt):
            continue  # after a comma, only before punctuation: not "However, 3 were"
        if attached and word != "al" and (len(word) < 3 or not word[-1].islower()):
            continue  # "CD4.", "T4", "H2O": part of a name, not a superscript
        if nxt[:1] == " " and nxt[1:2].isupper() and text[at - 1 : at] != ".":
            continue  # before a capital, only "…smokers. 1 However" reads as a citation
        if word in _LABELS:
            continue  # "Studies 2–4", "Article 16": a label with its number
        if nxt[:1] == ")" and "(" not in text[max(0, at - 80) : at]:
            continue  # "…, 2) mentalizing": an enumeration
        if re.match(r"\s+(?:and|or|to)\s+\d", text[m.end() : m.end() + 12]):
            continue  # "at 3 and 6 months": quantities
        targets, unresolved = _link(content, numbers)
        start = m.start(1)
        out.append(Marker(start, m.end(1), m.group(1), targets, unresolved))
    return out


def _flat_start(text: str, digits: int) -> int:
    """Where a flattened superscript starting with the digit at `digits` begins (with the
    one space before it), or -1 unless it follows a word: two letters, a letter and a full
    stop ("al."), a letter and a closing mark or comma, or a closing parenthesis. Checked
    here rather than in the pattern, so that the pattern opens with a digit and is quick to
    scan."""
    if digits and text[digits - 1].isdigit():
        return -1
    at = digits - 1 if digits and text[digits - 1] in " \u2009" else digits
    two = text[max(0, at - 2) : at]
    if len(two) == 2 and two[0].isalpha() and (two[1].isalpha() or two[1] in '.)”’",'):
        return at
    if len(two) == 2 and two[1] == ")" and two[0] != " ":
        return at  # "(Figure 1)16": the caller asks for punctuation after it
    return -1
