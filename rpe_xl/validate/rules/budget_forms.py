"""Rules on the CAF budget forms: totals, balance, 86/87, headers, lines across years, projection."""

from __future__ import annotations

import re
from decimal import Decimal

from ...compute.budget import CONTRIBUTIONS, Deviation, ScenarioError, to_decimal
from ...compute.budget_book import BudgetBook, build_book
from ...compute.caf_rules import caf_parameters, caf_rule
from ...findings import Finding, make
from ...read.budget_form import CHARGES, HEADER_TITLES, PRODUITS
from ...read.dataset import Dataset
from ...text import fr_amount, fr_number, fr_value, norm
from ..registry import rule
from .common import not_computed

HYP = "Hypothèses"
CENT_TOLERANCE = Decimal("0.005")
_PHONE = re.compile(r"^(?:0|\+33 ?|0033 ?)[1-9](?:\d{8}|(?:[ .\-,]\d{2}){4})$")
_SIDE_FR = {CHARGES: "des charges", PRODUITS: "des produits"}


def valid_phone(text: object) -> bool:
    """French number: 10 digits starting 0 (or +33), written in one block or in pairs with one separator.

    >>> valid_phone("03 21 61 50 00"), valid_phone("03,2161,50,00")
    (True, False)
    """
    return isinstance(text, str) and bool(_PHONE.match(text.strip()))


def _book(data: Dataset, ctx) -> BudgetBook | None:
    wb = data.workbook("budget")
    if wb is None:
        return None

    def build():
        try:
            return build_book(wb)
        except ScenarioError:
            return None
    return ctx.memo("budget_book", build)


def _pct(dev) -> str:
    """`` (-0,15 %)``; a tiny share is written ``(moins de 0,01 %)``."""
    if dev.percent is None:
        return ""
    if abs(dev.percent) < Decimal("0.01"):
        return " (moins de 0,01 %)"
    return f" ({fr_number(dev.percent, 2)} %)"


@rule
def budget_hypotheses(data: Dataset, ctx) -> list[Finding]:
    """Unusable hypothesis rows, hypotheses naming no form line, an unreadable tolerance."""
    book = _book(data, ctx)
    table = data.table("budget", "hypotheses")
    if book is None or table is None:
        return []
    out = [table.finding("budget-hypothesis-invalid", p.index, p.field, p.message) for p in book.problems]
    if book.tolerance_invalid:
        out.append(make("budget-hypothesis-invalid", book.workbook, table.sheet, book.tolerance_cell,
                        f"Tolérance {fr_value(book.tolerance_raw)} illisible : saisissez un montant en euros "
                        f"(ex. 1 ou 0,50) ; {fr_amount(book.tolerance)} est appliqué.", value=str(book.tolerance_raw)))
    for h in book.hypotheses:
        if h.side == CONTRIBUTIONS:
            continue
        found = any(f.line(h.side, label=h.line) if h.side == CHARGES else f.line(h.side, account=h.account)
                    for f in book.forms)
        if not found:
            how = "libellé" if h.side == CHARGES else "compte"
            out.append(table.finding("budget-hypothesis-invalid", h.index, "line" if h.side == CHARGES else "account",
                                     f"« {h.line} » ne correspond à aucune ligne {_SIDE_FR[h.side]} des formulaires "
                                     f"BP (par son {how}) : saisissez le libellé exact de la ligne du formulaire.",
                                     value=h.line))
    return out


@rule
def budget_line_deviations(data: Dataset, ctx) -> list[Finding]:
    """A typed amount departs from what the hypotheses give: beyond the tolerance an error, within it
    (but by a cent or more) an information, so that a truncated amount is still seen."""
    book = _book(data, ctx)
    if book is None or data.table("budget", "hypotheses") is None:
        return []  # no hypotheses: the missing sheet is already reported, nothing to compare with
    out = []
    for view in book.years:
        unreadable = {ln.cell for ln in view.form.unreadable}
        for r in view.rows:
            if r.cell in unreadable or r.unknown or r.difference == 0:
                continue
            dev = Deviation(r.typed if r.typed is not None else Decimal("0"), r.computed)
            within = r.deviation is None
            how = (f"l'hypothèse « {r.hypothesis.describe()} » donne" if r.hypothesis
                   else "aucune hypothèse ne prévoit cette ligne, montant attendu")
            text = (f"{view.year}, « {r.label} » : saisi {fr_amount(dev.typed)}, {how} "
                    f"{fr_amount(dev.computed)} ; écart {fr_amount(dev.difference)}{_pct(dev)}")
            if within:
                text += (f", dans la tolérance de {fr_amount(book.tolerance)} : accepté ; pour un montant exact, "
                         f"saisissez {fr_number(dev.computed, 2)}.")
            else:
                text += f". Saisissez {fr_number(dev.computed, 2)} ou corrigez la feuille {HYP}."
            out.append(make("budget-line-rounding" if within else "budget-line-deviation", book.workbook,
                            view.form.sheet, r.cell, text, value=float(dev.typed), expected=float(dev.computed)))
    return out


