"""Command palette provider: jump to any claim (id and text) or reference (label and title)."""

from __future__ import annotations

import asyncio
import re
import weakref
from bisect import bisect_right
from collections.abc import Callable, Iterator
from functools import partial
from typing import TYPE_CHECKING, NamedTuple, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content, Span
from textual.fuzzy import Matcher

from peertui.core.sanitize import clean, shorten

if TYPE_CHECKING:
    from peertui.tui.app import PeerApp

#: How much of a claim or title the palette shows and fuzzy-matches.
SHOWN = 90
#: The score of a target whose every query word occurs past the shown part of its text.
WORDS_SCORE = 0.2
#: At most this many hits per query, and entries listed with nothing typed: the palette sorts
#: and re-lists every hit it gets, which at 100,000 entries takes longer than typing.
LIMIT = 100


class Target(NamedTuple):
    """Something the palette can jump to."""

    text: str  # what the query is matched against
    help: str
    command: Callable[[], object]

    @property
    def shown(self) -> str:
        """The text cut to fit one palette line."""
        return shorten(self.text, SHOWN)


class Targets:
    """Every target once, with its shown and whole text lower-cased and joined on newlines, so
    finding candidates is a few C-level scans instead of a Python loop over every entry."""

    def __init__(self, targets: list[Target]) -> None:
        self.targets = targets
        self.shown = "\n".join(t.shown.lower() for t in targets)
        self.text = "\n".join(t.text.lower().replace("\n", " ") for t in targets)
        self._starts = _line_starts(self.shown)
        self._text_starts = _line_starts(self.text)

    def substring(self, needle: str) -> Iterator[int]:
        """Targets whose shown text holds `needle`, in order."""
        yield from _lines_with(self.shown, self._starts, needle)

    def subsequence(self, query: str) -> Iterator[int]:
        """Targets whose shown text holds the query's characters in order (as the matcher)."""
        # Each step skips to the next wanted character and never backtracks.
        pattern = "".join(f"[^{re.escape(c)}\n]*+{re.escape(c)}" for c in query)
        last = -1
        for match in re.finditer(pattern, self.shown):
            line = bisect_right(self._starts, match.start()) - 1
            if line != last:
                last = line
                yield line

    def words(self, words: list[str]) -> Iterator[int]:
        """Targets whose whole text holds every word."""
        longest = max(words, key=len)
        last = -1
        for line in _lines_with(self.text, self._text_starts, longest):
            if line != last:
                last = line
                start = self._text_starts[line]
                end = self.text.find("\n", start)
                whole = self.text[start : end if end >= 0 else len(self.text)]
                if all(word in whole for word in words):
                    yield line


def _line_starts(text: str) -> list[int]:
    return [0, *(m.end() for m in re.finditer("\n", text))]


def _lines_with(text: str, starts: list[int], needle: str) -> Iterator[int]:
    last = -1
    index = text.find(needle)
    while index >= 0:
        line = bisect_right(starts, index) - 1
        if line != last:
            last = line
            yield line
        index = text.find(needle, index + 1)


#: The targets of each app, made on the palette's first use (the corpus never changes).
_CACHE: weakref.WeakKeyDictionary[object, Targets] = weakref.WeakKeyDictionary()


class JumpProvider(Provider):
    """Every claim and reference as a palette command that shows it."""

    @property
    def peer(self) -> PeerApp:
        """The app, typed."""
        return cast("PeerApp", self.app)

    def _targets(self) -> list[Target]:
        peer = self.peer
        targets = [
            Target(
                f"Claim {clean(claim.id)}: {clean(claim.text)}",
                "Show this claim",
                partial(peer.show_claim, claim.id),
            )
            for claim in peer.corpus.claims
        ]
        targets += [
            Target(
                f"Reference {clean(ref.short)}: {clean(ref.title)}",
                "Show this reference",
                partial(peer.show_reference, ref.key),
            )
            for ref in peer.corpus.references
        ]
        return targets

    def _cached(self) -> Targets:
        cached = _CACHE.get(self.app)
        if cached is None:
            cached = _CACHE[self.app] = Targets(self._targets())
        return cached

    async def startup(self) -> None:
        """Make the targets in a thread when the palette opens, not on the first keystroke."""
        await asyncio.to_thread(self._cached)

    async def discover(self) -> Hits:
        """With nothing typed: the first claims and references, in order."""
        for target in self._cached().targets[:LIMIT]:
            yield DiscoveryHit(
                Content(target.shown), target.command, text=target.shown, help=target.help
            )

    async def search(self, query: str) -> Hits:
        """Fuzzy-match the query against what is shown; plain words against the whole text.

        Textual's fuzzy matcher is exponential in the candidate's length (a 300-character
        claim can take seconds), so it only sees the shown line; a query whose words all
        occur further on in a long claim still finds it, ranked below the fuzzy hits.
        """
        cached = self._cached()
        matcher = self.matcher(query)
        lowered = query.lower()
        words = lowered.split()
        if not lowered:
            return
        found: dict[int, float] = {}
        # Best first: the query as typed, then its characters in order (the matcher's rule).
        for lines in (cached.substring(lowered), cached.subsequence(lowered)):
            for line in lines:
                if len(found) >= LIMIT:
                    break
                if line not in found:
                    found[line] = 0.0
        fuzzy = set(found)
        for line in cached.words(words) if words else ():
            if len(found) >= 2 * LIMIT:
                break
            found.setdefault(line, WORDS_SCORE)
        for count, line in enumerate(found):
            target = cached.targets[line]
            score = matcher.match(target.shown) if line in fuzzy else 0.0
            if score > 0:
                prompt = _highlight(matcher, query, target.shown)
            else:
                score, prompt = WORDS_SCORE, Content(target.shown)
            yield Hit(score, prompt, target.command, text=target.shown, help=target.help)
            if count % 20 == 19:
                await asyncio.sleep(0)  # let a newer keystroke in


def _highlight(matcher: Matcher, query: str, shown: str) -> Content:
    """`shown` with the matched characters styled, never parsed as markup.

    `Matcher.highlight` reads its candidate as markup, which data must never be.
    """
    _, offsets = matcher.fuzzy_search.match(query, shown)
    spans = [Span(i, i + 1, matcher.match_style) for i in offsets if not shown[i].isspace()]
    return Content(shown, spans=spans)
