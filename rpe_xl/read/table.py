"""A sheet's table: a DataFrame whose every value knows its Excel cell.

>>> t.cell(0, "date")            # first data row, column found under header "Date"
'B5'
"""

from __future__ import annotations

from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any

import pandas as pd

from ..findings import Finding, make
from ..text import fr_value, norm
from .address import cell as a1
from .address import column_letter
from .coerce import day_fraction_hours, is_ambiguous_hours, is_date_shaped, parse, time_hours
from .source import Grid
from .description import list_choices
from .specs import Field, SheetSpec
from .table_rows import find_header, left_out_finding, left_out_rows, record_rows, rows_after_total

_NUMERIC = {"int": "Int64", "number": "float64", "hours": "float64"}


@dataclass
class Table:
    """Records of one sheet, with the origin of each value.

    ``df`` has one column per field of the spec (a missing column is all empty, see ``missing``);
    ``rows[i]`` is the Excel row of ``df`` row ``i``; ``columns[field]`` its 1-based column.
    """

    workbook: str
    sheet: str
    key: str
    header_row: int
    columns: dict[str, int]
    rows: list[int]
    df: pd.DataFrame
    missing: tuple[str, ...] = ()
    total_row: int | None = None
    total_values: dict[str, Any] = field(default_factory=dict)
    extra_columns: dict[str, int] = field(default_factory=dict)
    bad_cells: set[tuple[int, str]] = field(default_factory=set)  # (row index, field) unreadable, reported

    def __len__(self) -> int:
        return len(self.rows)

    def has(self, name: str) -> bool:
        return name in self.columns

    def records(self) -> list[dict[str, Any]]:
        """One dict per row, field -> value (``DataFrame.to_dict("records")`` is 20x slower on wide sheets)."""
        names = list(self.df.columns)
        return [dict(zip(names, values)) for values in zip(*(self.df[n].tolist() for n in names))]

    def cell(self, i: int, name: str) -> str | None:
        """A1 address of the value of field ``name`` in DataFrame row ``i``."""
        col = self.columns.get(name)
        return a1(self.rows[i], col) if col else a1(self.rows[i], 1)

    def total_cell(self, name: str) -> str | None:
        col = self.columns.get(name)
        return a1(self.total_row, col) if (self.total_row and col) else None

    def header_cell(self, name: str | None = None) -> str:
        col = self.columns.get(name, 1) if name else 1
        return a1(self.header_row, col)

    def letter(self, name: str) -> str | None:
        col = self.columns.get(name)
        return column_letter(col) if col else None

    def finding(self, code: str, i: int, name: str, *, variant: str = "default", value: Any = None,
                expected: Any = None, severity: str | None = None, **values: Any) -> Finding:
        """A finding at the cell of field ``name`` in row ``i`` (positions are never computed by rules), its
        message the template ``variant`` of ``code`` filled with ``values``."""
        return make(code, self.workbook, self.sheet, self.cell(i, name), variant=variant, value=value,
                    expected=expected, severity=severity, **values)


