"""The core's cross-checks and effect comparisons as styled Textual `Content`.

Like formatting.py, every piece of file data goes through `clean()` into plain `Content`, and
styles are added around it: a value in a sources file is never read as markup.
"""

from __future__ import annotations

from textual.content import Content

from peertui.core.analysis.crosscheck import (
    CI_METHODS,
    DIFFERS,
    EffectComparison,
    NumberCheck,
)
from peertui.core.analysis.marks import verdict, why_not_checked
from peertui.core.analysis.reflist import ListDifference
from peertui.core.analysis.verdicts import NOT_CHECKED
from peertui.core.labels import cited_label
from peertui.core.models import Claim, Corpus
from peertui.core.plural import plural
from peertui.core.sanitize import clean
from peertui.render.effect_text import difference_text, nnt_text, p_text, ratio_text
from peertui.tui.formatting import VERDICT_STYLES

#: Short names of the computed measures, as the pane lists them.
MEASURES = {
    "odds ratio": "OR",
    "risk ratio": "RR",
    "risk difference": "RD",
    "number needed to treat": "NNT",
    "p": "p",
}
Part = str | tuple[str, str]


def check_content(corpus: Corpus, check: NumberCheck, claim: Claim | None = None) -> Content:
    """ "sources: ≠ differs" and why; for a difference, each source value with its status.

    With nothing to compare against it says "not checked" and why, not a verdict. `claim` is
    the checked claim (by default the corpus's claim of that id).
    """
    claim = claim or corpus.claim(check.claim_id)
    if claim is None:
        return Content.styled(clean(check.explanation), "dim")
    mark, words = verdict(corpus, claim, check)
    style = VERDICT_STYLES.get(mark, "bold $text-muted")
    parts: list[Part] = [("sources: ", "dim"), (f"{mark} {words}", style)]
    if words == NOT_CHECKED:
        parts.append((f": {why_not_checked(corpus, claim)}", "dim"))
        return Content.assemble(*parts)
    if check.status != DIFFERS:
        parts.append(("  " + clean(check.explanation), "dim"))
        return Content.assemble(*parts)
    parts.append("\n" + clean(check.explanation))
    for cited in (*check.reported, *check.matches):
        fact = cited.fact
        value = " ".join(p for p in (fact.display_value, clean(fact.unit)) if p)
        where = " · ".join(
            clean(p)
            for p in (
                cited_label(corpus, cited.key),
                fact.status,
                fact.source or "no source",
            )
            + (("secondary source",) if fact.source_kind == "secondary" else ())
        )
        parts.append(("\n• ", "dim"))
        parts.append((value, "bold"))
        parts.append((f" · {where}", "dim"))
    return Content.assemble(*parts)


def list_difference_content(difference: ListDifference) -> Content:
    """A reference list item that names an author differently from the published record."""
    return Content.assemble(("≠ Reference list: ", "bold $error"), clean(difference.message))


def _heading(corpus: Corpus, comparison: EffectComparison) -> str:
    result = comparison.result
    outcome = corpus.outcome_label(result.outcome) if result.outcome else ""
    head = result.label or outcome or result.id
    when = f" ({result.timepoint})" if result.timepoint else ""
    return clean(f"{cited_label(corpus, comparison.key)} · {head}{when}")


def effect_content(corpus: Corpus, comparison: EffectComparison) -> Content:
    """A source result: its arms, the crude effects from its counts beside the reported
    estimate, the interval methods, and why computed and reported may differ."""
    parts: list[Part] = [(_heading(corpus, comparison), "bold")]
    for arm in comparison.result.arms:
        if arm.has_counts:
            share = 100 * (arm.events or 0) / (arm.total or 1)
            counts = f"{arm.events}/{arm.total} ({share:.1f}%)"
        else:
            counts = "no count" if arm.events is None else plural(arm.events, "event")
        parts.append(f"\n  {clean(arm.label)}: ")
        parts.append((counts, "bold $accent"))
    computed, reported = comparison.computed, comparison.reported
    if computed is not None:
        parts.append(("\nComputed from the counts, crude (95% CI)", "italic"))
        values = {
            "odds ratio": ratio_text(computed.odds_ratio),
            "risk ratio": ratio_text(computed.risk_ratio),
            "risk difference": difference_text(computed),
            "number needed to treat": nnt_text(computed),
            "p": f"{computed.p_value:.3f}",
        }
        measure = reported.measure.lower() if reported else ""
        for name, value in values.items():
            parts.append(f"\n  {MEASURES[name]:<4}")
            parts.append((value, "bold"))
            shown = ""
            if reported is not None and name == measure:
                shown = ratio_text(reported)
            elif reported is not None and name == "p" and reported.p is not None:
                shown = p_text(reported)
            if shown:
                parts.append(("\n      reported ", "$text-muted"))
                parts.append((shown, "bold $secondary"))
        methods = "; ".join(f"{MEASURES[name]}: {how}" for name, how in CI_METHODS.items())
        parts.append(("\nMethods: " + methods + ".", "dim"))
    parts.append(("\n" + clean(comparison.explanation), "dim italic"))
    return Content.assemble(*parts)
