"""Plannings, Répartition and Équipe: a formula error (``#REF!``) in a planning or Répartition cell is
``formula-error`` at the cell, and what is computed from it waits; a day TOTAL that disagrees with its blocks holds
back Répartition and Équipe G11; a copied planning sheet is named once and counted once; a TOTAL typed as an Excel
time is read in hours."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from conftest import EQUIPE, WORKBOOKS, copy_team, new_findings, verify, where
from xlsx_edit import copy_sheet, set_formula_errors, sheet_rows

from rpe_xl.read.planning_grid import excel_time_hours

MELANIE, CAROLINE, DORIS = "Planning Mélanie", "Planning Caroline", "Planning Doris"
DECLARED = {"declared-value-mismatch", "declared-not-compared"}


@pytest.fixture(scope="module")
def baseline() -> set:
    return where(verify(WORKBOOKS))


def _folder(tmp_path: Path, edits: dict | None = None) -> Path:
    """Copies of the team's workbooks, the équipe one with ``edits`` (cells edited in the XML)."""
    return copy_team(tmp_path / "classeurs", {EQUIPE: edits} if edits else None)


def _total_cell(sheet: str, cell: str) -> str:
    """TOTAL Heures cell below ``cell`` (same column), read from the sheet."""
    rows = sheet_rows(WORKBOOKS / EQUIPE, sheet)
    r = next(r for r, row in enumerate(rows, start=1) if str(row[0]).strip().upper().startswith("TOTAL"))
    return re.match(r"[A-Z]+", cell).group(0) + str(r)


def _value(sheet: str, cell: str):
    m = re.match(r"([A-Z]+)(\d+)$", cell)
    return sheet_rows(WORKBOOKS / EQUIPE, sheet)[int(m.group(2)) - 1][ord(m.group(1)) - 65]


def test_formula_error_in_a_planning_cell_is_reported_there_and_holds_back_what_uses_it(tmp_path, baseline):
    assert re.search(r"\d+h\d* à \d+h", _value(MELANIE, "C5"))  # C5 holds blocks of the day
    folder = _folder(tmp_path)
    set_formula_errors(folder / EQUIPE, MELANIE, {"C5": "#REF!"})
    found = verify(folder)
    assert where(new_findings(found)) == {("formula-error", MELANIE, "C5"), ("declared-not-compared", "Répartition", "A1"),
                                     ("declared-not-compared", "Équipe", "G11")}
    # no false alarm on the day's TOTAL, the title's ETP or the declared figures
    assert not [f for f in found if f["sheet"] == MELANIE and f["cell"] != "C5"]
    assert not [f for f in found if f["code"] == "declared-value-mismatch" and f["sheet"] in ("Répartition", "Équipe")]
    held = [f for f in found if f["code"] == "declared-not-compared" and f["sheet"] in ("Répartition", "Équipe")]
    assert all(f"{MELANIE}!C5" in f["message"] for f in held)


def test_formula_error_in_a_planning_total_is_one_formula_error(tmp_path, baseline):
    folder = _folder(tmp_path)
    cell = _total_cell(DORIS, "B4")
    set_formula_errors(folder / EQUIPE, DORIS, {cell: "#REF!"})
    found = verify(folder)
    assert where(new_findings(found)) == {("formula-error", DORIS, cell)}
    assert [f["expected"] for f in found if f["cell"] == cell and f["sheet"] == DORIS] == ["7h"]


def test_formula_error_in_repartition_is_reported_at_its_cell(tmp_path, baseline):
    assert isinstance(_value("Répartition", "B9"), float)  # a declared figure
    folder = _folder(tmp_path)
    set_formula_errors(folder / EQUIPE, "Répartition", {"B9": "#DIV/0!"})
    found = verify(folder)
    assert where(new_findings(found)) == {("formula-error", "Répartition", "B9")}
    assert where(found) >= baseline


def test_day_total_mismatch_holds_back_repartition_and_team_total(tmp_path, baseline):
    typed = _value(CAROLINE, "F5")
    assert typed.startswith("13h30 à 17h")
    total = _total_cell(CAROLINE, "F5")
    found = verify(_folder(tmp_path, {CAROLINE: {"F5": typed.replace("13h30", "12h", 1)}}))
    new = where(new_findings(found))
    assert ("planning-total-mismatch", CAROLINE, total) in new
    assert {("declared-not-compared", "Répartition", "A1"), ("declared-not-compared", "Équipe", "G11")} <= new
    # the declared cells are correct: no warning on them
    assert not [f for f in found if f["code"] == "declared-value-mismatch" and f["sheet"] in ("Répartition", "Équipe")]
    assert {k for k in new if k[1] in ("Répartition", "Équipe")} == {("declared-not-compared", "Répartition", "A1"),
                                                                    ("declared-not-compared", "Équipe", "G11")}
    held = [f for f in found if f["code"] == "declared-not-compared" and f["cell"] == "G11"]
    assert f"{CAROLINE}!{total}" in held[0]["message"]


def test_copied_planning_sheet_is_named_once_and_counted_once(tmp_path, baseline):
    folder = _folder(tmp_path)
    copy_sheet(folder / EQUIPE, DORIS, f"{DORIS} (2)")
    found = verify(folder)
    assert where(new_findings(found)) == {("duplicate-person", f"{DORIS} (2)", "A1")}
    assert where(found) >= baseline  # Répartition and G11 still compared, with the same (baseline) verdict
    message = next(f["message"] for f in found if f["code"] == "duplicate-person")
    assert f"« {DORIS} (2) »" in message and f"« {DORIS} »" in message


@pytest.mark.parametrize("typed, reported", [(7 / 24, None), (6 / 24, 6.0)])
def test_total_typed_as_an_excel_time_is_read_in_hours(tmp_path, baseline, typed, reported):
    assert str(_value(DORIS, "B6")).lower() == "7h"  # the day's blocks make 7 h (its TOTAL agrees today)
    found = verify(_folder(tmp_path, {DORIS: {"B6": typed}}))
    new = where(new_findings(found))
    if reported is None:
        assert not [k for k in new if k[1] == DORIS]
    else:
        assert ("planning-total-mismatch", DORIS, "B6") in new
        assert [f["value"] for f in found if f["sheet"] == DORIS and f["cell"] == "B6"] == [reported]


def test_excel_time_values():
    assert excel_time_hours(dt.time(7, 30)) == 7.5
    assert excel_time_hours(dt.timedelta(hours=7)) == 7.0
    assert excel_time_hours(7.5 / 24) == 7.5
    assert excel_time_hours(0.123456) is None  # not a whole number of minutes
    assert excel_time_hours(7.0) is None and excel_time_hours("7h") is None


def test_hire_date_in_the_future(tmp_path, baseline):
    header = sheet_rows(WORKBOOKS / EQUIPE, "Équipe")[3]
    col = chr(65 + header.index("Date d'embauche"))
    far = dt.date(dt.date.today().year + 27, 1, 1)
    found = verify(_folder(tmp_path, {"Équipe": {f"{col}9": far}}))
    assert where(new_findings(found)) == {("date-in-future", "Équipe", f"{col}9")}
