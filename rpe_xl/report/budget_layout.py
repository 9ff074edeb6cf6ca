"""The recomputed budget laid out for a finance officer: per year, the CAF form (recomputed amount, typed amount,
difference, and the cell of the team's form as a link to it), totals as formulas written with their computed
value, differences highlighted; a summary table (one row per year) with a native chart.

The output file has a *Synthèse* sheet and one sheet per year (:func:`book_sheets`); the budget workbook open in
Excel gets them one under the other in a *Budget recalculé* sheet (:func:`live_sheet`, without the chart).
"""

from __future__ import annotations

from decimal import Decimal

from xlsxwriter.utility import xl_rowcol_to_cell

from ..compute.budget_book import BudgetBook, Row, YearView
from ..read.budget_form import CHARGES, PRODUITS
from .links import LinkFor
from .page_setup import PrintHeader
from .sheet_layout import BOLD, HEAD, MONEY, TITLE, Chart, SheetLayout, Style

ZERO = Decimal("0")
HEADERS = ("Ligne", "Montant recalculé", "Montant saisi", "Écart (saisi − recalculé)", "Cellule du classeur")
WIDTHS = (56, 17, 17, 17, 11)
SUMMARY_HEADERS = ("Année", "Total des charges", "Prestation CAF", "Part CAF des charges", "EPCI / communes",
                   "Évolution des charges")
SUMMARY = "Synthèse"
LIVE_SHEET = "Budget recalculé"
AMOUNT = Style(num_format=MONEY)
BAD = AMOUNT.but(fill="#FFC7CE", color="#9C0006")
TOTAL = AMOUNT.but(bold=True, top=True)
PCT = Style(num_format="0.00 %")
LINK = Style(color="#0563C1")


def _f(value: Decimal | None) -> float:
    return float(value or ZERO)


def book_sheets(book: BudgetBook, link_for: LinkFor, header: PrintHeader) -> list[SheetLayout]:
    years = []
    for view in book.years:
        sheet = _year_sheet(view.form.sheet[:31])
        years.append(_Year(sheet, view, 0, book.workbook, link_for).write())
    summary = SheetLayout(SUMMARY, title_rows=(0, 0))
    _summary(summary, 0, years, chart=True)
    return [summary] + [y.sheet for y in years]


def live_sheet(book: BudgetBook, link_for: LinkFor, header: PrintHeader) -> SheetLayout:
    sheet = _year_sheet(LIVE_SHEET)
    sheet.title_rows = (0, 1)   # the relais and the date on every printed page
    sheet.put(0, 0, f"Budget recalculé à partir des hypothèses – {header.relais}", TITLE)
    sheet.put(1, 0, f"Calculé {header.stamp}, saisies non enregistrées comprises")
    row = 5 + len(book.years) + 2
    years = []
    for view in book.years:
        year = _Year(sheet, view, row, book.workbook, link_for).write()
        years.append(year)
        row = year.row + 2
    _summary(sheet, 3, years, chart=False)
    return sheet


def _year_sheet(name: str) -> SheetLayout:
    sheet = SheetLayout(name)
    for col, width in enumerate(WIDTHS):
        sheet.widths[col] = width
    return sheet


