"""Faults typed in the team plannings, the Équipe sheet and the persons named in the sheets: hours against ETP
reported on the odd cell, one finding for a text ETP, malformed times (the example comes from the cell) and what
depends on them waits; an accentless, inverted or « et »-joined name in Séances."""

from __future__ import annotations

import pytest
from conftest import EQUIPE, SUIVI, WORKBOOKS, copy_team, verify, where
from xlsx_edit import sheet_rows

from rpe_xl.read.planning_cell import parse_cell

RUN = "8h30 à 9h15 déplacement sur les communes itinérantes"


def _equipe() -> list[list]:
    return sheet_rows(WORKBOOKS / EQUIPE, "Équipe")


def _col(header: str) -> str:
    """Column letter of a header of the Équipe sheet, read independently."""
    for row in _equipe()[:10]:
        if header in row:
            return chr(65 + row.index(header))
    raise AssertionError(header)


def _row_of(first_name: str) -> int:
    """Excel row of a person in the Équipe sheet."""
    prenom = _col("Prénom")
    return next(r for r, row in enumerate(_equipe(), start=1) if row[ord(prenom) - 65] == first_name)


def _total_cell(sheet: str, cell: str) -> str:
    """The TOTAL Heures cell of the day column of ``cell`` in a planning grid."""
    rows = sheet_rows(WORKBOOKS / EQUIPE, sheet)
    r = next(r for r, row in enumerate(rows, start=1) if str(row[0]).strip().upper().startswith("TOTAL"))
    return f"{cell[0]}{r}"


def _cell_text(sheet: str, cell: str) -> str:
    rows = sheet_rows(WORKBOOKS / EQUIPE, sheet)
    return rows[int(cell[1:]) - 1][ord(cell[0]) - 65]


# --- malformed times ---------------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["8h30 à 9h1", "8h30 à 9hh15", "8h5 à 9h15", "8h30 à 9h150", "8h30 à 25h",
                                  "8h30 à 9h65", "13h30 à 7h"])
def test_malformed_time_is_an_error_not_a_block(text):
    parsed = parse_cell(text + " Animation Collective")
    assert parsed.errors and not parsed.blocks


@pytest.mark.parametrize("text, hours", [("8h30 à 9h15", 0.75), ("8 h 30 à 9 h 15", 0.75), ("8h30-9h15", 0.75),
                                         ("8:30 à 9:15", 0.75), ("9h à 11h30", 2.5), ("13H30 à 17H", 3.5)])
def test_well_formed_times_still_parse(text, hours):
    parsed = parse_cell(text + " Administratif")
    assert not parsed.errors and [b.hours for b in parsed.blocks] == [hours]


def test_malformed_minutes_reported_at_their_cells_and_dependents_held_back(tmp_path):
    edits = {"Planning Angélique": "E4", "Planning Mélanie": "D4", "Planning Maureen": "B4"}
    typed = {"Planning Angélique": "8h30 à 9h1", "Planning Mélanie": "8h30 à 9hh15",
             "Planning Maureen": "8h5 à 9h15"}
    for sheet, cell in edits.items():
        assert RUN in _cell_text(sheet, cell)
    folder = copy_team(tmp_path / "c", {EQUIPE: {
        sheet: {cell: _cell_text(sheet, cell).replace("8h30 à 9h15", typed[sheet])} for sheet, cell in edits.items()}})
    found = verify(folder)
    got = where(found)
    for sheet, cell in edits.items():
        assert [f for f in found if (f["code"], f["sheet"], f["cell"]) == ("invalid-time", sheet, cell)]
        assert ("planning-total-mismatch", sheet, _total_cell(sheet, cell)) not in got
        assert ("etp-hours-mismatch", sheet, "A1") not in got
    # the Répartition comparison waits: one info instead of warnings on the declared cells
    assert not [f for f in found if f["sheet"] == "Répartition" and f["code"] == "declared-value-mismatch"]
    assert ("declared-not-compared", "Répartition", "A1") in got
    assert not [f for f in found if f["sheet"] == "Équipe" and f["code"] == "etp-hours-mismatch"]


def test_invalid_time_message_builds_its_example_from_the_cell(tmp_path):
    morning = _cell_text("Planning Doris", "C4").replace("8h30 à 9h15", "8h30 à 9h65")
    folder = copy_team(tmp_path / "c", {EQUIPE: {"Planning Doris": {"C4": morning},
                                                 "Planning Caroline": {"B5": "13h30 à 7h Administratif"}}})
    found = {(f["sheet"], f["cell"]): f for f in verify(folder) if f["code"] == "invalid-time"}
    doris, caroline = found[("Planning Doris", "C4")], found[("Planning Caroline", "B5")]
    for f in (doris, caroline):
        assert "« 8h30 à 12h »" not in f["message"]
    assert "« 8h30 à " in doris["message"] and "9h65" in doris["message"]
    assert "« 13h30 à " in caroline["message"]


# --- Équipe hours and ETP ------------------------------------------------------------------------------

def test_changed_hours_reported_on_the_hours_cell(tmp_path):
    r, hours, etp = _row_of("Maureen"), _col("Heures hebdo"), _col("ETP")
    row = _equipe()[r - 1]
    assert row[ord(etp) - 65] * 35 == row[ord(hours) - 65]  # 0,8 ETP and 28 h, also in the title of her planning
    assert "(0,80 ETP)" in _cell_text("Planning Maureen", "A1")
    folder = copy_team(tmp_path / "c", {EQUIPE: {"Équipe": {f"{hours}{r}": 35}}})
    got = where(verify(folder), "etp-hours-mismatch")
    assert got == {("etp-hours-mismatch", "Équipe", f"{hours}{r}")}


