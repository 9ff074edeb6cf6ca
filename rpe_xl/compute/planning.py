"""Weekly planning grids (``Planning <Prénom>``) turned into time blocks, and blocks into CAF categories.

Each cell's free text is read by :mod:`.planning_cell` (one block per line, the activity before or after the
times). A cell without times (the Saturday sentence) is 0 h; text without times that names an activity of
*Correspondance activités*, or stands on a day whose TOTAL counts more than the blocks, is a slot typed
without its hours (:attr:`Planning.untimed_slots`): that day's sum is unknown. No I/O, no findings here:
problems are returned as data, rules turn them into findings.

>>> parse_cell("8h30 à 9h15 déplacement\\n9h15 à 11h30\\nAnimation Collective").blocks[1].activity
'Animation Collective'
>>> category_of("retour à l'antenne administrative", [("retour", "Autres activités"), ("Administratif", "Administratif")])
'Autres activités'
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any, Iterable

from ..read.address import cell as a1
from ..read.coerce import is_formula_error, parse
from ..text import norm, slug
from .planning_cell import Block, CellParse, TimeError, parse_cell, time_fault  # noqa: F401  (the grid's pieces)

_TITLE = re.compile(r"planning\s+type\s*[–—-]\s*(.+?)\s*\(\s*([\d.,]+)\s*ETP\s*\)", re.I)
DAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
CATEGORIES = ("animations", "informations", "observation", "partenariat", "administratif", "autres")
TOTAL_TOLERANCE = 1 / 120  # half a minute: a day's TOTAL against its blocks
_CATEGORY_KEYS = (("anim", "animations"), ("inform", "informations"), ("observ", "observation"),
                  ("partenar", "partenariat"), ("admin", "administratif"), ("autre", "autres"))


@dataclass
class DayTotal:
    day: str
    cell: str
    raw: Any
    hours: float | None  # typed TOTAL, None when empty
    error: bool = False
    formula_error: bool = False  # the TOTAL cell holds a formula error (``#REF!``…)


@dataclass
class Planning:
    """One ``Planning <Prénom>`` sheet, parsed."""

    sheet: str
    first_name: str
    etp: float | None
    title_cell: str
    blocks: list[Block] = field(default_factory=list)
    cell_errors: dict[str, list[TimeError]] = field(default_factory=dict)
    overlaps: list[tuple[Block, Block]] = field(default_factory=list)
    error_days: set[str] = field(default_factory=set)  # days with an unreadable, untimed or overlapping block
    totals: list[DayTotal] = field(default_factory=list)
    formula_errors: dict[str, str] = field(default_factory=dict)  # block cell -> formula error text (``#REF!``)
    untimed_slots: dict[str, list[str]] = field(default_factory=dict)  # cell -> activity typed without times
    etp_text: str | None = None  # the ETP as the title types it (« 0,80 »)
    cell_days: dict[str, str] = field(default_factory=dict)  # block cell -> its day

    @property
    def key(self) -> str:
        """``melanie`` for ``Mélanie``."""
        return slug(self.first_name)

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
            computed = self.day_hours(total.day)
            typed = total.hours if total.hours is not None else 0.0
            if abs(typed - computed) > TOTAL_TOLERANCE:
                out.append(total)
        return out


def parse_planning(sheet: str, grid: list[list[Any]], keywords: Iterable[tuple[str, str]] | None = None) -> Planning:
    """Read a planning grid: title ``Planning type – <Prénom> (<ETP> ETP)``, day columns, half-day rows, TOTAL row.
    ``keywords`` (of *Correspondance activités*) tell an activity typed without times from a note."""
    title = grid[0][0] if grid and grid[0] else None
    m = _TITLE.search(title) if isinstance(title, str) else None
    first_name = m.group(1).strip() if m else re.sub(r"(?i)^planning\s*", "", sheet).strip()
    etp = None
    if m:
        p = parse("number", m.group(2))
        etp = None if p.error else p.value
    plan = Planning(sheet, first_name, etp, "A1", etp_text=m.group(2) if m else None)
    day_cols: dict[int, str] = {}
    for r, row in enumerate(grid[:10]):
        found = {c: norm(v) for c, v in enumerate(row) if norm(v) in DAYS}
        if len(found) >= 3:
            day_cols = found
            break
    untimed: dict[str, list[str]] = {}
    for r, row in enumerate(grid):
        label = norm(row[0]) if row else ""
        if label.startswith("total"):
            for c, day in day_cols.items():
                raw = row[c] if c < len(row) else None
                where = a1(r + 1, c + 1)
                if is_formula_error(raw):
                    plan.totals.append(DayTotal(day, where, raw, None, True, True))
                    continue
                hours = excel_time_hours(raw)
                p = parse("hours", raw) if hours is None else None
                if p is not None:
                    hours = p.value if not p.error else None
                plan.totals.append(DayTotal(day, where, raw, hours, bool(p is not None and p.error)))
            break
        if not (label.startswith("matin") or label.startswith("apres")):
            continue
        half = "matin" if label.startswith("matin") else "apres-midi"
        for c, day in day_cols.items():
            raw = row[c] if c < len(row) else None
            where = a1(r + 1, c + 1)
            plan.cell_days[where] = day
            if is_formula_error(raw):  # ``#REF!``: the cell's blocks, hence the day's sum, are unknown
                plan.formula_errors[where] = raw.strip()
                plan.error_days.add(day)
                continue
            parsed = parse_cell(raw, day, half, where)
            plan.blocks.extend(parsed.blocks)
            if parsed.errors:
                plan.cell_errors[where] = parsed.errors
                plan.error_days.add(day)
            if parsed.untimed and not parsed.errors:  # an unreadable time there is the cell's fault
                untimed[where] = parsed.untimed
    plan.overlaps = overlapping_blocks(plan.blocks)
    plan.error_days.update(cur.day for _, cur in plan.overlaps)
    plan.untimed_slots = untimed_slots(plan, untimed, keywords)
    plan.error_days.update(plan.cell_days[where] for where in plan.untimed_slots)
    return plan


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


def category_slug(label: Any) -> str:
    """``Autres activités`` -> ``autres``, ``Informations`` -> ``informations``."""
    key = norm(label)
    return next((s for k, s in _CATEGORY_KEYS if key.startswith(k)), slug(label))


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