class _Year:
    """Writes one year's form from ``row``; remembers where its totals are, for the summary."""

    def __init__(self, sheet: SheetLayout, view: YearView, row: int, workbook: str, link_for: LinkFor):
        self.sheet, self.view, self.row, self.start = sheet, view, row, row
        self.workbook, self.link_for = workbook, link_for
        self.cells: dict[str, str | None] = {}
        self.where: dict[int, str] = {}   # id(Row) -> absolute cell of its recomputed amount

    def text(self, text: str, style: Style | None = None) -> None:
        self.sheet.put(self.row, 0, text, style)
        self.row += 1

    def line(self, r: Row) -> None:
        s, row, bad = self.sheet, self.row, r.deviation is not None
        self.where[id(r)] = xl_rowcol_to_cell(row, 1, row_abs=True, col_abs=True)
        s.put(row, 0, r.label, BOLD.but(wrap=True) if r.category else Style(wrap=True))
        s.fit_height(row, r.label, WIDTHS[0], bold=r.category)
        if r.computed or r.typed is not None or not r.category:
            s.put(row, 1, _f(r.computed), AMOUNT)
        if r.typed is not None:
            s.put(row, 2, _f(r.typed), BAD if bad else AMOUNT)
        b, c = xl_rowcol_to_cell(row, 1), xl_rowcol_to_cell(row, 2)
        s.put(row, 3, _f(r.difference), BAD if bad else AMOUNT, formula=f"=N({c})-N({b})")
        link = self.link_for(self.workbook, self.view.form.sheet, r.cell)
        s.put(row, 4, r.cell, LINK if link else None, link=link,
              tip=f"Ouvrir {self.workbook} à la cellule {r.cell}" if link else None)
        self.row += 1

    def total(self, label: str, key: str, first: int, last: int, computed: Decimal, typed: Decimal) -> None:
        s, row = self.sheet, self.row
        s.put(row, 0, label, BOLD)
        for col, value in ((1, computed), (2, typed)):
            if last < first:  # a side without lines
                s.put(row, col, 0, TOTAL)
            else:
                rng = f"{xl_rowcol_to_cell(first, col)}:{xl_rowcol_to_cell(last, col)}"
                s.put(row, col, _f(value), TOTAL, formula=f"=SUM({rng})")
        s.put(row, 3, _f(typed - computed), TOTAL,
              formula=f"={xl_rowcol_to_cell(row, 2)}-{xl_rowcol_to_cell(row, 1)}")
        self.cells[key] = xl_rowcol_to_cell(row, 1, row_abs=True, col_abs=True)
        self.row += 1

    def general(self, label: str, parts: list[int], computed: Decimal, typed: Decimal) -> None:
        self.sheet.put(self.row, 0, label, BOLD)
        for col, value in ((1, computed), (2, typed)):
            refs = "+".join(f"N({xl_rowcol_to_cell(p, col)})" for p in parts)
            self.sheet.put(self.row, col, _f(value), TOTAL, formula="=" + refs)
        self.row += 1

    def side(self, side: str, title: str, total_label: str, key: str, result: str, extra: str) -> None:
        start = self.row
        self.text(title, BOLD)
        first = self.row
        rows = self.view.side(side)
        for r in rows:
            self.line(r)
        last = self.row - 1
        typed = sum((r.typed or ZERO for r in rows), ZERO)
        computed = sum((r.computed for r in rows), ZERO)
        total_row = self.row
        self.total(total_label, key, first, last, computed, typed)
        result_row = self.row
        self.text(result)
        extra_rows = self.view.side(extra)
        extra_row = self.row
        if extra_rows:
            self.line(extra_rows[0])
        else:
            self.text(f"{extra} (absent du formulaire)")
        comp_extra = extra_rows[0].computed if extra_rows else ZERO
        typed_extra = (extra_rows[0].typed or ZERO) if extra_rows else ZERO
        self.general("TOTAL GENERAL", [total_row, result_row, extra_row], computed + comp_extra, typed + typed_extra)
        self.sheet.keep(start, self.row - 1)
        self.row += 1

    def write(self) -> "_Year":
        s, view = self.sheet, self.view
        self.text('PRESTATION DE SERVICE "RELAIS PETITE ENFANCE"', TITLE)
        self.text(f"BUDGET PREVISIONNEL ANNEE {view.year} — montants recalculés à partir des hypothèses", BOLD)
        self.row += 1
        for col, head in enumerate(HEADERS):
            s.put(self.row, col, head, HEAD)
        s.fit_height(self.row, HEADERS[3], WIDTHS[3], bold=True)
        if self.start == 0:   # a sheet of its own: the header stays in view and on every printed page
            s.freeze = (self.row + 1, 1)
            s.title_rows = (self.row, self.row)
        else:
            s.keep(self.start, self.row + 1)
        self.row += 1
        self.side(CHARGES, "DETAIL DES CHARGES", "TOTAL DES CHARGES", "charges", "RESULTAT EXCEDENTAIRE", "86")
        self.side(PRODUITS, "DETAIL DES PRODUITS", "TOTAL DES PRODUITS", "produits", "RESULTAT DEFICITAIRE", "87")
        for key, target in (("caf", view.caf()), ("epci", view.epci())):
            self.cells[key] = self.where.get(id(target)) if target is not None else None
        return self


def _summary(sheet: SheetLayout, top: int, years: list[_Year], chart: bool) -> None:
    """One row per year from ``top``: totals as formulas pointing at the year's form (and a chart below)."""
    for col, width in enumerate((10, 20, 20, 20, 20, 20)):
        sheet.widths[col] = max(width, sheet.width(col))
    for col, head in enumerate(SUMMARY_HEADERS):
        sheet.put(top, col, head, HEAD)
    previous = None
    for i, year in enumerate(years, start=top + 1):
        view, name = year.view, year.sheet.name
        charges = view.computed_total(CHARGES)
        caf = view.caf().computed if view.caf() else ZERO
        epci = view.epci().computed if view.epci() else ZERO
        sheet.put(i, 0, view.year)
        sheet.put(i, 1, _f(charges), AMOUNT, formula=f"='{name}'!{year.cells['charges']}")
        for col, key, value in ((2, "caf", caf), (4, "epci", epci)):
            cell = year.cells.get(key)
            sheet.put(i, col, _f(value), AMOUNT, formula=f"='{name}'!{cell}" if cell else None)
        b, c = xl_rowcol_to_cell(i, 1), xl_rowcol_to_cell(i, 2)
        sheet.put(i, 3, float(caf / charges) if charges else 0.0, PCT, formula=f"=IF({b}=0,0,{c}/{b})")
        if previous:
            sheet.put(i, 5, float(charges / previous - 1), PCT, formula=f"={b}/{xl_rowcol_to_cell(i - 1, 1)}-1")
        previous = charges
    last = top + len(years)
    sheet.keep(top, last)
    if chart and years:
        series = [(head, (top + 1, 0, last, 0), (top + 1, col, last, col))
                  for col, head in ((1, "Total des charges"), (2, "Prestation CAF"), (4, "EPCI / communes"))]
        sheet.charts.append(Chart("column", "Charges et financement par année", series, last + 2, 0,
                                  width_px=760, height_px=380, value_format='# ##0 "€"'))
