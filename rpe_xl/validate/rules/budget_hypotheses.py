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

HYP = "Hypothèses"


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
        message = p.message
        if p.field == "account" and guess is not None and guess.account:
            message = message.split(" ; ")[0] + f" ; saisissez le compte de la ligne du formulaire ({guess.account} ?)."
        if p.first is not None:
            message = message.replace(" figure déjà plus haut", f" figure déjà en {table.cell(p.first, p.field)}", 1)
        out.append(table.finding(p.code, p.index, p.field, message,
                                 value=_raw(table, p.index, p.field) if p.code == "duplicate-key" else None))
    if book.tolerance_invalid:
        out.append(make("budget-hypothesis-invalid", book.workbook, table.sheet, book.tolerance_cell,
                        f"Tolérance {fr_value(book.tolerance_raw)} illisible : saisissez un montant en euros "
                        f"(ex. 1 ou 0,50) ; {fr_amount(book.tolerance)} est appliqué.", value=str(book.tolerance_raw)))
    for h in book.hypotheses:
        if h.side == CONTRIBUTIONS or h.index not in book.orphans:
            continue
        guess = book.orphans[h.index]
        if h.side == CHARGES:
            fix = (f"saisissez le libellé exact de la ligne (« {guess.label} » ?)" if guess
                   else "saisissez le libellé exact de la ligne du formulaire")
            text = (f"« {h.line} » ne correspond à aucune ligne des charges des formulaires BP (une charge est "
                    f"reliée par son libellé) : {fix}.")
        else:
            fix = (f"saisissez le compte ({guess.account} ?)" if guess
                   else "saisissez le compte de la ligne du formulaire (les chiffres en tête de son libellé)")
            text = (f"« {h.line} » : compte « {h.account} » absent des produits des formulaires BP (un produit est "
                    f"relié par son compte) : {fix}.")
        out.append(table.finding("budget-hypothesis-invalid", h.index, "line" if h.side == CHARGES else "account",
                                 text, value=h.line if h.side == CHARGES else h.account,
                                 expected=None if guess is None else (guess.label if h.side == CHARGES
                                                                      else guess.account)))
    return out + [_fall(table, fall) for fall in book.falls.values()]


def _fall(table, fall: Fall) -> Finding:
    """A negative rate or progression: what it does to the line over the years, and what to type when the
    forms follow the same change upward (then the line and the Solde wait for the sign to be corrected)."""
    h = fall.hypothesis
    if h.method == LINEAR:
        what, rise = f"progression de {fr_number(h.parameter, 2)} € par an", f"{fr_amount(-h.parameter)} par an"
        typed = fr_number(-h.parameter, 2).rstrip("0").rstrip(",")
    else:
        what, rise = f"taux annuel de {fr_percent(h.parameter)}", fr_percent(-h.parameter)
        typed = rise
    amounts = ", ".join(f"{fr_amount(a)} en {y}" for y, a in fall.amounts)
    text = f"« {h.line} » : {what} : le montant baisse chaque année ({amounts}). Une baisse est inhabituelle"
    if fall.rise_followed:
        text += (f", et les formulaires BP suivent une hausse de {rise} : saisissez {typed} (sans signe moins). "
                 "D'ici là, ses lignes et la ligne d'équilibre (Solde) ne sont pas comparées.")
    else:
        text += f" : si elle est voulue, gardez-la ; sinon saisissez {typed} (sans signe moins)."
    return table.finding("budget-hypothesis-unusual", h.index, "parameter", text, value=float(h.parameter),
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
