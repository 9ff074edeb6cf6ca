"""The *Observatoire* sheet (the figures of the CAF bilan's « observation » section) against the indicators
recomputed from *Listing AM*, *MAM*, *EAJE* and the other detailed sheets; two rows of one indicator that
disagree; labels that are not the form's."""

from __future__ import annotations

from typing import Any

from ...compute.indicators.observatoire import match_label
from ...findings import Finding, make
from ...read import Dataset, Table
from ...text import norm
from ..registry import rule
from .declared import figure_text, indicators, mismatch, not_compared, rejected, unreliable
from .precision import agrees, cell_tolerance


@rule
def observatoire_declared(data: Dataset, ctx) -> list[Finding]:
    """Each recomputable row of *Observatoire* against its indicator; two rows of one indicator that disagree;
    a label that is not one of the form's (approximately recognised: info; not recognised: avertissement)."""
    table = data.table("territoire", "observatoire")
    if table is None:
        return []
    values = indicators(data, ctx).values
    refused = rejected(data, ctx, "territoire", "observatoire")
    book = data.workbook("territoire")
    out: list[Finding] = []
    rows: list[tuple[int, Any, str, float, bool | None]] = []  # i, label, ID, declared, agrees with the data
    for i, (label, declared) in enumerate(zip(table.df["indicator"], table.df["value"])):
        if not norm(label):
            continue
        found = match_label(str(label))
        if found.status != "exact":
            out.append(_label_finding(table, i, label, found))
        ident = found.ident
        if ident is None or declared is None or declared != declared or (i, "value") in refused:
            continue  # a refused declared value is reported at its cell
        where, verdict = table.cell(i, "value"), None
        reason = unreliable(data, ctx, ident) if ident in values else None
        if reason:
            out.append(not_compared(table.workbook, table.sheet, where, label, reason))
        elif ident in values:
            computed = values[ident]
            if "taux" in ident and computed <= 1.0 < declared:  # a rate declared in % (83 for 0,83)
                computed = computed * 100
            elif "taux" in ident and declared <= 1.0 < computed:  # « 62 % » read as 0,62 for a rate × 100
                computed = computed / 100
            verdict = agrees(declared, computed, cell_tolerance(book, table.sheet, where, declared))
            if not verdict:
                out.append(mismatch(table.workbook, table.sheet, where, label, declared, computed, ident))
        rows.append((i, label, ident, declared, verdict))
    return out + _disagreements(table, rows, values)


def _disagreements(table: Table, rows: list, values: dict) -> list[Finding]:
    """Rows declaring one indicator with different figures: the finding stands on each row that differs from the
    reference row, which is the first row agreeing with the data (else the first row): never on the right one."""
    by_ident: dict[str, list] = {}
    for row in rows:
        by_ident.setdefault(row[2], []).append(row)
    out = []
    for ident, group in by_ident.items():
        j, _, _, other, _ = next((r for r in group if r[4]), group[0])
        known = any(r[4] is not None for r in group)
        for i, label, _, declared, _ in group:
            if declared == other:
                continue
            out.append(make("declared-values-disagree", table.workbook, table.sheet, table.cell(i, "value"),
                            label=label, declared=figure_text(declared), other=figure_text(other),
                            at=table.cell(j, 'value'), computed=figure_text(values[ident]) if known else 'à recompter',
                            value=declared, expected=other))
    return out


def _label_finding(table: Table, i: int, label: Any, found) -> Finding:
    """``observatoire-label-approx`` (info) or ``observatoire-label-unknown`` (avertissement) at the label cell."""
    if found.status == "approx":
        return table.finding("observatoire-label-approx", i, "indicator",
                             label=label, closest=found.closest,
                             value=str(label), expected=found.closest)
    return table.finding("observatoire-label-unknown", i, "indicator", variant="guess" if found.closest else "default",
                         label=label, guess=found.closest, value=str(label), expected=found.closest)
