"""Budget workbook, values typed where the tool does not expect them: a fall typed as a rate, a line typed in the
blank row below the *Hypothèses* table, an emptied table, an amount outside the amounts' column, a copied or
misnamed BP sheet, a value that is not a number or not a date in a form, a title of another year, an absurd rate
in *Hypothèses* or in a scenario. Each is reported once, at its own cell (or sheet), with no cascade.

Cells are located here from the workbooks read with python-calamine, never taken from the code under test.
"""

from __future__ import annotations

import json
import shutil

import pytest

from conftest import BUDGET, WORKBOOKS, new_findings, run, verify, where
from xlsx_edit import copy_sheet, edit_workbook, sheet_rows

HYP = "Hypothèses"
SHEET = "BP 2027"
BP_SHEETS = [f"BP {y}" for y in range(2026, 2031)]


def _grid(sheet: str) -> list[list]:
    return sheet_rows(WORKBOOKS / BUDGET, sheet)


def _row(grid: list[list], test) -> int:
    """Excel row of the first row whose column A passes ``test``."""
    return next(r + 1 for r, row in enumerate(grid) if row and isinstance(row[0], str) and test(row[0].strip()))


def _hyp_cell(header: str, line: str) -> str:
    """*Hypothèses* cell of column ``header`` on the row of ``line``."""
    grid = _grid(HYP)
    head = _row(grid, lambda t: t == "Ligne")
    col = next(c for c, v in enumerate(grid[head - 1]) if isinstance(v, str) and v.startswith(header))
    return f"{chr(ord('A') + col)}{_row(grid, lambda t: t == line)}"


def _form_cell(sheet: str, test, col: str = "B") -> str:
    return f"{col}{_row(_grid(sheet), test)}"


def _budget_json(folder) -> dict:
    code, out, _ = run("budget", str(folder / BUDGET), "--format", "json")
    assert code in (0, 1), out
    return json.loads(out)


def test_the_team_workbook_has_none_of_these_findings():
    found = where(verify(WORKBOOKS))
    codes = {"budget-hypothesis-unusual", "budget-amount-off-column", "budget-form-duplicate",
             "budget-form-out-of-period"}
    assert not {k for k in found if k[0] in codes}


# --- a fall typed as a rate -----------------------------------------------------------------------------

@pytest.mark.parametrize("typed", [-0.02, "-2 %", "-0,02"])
def test_a_negative_rate_is_one_warning_at_its_cell(team_copy, typed):
    cell = _hyp_cell("Paramètre", "Salaires")
    assert _grid(HYP)[int(cell[1:]) - 1][4] == 0.02          # the forms follow +2 %
    found = new_findings(team_copy({BUDGET: {HYP: {cell: typed}}}))
    assert where(found) == {("budget-hypothesis-unusual", HYP, cell)}
    assert found[0]["severity"] == "avertissement" and "2 %" in found[0]["message"]


def test_a_fall_the_forms_do_not_follow_upward_is_compared(team_copy):
    """-10 % on a line the forms raise by 2 %: the warning, and the lines compared with the fall."""
    cell = _hyp_cell("Paramètre", "Salaires")
    found = new_findings(team_copy({BUDGET: {HYP: {cell: -0.10}}}))
    salaries = {(s, _form_cell(s, lambda t: t == "Salaires")) for s in BP_SHEETS[1:]}
    assert ("budget-hypothesis-unusual", HYP, cell) in where(found)
    assert salaries <= {(f["sheet"], f["cell"]) for f in found if f["code"] == "budget-line-deviation"}


def test_a_negative_progression_is_a_warning_and_one_below_zero_an_error(team_copy):
    cell = _hyp_cell("Paramètre", "Primes d'assurance")
    for typed, code in ((-60.0, "budget-hypothesis-unusual"), (-1000.0, "budget-hypothesis-invalid")):
        assert where(new_findings(team_copy({BUDGET: {HYP: {cell: typed}}}))) == {(code, HYP, cell)}


