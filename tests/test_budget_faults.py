"""Budget workbook: a fault typed into a copy (86 ≠ 87, a text amount, a typo in Arrondi or Méthode, a hypothesis
naming no line, the ETP against the team) is reported once, at its own cell, and the cells that depend on it get
no false alarm.

Cells and expected figures are located and computed here from the workbooks read with python-calamine.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from conftest import BUDGET, EQUIPE, WORKBOOKS, run, verify, where
from xlsx_edit import sheet_rows

BP_SHEETS = [f"BP {y}" for y in range(2026, 2031)]
HYP = "Hypothèses"


def _grid(sheet: str, workbook: str = BUDGET) -> list[list]:
    return sheet_rows(WORKBOOKS / workbook, sheet)


def _row(grid: list[list], test) -> int:
    """Excel row of the first row whose column A passes ``test``."""
    return next(r + 1 for r, row in enumerate(grid) if row and isinstance(row[0], str) and test(row[0].strip()))


def _at(findings: list[dict], sheet: str, cell: str) -> list[dict]:
    return [f for f in findings if f["sheet"] == sheet and f["cell"] == cell]


def _hyp_row(account: str) -> int:
    """Excel row of the *Hypothèses* line of this account."""
    return next(r + 1 for r, row in enumerate(_grid(HYP)) if len(row) > 1 and str(row[1]).strip() == account)


def _dec(v) -> Decimal:
    return Decimal(repr(v)) if isinstance(v, float) else Decimal(str(v))


# --- 86 ≠ 87 is reported on the side that departs from the hypotheses -----------------------

def test_86_87_mismatch_is_on_the_wrong_side_only(team_copy):
    bp = _grid("BP 2026")
    r86, r87 = _row(bp, lambda a: a.startswith("86 ")), _row(bp, lambda a: a.startswith("87 "))
    hyp = _grid(HYP)[_hyp_row("86/87") - 1]
    contribution = _dec(hyp[2])                        # Fixe: the 2026 amount every year
    assert _dec(bp[r86 - 1][1]) == contribution == _dec(bp[r87 - 1][1])
    for wrong, right in ((f"B{r86}", f"B{r87}"), (f"B{r87}", f"B{r86}")):
        folder = team_copy({BUDGET: {"BP 2026": {wrong: float(contribution + 5000)}}})
        findings = verify(folder / BUDGET)
        here = _at(findings, "BP 2026", wrong)
        assert [f["code"] for f in here] == ["budget-86-87-mismatch"]      # once, at the wrong cell
        assert Decimal(str(here[0]["expected"])) == contribution
        assert _at(findings, "BP 2026", right) == []                       # the right one is left alone


# --- a text amount left out by SUM -------------------------------------------------------------

def test_text_amount_is_an_error_at_its_cell_and_the_balance_names_it(team_copy):
    bp = _grid("BP 2029")
    line = _row(bp, lambda a: a.startswith("7451"))
    total = _row(bp, lambda a: a.startswith("TOTAL DES PRODUITS"))
    general = next(r + 1 for r in range(total, len(bp)) if str(bp[r][0]).startswith("TOTAL GENERAL"))
    amount = bp[line - 1][1]
    assert amount
    text = f"{amount:,.2f} €".replace(",", " ").replace(".", ",")        # « 2 200,00 € »
    # as Excel recalculates: SUM leaves the text out of TOTAL DES PRODUITS and of the TOTAL GENERAL
    folder = team_copy({BUDGET: {"BP 2029": {f"B{line}": text, f"B{total}": bp[total - 1][1] - amount,
                                             f"B{general}": bp[general - 1][1] - amount}}})
    findings = verify(folder / BUDGET)
    here = _at(findings, "BP 2029", f"B{line}")
    assert [(f["code"], f["severity"]) for f in here] == [("budget-amount-as-text", "erreur")]
    at_total = _at(findings, "BP 2029", f"B{total}")
    assert [f["code"] for f in at_total] == ["budget-unbalanced"]        # no « rétablissez la formule »
    assert f"B{line}" in at_total[0]["message"]

    # the cached totals still count it (copy not recalculated): one finding, at the cell
    folder = team_copy({BUDGET: {"BP 2029": {f"B{line}": text}}})
    new = {k for k in where(verify(folder / BUDGET)) if k[1] == "BP 2029"} - where(verify(WORKBOOKS / BUDGET))
    assert new == {("budget-amount-as-text", "BP 2029", f"B{line}")}


# --- a typo in Arrondi / Méthode gives one finding ----------------------------------------------

def test_rounding_typo_gives_one_finding_and_the_close_rounding_is_applied(team_copy):
    hyp = _grid(HYP)
    header = _row(hyp, lambda a: a == "Ligne")
    col = {name: i for i, name in enumerate(hyp[header - 1])}
    first = header + 1
    rounding_cell = f"F{first}"
    assert hyp[first - 1][col["Arrondi"]] == "Centime"
    findings = verify(team_copy({BUDGET: {HYP: {rounding_cell: "Centimes"}}}) / BUDGET)
    assert len(_at(findings, HYP, rounding_cell)) == 1

    # « Euros » on a rate line: the amounts are rounded to the euro, as the near miss means
    r = next(i + 1 for i, row in enumerate(hyp) if i >= header and row[col["Méthode"]] == "Taux annuel"
             and str(row[col["Compte"]]).startswith("6") and row[col["Paramètre"]] and row[col["Montant 2026"]] < 10000)
    label, base, rate = hyp[r - 1][0], _dec(hyp[r - 1][2]), _dec(hyp[r - 1][4])
    folder = team_copy({BUDGET: {HYP: {f"F{r}": "Euros"}}})
    findings = verify(folder / BUDGET)
    assert len(_at(findings, HYP, f"F{r}")) == 1
    bp = _grid("BP 2030")
    cell = f"B{_row(bp, lambda a: a == label)}"
    euro = (base * (1 + rate) ** 4).quantize(Decimal("1"), rounding=ROUND_HALF_UP)
    assert abs(_dec(bp[int(cell[1:]) - 1][1]) - euro) > 1          # the team typed another amount
    dev = [f for f in _at(findings, "BP 2030", cell) if f["code"] == "budget-line-deviation"]
    assert [Decimal(str(f["expected"])) for f in dev] == [euro]


def test_method_typo_gives_one_finding_and_the_budget_command_still_fails(team_copy):
    hyp = _grid(HYP)
    r = next(i + 1 for i, row in enumerate(hyp) if row[3] == "Taux annuel")
    folder = team_copy({BUDGET: {HYP: {f"D{r}": "Taux anuel"}}})
    findings = verify(folder / BUDGET)
    assert len(_at(findings, HYP, f"D{r}")) == 1
    label = hyp[r - 1][0]
    cells = {f"B{_row(_grid(s), lambda a, lab=label: a == lab)}" for s in BP_SHEETS}
    assert not [f for f in findings if f["code"] == "budget-line-deviation" and f["cell"] in cells]
    code, _, _ = run("budget", str(folder))
    assert code == 1


# --- a hypothesis naming no form line ----------------------------------------------------------

def test_product_account_typo_is_reported_once_with_the_likely_account(team_copy):
    r = _hyp_row("7451")
    folder = team_copy({BUDGET: {HYP: {f"B{r}": "7541"}}})
    findings = verify(folder / BUDGET)
    here = _at(findings, HYP, f"B{r}")
    assert [f["code"] for f in here] == ["budget-hypothesis-invalid"]
    assert here[0]["expected"] == "7451"
    for sheet in BP_SHEETS:
        line = f"B{_row(_grid(sheet), lambda a: a.startswith('7451'))}"
        assert _at(findings, sheet, line) == []                     # no « Saisissez 0,00 » on a right amount
    assert {k for k in where(findings) if k[1] in BP_SHEETS} <= where(verify(WORKBOOKS / BUDGET))


def test_charge_label_typo_is_reported_once_and_its_line_not_compared(team_copy):
    hyp = _grid(HYP)
    r = next(i + 1 for i, row in enumerate(hyp) if row[0] == "Loyer et charges locatives")
    folder = team_copy({BUDGET: {HYP: {f"A{r}": "Loyer et charge locative"}}})
    findings = verify(folder / BUDGET)
    here = _at(findings, HYP, f"A{r}")
    assert [f["code"] for f in here] == ["budget-hypothesis-invalid"]
    assert here[0]["expected"] == "Loyer et charges locatives"
    for sheet in BP_SHEETS:
        line = f"B{_row(_grid(sheet), lambda a: a == 'Loyer et charges locatives')}"
        assert _at(findings, sheet, line) == []


# --- ETP of Hypothèses against the team ----------------------------------------------------------

def _team_etp() -> Decimal:
    eq = _grid("Équipe", EQUIPE)
    header = _row(eq, lambda a: a == "Nom")
    cols = {name: i for i, name in enumerate(eq[header - 1])}
    return sum((_dec(row[cols["ETP"]]) for row in eq[header:]
                if "animatri" in str(row[cols["Fonction"]]).lower()), Decimal("0"))


def test_wrong_etp_in_hypotheses_is_reported_at_its_cell(team_copy):
    hyp = _grid(HYP)
    r = _row(hyp, lambda a: a.startswith("ETP animatrices"))
    team = _team_etp()
    assert _dec(hyp[r - 1][1]) == team
    folder = team_copy({BUDGET: {HYP: {f"B{r}": float(team - Decimal("0.2"))}}})
    findings = verify(folder)
    here = _at(findings, HYP, f"B{r}")
    assert [f["code"] for f in here] == ["declared-value-mismatch"]
    assert Decimal(str(here[0]["expected"])) == team
    etp_cells = {(s, f"B{_row(_grid(s), lambda a: 'Equivalent Temps Plein' in a)}") for s in BP_SHEETS}
    assert not [f for f in findings if (f["sheet"], f["cell"]) in etp_cells]
    # without the team workbook, the one cell that disagrees with the five forms is still the one reported
    findings = verify(folder / BUDGET)
    assert [f["code"] for f in _at(findings, HYP, f"B{r}")] == ["budget-header-inconsistent"]
    assert not [f for f in findings if (f["sheet"], f["cell"]) in etp_cells]


def test_wrong_etp_in_one_form_is_reported_at_that_form_only(team_copy):
    bp = _grid("BP 2027")
    cell = f"B{_row(bp, lambda a: 'Equivalent Temps Plein' in a)}"
    hyp_cell = f"B{_row(_grid(HYP), lambda a: a.startswith('ETP animatrices'))}"
    folder = team_copy({BUDGET: {"BP 2027": {cell: 4.2}}})
    findings = verify(folder)
    assert [f["code"] for f in _at(findings, "BP 2027", cell)] == ["budget-header-inconsistent"]
    assert _at(findings, HYP, hyp_cell) == []


def test_unreadable_team_etp_suspends_the_comparison(team_copy):
    eq = _grid("Équipe", EQUIPE)
    header = _row(eq, lambda a: a == "Nom")
    col = eq[header - 1].index("ETP")
    r = next(header + k + 1 for k, row in enumerate(eq[header:]) if "animatri" in str(row[2]).lower())
    cell = f"{chr(ord('A') + col)}{r}"
    folder = team_copy({EQUIPE: {"Équipe": {cell: "1 ETP"}}})
    findings = verify(folder / EQUIPE, folder / BUDGET)
    hyp_cell = f"B{_row(_grid(HYP), lambda a: a.startswith('ETP animatrices'))}"
    assert [f["code"] for f in _at(findings, HYP, hyp_cell)] == ["declared-not-compared"]
    assert not [f for f in findings if f["sheet"] in BP_SHEETS and f["code"] == "budget-header-inconsistent"
                and "ETP" in f["message"]]
