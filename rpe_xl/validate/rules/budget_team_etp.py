"""The ETP of the budget: the *Hypothèses* cell ``ETP animatrices`` against the sum of the animatrices' ETP of the
team (*Équipe*), and the ETP of each CAF form against both, reported at the one cell that disagrees.

>>> team_etp(data, ctx)[0]
Decimal('4.8')
"""

from __future__ import annotations

from decimal import Decimal

import pandas as pd

from ...compute.budget import to_decimal
from ...compute.budget_book import BudgetBook
from ...findings import Finding, make
from ...read.dataset import Dataset
from ...read.description import sheet_name
from ...text import fr_number, fr_value, norm
from ..registry import rule
from .budget_hypotheses import budget_book
from .team_etp import doubtful_etp_cells


@rule
def budget_etp(data: Dataset, ctx) -> list[Finding]:
    """ETP animatrices of *Hypothèses* against the team; the ETP of each form against both."""
    book = budget_book(data, ctx)
    if book is None or not book.forms:
        return []
    return _etp_findings(data, ctx, book)


ETP_TOLERANCE = Decimal("0.005")


def _etp(value: object) -> Decimal | None:
    return None if value is None or isinstance(value, (bool, str)) and not str(value).strip() else to_decimal(value)


def _fr_etp(value: Decimal) -> str:
    return fr_number(value, 2).rstrip("0").rstrip(",")


def team_etp(data: Dataset, ctx) -> tuple[Decimal | None, str, list[str]] | None:
    """Sum of the animatrices' ETP in *Équipe*, where it comes from, and the ETP cells to fix first
    (empty, unreadable or the odd one against the hours: then the sum is None). None without a team table.

    >>> team_etp(data, ctx)
    (Decimal('4.8'), 'RPE_equipe_planning.xlsx › Équipe', [])
    """
    t = data.table("equipe", "equipe")
    if t is None or not t.has("etp") or len(t) == 0:
        return None
    etps = t.df["etp"].tolist()
    rows = [i for i, f in enumerate(t.df["function"].tolist()) if "animatri" in norm(f)] if t.has("function") else []
    if not rows:   # no Fonction column: the rows with an ETP (the responsable has none)
        rows = [i for i, e in enumerate(etps) if not pd.isna(e)]
    if not rows:
        return None
    doubtful = doubtful_etp_cells(data, ctx) + [t.cell(i, "etp") for i in rows
                                                 if pd.isna(etps[i]) and (i, "etp") not in t.bad_cells]
    total = None if doubtful else sum((to_decimal(etps[i]) for i in rows), Decimal("0"))
    return total, f"{t.workbook} › {t.sheet}", doubtful


def _etp_findings(data: Dataset, ctx, book: BudgetBook) -> list[Finding]:
    """ETP animatrices of *Hypothèses* against the team's (*Équipe*), at the *Hypothèses* cell; the ETP of
    each form against both: a form is flagged only when it matches neither, so that one wrong reference
    gives one finding, at its cell."""
    table = data.table("budget", "hypotheses")
    sheet = table.sheet if table is not None else sheet_name("budget", "hypotheses")
    found = team_etp(data, ctx)
    team = (found[0], found[1]) if found and found[0] is not None else None
    out: list[Finding] = _unreadable_form_etp(book, team)
    hyp = None
    forms = [(f, _etp(f.etp[0])) for f in book.forms if f.etp]
    forms = [(f, v) for f, v in forms if v is not None]
    if book.etp and _etp(book.etp[0]) is None and str(book.etp[0] or "").strip():
        out.append(make("invalid-number", book.workbook, sheet, book.etp[1],
                        variant="hypothesis_etp_team" if team else "hypothesis_etp", typed=fr_value(book.etp[0]),
                        team=_fr_etp(team[0]) if team else None, value=str(book.etp[0])))
    elif book.etp:
        hyp = _etp(book.etp[0])
    if hyp is not None and found and found[2]:
        out.append(make("declared-not-compared", book.workbook, sheet, book.etp[1],
                        variant="hypothesis_etp", etp=_fr_etp(hyp), source=found[1], cells=', '.join(found[2]),
                        value=float(hyp)))
    refs = []
    if hyp is not None:
        refs.append((hyp, f"des hypothèses ({sheet}!{book.etp[1]} : {_fr_etp(hyp)})"))
    if team is not None:
        refs.append((team[0], f"de la somme des ETP des animatrices de l'équipe ({team[1]} : {_fr_etp(team[0])})"))
    # the right value: the two references agree, or only one is known, or the forms side with the team
    right = refs[-1][0] if refs and not _differ(refs[0][0], refs[-1][0]) else None
    if hyp is not None and team is not None and _differ(hyp, team[0]):
        if any(not _differ(v, team[0]) for _, v in forms) and all(_differ(v, hyp) for _, v in forms):
            right = team[0]
        out.append(make("declared-value-mismatch", book.workbook, sheet, book.etp[1],
                        variant="hypothesis_etp_right" if right is not None else "hypothesis_etp",
                        etp=_fr_etp(hyp), team=_fr_etp(team[0]), team_cells=team[1],
                        value=float(hyp), expected=float(team[0])))
    if team is None and hyp is not None and len(forms) > 1 and all(
            _differ(v, hyp) and not _differ(v, forms[0][1]) for _, v in forms):
        # no team to decide: the one cell against all the forms that agree together
        return out + [make("budget-header-inconsistent", book.workbook, sheet, book.etp[1],
                           variant="hypothesis_etp", etp=_fr_etp(hyp), n_forms=len(forms),
                           forms_etp=_fr_etp(forms[0][1]),
                           value=float(hyp), expected=float(forms[0][1]))]
    for form, value in forms:
        if refs and all(_differ(value, r) for r, _ in refs):
            out.append(make("budget-header-inconsistent", book.workbook, form.sheet, form.etp[1],
                            variant="form_etp_right" if right is not None else "form_etp", etp=_fr_etp(value),
                            refs=" et ".join(text for _, text in refs), right=_fr_etp(right) if right else None,
                            value=form.etp[0], expected=float(refs[-1][0])))
    return out


def _differ(a: Decimal, b: Decimal) -> bool:
    return abs(a - b) > ETP_TOLERANCE


def _unreadable_form_etp(book: BudgetBook, team) -> list[Finding]:
    """The ETP of a form that is not a number (``39h``, ``VRAI``): at its cell; it is left out of the comparisons."""
    hyp = _etp(book.etp[0]) if book.etp else None
    right = (f" ({_fr_etp(hyp)} selon les hypothèses)" if hyp is not None
             else f" ({_fr_etp(team[0])} selon l'équipe)" if team else "")
    out = []
    for form in book.forms:
        value = form.etp[0] if form.etp else None
        if value is None or (isinstance(value, str) and not value.strip()) or _etp(value) is not None:
            continue
        out.append(make("invalid-number", book.workbook, form.sheet, form.etp[1],
                        typed=fr_value(value), right=right,
                        value=str(value)))
    return out
