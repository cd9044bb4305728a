"""The article against its sources: each claim number, the reference list, reported effects.

A number in a claim is compared with what the references it cites report for the same kind of
quantity (its role): it agrees, differs, or is not reported. A reference list item is compared
with the published author list. What differs is a *finding* about the article: `check` prints
findings, and they never make it fail.
"""

from __future__ import annotations

from dataclasses import dataclass

from peertui.core.analysis.effects import Effects, Estimate, compute
from peertui.core.analysis.extract import UNIT_FORMS
from peertui.core.analysis.reflist import article_forms, reference_list_differences
from peertui.core.analysis.verify import display_path
from peertui.core.bundle.sources import all_results, cited_facts
from peertui.core.labels import cited_label
from peertui.core.models import (
    Claim,
    Corpus,
    NumberFact,
    Problem,
    ReportedEstimate,
    SourceFact,
    SourceResult,
    format_number,
)
from peertui.core.suggest import did_you_mean

__all__ = [
    "AGREES",
    "CI_METHODS",
    "DIFFERS",
    "NOT_REPORTED",
    "CitedFact",
    "EffectComparison",
    "NumberCheck",
    "check_number",
    "check_numbers",
    "compare_effects",
    "cross_check",
    "findings",
    "number_checks_by_claim",
    "source_problems",
]

AGREES, DIFFERS, NOT_REPORTED = "agrees", "differs", "not reported"

#: A claim's role -> the source roles it is compared with (a "timepoint" is a follow-up time).
COMPARABLE_ROLES: dict[str, frozenset[str]] = {
    "timepoint": frozenset({"timepoint", "follow-up"}),
    "follow-up": frozenset({"timepoint", "follow-up"}),
}
#: Units that measure time: two values in them agree only in the same unit.
TIME_UNITS = frozenset({"year", "month", "week", "day", "hour", "minute", "second", "decade"})

#: How each computed measure's 95% interval is made (see peertui.core.analysis.effects).
CI_METHODS: dict[str, str] = {
    "odds ratio": "logit (Woolf) interval",
    "risk ratio": "log (Katz) interval",
    "risk difference": "Newcombe's hybrid score interval (method 10)",
    "number needed to treat": "the inverted risk-difference interval (Altman)",
    "p": "Pearson's chi-square test without continuity correction",
}


@dataclass(frozen=True, slots=True)
class CitedFact:
    """A source fact and the cited reference it belongs to."""

    key: str
    fact: SourceFact


@dataclass(frozen=True, slots=True)
class NumberCheck:
    """One claim number against its cited sources: status, what they report, and why."""

    claim_id: str
    index: int  # position in the claim's numbers
    number: NumberFact
    status: str  # AGREES | DIFFERS | NOT_REPORTED
    #: Facts of a comparable role from the cited references.
    reported: tuple[CitedFact, ...]
    #: Facts of another role whose value equals the claim's (555 = the registry enrollment).
    matches: tuple[CitedFact, ...]
    explanation: str


@dataclass(frozen=True, slots=True)
class EffectComparison:
    """A source's result: effects computed from its counts beside the estimate it reports."""

    key: str
    result: SourceResult
    study_id: str
    claim_ids: tuple[str, ...]
    computed: Effects | None  # None when the arms lack events or totals
    reported: ReportedEstimate | None
    #: The computed estimate of the measure the source reports, when counts give it.
    computed_as_reported: Estimate | None
    explanation: str


# --- numbers --------------------------------------------------------------------------------


def _unit(unit: str) -> str:
    return UNIT_FORMS.get(unit.lower(), unit.lower())


def _same_quantity(number: NumberFact, fact: SourceFact) -> bool:
    """Equal values in compatible units: time units must match, counts of anything may."""
    if abs(number.value - fact.value) > 1e-9:
        return False
    a, b = _unit(number.unit), _unit(fact.unit)
    return a == b or not (a in TIME_UNITS or b in TIME_UNITS) or not (a and b)


def _phrase(corpus: Corpus, cited: CitedFact) -> str:
    fact = cited.fact
    text = " ".join(p for p in (fact.display_value, fact.unit) if p)
    if fact.label:
        text += f" ({fact.label})"
    if not fact.verified:
        text += " [unverified]"
    if fact.source_kind == "secondary":
        text += " [secondary source]"
    return f"{text}, {cited_label(corpus, cited.key)}"


