"""The periods the dossier covers, as the workbooks state them: the activity period of the suivi workbook
(``du 01/01/2025 au 30/06/2025``) and the first day of the agrément requested (*Contexte RPE* of the Bureau
workbook: the day after « Agrément en vigueur jusqu'au », else the first year of « Période d'agrément
sollicitée »; else the first year of the budget).

>>> dossier_period(load([Path("workbooks")]))                               # doctest: +SKIP
DossierPeriod(activity=Period(start=datetime.date(2025, 1, 1), …), agreement_start=datetime.date(2026, 1, 1))
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .budget_sheets import stated_period
from .dataset import value_of
from .description import rubric
from .label_sheet import as_date
from .period import Period, workbook_period

if TYPE_CHECKING:
    from .dataset import Dataset

_YEARS = re.compile(r"(\d{4})\s*[-–—/à]\s*(\d{4})")


@dataclass(frozen=True)
class DossierPeriod:
    """``activity``: the period the activity figures cover; ``agreement_start``: the first day of the agrément
    the dossier asks for (None when no workbook states them)."""

    activity: Period | None = None
    agreement_start: dt.date | None = None


def dossier_period(data: Dataset) -> DossierPeriod:
    """The periods the workbooks of ``data`` state."""
    suivi = data.workbook("suivi")
    return DossierPeriod(workbook_period(suivi) if suivi is not None else None, agreement_start(data))


def agreement_start(data: Dataset) -> dt.date | None:
    """The first day of the agrément requested: the day after the current one ends (*Contexte RPE*), else the
    first year of the period requested, else the first year of the budget."""
    contexte = data.table("bureau", "contexte")
    if contexte is not None:
        end = as_date(value_of(contexte, rubric("contexte", "agrement_fin"))[0])
        if end is not None:
            return end + dt.timedelta(days=1)
        m = _YEARS.search(str(value_of(contexte, rubric("contexte", "periode_agrement"))[0] or ""))
        if m and int(m.group(1)) <= int(m.group(2)):
            return dt.date(int(m.group(1)), 1, 1)
    budget = data.workbook("budget")
    table = data.table("budget", "hypotheses")
    years = stated_period(budget.grid("hypotheses"), budget.name, None, table.header_row if table else None) \
        if budget is not None else None
    return dt.date(years[0], 1, 1) if years else None
