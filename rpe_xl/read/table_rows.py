"""Where a sheet's table lies in its grid: the header row, the record rows, and rows typed outside the table.

Blank rows inside a table are skipped and the rows below them are still records; a TOTAL row ends the table.
After a blank row, a block that does not look like records (labels below the table: ``Baisse | 782``) ends it,
unless records follow it or it holds, besides a few values, an identifier shaped like the ones above
(``AM-0180``) in its first cell. A row left out there that still looks like part of a record (an identifier, a
value of a drop-down list) is reported (``row-after-table``), never dropped silently.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from itertools import chain
from operator import itemgetter
from typing import Any

from ..findings import Finding, make
from ..text import norm
from .address import cell as a1
from .coerce import parse
from .source import Grid
from .specs import Field, SheetSpec

TOTAL_LABELS = {"total", "total animatrices", "total general"}
HEADER_SCAN_ROWS = 20
KEY_SHARE = 0.9  # share of the records whose first cell has one shape for that shape to be an identifier's


def find_header(grid: Grid, spec: SheetSpec) -> tuple[int | None, dict[str, int]]:
    """Index (0-based) of the header row and the column of each field found in it."""
    best: tuple[int | None, dict[str, int]] = (None, {})
    need = min(2, len(spec.fields))
    wanted = [(f.name, _header_keys(f), f.prefix) for f in spec.fields]
    for r, row in enumerate(grid[:HEADER_SCAN_ROWS]):
        found: dict[str, int] = {}
        for c, value in enumerate(row):
            if value is None or not isinstance(value, str):
                continue
            key = norm(value)
            for name, keys, prefix in wanted:
                if name not in found and (key in keys or (prefix and key.startswith(keys))):
                    found[name] = c + 1
                    break
        if len(found) >= need and len(found) > len(best[1]):
            best = (r, found)
    return best


@lru_cache(maxsize=None)
def _header_keys(f: Field) -> tuple[str, ...]:
    """Normalised header texts of a field (same matching as ``Field.matches``, computed once)."""
    return tuple(norm(text) for text in (f.header, *f.aliases))


def table_columns(spec: SheetSpec, columns: dict[str, int]) -> list[int]:
    """1-based columns of the table's fields, helper columns (formulas computed from the others) left out."""
    helpers = {f.name for f in spec.fields if f.helper}
    return sorted(c for name, c in columns.items() if name not in helpers)


def record_rows(grid: Grid, header_idx: int, spec: SheetSpec,
                columns: dict[str, int]) -> tuple[list[int], int | None, int | None]:
    """(0-based grid rows of the records below the header, Excel row of the TOTAL row or None, 0-based row where
    a block that is not records begins after a blank row, or None). Sheets run to tens of thousands of rows:
    cells are counted with C-level tuple operations unless a table cell holds a text of spaces."""
    cols = table_columns(spec, columns)
    first = (cols[0] if cols else 1) - 1
    body = grid[header_idx + 1:]
    count = _fast_count(body, cols) or (lambda row: _filled(row, cols))
    rows: list[int] = []
    typical = 0
    gap = False
    key: list[str | None] = []  # shape of the identifiers, from the records above the first blank row
    below = -1  # the next row that looks like a record, below a row that does not
    for r, row in enumerate(body, start=header_idx + 1):
        label = row[first] if first < len(row) else None
        if label.__class__ is str and label.lstrip()[:5].casefold() == "total" and norm(label) in TOTAL_LABELS:
            return rows, r + 1, None
        if spec.ends_at and label.__class__ is str and norm(label).startswith(tuple(map(norm, spec.ends_at))):
            return rows, None, None   # a block of labels below the table (``Activité prévisionnelle``)
        n = count(row)
        if n == 0:
            gap = True
            continue
        if gap and rows and not _looks_like_record(row, spec, columns, n, typical):
            key = key or [_key_shape([grid[i][first] if first < len(grid[i]) else None for i in rows])]
            keyed = n >= 2 and key[0] is not None and _shape(label) == key[0]
            if not keyed and below < r:  # looked for once per stretch of such rows
                below = _first_record(grid, r + 1, spec, columns, count, typical)
            if not keyed and below == len(grid):
                return rows, None, r
        gap = False
        rows.append(r)
        typical = max(typical, n)
    return rows, None, None


def _first_record(grid: Grid, start: int, spec: SheetSpec, columns: dict[str, int], count, typical: int) -> int:
    """Index of the first row from ``start`` that looks like a record (``len(grid)`` when none does)."""
    return next((r for r in range(start, len(grid)) if (n := count(grid[r]))
                 and _looks_like_record(grid[r], spec, columns, n, typical)), len(grid))


