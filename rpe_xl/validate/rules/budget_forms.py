"""Rules on the CAF budget forms: totals, balance, 86/87, headers, lines across years, projection."""

from __future__ import annotations

import re
from decimal import Decimal

import pandas as pd

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
    return out


def _raw(table, i: int, name: str):
    value = table.df[name].iloc[i] if table.has(name) else None
    return value if isinstance(value, str) else None


def _reported_by_sheet_check(wb, table, i: int, name: str) -> bool:
    """Whether the sheet's model already reports this *Hypothèses* cell: an empty required cell
    (``missing-value``) or a value outside the workbook's drop-down list (``value-not-in-list``)."""
    from ..models import MODELS
    from ..schema import list_values

    if (i, name) in table.bad_cells:
        return True   # unreadable (TRUE, #REF!…): reported by the reading with what to type
    model = MODELS.get((wb.kind, table.key))
    if model is None or not table.has(name):
        return False
    value = table.df[name].iloc[i]
    if value is None or (isinstance(value, float) and value != value):
        column = model.to_schema().columns.get(wb.spec.sheet(table.key).field(name).header)
        return column is not None and not column.nullable
    allowed = list_values(wb, table, name)
    return bool(allowed) and value not in allowed


@rule
def budget_line_deviations(data: Dataset, ctx) -> list[Finding]:
    """A typed amount departs from what the hypotheses give: beyond the tolerance an error, within it
    (but by a cent or more) an information, so that a truncated amount is still seen."""
    book = _book(data, ctx)
    if book is None or data.table("budget", "hypotheses") is None:
        return []  # no hypotheses: the missing sheet is already reported, nothing to compare with
    out = []
    for view in book.years:
        unreadable = {ln.cell for ln in view.form.unreadable} | {ln.cell for ln in view.form.errors}
        wrong = _wrong_contribution(view)   # reported as 86 ≠ 87, with the amount to type
        for r in view.rows:
            if r.cell in unreadable or r.unknown or r.difference == 0 or r is wrong:
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
    """TOTAL lines against their lines, charges against produits, 86 against 87, unreadable amounts.
    An amount typed as text is left out by Excel's SUM: the erreur is at that cell, and a total or a
    balance it throws off names it as the cause."""
    book = _book(data, ctx)
    if book is None:
        return []
    out = []
    for form in book.forms:
        wb, sheet, t = book.workbook, form.sheet, form.totals
        err_sides = form.error_sides()
        keys = {id(ln): k for k, ln in t.items()}
        for ln in form.errors:
            if id(ln) in keys and _depends_on_error(form, keys[id(ln)], err_sides):
                continue   # a total in error because a cell it adds up is: reported once, at that cell
            out.append(make("formula-error", wb, sheet, ln.cell, f"« {ln.label} » : « {str(ln.raw).strip()} » est une "
                            "formule en erreur : corrigez la formule (ou la cellule qu'elle utilise) ou saisissez le "
                            "montant ; les totaux et l'équilibre qui en dépendent ne sont pas vérifiés.",
                            value=str(ln.raw)))
        for ln in form.unreadable:
            out.append(make("invalid-number", wb, sheet, ln.cell, f"« {ln.label} » : {fr_value(ln.raw)} n'est pas "
                            "un montant : saisissez un nombre (ex. 4160 ou 4 160,00).", value=str(ln.raw)))
        texts = {side: [ln for ln in form.as_text if ln.side == side] for side in (CHARGES, PRODUITS)}
        for ln in form.as_text:
            total = t.get("total_charges" if ln.side == CHARGES else "total_produits")
            where = f" dans « {total.label} » ({total.cell})" if total else " dans le total"
            out.append(make("budget-amount-as-text", wb, sheet, ln.cell,
                            f"« {ln.label} » : {fr_value(ln.raw)} est saisi comme du texte : Excel ne le compte "
                            f"pas{where}. Saisissez le nombre {_plain(ln.amount)} (sans espace ni €).",
                            value=ln.raw, expected=float(ln.amount)))
        for key in form.missing:
            out.append(make("budget-line-missing", wb, sheet, None, f"Ligne « {key} » introuvable dans « {sheet} » : "
                            "rétablissez la ligne du formulaire CAF (son libellé exact)."))
        checks = [("total_charges", sum(form.amounts(CHARGES), Decimal("0")), "la somme des lignes de charges",
                   texts[CHARGES]),
                  ("total_produits", sum(form.amounts(PRODUITS), Decimal("0")), "la somme des lignes de produits",
                   texts[PRODUITS])]
        for general, parts in (("general_charges", ("total_charges", "surplus", "c86")),
                               ("general_produits", ("total_produits", "deficit", "c87"))):
            if all(p in t for p in parts):
                checks.append((general, sum((t[p].amount or Decimal("0") for p in parts), Decimal("0")),
                               "le total + le résultat + le compte " + ("86" if general == "general_charges" else "87"),
                               []))
        uncomputed = None
        short: dict[str, list] = {}   # side -> text amounts the cached total leaves out, as Excel's SUM does
        for key, expected, what, as_text in checks:
            ln = t.get(key)
            if ln is not None and (ln.error or _depends_on_error(form, key, err_sides)):
                continue   # the formula error is reported at its cell: this total cannot be checked
            if ln is not None and ln.amount is None:
                uncomputed = data.workbook("budget").uncomputed(sheet) if uncomputed is None else uncomputed
                if ln.cell in uncomputed:
                    out.append(not_computed(wb, sheet, ln.cell, ln.label))
                    continue
            if ln is None or abs((ln.amount or Decimal("0")) - expected) <= CENT_TOLERANCE:
                continue
            left_out = sum((x.amount for x in as_text), Decimal("0"))
            if as_text and abs((ln.amount or Decimal("0")) - (expected - left_out)) <= CENT_TOLERANCE:
                short[ln.side] = as_text   # the formula is right: the text amounts are the cause
                continue
            cause = (f" ({_cells(as_text)} saisi comme du texte : saisissez-le comme un nombre)" if as_text else "")
            out.append(make("total-mismatch", wb, sheet, ln.cell,
                            f"« {ln.label} » vaut {fr_amount(ln.amount or 0)} mais {what} donne "
                            f"{fr_amount(expected)}{cause} : rétablissez la formule de total ou corrigez les lignes.",
                            value=float(ln.amount or 0), expected=float(expected)))
        if "total_charges" in t and "total_produits" in t and not err_sides \
                and not (t["total_charges"].error or t["total_produits"].error):
            c, p = t["total_charges"].amount or Decimal("0"), t["total_produits"].amount or Decimal("0")
            if abs(c - p) > CENT_TOLERANCE:
                causes = short.get(CHARGES, []) + short.get(PRODUITS, [])
                fix = (f" : {_cells(causes)} saisi comme du texte n'est pas compté par la somme ; saisissez-le comme "
                       "un nombre." if causes else " : le budget prévisionnel doit être équilibré.")
                out.append(make("budget-unbalanced", wb, sheet, t["total_produits"].cell,
                                f"{form.year} : total des produits {fr_amount(p)} ≠ total des charges {fr_amount(c)} "
                                f"(écart {fr_amount(p - c)}){fix}", value=float(p), expected=float(c)))
        out += _contributions_mismatch(book, form)
    return out


