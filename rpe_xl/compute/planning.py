"""Weekly plannings as time blocks: what the blocks of each grid mean (overlaps, slots typed without their hours,
days whose sum is unknown) and their hours per CAF category.

The grids are read by :mod:`rpe_xl.read.planning_grid` (one block per line of a cell, the activity before or
after the times). Text without times that names an activity of *Correspondance activités*, or stands on a day
whose TOTAL counts more than the blocks, is a slot typed without its hours (:attr:`Planning.untimed_slots`):
that day's sum is unknown. No I/O, no findings here: problems are returned as data, rules turn them into findings.

>>> category_of("retour à l'antenne administrative", [("retour", "Autres activités"), ("Administratif", "Administratif")])
'Autres activités'
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING, Iterable

from ..read.description import keyword_rules
from ..read.planning_cell import Block
from ..read.planning_grid import DayTotal, PlanningGrid, planning_grids
from ..text import norm, slug

if TYPE_CHECKING:
    from ..read import Dataset

CATEGORIES = ("animations", "informations", "observation", "partenariat", "administratif", "autres")
TOTAL_TOLERANCE = 1 / 120  # half a minute: a day's TOTAL against its blocks


@dataclass
class Planning(PlanningGrid):
    """One planning sheet with what its blocks mean: overlapping blocks, slots typed without their hours, and the
    days whose sum is unknown (an unreadable, untimed or overlapping block)."""

    overlaps: list[tuple[Block, Block]] = field(default_factory=list)
    untimed_slots: dict[str, list[str]] = field(default_factory=dict)  # cell -> activity typed without times
    error_days: set[str] = field(default_factory=set)

    def day_hours(self, day: str) -> float:
        return sum(b.hours for b in self.blocks if b.day == day)

    @property
    def week_hours(self) -> float:
        return sum(b.hours for b in self.blocks)

    def mismatched_totals(self) -> list[DayTotal]:
        """TOTAL cells (readable or empty) that disagree with their day's blocks; days whose sum is unknown
        (unreadable, overlapping, formula-error or untimed block) are left out."""
        out = []
        for total in self.totals:
            if total.day in self.error_days or total.error:
                continue
            typed = total.hours if total.hours is not None else 0.0
            if abs(typed - self.day_hours(total.day)) > TOTAL_TOLERANCE:
                out.append(total)
        return out


def planning_of(grid: PlanningGrid, keywords: Iterable[tuple[str, str]] | None = None) -> Planning:
    """The planning of one grid; ``keywords`` (of *Correspondance activités*) tell an activity typed without
    times from a note."""
    plan = Planning(**{f.name: getattr(grid, f.name) for f in fields(PlanningGrid)})
    plan.overlaps = overlapping_blocks(plan.blocks)
    plan.untimed_slots = untimed_slots(plan, grid.untimed, keywords)
    plan.error_days = (grid.unreadable_days | {cur.day for _, cur in plan.overlaps}
                       | {plan.cell_days[where] for where in plan.untimed_slots})
    return plan


def team_plannings(data: Dataset) -> tuple[list[Planning], list[tuple[Planning, Planning]]]:
    """The plannings of the équipe workbook, one per animatrice, and the copies left out (see
    :func:`distinct_plannings`)."""
    table = data.table("equipe", "correspondance")
    keywords = keywords_from(table.df) if table is not None else []
    return distinct_plannings([planning_of(g, keywords) for g in planning_grids(data.workbook("equipe"))])


def untimed_slots(plan: Planning, untimed: dict[str, list[str]],
                  keywords: Iterable[tuple[str, str]] | None) -> dict[str, list[str]]:
    """The text without times (cell -> lines) that is a slot whose hours are missing: it names an activity of
    ``keywords``, or its day's typed TOTAL counts more than the blocks. A note (the Saturday sentence, on a day
    without TOTAL) is not."""
    keywords = list(keywords or ())
    typed = {t.day: t.hours for t in plan.totals if t.hours is not None}
    out = {}
    for where, lines in untimed.items():
        day = plan.cell_days[where]
        short = typed.get(day, 0.0) - plan.day_hours(day) > TOTAL_TOLERANCE
        if short or any(category_of(line, keywords) for line in lines):
            out[where] = lines
    return out


def distinct_plannings(plans: list[Planning]) -> tuple[list[Planning], list[tuple[Planning, Planning]]]:
    """One planning per first name (``Planning Doris (2)``, a copy of the sheet, names the same animatrice):
    (plannings kept, pairs (copy left out, planning kept)). The sheet named ``Planning <Prénom>`` is kept,
    else the first in the workbook's order."""
    kept: dict[str, Planning] = {}
    for plan in plans:
        other = kept.get(plan.key)
        if other is None:
            kept[plan.key] = plan
        elif slug(plan.sheet) == slug(f"planning {plan.first_name}") != slug(other.sheet):
            kept[plan.key] = plan
    chosen = {id(p) for p in kept.values()}
    return ([p for p in plans if id(p) in chosen],
            [(p, kept[p.key]) for p in plans if id(p) not in chosen])


def overlapping_blocks(blocks: list[Block]) -> list[tuple[Block, Block]]:
    """Pairs (earlier block, block starting before the earlier one ends), day by day."""
    by_day: dict[str, list[Block]] = {}
    for b in blocks:
        by_day.setdefault(b.day, []).append(b)
    pairs = []
    for day_blocks in by_day.values():
        ordered = sorted(day_blocks, key=lambda b: (b.start, b.end))
        pairs += [(prev, cur) for prev, cur in zip(ordered, ordered[1:]) if cur.start < prev.end - 1e-9]
    return pairs


def category_of(activity: str, keywords: Iterable[tuple[str, str]]) -> str | None:
    """Category of the first keyword (table order) found in ``activity``; case- and accent-insensitive."""
    text = norm(activity)
    for keyword, category in keywords:
        if keyword and norm(keyword) and norm(keyword) in text:
            return category
    return None


def category_slug(label: object) -> str:
    """``Autres activités`` -> ``autres``, ``Informations`` -> ``informations``."""
    key = norm(label)
    return next((s for rx, s in keyword_rules("categories_activite") if re.search(rx, key)), slug(label))


def hours_by_category(plan: Planning, keywords: list[tuple[str, str]]) -> dict[str, float]:
    """Weekly hours per category slug (every category present, 0 when none); unmatched blocks in ``None``."""
    out: dict[str | None, float] = {c: 0.0 for c in CATEGORIES}
    for b in plan.blocks:
        cat = category_of(b.activity, keywords)
        key = category_slug(cat) if cat else None
        out[key] = out.get(key, 0.0) + b.hours
    return out


def keywords_from(df) -> list[tuple[str, str]]:
    """(keyword, category) pairs of the *Correspondance activités* table, top to bottom."""
    if df is None:
        return []
    return [(str(k), str(c)) for k, c in zip(df["keyword"], df["category"]) if k and c]
