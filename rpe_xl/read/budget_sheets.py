"""The sheets of a budget workbook around the CAF forms: the labelled values of *Hypothèses*, the period the
budget covers, and which ``BP …`` sheets are the forms of that period (a copied sheet or a year outside the
period is set aside, so that nothing is counted twice or projected over decades).

>>> stated_period(grid, "RPE_budget_2026-2030.xlsx", 2026)
(2026, 2030)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ..text import norm
from .address import cell as a1
from .budget_form import _YEAR, BudgetForm, _text, _value
from .source import Grid

_PERIOD = re.compile(r"(20\d\d)\s*[-–—/à]\s*(20\d\d)")
FALLBACK_SPAN = 10   # without a stated period, forms up to 10 years after the base year belong to the budget


@dataclass(frozen=True)
class SetAside:
    """A ``BP …`` sheet that is not read as a form of the budget: ``kind`` is ``copy`` (a second form of a
    year, ``kept`` being the one read) or ``period`` (its year is outside ``period``)."""

    form: BudgetForm
    kind: str
    kept: BudgetForm | None = None
    period: tuple[int, int] | None = None


def labelled_value(grid: Grid, label: str) -> tuple[Any, str] | None:
    """In a sheet of label/value rows (the *Hypothèses* blocks below the table), the value next to the
    first cell whose text starts with ``label`` (tolerant) and the value's cell.

    >>> labelled_value(grid, "Tolérance")
    (2.0, 'B28')
    """
    wanted = norm(label)
    for r, row in enumerate(grid or []):
        for c, v in enumerate(row):
            if isinstance(v, str) and norm(v).startswith(wanted):
                value, vcol = _value(grid, r, c + 1)
                return value, a1(r + 1, vcol)
    return None


def header_year(grid: Grid, row: int, col: int) -> int | None:
    """Year written in a header cell (``Montant 2026``), 1-based row and column."""
    text = _text(grid, row - 1, col) if grid else None
    m = _YEAR.search(str(text or ""))
    return int(m.group(1)) if m else None


def stated_period(grid: Grid | None, workbook: str, base_year: int | None, header_row: int | None = None
                  ) -> tuple[int, int] | None:
    """The years the budget covers: the ``2026-2030`` written above the *Hypothèses* table (its title), else
    in the workbook's file name; else the base year and the ten years after it. None when nothing tells."""
    texts = [v for row in (grid or [])[:(header_row or 4) - 1] for v in row if isinstance(v, str)] + [workbook]
    for text in texts:
        m = _PERIOD.search(text)
        if m and int(m.group(1)) <= int(m.group(2)):
            return int(m.group(1)), int(m.group(2))
    return (base_year, base_year + FALLBACK_SPAN) if base_year else None


def select_forms(forms: list[BudgetForm], period: tuple[int, int] | None) -> tuple[list[BudgetForm], list[SetAside]]:
    """The forms of the budget, one per year of ``period``, and the sheets set aside: a second sheet of a
    year (``BP 2027 (2)``: the sheet named exactly ``BP 2027`` is kept, else the first one) and a sheet whose
    year is outside the period (``BP 2092``). Forms without a year are kept (their missing rows are reported)."""
    kept: list[BudgetForm] = []
    aside: list[SetAside] = []
    by_year: dict[int, list[BudgetForm]] = {}
    for form in forms:
        if form.year is None:
            kept.append(form)
        elif period and not period[0] <= form.year <= period[1]:
            aside.append(SetAside(form, "period", period=period))
        else:
            by_year.setdefault(form.year, []).append(form)
    for year, same in by_year.items():
        first = next((f for f in same if norm(f.sheet) == f"bp {year}"), same[0])
        kept.append(first)
        aside += [SetAside(f, "copy", kept=first) for f in same if f is not first]
    kept.sort(key=lambda f: (f.year is None, f.year or 0, f.sheet))
    aside.sort(key=lambda a: (a.form.year or 0, a.form.sheet))
    return kept, aside
