"""Where cell values come from: a workbook file (python-calamine) or, later, a live Excel book (xlwings).

A source hands out *grids*: a list of rows, each a list of values, row 0 being Excel row 1 and
column 0 Excel column A. Empty cells are ``None``; formula cells give their cached value.
Everything above this module works on grids, so the CLI and the Excel buttons read the same way.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Protocol

Grid = list[list[Any]]


class GridSource(Protocol):
    """A workbook seen as named grids."""

    name: str

    def sheet_names(self) -> list[str]: ...

    def grid(self, sheet: str) -> Grid: ...


class CalamineSource:
    """Reads an .xlsx/.xlsm file with python-calamine (15-25x faster than openpyxl's reader)."""

    def __init__(self, path: Path):
        from python_calamine import CalamineWorkbook

        self.name = path.name
        self.path = path
        self._book = CalamineWorkbook.from_path(str(path))
        self._cache: dict[str, Grid] = {}

    def sheet_names(self) -> list[str]:
        return list(self._book.sheet_names)

    def grid(self, sheet: str) -> Grid:
        if sheet not in self._cache:
            rows = self._book.get_sheet_by_name(sheet).to_python(skip_empty_area=False)
            self._cache[sheet] = [[None if v == "" else v for v in row] for row in rows]
        return self._cache[sheet]


class MemorySource:
    """Grids given directly (tests, or values pulled from Excel by the xlwings door)."""

    def __init__(self, name: str, sheets: dict[str, Grid]):
        self.name = name
        self._sheets = {k: [[None if v == "" else v for v in row] for row in g] for k, g in sheets.items()}

    def sheet_names(self) -> list[str]:
        return list(self._sheets)

    def grid(self, sheet: str) -> Grid:
        return self._sheets[sheet]
