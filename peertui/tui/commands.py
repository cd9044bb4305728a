"""Command palette provider: jump to any claim (id and text) or reference (label and title)."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, NamedTuple, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content, Span
from textual.fuzzy import Matcher

from peertui.tui.formatting import clean, shorten

if TYPE_CHECKING:
    from peertui.tui.app import PeerApp

#: How much of a claim or title the palette shows and fuzzy-matches.
SHOWN = 90
#: The score of a target whose every query word occurs past the shown part of its text.
WORDS_SCORE = 0.2


class Target(NamedTuple):
    """Something the palette can jump to."""

    text: str  # what the query is matched against
    help: str
    command: Callable[[], object]

    @property
    def shown(self) -> str:
        """The text cut to fit one palette line."""
        return shorten(self.text, SHOWN)


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

    async def discover(self) -> Hits:
        """With nothing typed: every claim and reference, in order."""
        for target in self._targets():
            yield DiscoveryHit(
                Content(target.shown), target.command, text=target.shown, help=target.help
            )

    async def search(self, query: str) -> Hits:
        """Fuzzy-match the query against what is shown; plain words against the whole text.

        Textual's fuzzy matcher is exponential in the candidate's length (a 300-character
        claim can take seconds), so it only sees the shown line; a query whose words all
        occur further on in a long claim still finds it, ranked below the fuzzy hits.
        """
        matcher = self.matcher(query)
        words = query.casefold().split()
        for target in self._targets():
            score = matcher.match(target.shown)
            if score > 0:
                prompt = _highlight(matcher, query, target.shown)
            elif words and all(word in target.text.casefold() for word in words):
                score, prompt = WORDS_SCORE, Content(target.shown)
            else:
                continue
            yield Hit(score, prompt, target.command, text=target.shown, help=target.help)


def _highlight(matcher: Matcher, query: str, shown: str) -> Content:
    """`shown` with the matched characters styled, never parsed as markup.

    `Matcher.highlight` reads its candidate as markup, which data must never be.
    """
    _, offsets = matcher.fuzzy_search.match(query, shown)
    spans = [Span(i, i + 1, matcher.match_style) for i in offsets if not shown[i].isspace()]
    return Content(shown, spans=spans)
