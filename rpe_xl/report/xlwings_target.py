"""Write a sheet layout into the workbook open in Excel, through xlwings (the Excel buttons).

Only the xlwings API that both the desktop engine (Windows, macOS) and the remote engine implement is used:
sheets added and deleted, values and formulas in one block, fonts, fills, number formats, wrapping, borders,
column widths and row heights, merged cells, hyperlinks, the print area. Nothing written is read back. Charts,
frozen panes, filters and page breaks are left to the output files (:mod:`rpe_xl.report.xlsx_target`); the
orientation, scaling and header/footer of printing are set by the Excel macro (``macros/rpe_xl.bas``).

>>> replace_sheet(xw.Book.caller(), controles_xlsx.sheet(findings, links, header))   # doctest: +SKIP
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

from .page_setup import extent
from .sheet_layout import SheetLayout, Style, column_points

# a text Excel would turn into something else when typed in: a formula, a number, a date, a boolean, an error
_NOT_TEXT = re.compile(r"^[=+\-@'#]|^[\s\d.,:/%€$()]*\d[\s\d.,:/%€$()eE+-]*$|^(vrai|faux|true|false)$", re.I)


def as_typed(value: Any) -> Any:
    """A value as it must be typed into Excel to stay what it is: texts that Excel would read as a formula, a
    number or a date get the text prefix ``'`` (not shown, not part of the value)."""
    if isinstance(value, str) and _NOT_TEXT.search(value):
        return "'" + value
    return value


def replace_sheet(book: Any, layout: SheetLayout) -> Any:
    """Add the sheet ``layout.name`` at the end of ``book`` and write ``layout`` into it; the caller has deleted
    the previous one (:func:`delete_sheet`). Returns the new sheet, shown to the user."""
    sheets = book.sheets
    ws = sheets.add(layout.name, after=sheets[len(sheets) - 1])
    last_row, last_col = layout.last_row, layout.last_col
    values = [[None] * (last_col + 1) for _ in range(last_row + 1)]
    for (row, col), cell in layout.cells.items():
        values[row][col] = cell.formula or as_typed(cell.value)   # a formula is typed as it is, Excel computes it
    ws.range((1, 1), (last_row + 1, last_col + 1)).value = values
    points = book.app.engine.type == "remote"   # the remote engine takes column widths in points
    for col, width in sorted(layout.widths.items()):
        ws.range((1, col + 1)).column_width = round(column_points(width), 2) if points else width
    for row, height in sorted(layout.heights.items()):
        ws.range((row + 1, 1)).row_height = height
    for style, ranges in _styled_ranges(layout).items():
        for (r1, c1, r2, c2) in ranges:
            _apply(ws.range((r1 + 1, c1 + 1), (r2 + 1, c2 + 1)), style)
    for r1, c1, r2, c2 in layout.merges:
        ws.range((r1 + 1, c1 + 1), (r2 + 1, c2 + 1)).merge()
    for (row, col), cell in sorted(layout.cells.items()):
        if cell.link:
            ws.range((row + 1, col + 1)).add_hyperlink(cell.link, str(cell.value), cell.tip or str(cell.value))
    rows, cols = extent(layout)
    ws.page_setup.print_area = ws.range((1, 1), (rows + 1, cols + 1)).address
    ws.activate()
    return ws


def delete_sheet(book: Any, name: str) -> None:
    for sheet in list(book.sheets):
        if sheet.name.casefold() == name.casefold():
            sheet.delete()


def _styled_ranges(layout: SheetLayout) -> dict[Style, list[tuple[int, int, int, int]]]:
    """For each style, the rectangles of cells that have it: runs of rows in one column, joined with the
    neighbouring columns that have the same runs (few calls into Excel)."""
    columns: dict[Style, dict[int, list[int]]] = defaultdict(lambda: defaultdict(list))
    for (row, col), cell in layout.cells.items():
        if cell.style is not None and cell.style != Style():
            columns[cell.style][col].append(row)
    out: dict[Style, list[tuple[int, int, int, int]]] = {}
    for style, by_col in columns.items():
        runs = sorted((first, last, col) for col, rows in by_col.items() for first, last in _runs(sorted(rows)))
        rects: list[list[int]] = []
        for first, last, col in runs:
            if rects and rects[-1][0] == first and rects[-1][2] == last and rects[-1][3] == col - 1:
                rects[-1][3] = col
            else:
                rects.append([first, col, last, col])
        out[style] = [tuple(r) for r in rects]
    return out


def _runs(rows: list[int]) -> list[tuple[int, int]]:
    runs: list[list[int]] = []
    for row in rows:
        if runs and runs[-1][1] == row - 1:
            runs[-1][1] = row
        else:
            runs.append([row, row])
    return [(a, b) for a, b in runs]


def _apply(rng: Any, style: Style) -> None:
    font = rng.font
    if style.bold:
        font.bold = True
    if style.italic:
        font.italic = True
    if style.size:
        font.size = style.size
    if style.color:
        font.color = style.color
    if style.fill:
        rng.color = style.fill
    if style.num_format:
        rng.number_format = style.num_format
    if style.wrap:
        rng.wrap_text = True
    if style.border:
        rng.borders.line_style = "continuous"
    if style.top:
        rng.borders["edge_top"].line_style = "continuous"
