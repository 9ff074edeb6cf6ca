"""A sheet's table: a DataFrame whose every value knows its Excel cell.

>>> t.cell(0, "date")            # first data row, column found under header "Date"
'B5'
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from itertools import chain
from operator import itemgetter
from typing import Any

import pandas as pd

from ..findings import Finding, make
from ..text import fr_value, norm
from .address import cell as a1
from .address import column_letter
from .coerce import is_date_shaped, parse
from .source import Grid
from .specs import Field, SheetSpec

TOTAL_LABELS = {"total", "total animatrices", "total general"}
HEADER_SCAN_ROWS = 20
_PROBLEMS = {
    "invalid-number": "n'est pas un nombre : saisissez un nombre (ex. 4 ou 4,5), sans texte.",
    "invalid-date": "n'est pas une date : saisissez une date au format jj/mm/aaaa.",
    "invalid-time": "n'est pas une durée lisible : saisissez par exemple 7h ou 31h30.",
    "formula-error": "est une formule en erreur : corrigez la formule ou la cellule qu'elle utilise.",
}
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

    def finding(self, code: str, i: int, name: str, message: str, value: Any = None,
                expected: Any = None, severity: str | None = None) -> Finding:
        """A finding at the cell of field ``name`` in row ``i`` (positions are never computed by rules)."""
        return make(code, self.workbook, self.sheet, self.cell(i, name), message, value, expected, severity)


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


def _record_rows(grid: Grid, header_idx: int, spec: SheetSpec, columns: dict[str, int]) -> tuple[list[int], int | None]:
    """0-based grid rows of the records below the header, and the Excel row of the TOTAL row (or None).

    A blank row is skipped, not taken for the end of the table; after a blank row, a row that does not look
    like a record (labels below the table) ends it. Sheets run to tens of thousands of rows: cells are counted
    with C-level tuple operations unless a table cell holds a text of spaces (then one by one)."""
    helpers = {f.name for f in spec.fields if f.helper}
    cols = sorted(c for name, c in columns.items() if name not in helpers)
    first = (cols[0] if cols else 1) - 1
    body = grid[header_idx + 1:]
    count = _fast_count(body, cols)
    record_rows: list[int] = []
    typical = 0
    gap = False
    for r, row in enumerate(body, start=header_idx + 1):
        label = row[first] if first < len(row) else None
        if label.__class__ is str and label.lstrip()[:5].casefold() == "total" and norm(label) in TOTAL_LABELS:
            return record_rows, r + 1
        n = count(row) if count else _filled(row, cols)
        if n == 0:
            gap = True
            continue
        if gap and record_rows and not _looks_like_record(row, spec, columns, n, typical):
            break
        gap = False
        record_rows.append(r)
        typical = max(typical, n)
    return record_rows, None


def _rows_after_total(workbook: str, sheet: str, grid: Grid, total_row: int, spec: SheetSpec,
                      columns: dict[str, int]) -> list[Finding]:
    """Records typed below the TOTAL row (the total and the indicators leave them out): ``row-after-table``."""
    helpers = {f.name for f in spec.fields if f.helper}
    cols = sorted(c for name, c in columns.items() if name not in helpers)
    need = max(2, (len(cols) + 1) // 2)
    rows = [r + 1 for r in range(total_row, len(grid)) if _filled(grid[r], cols) >= need]
    if not rows:
        return []
    if len(rows) == 1:
        what = (f"Ligne {rows[0]} saisie sous la ligne de total (ligne {total_row}) : elle n'est ni comptée dans le "
                "total ni lue ; insérez une ligne au-dessus du total et déplacez-y ses valeurs.")
    else:
        what = (f"{len(rows)} lignes saisies sous la ligne de total (ligne {total_row}), de la ligne {rows[0]} à la "
                f"ligne {rows[-1]} : elles ne sont ni comptées dans le total ni lues ; insérez-les au-dessus du "
                "total, ou supprimez-les.")
    return [make("row-after-table", workbook, sheet, a1(rows[0], cols[0]), what)]


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


def build_table(workbook: str, sheet: str, grid: Grid, spec: SheetSpec,
                lists: dict[str, list[str]]) -> tuple[Table | None, list[Finding]]:
    """Find the header, read the records until the TOTAL row or the end of the table, parse values."""
    findings: list[Finding] = []
    header_idx, columns = find_header(grid, spec)
    if header_idx is None:
        wanted = ", ".join(f"« {f.header} »" for f in spec.fields if f.required)
        findings.append(make("missing-header", workbook, sheet, None,
                             f"Ligne d'en-tête introuvable dans la feuille « {sheet} » : les colonnes {wanted} "
                             "sont attendues sur une même ligne."))
        return None, findings
    header_row = header_idx + 1
    missing = tuple(f.name for f in spec.fields if f.name not in columns)
    for name in missing:
        f = spec.field(name)
        if f.required:
            findings.append(make("missing-column", workbook, sheet, a1(header_row, 1),
                                 f"Colonne « {f.header} » introuvable sur la ligne d'en-tête {header_row} : "
                                 "rétablissez-la (le nom exact compte, pas sa place)."))
    known = set(columns.values())
    extra = {str(v): c + 1 for c, v in enumerate(grid[header_idx]) if v is not None and c + 1 not in known}
    record_rows, total_row = _record_rows(grid, header_idx, spec, columns)
    if total_row:
        findings += _rows_after_total(workbook, sheet, grid, total_row, spec, columns)

    data: dict[str, list[Any]] = {}
    choices = {ln: {norm(v): v for v in values} for ln, values in lists.items()}
    bad_cells: set[tuple[int, str]] = set()
    records = [grid[r] for r in record_rows]
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
        for i, (r, raw, p) in enumerate(zip(record_rows, raws, parsed)):
            if p.error:
                problem = _PROBLEMS[p.error]
                if f.kind == "int" and p.error == "invalid-number":
                    problem = ("n'est pas un nombre entier : saisissez un nombre entier (ex. 4)."
                               if parse("number", raw).error is None
                               else "n'est pas un nombre : saisissez un nombre entier (ex. 4), sans texte.")
                elif p.error == "invalid-date" and is_date_shaped(raw):
                    problem = ("n'existe pas au calendrier (jour ou mois impossible, 29/02 d'une année non "
                               "bissextile…) : corrigez le jour ou le mois.")
                findings.append(make(p.error, workbook, sheet, a1(r + 1, col),
                                     f"{f.header} : {fr_value(raw)} {problem}", value=_jsonable(raw)))
                out[i] = None
                bad_cells.add((i, f.name))
            elif p.repaired:
                findings.append(make("value-repaired", workbook, sheet, a1(r + 1, col),
                                     _repair_message(f, raw, p.value),
                                     value=_jsonable(raw), expected=_jsonable(p.value)))
    frame = pd.DataFrame({name: _column(values, spec.field(name).kind) for name, values in data.items()})
    total_values = {}
    if total_row:
        trow = grid[total_row - 1]
        total_values = {name: trow[c - 1] if c - 1 < len(trow) else None for name, c in columns.items()}
    table = Table(workbook, sheet, spec.key, header_row, columns, [r + 1 for r in record_rows], frame,
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


def _repair_message(f: Field, raw: Any, value: Any) -> str:
    if f.kind == "date":
        return (f"{f.header} : {fr_value(raw)} lu comme la date {fr_value(value)} ; saisissez-la comme une date "
                "Excel (jj/mm/aaaa), pas comme du texte.")
    if isinstance(value, str) and any(c in str(raw) for c in "\u200b\u200c\u200d\u2060\ufeff"):
        return (f"{f.header} : {fr_value(value)} contient un caractère invisible (copié d'une page web ou d'un mail) ; "
                f"effacez la cellule et saisissez {fr_value(value)} au clavier.")
    if isinstance(value, str) and any(c in str(raw) for c in "\u00a0\u202f\u2007"):
        return (f"{f.header} : {fr_value(raw)} contient une espace insécable (invisible) ; saisissez {fr_value(value)} "
                "avec des espaces ordinaires.")
    if isinstance(value, str) and norm(raw) == norm(value) and str(raw).strip() == value:
        return f"{f.header} : {fr_value(raw)} contient des espaces en trop ; saisissez {fr_value(value)}."
    return f"{f.header} : {fr_value(raw)} lu comme {fr_value(value)} ; saisissez {fr_value(value)} directement."


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
