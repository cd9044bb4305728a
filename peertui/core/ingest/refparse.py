"""One reference as printed → its fields, each a substring of what was printed.

Rules that hold across the common styles (Vancouver/NLM, AMA, APA, Harvard, Chicago, IEEE,
Nature, PLOS, ACL): identifiers (DOI, PMID, URL) are found by their own shapes anywhere; the
year by where styles put it (in parentheses after the authors, after the author list, or
after the journal); the author list ends at the first full stop that a name cannot explain,
at an opening quote or at a year; the title runs to the next sentence end (or its closing
quote); then come the journal or book and the volume, issue and pages.

Rules rather than a trained tagger: they load nothing and say why a field was read, and they
are measured on the corpus's tagged reference strings (bench/refparse_eval.py; one of the
two sets was never looked at while writing them). Identifiers and the year live in
refyear.py; volume, issue and pages in refnumbers.py.
"""

from __future__ import annotations

import re

from peertui.core.ingest.authors import split_authors
from peertui.core.ingest.model import PrintedRef
from peertui.core.ingest.refnumbers import first_number, has_volume, numbers
from peertui.core.ingest.refsplit import label_of
from peertui.core.ingest.refyear import YEAR, blank, find_year, identifiers

_QUOTES_OPEN = '“"‘«'
_QUOTES_CLOSE = {"“": "”", '"': '"', "‘": "’", "«": "»"}
#: Words before a full stop that do not end a sentence.
_ABBREV = frozenset(
    re.findall(
        r"\S+",
        """
    al jr sr ed eds vs eg ie st dr no vol pp spp sp cf ca approx fig hrsg inc co ltd dept
    univ ii iii iv
    """,
    )
)
_IN = re.compile(r"In:?\s+(?:[A-Z][\w.\- ]{0,60}\(eds?\.?\),?\s+)?")
_PUBLISHER = re.compile(
    r"([A-Z][\w.\- ]{1,40}(?:,\s*[A-Z]{2})?):\s*([^;:]{2,80}?)"
    r"\s*(?:;|,\s*(?=\d)|(?<![A-Z])\.\s|\.?$)"
)
_PLACE_PUBLISHER = re.compile(
    r"\s\([A-Z][\w.,\- ]{1,40}:\s*([^():]{2,60}?)(?:,\s*[^,()]*)?\)[.,]?\s*$"
)
_CORPORATE_WORDS = re.compile(
    r"\b(?:Organi[sz]ation|Network|Group|Committee|Institute|Association|Consortium|Society"
    r"|Office|Administration|Council|Agency|Cent(?:er|re)|Bulletin|Foundation|Collaboration"
    r"|Department|University|Ministry|Commission|Board|Service|Bureau)\b"
)


def parse_reference(printed: str) -> PrintedRef:
    """The fields of one printed reference; a field not found stays empty."""
    ref = PrintedRef(printed=printed)
    work = printed
    label, number = label_of(printed)
    start = 0
    if label and number is not None:
        ref.label, ref.number = label, number
        start = printed.find(label) + len(label)
    work = identifiers(ref, work)
    year_at = find_year(ref, work, start)
    authors_end = _authors_end(work, start, year_at)
    # Commas, not full stops, separate the parts ("K. Abel, T. Brun, Title, J. Moss 12").
    commas = work[authors_end - 1 : authors_end] == ","
    ref.authors = split_authors(printed[start:authors_end])
    pos = _skip(work, authors_end)
    if year_at is not None and year_at[0] - pos <= 2:
        pos = _skip(work, year_at[1])
    title_at, pos = _title(ref, work, pos, commas)
    _container(ref, work, pos, year_at, title_at)
    return ref


def _clean(text: str, a: int, b: int) -> str:
    """text[a:b] without surrounding space, quotes, brackets or trailing punctuation."""
    piece = text[a:b]
    piece = piece.strip(' \t,;:“”"‘’«»*_')  # quotes, and Markdown's emphasis marks
    while piece.endswith((".", ",", ";", ":")) and not piece.endswith((" al.", "Jr.")):
        piece = piece[:-1].rstrip(' \t,;:“”"*_')
    if piece.startswith("(") and piece.endswith(")"):
        piece = piece[1:-1]
    return piece.strip()


