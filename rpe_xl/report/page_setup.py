"""How a result sheet prints: A4 in the orientation that takes fewer pages, one page wide, the header rows repeated, a header and footer with the
relais, the date and the page numbers, and page breaks placed so that a table or a chart is not cut when it fits
on one page.

>>> page_breaks(sheet, landscape(sheet))            # doctest: +SKIP
[31, 58]
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from .sheet_layout import SheetLayout, column_points

# A4 landscape in points, margins in inches (xlsxwriter's unit)
PAPER_WIDTH, PAPER_HEIGHT = 842.0, 595.0
MARGIN_SIDE, MARGIN_TOP, MARGIN_BOTTOM, MARGIN_HEADER = 0.4, 0.75, 0.75, 0.3
MIN_SCALE = 0.8  # smaller print is hard to read
SAFETY = 0.94   # row heights differ a little between Excel and LibreOffice: keep a margin on each page


@dataclass(frozen=True)
class PrintHeader:
    """What every printed page says: the relais and when the results were made."""

    relais: str
    when: dt.datetime

    @property
    def stamp(self) -> str:
        return f"le {self.when:%d/%m/%Y} à {self.when:%H:%M}"

    def header(self) -> str:
        """Excel header codes (8 pt): the relais on the left, the date on the right."""
        relais = self.relais.replace("&", "&&")[:120]
        return f"&L&8{relais}&R&8Édité {self.stamp}"

    @staticmethod
    def footer() -> str:
        """The sheet's name on the left, « Page 2 / 5 » on the right."""
        return "&L&8&A&R&8Page &P / &N"


def relais_label(near: Iterable[Path] = ()) -> str:
    """« Relais Petite Enfance – <collectivité> », the collectivity read from rpe-xl.toml when there is one."""
    from ..config_file import ConfigError
    from ..documents.config import load_config

    try:
        name = load_config(near=[Path(p) for p in near]).name
    except (ConfigError, OSError):
        name = ""
    return f"Relais Petite Enfance – {name}" if name else "Relais Petite Enfance"


def print_header(near: Iterable[Path] = (), when: dt.datetime | None = None) -> PrintHeader:
    return PrintHeader(relais_label(near), when or dt.datetime.now().replace(second=0, microsecond=0))


def extent(sheet: SheetLayout) -> tuple[int, int]:
    """Last row and last column to print: the cells and the charts beside them."""
    last_row, last_col = sheet.last_row, sheet.last_col
    for chart in sheet.charts:
        last_row = max(last_row, chart_end_row(sheet, chart.row, chart.height_px))
        col, room = chart.col, chart.width_px * 0.75
        while room > 0:
            room -= column_points(sheet.width(col))
            col += 1
        last_col = max(last_col, col - 1)
    return last_row, last_col


def chart_end_row(sheet: SheetLayout, row: int, height_px: int) -> int:
    """The last row a chart anchored at ``row`` covers."""
    room = height_px * 0.75
    while room > 0:
        room -= sheet.height(row)
        row += 1
    return row - 1


def content_width(sheet: SheetLayout) -> float:
    """Width of what prints, in points."""
    return sum(column_points(sheet.width(c)) for c in range(extent(sheet)[1] + 1))


def landscape(sheet: SheetLayout) -> bool:
    """Landscape unless a portrait page prints the sheet as readably (at 80 % or more) on as few pages (a tall,
    narrow form or list)."""
    if scale(sheet, False) < MIN_SCALE:
        return True
    return len(page_breaks(sheet, True)) < len(page_breaks(sheet, False))


def paper(land: bool) -> tuple[float, float]:
    """(width, height) of the page in points."""
    return (PAPER_WIDTH, PAPER_HEIGHT) if land else (PAPER_HEIGHT, PAPER_WIDTH)


def scale(sheet: SheetLayout, land: bool) -> float:
    """The print scale that fits the sheet to one page wide (whole percent, as Excel and LibreOffice choose)."""
    width = content_width(sheet)
    printable = paper(land)[0] - 2 * MARGIN_SIDE * 72
    return min(100, math.floor(100 * printable / width)) / 100 if width else 1.0


def page_breaks(sheet: SheetLayout, land: bool) -> list[int]:
    """Rows that start a new printed page (0-based), every one of them: a table or a chart (``sheet.blocks``,
    charts) that would not fit in what is left of a page starts the next one when it fits on a page of its own;
    a longer one is cut where the page is full (the header rows are repeated). Pages are measured a little short,
    so that the printer never needs a break of its own, which would move the following ones."""
    capacity = (paper(land)[1] - (MARGIN_TOP + MARGIN_BOTTOM) * 72) / scale(sheet, land) * SAFETY
    titles = sheet.title_rows
    title_height = sum(sheet.height(r) for r in range(titles[0], titles[1] + 1)) if titles else 0.0
    starts = _blocks(sheet)
    breaks: list[int] = []
    used = 0.0
    for row in range(extent(sheet)[0] + 1):
        room = capacity - (title_height if breaks else 0.0)
        if row in starts and used > 0:
            block = sum(sheet.height(r) for r in range(row, starts[row] + 1))
            if used + block > room and block <= capacity - title_height:
                breaks.append(row)
                used = 0.0
        if used > 0 and used + sheet.height(row) > room:
            breaks.append(row)
            used = 0.0
        used += sheet.height(row)
    return breaks


def _blocks(sheet: SheetLayout) -> dict[int, int]:
    """First row -> last row of each span to keep together (tables and charts, overlapping ones joined)."""
    spans = sorted(sheet.blocks + [(c.row, chart_end_row(sheet, c.row, c.height_px)) for c in sheet.charts])
    joined: list[list[int]] = []
    for first, last in spans:
        if joined and first <= joined[-1][1]:
            joined[-1][1] = max(joined[-1][1], last)
        else:
            joined.append([first, last])
    return {first: last for first, last in joined}
