"""Reads a weekly planning sheet (``Planning <Prénom>``): its title, day columns, half-day cells and TOTAL row.

The grid is read as it is typed, with the address of every cell: each half-day cell's text becomes time blocks
(:mod:`.planning_cell`), each TOTAL cell a number of hours. What the blocks mean (overlaps, a slot typed without
its hours, hours per category) is computed by :mod:`rpe_xl.compute.planning`.

>>> grid = [["Planning type – Doris (0,80 ETP)"], [None, "Lundi", "Mardi", "Mercredi"],
...         ["Matin", "8h30 à 12h accueil", None, None], ["TOTAL Heures", 3.5, 0, 0]]
>>> g = read_planning("Planning Doris", grid)
>>> g.first_name, g.etp, [(b.cell, b.hours) for b in g.blocks], g.totals[0].hours
('Doris', 0.8, [('B3', 3.5)], 3.5)
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..text import norm, slug
from .address import cell as a1
from .coerce import is_formula_error, parse
from .planning_cell import Block, TimeError, parse_cell

if TYPE_CHECKING:
    from .dataset import Workbook

_TITLE = re.compile(r"planning\s+type\s*[–—-]\s*(.+?)\s*\(\s*([\d.,]+)\s*ETP\s*\)", re.I)
DAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")


@dataclass
class DayTotal:
    """One cell of the TOTAL row: ``hours`` typed (None when empty or unreadable)."""

    day: str
    cell: str
    raw: Any
    hours: float | None
    error: bool = False  # typed but unreadable
    formula_error: bool = False  # the cell holds a formula error (``#REF!``…)


@dataclass
class PlanningGrid:
    """One ``Planning <Prénom>`` sheet as typed: title, blocks of every half-day cell, TOTAL row."""

    sheet: str
    first_name: str
    etp: float | None
    title_cell: str
    blocks: list[Block] = field(default_factory=list)
    cell_errors: dict[str, list[TimeError]] = field(default_factory=dict)  # cell -> unreadable pieces
    formula_errors: dict[str, str] = field(default_factory=dict)  # block cell -> formula error text (``#REF!``)
    untimed: dict[str, list[str]] = field(default_factory=dict)  # cell -> text without times continuing no block
    totals: list[DayTotal] = field(default_factory=list)
    etp_text: str | None = None  # the ETP as the title types it (« 0,80 »)
    cell_days: dict[str, str] = field(default_factory=dict)  # block cell -> its day

    @property
    def key(self) -> str:
        """``melanie`` for ``Mélanie``."""
        return slug(self.first_name)

    @property
    def unreadable_days(self) -> set[str]:
        """Days with a cell whose time or formula cannot be read: their sum of hours is unknown."""
        return {self.cell_days[c] for c in (*self.cell_errors, *self.formula_errors)}


def read_planning(sheet: str, grid: list[list[Any]]) -> PlanningGrid:
    """Read a planning grid: title ``Planning type – <Prénom> (<ETP> ETP)``, day columns, half-day rows (``Matin``,
    ``Après-midi``), TOTAL row."""
    title = grid[0][0] if grid and grid[0] else None
    m = _TITLE.search(title) if isinstance(title, str) else None
    first_name = m.group(1).strip() if m else re.sub(r"(?i)^planning\s*", "", sheet).strip()
    etp = None
    if m:
        p = parse("number", m.group(2))
        etp = None if p.error else p.value
    plan = PlanningGrid(sheet, first_name, etp, "A1", etp_text=m.group(2) if m else None)
    day_cols = _day_columns(grid)
    for r, row in enumerate(grid):
        label = norm(row[0]) if row else ""
        if label.startswith("total"):
            plan.totals = [_total(day, a1(r + 1, c + 1), row[c] if c < len(row) else None)
                           for c, day in day_cols.items()]
            break
        if label.startswith("matin") or label.startswith("apres"):
            half = "matin" if label.startswith("matin") else "apres-midi"
            for c, day in day_cols.items():
                _read_cell(plan, row[c] if c < len(row) else None, day, half, a1(r + 1, c + 1))
    return plan


def _day_columns(grid: list[list[Any]]) -> dict[int, str]:
    """{column index: day} of the first of the top rows naming at least three days."""
    for row in grid[:10]:
        found = {c: norm(v) for c, v in enumerate(row) if norm(v) in DAYS}
        if len(found) >= 3:
            return found
    return {}


def _read_cell(plan: PlanningGrid, raw: Any, day: str, half: str, where: str) -> None:
    plan.cell_days[where] = day
    if is_formula_error(raw):  # ``#REF!``: the cell's blocks, hence the day's sum, are unknown
        plan.formula_errors[where] = raw.strip()
        return
    parsed = parse_cell(raw, day, half, where)
    plan.blocks.extend(parsed.blocks)
    if parsed.errors:
        plan.cell_errors[where] = parsed.errors
    elif parsed.untimed:  # an unreadable time in the cell is the cell's fault, not a slot without hours
        plan.untimed[where] = parsed.untimed


def _total(day: str, where: str, raw: Any) -> DayTotal:
    if is_formula_error(raw):
        return DayTotal(day, where, raw, None, True, True)
    hours = excel_time_hours(raw)
    p = parse("hours", raw) if hours is None else None
    if p is not None:
        hours = p.value if not p.error else None
    return DayTotal(day, where, raw, hours, bool(p is not None and p.error))


def excel_time_hours(raw: Any) -> float | None:
    """Hours of a TOTAL typed as an Excel time (``07:00``), or None for any other value: a ``datetime.time``,
    a ``timedelta`` (``[h]:mm``), or a number strictly between 0 and 1 holding a whole number of minutes, which
    is how a time cell reads without its format (07:00 = 0,291666… of a day).

    >>> excel_time_hours(dt.time(7, 0)), excel_time_hours(7 / 24), excel_time_hours(7), excel_time_hours("7h")
    (7.0, 7.0, None, None)
    """
    if isinstance(raw, dt.datetime):
        return None
    if isinstance(raw, dt.time):
        return raw.hour + raw.minute / 60 + raw.second / 3600
    if isinstance(raw, dt.timedelta):
        return raw.total_seconds() / 3600
    if isinstance(raw, float) and 0 < raw < 1:
        minutes = raw * 1440
        if abs(minutes - round(minutes)) < 1e-6:
            return round(minutes) / 60
    return None


def planning_grids(wb: Workbook | None) -> list[PlanningGrid]:
    """Every ``Planning …`` sheet of the équipe workbook, read (none without the workbook)."""
    return [read_planning(name, grid) for name, grid in wb.grids("planning")] if wb is not None else []
