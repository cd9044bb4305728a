"""Effect estimates as short text, the same on the command line and in the app."""

from __future__ import annotations

from peertui.core.analysis.effects import Effects, Estimate
from peertui.core.models import ReportedEstimate, format_number


def decimals(*values: float | None) -> int:
    """Two decimals, or three where two would round a value other than 1 to exactly 1.00."""
    near_one = any(v is not None and v != 1 and round(v, 2) == 1 for v in values)
    return 3 if near_one else 2


def ratio_text(estimate: Estimate | ReportedEstimate) -> str:
    """ "0.67 (0.45–0.99)"."""
    places = decimals(estimate.value, estimate.low, estimate.high)
    text = f"{estimate.value:.{places}f}"
    if estimate.low is not None and estimate.high is not None:
        text += f" ({estimate.low:.{places}f}–{estimate.high:.{places}f})"
    return text


def difference_text(effects: Effects) -> str:
    """The risk difference in percentage points: "-9.1 pts (-17.8 to -0.2)"."""
    rd = effects.risk_difference
    return f"{100 * rd.value:+.1f} pts ({100 * rd.low:+.1f} to {100 * rd.high:+.1f})"


def nnt_text(effects: Effects) -> str:
    """The NNT and its interval; through infinity when the difference's interval spans 0."""
    bounds = f"{effects.nnt_low:.1f} to {effects.nnt_high:.1f}"
    if effects.nnt_spans_zero:
        return f"{effects.nnt:.1f} (interval through ∞: {bounds})"
    return f"{effects.nnt:.1f} ({bounds})"


def p_text(reported: ReportedEstimate | None) -> str:
    """A reported p value ("0.0438", "< 0.0001"), or "—" when none is reported."""
    if reported is None or reported.p is None:
        return "—"
    return f"{'< ' if reported.p_relation == '<' else ''}{format_number(reported.p)}"