def _authors_end(work: str, start: int, year_at: tuple[int, int] | None) -> int:
    """Where the author list ends: a year, an opening quote, a colon, a sentence end, or a
    comma before a chunk that is not a name ("Fel'dman, V.I., Particulars of …")."""
    limit = len(work)
    if year_at is not None and year_at[0] > start:
        limit = year_at[0]
    for q in _QUOTES_OPEN:
        at = work.find(q, start, limit)
        if at >= 0:
            limit = at
    vancouver = bool(_VANCOUVER_NAME.match(work, start))
    chunks_end = _chunks_end(work, start, limit, vancouver)
    if chunks_end < limit:
        limit = chunks_end
        while limit > start and work[limit - 1] == " ":
            limit -= 1
    to_year = year_at is not None and limit == year_at[0]
    given_first = _given_first(work[start:limit])
    i = start
    while i < limit:
        dot = work.find(".", i, limit)
        colon = work.find(":", i, limit)
        if (
            colon >= 0
            and (dot < 0 or colon < dot)
            and work[colon + 1 : colon + 2] == " "
            and work.count("(", start, colon) == work.count(")", start, colon)
        ):
            return colon  # "Lachenmeier DW Bock V: Hemp…" (not "(Berkeley, CA: Press")
        if dot < 0:
            break
        before = work[max(start, dot - 40) : dot]
        if re.search(r"\bet al$", before):
            return dot + 1  # "et al." closes a list, even as "et al.,"
        if dot + 1 < len(work) and not work[dot + 1].isspace():
            i = dot + 1
            continue
        word = re.search(r"([\w'’\-]+)$", before)
        token = word.group(1) if word else ""
        if re.search(r"(?:^|\s)(?:[A-Z]\.){1,3}[A-Z]$", before) and not re.search(
            r"[\w'’\-],\s*(?:[A-Z]\.){1,3}[A-Z]$", before
        ):
            i = dot + 1  # "U.S. General Accounting Office" (but "Young, R.A." are initials)
            continue
        nxt = re.match(r"\s*(\S+)(?:\s+(\S+))?", work[dot + 1 : dot + 80])
        after = nxt.group(1) if nxt else ""
        then = (nxt.group(2) or "") if nxt else ""
        if token.lower() in _ABBREV and not (token.isupper() and len(token) > 1):
            i = dot + 1
            continue
        initial = _is_initial(token) and not (
            given_first and len(token) == 2 and token[1].islower()
        )
        if initial and to_year and _names_to(work[dot + 1 : limit]):
            i = dot + 1  # "Tom R. Tyler (1988)": only names are left before the year
            continue
        if initial and _name_continues(after, then, before, given_first, vancouver):
            i = dot + 1
            continue
        return dot + 1
    return limit


#: A Vancouver-style first name: family name(s), then initials without stops ("Davey Smith G").
_VANCOUVER_NAME = re.compile(
    r"\s*(?:(?:van|von|de|der|den|da|di|du|la|le)\s)*[A-Z\u00c0-\u024f][\w'’\-]+"
    r"(?:\s[A-Z\u00c0-\u024f][\w'’\-]+){0,2}\s[A-Z]{1,3}(?:\s(?:Jr|Sr|II|III))?"
    r"(?:[,:]|\.(?!\s[A-Z\u00c0-\u024f][\w'’\-]+[,.]))"  # not "Antonio J. Jimeno-Yepes,"
)
_NAME_WORD = re.compile(
    r"(?:[A-Z\u00c0-\u024f][\w'’\-]*\.?|(?:[A-Z]\.\s?-?){1,4}|van|von|de|der|den|da|di|du|la|le"
    r"|and|&|et|al\.?|Jr\.?|Sr\.?)$"
)


def _chunks_end(work: str, start: int, limit: int, vancouver: bool) -> int:
    """Where a comma-separated author list gives way to a title: the first chunk after a
    name with a lowercase word (not a particle) before any sentence end; `limit` when none."""
    at = start
    names = 0
    for piece in re.split(r"([,;])", work[start:limit]):
        if piece in (",", ";"):
            at += 1
            continue
        words = piece.split()
        head = re.split(r"[.:]\s", piece, maxsplit=1)[0].split()  # "Lau J. Any…" stops at "J"
        lower = [w for w in head if w[:1].islower() and _NAME_WORD.match(w) is None]
        if names and lower:
            return at
        if re.search(
            r"[a-z\u00df-\u024f]{2}[.:]\s" + (r"|\b[A-Z]{1,3}\.\s" if vancouver else ""), piece
        ):
            return limit  # a sentence ended inside the names: full stops decide from here
        if words and all(_NAME_WORD.match(w) for w in words) and len(words) <= 6:
            names += 1
        elif names >= 2 and "(" in piece:
            return at  # "…, Robert Craft, Memories and Commentaries (Berkeley, CA: …)"
        else:
            return limit
        at += len(piece)
    return limit


