"""Small checks shared by the rules of the activity, AM, territory and team workbooks.

>>> non_working_reason(dt.date(2025, 5, 1))
'un jour férié (Fête du Travail)'
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any, Iterable

import pandas as pd

from ...findings import Finding, make
from ...read import Dataset, Table
from ...read.period import Period, workbook_period
from ...public_holidays import holidays_of
from ...text import fr_date, fr_value, norm


def present(value: Any) -> bool:
    """A real value (not None, NaN, NA or blank text)."""
    if value is None:
        return False
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, float):
        return value == value  # NaN is not equal to itself
    if value is pd.NA or value is pd.NaT:
        return False
    try:
        return not bool(pd.isna(value))
    except (TypeError, ValueError):
        return True


def header(table: Table, name: str) -> str:
    """French header of ``name`` as found in the sheet's spec (for messages)."""
    from ...read.description import workbooks

    for spec in workbooks():
        for sheet in spec.sheets:
            if sheet.key == table.key and any(f.name == name for f in sheet.fields):
                return sheet.field(name).header
    return name


def duplicate_keys(table: Table | None, name: str) -> list[Finding]:
    """Each duplicated key value, reported on the row that is wrong (``duplicate-key``).

    The wrong row is the one that breaks the running number (``N°`` 25, **27**, 27, 28: the first 27, where 26
    was expected); when that cannot be told (codes, unsorted keys), every later occurrence of the first.
    """
    if table is None or not table.has(name):
        return []
    values = table.df[name].tolist()
    groups: dict[Any, list[int]] = {}
    for i, value in enumerate(values):
        if present(value):
            groups.setdefault(norm(value) if isinstance(value, str) else value, []).append(i)
    gaps = running_number_gaps(values)
    findings = []
    label = header(table, name)
    for rows in groups.values():
        if len(rows) < 2:
            continue
        culprits = [i for i in rows if i in gaps]
        if not culprits or len(culprits) == len(rows):
            culprits = rows[1:]
        kept = next(i for i in rows if i not in culprits)
        for i in culprits:
            if i in gaps:
                variant = "identifier_gap"
            elif all(isinstance(values[j], (int, float)) for j in rows):
                variant = "identifier_number"
            else:  # a code: nothing tells which of the two rows is wrong
                variant = "identifier_code"
            findings.append(table.finding(
                "duplicate-key", i, name, variant=variant, label=label, key_value=fr_value(values[i]),
                at=table.cell(kept, name), wanted=gaps.get(i),
                value=_plain(values[i]), expected=gaps.get(i)))
    return findings


def broken_sequence(table: Table | None, name: str) -> list[Finding]:
    """A running number mistyped between two neighbours that frame it (25, **260**, 27): ``number-out-of-sequence``
    where the numbering expects 26 (a duplicated number is reported by :func:`duplicate_keys` instead)."""
    if table is None or not table.has(name):
        return []
    values = table.df[name].tolist()
    counts = Counter(v for v in values if present(v))
    label = header(table, name)
    return [table.finding("number-out-of-sequence", i, name,
                          label=label, number=fr_value(values[i]), previous=fr_value(values[i - 1] if i else None),
                          next=fr_value(values[i + 1] if i + 1 < len(values) else None), wanted=expected,
                          value=_plain(values[i]), expected=expected)
            for i, expected in running_number_gaps(values).items()
            if present(values[i]) and counts[values[i]] == 1 and 0 < i < len(values) - 1]


def running_number_gaps(values: list[Any]) -> dict[int, int]:
    """Rows of a running number that break the sequence between two neighbours that follow it, with the number
    expected there: ``[25, 27, 27, 28]`` -> ``{1: 26}``. Only whole numbers count; anything else is no sequence."""
    nums = [int(v) if isinstance(v, (int, float)) and not isinstance(v, bool) and v == v and float(v).is_integer()
            else None for v in values]
    gaps = {}
    for i in range(1, len(nums) - 1):
        prev, cur, nxt = nums[i - 1], nums[i], nums[i + 1]
        if None not in (prev, cur, nxt) and nxt == prev + 2 and cur != prev + 1:
            gaps[i] = prev + 1
    if len(nums) >= 3 and None not in nums[:3] and nums[2] == nums[1] + 1 and nums[0] != nums[1] - 1:
        gaps[0] = nums[1] - 1  # first row, the two below it follow each other
    if len(nums) >= 3 and None not in nums[-3:] and nums[-2] == nums[-3] + 1 and nums[-1] != nums[-2] + 1:
        gaps[len(nums) - 1] = nums[-2] + 1  # last row, the two above it follow each other
    return gaps


