"""Effect measures against published worked examples and hand arithmetic."""

from __future__ import annotations

import math

import pytest

from peertui.core.analysis.effects import (
    compute,
    newcombe_difference,
    odds_ratio,
    risk_ratio,
    wilson,
)


def close(a: float, b: float, places: int = 4) -> bool:
    return round(a, places) == round(b, places)


@pytest.mark.parametrize(
    ("events", "total", "low", "high"),
    [(81, 263, 0.2553, 0.3662), (15, 148, 0.0624, 0.1605), (0, 20, 0.0, 0.1611)],
)
def test_wilson_matches_newcombe_1998_single_proportion(
    events: int, total: int, low: float, high: float
) -> None:
    """Newcombe (1998, Stat Med 17:857), method 3 examples."""
    lo, hi = wilson(events, total)
    assert close(lo, low) and close(hi, high)


@pytest.mark.parametrize(
    ("counts", "low", "high"),
    [((56, 70, 48, 80), 0.0524, 0.3339), ((9, 10, 3, 10), 0.1705, 0.8090)],
)
def test_risk_difference_matches_newcombe_1998_method_10(
    counts: tuple[int, int, int, int], low: float, high: float
) -> None:
    """Newcombe (1998, Stat Med 17:873), method 10 examples."""
    rd = newcombe_difference(*counts)
    assert close(rd.low, low) and close(rd.high, high)


def test_odds_ratio_woolf_by_hand() -> None:
    # 64/218 vs 83/216: OR = 64*133 / (154*83); SE = sqrt(1/64 + 1/154 + 1/83 + 1/133)
    est = odds_ratio(64, 218, 83, 216)
    se = math.sqrt(1 / 64 + 1 / 154 + 1 / 83 + 1 / 133)
    assert est.value == pytest.approx(8512 / 12782)
    assert est.low == pytest.approx(est.value * math.exp(-1.959964 * se), rel=1e-6)
    assert est.high == pytest.approx(est.value * math.exp(1.959964 * se), rel=1e-6)


def test_risk_ratio_katz_by_hand() -> None:
    est = risk_ratio(64, 218, 83, 216)
    se = math.sqrt(1 / 64 - 1 / 218 + 1 / 83 - 1 / 216)
    assert est.value == pytest.approx((64 / 218) / (83 / 216))
    assert est.low == pytest.approx(est.value * math.exp(-1.959964 * se), rel=1e-6)


def test_core_trial_readmission() -> None:
    """The CORE trial's one-year readmission counts (intervention 64/218, control 83/216)."""
    fx = compute(64, 218, 83, 216)
    assert close(fx.odds_ratio.value, 0.6659) and close(fx.odds_ratio.low, 0.4463)
    assert close(fx.odds_ratio.high, 0.9936)
    assert close(fx.risk_ratio.value, 0.7640)
    assert close(fx.risk_difference.value, -0.0907)
    assert fx.nnt == pytest.approx(11.03, abs=0.01)
    assert not fx.nnt_spans_zero and fx.nnt_low < fx.nnt < fx.nnt_high
    assert 0.04 < fx.p_value < 0.05


def test_nnt_interval_through_infinity_when_difference_spans_zero() -> None:
    fx = compute(10, 100, 12, 100)
    assert fx.nnt_spans_zero
    assert fx.nnt_low < 0 < fx.nnt_high


def test_zero_cell_uses_haldane_correction() -> None:
    est = odds_ratio(0, 10, 5, 10)
    assert est.value == pytest.approx((0.5 * 5.5) / (10.5 * 5.5))
    assert math.isfinite(est.low) and math.isfinite(est.high)


@pytest.mark.parametrize("counts", [(5, 0, 1, 10), (11, 10, 1, 10), (-1, 10, 1, 10)])
def test_bad_counts_raise(counts: tuple[int, int, int, int]) -> None:
    with pytest.raises(ValueError, match="events must be between 0"):
        compute(*counts)
