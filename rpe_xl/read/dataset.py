"""Open the team's workbooks (files or folders) and recognise each one.

>>> data = load([Path("workbooks")])
>>> data.table("suivi", "contacts_familles").cell(0, "date")
'B5'
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from ..findings import Finding, make
from ..text import norm
from .address import cell as a1
from .files import display_name, workbook_files
from .safety import check_file, lock_file, reader_reason
from .source import CalamineSource, Grid, GridSource, SheetTooLarge
from .description import workbooks
from .specs import SheetSpec, WorkbookSpec
from .table import Table, build_table



@dataclass
class Lists:
    """The *Listes* sheet: one list per column, header on row 1, with the cell of every value."""

    values: dict[str, list[str]] = field(default_factory=dict)
    cells: dict[str, list[str]] = field(default_factory=dict)

    @classmethod
    def from_grid(cls, grid: Grid) -> "Lists":
        lists = cls()
        if not grid:
            return lists
        for c, name in enumerate(grid[0]):
            if not isinstance(name, str) or not name.strip():
                continue
            values, cells = [], []
            for r in range(1, len(grid)):
                v = grid[r][c] if c < len(grid[r]) else None
                if v is None or (isinstance(v, str) and not v.strip()):
                    continue
                values.append(str(v).strip())
                cells.append(a1(r + 1, c + 1))
            lists.values[name.strip()] = values
            lists.cells[name.strip()] = cells
        return lists


@dataclass
class Workbook:
    """One recognised workbook: its tables, its grid sheets and its drop-down lists."""

    path: Path
    spec: WorkbookSpec
    source: GridSource
    tables: dict[str, Table] = field(default_factory=dict)
    sheet_names: dict[str, list[str]] = field(default_factory=dict)  # spec key -> actual sheet names
    lists: Lists = field(default_factory=Lists)

    @property
    def name(self) -> str:
        return self.source.name

    @property
    def kind(self) -> str:
        return self.spec.kind

    def grid(self, key: str) -> Grid | None:
        """Grid of the (first) sheet of spec key ``key``."""
        names = self.sheet_names.get(key)
        return self.source.grid(names[0]) if names else None

    def uncomputed(self, sheet: str) -> set[str]:
        """Formula cells of ``sheet`` that hold no computed value (the file was saved without calculating)."""
        return self.source.uncomputed(sheet)

    def grids(self, key: str) -> list[tuple[str, Grid]]:
        """All sheets of a ``many`` spec (``Planning …``, ``BP …``) as (sheet name, grid)."""
        return [(n, self.source.grid(n)) for n in self.sheet_names.get(key, [])]


@dataclass
class Dataset:
    """Everything read: workbooks by kind, and the findings of reading."""

    workbooks: dict[str, Workbook] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)

    def table(self, kind: str, key: str) -> Table | None:
        wb = self.workbooks.get(kind)
        return wb.tables.get(key) if wb else None

    def workbook(self, kind: str) -> Workbook | None:
        return self.workbooks.get(kind)


def recognise(sheet_names: list[str]) -> WorkbookSpec | None:
    """The workbook spec whose sheets best match the file's sheet names."""
    present = {norm(n) for n in sheet_names}
    best, best_score = None, 0
    for spec in workbooks():
        score = sum(1 for s in spec.sheets if s.layout == "table" and norm(s.name) in present)
        if score > best_score:
            best, best_score = spec, score
    return best


def _match_sheets(spec: SheetSpec, names: list[str]) -> tuple[list[str], str | None]:
    """Actual sheet names for a spec sheet; the second item is set when matched only approximately."""
    if spec.many:
        prefix = norm(spec.name)
        return [n for n in names if norm(n).startswith(prefix)], None
    exact = [n for n in names if norm(n) == norm(spec.name)]
    if exact:  # « SEANCES » for « Séances »: found like a header, whatever the case, accents or spaces
        return exact[:1], None
    close = difflib.get_close_matches(norm(spec.name), [norm(n) for n in names], n=1, cutoff=0.8)
    if not close:  # « Communes 2025 »: the name followed by a year or a word
        close = [norm(n) for n in names if norm(n).startswith(norm(spec.name) + " ")][:1]
    if close:
        actual = next(n for n in names if norm(n) == close[0])
        return [actual], actual
    return [], None


