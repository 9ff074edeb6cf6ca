"""Faults of the Équipe sheet itself — a name misspelt there, a person twice, an emptied row, a changed function, an
ETP on the responsable's row: one finding at the Équipe cell, the checks built on that row wait (info), and no
cell that names the person correctly is accused. The CAF figure counts the animatrices by their function."""

from __future__ import annotations

import json

import pandas as pd
from conftest import EQUIPE, SUIVI, WORKBOOKS, copy_team, new_findings, run, where
from xlsx_edit import sheet_rows

from rpe_xl.compute.indicators.team import etp_total

TEAM = "Équipe"


def alarms(findings) -> set[tuple]:
    return {(f["code"], f["sheet"], f["cell"]) for f in findings if f["severity"] != "info"}


def _team() -> list[list]:
    return sheet_rows(WORKBOOKS / EQUIPE, TEAM)


def _header() -> int:
    return next(r for r, row in enumerate(_team()) if "Prénom" in row and "ETP" in row)


def _col(header: str) -> str:
    return chr(65 + _team()[_header()].index(header))


def _row_of(first_name: str) -> int:
    """Excel row of a person."""
    c = _team()[_header()].index("Prénom")
    return next(r + 1 for r, row in enumerate(_team()) if row[c] == first_name)


def _responsable_row() -> int:
    c = _team()[_header()].index("Fonction")
    return next(r + 1 for r, row in enumerate(_team()) if r > _header() and row[c] and "Responsable" in row[c])


def _total_row() -> int:
    return next(r + 1 for r, row in enumerate(_team()) if str(row[0]).startswith("Total"))


def _animatrices() -> list[list]:
    c = _team()[_header()].index("Fonction")
    return [row for r, row in enumerate(_team()) if r > _header() and "Animatrice" in str(row[c])]


def _sum(header: str, rows: list[list]) -> float:
    c = _team()[_header()].index(header)
    return round(sum(row[c] for row in rows if isinstance(row[c], (int, float))), 2)


def _etp_total(folder) -> float:
    code, out, _ = run("indicateurs", "--format", "json", str(folder))
    return json.loads(out)["indicateurs"]["equipe.etp_total"]


def test_misspelt_first_name_in_equipe_is_one_finding_there(tmp_path):
    r = _row_of("Doris")
    cell = f"{_col('Prénom')}{r}"
    found = new_findings(copy_team(tmp_path / "c", {EQUIPE: {TEAM: {cell: "Dorris"}}}))
    assert alarms(found) == {("team-name-mismatch", TEAM, cell)}
    assert ("reference-not-checked", TEAM, cell) in where(found)
    assert next(f for f in found if f["code"] == "team-name-mismatch")["expected"] == "Doris"


def test_misspelt_surname_in_equipe_is_one_finding_there(tmp_path):
    r = _row_of("Doris")
    cell = f"{_col('Nom')}{r}"
    surname = _team()[r - 1][ord(_col("Nom")) - 65]
    found = new_findings(copy_team(tmp_path / "c", {EQUIPE: {TEAM: {cell: surname.replace("RR", "R")}}}))
    assert alarms(found) == {("team-name-mismatch", TEAM, cell)}


def test_misspelt_name_elsewhere_is_still_reported_there(tmp_path):
    """The twin: one mention misspelt (the Équipe spelling is used elsewhere) is that mention's fault."""
    formations = sheet_rows(WORKBOOKS / EQUIPE, "Formations équipe")
    r, name = next((r + 1, row[0]) for r, row in enumerate(formations) if str(row[0]).endswith(" Doris"))
    typo = {EQUIPE: {"Formations équipe": {f"A{r}": name.replace("RR", "R")}}}
    found = new_findings(copy_team(tmp_path / "c", typo))
    assert alarms(found) == {("unknown-person", "Formations équipe", f"A{r}")}


def test_same_person_twice_is_one_finding_at_the_copy(tmp_path):
    """Doris's row copied over the responsable's row (the ETP total then counts her twice)."""
    doris, target = _team()[_row_of("Doris") - 1], _responsable_row()
    edits = {f"{chr(65 + c)}{target}": (v if v != "" else None) for c, v in enumerate(doris)}
    edits[f"{_col('ETP')}{_total_row()}"] = _sum("ETP", _animatrices() + [doris])
    folder = copy_team(tmp_path / "c", {EQUIPE: {TEAM: edits}})
    found = new_findings(folder)
    assert alarms(found) == {("duplicate-person", TEAM, f"{_col('Nom')}{target}")}
    assert ("reference-not-checked", TEAM, f"{_col('Nom')}{target}") in where(found)
    assert _etp_total(folder) == _sum("ETP", _animatrices())     # each person counted once


def test_emptied_row_is_one_finding_and_her_mentions_wait(tmp_path):
    r = _row_of("Doris")
    rest = [row for row in _animatrices() if row != _team()[r - 1]]
    edits = {f"{chr(65 + c)}{r}": None for c in range(len(_team()[r - 1]))}
    edits[f"{_col('Heures hebdo')}{_total_row()}"] = _sum("Heures hebdo", rest)  # as Excel recomputes it
    edits[f"{_col('ETP')}{_total_row()}"] = _sum("ETP", rest)
    found = new_findings(copy_team(tmp_path / "c", {EQUIPE: {TEAM: edits}}))
    cell = f"{_col('Nom')}{r}"
    assert alarms(found) == {("missing-value", TEAM, cell)}
    assert ("reference-not-checked", TEAM, cell) in where(found)
    assert not [f for f in found if f["code"] == "unknown-person"]


def test_changed_function_is_one_finding_at_the_function(tmp_path):
    cell = f"{_col('Fonction')}{_row_of('Doris')}"
    found = new_findings(copy_team(tmp_path / "c", {EQUIPE: {TEAM: {cell: "Educatrice"}}}))
    assert alarms(found) == {("team-function-mismatch", TEAM, cell)}
    # the budget's ETP comparison, built on the animatrices' ETP, waits instead of a mismatch
    assert ("declared-not-compared", "Hypothèses") in {(c, s) for c, s, _ in where(found)}


def test_etp_of_the_responsable_is_reported_and_not_counted(tmp_path):
    r = _responsable_row()
    etp = f"{_col('ETP')}{r}"
    assert _team()[r - 1][ord(_col("ETP")) - 65] in ("", None)
    total = f"{_col('ETP')}{_total_row()}"
    folder = copy_team(tmp_path / "c", {EQUIPE: {TEAM: {etp: 0.5, total: _sum("ETP", _animatrices()) + 0.5}}})
    found = new_findings(folder)
    assert alarms(found) == {("etp-not-animatrice", TEAM, etp)}
    assert _etp_total(folder) == _sum("ETP", _animatrices()) == _etp_total(WORKBOOKS)


def test_etp_total_counts_animatrices_by_function_once_each():
    team = pd.DataFrame({"last_name": ["A", "B", "B", "C"], "first_name": ["x", "y", "y", "z"],
                         "function": ["Animatrice RPE", "Animatrice RPE", "Animatrice RPE", "Responsable du RPE"],
                         "etp": [1.0, 0.8, 0.8, 0.5]})
    assert etp_total(team) == 1.8
    assert etp_total(team.assign(function=None)) == 2.3  # no function typed: the rows holding an ETP, once each


def test_team_workbook_has_no_team_fault():
    from conftest import verify

    codes = {"team-name-mismatch", "team-function-mismatch", "etp-not-animatrice", "duplicate-person"}
    assert not [f for f in verify(WORKBOOKS) if f["code"] in codes and f["workbook"] in (EQUIPE, SUIVI)]