@pytest.mark.parametrize("typed", ["-150 %", 150.0, "250 %"])
def test_an_absurd_rate_in_hypotheses_is_one_error_at_its_cell(team_copy, typed):
    cell = _hyp_cell("Paramètre", "Salaires")
    found = new_findings(team_copy({BUDGET: {HYP: {cell: typed}}}))
    assert where(found) == {("budget-hypothesis-invalid", HYP, cell)}
    assert "-100 %" in found[0]["message"]


def test_a_negative_base_amount_is_one_error_at_its_cell(team_copy):
    cell = _hyp_cell("Montant", "Primes d'assurance")
    found = new_findings(team_copy({BUDGET: {HYP: {cell: -3000.0}}}))
    assert where(found) == {("budget-hypothesis-invalid", HYP, cell)}


# --- the Hypothèses table: a line in the blank row below it, an emptied table ---------------------------

def _separator_row() -> int:
    grid = _grid(HYP)
    block = _row(grid, lambda t: t.startswith("Activité prévisionnelle"))
    assert not any(grid[block - 2])                          # the blank row between the table and the block
    return block - 1


def test_a_line_typed_in_the_blank_row_below_the_table_is_read_as_a_hypothesis(team_copy):
    r = _separator_row()
    line = {f"A{r}": "Honoraires", f"B{r}": "62", f"D{r}": "Fixe", f"F{r}": "Centime"}
    # an amount the forms carry (none): read, nothing to report, and the block below is not read as lines
    assert new_findings(team_copy({BUDGET: {HYP: {**line, f"C{r}": 0.0}}})) == []
    # 500 € the forms do not carry: each year's Honoraires line (and the Solde) departs from it
    found = new_findings(team_copy({BUDGET: {HYP: {**line, f"C{r}": 500.0}}}))
    fees = {(s, _form_cell(s, lambda t: t == "Honoraires")) for s in BP_SHEETS}
    caf = {(s, _form_cell(s, lambda t: t.startswith("70623"))) for s in BP_SHEETS}
    assert {(f["sheet"], f["cell"]) for f in found} == fees | caf
    assert {f["code"] for f in found} == {"budget-line-deviation"}


def test_an_emptied_hypotheses_table_is_one_empty_table_warning(team_copy):
    grid = _grid(HYP)
    head = _row(grid, lambda t: t == "Ligne")
    cleared = {f"{chr(ord('A') + c)}{r}": None for r in range(head + 1, _separator_row()) for c in range(7)}
    found = new_findings(team_copy({BUDGET: {HYP: cleared}}))
    assert where(found) == {("empty-table", HYP, f"A{head}")}


# --- the BP forms: an amount outside column B, a copied or misnamed sheet -----------------------------

def test_an_amount_typed_in_column_c_is_one_finding_at_that_cell(team_copy):
    b = _form_cell(SHEET, lambda t: t == "Entretien et réparations")
    c = "C" + b[1:]
    amount = _grid(SHEET)[int(b[1:]) - 1][1]
    for edits in ({b: None, c: amount}, {c: amount}):          # instead of B, and next to it
        found = new_findings(team_copy({BUDGET: {SHEET: edits}}))
        assert where(found) == {("budget-amount-off-column", SHEET, c)}


def test_an_amount_in_column_c_left_out_of_the_recalculated_totals_is_named_by_the_balance(team_copy):
    grid = _grid(SHEET)
    b = _form_cell(SHEET, lambda t: t == "Entretien et réparations")
    amount = grid[int(b[1:]) - 1][1]
    total = _row(grid, lambda t: t.startswith("TOTAL DES CHARGES"))
    general = next(r + 1 for r in range(total, len(grid)) if str(grid[r][0]).startswith("TOTAL GENERAL"))
    produits = _row(grid, lambda t: t.startswith("TOTAL DES PRODUITS"))
    # as Excel recalculates: SUM of column B leaves C out of TOTAL DES CHARGES and of the TOTAL GENERAL
    found = new_findings(team_copy({BUDGET: {SHEET: {b: None, "C" + b[1:]: amount,
                                                     f"B{total}": grid[total - 1][1] - amount,
                                                     f"B{general}": grid[general - 1][1] - amount}}}))
    assert ("budget-amount-off-column", SHEET, "C" + b[1:]) in where(found)
    assert not [f for f in found if f["code"] in ("total-mismatch", "budget-line-deviation")]
    balance = [f for f in found if f["code"] == "budget-unbalanced"]
    assert [f["cell"] for f in balance] == [f"B{produits}"] and "C" + b[1:] in balance[0]["message"]


