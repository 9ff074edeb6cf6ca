"""Weekly planning grids (``Planning <Prénom>``) turned into time blocks, and blocks into CAF categories.

A cell holds free text, one block per line: ``8h30 à 9h15 déplacement…`` / ``9h15 à 11h30`` /
``Animation Collective`` (a line without times continues the previous block); the activity may come
before the times (``Mission observatoire de 8h30 à 12h``). A cell without times (the Saturday
sentence) is 0 h. No I/O, no findings here: problems are returned as data, rules turn them into findings.

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
from ..text import clean_spaces, norm, slug

# A time as typed: hours, separator, then minutes glued to it (any number of digits: ``9h1`` is malformed, not
# 9h) or two digits after a space (``8 h 30``, not the ``12`` of ``8h 12h``). Malformed pieces are matched on
# purpose, to be reported. Groups: time as typed, hours, separator, glued minutes, spaced minutes.
_TIME = r"((\d+)\s*([hH:]+)(?:(\d+)|\s+(\d{2})(?!\d|\s*[hH:]))?)"
_TOKEN = re.compile(_TIME)
_RANGE = re.compile(_TIME + r"\s*(?:à|a|-|–|—)\s*" + _TIME)
_LOOSE_TIME = re.compile(r"\d\s*[hH]\b|\d\s*[hH]\s*\d|\d{1,2}\s*[hH]")
_TITLE = re.compile(r"planning\s+type\s*[–—-]\s*(.+?)\s*\(\s*([\d.,]+)\s*ETP\s*\)", re.I)
DAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
CATEGORIES = ("animations", "informations", "observation", "partenariat", "administratif", "autres")
TOTAL_TOLERANCE = 1 / 120  # half a minute: a day's TOTAL against its blocks
_CATEGORY_KEYS = (("anim", "animations"), ("inform", "informations"), ("observ", "observation"),
                  ("partenar", "partenariat"), ("admin", "administratif"), ("autre", "autres"))


@dataclass(frozen=True)
class Block:
    """One time block: ``start``/``end`` in hours (8.5 = 8h30), the activity text, its cell."""

    day: str
    half: str
    start: float
    end: float
    activity: str
    cell: str

    @property
    def hours(self) -> float:
        return self.end - self.start


@dataclass(frozen=True)
class TimeError:
    """An unreadable piece of a planning cell.

    ``text``: the piece as typed; ``start``: the block's start as typed when it is readable (``8h30``);
    ``bad``: (time as typed, fault) for each malformed time, fault in ``hour`` (not 0-23), ``separator``
    (``9hh15``), ``digits`` (minutes not on two digits: ``9h1``), ``minutes`` (60 or more);
    ``reversed``: both times readable but the end is not after the start. None of these: no range found
    (``8.30 à 9h15``, ``8h30 12h``).
    """

    text: str
    start: str | None = None
    bad: tuple[tuple[str, str], ...] = ()
    reversed: bool = False


@dataclass
class CellParse:
    blocks: list[Block] = field(default_factory=list)
    errors: list[TimeError] = field(default_factory=list)  # unreadable pieces of text (invalid times)


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
    error_days: set[str] = field(default_factory=set)  # days with an unreadable or overlapping block: sums unknown
    totals: list[DayTotal] = field(default_factory=list)
    formula_errors: dict[str, str] = field(default_factory=dict)  # block cell -> formula error text (``#REF!``)

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
        (unreadable, overlapping or formula-error block) are left out."""
        out = []
        for total in self.totals:
            if total.day in self.error_days or total.error:
                continue
            computed = self.day_hours(total.day)
            typed = total.hours if total.hours is not None else 0.0
            if abs(typed - computed) > TOTAL_TOLERANCE:
                out.append(total)
        return out


def time_fault(hours: str, sep: str, glued: str | None, spaced: str | None = None) -> str | None:
    """Why a time matched by ``_TIME`` is malformed (``hour``, ``separator``, ``digits``, ``minutes``), or None.

    >>> time_fault("9", "h", "1"), time_fault("9", "hh", "15"), time_fault("8", "h", None)
    ('digits', 'separator', None)
    """
    minutes = glued if glued is not None else spaced
    if len(hours) > 2 or int(hours) > 23:
        return "hour"
    if sep not in ("h", "H", ":"):
        return "separator"
    if minutes is not None and len(minutes) != 2:
        return "digits"
    if minutes is not None and int(minutes) >= 60:
        return "minutes"
    return None


