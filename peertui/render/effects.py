"""Computed effects beside what a source reports, as a Rich table."""

from __future__ import annotations

from rich.table import Table

from peertui.core.analysis.effects import Effects
from peertui.core.models import ReportedEstimate
from peertui.render.effect_text import difference_text, nnt_text, p_text, ratio_text
from peertui.render.text import plain


def effects_table(computed: Effects, reported: ReportedEstimate | None) -> Table:
    """Computed (crude) measures beside the source's reported estimate of the same measure."""
    table = Table(box=None, pad_edge=False, header_style="bold")
    table.add_column("measure")
    table.add_column("computed, crude (95% CI)")
    table.add_column("reported (95% CI)")
    rows = [
        ("odds ratio", ratio_text(computed.odds_ratio)),
        ("risk ratio", ratio_text(computed.risk_ratio)),
        ("risk difference", difference_text(computed)),
        ("number needed to treat", nnt_text(computed)),
        ("p", f"{computed.p_value:.3f}"),
    ]
    measure = reported.measure.lower() if reported else ""
    for name, value in rows:
        shown = "—"
        if reported is not None and name == measure:
            shown = ratio_text(reported)
        elif name == "p":
            shown = p_text(reported)
        table.add_row(name, value, plain(shown))
    return table
