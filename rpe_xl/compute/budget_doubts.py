"""*Hypothèses* rows whose figures look like typing slips, checked against the CAF forms.

- a base amount over 100 times what the forms type for its line (1e9 for 245 000): unusable;
- a progression that makes the line's amount negative within the budget's years: unusable;
- a fall (a negative rate or progression) is unusual: it is reported, and when the forms follow the same change
  upward (the minus sign is the slip), the lines it rules are not compared until the sign is corrected.

>>> falls(hyps, forms, proj)[16].rise_followed
True
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal

from ..read.budget_form import CHARGES, PRODUITS, BudgetForm, same_label
from ..text import fr_amount, fr_number
from .budget import CONTRIBUTIONS, DEFAULT_TOLERANCE, LINEAR, RATE, Hypothesis, Problem, Projection, project
from .budget_matching import ident
from .budget_scenario import first_negative_year

ZERO = Decimal("0")
IMPLAUSIBLE = 100   # a base amount over 100 times what every form types for its line is a typing slip
FOLLOW_SHARE = Decimal("0.005")   # a form amount within 0,5 % of the rise follows it (amounts typed rounded)


def implausible_bases(hyps: list[Hypothesis], forms: list[BudgetForm], problems: list[Problem]) -> list[Hypothesis]:
    """Hypotheses whose base amount is over ``IMPLAUSIBLE`` times the largest amount the forms type for
    their line (1e9 for 245 000) become problems at their ``Montant`` cell; the others are returned."""
    largest: dict[tuple[str, str], Decimal] = {}
    for form in forms:
        for side in (CHARGES, PRODUITS):
            for ln in form.lines[side]:
                if ln.amount is not None and not ln.category:
                    key = ident(ln)
                    largest[key] = max(largest.get(key, ZERO), abs(ln.amount))
    kept = []
    for h in hyps:
        top = None
        if h.base is not None and h.side in (CHARGES, PRODUITS):
            top = next((v for (side, k), v in largest.items() if side == h.side and v > 0 and (
                same_label(h.line, k) if side == CHARGES else k == h.account)), None)
        if top is not None and abs(h.base) > IMPLAUSIBLE * top:
            problems.append(Problem(h.index, "base_amount", "base_implausible",
                                    {"line": h.line, "base": fr_amount(h.base), "ratio": IMPLAUSIBLE,
                                     "top": fr_amount(top)}))
            continue
        kept.append(h)
    return kept


def negative_progressions(hyps: list[Hypothesis], base_year: int, last_year: int, problems: list[Problem]
                          ) -> list[Hypothesis]:
    """A ``Progression linéaire`` that takes its line below zero by ``last_year`` becomes a problem at its
    ``Paramètre`` cell (an amount of the budget cannot be negative); the other hypotheses are returned."""
    kept = []
    for h in hyps:
        year = (first_negative_year(h.base, h.parameter, base_year, last_year)
                if h.method == LINEAR and h.parameter is not None and h.base is not None else None)
        if year is None:
            kept.append(h)
            continue
        problems.append(Problem(h.index, "parameter", "negative_progression",
                            {"line": h.line, "step": fr_number(h.parameter, 2), "base": fr_amount(h.base),
                             "base_year": base_year, "year": year,
                             "negative": fr_amount(h.base + h.parameter * (year - base_year))}))
    return kept


@dataclass(frozen=True)
class Fall:
    """A hypothesis whose line falls each year; ``rise_followed``: the forms follow the same change upward."""

    hypothesis: Hypothesis
    rise_followed: bool
    amounts: tuple[tuple[int, Decimal], ...]   # (year, amount) of the base year and the last year


def _typed(form: BudgetForm, h: Hypothesis) -> Decimal | None:
    if h.side == CHARGES:
        ln = form.line(CHARGES, label=h.line)
    elif h.side == PRODUITS:
        ln = form.line(PRODUITS, account=h.account)
    else:
        ln = form.totals.get("c86") if h.side == CONTRIBUTIONS else None
    return None if ln is None or ln.error else ln.amount


def falls(hyps: list[Hypothesis], forms: list[BudgetForm], proj: Projection,
          tolerance: Decimal = DEFAULT_TOLERANCE) -> dict[int, Fall]:
    """Hypothesis index -> :class:`Fall`, for each negative ``Taux annuel`` or ``Progression linéaire``. The
    forms follow the rise when, every year after the base year where they type the line, their amount is the
    same change upward (within the tolerance or ``FOLLOW_SHARE`` of it) and closer to it than to the fall."""
    out: dict[int, Fall] = {}
    for h in hyps:
        if h.method not in (RATE, LINEAR) or h.parameter is None or h.parameter >= 0:
            continue
        rise = replace(h, parameter=-h.parameter)
        up = project([rise], proj.base_year, proj.years)
        follows = []
        for form in forms:
            typed = _typed(form, h) if form.year in proj.years and form.year > proj.base_year else None
            if typed is not None:
                expected, fallen = up.amount(rise, form.year), proj.amount(h, form.year)
                near = abs(typed - expected) <= max(tolerance, FOLLOW_SHARE * abs(expected))
                follows.append(near and abs(typed - expected) < abs(typed - fallen))
        years = [proj.base_year if proj.base_year in proj.years else proj.years[0], proj.years[-1]]
        out[h.index] = Fall(h, bool(follows) and all(follows),
                            tuple((y, proj.amount(h, y)) for y in dict.fromkeys(years)))
    return out
