"""A claim and a reference as Rich text, with their links: what `peertui show` prints."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text

from peertui.core.labels import cited_label
from peertui.core.models import Claim, Corpus, Reference
from peertui.core.sanitize import shown_key
from peertui.render.direction import direction_label
from peertui.render.text import plain

if TYPE_CHECKING:
    from peertui.core.analysis.crosscheck import NumberCheck


def render_claim(corpus: Corpus, claim: Claim) -> Text:
    """A claim, its references, numbers and outcomes as plain Rich text."""
    out = Text()
    out.append(f"{claim.id}", style="bold")
    out.append_text(plain(f"  {claim.kind or 'claim'} · {claim.section}".rstrip(" ·")))
    out.append("\n")
    out.append_text(plain(claim.text))
    out.append("\n\nReferences")
    if claim.cited_by_context:
        out.append(" (cited by context: the sentence has no marker)", style="dim")
    out.append("\n")
    for key in claim.cites:
        ref = corpus.reference(key)
        number = f"[{ref.number}] " if ref and ref.number is not None else ""
        label = f"{number}{ref.short} — {ref.title}" if ref else f"{shown_key(key)} (missing)"
        out.append_text(plain(f"  {label}\n"))
    if claim.numbers:
        from peertui.core.analysis.verdicts import NOT_CHECKED, claim_verdicts

        out.append("Numbers (each checked against what the cited sources report)\n")
        for check, said in claim_verdicts(corpus, claim):
            n = check.number
            out.append_text(plain(f"  {n.display_value} {n.unit} ({n.role}) — “{n.quote}”\n"))
            out.append("    sources: ", style="dim")
            out.append_text(plain(said, "yellow" if said.startswith("differs") else ""))
            why = "" if said == NOT_CHECKED else f" — {check.explanation}"
            out.append_text(plain(f"{why}\n"))
            if said.startswith("differs"):
                out.append_text(_source_facts(corpus, check))
    if claim.outcomes:
        out.append("Outcomes\n")
        for o in claim.outcomes:
            when = ", ".join(o.timepoints) or "timepoint not stated"
            study = corpus.study(o.study)
            where = study.label if study else o.study
            direction = direction_label(o.direction, o.id)
            out.append_text(plain(f"  {corpus.outcome_label(o.id)}: {direction} @ {when}"))
            out.append_text(plain(f" vs {o.comparator}" if o.comparator else ""))
            out.append_text(plain(f" ({where})\n" if where else "\n"))
    if claim.notes:
        out.append_text(plain(f"Notes: {claim.notes}\n"))
    return out


def _source_facts(corpus: Corpus, check: NumberCheck) -> Text:
    """Each source fact a differing number was compared with: value, reference, status, where
    it was seen, and whether that is a secondary source (a copy or report of the record)."""
    from peertui.core.analysis.verdicts import source_text

    out = Text()
    for cited in (*check.reported, *check.matches):
        fact = cited.fact
        value = " ".join(p for p in (fact.display_value, fact.unit) if p)
        where = source_text(fact.status, fact.source or "no source", fact.source_kind)
        out.append_text(plain(f"      • {value} · {cited_label(corpus, cited.key)} · {where}\n"))
    return out


def render_reference(corpus: Corpus, ref: Reference) -> Text:
    """A reference: its formatted citation (unconfirmed fields tagged), its record with
    unverified fields marked, and the claims citing it."""
    from peertui.core.citation import citation_text

    out = Text()
    out.append(f"[{ref.number}] " if ref.number else "", style="bold")
    out.append_text(plain(f"{shown_key(ref.key)}\n"))
    cited = citation_text(ref, tags=True)
    if cited:
        out.append_text(plain(f"{cited}\n"))
    rows = [
        ("authors", "; ".join(ref.authors)),
        ("title", ref.title),
        ("journal", ref.journal),
        ("year", ref.year),
        ("volume", ref.volume),
        ("issue", ref.issue),
        ("pages", ref.pages),
        ("doi", ref.doi),
        *sorted(ref.extra.items()),
    ]
    for name, value in rows:
        if not value:
            continue
        out.append(f"  {name:<20}", style="dim")
        out.append_text(plain(value))
        if name in ref.unverified:
            out.append("  (unverified)", style="yellow")
        out.append("\n")
    citing = corpus.claims_citing(ref.key)
    out.append_text(plain(f"cited by: {', '.join(c.id for c in citing) or 'no claim'}\n"))
    return out
