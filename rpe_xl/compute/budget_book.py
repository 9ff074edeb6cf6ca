"""The budget workbook put together: the forms as typed next to the projection of the hypotheses.

Used by the budget rules, ``rpe-xl budget`` and its renderers, so all of them see the same figures.
Cells come from the reading layer (``read.budget_form``) and are passed through untouched.

>>> book = build_book(data.workbook("budget"))
>>> [r for r in book.year(2028).rows if r.deviation][0].label
'Entretien et réparations'
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Iterable

from ..read.budget_form import (CHARGES, PRODUITS, BudgetForm, header_year, labelled_value, read_forms,
                                same_label)
from ..read.dataset import Workbook
from .budget import (BALANCE, DEFAULT_TOLERANCE, Deviation, Hypothesis, Problem, Projection, apply_scenario, contributions,
                     deviation, expected_line, parse_hypotheses, project, to_decimal)

ZERO = Decimal("0")


@dataclass(frozen=True)
class Row:
    """One amount of a form: typed (None = empty) and computed from the hypotheses."""

    year: int
    side: str          # charges, produits, or "86"/"87"
    label: str
    account: str | None
    typed: Decimal | None
    computed: Decimal
    cell: str
    hypothesis: Hypothesis | None
    category: bool
    tolerance: Decimal = DEFAULT_TOLERANCE
    unknown: bool = False   # its hypothesis is unusable (reported): not compared

    @property
    def deviation(self) -> Deviation | None:
        return None if self.unknown else deviation(self.typed, self.computed, self.tolerance)

    @property
    def difference(self) -> Decimal:
        return (self.typed or ZERO) - self.computed


@dataclass
class YearView:
    year: int
    form: BudgetForm
    rows: list[Row] = field(default_factory=list)

    def side(self, side: str) -> list[Row]:
        return [r for r in self.rows if r.side == side]

    def typed_total(self, side: str) -> Decimal:
        return sum((r.typed or ZERO for r in self.side(side)), ZERO)

    def computed_total(self, side: str) -> Decimal:
        return sum((r.computed for r in self.side(side)), ZERO)

    def caf(self) -> Row | None:
        return next((r for r in self.side(PRODUITS) if r.account == "70623"), None)

    def epci(self) -> Row | None:
        return next((r for r in self.side(PRODUITS) if r.account == "746"), None)


@dataclass
class BudgetBook:
    workbook: str
    forms: list[BudgetForm]
    hypotheses: list[Hypothesis]
    problems: list[Problem]
    projection: Projection | None
    tolerance: Decimal = DEFAULT_TOLERANCE
    tolerance_cell: str | None = None
    tolerance_raw: object = None
    tolerance_invalid: bool = False
    etp: tuple[object, str] | None = None
    years: list[YearView] = field(default_factory=list)

    def year(self, year: int) -> YearView | None:
        return next((y for y in self.years if y.year == year), None)


def read_tolerance(grid) -> tuple[Decimal, str | None, object, bool]:
    """The tolerance typed next to a ``Tolérance`` label in *Hypothèses* (default 1 €):
    (tolerance, cell, raw value, whether the typed value was unusable)."""
    found = labelled_value(grid, "Tolérance") if grid else None
    if not found:
        return DEFAULT_TOLERANCE, None, None, False
    raw, cell = found
    value = to_decimal(raw.replace("€", "").strip() if isinstance(raw, str) else raw)
    if value is None or value < 0:
        return DEFAULT_TOLERANCE, cell, raw, True
    return value, cell, raw, False


def _names_broken(broken: list[dict], side: str, label: str, account: str | None) -> bool:
    for rec in broken:
        name, acc = rec.get("line"), str(rec.get("account") or "").strip()
        if side == CHARGES and isinstance(name, str) and same_label(name, label):
            return True
        if side == PRODUITS and account and acc == account:
            return True
    return False


def build_book(wb: Workbook, overrides: Iterable[str] = ()) -> BudgetBook | None:
    """Forms, hypotheses (with scenario ``overrides`` applied), projection and rows by year.

    Raises ``ScenarioError`` for an override that cannot be applied. None when no form is found.
    """
    forms = read_forms(wb.grids("bp"))
    table = wb.tables.get("hypotheses")
    grid = wb.grid("hypotheses")
    hyps: list[Hypothesis] = []
    problems: list[Problem] = []
    base_year = None
    broken: list[dict] = []   # rows of unusable hypotheses: their lines (and the Solde) are not compared
    if table is not None:
        records = table.records()
        hyps, problems = parse_hypotheses(records)
        broken = [records[i] for i in sorted({p.index for p in problems})
                  if not any(h.index == i for h in hyps)]
        if table.has("base_amount"):
            base_year = header_year(grid, table.header_row, table.columns["base_amount"])
    tolerance, tol_cell, tol_raw, tol_bad = read_tolerance(grid)
    book = BudgetBook(wb.name, forms, hyps, problems, None, tolerance, tol_cell, tol_raw, tol_bad,
                      labelled_value(grid, "ETP animatrices") if grid else None)
    years = [f.year for f in forms if f.year is not None]
    if not years:
        return book
    hyps = apply_scenario(hyps, overrides)
    book.hypotheses = hyps
    proj = project(hyps, base_year or min(years), years)
    book.projection = proj
    for form in forms:
        if form.year is None:
            continue
        view = YearView(form.year, form)
        for side in (CHARGES, PRODUITS):
            for ln in form.lines[side]:
                computed, hyp = expected_line(proj, side, ln.label, ln.account, form.year)
                unknown = _names_broken(broken, side, ln.label, ln.account) or (
                    bool(broken) and hyp is not None and hyp.method == BALANCE)
                view.rows.append(Row(form.year, side, ln.label, ln.account, ln.amount, computed, ln.cell, hyp,
                                     ln.category, tolerance, unknown))
        amount, hyp = contributions(proj, form.year)
        for key, side in (("c86", "86"), ("c87", "87")):
            ln = form.totals.get(key)
            if ln is not None:
                view.rows.append(Row(form.year, side, ln.label, side, ln.amount, amount, ln.cell, hyp, False, tolerance))
        book.years.append(view)
    return book