def open_workbook(path: Path, source: GridSource | None = None) -> tuple[Workbook | None, list[Finding]]:
    """Read one workbook; never raises for a bad file, returns findings instead."""
    findings: list[Finding] = []
    if source is None:
        refusal = check_file(path)
        if refusal:
            return None, [make(refusal.code, display_name(path), None, None, variant=refusal.variant,
                                       **refusal.values)]
        lock = lock_file(path)
        if lock:
            findings.append(make("file-locked", display_name(path), None, None,
                                 display_name=display_name(lock)))
        try:
            source = CalamineSource(path)
        except Exception as exc:  # calamine raises several types for broken files
            return None, findings + [make("file-unreadable", display_name(path), None, None,
                                          variant="workbook", reader_reason=reader_reason(exc))]
    names = source.sheet_names()
    spec = recognise(names)
    if spec is None:
        return None, findings + [make("unknown-workbook", source.name, None, None)]
    wb = Workbook(path, spec, source)
    for sheet_spec in spec.sheets:
        actual, approx = _match_sheets(sheet_spec, names)
        if approx:
            findings.append(make("sheet-renamed", source.name, approx, None,
                                 approx=approx, expected_sheet=sheet_spec.name))
        if not actual:
            if sheet_spec.required:
                findings.append(make("missing-sheet", source.name, None, None,
                                     expected_sheet=sheet_spec.name))
            continue
        wb.sheet_names[sheet_spec.key] = actual
    if "listes" in wb.sheet_names:
        grid = _grid_or_finding(wb, wb.sheet_names["listes"][0], findings)
        wb.lists = Lists.from_grid(grid) if grid is not None else Lists()
    for sheet_spec in spec.sheets:
        if sheet_spec.key not in wb.sheet_names or sheet_spec.key == "listes":
            continue
        if sheet_spec.layout != "table":  # grid sheets: read now, so a damaged one is dropped with a finding
            wb.sheet_names[sheet_spec.key] = [n for n in wb.sheet_names[sheet_spec.key]
                                              if _grid_or_finding(wb, n, findings) is not None]
            continue
        sheet = wb.sheet_names[sheet_spec.key][0]
        grid = _grid_or_finding(wb, sheet, findings)
        if grid is None:  # unreadable or too large (reported): as if absent, for every rule
            del wb.sheet_names[sheet_spec.key]
            continue
        table, found = build_table(source.name, sheet, grid, sheet_spec, wb.lists.values)
        findings.extend(found)
        if table is not None:
            wb.tables[sheet_spec.key] = table
            if not len(table) and sheet_spec.required:
                findings.append(make("empty-table", source.name, sheet, table.header_cell(),
                                     sheet_name=sheet))
    return wb, findings


def _grid_or_finding(wb: Workbook, sheet: str, findings: list[Finding]) -> Grid | None:
    """The sheet's grid, or None and a finding when that sheet is damaged (the other sheets are still read)."""
    try:
        return wb.source.grid(sheet)
    except SheetTooLarge as exc:
        findings.append(make("file-too-large", wb.name, sheet, exc.cell, variant="far_cell",
                             sheet_name=sheet, at=exc.cell))
        return None
    except Exception as exc:  # calamine raises several types for a broken sheet
        findings.append(make("file-unreadable", wb.name, sheet, None,
                             sheet_name=sheet, reader_reason=reader_reason(exc)))
        return None


def load(paths: Iterable[Path]) -> Dataset:
    """Read every workbook found under ``paths``; bad files become findings, the others are still read."""
    files, findings = workbook_files(paths)
    data = Dataset(findings=findings)
    for path in files:
        wb, found = open_workbook(path)
        data.findings.extend(found)
        if wb is None:
            continue
        if wb.kind in data.workbooks:
            kept, dropped = _latest(data.workbooks[wb.kind], wb)
            data.workbooks[wb.kind] = kept
            if dropped.name != kept.name:  # an ignored file is not checked: its reading findings go
                data.findings = [f for f in data.findings if f.workbook != dropped.name]
            data.findings.append(make("duplicate-workbook", dropped.name, None, None,
                                      title=wb.spec.title, kept=kept.name, kept_when=_when(kept), dropped=dropped.name,
                                      dropped_when=_when(dropped)))
            continue
        data.workbooks[wb.kind] = wb
    return data


_DATE_IN_NAME = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def _dates(wb: Workbook) -> tuple[dt.date, dt.date]:
    """How recent a workbook is: its séance's « Date » (Bureau), then the date AAAA-MM-JJ of its file name."""
    seance = wb.tables.get("seance")
    day = value_of(seance, "Date")[0] if seance is not None and "key" in seance.df else None
    m = _DATE_IN_NAME.search(wb.name)
    try:
        named = dt.date(*map(int, m.groups())) if m else dt.date.min
    except ValueError:
        named = dt.date.min
    return (day if isinstance(day, dt.date) else dt.date.min), named


def _when(wb: Workbook) -> str:
    day = _dates(wb)[0]
    return f" (séance du {day.strftime('%d/%m/%Y')})" if day > dt.date.min else ""


def _latest(first: Workbook, second: Workbook) -> tuple[Workbook, Workbook]:
    """(kept, ignored) of two workbooks of the same kind: the most recent one (see :func:`_dates`), else the first."""
    return (second, first) if _dates(second) > _dates(first) else (first, second)


def load_sources(sources: Iterable[GridSource]) -> Dataset:
    """Same as :func:`load` for sources already open (a live Excel book, grids built by tests)."""
    data = Dataset()
    for source in sources:
        wb, found = open_workbook(Path(source.name), source)
        data.findings.extend(found)
        if wb is not None and wb.kind not in data.workbooks:
            data.workbooks[wb.kind] = wb
    return data


def value_of(table: Table, key: str) -> tuple[Any, int | None]:
    """In a key/value table (``Rubrique | Valeur``), the value for ``key`` and its row index; keys match
    whatever the case, accents, spaces or kind of dash. An empty value is None."""
    wanted = _key(key)
    for i, k in enumerate(table.df["key"]):
        if _key(k) == wanted:
            v = table.df["value"].iloc[i]
            return (None if v is None or (isinstance(v, str) and not v.strip()) else v), i
    return None, None


def _key(text: object) -> str:
    return re.sub(r"[\u2010-\u2015-]+", "-", norm(text))
