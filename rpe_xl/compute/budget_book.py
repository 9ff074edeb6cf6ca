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
from typing import Any, Iterable

from ..read.budget_form import CHARGES, PRODUITS, BudgetForm, FormLine, read_forms
from ..read.budget_sheets import SetAside, header_year, labelled_value, select_forms, stated_period
from ..read.dataset import Workbook
from .budget import (BALANCE, DEFAULT_TOLERANCE, Hypothesis, Problem, Projection, contributions, expected_line,
                     parse_hypotheses, project, to_decimal)
from .budget_doubts import Fall, falls, implausible_bases, negative_progressions
from .budget_matching import ident, names_any, orphans as find_orphans
from .budget_scenario import apply_scenario

ZERO = Decimal("0")


@dataclass(frozen=True)
class Deviation:
    """A typed amount (empty = 0) against the amount the hypotheses give."""

    typed: Decimal
    computed: Decimal

    @property
    def difference(self) -> Decimal:
        return self.typed - self.computed

    @property
    def percent(self) -> Decimal | None:
        """Difference in percent of the computed amount (None when it is 0)."""
        return None if self.computed == 0 else self.difference * 100 / self.computed


def deviation(typed: Decimal | None, computed: Decimal, tolerance: Decimal = DEFAULT_TOLERANCE) -> Deviation | None:
    """A deviation when the typed amount (empty = 0) departs from the computed one by more than ``tolerance``."""
    dev = Deviation(typed if typed is not None else Decimal("0"), computed)
    return dev if abs(dev.difference) > tolerance else None


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
    unknown: bool = False   # its hypothesis is unusable or held back (reported): not compared

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
    # hypothesis rows (table index) that name no line of the forms -> the form line they most likely mean
    # (None: no likely line); that line is not compared (its amount is not known to be 0)
    orphans: dict[int, FormLine | None] = field(default_factory=dict)
    set_aside: list[SetAside] = field(default_factory=list)   # BP sheets not read: a copy, a year out of period
    falls: dict[int, Fall] = field(default_factory=dict)        # hypothesis index -> its line falls each year

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


def build_book(wb: Workbook, overrides: Iterable[str] = ()) -> BudgetBook | None:
    """Forms, hypotheses (with scenario ``overrides`` applied), projection and rows by year.

    Raises ``ScenarioError`` for an override that cannot be applied. None when no form is found.
    """
    table = wb.tables.get("hypotheses")
    grid = wb.grid("hypotheses")
    base_year = None
    if table is not None and table.has("base_amount"):
        base_year = header_year(grid, table.header_row, table.columns["base_amount"])
    forms = read_forms(wb.grids("bp"))
    first = min((f.year for f in forms if f.year is not None), default=None)
    period = stated_period(grid, wb.name, base_year or first, table.header_row if table is not None else None)
    forms, set_aside = select_forms(forms, period)
    years = [f.year for f in forms if f.year is not None]
    base_year = base_year or (min(years) if years else None)
    hyps: list[Hypothesis] = []
    problems: list[Problem] = []
    broken: list[dict] = []   # rows of unusable hypotheses: their lines (and the Solde) are not compared
    orphans: dict[int, FormLine | None] = {}
    records: list[dict] = []   # none: the table is missing or empty (reported), no line is compared
    if table is not None:
        records = _records(table, grid)
        hyps, problems = parse_hypotheses(records)
        hyps = implausible_bases(hyps, forms, problems)
        if years:
            hyps = negative_progressions(hyps, base_year, max(years), problems)
        usable = {h.index for h in hyps}
        broken = [records[i] for i in sorted({p.index for p in problems}) if i not in usable]
        orphans = find_orphans(forms, records)
    tolerance, tol_cell, tol_raw, tol_bad = read_tolerance(grid)
    book = BudgetBook(wb.name, forms, hyps, problems, None, tolerance, tol_cell, tol_raw, tol_bad,
                      labelled_value(grid, "ETP animatrices") if grid else None, orphans=orphans, set_aside=set_aside)
    if not years:
        return book
    book.falls = falls(hyps, forms, project(hyps, base_year, years), tolerance)
    held = {i for i, fall in book.falls.items() if fall.rise_followed}   # a minus sign typed by mistake
    hyps = apply_scenario(hyps, overrides, (base_year, max(years)))
    book.hypotheses = hyps
    book.projection = proj = project(hyps, base_year, years)
    guessed = {ident(ln) for ln in orphans.values() if ln is not None}
    # a line an orphan hypothesis most likely means shows that hypothesis' amount, but is not compared
    meant = {ident(orphans[h.index]): h for h in hyps if orphans.get(h.index) is not None}
    for form in forms:
        if form.year is not None:
            book.years.append(_view(form, proj, broken, held, guessed, meant, tolerance, compared=bool(records)))
    return book


def _records(table: Any, grid: Any) -> list[dict]:
    """The *Hypothèses* records, each with the parameter cell as typed when it is a text (``parameter_text``)."""
    records = table.records()
    col = table.columns.get("parameter")
    if col and grid:
        for rec, row in zip(records, table.rows):
            raw = grid[row - 1][col - 1] if row - 1 < len(grid) and col - 1 < len(grid[row - 1]) else None
            if isinstance(raw, str):
                rec["parameter_text"] = raw
    return records


def _view(form: BudgetForm, proj: Projection, broken: list[dict], held: set[int], guessed: set, meant: dict,
          tolerance: Decimal, compared: bool = True) -> YearView:
    """The rows of one form: typed next to computed; a row is not compared (``unknown``) when its hypothesis
    is unusable or held back, or is the Solde while one is (the Solde depends on every line), and no row is
    when there is no hypothesis at all (``compared`` false)."""
    view = YearView(form.year, form)
    waiting = bool(broken) or bool(held)
    for side in (CHARGES, PRODUITS):
        for ln in form.lines[side]:
            computed, hyp = expected_line(proj, side, ln.label, ln.account, form.year)
            if hyp is None and ident(ln) in meant:
                hyp = meant[ident(ln)]
                computed = proj.amount(hyp, form.year)
            unknown = (not compared or names_any(broken, side, ln.label, ln.account) or ident(ln) in guessed
                       or (hyp is not None and (hyp.index in held or (waiting and hyp.method == BALANCE))))
            view.rows.append(Row(form.year, side, ln.label, ln.account, ln.amount, computed, ln.cell, hyp,
                                 ln.category, tolerance, unknown))
    amount, hyp = contributions(proj, form.year)
    unknown = (not compared or (hyp is None and names_any(broken, "86", "", None))
               or (hyp is not None and hyp.index in held))
    for key, side in (("c86", "86"), ("c87", "87")):
        ln = form.totals.get(key)
        if ln is not None:
            view.rows.append(Row(form.year, side, ln.label, side, ln.amount, amount, ln.cell, hyp, False,
                                 tolerance, unknown))
    return view
