"""The indicators laid out as sheets: one per section of the CAF form (French number formats, hours as « 6h45 »,
totals as formulas with their computed value, native charts below their table) and the flat list of IDs.

The output file has one sheet per section (:func:`section_sheets`); the book open in Excel gets them all in one
*Indicateurs* sheet (:func:`live_sheet`, without charts).
"""

from __future__ import annotations

from typing import Any

from xlsxwriter.utility import xl_rowcol_to_cell

from .indicateurs_layout import FAMILY_MOTIFS, kind_of, sections
from .indicateurs_text import period_line
from .page_setup import PrintHeader
from .sheet_layout import BOLD, HEAD, HOURS, LABEL, NOTE, TITLE, Chart, SheetLayout

SHEET_NAMES = ("2.1-2.3 Équipe", "4.1 Information", "4.2 Rencontres", "4.3 Observation", "5 Missions compl.")
FLAT_SHEET = "Indicateurs (ID)"
LIVE_SHEET = "Indicateurs"
FORMATS = {"count": "#,##0", "ratio": "0.0000", "percent": '0.00" %"', "hours": HOURS, "days": "0.0",
           "etp": "0.00"}
NUMBER = {kind: LABEL.but(num_format=f) for kind, f in FORMATS.items()}
TOTAL = {kind: style.but(bold=True) for kind, style in NUMBER.items()}
MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
          "novembre", "décembre")
LABEL_WIDTH, VALUE_WIDTH, COLUMNS = 52, 14, 8
CHART_MAX_PX = 560


def shown(ident: str, value: Any) -> float:
    """The number written in a cell: hours as a fraction of a day (shown « 6h45 » by the ``[h]"h"mm`` format)."""
    return float(value) / 24 if kind_of(ident) == "hours" else float(value)


def section_sheets(ind, header: PrintHeader) -> list[SheetLayout]:
    out = []
    for (title, tables), name in zip(sections(ind.values, ind.details), SHEET_NAMES):
        sheet = _sheet(name)
        row = _section(sheet, 0, title, tables, ind)
        _charts(sheet, name, row, ind, charts=True)
        out.append(sheet)
    flat = _sheet(FLAT_SHEET)
    flat.title_rows = (0, 0)
    _flat(flat, 0, 0, ind)
    return out + [flat]


def live_sheet(ind, header: PrintHeader) -> SheetLayout:
    """Every section one under the other, then the flat list of IDs, in one sheet."""
    sheet = _sheet(LIVE_SHEET)
    sheet.title_rows = (0, 1)   # the relais and the date on every printed page
    sheet.put(0, 0, f"Indicateurs du bilan CAF – {header.relais}", TITLE)
    sheet.put(1, 0, f"Calculés {header.stamp} à partir des classeurs, saisies non enregistrées comprises")
    row = 3
    for (title, tables), name in zip(sections(ind.values, ind.details), SHEET_NAMES):
        row = _section(sheet, row, title, tables, ind)
        row = _charts(sheet, name, row, ind, charts=False) + 1
    sheet.put(row, 0, "Liste des indicateurs (identifiants stables)", TITLE)
    _flat(sheet, row + 1, 0, ind)
    return sheet


def _sheet(name: str) -> SheetLayout:
    sheet = SheetLayout(name)
    sheet.widths[0] = LABEL_WIDTH
    for c in range(1, COLUMNS + 1):
        sheet.widths[c] = VALUE_WIDTH
    return sheet


def _section(sheet: SheetLayout, row: int, title: str, tables: list, ind) -> int:
    """Write a section's title and tables from ``row``; returns the next free row."""
    sheet.put(row, 0, title, TITLE)
    sheet.put(row + 1, 0, period_line(ind.period))
    row += 3
    for table_title, columns, rows, note in tables:
        first = row
        sheet.put(row, 0, table_title, BOLD.but(size=12))
        row += 1
        for c, head in enumerate(columns):
            sheet.put(row, c, str(head), HEAD)
            sheet.fit_height(row, str(head), sheet.width(c), bold=True)
        body = row + 1
        for label, ids in rows:
            row += 1
            total = label == "Total"
            sheet.put(row, 0, label, LABEL.but(bold=total))
            for c, ident in enumerate(ids, start=1):
                if ident and ident in ind.values:
                    style = (TOTAL if total else NUMBER)[kind_of(ident)]
                    sheet.put(row, c, shown(ident, ind.values[ident]), style)
                elif total and ident is None:
                    _column_total(sheet, row, c, body, rows)
                else:   # « — »: the workbooks do not give it (as the console prints it)
                    sheet.put(row, c, "—" if ident else None, LABEL)
        if note:
            row += 1
            sheet.merge(row, 0, max(3, len(columns) - 1), note, NOTE)
        sheet.keep(first, row)
        row += 2
    return row


