"""Where cell values come from: a workbook file (python-calamine) or a live Excel book (through xlwings).

A source hands out *grids*: a list of rows, each a list of values, row 0 being Excel row 1 and
column 0 Excel column A. Empty cells are ``None``; formula cells give their cached value.
Everything above this module works on grids, so the CLI and the Excel buttons read the same way.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Any, Protocol

from .safety import oversized_sheets, scan_sheets

Grid = list[list[Any]]

# a formula cell whose value was never computed (file written by a script, e.g. openpyxl): <f>…</f> and no or
# an empty <v>; calamine reads it as an empty cell, which must not be taken for a typed 0
_UNCOMPUTED = re.compile(r'<c r="([A-Z]{1,3}\d+)"[^>]*>\s*<f\b[^>]*(?:/>|>[^<]*</f>)\s*(?:<v\s*/>|<v>\s*</v>)?\s*</c>')
_SHEET = re.compile(r'<sheet\b[^>]*?name="([^"]*)"[^>]*?r:id="([^"]*)"')
_REL = re.compile(r'<Relationship\b[^>]*?Id="([^"]*)"[^>]*?Target="([^"]*)"|<Relationship\b[^>]*?Target="([^"]*)"[^>]*?Id="([^"]*)"')


class GridSource(Protocol):
    """A workbook seen as named grids."""

    name: str

    def sheet_names(self) -> list[str]: ...

    def grid(self, sheet: str) -> Grid: ...

    def uncomputed(self, sheet: str) -> set[str]:
        """A1 addresses of formula cells that hold no computed value (read as empty)."""
        ...


class SheetTooLarge(Exception):
    """A sheet whose farthest filled cell is so far that reading it would exhaust the memory: left out."""

    def __init__(self, sheet: str, cell: str):
        super().__init__(sheet)
        self.sheet, self.cell = sheet, cell


class CalamineSource:
    """Reads an .xlsx/.xlsm file with python-calamine (15-25x faster than openpyxl's reader).

    calamine gives an empty text for a cell holding a formula error (``#REF!``, ``#N/A``…): those cells are
    found in the sheet's XML and put back in the grid as their error text, so that they are reported as
    formula errors, not taken for empty cells."""

    def __init__(self, path: Path):
        from .files import display_name, open_book
        from .prefetch import take

        self.name = display_name(path)  # printable whatever bytes the file system holds
        self.path = path
        self._oversized = oversized_sheets(path)
        prefetched = take(path)
        self._book, self._sheets, self._errors = prefetched or (open_book(path), {}, None)
        self._cache: dict[str, Grid] = {}

    def sheet_names(self) -> list[str]:
        return list(self._book.sheet_names)

    def grid(self, sheet: str) -> Grid:
        if sheet in self._oversized:
            raise SheetTooLarge(sheet, self._oversized[sheet])
        if sheet not in self._cache:
            parsed = self._sheets.pop(sheet, None) or self._book.get_sheet_by_name(sheet)
            grid = _empty_as_none(parsed.to_python(skip_empty_area=False))
            if self._errors is None:
                self._errors = error_cells(self.path)
            for (r, c), text in self._errors.get(sheet, {}).items():
                if r < len(grid) and c < len(grid[r]) and grid[r][c] is None:
                    grid[r][c] = text
            self._cache[sheet] = grid
        return self._cache[sheet]

    def uncomputed(self, sheet: str) -> set[str]:
        """Formula cells without a cached value, found in the sheet's XML (read only when a rule asks)."""
        try:
            with zipfile.ZipFile(self.path) as zf:
                xml = zf.read(sheet_part(zf, sheet)).decode("utf-8", "replace")
        except (KeyError, OSError, zipfile.BadZipFile):
            return set()
        return set(_UNCOMPUTED.findall(xml)) if "<f" in xml else set()


def error_cells(path: Path) -> dict[str, dict[tuple[int, int], str]]:
    """Sheet name -> {(row, column) 0-based: error text} of the cells holding a formula error (``#REF!``…),
    read from the sheet XML in the same pass as :func:`rpe_xl.read.safety.oversized_sheets`."""
    return scan_sheets(path).errors


def _empty_as_none(rows: Grid) -> Grid:
    """Empty cells as None (calamine gives ""), in place: only rows holding an empty text are rebuilt."""
    for row in rows:
        if "" in row:
            row[:] = [None if v == "" else v for v in row]
    return rows


def sheet_part(zf: zipfile.ZipFile, sheet: str) -> str:
    """Zip member of a sheet (``xl/worksheets/sheet2.xml``), from the workbook's sheet list and relationships."""
    from xml.sax.saxutils import unescape

    book = zf.read("xl/workbook.xml").decode("utf-8")
    rels = zf.read("xl/_rels/workbook.xml.rels").decode("utf-8")
    targets = {m[0] or m[3]: m[1] or m[2] for m in _REL.findall(rels)}
    rid = next(r for name, r in _SHEET.findall(book) if unescape(name, {"&quot;": '"', "&apos;": "'"}) == sheet)
    target = targets[rid].lstrip("/")
    return target if target.startswith("xl/") else "xl/" + target


class BookSource:
    """A live workbook open in Excel, read through xlwings: the Excel door passes ``xw.Book.caller()`` (or a
    remote-engine ``xw.Book(json=…)``); this module never imports xlwings. Cells are read from A1 so the
    addresses are the same as in the file. Excel keeps formulas computed: nothing is ever uncomputed; a formula
    error comes as its text (``#REF!``, xlwings' ``err_to_str``), as from a file."""

    def __init__(self, book: Any):
        self.name = book.name
        self._book = book
        self._cache: dict[str, Grid] = {}

    def sheet_names(self) -> list[str]:
        return [sheet.name for sheet in self._book.sheets]

    def grid(self, sheet: str) -> Grid:
        if sheet not in self._cache:
            xl_sheet = self._book.sheets[sheet]
            last = xl_sheet.used_range.last_cell
            values = xl_sheet.range((1, 1), (last.row, last.column)).options(ndim=2, err_to_str=True).value or []
            self._cache[sheet] = _empty_as_none([list(row) for row in values])
        return self._cache[sheet]

    def uncomputed(self, sheet: str) -> set[str]:
        return set()


class MemorySource:
    """Grids given directly (tests, or values pulled from Excel by the xlwings door)."""

    def __init__(self, name: str, sheets: dict[str, Grid]):
        self.name = name
        self._sheets = {k: _empty_as_none([list(row) for row in g]) for k, g in sheets.items()}

    def sheet_names(self) -> list[str]:
        return list(self._sheets)

    def grid(self, sheet: str) -> Grid:
        return self._sheets[sheet]

    def uncomputed(self, sheet: str) -> set[str]:
        return set()