def check_number(corpus: Corpus, claim: Claim, index: int) -> NumberCheck:
    """Compare the claim's `index`-th number with what its cited references report."""
    number = claim.numbers[index]
    roles = COMPARABLE_ROLES.get(number.role, frozenset({number.role}))
    facts = [CitedFact(k, f) for k, f in cited_facts(corpus, claim.cites)]
    reported = tuple(c for c in facts if c.fact.role in roles)
    equal = [c for c in reported if _same_quantity(number, c.fact)]
    matches = tuple(c for c in facts if c not in reported and _same_quantity(number, c.fact))

    def made(status: str, explanation: str) -> NumberCheck:
        return NumberCheck(claim.id, index, number, status, reported, matches, explanation)

    if not claim.cites:
        return made(NOT_REPORTED, "The claim cites no reference to compare with.")
    if not any(corpus.source(key) for key in claim.cites):
        return made(NOT_REPORTED, "No source facts are recorded for the cited references.")
    also = ""
    if matches:
        named = "; the ".join(
            f"{c.fact.label or c.fact.role} ({cited_label(corpus, c.key)})" for c in matches
        )
        also = f" {number.display_value} is the {named}."
    if equal:
        text = "Reported as " + "; ".join(_phrase(corpus, c) for c in equal) + "."
        others = [c for c in reported if c not in equal]
        if others:
            text += " The cited sources also report " + "; ".join(
                _phrase(corpus, c) for c in others
            )
            text += "."
        return made(AGREES, text)
    if reported:
        values = sorted({c.fact.display_value for c in reported}, key=float)
        text = f"The cited sources report {' or '.join(values)}, not {number.display_value}: "
        text += "; ".join(_phrase(corpus, c) for c in reported) + "." + also
        return made(DIFFERS, text)
    role = number.role or "quantity"
    return made(NOT_REPORTED, f"The cited sources record no {role}." + also)


def check_numbers(corpus: Corpus) -> list[NumberCheck]:
    """Every claim number's cross-check, in claim order."""
    return [check_number(corpus, c, i) for c in corpus.claims for i in range(len(c.numbers))]


def number_checks_by_claim(corpus: Corpus) -> dict[str, list[NumberCheck]]:
    """The cross-checks of each claim's numbers, by claim id (for views showing one claim)."""
    found: dict[str, list[NumberCheck]] = {c.id: [] for c in corpus.claims}
    for check in check_numbers(corpus):
        found[check.claim_id].append(check)
    return found


# --- reported effects -----------------------------------------------------------------------


def _computed_measure(effects: Effects, measure: str) -> Estimate | None:
    return {
        "odds ratio": effects.odds_ratio,
        "risk ratio": effects.risk_ratio,
        "relative risk": effects.risk_ratio,
        "risk difference": effects.risk_difference,
    }.get(measure.lower())


def _interval(estimate: Estimate | ReportedEstimate) -> str:
    value = f"{estimate.value:.2f}"
    if estimate.low is None or estimate.high is None:
        return value
    return f"{value} (95% CI {estimate.low:.2f}–{estimate.high:.2f})"


def _p(reported: ReportedEstimate) -> str:
    if reported.p is None:
        return ""
    return f", p {reported.p_relation} {format_number(reported.p)}"


def _effect_explanation(
    result: SourceResult, computed: Effects | None, same: Estimate | None
) -> str:
    reported = result.reported
    if computed is None:
        if len(result.arms) == 2:
            text = "The source gives events but not the total of each arm: nothing is computed."
        else:
            text = "The source gives no counts for two arms, so nothing is computed."
        if reported is not None:
            text += f" It reports: {reported.measure} {_interval(reported)}{_p(reported)}."
        return text
    e1, n1, e2, n2 = result.counts or (0, 0, 0, 0)
    text = (
        f"Computed from the counts {e1}/{n1} vs {e2}/{n2} as a crude (unadjusted) 2×2 "
        f"comparison: odds ratio {_interval(computed.odds_ratio)} by the "
        f"{CI_METHODS['odds ratio']}, p = {computed.p_value:.3f} by "
        f"{CI_METHODS['p']}."
    )
    if reported is None:
        return text
    text += f" The source reports {reported.measure} {_interval(reported)}{_p(reported)}"
    if same is None:
        return text + ", which counts alone cannot give; it is shown as reported."
    return text + (
        " from its own analysis model, which may be adjusted for covariates; the sources file "
        "does not record which. An adjusted estimate (and a model-based interval) need not "
        "equal the crude one from the counts, so small differences are expected."
    )