def _column_total(sheet: SheetLayout, row: int, col: int, body: int, rows: list) -> None:
    """A total the CAF form leaves empty (hours of one animatrice): the sum of the column, as a formula written
    with its value. Percentages are not summed."""
    cells = [sheet.cells.get((r, col)) for r in range(body, row)]
    numbers = [c.value for c in cells if c is not None and isinstance(c.value, float)]
    kind = next((kind_of(i) for _, row_ids in rows for i in row_ids[col - 1:col] if i), "count")
    if not numbers or kind == "percent":
        sheet.put(row, col, None, LABEL)
        return
    rng = f"{xl_rowcol_to_cell(body, col)}:{xl_rowcol_to_cell(row - 1, col)}"
    sheet.put(row, col, sum(numbers), TOTAL[kind], formula=f"=SUM({rng})")


def _charts(sheet: SheetLayout, name: str, row: int, ind, charts: bool) -> int:
    """The data of a section's chart (and the chart below it in the output file); returns the next free row."""
    if name == SHEET_NAMES[0] and charts:
        return _hours_chart(sheet, row)
    if name == SHEET_NAMES[1]:
        return _months(sheet, row, ind, charts)
    if name == SHEET_NAMES[2]:
        return _communes(sheet, row, ind, charts)
    return row


def _hours_chart(sheet: SheetLayout, row: int) -> int:
    head = next(((r, c) for (r, c), cell in sheet.cells.items() if c == 0 and isinstance(cell.value, str)
                 and cell.value.startswith("Répartition hebdomadaire")), None)
    if head is None:
        return row
    header_row = head[0] + 1
    team = next(c for (r, c), cell in sorted(sheet.cells.items()) if r == header_row and cell.value == "Équipe")
    first, last = header_row + 1, header_row + 6
    sheet.charts.append(Chart("column", "Heures hebdomadaires par activité (équipe)",
                              [("Heures par semaine (équipe)", (first, 0, last, 0), (first, team, last, team))],
                              row, 0, width_px=640, height_px=300, legend=False, value_format='[h]"h"'))
    return _after_chart(sheet, row, 300)


def _months(sheet: SheetLayout, row: int, ind, charts: bool) -> int:
    by_month = ind.details.get("contacts_par_mois") or {}
    months = sorted({m for counts in by_month.values() for m in counts})
    if not months:
        return row
    sheet.put(row, 0, "Contacts des familles par mois et par motif", BOLD.but(size=12))
    sheet.put(row + 1, 0, "Mois", HEAD)
    for r, m in enumerate(months, start=row + 2):
        sheet.put(r, 0, MONTHS[m - 1], LABEL)
    last = row + 1 + len(months)
    series = []
    for c, (label, key) in enumerate(FAMILY_MOTIFS, start=1):
        sheet.put(row + 1, c, label, HEAD)
        sheet.fit_height(row + 1, label, VALUE_WIDTH, bold=True)
        for r, m in enumerate(months, start=row + 2):
            sheet.put(r, c, by_month.get(key, {}).get(m, 0), NUMBER["count"])
        series.append((label, (row + 2, 0, last, 0), (row + 2, c, last, c)))
    sheet.keep(row, last)
    if not charts:
        return last + 2
    sheet.charts.append(Chart("column", "Contacts des familles par mois et par motif", series, last + 2, 0,
                              width_px=720, height_px=340, subtype="stacked"))
    return _after_chart(sheet, last + 2, 340)


def _communes(sheet: SheetLayout, row: int, ind, charts: bool) -> int:
    per_commune = ind.details.get("seances_par_commune") or {}
    if not per_commune:
        return row
    sheet.put(row, 0, "Séances par commune", BOLD.but(size=12))
    sheet.put(row + 1, 0, "Commune", HEAD)
    sheet.put(row + 1, 1, "Séances", HEAD)
    for r, (commune, n) in enumerate(per_commune.items(), start=row + 2):
        sheet.put(r, 0, commune, LABEL)
        sheet.put(r, 1, n, NUMBER["count"])
    last = row + 1 + len(per_commune)
    sheet.keep(row, last)
    if not charts:
        return last + 2
    height = min(CHART_MAX_PX, max(300, 22 * len(per_commune) + 80))   # on one printed page
    sheet.charts.append(Chart("bar", "Séances par commune", [("Séances", (row + 2, 0, last, 0), (row + 2, 1, last, 1))],
                              last + 2, 0, width_px=640, height_px=height, legend=False, reverse_categories=True))
    return _after_chart(sheet, last + 2, height)


def _after_chart(sheet: SheetLayout, row: int, height_px: int) -> int:
    from .page_setup import chart_end_row

    return chart_end_row(sheet, row, height_px) + 2


def _flat(sheet: SheetLayout, row: int, col: int, ind) -> None:
    """Identifiant | Valeur, one row per indicator (IDs sorted), with a filter."""
    sheet.put(row, col, "Identifiant", HEAD)
    sheet.put(row, col + 1, "Valeur", HEAD)
    for r, key in enumerate(sorted(ind.values), start=row + 1):
        sheet.put(r, col, key, LABEL)
        sheet.put(r, col + 1, shown(key, ind.values[key]), NUMBER[kind_of(key)])
    sheet.autofilter = (row, col, row + len(ind.values), col + 1)
    if row == 0:
        sheet.freeze = (1, 0)