def test_a_copied_form_sheet_is_reported_and_not_counted_twice(team_copy, tmp_path):
    folder = team_copy()
    copy_sheet(folder / BUDGET, SHEET, f"{SHEET} (2)")
    # the copy departs from the hypotheses: were it read, it would be compared
    b = _form_cell(SHEET, lambda t: t == "Salaires")
    edit_workbook(folder / BUDGET, tmp_path / BUDGET, {f"{SHEET} (2)": {b: 1.0}})
    shutil.move(tmp_path / BUDGET, folder / BUDGET)
    assert where(new_findings(folder)) == {("budget-form-duplicate", f"{SHEET} (2)", None)}
    doc = _budget_json(folder)
    assert [y["feuille"] for y in doc["annees"].values()] == BP_SHEETS
    assert doc["annees"] == _budget_json(WORKBOOKS)["annees"]


def test_a_form_sheet_of_a_year_outside_the_period_is_reported_and_not_read(team_copy):
    folder = team_copy()
    copy_sheet(folder / BUDGET, "BP 2030", "BP 2092")
    assert where(new_findings(folder)) == {("budget-form-out-of-period", "BP 2092", None)}
    assert list(_budget_json(folder)["annees"]) == [s[3:] for s in BP_SHEETS]


# --- a value that is not a number or not a date, a title of another year ------------------------------

PLACES = {  # where a value is typed in the form -> the finding expected there
    "amount": (lambda t: t == "Entretien et réparations", "invalid-number"),
    "etp": (lambda t: "Equivalent Temps Plein" in t, "invalid-number"),
    "signed": (lambda t: t.startswith("Fait le"), "invalid-date"),
}


@pytest.mark.parametrize("place", list(PLACES))
@pytest.mark.parametrize("typed", [True, "39h", "31/02/2025"])
def test_a_value_of_the_wrong_kind_in_a_form_is_one_finding_at_its_cell(team_copy, typed, place):
    test, code = PLACES[place]
    cell = _form_cell(SHEET, test)
    assert where(new_findings(team_copy({BUDGET: {SHEET: {cell: typed}}}))) == {(code, SHEET, cell)}


@pytest.mark.parametrize("typed", ["15/01/2026", "15/01/26"])
def test_a_real_signature_date_is_accepted(team_copy, typed):
    cell = _form_cell(SHEET, lambda t: t.startswith("Fait le"))
    assert new_findings(team_copy({BUDGET: {SHEET: {cell: typed}}})) == []


def test_a_title_of_another_year_is_one_finding_at_the_title(team_copy):
    cell = _form_cell(SHEET, lambda t: t.startswith("BUDGET PREVISIONNEL"), col="A")
    title = _grid(SHEET)[int(cell[1:]) - 1][0]
    assert "2027" in title
    found = new_findings(team_copy({BUDGET: {SHEET: {cell: title.replace("2027", "2028")}}}))
    assert where(found) == {("budget-header-inconsistent", SHEET, cell)}


# --- absurd scenario values ---------------------------------------------------------------------------

@pytest.mark.parametrize("scenario", ["Salaires=-150 %", "Salaires=-100 %", "Salaires=150 %",
                                      "Primes d'assurance=-1000"])
def test_an_absurd_scenario_is_refused_in_french(scenario):
    code, out, err = run("budget", str(WORKBOOKS), "--hypothese", scenario)
    assert code == 2
    assert f"« {scenario} » impossible" in err and ("-100 %" in err or "négatif" in err)


@pytest.mark.parametrize("scenario", ["Salaires=-2 %", "Salaires=99 %", "Primes d'assurance=-60"])
def test_a_sane_scenario_is_computed(scenario):
    code, out, _ = run("budget", str(WORKBOOKS), "--hypothese", scenario, "--format", "json")
    assert code in (0, 1)
    doc = json.loads(out)
    assert all(v >= 0 for year in doc["annees"].values() for v in year["charges"].values())