def _hour(groups: tuple) -> float:
    """Hours of a well-formed time's groups: ("8", "h", "30", None) -> 8.5."""
    hours, _, glued, spaced = groups
    return int(hours) + int(glued or spaced or 0) / 60


def _range_error(m: re.Match) -> TimeError | None:
    """The problem of a matched range, or None when it is a valid block."""
    typed, times = (m.group(1), m.group(6)), (m.group(2, 3, 4, 5), m.group(7, 8, 9, 10))
    faults = [time_fault(*g) for g in times]
    bad = tuple((t, f) for t, f in zip(typed, faults) if f)
    start = typed[0] if faults[0] is None else None
    if bad:
        return TimeError(m.group(0).strip(), start, bad)
    if _hour(times[1]) <= _hour(times[0]):
        return TimeError(m.group(0).strip(), start, reversed=True)
    return None


def parse_cell(text: Any, day: str = "", half: str = "", where: str = "") -> CellParse:
    """Blocks of one planning cell. An unreadable time (``8h3O``, ``9h1``, ``9hh15``, ``12h à 9h``) is an error
    (:class:`TimeError`), not a block: the day's sum is then unknown."""
    out = CellParse()
    if not isinstance(text, str) or not text.strip():
        return out
    pending: list[dict] = []  # blocks being built: start, end, parts of activity text
    orphans: list[str] = []   # lines before the first range
    for line in text.splitlines():
        matches = list(_RANGE.finditer(line))
        if not matches:
            rest = line.strip()
            if rest:
                _check_leftover(rest, out)
                (pending[-1]["parts"] if pending else orphans).append(rest)
            continue
        head = line[:matches[0].start()]
        for k, m in enumerate(matches):
            tail = line[m.end():matches[k + 1].start() if k + 1 < len(matches) else len(line)]
            parts = [p for p in ((head if k == 0 else ""), tail) if p.strip()]
            for p in parts:
                _check_leftover(p, out)
            problem = _range_error(m)
            if problem:
                out.errors.append(problem)
                continue
            pending.append({"start": _hour(m.group(2, 3, 4, 5)), "end": _hour(m.group(7, 8, 9, 10)), "parts": parts})
    if orphans and pending:
        pending[0]["parts"] = orphans + pending[0]["parts"]
    for p in pending:
        activity = clean_spaces(" ".join(p["parts"]))
        activity = re.sub(r"^(?:de|du)\s+|\s+(?:de|du)$", "", activity, flags=re.I).strip(" ,;:-")
        out.blocks.append(Block(day, half, p["start"], p["end"], activity, where))
    return out


def _check_leftover(text: str, out: CellParse) -> None:
    """Text left after the ranges still holding something like a time: a range typed wrong."""
    m = _LOOSE_TIME.search(text)
    if m:
        first = _TOKEN.search(text)
        start = None  # the block's start: a readable time with no other figure before it
        if first and not re.search(r"\d", text[:first.start()]) and time_fault(*first.group(2, 3, 4, 5)) is None:
            start = first.group(1)
        out.errors.append(TimeError(text.strip(), start))


def parse_planning(sheet: str, grid: list[list[Any]]) -> Planning:
    """Read a planning grid: title ``Planning type – <Prénom> (<ETP> ETP)``, day columns, half-day rows, TOTAL row."""
    title = grid[0][0] if grid and grid[0] else None
    m = _TITLE.search(title) if isinstance(title, str) else None
    first_name = m.group(1).strip() if m else re.sub(r"(?i)^planning\s*", "", sheet).strip()
    etp = None
    if m:
        p = parse("number", m.group(2))
        etp = None if p.error else p.value
    plan = Planning(sheet, first_name, etp, "A1")
    day_cols: dict[int, str] = {}
    for r, row in enumerate(grid[:10]):
        found = {c: norm(v) for c, v in enumerate(row) if norm(v) in DAYS}
        if len(found) >= 3:
            day_cols = found
            break
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
            if is_formula_error(raw):  # ``#REF!``: the cell's blocks, hence the day's sum, are unknown
                plan.formula_errors[where] = raw.strip()
                plan.error_days.add(day)
                continue
            parsed = parse_cell(raw, day, half, where)
            plan.blocks.extend(parsed.blocks)
            if parsed.errors:
                plan.cell_errors[where] = parsed.errors
                plan.error_days.add(day)
    plan.overlaps = overlapping_blocks(plan.blocks)
    plan.error_days.update(cur.day for _, cur in plan.overlaps)
    return plan


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
