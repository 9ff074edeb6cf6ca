"""One tolerance for every typed figure: the precision it was typed or formatted with (half a unit of its last
decimal shown). An ETP that is the right rounding of hours ÷ 35 is no error; a percentage shown with two decimals
is judged at two decimals; a declared cell that holds no figure, or a formula error, is reported at its cell."""

from __future__ import annotations

import json

import openpyxl
import pytest
from conftest import EQUIPE, TERRITOIRE, WORKBOOKS, copy_team, new_findings, run, verify, where
from xlsx_edit import set_formula_errors, sheet_rows

from rpe_xl.validate.rules.precision import DURATION_PRECISION, ETP_PRECISION, agrees, tolerance_of

MAUREEN, REP, EVOL = "Planning Maureen", "Répartition", "Évolution AM"


def alarms(findings) -> set[tuple]:
    return {(f["code"], f["sheet"], f["cell"]) for f in findings if f["severity"] != "info"}


def _grid(workbook: str, sheet: str) -> list[list]:
    return sheet_rows(WORKBOOKS / workbook, sheet)


@pytest.mark.parametrize("typed, fmt, at_most, tol", [
    (0.69, None, None, 0.005), (0.7, None, None, 0.05), (0.7, "0.00", None, 0.005), (29, None, None, 0.5),
    (29, "0.00", None, 0.005), (0.29, "0%", None, 0.005), (0.1875, "0.00%", None, 0.00005),
    (0.421109316101239, "0.0%", None, 0.0005), (1, None, ETP_PRECISION, 0.005), ("0,80", None, None, 0.005),
    ("19,28 %", None, None, 0.005), ("31h30", None, None, DURATION_PRECISION), (168, "0.0", DURATION_PRECISION,
                                                                                DURATION_PRECISION)])
def test_tolerance_is_half_a_unit_of_the_last_decimal_shown(typed, fmt, at_most, tol):
    assert tolerance_of(typed, fmt, at_most) == pytest.approx(tol)


def test_a_rounding_agrees_and_the_next_hundredth_does_not():
    assert agrees(0.69, 24 / 35, tolerance_of(0.69, "0.00", ETP_PRECISION))
    assert not agrees(0.70, 24 / 35, tolerance_of(0.70, "0.00", ETP_PRECISION))


def test_number_formats_are_read_from_the_file():
    from rpe_xl.read import load
    from rpe_xl.read.number_formats import number_format

    data = load([WORKBOOKS])
    book = openpyxl.load_workbook(WORKBOOKS / EQUIPE, read_only=False)  # read to compare, never saved
    sheet = book[REP]
    cells = [c.coordinate for row in sheet.iter_rows() for c in row if isinstance(c.value, (int, float))]
    assert cells
    for ref in cells:
        expected = sheet[ref].number_format
        assert number_format(data.workbook("equipe"), REP, ref) == (None if expected == "General" else expected)


# --- ETP typed with two decimals -------------------------------------------------------------------------

def _maureen_at_24h() -> dict:
    """Edits turning Maureen's 28 h planning into 24 h: one afternoon 3 h shorter, another 1 h shorter."""
    grid = _grid(EQUIPE, MAUREEN)
    total = next(r for r, row in enumerate(grid) if str(row[0]).upper().startswith("TOTAL"))
    afternoon = total - 1
    cols = [c for c in range(1, 6) if str(grid[afternoon][c]).startswith("13h30 à 17h ")]
    assert len(cols) >= 2 and all(str(grid[total][c]).upper() == "7H" for c in cols[:2])
    a, b = cols[:2]
    edits = {f"{chr(65 + a)}{afternoon + 1}": grid[afternoon][a].replace("à 17h", "à 14h"),   # 3h30 -> 0h30
             f"{chr(65 + a)}{total + 1}": "4H",
             f"{chr(65 + b)}{afternoon + 1}": grid[afternoon][b].replace("à 17h", "à 16h"),   # 3h30 -> 2h30
             f"{chr(65 + b)}{total + 1}": "6H",
             "A1": grid[0][0].replace("0,80", "0,69")}
    assert edits["A1"] != grid[0][0]
    return edits


def _equipe_cells(first_name: str) -> tuple[str, str, str, str]:
    """Hours and ETP cells of a person in Équipe, and those of the Total row."""
    team = _grid(EQUIPE, "Équipe")
    header = next(r for r, row in enumerate(team) if "ETP" in row)
    hours, etp = team[header].index("Heures hebdo"), team[header].index("ETP")
    r = next(r for r, row in enumerate(team) if row[1] == first_name)
    t = next(r for r, row in enumerate(team) if str(row[0]).startswith("Total"))
    return (f"{chr(65 + hours)}{r + 1}", f"{chr(65 + etp)}{r + 1}", f"{chr(65 + hours)}{t + 1}",
            f"{chr(65 + etp)}{t + 1}")