@rule
def budget_form_arithmetic(data: Dataset, ctx) -> list[Finding]:
    """TOTAL lines against their lines, charges against produits, 86 against 87, unreadable amounts."""
    book = _book(data, ctx)
    if book is None:
        return []
    out = []
    for form in book.forms:
        wb, sheet, t = book.workbook, form.sheet, form.totals
        for ln in form.unreadable:
            out.append(make("invalid-number", wb, sheet, ln.cell, f"« {ln.label} » : {fr_value(ln.raw)} n'est pas "
                            "un montant : saisissez un nombre (ex. 4160 ou 4 160,00).", value=str(ln.raw)))
        for ln in form.as_text:
            out.append(make("value-repaired", wb, sheet, ln.cell, f"« {ln.label} » : {fr_value(ln.raw)} est saisi "
                            f"comme du texte, lu {fr_amount(ln.amount)} ; Excel ne le compte pas dans le total : "
                            "saisissez-le comme un nombre.", value=ln.raw, expected=float(ln.amount)))
        for key in form.missing:
            out.append(make("budget-line-missing", wb, sheet, None, f"Ligne « {key} » introuvable dans « {sheet} » : "
                            "rétablissez la ligne du formulaire CAF (son libellé exact)."))
        checks = [("total_charges", sum(form.amounts(CHARGES), Decimal("0")), "la somme des lignes de charges"),
                  ("total_produits", sum(form.amounts(PRODUITS), Decimal("0")), "la somme des lignes de produits")]
        for general, parts in (("general_charges", ("total_charges", "surplus", "c86")),
                               ("general_produits", ("total_produits", "deficit", "c87"))):
            if all(p in t for p in parts):
                checks.append((general, sum((t[p].amount or Decimal("0") for p in parts), Decimal("0")),
                               "le total + le résultat + le compte " + ("86" if general == "general_charges" else "87")))
        uncomputed = None
        for key, expected, what in checks:
            ln = t.get(key)
            if ln is not None and ln.amount is None:
                uncomputed = data.workbook("budget").uncomputed(sheet) if uncomputed is None else uncomputed
                if ln.cell in uncomputed:
                    out.append(not_computed(wb, sheet, ln.cell, ln.label))
                    continue
            if ln is not None and abs((ln.amount or Decimal("0")) - expected) > CENT_TOLERANCE:
                out.append(make("total-mismatch", wb, sheet, ln.cell,
                                f"« {ln.label} » vaut {fr_amount(ln.amount or 0)} mais {what} donne "
                                f"{fr_amount(expected)} : rétablissez la formule de total ou corrigez les lignes.",
                                value=float(ln.amount or 0), expected=float(expected)))
        if "total_charges" in t and "total_produits" in t:
            c, p = t["total_charges"].amount or Decimal("0"), t["total_produits"].amount or Decimal("0")
            if abs(c - p) > CENT_TOLERANCE:
                out.append(make("budget-unbalanced", wb, sheet, t["total_produits"].cell,
                                f"{form.year} : total des produits {fr_amount(p)} ≠ total des charges {fr_amount(c)} "
                                f"(écart {fr_amount(p - c)}) : le budget prévisionnel doit être équilibré.",
                                value=float(p), expected=float(c)))
        if "c86" in t and "c87" in t and (t["c86"].amount or 0) != (t["c87"].amount or 0):
            out.append(make("budget-86-87-mismatch", wb, sheet, t["c87"].cell,
                            f"Compte 87 {fr_amount(t['c87'].amount or 0)} ≠ compte 86 {fr_amount(t['c86'].amount or 0)} "
                            f"({t['c86'].cell}) : le 87 reporte le 86, saisissez le même montant.",
                            value=float(t["c87"].amount or 0), expected=float(t["c86"].amount or 0)))
    return out


def _same(field: str, a: object, b: object) -> bool:
    if field == "phone":
        return re.sub(r"\D", "", str(a or "")) == re.sub(r"\D", "", str(b or ""))
    return norm(a) == norm(b)


