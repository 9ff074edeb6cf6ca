"""Write sheet layouts into a new .xlsx file with xlsxwriter (an output, never a team workbook): formats, formulas
with their computed values, links, native charts and the print settings of :mod:`rpe_xl.report.page_setup`.

Every text goes through ``write_string``, so a value starting with ``=`` stays text.

>>> write_book([sheet], Path("sortie/controles.xlsx"), print_header([Path("workbooks")]))   # doctest: +SKIP
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .atomic import atomic_path
from .page_setup import (MARGIN_BOTTOM, MARGIN_HEADER, MARGIN_SIDE, MARGIN_TOP, PrintHeader, extent, landscape,
                         page_breaks)
from .sheet_layout import SheetLayout, Style


def write_book(sheets: list[SheetLayout], target: Path, header: PrintHeader) -> Path:
    """Write ``sheets`` in order into ``target``, atomically (temporary file, then rename)."""
    import xlsxwriter

    with atomic_path(Path(target)) as tmp:
        book = xlsxwriter.Workbook(str(tmp), {"strings_to_formulas": False, "strings_to_urls": False})
        formats = _Formats(book)
        for sheet in sheets:
            _write_sheet(book, formats, sheet, header)
        book.close()
    return Path(target)


class _Formats:
    """One xlsxwriter format per style (a workbook holds a limited number of them)."""

    def __init__(self, book: Any):
        self.book = book
        self.cache: dict[Style, Any] = {}

    def __call__(self, style: Style | None) -> Any:
        if style is None:
            return None
        if style not in self.cache:
            spec: dict[str, Any] = {"valign": "top"}
            for key, value in (("bold", style.bold), ("italic", style.italic), ("font_size", style.size),
                               ("font_color", style.color), ("bg_color", style.fill),
                               ("num_format", style.num_format), ("text_wrap", style.wrap),
                               ("border", 1 if style.border else None), ("top", 1 if style.top else None)):
                if value:
                    spec[key] = value
            self.cache[style] = self.book.add_format(spec)
        return self.cache[style]


def _write_sheet(book: Any, fmt: _Formats, sheet: SheetLayout, header: PrintHeader) -> None:
    ws = book.add_worksheet(sheet.name[:31])
    for col, width in sheet.widths.items():
        ws.set_column(col, col, width)
    for row, height in sheet.heights.items():
        ws.set_row(row, height)
    merged = {(r1, c1): (r2, c2) for r1, c1, r2, c2 in sheet.merges}
    for (row, col), cell in sorted(sheet.cells.items()):
        style = fmt(cell.style)
        if (row, col) in merged:
            ws.merge_range(row, col, *merged[(row, col)], "" if cell.value is None else str(cell.value), style)
        elif cell.formula:
            ws.write_formula(row, col, cell.formula, style, _cached(cell.value))
        elif cell.link:
            target = ("internal:" + cell.link[1:]) if cell.link.startswith("#") else "external:" + cell.link
            ws.write_url(row, col, target, style, string=str(cell.value), tip=cell.tip)
        elif cell.value is None:
            ws.write_blank(row, col, None, style)
        elif isinstance(cell.value, (int, float)) and not isinstance(cell.value, bool):
            ws.write_number(row, col, cell.value, style)
        else:
            ws.write_string(row, col, str(cell.value), style)
    for chart in sheet.charts:
        ws.insert_chart(chart.row, chart.col, _chart(book, ws.get_name(), chart),
                        {"x_scale": chart.width_px / 480, "y_scale": chart.height_px / 288})
    if sheet.freeze:
        ws.freeze_panes(*sheet.freeze)
    if sheet.autofilter:
        ws.autofilter(*sheet.autofilter)
    _page(ws, sheet, header)


def _cached(value: Any) -> Any:
    return value if isinstance(value, (int, float, str)) and not isinstance(value, bool) else 0


def _chart(book: Any, sheet_name: str, spec: Any) -> Any:
    chart = book.add_chart({"type": spec.kind, **({"subtype": spec.subtype} if spec.subtype else {})})
    for name, categories, values in spec.series:
        chart.add_series({"name": name, "categories": [sheet_name, *categories], "values": [sheet_name, *values]})
    chart.set_title({"name": spec.title, "name_font": {"size": 11}})
    chart.set_legend({"position": "bottom"} if spec.legend else {"none": True})
    categories: dict[str, Any] = {"num_font": {"size": 8}, **({"reverse": True} if spec.reverse_categories else {})}
    values: dict[str, Any] = {"num_font": {"size": 8}, **({"num_format": spec.value_format} if spec.value_format else {})}
    x_axis, y_axis = (values, categories) if spec.kind == "bar" else (categories, values)   # bar: categories on y
    chart.set_x_axis(x_axis)
    chart.set_y_axis(y_axis)
    return chart


def _page(ws: Any, sheet: SheetLayout, header: PrintHeader) -> None:
    last_row, last_col = extent(sheet)
    land = landscape(sheet)
    if land:
        ws.set_landscape()
    else:
        ws.set_portrait()
    ws.set_paper(9)   # A4
    ws.set_margins(left=MARGIN_SIDE, right=MARGIN_SIDE, top=MARGIN_TOP, bottom=MARGIN_BOTTOM)
    ws.fit_to_pages(1, 0)
    ws.print_area(0, 0, last_row, last_col)
    if sheet.title_rows:
        ws.repeat_rows(*sheet.title_rows)
    ws.set_header(header.header(), {"margin": MARGIN_HEADER})
    ws.set_footer(header.footer(), {"margin": MARGIN_HEADER})
    breaks = page_breaks(sheet, land)
    if breaks:
        ws.set_h_pagebreaks(breaks)
