"""Budget workbook, formula errors in the BP forms and implausible values in *Hypothèses*: a formula error or an implausible
hypothesis is reported once, at its own cell, and the totals, balance and line comparisons that depend on it
are held back.

Cells are located here from the workbooks read with python-calamine, never taken from the code under test.
"""

from __future__ import annotations

import datetime as dt

from conftest import BUDGET, WORKBOOKS, new_findings, verify
from xlsx_edit import set_formula_errors, sheet_rows

HYP = "Hypothèses"
BP_SHEETS = [f"BP {y}" for y in range(2026, 2031)]
def _grid(sheet: str) -> list[list]:
    return sheet_rows(WORKBOOKS / BUDGET, sheet)


def _row(grid: list[list], test, after: int = 0) -> int:
    """Excel row (after Excel row ``after``) of the first row whose column A passes ``test``."""
    return next(r + 1 for r, row in enumerate(grid) if r >= after and row and isinstance(row[0], str)
                and test(row[0].strip()))


def _hyp_row(label: str) -> int:
    return _row(_grid(HYP), lambda t: t == label)


def _form_rows(sheet: str) -> dict[str, int]:
    grid = _grid(sheet)
    charges = _row(grid, lambda t: t.upper().startswith("TOTAL DES CHARGES"))
    return {"salaires": _row(grid, lambda t: t == "Salaires"),
            "total_charges": charges,
            "general_charges": _row(grid, lambda t: t.upper().startswith("TOTAL GENERAL"), after=charges),
            "caf": _row(grid, lambda t: t.startswith("70623")),
            "total_produits": _row(grid, lambda t: t.upper().startswith("TOTAL DES PRODUITS"))}


# --- formula errors in the BP forms ---------------------------------------------------------------------

def test_ref_in_a_form_line_and_its_totals_is_one_formula_error_at_the_line(team_copy):
    sheet = "BP 2027"
    r = _form_rows(sheet)
    folder = team_copy()
    # as Excel shows it: the line is #REF!, so are the totals adding it up
    set_formula_errors(folder / BUDGET, sheet, {f"B{r['salaires']}": "#REF!", f"B{r['total_charges']}": "#REF!",
                                 f"B{r['general_charges']}": "#REF!"})
    found = [f for f in new_findings(folder) if f["sheet"] == sheet]
    assert [(f["code"], f["cell"]) for f in found] == [("formula-error", f"B{r['salaires']}")]
    assert "0,00 €" not in found[0]["message"]


def test_ref_in_a_total_is_a_formula_error_there_and_no_cascade(team_copy):
    sheet = "BP 2028"
    r = _form_rows(sheet)
    folder = team_copy()
    set_formula_errors(folder / BUDGET, sheet, {f"B{r['total_charges']}": "#REF!"})
    found = [f for f in new_findings(folder) if f["sheet"] == sheet]
    assert [(f["code"], f["cell"]) for f in found] == [("formula-error", f"B{r['total_charges']}")]
    before = {f["code"] for f in verify(WORKBOOKS) if f["sheet"] == sheet}
    after = {f["code"] for f in verify(folder) if f["sheet"] == sheet}
    assert not {"total-mismatch", "budget-unbalanced"} & (after - before)


def test_na_in_the_caf_line_holds_back_the_caf_rule_and_the_total(team_copy):
    sheet = "BP 2026"
    r = _form_rows(sheet)
    folder = team_copy()
    set_formula_errors(folder / BUDGET, sheet, {f"B{r['caf']}": "#N/A"})
    found = [f for f in new_findings(folder) if f["sheet"] == sheet]
    assert [(f["code"], f["cell"]) for f in found] == [("formula-error", f"B{r['caf']}")]
    assert not [f for f in verify(folder) if f["sheet"] == sheet and f["code"] == "caf-rule"]


# --- Hypothèses -----------------------------------------------------------------------------------------

def _hyp_cols() -> dict[str, str]:
    grid = _grid(HYP)
    header = next(row for row in grid if row and row[0] == "Ligne")
    names = {"Montant": "base", "Paramètre": "parameter", "Ligne": "line", "Compte": "account"}
    return {names[k]: chr(65 + c) for c, v in enumerate(header) if isinstance(v, str)
            for k in names if v.startswith(k)}


def _no_line_finding(found: list[dict]) -> bool:
    return not [f for f in found if f["sheet"] in BP_SHEETS and f["code"].startswith("budget-line")]


def test_a_date_in_the_rate_cell_is_reported_there_and_its_lines_not_compared(team_copy):
    cols, row = _hyp_cols(), _hyp_row("Entretien et réparations")
    cell = f"{cols['parameter']}{row}"
    found = new_findings(team_copy({BUDGET: {HYP: {cell: dt.date(2025, 4, 1)}}}))
    assert [(f["code"], f["sheet"], f["cell"]) for f in found] == [("budget-hypothesis-invalid", HYP, cell)]
    assert "01/04/2025" in found[0]["message"]
    assert _no_line_finding(found)


def test_an_absurd_base_amount_is_reported_there_and_its_lines_not_compared(team_copy):
    cols, row = _hyp_cols(), _hyp_row("Salaires")
    cell = f"{cols['base']}{row}"
    found = new_findings(team_copy({BUDGET: {HYP: {cell: 1e9}}}))
    assert [(f["code"], f["sheet"], f["cell"]) for f in found] == [("budget-hypothesis-invalid", HYP, cell)]
    assert _no_line_finding(found)


def test_a_duplicate_line_is_a_duplicate_key_at_the_second_row_and_not_compared(team_copy):
    cols = _hyp_cols()
    first, second = sorted([_hyp_row("Salaires"), _hyp_row("Etudes et documentation")])
    grid = _grid(HYP)
    label, account = grid[second - 1][0], grid[second - 1][1]
    other = first if label != grid[first - 1][0] else second
    found = new_findings(team_copy({BUDGET: {HYP: {f"{cols['line']}{other}": label,
                                                    f"{cols['account']}{other}": account}}}))
    dups = [f for f in found if f["code"] == "duplicate-key"]
    assert [(f["sheet"], f["cell"]) for f in dups] == [(HYP, f"{cols['line']}{second}")]
    label_cells = {f"B{_row(_grid(s), lambda t, lab=label: t == lab)}" for s in BP_SHEETS}
    assert not [f for f in found if f["sheet"] in BP_SHEETS and f["cell"] in label_cells]


def test_true_or_ref_in_a_hypothesis_cell_is_one_finding(team_copy):
    cols = _hyp_cols()
    base = f"{cols['base']}{_hyp_row('Achats de prestations pour activités')}"
    param = f"{cols['parameter']}{_hyp_row('Entretien et réparations')}"
    folder = team_copy({BUDGET: {HYP: {base: True}}})
    set_formula_errors(folder / BUDGET, HYP, {param: "#REF!"})
    found = [f for f in new_findings(folder) if f["sheet"] == HYP]
    assert sorted(f["cell"] for f in found) == sorted([base, param])
    assert not [f for f in found if "manquant" in f["message"]]