@rule
def budget_headers(data: Dataset, ctx) -> list[Finding]:
    """Header fields across the years and between the two sides of a form; phone numbers; ETP."""
    book = _book(data, ctx)
    if book is None or not book.forms:
        return []
    out = []
    ref_form = book.forms[0]
    for form in book.forms:
        for side in (CHARGES, PRODUITS):
            for field, (value, cell) in form.header[side].items():
                title = HEADER_TITLES[field]
                if field == "phone" and value is not None and not valid_phone(str(value)):
                    out.append(make("invalid-phone", book.workbook, form.sheet, cell,
                                    f"Téléphone {fr_value(value)} invalide : saisissez 10 chiffres par paires, "
                                    "par exemple 03 21 61 50 00.", value=str(value)))
                ref = ref_form.header[side].get(field)
                if form is not ref_form and ref and not _same(field, value, ref[0]):
                    out.append(make("budget-header-inconsistent", book.workbook, form.sheet, cell,
                                    f"{title} {fr_value(value)} différent de « {ref_form.sheet} » ({ref[1]} : "
                                    f"{fr_value(ref[0])}) : saisissez la même valeur chaque année.",
                                    value=str(value), expected=str(ref[0])))
                other = form.header[CHARGES].get(field) if side == PRODUITS else None
                if other and not _same(field, value, other[0]):
                    out.append(make("budget-header-inconsistent", book.workbook, form.sheet, cell,
                                    f"{title} {fr_value(value)} côté produits différent du côté charges ({other[1]} : "
                                    f"{fr_value(other[0])}) : saisissez la même valeur des deux côtés.",
                                    value=str(value), expected=str(other[0])))
        if book.etp and form.etp and form.etp[0] is not None and book.etp[0] is not None:
            try:
                if Decimal(str(form.etp[0])) != Decimal(str(book.etp[0])):
                    out.append(make("budget-header-inconsistent", book.workbook, form.sheet, form.etp[1],
                                    f"ETP {fr_value(form.etp[0])} différent des hypothèses ({HYP}!{book.etp[1]} : "
                                    f"{fr_value(book.etp[0])}) : mettez la même valeur.",
                                    value=form.etp[0], expected=book.etp[0]))
            except ArithmeticError:
                pass
    return out


@rule
def budget_lines_across_years(data: Dataset, ctx) -> list[Finding]:
    """A form line present in one year and missing in another."""
    book = _book(data, ctx)
    if book is None or len(book.forms) < 2:
        return []
    out = []
    for side in (CHARGES, PRODUITS):
        for form in book.forms:
            for other in book.forms:
                if other is form:
                    continue
                previous = None
                for ln in other.lines[side]:
                    if form.line(side, label=ln.label) is None and not _reported(out, form.sheet, ln.label):
                        anchor = form.line(side, label=previous.label) if previous else None
                        out.append(make("budget-line-missing", book.workbook, form.sheet,
                                        anchor.label_cell if anchor else None,
                                        f"Ligne « {ln.label} » présente dans « {other.sheet} » ({ln.label_cell}) et "
                                        f"absente de « {form.sheet} »"
                                        + (f" (après la ligne {anchor.row})" if anchor else "")
                                        + " : rétablissez-la avec le même libellé.", value=ln.label))
                    previous = ln
    return out


def _reported(found: list[Finding], sheet: str, label: str) -> bool:
    return any(f.sheet == sheet and f.value == label for f in found)


@rule
def budget_caf_share(data: Dataset, ctx) -> list[Finding]:
    """The CAF share compared, as information, with the CAF rule of the prestation de service."""
    import datetime as dt

    book = _book(data, ctx)
    if book is None:
        return []
    out = []
    for view in book.years:
        caf, form = view.caf(), view.form
        total = form.totals.get("total_charges")
        if caf is None or total is None or not total.amount:
            continue
        cost = total.amount
        params = caf_parameters(dt.date(view.year, 1, 1))
        etp = form.etp[0] if form.etp else None
        result = caf_rule(params, cost, to_decimal(etp))
        share = (caf.typed or Decimal("0")) * 100 / cost
        text = f"{view.year} : la prestation CAF ({fr_amount(caf.typed or 0)}) couvre {fr_number(share, 1)} % des charges"
        if params.rate is not None:
            text += f" ; la règle CAF retient {fr_number(params.rate * 100, 0)} % du prix de revient"
        if result.amount is not None:
            text += f", soit {fr_amount(result.amount)} dans la limite du plafond par ETP."
        else:
            names = {"taux": "le taux", "plafond_par_etp": "le plafond par ETP",
                     "bonus_mission_renforcee": "le bonus par mission renforcée", "etp": "le nombre d'ETP"}
            text += (". Paramètres CAF manquants (" + ", ".join(names[m] for m in result.missing) + ") : "
                     "complétez rpe_xl/data/caf/rpe/ ; le montant selon la règle CAF n'est pas calculé.")
        out.append(make("caf-rule", book.workbook, form.sheet, caf.cell, text,
                        value=float(caf.typed or 0), expected=None if result.amount is None else float(result.amount)))
    return out


BUDGET_RULES = (budget_hypotheses, budget_line_deviations, budget_form_arithmetic, budget_headers,
                budget_lines_across_years, budget_caf_share)


def budget_findings(data: Dataset, ctx=None) -> list[Finding]:
    """The findings of the budget rules only (for ``rpe-xl budget``)."""
    from ..runner import Context

    ctx = ctx or Context()
    return [f for fn in BUDGET_RULES for f in fn(data, ctx)]
