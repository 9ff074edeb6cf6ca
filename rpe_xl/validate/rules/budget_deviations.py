"""Rules comparing the CAF forms with the projection of *Hypothèses*: each line against its hypothesis, and the
contributions (86 against 87), at the cell that departs.

>>> [f.cell for f in budget_line_deviations(data, ctx) if f.code == "budget-line-deviation"][:1]
['B22']
"""

from __future__ import annotations

from decimal import Decimal

from ...compute.budget_book import BudgetBook, Deviation
from ...findings import Finding, make
from ...read.dataset import Dataset
from ...read.description import sheet_name
from ...text import fr_amount, fr_number
from ..registry import rule
from .budget_hypotheses import budget_book


def _pct(dev) -> str:
    """`` (-0,15 %)``; a tiny share is written ``(moins de 0,01 %)``."""
    if dev.percent is None:
        return ""
    if abs(dev.percent) < Decimal("0.01"):
        return " (moins de 0,01 %)"
    return f" ({fr_number(dev.percent, 2)} %)"


@rule
def budget_line_deviations(data: Dataset, ctx) -> list[Finding]:
    """A typed amount departs from what the hypotheses give: beyond the tolerance an error, within it
    (but by a cent or more) an information, so that a truncated amount is still seen. Without any
    hypothesis (the sheet missing or its table empty, reported), nothing is compared."""
    book = budget_book(data, ctx)
    table = data.table("budget", "hypotheses")
    if book is None or table is None or not len(table):
        return []
    out = []
    for view in book.years:
        unreadable = {ln.cell for ln in view.form.unreadable} | {ln.cell for ln in view.form.errors}
        wrong = wrong_contribution(view)   # reported as 86 ≠ 87, with the amount to type
        for r in view.rows:
            if r.cell in unreadable or r.unknown or r.difference == 0 or r is wrong:
                continue
            dev = Deviation(r.typed if r.typed is not None else Decimal("0"), r.computed)
            within = r.deviation is None
            out.append(make("budget-line-rounding" if within else "budget-line-deviation", book.workbook,
                            view.form.sheet, r.cell, variant="default" if r.hypothesis else "no_hypothesis",
                            year=view.year, label=r.label, typed=fr_amount(dev.typed),
                            hypothesis=r.hypothesis.describe() if r.hypothesis else None,
                            computed=fr_amount(dev.computed), gap=fr_amount(dev.difference), percent=_pct(dev),
                            tolerance=fr_amount(book.tolerance), exact=fr_number(dev.computed, 2),
                            sheet_name=sheet_name("budget", "hypotheses"),
                            value=float(dev.typed), expected=float(dev.computed)))
    return out


def wrong_contribution(view) -> object | None:
    """The 86 or 87 row that departs from the hypotheses when the other one matches them (None otherwise):
    the 86 ≠ 87 finding goes there, in place of its line deviation."""
    rows = [r for r in (view.rows if view else []) if r.side in ("86", "87")]
    if len(rows) != 2 or any(r.hypothesis is None or r.unknown for r in rows) or rows[0].typed == rows[1].typed:
        return None
    wrong = [r for r in rows if r.deviation is not None]
    return wrong[0] if len(wrong) == 1 else None


@rule
def budget_contributions(data: Dataset, ctx) -> list[Finding]:
    """86 ≠ 87, on each form."""
    book = budget_book(data, ctx)
    return [] if book is None else [f for form in book.forms for f in _contributions_mismatch(book, form)]


def _contributions_mismatch(book: BudgetBook, form) -> list[Finding]:
    """86 ≠ 87. When the hypotheses tell which one is right, the finding is at the other one; when both
    depart from them, each has its line deviation; otherwise one finding at the 87 naming both cells.
    A cell in formula error or not a number is reported at that cell, and not compared."""
    t = form.totals
    if "c86" not in t or "c87" not in t:
        return []
    if any(t[k].error or (t[k].amount is None and t[k].raw is not None) for k in ("c86", "c87")):
        return []
    a86, a87 = t["c86"].amount or Decimal("0"), t["c87"].amount or Decimal("0")
    if a86 == a87:
        return []
    view = book.year(form.year)
    wrong = wrong_contribution(view)
    if wrong is not None:
        other = t["c87"] if wrong.side == "86" else t["c86"]
        return [make("budget-86-87-mismatch", book.workbook, form.sheet, wrong.cell,
                     variant="hypothesis", side=wrong.side, typed=fr_amount(wrong.typed or 0),
                     other_side='87' if wrong.side == '86' else '86', other_amount=fr_amount(other.amount or 0),
                     at=other.cell, describe=wrong.hypothesis.describe(), computed=fr_number(wrong.computed, 2),
                     value=float(wrong.typed or 0), expected=float(wrong.computed))]
    if any(r.side in ("86", "87") and r.deviation is not None for r in (view.rows if view else [])):
        return []
    return [make("budget-86-87-mismatch", book.workbook, form.sheet, t["c87"].cell,
                 amount_87=fr_amount(a87), at=t['c87'].cell, amount_86=fr_amount(a86), at2=t['c86'].cell,
                 value=float(a87), expected=float(a86))]