def _shape(value: Any) -> str | None:
    """Shape of an identifier: ``"AM-0180"`` -> ``"AM-9999"``, a whole number -> ``"9"``; None for a value
    without digits (a label)."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        return "9" if float(value).is_integer() else None
    text = str(value).strip()
    return re.sub(r"\d", "9", text) if re.search(r"\d", text) else None


def _key_shape(values: list[Any]) -> str | None:
    """The shape most first cells of the records share (identifiers, running numbers), or None."""
    shapes = Counter(_shape(v) for v in values if v is not None)
    if not shapes:
        return None
    shape, n = shapes.most_common(1)[0]
    return shape if shape is not None and n >= KEY_SHARE * sum(shapes.values()) else None


def left_out_rows(grid: Grid, start: int, records: list[int], spec: SheetSpec, columns: dict[str, int],
                  choices: dict[str, dict[str, str]]) -> list[int]:
    """Excel rows from ``start`` (0-based) to the end of the sheet that look like part of a record of the table
    although it ended above them: a value of one of the table's drop-down lists in its column, or a first cell
    shaped like the records' identifiers."""
    cols = table_columns(spec, columns)
    if not cols:
        return []
    first = cols[0] - 1
    key = _key_shape([grid[i][first] if first < len(grid[i]) else None for i in records])
    listed = [(columns[f.name] - 1, choices.get(f.list_name) or {}) for f in spec.fields
              if f.list_name and f.name in columns]
    out = []
    for r in range(start, len(grid)):
        row = grid[r]
        if not _filled(row, cols):
            continue
        keyed = key is not None and first < len(row) and _shape(row[first]) == key
        if keyed or any(c < len(row) and row[c] is not None and norm(row[c]) in values for c, values in listed):
            out.append(r + 1)
    return out


def left_out_finding(workbook: str, sheet: str, rows: list[int], gap_row: int, spec: SheetSpec,
                     columns: dict[str, int]) -> list[Finding]:
    """``row-after-table`` at the first row typed below a blank row that the table does not take."""
    if not rows:
        return []
    cols = table_columns(spec, columns)
    first = next(f for f in spec.fields if columns.get(f.name) == cols[0])
    variant = "gap_one" if len(rows) == 1 else "gap_several"
    return [make("row-after-table", workbook, sheet, a1(rows[0], cols[0]), variant=variant, gap_row=gap_row,
                 count=len(rows), first_row=rows[0], last_row=rows[-1], header=first.header)]


def rows_after_total(workbook: str, sheet: str, grid: Grid, total_row: int, spec: SheetSpec,
                     columns: dict[str, int]) -> list[Finding]:
    """Records typed below the TOTAL row (the total and the indicators leave them out): ``row-after-table``."""
    cols = table_columns(spec, columns)
    need = max(2, (len(cols) + 1) // 2)
    rows = [r + 1 for r in range(total_row, len(grid)) if _filled(grid[r], cols) >= need]
    if not rows:
        return []
    variant = "total_one" if len(rows) == 1 else "total_several"
    return [make("row-after-table", workbook, sheet, a1(rows[0], cols[0]), variant=variant, total_row=total_row,
                 count=len(rows), first_row=rows[0], last_row=rows[-1])]


def _fast_count(body: Grid, cols: list[int]):
    """A function counting the filled table cells of a row, or None when the slow way is needed (rows shorter
    than the table, unhashable values, or a text made of spaces that must count as empty)."""
    if not cols or not body or min(map(len, body)) < cols[-1]:
        return None
    get = itemgetter(*(c - 1 for c in cols)) if len(cols) > 1 else (lambda row, i=cols[0] - 1: (row[i],))
    try:
        distinct = set(chain.from_iterable(map(get, body)))
    except TypeError:
        return None
    if any(v.__class__ is str and (not v or v.isspace()) for v in distinct):
        return None
    size = len(cols)
    return lambda row: size - get(row).count(None)


def _filled(row: list[Any], cols: list[int]) -> int:
    """How many of the table's columns hold something (a text of spaces counts as empty)."""
    n = 0
    for c in cols:
        if c <= len(row):
            v = row[c - 1]
            if v is not None and not (v.__class__ is str and (not v or v.isspace())):
                n += 1
    return n


def _looks_like_record(row: list[Any], spec: SheetSpec, columns: dict[str, int], n: int, typical: int) -> bool:
    """After a blank row: a record of this table fills its columns like the rows above, with values of the
    right type, while a block of labels below the table (``Baisse``, ``Activité prévisionnelle``) does not."""
    if n * 2 < typical:
        return False
    ok = total = 0
    for f in spec.fields:
        col = columns.get(f.name)
        if not col or col - 1 >= len(row) or row[col - 1] is None or f.kind in ("text", "free", "any", "code"):
            continue
        total += 1
        ok += parse(f.kind, row[col - 1]).error is None
    return total == 0 or ok * 2 > total