def _depends_on_error(form, key: str, err_sides: set[str]) -> bool:
    """Whether the check of total ``key`` uses a cell in formula error: a detail line of its side for a
    TOTAL DES CHARGES/PRODUITS, one of its parts for a TOTAL GENERAL."""
    t = form.totals
    if key in ("total_charges", "total_produits"):
        return t[key].side in err_sides
    parts = ("total_charges", "surplus", "c86") if key == "general_charges" else ("total_produits", "deficit", "c87")
    return any(p in t and t[p].error for p in parts)


def _plain(amount: Decimal) -> str:
    """``2200`` or ``2200,5``: an amount as typed in a cell, without separators."""
    text = f"{amount:.2f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


def _cells(lines) -> str:
    return ", ".join(f"{ln.cell} ({fr_value(ln.raw)})" for ln in lines)


def _wrong_contribution(view) -> object | None:
    """The 86 or 87 row that departs from the hypotheses when the other one matches them (None otherwise):
    the 86 ≠ 87 finding goes there, in place of its line deviation."""
    rows = [r for r in (view.rows if view else []) if r.side in ("86", "87")]
    if len(rows) != 2 or any(r.hypothesis is None or r.unknown for r in rows) or rows[0].typed == rows[1].typed:
        return None
    wrong = [r for r in rows if r.deviation is not None]
    return wrong[0] if len(wrong) == 1 else None


