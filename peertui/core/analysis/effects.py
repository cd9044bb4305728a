"""Effect measures from 2×2 counts: risk ratio, odds ratio, risk difference and NNT, with 95% CIs.

Hand-written on purpose: the formulas are short and standard, and importing SciPy for them would
add a large dependency and hundreds of milliseconds to every start. Methods:

- risk ratio: log (Katz) interval, SE(ln RR) = sqrt(1/a - 1/n1 + 1/c - 1/n2);
- odds ratio: logit (Woolf) interval, SE(ln OR) = sqrt(1/a + 1/b + 1/c + 1/d);
- risk difference: Newcombe's hybrid score interval (method 10, from two Wilson intervals),
  which keeps its coverage near 95% for small or extreme proportions where the Wald interval fails;
- NNT = 1 / |risk difference|, its interval from inverting the risk-difference interval (Altman);
  when that interval spans 0 the NNT interval runs through infinity (benefit to harm);
- p: two-sided, Pearson's chi-square test without continuity correction (equal to the score test).

A cell of zero gets 0.5 added to every cell for the ratio measures (Haldane-Anscombe).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from statistics import NormalDist

Z95 = NormalDist().inv_cdf(0.975)


@dataclass(frozen=True, slots=True)
class Estimate:
    """A point estimate with its 95% confidence interval."""

    value: float
    low: float
    high: float


@dataclass(frozen=True, slots=True)
class Effects:
    """Every measure for one comparison: arm 1 (intervention) against arm 2 (control)."""

    events1: int
    total1: int
    events2: int
    total2: int
    risk1: float
    risk2: float
    risk_ratio: Estimate
    odds_ratio: Estimate
    risk_difference: Estimate
    nnt: float  # positive: number needed to treat for one fewer event in arm 1 than arm 2
    nnt_low: float  # interval bounds of the NNT; inf where the RD interval reaches 0
    nnt_high: float
    nnt_spans_zero: bool  # the RD interval includes 0: the NNT interval runs through infinity
    p_value: float


def wilson(events: int, total: int, z: float = Z95) -> tuple[float, float]:
    """Wilson score interval for a single proportion."""
    if total <= 0:
        raise ValueError("total must be positive")
    p = events / total
    centre = p + z * z / (2 * total)
    spread = z * math.sqrt(p * (1 - p) / total + z * z / (4 * total * total))
    denominator = 1 + z * z / total
    return (centre - spread) / denominator, (centre + spread) / denominator


def newcombe_difference(e1: int, n1: int, e2: int, n2: int, z: float = Z95) -> Estimate:
    """Risk difference p1 - p2 with Newcombe's hybrid score interval (method 10)."""
    p1, p2 = e1 / n1, e2 / n2
    l1, u1 = wilson(e1, n1, z)
    l2, u2 = wilson(e2, n2, z)
    diff = p1 - p2
    low = diff - math.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2)
    high = diff + math.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2)
    return Estimate(diff, low, high)


def _log_interval(estimate: float, se: float, z: float) -> Estimate:
    log = math.log(estimate)
    return Estimate(estimate, math.exp(log - z * se), math.exp(log + z * se))


def risk_ratio(e1: int, n1: int, e2: int, n2: int, z: float = Z95) -> Estimate:
    """Risk ratio with the log (Katz) interval."""
    a, c, n1f, n2f = _corrected(e1, n1, e2, n2)
    se = math.sqrt(1 / a - 1 / n1f + 1 / c - 1 / n2f)
    return _log_interval((a / n1f) / (c / n2f), se, z)


def odds_ratio(e1: int, n1: int, e2: int, n2: int, z: float = Z95) -> Estimate:
    """Odds ratio with the logit (Woolf) interval."""
    a, c, n1f, n2f = _corrected(e1, n1, e2, n2)
    b, d = n1f - a, n2f - c
    se = math.sqrt(1 / a + 1 / b + 1 / c + 1 / d)
    return _log_interval((a * d) / (b * c), se, z)


def _corrected(e1: int, n1: int, e2: int, n2: int) -> tuple[float, float, float, float]:
    """Counts with 0.5 added to every cell when any cell is zero."""
    if 0 in (e1, n1 - e1, e2, n2 - e2):
        return e1 + 0.5, e2 + 0.5, n1 + 1.0, n2 + 1.0
    return float(e1), float(e2), float(n1), float(n2)


def chi_square_p(e1: int, n1: int, e2: int, n2: int) -> float:
    """Two-sided p of Pearson's chi-square test for a 2×2 table, no continuity correction."""
    pooled = (e1 + e2) / (n1 + n2)
    if pooled in (0.0, 1.0):
        return 1.0
    se = math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
    z = abs(e1 / n1 - e2 / n2) / se
    return 2 * (1 - NormalDist().cdf(z))


def compute(e1: int, n1: int, e2: int, n2: int) -> Effects:
    """Every measure for events/total in arm 1 against arm 2."""
    for name, events, total in (("arm 1", e1, n1), ("arm 2", e2, n2)):
        if total <= 0 or not 0 <= events <= total:
            raise ValueError(f"{name}: events must be between 0 and a positive total")
    rd = newcombe_difference(e1, n1, e2, n2)
    # NNT counts people treated per event avoided: positive when arm 1 has fewer events.
    nnt = math.inf if rd.value == 0 else -1 / rd.value
    spans = rd.low <= 0 <= rd.high
    bounds = sorted(-1 / b if b else math.inf for b in (rd.low, rd.high))
    return Effects(
        events1=e1,
        total1=n1,
        events2=e2,
        total2=n2,
        risk1=e1 / n1,
        risk2=e2 / n2,
        risk_ratio=risk_ratio(e1, n1, e2, n2),
        odds_ratio=odds_ratio(e1, n1, e2, n2),
        risk_difference=rd,
        nnt=nnt,
        nnt_low=bounds[0],
        nnt_high=bounds[1],
        nnt_spans_zero=spans,
        p_value=chi_square_p(e1, n1, e2, n2),
    )