def _names_to(rest: str) -> bool:
    """Whether `rest` (what is left before the year) holds only a name or two."""
    words = rest.split()
    return 0 < len(words) <= 3 and all(
        _NAME_WORD.match(w.rstrip(",")) and (not w.endswith(".") or _is_initial(w[:-1]))
        for w in words
    )


def _given_first(authors: str) -> bool:
    """Whether names are printed given name first ("E. Braunwald", "Martin Krallinger")."""
    first = re.split(r",|\band\b|&", authors, maxsplit=1)[0].strip()
    words = first.split()
    if len(words) < 2 or len(words) > 4:
        return False
    if any(_is_initial(w) and not w.endswith(".") for w in words[1:]):
        return False  # "Porterfield SP. Thyroidal…": family, then initials
    if any(w.rstrip(".")[1:].isupper() and len(w.rstrip(".")) > 1 for w in words[1:]):
        return False
    if _is_initial(words[0].rstrip(".")) and words[0].endswith("."):
        return True
    last = words[-1].rstrip(".")
    return not _is_initial(last) and not _CORPORATE_WORDS.search(first)


def _is_initial(token: str) -> bool:
    """ "J", "JA", "J.-P" or "Ch": initials as Vancouver and APA print them."""
    core = token.replace(".", "").replace("-", "")
    return (
        0 < len(core) <= 3
        and core.isalpha()
        and core[0].isupper()
        and (core.isupper() or len(core) == 2)
    )


def _name_continues(after: str, then: str, before: str, given_first: bool, vancouver: bool) -> bool:
    """After an initial and a full stop: is the next token still part of the names?"""
    if not after:
        return False
    if after in ("&", "and", ";", ",") or after.startswith(("(", "[")):
        return True  # "Ayoun, R. ; Bencheikh, G."
    if after == "et" and then.startswith("al"):
        return True  # "Lin, C. Y. et al.": the list ends after "et al."
    if YEAR.match(after):
        return False
    bare = after.rstrip(".,;:")
    if _is_initial(bare) and after.endswith((".", ",", ";")):
        return True
    family = re.search(r"([\w'’\-]{2,})\s[A-Z]{1,3}$", before)
    if vancouver and family and family.group(1) not in ("and", "und", "et"):
        return False  # "Lau J. Any": family name then initials, the stop ends the list
    if bare.lower() in ("van", "von", "de", "der", "den", "da", "di", "du", "la", "le", "dos"):
        return True  # "D. H. van Hessem"
    if not bare[:1].isupper():
        return False
    # "E. Braunwald, R. L.", "Jeffrey A. Dalton, …", "S. Karaman and": a name goes on.
    return given_first or after.endswith((",", ";", ".")) or then in ("and", "&")


def _skip(work: str, pos: int) -> int:
    """Past separators: spaces and the punctuation between parts."""
    while pos < len(work) and work[pos] in " \t.,;:)":
        pos += 1
    return pos


def _title(ref: PrintedRef, work: str, pos: int, commas: bool) -> tuple[int, int]:
    """Set the title from `pos`; return where it starts and where what follows starts."""
    if pos >= len(work):
        return pos, pos
    if work[pos] in _QUOTES_OPEN:
        close = _QUOTES_CLOSE[work[pos]]
        end = work.find(close, pos + 1)
        if end < 0:
            end = len(work)
        ref.title = _clean(ref.printed, pos + 1, end)
        return -1, _skip(work, end + 1)
    end = _sentence_end(work, pos)
    place = _PLACE_PUBLISHER.search(work, pos, end)
    if place:
        # "Title (Vienna: Springer)": the book's place and publisher follow its title.
        ref.publisher = _clean(ref.printed, place.start(1), place.end(1))
        end = place.start()
    elif commas:
        # The title ends at the last comma before the journal and its numbers.
        numbers = pos + first_number(work[pos:end])
        while numbers > pos and work[numbers - 1] in " ,":
            numbers -= 1
        cut = work.rfind(", ", pos, numbers)
        if cut > pos:
            end = cut + 1
    ref.title = _clean(ref.printed, pos, end)
    return pos, _skip(work, place.end() if place else end)


