"""Rules on the *Hypothèses* sheet of the budget workbook: unusable rows, rows naming no form line, an
unreadable tolerance, and a fall (a negative rate or progression), which is unusual.

>>> budget_hypotheses(data, ctx)
[]
"""

from __future__ import annotations

from ...compute.budget import CONTRIBUTIONS, LINEAR, ScenarioError, fr_percent
from ...compute.budget_book import BudgetBook, build_book
from ...compute.budget_doubts import Fall
from ...findings import Finding, make
from ...read.budget_form import CHARGES
from ...read.dataset import Dataset
from ...text import fr_amount, fr_number, fr_value
from ..registry import rule


def budget_book(data: Dataset, ctx) -> BudgetBook | None:
    """The budget workbook put together (forms and projection), built once per run."""
    wb = data.workbook("budget")
    if wb is None:
        return None

    def build():
        try:
            return build_book(wb)
        except ScenarioError:
            return None
    return ctx.memo("budget_book", build)


@rule
def budget_hypotheses(data: Dataset, ctx) -> list[Finding]:
    """Unusable hypothesis rows, hypotheses naming no form line, an unreadable tolerance, a fall."""
    book = budget_book(data, ctx)
    table = data.table("budget", "hypotheses")
    if book is None or table is None:
        return []
    wb = data.workbook("budget")
    out = []
    for p in book.problems:
        if _reported_by_sheet_check(wb, table, p.index, p.field):
            continue  # one finding per cell: the drop-down list / required value check already says what to type
        guess = book.orphans.get(p.index)
        variant, values = p.variant, p.values
        if p.variant == "account" and guess is not None and guess.account:
            variant, values = "account_guess", {**values, "guess": guess.account}
        if p.first is not None:
            values = {**values, "at": table.cell(p.first, p.field)}
        out.append(table.finding(p.code, p.index, p.field, variant=variant, **values,
                                 value=_raw(table, p.index, p.field) if p.code == "duplicate-key" else None))
    if book.tolerance_invalid:
        out.append(make("budget-hypothesis-invalid", book.workbook, table.sheet, book.tolerance_cell,
                        variant="tolerance",
                        typed=fr_value(book.tolerance_raw), tolerance=fr_amount(book.tolerance),
                        value=str(book.tolerance_raw)))
    for h in book.hypotheses:
        if h.side == CONTRIBUTIONS or h.index not in book.orphans:
            continue
        guess = book.orphans[h.index]
        variant = ("orphan_charge" if h.side == CHARGES else "orphan_product") + ("_guess" if guess else "")
        out.append(table.finding("budget-hypothesis-invalid", h.index, "line" if h.side == CHARGES else "account",
                                 variant=variant, line=h.line, account=h.account,
                                 guess=None if guess is None else (guess.label if h.side == CHARGES else guess.account),
                                 value=h.line if h.side == CHARGES else h.account,
                                 expected=None if guess is None else (guess.label if h.side == CHARGES
                                                                      else guess.account)))
    return out + [_fall(table, fall) for fall in book.falls.values()]


def _fall(table, fall: Fall) -> Finding:
    """A negative rate or progression: what it does to the line over the years, and what to type when the
    forms follow the same change upward (then the line and the Solde wait for the sign to be corrected)."""
    h = fall.hypothesis
    if h.method == LINEAR:
        variant, step, rise = "linear", fr_number(h.parameter, 2), f"{fr_amount(-h.parameter)} par an"
        typed = fr_number(-h.parameter, 2).rstrip("0").rstrip(",")
    else:
        variant, step, rise = "rate", fr_percent(h.parameter), fr_percent(-h.parameter)
        typed = rise
    amounts = ", ".join(f"{fr_amount(a)} en {y}" for y, a in fall.amounts)
    return table.finding("budget-hypothesis-unusual", h.index, "parameter",
                         variant=variant + ("_followed" if fall.rise_followed else ""), line=h.line, step=step,
                         amounts=amounts, rise=rise, typed=typed, value=float(h.parameter),
                         expected=float(-h.parameter) if fall.rise_followed else None)


def _raw(table, i: int, name: str):
    value = table.df[name].iloc[i] if table.has(name) else None
    return value if isinstance(value, str) else None


def _reported_by_sheet_check(wb, table, i: int, name: str) -> bool:
    """Whether the sheet's model already reports this *Hypothèses* cell: an empty required cell
    (``missing-value``) or a value outside the workbook's drop-down list (``value-not-in-list``)."""
    from ..schema import list_values

    if (i, name) in table.bad_cells:
        return True   # unreadable (TRUE, #REF!…): reported by the reading with what to type
    sheet = wb.spec.sheet(table.key)
    if not any(f.check for f in sheet.fields) or not table.has(name):
        return False
    value = table.df[name].iloc[i]
    if value is None or (isinstance(value, float) and value != value):
        check = sheet.field(name).check
        return check is not None and not check.nullable
    allowed = list_values(wb, table, name)
    return bool(allowed) and value not in allowed