def _drawn_from(corpus: Corpus, claim: Claim, result: SourceResult) -> bool:
    """Whether the figure whose caption is `claim` is redrawn from `result`."""
    from peertui.core.analysis.figure import figure_for

    figure = figure_for(corpus, claim)
    return figure is not None and figure.result is result


def compare_effects(corpus: Corpus) -> list[EffectComparison]:
    """Every source result with arms or a reported estimate, computed beside reported."""
    comparisons: list[EffectComparison] = []
    for key, result in all_results(corpus):
        if not result.arms and result.reported is None:
            continue
        counts = result.counts
        computed = compute(*counts) if counts is not None else None
        same = None
        if computed is not None and result.reported is not None:
            same = _computed_measure(computed, result.reported.measure)
        study = next((s.id for s in corpus.studies if key in s.refs), "")
        claims = tuple(
            c.id
            for c in corpus.claims_citing(key)
            if (result.outcome and any(o.id == result.outcome for o in c.outcomes))
            or (c.kind == "figure" and _drawn_from(corpus, c, result))
        )
        comparisons.append(
            EffectComparison(
                key,
                result,
                study,
                claims,
                computed,
                result.reported,
                same,
                _effect_explanation(result, computed, same),
            )
        )
    return comparisons


# --- problems and findings ------------------------------------------------------------------


def source_problems(corpus: Corpus) -> list[Problem]:
    """What in the sources file does not fit the rest of the bundle (errors and warnings)."""
    if not corpus.sources:
        return []
    file = display_path(corpus.paths.get("sources"), "sources.yaml")
    problems: list[Problem] = []
    for key, report in corpus.sources.items():
        if corpus.reference(key) is None:
            meant = did_you_mean(key, (ref.key for ref in corpus.references))
            problems.append(
                Problem(file, report.line, f"sources: '{key}' is not in the bib{meant}")
            )
        for result in report.results:
            if result.outcome and result.outcome not in corpus.vocabulary:
                problems.append(
                    Problem(
                        file,
                        result.line,
                        f"sources: outcome '{result.outcome}' of '{key}' is not in the vocabulary",
                        "warning",
                    )
                )
    return problems


def findings(corpus: Corpus) -> list[Problem]:
    """Facts about the article, severity "finding": numbers its sources contradict, and
    reference list items that differ from the published record."""
    claims_file = display_path(corpus.paths.get("claims"), "claims.yaml")
    found: list[Problem] = []
    for check in check_numbers(corpus):
        if check.status != DIFFERS:
            continue
        number = check.number
        claim = corpus.claim(check.claim_id)
        shown = " ".join(p for p in (number.display_value, number.unit) if p)
        values = sorted({c.fact.display_value for c in check.reported}, key=float)
        message = (
            f"claim {check.claim_id} states {shown} ({number.role or 'quantity'}), but its "
            f"cited sources report {' or '.join(values)}"
        )
        if check.matches:
            labels = dict.fromkeys(c.fact.label or c.fact.role for c in check.matches)
            message += f"; {number.display_value} is the " + " and the ".join(labels)
        line = number.line or (claim.line if claim else None)
        found.append(Problem(claims_file, line, message, "finding"))
    from_article = {key: is_article for key, _, _, is_article in article_forms(corpus)}
    for difference in reference_list_differences(corpus):
        ref = corpus.reference(difference.key)
        if from_article.get(difference.key):
            where = display_path(corpus.paths.get("article"), "article.md")
            line = None
        else:
            where = display_path(corpus.paths.get("bib"), "references.bib")
            line = ref.line if ref else None
        found.append(Problem(where, line, difference.message, "finding"))
    return found


def cross_check(corpus: Corpus) -> list[Problem]:
    """The sources file's own problems, then every finding: what `check` adds to verify()."""
    return [*source_problems(corpus), *findings(corpus)]