def _sentence_end(work: str, pos: int) -> int:
    """The end of the sentence starting at `pos` (past its final mark)."""
    for m in re.finditer(r"[.?!]+(?=\s|$)", work[pos:]):
        at = pos + m.start()
        word = re.search(r"([\w'’\-]+)$", work[pos:at])
        token = word.group(1) if word else ""
        if m.group(0) == "." and token.lower() in _ABBREV:
            continue
        if m.group(0) == "." and len(token) == 1 and token.isupper() and token.isascii():
            # "P. falciparum", "J. Phys. Chem.": an initial; "Project I. Pers Soc": an end.
            nxt = re.match(r"\s+(\S+)", work[pos + m.end() : pos + m.end() + 40])
            following = nxt.group(1) if nxt else ""
            if (
                not following
                or following[:1].islower()
                or following.endswith(".")
                or (len(following.rstrip(",")) == 1)
            ):
                continue
        return pos + m.end()
    return len(work)


def _container(
    ref: PrintedRef, work: str, pos: int, year_at: tuple[int, int] | None, title_at: int
) -> None:
    """Journal or book, publisher, volume, issue, pages and the entry type, from `pos`.

    Between the title's first sentence and the numbers, the journal is the last sentence
    (with any one-word abbreviations before it: "J. Am. Chem. Soc."), or the one opening
    with "In"; sentences before it continue the title ("Structure of X. VI. Isomerization").
    """
    stop = first_number(work[pos:])
    if year_at is not None and pos <= year_at[0] < pos + stop:
        stop = year_at[0] - pos
    segment = work[pos : pos + stop]
    journal = has_volume(work[pos + stop :], ref.year)
    for pub in reversed(list(_PUBLISHER.finditer(segment + ";"))):
        before = segment[: pub.start()].rstrip()
        if not journal and (not before or before.endswith(".")):
            ref.publisher = _clean(ref.printed, pos + pub.start(2), pos + pub.end(2))
            segment = segment[: pub.start()]
        break
    spans = _sentences(segment)
    book = [k for k, (a, _) in enumerate(spans) if _IN.match(segment[a:])]
    pick = book[0] if book else len(spans) - 1
    while not book and pick > 0 and _abbreviated(segment[slice(*spans[pick - 1])]):
        pick -= 1
    in_book = False
    if spans:
        if pick > 0 and title_at >= 0:
            ref.title = _clean(ref.printed, title_at, pos + spans[pick - 1][1])
        a, b = spans[pick][0], spans[pick][1] if book else spans[-1][1]
        m = _IN.match(segment[a:])
        if m:
            in_book = True
            a += m.end()
        name = _clean(ref.printed, pos + a, pos + b)
        ref.container = name if name and not name[:1].isdigit() else ""
    if year_at is not None:
        a, b = year_at
        work = blank(work, a + 1, b - 1) if work[a] == "(" else blank(work, a, b)
    numbers(ref, work, pos + stop)
    ref.entry_type = _entry_type(ref, in_book)


def _abbreviated(sentence: str) -> bool:
    """A piece of an abbreviated journal name ("J. Phys.", "Proc.") or a lone word."""
    words = sentence.split()
    if len(words) == 1:
        return True
    capitals = all(w[:1].isupper() for w in words) and len(words) <= 4
    short = all(len(w.rstrip(".")) <= 7 for w in words)
    return capitals and (short or (words[-1].endswith(".") and len(words[-1]) <= 8))


def _sentences(segment: str) -> list[tuple[int, int]]:
    """Spans of the sentences of `segment` (without the spaces between them)."""
    spans = []
    at = 0
    while at < len(segment):
        while at < len(segment) and segment[at] in " \t,;":
            at += 1
        if at >= len(segment):
            break
        end = _sentence_end(segment, at)
        if segment[at:end].strip(" .,;:"):
            spans.append((at, end))
        at = end
    return spans


def _entry_type(ref: PrintedRef, in_book: bool) -> str:
    if in_book:
        proceedings = re.search(r"Proc|Conf|Workshop|Symposium|Meeting|^[A-Z\-]{2,}", ref.container)
        return "inproceedings" if proceedings else "incollection"
    if ref.container and (ref.volume or ref.pages):
        return "article"
    if ref.publisher:
        return "book"
    if ref.container:
        return "article"
    return "misc"