def build_table(workbook: str, sheet: str, grid: Grid, spec: SheetSpec,
                lists: dict[str, list[str]]) -> tuple[Table | None, list[Finding]]:
    """Find the header, read the records until the TOTAL row or the end of the table, parse values."""
    findings: list[Finding] = []
    header_idx, columns = find_header(grid, spec)
    if header_idx is None:
        wanted = ", ".join(f"« {f.header} »" for f in spec.fields if f.required)
        findings.append(make("missing-header", workbook, sheet, None,
                             sheet_name=sheet, wanted=wanted))
        return None, findings
    header_row = header_idx + 1
    missing = tuple(f.name for f in spec.fields if f.name not in columns)
    for name in missing:
        f = spec.field(name)
        if f.required:
            findings.append(make("missing-column", workbook, sheet, a1(header_row, 1),
                                 header=f.header, header_row=header_row))
    known = set(columns.values())
    extra = {str(v): c + 1 for c, v in enumerate(grid[header_idx]) if v is not None and c + 1 not in known}
    choices = {ln: list_choices(ln, values) for ln, values in lists.items()}
    records_at, total_row, end = record_rows(grid, header_idx, spec, columns)
    if total_row:
        findings += rows_after_total(workbook, sheet, grid, total_row, spec, columns)
    elif end is not None:
        findings += left_out_finding(workbook, sheet, left_out_rows(grid, end, records_at, spec, columns, choices),
                                     end, spec, columns)

    data: dict[str, list[Any]] = {}
    bad_cells: set[tuple[int, str]] = set()
    records = [grid[r] for r in records_at]
    ragged = bool(records) and min(map(len, records)) < max(columns.values(), default=0)
    for f in spec.fields:
        col = columns.get(f.name)
        if not col:
            data[f.name] = [None] * len(records)
            continue
        c = col - 1
        raws = [row[c] if c < len(row) else None for row in records] if ragged else list(map(itemgetter(c), records))
        field_choices = choices.get(f.list_name) if f.list_name else None
        seen = _parse_distinct(f.kind, raws, field_choices)  # values repeat down a column: parse each once
        if seen is None:
            parsed = [parse(f.kind, raw, field_choices) for raw in raws]
            seen = {i: p for i, p in enumerate(parsed)}
        else:
            parsed = list(map(seen.__getitem__, raws))
        data[f.name] = [p.value for p in parsed]
        if not any(p.error or p.repaired for p in seen.values()):
            continue  # nothing to report in this column (the usual case)
        out = data[f.name]
        for i, (r, raw, p) in enumerate(zip(records_at, raws, parsed)):
            if p.error:
                variant, extra = "cell", {}
                if f.kind == "int" and p.error == "invalid-number":
                    variant = "cell_not_integer" if parse("number", raw).error is None else "cell_integer"
                elif f.kind == "hours" and is_ambiguous_hours(raw):
                    variant, extra = "cell_ambiguous_hours", _ambiguous_hours(raw)
                elif p.error == "invalid-date" and is_date_shaped(raw):
                    variant = "cell_impossible"
                findings.append(make(p.error, workbook, sheet, a1(r + 1, col), variant=variant, header=f.header,
                                     typed=fr_value(raw), **extra, value=_jsonable(raw)))
                out[i] = None
                bad_cells.add((i, f.name))
            elif p.repaired:
                variant, extra = _repair(f, raw, p.value)
                findings.append(make("value-repaired", workbook, sheet, a1(r + 1, col), variant=variant,
                                     header=f.header, typed=fr_value(raw), **extra,
                                     value=_jsonable(raw), expected=_jsonable(p.value)))
    frame = pd.DataFrame({name: _column(values, spec.field(name).kind) for name, values in data.items()})
    total_values = {}
    if total_row:
        trow = grid[total_row - 1]
        total_values = {name: trow[c - 1] if c - 1 < len(trow) else None for name, c in columns.items()}
    table = Table(workbook, sheet, spec.key, header_row, columns, [r + 1 for r in records_at], frame,
                  missing, total_row, total_values, extra, bad_cells)
    return table, findings


def _parse_distinct(kind: str, raws: list[Any], choices: dict[str, str] | None) -> dict[Any, Any] | None:
    """``{raw value: Parsed}`` for the distinct values of a column, or None when values cannot be keyed
    safely (unhashable, or booleans that would collide with 1 and 0)."""
    if bool in set(map(type, raws)):  # True == 1 in a set: booleans are parsed one by one
        return None
    try:
        distinct = set(raws)
    except TypeError:
        return None
    return {raw: parse(kind, raw, choices) for raw in distinct}


def _clock(hours: float) -> str:
    """3.5 -> ``03:30`` (a time as Excel shows it)."""
    minutes = round(hours * 60)
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _ambiguous_hours(raw: float) -> dict[str, Any]:
    hours = day_fraction_hours(raw)
    return {"minutes": round(raw * 60), "clock": _clock(hours), "hours": fr_value(hours)}


def _repair(f: Field, raw: Any, value: Any) -> tuple[str, dict[str, Any]]:
    """Variant of the ``value-repaired`` message for a value read otherwise than typed, and its values."""
    if f.kind == "hours" and (time_hours(raw) is not None or day_fraction_hours(raw) is not None):
        hours = fr_value(value)
        if isinstance(raw, str):
            return "hours_text", {"raw": raw.strip(), "hours": hours}
        if isinstance(raw, float):
            return "hours_fraction", {"clock": _clock(value), "hours": hours}
        return "hours_time", {"clock": _clock(value), "hours": hours}
    if f.kind == "date":
        return "date_text", {"date": fr_value(value)}
    if isinstance(value, str) and any(c in str(raw) for c in "\u200b\u200c\u200d\u2060\ufeff"):
        return "invisible", {"clean": fr_value(value)}
    if isinstance(value, str) and any(c in str(raw) for c in "\u00a0\u202f\u2007"):
        return "nbsp", {"clean": fr_value(value)}
    if isinstance(value, str) and norm(raw) == norm(value) and str(raw).strip() == value:
        return "spaces", {"clean": fr_value(value)}
    return "read_as", {"clean": fr_value(value)}


def _column(values: list[Any], kind: str) -> pd.Series:
    dtype = _NUMERIC.get(kind)
    if dtype:
        return pd.Series(values, dtype=dtype) if values else pd.Series([], dtype=dtype)
    return pd.Series(values, dtype=object)


def _jsonable(value: Any) -> Any:
    import datetime as dt
    from decimal import Decimal

    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()[:10]
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    return str(value)
