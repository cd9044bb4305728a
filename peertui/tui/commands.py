"""Command palette provider: jump to any claim (id and text) or reference (label and title)."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content, Span
from textual.fuzzy import Matcher

from peertui.tui.formatting import clean, shorten

if TYPE_CHECKING:
    from peertui.tui.app import PeerApp


class JumpProvider(Provider):
    """Every claim and reference as a palette command that shows it."""

    @property
    def peer(self) -> PeerApp:
        """The app, typed."""
        return cast("PeerApp", self.app)

    def _targets(self) -> list[tuple[str, str, Callable[[], object]]]:
        """(text to match, help line, what to run) for every claim and reference."""
        peer = self.peer
        targets: list[tuple[str, str, Callable[[], object]]] = []
        for claim in peer.corpus.claims:
            text = f"Claim {clean(claim.id)}: {shorten(claim.text, 80)}"
            targets.append((text, "Show this claim", partial(peer.show_claim, claim.id)))
        for ref in peer.corpus.references:
            text = f"Reference {clean(ref.short)}: {shorten(ref.title, 70)}"
            targets.append((text, "Show this reference", partial(peer.show_reference, ref.key)))
        return targets

    async def discover(self) -> Hits:
        """With nothing typed: every claim and reference, in order."""
        for text, help_text, command in self._targets():
            yield DiscoveryHit(Content(text), command, text=text, help=help_text)

    async def search(self, query: str) -> Hits:
        """Fuzzy-match the query against each target's text."""
        matcher = self.matcher(query)
        for text, help_text, command in self._targets():
            score = matcher.match(text)
            if score > 0:
                yield Hit(
                    score, _highlight(matcher, query, text), command, text=text, help=help_text
                )


def _highlight(matcher: Matcher, query: str, text: str) -> Content:
    """The text with matched characters styled, never parsed as markup.

    `Matcher.highlight` reads its candidate as markup, which data must never be.
    """
    _, offsets = matcher.fuzzy_search.match(query, text)
    spans = [Span(i, i + 1, matcher.match_style) for i in offsets if not text[i].isspace()]
    return Content(text, spans=spans)