def test_changed_etp_reported_on_the_etp_cell_only(tmp_path):
    r, etp = _row_of("Caroline"), _col("ETP")
    assert "(1 ETP)" in _cell_text("Planning Caroline", "A1").replace(",00", "")
    folder = copy_team(tmp_path / "c", {EQUIPE: {"Équipe": {f"{etp}{r}": 0.8}}})
    assert where(verify(folder), "etp-hours-mismatch") == {("etp-hours-mismatch", "Équipe", f"{etp}{r}")}


def test_changed_title_reported_on_the_title(tmp_path):
    folder = copy_team(tmp_path / "c", {EQUIPE: {"Planning Doris": {"A1": "Planning type – Doris (0,80 ETP)"}}})
    assert where(verify(folder), "etp-hours-mismatch") == {("etp-hours-mismatch", "Planning Doris", "A1")}


def test_undecidable_sources_keep_the_etp_cell(tmp_path):
    """Hours and title say 35 h, ETP and blocks say 28 h: no odd one, the ETP cell is reported as before."""
    r, hours, etp = _row_of("Maureen"), _col("Heures hebdo"), _col("ETP")
    folder = copy_team(tmp_path / "c", {EQUIPE: {"Équipe": {f"{hours}{r}": 35},
                                                 "Planning Maureen": {"A1": "Planning type – Maureen (1 ETP)"}}})
    assert ("etp-hours-mismatch", "Équipe", f"{etp}{r}") in where(verify(folder))


def test_text_etp_gives_one_finding(tmp_path):
    r, etp = _row_of("Angélique"), _col("ETP")
    folder = copy_team(tmp_path / "c", {EQUIPE: {"Équipe": {f"{etp}{r}": "1 ETP"}}})
    found = verify(folder)
    at_cell = [f["code"] for f in found if f["sheet"] == "Équipe" and f["cell"] == f"{etp}{r}"]
    assert at_cell == ["invalid-number"]
    total_row = next(i for i, row in enumerate(_equipe(), start=1) if str(row[0]).startswith("Total"))
    assert ("total-mismatch", "Équipe", f"{etp}{total_row}") not in where(found)


def test_doubtful_etp_cells_for_the_rules_built_on_the_etp_sum(tmp_path):
    from rpe_xl.read import load
    from rpe_xl.validate.rules.team import doubtful_etp_cells
    from rpe_xl.validate.runner import Context

    r, etp = _row_of("Caroline"), _col("ETP")
    assert doubtful_etp_cells(load([WORKBOOKS]), Context()) == []
    folder = copy_team(tmp_path / "c", {EQUIPE: {"Équipe": {f"{etp}{r}": 0.8}}})
    assert doubtful_etp_cells(load([folder]), Context()) == [f"{etp}{r}"]


# --- persons named in the suivi ----------------------------------------------------------

def _exact(first_name: str) -> str:
    row = _equipe()[_row_of(first_name) - 1]
    return f"{row[ord(_col('Nom')) - 65]} {first_name}"


def _cell_of(sheet: str, header: str, wanted) -> str:
    rows = sheet_rows(WORKBOOKS / SUIVI, sheet)
    h = next(i for i, row in enumerate(rows) if header in row)
    c = rows[h].index(header)
    r = next(r for r, row in enumerate(rows[h + 1:], start=h + 2) if wanted(row[c]))
    return f"{chr(65 + c)}{r}"


def test_names_in_seances_and_contacts(tmp_path):
    melanie, doris, angelique = _exact("Mélanie"), _exact("Doris"), _exact("Angélique")
    single = _cell_of("Séances", "Animatrice(s)", lambda v: v == melanie)
    pair = _cell_of("Séances", "Animatrice(s)", lambda v: v == f"{doris} / {angelique}")
    other = _cell_of("Séances", "Animatrice(s)", lambda v: v == doris)
    contact = _cell_of("Contacts familles", "Animatrice", lambda v: v == doris)
    unaccented = melanie.replace("é", "e")
    inverted = " ".join(reversed(melanie.split(" ", 1)))
    folder = copy_team(tmp_path / "c", {SUIVI: {
        "Séances": {single: unaccented, pair: f"{doris} et {angelique}", other: f"{doris} et DUPONT Marie"},
        "Contacts familles": {contact: inverted}}})
    found = verify(folder)
    by_cell = {}
    for f in found:
        by_cell.setdefault((f["sheet"], f["cell"]), []).append(f)
    assert [(f["code"], f["expected"]) for f in by_cell[("Séances", single)]] == [("value-repaired", melanie)]
    assert [(f["code"], f["expected"]) for f in by_cell[("Séances", pair)]] == [
        ("value-repaired", f"{doris} / {angelique}")]
    assert "« / »" in by_cell[("Séances", pair)][0]["message"]
    assert [f["code"] for f in by_cell[("Séances", other)]] == ["unknown-person"]  # DUPONT is not in the team
    assert [(f["code"], f["expected"]) for f in by_cell[("Contacts familles", contact)]] == [
        ("value-repaired", melanie)]
    assert not [f for f in found if f["code"] == "list-outdated"]


def test_embedded_names_give_no_repair():
    assert not [f for f in verify(WORKBOOKS) if f["code"] in ("value-repaired", "unknown-person", "list-outdated")
                and f["workbook"] in (SUIVI, EQUIPE)]
