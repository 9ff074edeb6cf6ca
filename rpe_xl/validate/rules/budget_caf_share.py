"""The CAF share of each form compared, as information, with the CAF rule of the prestation de service.

>>> [f.cell for f in budget_caf_share(data, ctx)]
['B66', 'B66', 'B66', 'B66', 'B66']
"""

from __future__ import annotations

from decimal import Decimal

from ...compute.budget import to_decimal
from ...compute.caf_rules import caf_parameters, caf_rule
from ...findings import Finding, make
from ...read.budget_form import CHARGES
from ...read.dataset import Dataset
from ...text import fr_amount, fr_number
from ..registry import rule
from .budget_hypotheses import budget_book


_MISSING = {"taux": "le taux", "plafond_par_etp": "le plafond par ETP",
            "bonus_mission_renforcee": "le bonus par mission renforcée", "etp": "le nombre d'ETP"}


def _etp(form, book) -> Decimal | None:
    """The form's ETP; when it is not a number (reported at its cell), the ETP of *Hypothèses*."""
    own = to_decimal(form.etp[0]) if form.etp else None
    if own is None and form.etp and form.etp[0] is not None and book.etp:
        return to_decimal(book.etp[0])
    return own


@rule
def budget_caf_share(data: Dataset, ctx) -> list[Finding]:
    """The CAF share compared, as information, with the CAF rule of the prestation de service."""
    import datetime as dt

    book = budget_book(data, ctx)
    if book is None:
        return []
    out = []
    for view in book.years:
        caf, form = view.caf(), view.form
        total = form.totals.get("total_charges")
        if caf is None or total is None or not total.amount:
            continue
        if CHARGES in form.error_sides() or any(ln.cell == caf.cell for ln in form.errors + form.unreadable):
            continue   # a formula error or a value that is not a number (reported at its cell): share unknown
        cost = total.amount
        params = caf_parameters(dt.date(view.year, 1, 1), near=(data.workbook("budget").path,))
        result = caf_rule(params, cost, _etp(form, book))
        share = (caf.typed or Decimal("0")) * 100 / cost
        variant = "default" if result.amount is not None else "missing" if params.rate is not None else "missing_rate"
        out.append(make("caf-rule", book.workbook, form.sheet, caf.cell, variant=variant, year=view.year,
                        paid=fr_amount(caf.typed or 0), share=fr_number(share, 1),
                        rate=None if params.rate is None else fr_number(params.rate * 100, 0),
                        amount=None if result.amount is None else fr_amount(result.amount),
                        missing=", ".join(_MISSING[m] for m in result.missing),
                        how_to_set=params.how_to_set(result.missing),
                        value=float(caf.typed or 0), expected=None if result.amount is None else float(result.amount)))
    return out
