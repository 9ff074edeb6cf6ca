"""Rules on the arithmetic of each CAF form: TOTAL lines against their lines, charges against produits, and the
cells Excel's SUM cannot count (a formula error, a value that is not a number, an amount typed as text or
outside the amounts' column). Such a cell is reported once, at its cell; a total or a balance it throws off
names it as the cause, or waits when its amount is not known.

>>> [f.code for f in budget_form_arithmetic(data, ctx)]
[]
"""

from __future__ import annotations

from decimal import Decimal

from ...findings import Finding, make
from ...read.address import column_letter
from ...read.budget_form import CHARGES, PRODUITS
from ...read.dataset import Dataset
from ...text import fr_amount, fr_value
from ..registry import rule
from .budget_hypotheses import budget_book
from .common import not_computed

CENT_TOLERANCE = Decimal("0.005")
ZERO = Decimal("0")
PARTS = {"general_charges": ("total_charges", "surplus", "c86"),
         "general_produits": ("total_produits", "deficit", "c87")}


@rule
def budget_form_arithmetic(data: Dataset, ctx) -> list[Finding]:
    """TOTAL lines against their lines, charges against produits, unreadable and left-out amounts."""
    book = budget_book(data, ctx)
    if book is None:
        return []
    out = []
    for form in book.forms:
        out += _cells_left_out(book.workbook, form)
        out += _totals(data, book.workbook, form)
    return out


def _cells_left_out(wb: str, form) -> list[Finding]:
    """One finding per cell Excel's SUM cannot count, at that cell."""
    sheet, t = form.sheet, form.totals
    out = []
    bad = _unknown(form)
    keys = {id(ln): k for k, ln in t.items()}
    for ln in form.errors:
        if id(ln) in keys and _waits(form, keys[id(ln)], bad, form.error_sides()):
            continue   # a total in error because a cell it adds up is: reported once, at that cell
        out.append(make("formula-error", wb, sheet, ln.cell, variant="budget_amount", label=ln.label,
                        raw=str(ln.raw).strip(),
                        value=str(ln.raw)))
    for ln in form.unreadable:
        out.append(make("invalid-number", wb, sheet, ln.cell, variant="budget_amount", label=ln.label,
                        raw=fr_value(ln.raw), value=str(ln.raw)))
    for ln in form.as_text:
        out.append(make("budget-amount-as-text", wb, sheet, ln.cell,
                        label=ln.label, raw=fr_value(ln.raw), in_total=_in_total(form, ln.side),
                        plain=_plain(ln.amount),
                        value=ln.raw, expected=float(ln.amount)))
    amounts = f"colonne {column_letter(form.value_col)}"
    for ln, cell, raw, moved in form.off_column:
        own = f"{column_letter(form.value_col)}{ln.row}"
        out.append(make("budget-amount-off-column", wb, sheet, cell, variant="moved" if moved else "default",
                        label=ln.label, raw=fr_value(raw), at=cell, amounts=amounts, own=own,
                        in_total=_in_total(form, ln.side), value=_plain_raw(raw)))
    for key in form.missing:
        out.append(make("budget-line-missing", wb, sheet, None, key=key, sheet_name=sheet))
    return out


