"""The *Répartition* sheet (the weekly time split the dossier declares, per contract and for the team) against the
hours of the planning grids, each block in the category *Correspondance activités* gives it.

A declared cell that cannot be read as a figure (a formula error, « VRAI », ``17h3O`` with the letter O) is
reported at its cell and not compared. The comparison waits (one ``declared-not-compared`` info) while the
plannings hold an unreadable, untimed or overlapping block, a day TOTAL the blocks contradict, a block without
category, or while *Correspondance activités* has an unusable row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ...compute.planning import CATEGORIES, category_of, category_slug, hours_by_category, keywords_from
from ...findings import Finding, make
from ...read import Dataset
from ...read.address import cell as a1
from ...read.coerce import is_formula_error, parse
from ...read.description import sheet_name
from ...text import fr_number, fr_value, norm
from ..registry import rule
from .declared import cells_text, mismatch, not_compared, unreliable
from .planning import plannings
from .planning_activities import correspondance_faults
from .precision import DURATION_PRECISION, agrees, cell_tolerance, tolerance_of


def _sheet() -> str:
    """The name of the *Répartition* sheet in the description of the workbooks."""
    return sheet_name("equipe", "repartition")


@dataclass
class DeclaredTable:
    """One table of the sheet: ``header`` (0-based row of « Activités »), ``contract`` weekly hours (None: the
    team's table), ``rows``: (0-based row, category slug or None); ``hours_col`` / ``pct_col``: 0-based columns."""

    header: int
    contract: float | None
    team: bool
    rows: list[tuple[int, str | None]] = field(default_factory=list)

    @property
    def hours_col(self) -> int:
        return 2 if self.team else 1

    @property
    def pct_col(self) -> int:
        return 1 if self.team else 2


def declared_tables(grid: list[list[Any]]) -> list[DeclaredTable]:
    """The tables of the sheet: a header row « Activités | Nbre d'heures 28h | % » (per contract) or
    « Activités | % | Nombre d'heures » (the team's), then one row per activity until a blank row."""
    out = []
    for r, row in enumerate(grid):
        a, b = (list(row) + [None] * 2)[:2]
        if norm(a) != "activites":
            continue
        per_contract = isinstance(b, str) and "heure" in norm(b)
        if not per_contract and norm(b) != "%":
            continue
        m = re.search(r"(\d+(?:[.,]\d+)?)\s*h", b) if per_contract else None
        table = DeclaredTable(r, float(m.group(1).replace(",", ".")) if m else None, not per_contract)
        k = r + 1
        while k < len(grid) and grid[k] and grid[k][0] not in (None, "") and norm(grid[k][0]) != "activites":
            slug = category_slug(grid[k][0])
            table.rows.append((k, slug if slug in CATEGORIES else None))
            k += 1
        out.append(table)
    return out


@rule
def repartition_declared(data: Dataset, ctx) -> list[Finding]:
    """The *Répartition* tables (per contract, then the team's) against the planning grids; a declared cell
    holding a formula error (``#DIV/0!``) or no readable figure is reported at its cell and not compared."""
    wb = data.workbook("equipe")
    grid = wb.grid("repartition") if wb else None
    if not grid:
        return []
    errors = [make("formula-error", wb.name, _sheet(), a1(r + 1, c + 1),
                   variant="declared_value", raw=v.strip(), value=v.strip())
              for r, row in enumerate(grid) for c, v in enumerate(row) if is_formula_error(v)]
    tables = declared_tables(grid)
    for t in tables:
        for r, _ in t.rows:
            row = list(grid[r]) + [None] * 3
            errors += [f for f in (_unreadable(wb.name, r, t.hours_col, row[t.hours_col], True),
                                   _unreadable(wb.name, r, t.pct_col, row[t.pct_col], False)) if f]
    return errors + _compare(data, ctx, wb, grid, tables)


def _figure(raw: Any, hours: bool) -> float | None:
    """The figure a declared cell holds (hours, or a percentage as typed), None when it holds none."""
    if raw is None or isinstance(raw, bool) or is_formula_error(raw):
        return None
    if isinstance(raw, (int, float)):
        return float(raw)
    p = parse("hours", raw) if hours else parse("number", str(raw).replace("%", "").strip())
    return None if p.error or p.value is None else float(p.value)


def _unreadable(wb: str, r: int, c: int, raw: Any, hours: bool) -> Finding | None:
    """``invalid-time`` / ``invalid-number`` at a declared cell holding no readable figure."""
    if raw is None or (isinstance(raw, str) and not raw.strip()) or is_formula_error(raw) \
            or _figure(raw, hours) is not None:
        return None
    if hours:
        fixed = re.sub(r"[oO]", "0", raw) if isinstance(raw, str) else None
        hint = f" (lettre O à la place du zéro ? saisissez « {fixed} »)" if fixed and fixed != raw \
            and _figure(fixed, True) is not None else " : saisissez par exemple 7h ou 31h30"
        return make("invalid-time", wb, _sheet(), a1(r + 1, c + 1),
                    raw=fr_value(raw), hint=hint, value=str(raw))
    return make("invalid-number", wb, _sheet(), a1(r + 1, c + 1),
                variant="percentage", raw=fr_value(raw), value=raw if isinstance(raw, (bool, int, float)) else str(raw))


def _compare(data: Dataset, ctx, wb, grid, tables: list[DeclaredTable]) -> list[Finding]:
    plans = plannings(data, ctx)
    if not plans:
        return []
    reason = unreliable(data, ctx, "repartition.")
    table = data.table("equipe", "correspondance")
    keywords = keywords_from(table.df) if table is not None else []
    faulty, _ = correspondance_faults(data, ctx)
    if faulty:
        broken = f"ligne inutilisable de la feuille « Correspondance activités » : {cells_text(faulty)}"
        reason = f"{reason} ; {broken}" if reason else broken
    if not reason and not keywords:
        reason = "la feuille « Correspondance activités » ne donne aucun mot-clé"
    if reason:
        return [not_compared(wb.name, _sheet(), "A1", _sheet(), reason)]
    per_plan = [(p, hours_by_category(p, keywords)) for p in plans]
    team_hours = {c: sum(h.get(c, 0.0) for _, h in per_plan) for c in CATEGORIES}
    team_total = sum(p.week_hours for p in plans)
    unclassified = {p.sheet: list(dict.fromkeys(b.cell for b in p.blocks if category_of(b.activity, keywords) is None))
                    for p in plans}
    out: list[Finding] = []
    for t in tables:
        mine = [(p, h) for p, h in per_plan
                if t.team or (t.contract is not None and abs(p.week_hours - t.contract) < 0.01)]
        held = [f"{p.sheet}!{cell}" for p, _ in mine for cell in unclassified[p.sheet]]
        if held:  # hours of an activity without category: any row of the table may miss them
            title = grid[t.header - 1][0] if t.header and grid[t.header - 1] and grid[t.header - 1][0] else _sheet()
            out.append(not_compared(wb.name, _sheet(), a1(t.header + 1, 1), str(title),
                                    f"créneau{'x' if len(held) > 1 else ''} sans catégorie dans la feuille "
                                    f"« Correspondance activités » : {cells_text(held)}"))
        elif t.team:
            _team_table(wb, grid, t, team_hours, team_total, out)
        else:
            _contract_table(wb, grid, t, [h for _, h in mine], out)
    return out


def _contract_table(wb, grid, t: DeclaredTable, mine: list[dict], out: list[Finding]) -> None:
    if not mine or not t.contract:
        return
    for r, cat in t.rows:
        if cat is None:
            continue
        hours = sum(h.get(cat, 0.0) for h in mine) / len(mine)
        label = f"{grid[r][0]} (contrat {fr_number(t.contract)} h)"
        row = list(grid[r]) + [None] * 3
        for col, computed, unit, at_most in ((t.hours_col, hours, " h", DURATION_PRECISION),
                                             (t.pct_col, hours / t.contract * 100, " %", None)):
            declared, where = _figure(row[col], col == t.hours_col), a1(r + 1, col + 1)
            if declared is not None and not agrees(declared, computed,
                                                   cell_tolerance(wb, _sheet(), where, row[col], at_most)):
                out.append(mismatch(wb.name, _sheet(), where, label, declared, round(computed, 4),
                                    f"repartition.contrat.{cat}", unit))


def _team_table(wb, grid, t: DeclaredTable, team_hours: dict, team_total: float, out: list[Finding]) -> None:
    if not team_total:
        return
    for r, cat in t.rows:
        if cat is None:
            continue
        row = list(grid[r]) + [None] * 3
        hours = team_hours.get(cat, 0.0)
        raw, where = row[t.pct_col], a1(r + 1, t.pct_col + 1)
        pct = _figure(raw, False)
        if pct is not None:
            tol = cell_tolerance(wb, _sheet(), where, raw)
            if isinstance(raw, str) or pct > 1:  # « 29 % » typed as text, or 18,75 for 18,75 %
                pct, tol = pct / 100, tol / 100
            ratio = hours / team_total
            if not agrees(pct, ratio, tol):
                out.append(mismatch(wb.name, _sheet(), where, f"{grid[r][0]} (%)", pct * 100,
                                    round(ratio * 100, 2), f"repartition.global.{cat}_pct", " %"))
        raw, where = row[t.hours_col], a1(r + 1, t.hours_col + 1)
        typed = _figure(raw, True)
        tol = tolerance_of(raw, None, DURATION_PRECISION) if isinstance(raw, str) \
            else cell_tolerance(wb, _sheet(), where, raw, DURATION_PRECISION)
        if typed is not None and not agrees(typed, hours, tol):
            out.append(mismatch(wb.name, _sheet(), where, f"{grid[r][0]} (heures/semaine)", typed,
                                round(hours, 2), f"repartition.global.{cat}_heures", " h"))