@pytest.mark.parametrize("etp, wrong", [(0.69, False), (0.7, True)])
def test_etp_rounded_to_the_hundredth_is_no_error(tmp_path, etp, wrong):
    hours, etp_cell, total_hours, total_etp = _equipe_cells("Maureen")
    team = _grid(EQUIPE, "Équipe")
    header = next(r for r, row in enumerate(team) if "ETP" in row)
    f, h, e = (team[header].index(k) for k in ("Fonction", "Heures hebdo", "ETP"))
    others = [row for row in team[header + 1:] if "Animatrice" in str(row[f]) and row[1] != "Maureen"]
    folder = copy_team(tmp_path / "c", {EQUIPE: {
        MAUREEN: _maureen_at_24h(),
        "Équipe": {hours: 24, etp_cell: etp, total_hours: sum(row[h] for row in others) + 24,
                   total_etp: round(sum(row[e] for row in others) + etp, 2)}}})
    found = new_findings(folder)
    etp_findings = [f for f in found if f["code"] == "etp-hours-mismatch"]
    assert not [f for f in found if f["code"] in ("total-mismatch", "planning-total-mismatch")]
    if not wrong:
        assert etp_findings == []
    else:
        assert where(etp_findings) == {("etp-hours-mismatch", "Équipe", etp_cell)}
        assert etp_findings[0]["value"] != etp_findings[0]["expected"] == 0.69


# --- a percentage shown with two decimals -----------------------------------------------------------------

def _contract_pct_cell(activity: str, contract: str) -> str:
    grid = _grid(EQUIPE, REP)
    header = next(r for r, row in enumerate(grid) if row[0] == "Activités" and row[1] == f"Nbre d'heures {contract}")
    r = next(r for r in range(header + 1, len(grid)) if grid[r][0] == activity)
    return f"C{r + 1}"


def test_percentage_is_judged_at_the_decimals_it_shows(tmp_path):
    cell = _contract_pct_cell("Animations", "35h")
    base = where(verify(WORKBOOKS), "declared-value-mismatch")
    assert ("declared-value-mismatch", REP, cell) in base       # 19,28 typed, 6h45 / 35 h = 19,2857 %
    right = new_findings(copy_team(tmp_path / "a", {EQUIPE: {REP: {cell: round(6.75 / 35 * 100, 2)}}}))
    assert ("declared-value-mismatch", REP, cell) not in where(verify(tmp_path / "a"))
    assert alarms(right) == set()
    # 19,3 in a cell formatted 0.00 shows « 19,30 »: two decimals, so 19,2857 is not it
    shown = verify(copy_team(tmp_path / "b", {EQUIPE: {REP: {cell: 19.3}}}))
    assert ("declared-value-mismatch", REP, cell) in where(shown)


# --- declared cells holding no figure -------------------------------------------------------------------

def test_unreadable_repartition_cells_are_reported_at_their_cells(tmp_path):
    grid = _grid(EQUIPE, REP)
    team = next(r for r, row in enumerate(grid) if row[0] == "Activités" and row[1] == "%")
    hours_row = next(r for r in range(team + 1, len(grid)) if str(grid[r][2]).endswith("h30"))
    pct_row = team + 1
    hours, pct = f"C{hours_row + 1}", f"B{pct_row + 1}"
    typed = str(grid[hours_row][2]).replace("30", "3O")
    found = new_findings(copy_team(tmp_path / "c", {EQUIPE: {REP: {hours: typed, pct: True}}}))
    assert alarms(found) == {("invalid-time", REP, hours), ("invalid-number", REP, pct)}
    message = next(f["message"] for f in found if f["cell"] == hours)
    assert str(grid[hours_row][2]) in message                   # « 17h30 » suggested for « 17h3O »


# --- Évolution AM: a formula error at its cell, the comparison waits ------------------------------------

def _evolution_cells() -> tuple[str, list[str]]:
    """The last count of the table and the declared cells below it (Baisse, Réduction)."""
    grid = _grid(TERRITOIRE, EVOL)
    years = [r for r, row in enumerate(grid) if isinstance(row[0], float) and row[0] > 1900]
    declared = [f"B{r + 1}" for r, row in enumerate(grid) if str(row[0]).startswith(("Baisse", "Réduction"))]
    assert len(years) >= 2 and len(declared) == 2
    return f"B{years[-1] + 1}", declared


def test_div0_in_a_count_waits_without_false_mismatch(tmp_path):
    count, declared = _evolution_cells()
    folder = copy_team(tmp_path / "c")
    set_formula_errors(folder / TERRITOIRE, EVOL, {count: "#DIV/0!", **{c: "#DIV/0!" for c in declared}})
    found = new_findings(folder)
    assert alarms(found) == {("formula-error", EVOL, count)}    # the declared cells' errors come from it
    assert ("declared-not-compared", EVOL, declared[0]) in where(found)
    code, out, _ = run("indicateurs", "--format", "json", str(folder))
    assert "am.evolution_pct" not in json.loads(out)["indicateurs"]


def test_div0_in_a_declared_cell_is_reported_there(tmp_path):
    _, declared = _evolution_cells()
    folder = copy_team(tmp_path / "c")
    set_formula_errors(folder / TERRITOIRE, EVOL, {declared[1]: "#DIV/0!"})
    assert alarms(new_findings(folder)) == {("formula-error", EVOL, declared[1])}
    folder2 = copy_team(tmp_path / "d", {TERRITOIRE: {EVOL: {declared[0]: 700}}})
    assert alarms(new_findings(folder2)) == {("declared-value-mismatch", EVOL, declared[0])}