def _totals(data: Dataset, wb: str, form) -> list[Finding]:
    """Each TOTAL against its parts, then charges against produits."""
    sheet, t = form.sheet, form.totals
    bad = _unknown(form)
    left = {side: [ln for ln in form.as_text if ln.side == side]
            + [ln for ln, _, _, moved in form.off_column if moved and ln.side == side] for side in (CHARGES, PRODUITS)}
    checks = [("total_charges", _sum(form.lines[CHARGES]), "la somme des lignes de charges", left[CHARGES]),
              ("total_produits", _sum(form.lines[PRODUITS]), "la somme des lignes de produits", left[PRODUITS])]
    for general, parts in PARTS.items():
        if all(p in t for p in parts):
            checks.append((general, sum((t[p].amount or ZERO for p in parts), ZERO),
                           "le total + le résultat + le compte " + ("86" if general == "general_charges" else "87"),
                           []))
    out = []
    uncomputed = None
    short: dict[str, list] = {}   # side -> amounts the cached total leaves out, as Excel's SUM does
    for key, expected, what, left_out in checks:
        ln = t.get(key)
        if ln is not None and (key in bad or _waits(form, key, bad, form.unknown_sides())):
            continue   # reported at the cell Excel cannot count: this total cannot be checked
        if ln is not None and ln.amount is None:
            uncomputed = data.workbook("budget").uncomputed(sheet) if uncomputed is None else uncomputed
            if ln.cell in uncomputed:
                out.append(not_computed(wb, sheet, ln.cell, ln.label))
                continue
        if ln is None or abs((ln.amount or ZERO) - expected) <= CENT_TOLERANCE:
            continue
        if left_out and abs((ln.amount or ZERO) - (expected - _sum(left_out))) <= CENT_TOLERANCE:
            short[ln.side] = left_out   # the formula is right: the cells it cannot count are the cause
            continue
        cause = f" ({_why(form, left_out)})" if left_out else ""
        out.append(make("total-mismatch", wb, sheet, ln.cell,
                        variant="budget_total", label=ln.label, amount=fr_amount(ln.amount or 0), what=what,
                        wanted=fr_amount(expected), cause=cause,
                        value=float(ln.amount or 0), expected=float(expected)))
    if "total_charges" in t and "total_produits" in t and not form.unknown_sides() \
            and not {"total_charges", "total_produits"} & bad:
        c, p = t["total_charges"].amount or ZERO, t["total_produits"].amount or ZERO
        if abs(c - p) > CENT_TOLERANCE:
            causes = short.get(CHARGES, []) + short.get(PRODUITS, [])
            fix = (f" : {_why(form, causes, balance=True)}." if causes
                   else " : le budget prévisionnel doit être équilibré.")
            out.append(make("budget-unbalanced", wb, sheet, t["total_produits"].cell,
                            year=form.year, income=fr_amount(p), charges=fr_amount(c), gap=fr_amount(p - c), fix=fix,
                            value=float(p), expected=float(c)))
    return out


def _unknown(form) -> set[str]:
    """Keys of the totals whose own amount is not known: a formula error or a value that is not a number."""
    return {k for k, ln in form.totals.items() if ln.error or (ln.amount is None and ln.raw is not None)}


def _waits(form, key: str, bad: set[str], sides: set[str]) -> bool:
    """Whether the check of total ``key`` uses a cell whose amount is not known: a detail line of a side in
    ``sides`` for a TOTAL DES CHARGES/PRODUITS, one of its parts (``bad``) for a TOTAL GENERAL."""
    if key in ("total_charges", "total_produits"):
        return form.totals[key].side in sides
    return any(p in bad for p in PARTS.get(key, ()))


def _sum(lines) -> Decimal:
    return sum((ln.amount or ZERO for ln in lines), ZERO)


def _in_total(form, side: str) -> str:
    total = form.totals.get("total_charges" if side == CHARGES else "total_produits")
    return f" dans « {total.label} » ({total.cell})" if total else " dans le total"


def _why(form, lines, balance: bool = False) -> str:
    """``B74 (« 2 200,00 € ») saisi comme du texte : saisissez-le comme un nombre`` (in a balance: ``… n'est pas
    compté par la somme ; …``), or the same for a cell outside the amounts' column."""
    column = column_letter(form.value_col)
    text = [ln for ln in lines if ln in form.as_text]
    off = [ln for ln in lines if ln not in form.as_text]
    how = " n'est pas compté par la somme ;" if balance else " :"
    parts = []
    if text:
        parts.append(f"{_cells(text)} saisi comme du texte{how} saisissez-le comme un nombre")
    if off:
        parts.append(f"{_cells(off)} saisi hors de la colonne {column} des montants{how} déplacez-le en colonne "
                     f"{column}")
    return " ; ".join(parts)


def _plain(amount: Decimal) -> str:
    """``2200`` or ``2200,5``: an amount as typed in a cell, without separators."""
    text = f"{amount:.2f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


def _plain_raw(raw: object) -> object:
    return raw if isinstance(raw, (str, int, float)) and not isinstance(raw, bool) else str(raw)


def _cells(lines) -> str:
    return ", ".join(f"{ln.cell} ({fr_value(ln.raw)})" for ln in lines)
