"""``rpe-xl budget --sortie budget.xlsx``: the recomputed budget as a workbook a finance officer can audit.

One sheet per year in the CAF form layout (recomputed amount, typed amount, difference, cell of the
team's file), totals as FORMULAS written with their computed value (Excel and LibreOffice recompute
them), differences highlighted; a *Synthèse* sheet (one row per year) with a native chart.

>>> write(book, Path("sortie/budget.xlsx"))
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import xlsxwriter
from xlsxwriter.utility import xl_rowcol_to_cell

from ..compute.budget_book import BudgetBook, Row, YearView
from ..read.budget_form import CHARGES, PRODUITS
from .atomic import atomic_path

ZERO = Decimal("0")
HEADERS = ("Ligne", "Montant recalculé", "Montant saisi", "Écart (saisi − recalculé)", "Cellule du classeur")


def _f(value: Decimal | None) -> float:
    return float(value or ZERO)


class _Sheet:
    """Writes one year; remembers where the totals are for the summary."""

    def __init__(self, book: xlsxwriter.Workbook, styles: dict, view: YearView):
        self.ws = book.add_worksheet(view.form.sheet[:31])
        self.s = styles
        self.view = view
        self.row = 0
        self.cells: dict[str, str] = {}
        self.where: dict[int, str] = {}   # id(Row) -> absolute cell of its recomputed amount

    def text(self, text: str, style: str | None = None) -> None:
        self.ws.write_string(self.row, 0, text, self.s.get(style))
        self.row += 1

    def line(self, r: Row) -> None:
        bad = r.deviation is not None
        self.where[id(r)] = xl_rowcol_to_cell(self.row, 1, row_abs=True, col_abs=True)
        self.ws.write_string(self.row, 0, r.label, self.s["bold"] if r.category else None)
        if r.computed or r.typed is not None or not r.category:
            self.ws.write_number(self.row, 1, _f(r.computed), self.s["amount"])
        if r.typed is not None:
            self.ws.write_number(self.row, 2, _f(r.typed), self.s["amount_bad" if bad else "amount"])
        b, c = xl_rowcol_to_cell(self.row, 1), xl_rowcol_to_cell(self.row, 2)
        self.ws.write_formula(self.row, 3, f"=N({c})-N({b})", self.s["amount_bad" if bad else "amount"],
                              _f(r.difference))
        self.ws.write_string(self.row, 4, r.cell)
        self.row += 1

    def total(self, label: str, key: str, first: int, last: int, computed: Decimal, typed: Decimal) -> None:
        self.ws.write_string(self.row, 0, label, self.s["bold"])
        for col, value in ((1, computed), (2, typed)):
            if last < first:  # a side without lines
                self.ws.write_number(self.row, col, 0, self.s["total"])
                continue
            rng = f"{xl_rowcol_to_cell(first, col)}:{xl_rowcol_to_cell(last, col)}"
            self.ws.write_formula(self.row, col, f"=SUM({rng})", self.s["total"], _f(value))
        self.ws.write_formula(self.row, 3, f"={xl_rowcol_to_cell(self.row, 2)}-{xl_rowcol_to_cell(self.row, 1)}",
                              self.s["total"], _f(typed - computed))
        self.cells[key] = xl_rowcol_to_cell(self.row, 1, row_abs=True, col_abs=True)
        self.row += 1

    def general(self, label: str, parts: list[int], computed: Decimal, typed: Decimal) -> None:
        self.ws.write_string(self.row, 0, label, self.s["bold"])
        for col, value in ((1, computed), (2, typed)):
            refs = "+".join(f"N({xl_rowcol_to_cell(p, col)})" for p in parts)
            self.ws.write_formula(self.row, col, "=" + refs, self.s["total"], _f(value))
        self.row += 1

    def side(self, side: str, title: str, total_label: str, key: str, result: str, extra: str) -> None:
        self.text(title, "bold")
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
        self.general("TOTAL GENERAL", [total_row, result_row, extra_row],
                     computed + comp_extra, typed + typed_extra)
        self.row += 1

    def write(self) -> None:
        ws, view = self.ws, self.view
        ws.set_column(0, 0, 62)
        ws.set_column(1, 3, 18)
        ws.set_column(4, 4, 12)
        self.text('PRESTATION DE SERVICE "RELAIS PETITE ENFANCE"', "title")
        self.text(f"BUDGET PREVISIONNEL ANNEE {view.year} — montants recalculés à partir des hypothèses", "bold")
        self.row += 1
        for col, head in enumerate(HEADERS):
            ws.write_string(self.row, col, head, self.s["head"])
        ws.freeze_panes(self.row + 1, 1)
        self.row += 1
        self.side(CHARGES, "DETAIL DES CHARGES", "TOTAL DES CHARGES", "charges", "RESULTAT EXCEDENTAIRE", "86")
        self.side(PRODUITS, "DETAIL DES PRODUITS", "TOTAL DES PRODUITS", "produits", "RESULTAT DEFICITAIRE", "87")
        for key, target in (("caf", view.caf()), ("epci", view.epci())):
            self.cells[key] = self.where.get(id(target)) if target is not None else None


def _styles(book: xlsxwriter.Workbook) -> dict:
    money = "#,##0.00 €"
    return {
        "title": book.add_format({"bold": True, "font_size": 13}),
        "bold": book.add_format({"bold": True}),
        "head": book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True}),
        "amount": book.add_format({"num_format": money}),
        "amount_bad": book.add_format({"num_format": money, "bg_color": "#FFC7CE", "font_color": "#9C0006"}),
        "total": book.add_format({"num_format": money, "bold": True, "top": 1}),
        "pct": book.add_format({"num_format": "0.00 %"}),
    }


def write(book: BudgetBook, target: Path) -> None:
    """Write the output workbook atomically (never one of the team's files)."""
    with atomic_path(Path(target)) as tmp:
        wb = xlsxwriter.Workbook(str(tmp), {"strings_to_formulas": False, "strings_to_urls": False})
        styles = _styles(wb)
        summary = wb.add_worksheet("Synthèse")
        sheets = []
        for view in book.years:
            sheet = _Sheet(wb, styles, view)
            sheet.write()
            sheets.append(sheet)
        _summary(wb, summary, styles, sheets)
        wb.close()


def _summary(wb: xlsxwriter.Workbook, ws, styles: dict, sheets: list[_Sheet]) -> None:
    heads = ("Année", "Total des charges", "Prestation CAF", "Part CAF des charges", "EPCI / communes",
             "Évolution des charges")
    ws.set_column(0, 0, 10)
    ws.set_column(1, 5, 20)
    for col, head in enumerate(heads):
        ws.write_string(0, col, head, styles["head"])
    previous = None
    for i, sheet in enumerate(sheets, start=1):
        view, name = sheet.view, sheet.ws.get_name()
        charges = view.computed_total(CHARGES)
        caf = view.caf().computed if view.caf() else ZERO
        epci = view.epci().computed if view.epci() else ZERO
        ws.write_number(i, 0, view.year)
        ws.write_formula(i, 1, f"='{name}'!{sheet.cells['charges']}", styles["amount"], _f(charges))
        if sheet.cells.get("caf"):
            ws.write_formula(i, 2, f"='{name}'!{sheet.cells['caf']}", styles["amount"], _f(caf))
        else:
            ws.write_number(i, 2, 0, styles["amount"])
        ws.write_formula(i, 3, f"=IF(B{i + 1}=0,0,C{i + 1}/B{i + 1})", styles["pct"],
                         float(caf / charges) if charges else 0.0)
        if sheet.cells.get("epci"):
            ws.write_formula(i, 4, f"='{name}'!{sheet.cells['epci']}", styles["amount"], _f(epci))
        else:
            ws.write_number(i, 4, 0, styles["amount"])
        if previous is not None and previous:
            ws.write_formula(i, 5, f"=B{i + 1}/B{i}-1", styles["pct"], float(charges / previous - 1))
        previous = charges
    n = len(sheets)
    if n:
        chart = wb.add_chart({"type": "column"})
        for col, name in ((1, "Total des charges"), (2, "Prestation CAF"), (4, "EPCI / communes")):
            chart.add_series({"name": name, "categories": ["Synthèse", 1, 0, n, 0],
                              "values": ["Synthèse", 1, col, n, col]})
        chart.set_title({"name": "Charges et financement par année"})
        chart.set_y_axis({"num_format": "# ##0 €"})
        ws.insert_chart(n + 3, 0, chart, {"x_scale": 1.6, "y_scale": 1.3})
