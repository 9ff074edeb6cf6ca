"""Rules on the CAF budget forms as sheets: which ``BP …`` sheets are forms of the budget, their titles, the
signature date, the header fields across the years, the lines present one year and missing another. The
other budget rules (``budget_hypotheses``, ``budget_deviations``, ``budget_arithmetic``, ``budget_team_etp``,
``budget_caf_share``) are imported here, which registers them; ``rpe-xl budget`` runs them all
(:data:`rpe_xl.validate.selections.BUDGET_RULES`).

>>> valid_phone("03 21 61 50 00")
True
"""

from __future__ import annotations

import re

from ...findings import Finding, make
from ...read.budget_form import CHARGES, HEADER_TITLES, PRODUITS
from ...read.coerce import is_date_shaped, parse
from ...read.dataset import Dataset
from ...read.description import pattern
from ...text import fr_value, norm, phone_advice
from ..registry import rule
from .budget_hypotheses import budget_book


def valid_phone(text: object) -> bool:
    """French number, as the description of the workbooks writes it (the phone pattern the *Listing AM* column is
    checked with too): 10 digits starting 0 (or +33), in one block or in pairs with one kind of separator.

    >>> valid_phone("03 21 61 50 00"), valid_phone("03,2161,50,00")
    (True, False)
    """
    return isinstance(text, str) and re.match(pattern("phone").regex, text.strip()) is not None


@rule
def budget_form_sheets(data: Dataset, ctx) -> list[Finding]:
    """A ``BP …`` sheet that is not read (a copy of a year's form, a year outside the budget's period), a title
    whose year is not the sheet's, a signature date (« Fait le ») that is not a date."""
    book = budget_book(data, ctx)
    if book is None:
        return []
    out = []
    for aside in book.set_aside:
        sheet = aside.form.sheet
        if aside.kind == "copy":
            out.append(make("budget-form-duplicate", book.workbook, sheet, None, sheet_name=sheet,
                            year=aside.form.year, kept=aside.kept.sheet, value=sheet,
                            expected=aside.kept.sheet))
        else:
            first, last = aside.period
            out.append(make("budget-form-out-of-period", book.workbook, sheet, None, sheet_name=sheet,
                            year=aside.form.year, first=first, last=last, value=aside.form.year))
    for form in book.forms:
        for year, cell, title in form.titles:
            if form.year is not None and year is not None and year != form.year:
                out.append(make("budget-header-inconsistent", book.workbook, form.sheet, cell,
                                title=title, year=year, sheet_name=form.sheet, year2=form.year, value=year,
                                expected=form.year))
        if form.signed is not None and form.signed[0] is not None:
            out += _signature_date(book.workbook, form)
    return out


def _signature_date(wb: str, form) -> list[Finding]:
    value, cell = form.signed
    parsed = parse("date", value)
    if parsed.error is None and not isinstance(value, (int, float)):
        return []
    return [make("invalid-date", wb, form.sheet, cell,
                 variant="signature_impossible" if is_date_shaped(value) else "signature", typed=fr_value(value),
                 value=str(value))]


def _same(field: str, a: object, b: object) -> bool:
    if field == "phone":
        return re.sub(r"\D", "", str(a or "")) == re.sub(r"\D", "", str(b or ""))
    return norm(a) == norm(b)


@rule
def budget_headers(data: Dataset, ctx) -> list[Finding]:
    """Header fields across the years and between the two sides of a form; phone numbers."""
    book = budget_book(data, ctx)
    if book is None or not book.forms:
        return []
    out = []
    ref_form = book.forms[0]
    for form in book.forms:
        for side in (CHARGES, PRODUITS):
            for field, (value, cell) in form.header[side].items():
                title = HEADER_TITLES[field]
                if field == "phone" and value is not None and not valid_phone(str(value)):
                    out.append(make("invalid-phone", book.workbook, form.sheet, cell,
                                    phone=fr_value(value), advice=phone_advice(value),
                                    value=str(value)))
                ref = ref_form.header[side].get(field)
                if form is not ref_form and ref and not _same(field, value, ref[0]):
                    out.append(make("budget-header-inconsistent", book.workbook, form.sheet, cell,
                                    variant="other_year", title=title, typed=fr_value(value),
                                    sheet_name=ref_form.sheet, ref=ref[1], ref2=fr_value(ref[0]),
                                    value=str(value), expected=str(ref[0])))
                other = form.header[CHARGES].get(field) if side == PRODUITS else None
                if other and not _same(field, value, other[0]):
                    out.append(make("budget-header-inconsistent", book.workbook, form.sheet, cell,
                                    variant="charges_products", title=title, typed=fr_value(value), other=other[1],
                                    other2=fr_value(other[0]),
                                    value=str(value), expected=str(other[0])))
    return out


@rule
def budget_lines_across_years(data: Dataset, ctx) -> list[Finding]:
    """A form line present in one year and missing in another."""
    book = budget_book(data, ctx)
    if book is None or len(book.forms) < 2:
        return []
    out = []
    for side in (CHARGES, PRODUITS):
        for form in book.forms:
            for other in book.forms:
                if other is form:
                    continue
                previous = None
                for ln in other.lines[side]:
                    if form.line(side, label=ln.label) is None and not _reported(out, form.sheet, ln.label):
                        anchor = form.line(side, label=previous.label) if previous else None
                        out.append(make("budget-line-missing", book.workbook, form.sheet,
                                        anchor.label_cell if anchor else None,
                                        variant="other_year_after" if anchor else "other_year", label=ln.label,
                                        other=other.sheet, at=ln.label_cell, sheet_name=form.sheet,
                                        after=anchor.row if anchor else None, value=ln.label))
                    previous = ln
    return out


def _reported(found: list[Finding], sheet: str, label: str) -> bool:
    return any(f.sheet == sheet and f.value == label for f in found)

