"""A result sheet described once, whatever writes it: cells (value, style, formula with its computed value, link),
column widths, row heights, merged ranges, native charts and the print settings.

Two writers take the same description: :mod:`rpe_xl.report.xlsx_target` (an output file, xlsxwriter) and
:mod:`rpe_xl.report.xlwings_target` (a sheet of the workbook open in Excel). Rows and columns are 0-based; widths
are in characters (Excel's unit), heights in points.

>>> sheet = SheetLayout("Contrôles")
>>> sheet.put(0, 0, "Bilan", TITLE)
>>> sheet.last_row
0
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

LINE_PT = 15.0          # height of one line of Calibri 11 (Excel's default row height)
DEFAULT_WIDTH = 8.43    # Excel's default column width, in characters


@dataclass(frozen=True)
class Style:
    """How a cell looks; the same on both targets. Colours are ``#RRGGBB``."""

    bold: bool = False
    italic: bool = False
    size: float | None = None
    color: str | None = None
    fill: str | None = None
    num_format: str | None = None
    wrap: bool = False
    border: bool = False      # a thin box around the cell
    top: bool = False         # a thin line above (totals)

    def but(self, **changes: Any) -> "Style":
        return Style(**{**self.__dict__, **changes})


TITLE = Style(bold=True, size=13)
BOLD = Style(bold=True)
HEAD = Style(bold=True, fill="#DDEBF7", border=True, wrap=True)
LABEL = Style(border=True)
NOTE = Style(italic=True, wrap=True)
WRAP = Style(wrap=True)
HOURS = '[h]"h"mm'            # « 6h45 », as the console prints hours; the value is a fraction of a day
MONEY = '#,##0.00 "€"'
SEVERITY_COLORS = {"erreur": "#C00000", "avertissement": "#C65911", "info": "#1F4E78"}


@dataclass
class Cell:
    value: Any = None              # text, number or None; for a formula, its computed value
    style: Style | None = None
    formula: str | None = None     # "=SUM(B5:B9)", written with ``value`` as its cached result
    link: str | None = None        # "#'Feuille'!A1" (in the same book) or a relative file path + "#'Feuille'!A1"
    tip: str | None = None


@dataclass
class Chart:
    """A native chart: ``kind`` (column, bar…), series of ``(name, categories, values)`` where a range is
    ``(first_row, first_col, last_row, last_col)`` of this sheet, anchored at ``(row, col)``."""

    kind: str
    title: str
    series: list[tuple[str, tuple[int, int, int, int], tuple[int, int, int, int]]]
    row: int
    col: int
    width_px: int = 480
    height_px: int = 288
    subtype: str | None = None
    legend: bool = True
    reverse_categories: bool = False
    value_format: str | None = None


@dataclass
class SheetLayout:
    """One sheet: its cells and everything needed to show and print it well."""

    name: str
    cells: dict[tuple[int, int], Cell] = field(default_factory=dict)
    widths: dict[int, float] = field(default_factory=dict)
    heights: dict[int, float] = field(default_factory=dict)
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)
    blocks: list[tuple[int, int]] = field(default_factory=list)   # row spans kept on one page when they fit
    title_rows: tuple[int, int] | None = None                     # repeated at the top of every printed page
    freeze: tuple[int, int] | None = None
    autofilter: tuple[int, int, int, int] | None = None

    def put(self, row: int, col: int, value: Any, style: Style | None = None, formula: str | None = None,
            link: str | None = None, tip: str | None = None) -> None:
        self.cells[(row, col)] = Cell(value, style, formula, link, tip)

    def merge(self, row: int, first_col: int, last_col: int, text: str, style: Style | None = None) -> None:
        """Text over several columns of one row, its height fitted to the wrapped text."""
        self.put(row, first_col, text, style)
        self.merges.append((row, first_col, row, last_col))
        width = sum(self.width(c) for c in range(first_col, last_col + 1))
        self.fit_height(row, text, width)

    def width(self, col: int) -> float:
        return self.widths.get(col, DEFAULT_WIDTH)

    def height(self, row: int) -> float:
        return self.heights.get(row, LINE_PT)

    def fit_height(self, row: int, text: str, width: float, size: float = 11, bold: bool = False) -> None:
        """Make ``row`` tall enough for ``text`` wrapped in a column ``width`` characters wide."""
        need = wrapped_lines(text, width * 11 / size, bold) * LINE_PT * size / 11
        if need > self.height(row):
            self.heights[row] = min(409.0, need)

    def keep(self, first: int, last: int) -> None:
        """Rows ``first``..``last`` (a table, a chart) start a new printed page rather than being cut."""
        if last >= first:
            self.blocks.append((first, last))

    @property
    def last_row(self) -> int:
        return max((r for r, _ in self.cells), default=0)

    @property
    def last_col(self) -> int:
        return max((c for _, c in self.cells), default=0)


def wrapped_lines(text: str, width_chars: float, bold: bool = False) -> int:
    """Lines that ``text`` takes once wrapped in a column ``width_chars`` wide, words kept whole as Excel does.
    The unit is the width of the digit « 0 » of Calibri 11; capitals are wider, spaces and punctuation narrower."""
    room = max(1.0, width_chars - 1)
    space = _units(" ")
    lines = 0
    for part in str(text).split("\n"):
        count, used = 1, 0.0
        for word in part.split(" "):
            w = _units(word) * (1.08 if bold else 1.0)
            if used and used + space + w > room:
                count, used = count + 1, 0.0
            if w > room:   # a word longer than the column is cut
                count += int(w // room)
                w %= room
            used += (space if used else 0) + w
        lines += count
    return lines


def _units(text: str) -> float:
    return sum(1.1 if ch.isupper() else 0.45 if ch == " " else 0.55 if ch in ".,;:'’()-/«»|!" else 0.8
               for ch in text)


def column_points(width_chars: float) -> float:
    """Printed width of a column, in points (Excel: 7 pixels a character plus 5 of padding, 0,75 pt a pixel)."""
    return (math.floor(width_chars * 7 + 5) if width_chars >= 1 else math.floor(width_chars * 12)) * 0.75