def _contributions_mismatch(book: BudgetBook, form) -> list[Finding]:
    """86 ≠ 87. When the hypotheses tell which one is right, the finding is at the other one; when both
    depart from them, each has its line deviation; otherwise one finding at the 87 naming both cells."""
    t = form.totals
    if "c86" not in t or "c87" not in t:
        return []
    if t["c86"].error or t["c87"].error:
        return []   # reported as formula-error at its cell
    a86, a87 = t["c86"].amount or Decimal("0"), t["c87"].amount or Decimal("0")
    if a86 == a87:
        return []
    view = book.year(form.year)
    wrong = _wrong_contribution(view)
    if wrong is not None:
        other = t["c87"] if wrong.side == "86" else t["c86"]
        return [make("budget-86-87-mismatch", book.workbook, form.sheet, wrong.cell,
                     f"Compte {wrong.side} {fr_amount(wrong.typed or 0)} ≠ compte {'87' if wrong.side == '86' else '86'} "
                     f"{fr_amount(other.amount or 0)} ({other.cell}), montant que donne l'hypothèse "
                     f"« {wrong.hypothesis.describe()} » : le 87 reporte le 86 ; saisissez {fr_number(wrong.computed, 2)}.",
                     value=float(wrong.typed or 0), expected=float(wrong.computed))]
    if any(r.side in ("86", "87") and r.deviation is not None for r in (view.rows if view else [])):
        return []
    return [make("budget-86-87-mismatch", book.workbook, form.sheet, t["c87"].cell,
                 f"Compte 87 {fr_amount(a87)} ({t['c87'].cell}) ≠ compte 86 {fr_amount(a86)} ({t['c86'].cell}) : "
                 f"le 87 reporte le 86 ; corrigez celle des deux cellules qui est fausse pour qu'elles portent le "
                 "même montant.", value=float(a87), expected=float(a86))]


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
    return out + _etp_findings(data, ctx, book)


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
    from .team import doubtful_etp_cells

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
    sheet = table.sheet if table is not None else HYP
    found = team_etp(data, ctx)
    team = (found[0], found[1]) if found and found[0] is not None else None
    out: list[Finding] = []
    hyp = None
    forms = [(f, _etp(f.etp[0])) for f in book.forms if f.etp]
    forms = [(f, v) for f, v in forms if v is not None]
    if book.etp and _etp(book.etp[0]) is None and str(book.etp[0] or "").strip():
        out.append(make("invalid-number", book.workbook, sheet, book.etp[1],
                        f"ETP animatrices : {fr_value(book.etp[0])} n'est pas un nombre : saisissez le nombre d'ETP "
                        "des animatrices" + (f" ({_fr_etp(team[0])} selon l'équipe)" if team else "") + ", sans texte.",
                        value=str(book.etp[0])))
    elif book.etp:
        hyp = _etp(book.etp[0])
    if hyp is not None and found and found[2]:
        out.append(make("declared-not-compared", book.workbook, sheet, book.etp[1],
                        f"ETP animatrices {_fr_etp(hyp)} non comparé à l'équipe ({found[1]}) : corrigez d'abord "
                        f"l'ETP des animatrices ({', '.join(found[2])}).", value=float(hyp)))
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
        fix = (f"saisissez {_fr_etp(team[0])}" if right is not None
               else "corrigez cette valeur ou l'ETP des animatrices dans l'équipe")
        out.append(make("declared-value-mismatch", book.workbook, sheet, book.etp[1],
                        f"ETP animatrices {_fr_etp(hyp)} différent {refs[1][1]} : {fix}.",
                        value=float(hyp), expected=float(team[0])))
    if team is None and hyp is not None and len(forms) > 1 and all(
            _differ(v, hyp) and not _differ(v, forms[0][1]) for _, v in forms):
        # no team to decide: the one cell against all the forms that agree together
        return out + [make("budget-header-inconsistent", book.workbook, sheet, book.etp[1],
                           f"ETP animatrices {_fr_etp(hyp)} différent de celui des {len(forms)} formulaires BP "
                           f"({_fr_etp(forms[0][1])}) : corrigez cette valeur ou les formulaires.",
                           value=float(hyp), expected=float(forms[0][1]))]
    for form, value in forms:
        if refs and all(_differ(value, r) for r, _ in refs):
            fix = f"saisissez {_fr_etp(right)}" if right is not None else "saisissez la valeur juste"
            out.append(make("budget-header-inconsistent", book.workbook, form.sheet, form.etp[1],
                            f"ETP {_fr_etp(value)} différent " + " et ".join(text for _, text in refs) + f" : {fix}.",
                            value=form.etp[0], expected=float(refs[-1][0])))
    return out


def _differ(a: Decimal, b: Decimal) -> bool:
    return abs(a - b) > ETP_TOLERANCE


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
        if CHARGES in form.error_sides() or any(ln.cell == caf.cell for ln in form.errors):
            continue   # a formula error (reported at its cell) leaves the CAF share unknown
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
    """The findings of the budget rules only (for ``rpe-xl budget``), with the sheet-model checks of
    *Hypothèses* (drop-down lists, required cells), which the budget rules leave to them."""
    from ..runner import Context
    from ..schema import validate_table

    ctx = ctx or Context()
    wb, table = data.workbook("budget"), data.table("budget", "hypotheses")
    sheet = validate_table(wb, table) if wb is not None and table is not None else []
    return sheet + [f for fn in BUDGET_RULES for f in fn(data, ctx)]
