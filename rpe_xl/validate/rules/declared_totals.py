"""TOTAL rows repeating a figure computed elsewhere: the team's weekly hours (*Équipe*, against the planning
grids) and the figures below the *Évolution AM* table (the drop in AM and its percentage, against the table).

A figure whose source is faulty waits with one ``declared-not-compared`` info: a planning block or TOTAL in
fault, a fault of the *Équipe* rows themselves (a person twice, an emptied row, a function the planning
contradicts), an *Évolution AM* year or count in error. A declared *Évolution AM* cell holding a formula error
is reported at its cell, unless the table it is computed from is in error (the error then comes from there).
"""

from __future__ import annotations

from ...findings import Finding, make
from ...read import Dataset
from ...read.address import cell as a1
from ...read.coerce import is_formula_error, parse
from ...text import norm
from ..registry import rule
from .declared import cells_text, indicators, mismatch, not_compared, unreliable
from .precision import DURATION_PRECISION, agrees, cell_tolerance
from .team_rows import team_reference

EVOLUTION = "am.evolution_pct"


@rule
def totals_declared(data: Dataset, ctx) -> list[Finding]:
    """TOTAL rows repeating a figure computed elsewhere: the team's weekly hours (planning grids), and the
    *Évolution AM* figures below its table. (A TOTAL row against the sum of its own rows, and each MAM row
    against the listing, are checked by the assistants and team rules: not repeated here.)"""
    values = indicators(data, ctx).values
    out: list[Finding] = []
    checks = (("equipe", "equipe", "weekly_hours", "repartition.global.total_heures",
               "Total des heures hebdomadaires des animatrices"),)
    for kind, key, field, ident, label in checks:
        table = data.table(kind, key)
        if table is None or not table.total_row or ident not in values:
            continue
        raw = table.total_values.get(field)
        p = parse("number", raw)
        if p.error or p.value is None:
            continue
        where = table.total_cell(field)
        team = team_reference(data, ctx).sum_cells
        reason = unreliable(data, ctx, ident) or (
            f"ligne{'s' if len(team) > 1 else ''} de la feuille {table.sheet} à corriger : {cells_text(team)}"
            if team else None)
        if reason:
            out.append(not_compared(table.workbook, table.sheet, where, label, reason))
            continue
        tol = cell_tolerance(data.workbook(kind), table.sheet, where, raw, DURATION_PRECISION)
        if not agrees(p.value, values[ident], tol):
            out.append(mismatch(table.workbook, table.sheet, where, label, p.value, values[ident], ident))
    out.extend(_evolution(data, ctx, values))
    return out


def _evolution(data: Dataset, ctx, values: dict) -> list[Finding]:
    """« Baisse » and « Réduction (%) » below the *Évolution AM* table, against its first and last years."""
    wb = data.workbook("territoire")
    table = data.table("territoire", "evolution_am")
    if wb is None or table is None:
        return []
    grid = wb.grid("evolution_am") or []
    declared = []  # (0-based row, label, typed value, what it repeats)
    for r in range((table.rows[-1] if table.rows else 0), len(grid)):
        row = list(grid[r]) + [None, None]
        kind = next((k for k in ("baisse", "reduction") if norm(row[0]).startswith(k)), None)
        if kind:
            declared.append((r, str(row[0]), row[1], kind))
    reason = unreliable(data, ctx, EVOLUTION)
    if reason:  # years or counts in error, reported where they stand: the figures computed from them wait
        label = " / ".join(d[1] for d in declared)
        return [not_compared(wb.name, table.sheet, a1(declared[0][0] + 1, 2), label, reason)] if declared else []
    out = []
    for r, label, raw, _ in declared:
        if is_formula_error(raw):
            out.append(make("formula-error", wb.name, table.sheet, a1(r + 1, 2),
                            variant="evolution", label=label, raw=raw.strip(),
                            value=raw.strip()))
    if EVOLUTION not in values:
        return out
    rows = table.df.dropna(subset=["year", "am_count"]).sort_values("year")
    first = float(rows["am_count"].iloc[0])
    drop = first - float(rows["am_count"].iloc[-1])
    pct = drop / first * 100 if first else 0.0
    for r, label, raw, kind in declared:
        if not isinstance(raw, (int, float)) or isinstance(raw, bool):
            continue
        computed = drop if kind == "baisse" else pct / 100 if abs(raw) <= 1 else pct
        if not agrees(raw, computed, cell_tolerance(wb, table.sheet, a1(r + 1, 2), raw)):
            out.append(mismatch(wb.name, table.sheet, a1(r + 1, 2), label, raw, round(computed, 6), EVOLUTION))
    return out