def non_working_reason(day: dt.date, saturday: bool = False) -> str | None:
    """Why ``day`` is not worked: a French public holiday, a Sunday, or a Saturday unless ``saturday`` (the
    trainings of assistants maternels take place on Saturdays)."""
    name = holidays_of(day.year).get(day)
    if name:
        return f"un jour férié ({name})"
    if day.weekday() == 6:
        return "un dimanche"
    if day.weekday() == 5 and not saturday:
        return "un samedi"
    return None


def suivi_period(data: Dataset, ctx) -> Period | None:
    wb = data.workbook("suivi")
    return ctx.memo("suivi-period", lambda: workbook_period(wb)) if wb else None


def date_checks(table: Table | None, name: str, today: dt.date, period: Period | None = None,
                working_day: bool = True, saturday_rows: Iterable[int] | bool = ()) -> list[Finding]:
    """A date in the future (``date-in-future``), else outside ``period``, and on a holiday, a Sunday or a
    Saturday (allowed on ``saturday_rows``, or on every row when ``saturday_rows`` is True)."""
    if table is None or not table.has(name):
        return []
    findings = []
    label = header(table, name)
    days = table.df[name].tolist()
    saturday_ok = saturday_rows if isinstance(saturday_rows, bool) else set(saturday_rows)
    suspect = {d for d in set(days) if isinstance(d, dt.date)
               and (d > today or (period is not None and d not in period)
                    or (working_day and non_working_reason(d, saturday=True)) or d.weekday() == 5)}
    # dates repeat: judged once each above, then row by row only for the few suspect ones
    for i, day in enumerate(days):
        if day not in suspect:
            continue
        if day > today:
            findings.append(table.finding(
                "date-in-future", i, name,
                label=label, day=fr_date(day), today=fr_date(today), value=day.isoformat()))
        elif period is not None and day not in period:
            findings.append(table.finding(
                "date-out-of-period", i, name,
                label=label, day=fr_date(day), start=fr_date(period.start), end=fr_date(period.end),
                sheet_name=period.sheet, at=period.cell, value=day.isoformat(),
                expected=f"{period.start.isoformat()}/{period.end.isoformat()}"))
        if working_day:
            reason = non_working_reason(day, saturday=saturday_ok is True or i in (saturday_ok or ()))
            if reason:
                findings.append(table.finding(
                    "not-a-working-day", i, name,
                    label=label, day=fr_date(day), reason=reason, value=day.isoformat()))
    return findings


def out_of_sequence(values: list[Any], skip: set | frozenset = frozenset()) -> dict[int, tuple[Any, Any]]:
    """Rows whose date breaks the order of a table sorted by date (a running number), with the dates that frame
    the place: only the odd row is returned, not its neighbours (``[1/3, 2/3, 14/2, 4/3]`` -> ``{2: (2/3, 4/3)}``).
    Nothing when the table is not sorted on the whole (fewer than 9 pairs in 10 in order). Dates in ``skip``
    (already reported: in the future, out of the period) are left out."""
    days = [v if isinstance(v, dt.date) and v not in skip else None for v in values]
    pairs = [(a, b) for a, b in zip(days, days[1:]) if a is not None and b is not None]
    if len(pairs) < 3 or sum(a <= b for a, b in pairs) < 0.9 * len(pairs):
        return {}
    odd = {}
    for i in range(1, len(days) - 1):
        prev, cur, nxt = days[i - 1], days[i], days[i + 1]
        if None in (prev, cur, nxt) or prev > nxt:
            continue
        if cur < prev or cur > nxt:
            odd[i] = (prev, nxt)
    # two neighbours in the wrong order (24/03 then 23/03) both look odd: one finding, on the later row
    return {i: span for i, span in odd.items() if i + 1 not in odd}


def reported_dates(values: Iterable[Any], today: dt.date, period: Period | None) -> set[dt.date]:
    """The dates of ``values`` that :func:`date_checks` reports (in the future, outside the period): other date
    rules leave them out, so that one wrong date gives one finding."""
    return {d for d in set(values) if isinstance(d,
                                                 dt.date) and (d > today or (period is not None and d not in period))}


def majority(values: Iterable[Any]) -> Any:
    """Most frequent value, the first seen winning a tie: ``majority(["Non", "Oui", "Non"]) == "Non"``."""
    counts = Counter(values)
    return counts.most_common(1)[0][0] if counts else None


def _plain(value: Any) -> Any:
    return value.item() if hasattr(value, "item") else value


def not_computed(workbook: str, sheet: str, cell: str, label: str) -> Finding:
    """``formula-not-computed``: a formula cell read empty because the file was saved without calculating."""
    return make("formula-not-computed", workbook, sheet, cell,
                label=label, at=cell)
