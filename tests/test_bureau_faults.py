"""Bureau séance and deliberation: a fault typed in a copy is reported once, at its cell, without
knock-on findings on correct cells; the deliberation is never written with holes.

People, rows and figures are read here from the cells with python-calamine (``sheet_rows``), not from the code
under test. Each faulty copy is compared with the team's workbooks: only the new findings are looked at.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from collections import Counter

import pytest
from docx import Document

from conftest import BUREAU, TERRITOIRE, WORKBOOKS, new_findings, run, where
from test_bureau_rules import presences
from xlsx_edit import edit_workbook, sheet_rows


def membres() -> list[dict]:
    return [{"row": r, "last": row[0], "first": row[1]}
            for r, row in enumerate(sheet_rows(WORKBOOKS / BUREAU, "Membres")[4:], start=5) if row[0]]


def seance_row(key: str) -> int:
    return next(r for r, row in enumerate(sheet_rows(WORKBOOKS / BUREAU, "Séance"), start=1) if row[0] == key)


def seance_value(key: str):
    return sheet_rows(WORKBOOKS / BUREAU, "Séance")[seance_row(key) - 1][1]


def holder_and_giver() -> tuple[dict, dict]:
    """A present member carrying a proxy, and the member who gave it."""
    people = presences(WORKBOOKS / BUREAU)
    giver = next(p for p in people if p["status"] == "Représenté" and p["holder"])
    return next(p for p in people if p["name"] == giver["holder"]), giver


def late_member() -> dict:
    return next(p for p in presences(WORKBOOKS / BUREAU) if p["from"] is not None)


DELIB = {r[0]: r for r in sheet_rows(WORKBOOKS / BUREAU, "Délibérations")[4:] if r[0] != ""}
QUESTION_ROW = 5  # first deliberation row of the sheet (header on row 4)


# --- 1. a member on two attendance rows --------------------------------------------------------------------
@pytest.mark.parametrize("status, count_key", [("Absent excusé", "Absents excusés"),
                                               ("Présent", "Présents (feuille de présence)")])
def test_member_typed_twice_counts_once(team_copy, status, count_key):
    holder, giver = holder_and_giver()
    last, first = holder["name"].split(" ", 1)
    row = presences(WORKBOOKS / BUREAU)[-1]["row"] + 1
    folder = team_copy({BUREAU: {
        "Présences": {f"A{row}": last, f"B{row}": first, f"C{row}": status},
        "Séance": {f"B{seance_row(count_key)}": int(seance_value(count_key)) + 1},  # as the sheet's COUNTIF
    }})
    found = new_findings(folder)
    assert where(found) == {("member-status-conflict", "Présences", f"A{row}")}
    assert ("proxy-invalid", "Présences", f"D{giver['row']}") not in where(found)  # the first row counts


# --- 2 and 3. a name misspelt on one sheet -------------------------------------------------------------------
def test_misspelt_surname_on_the_attendance_sheet(team_copy):
    holder, giver = holder_and_giver()
    last, first = holder["name"].split(" ", 1)
    typo = last[:-1] + ("X" if last[-1] != "X" else "Y")
    folder = team_copy({BUREAU: {"Présences": {f"A{holder['row']}": typo}}})
    found = new_findings(folder)
    assert where(found) == {("member-name-mismatch", "Présences", f"A{holder['row']}")}
    assert found[0]["expected"] == holder["name"]
    # no knock-on: the member still has a row, the proxy given to the right spelling still counts
    assert ("unknown-member", "Membres", f"A{holder['row']}") not in where(found)
    assert not {f["cell"] for f in found if f["code"] in ("proxy-invalid", "vote-count-mismatch")}


def test_misspelt_first_name_in_the_member_list(team_copy):
    members = membres()
    shared = Counter(m["first"] for m in members)
    holders = {p["holder"] for p in presences(WORKBOOKS / BUREAU) if p["holder"]}
    target = next(m for m in members if shared[m["first"]] > 1 and f"{m['last']} {m['first']}" not in holders)
    typo = target["first"][:-1] + ("x" if target["first"][-1] != "x" else "y")
    folder = team_copy({BUREAU: {"Membres": {f"B{target['row']}": typo}}})
    found = new_findings(folder)
    assert where(found) == {("member-name-mismatch", "Membres", f"B{target['row']}")}
    assert found[0]["expected"] == f"{target['last']} {target['first']}"


def test_a_stranger_is_still_an_unknown_member(team_copy):
    row = presences(WORKBOOKS / BUREAU)[-1]["row"] + 1
    folder = team_copy({BUREAU: {"Présences": {f"A{row}": "ZZTOP", f"B{row}": "Xavière", f"C{row}": "Présent"}}})
    assert ("unknown-member", "Présences", f"A{row}") in where(new_findings(folder))


# --- 4. an unreadable arrival question ------------------------------------------------------------------------
@pytest.mark.parametrize("typed, code", [("question 25", "invalid-number"), (12.5, "invalid-number"),
                                         (0, "out-of-range")])
def test_unreadable_arrival_holds_back_quorum_and_votes(team_copy, typed, code):
    late = late_member()
    folder = team_copy({BUREAU: {"Présences": {f"E{late['row']}": typed}}})
    found = where(new_findings(folder))
    assert found == {(code, "Présences", f"E{late['row']}"),
                     ("declared-not-compared", "Délibérations", f"A{QUESTION_ROW}")}


def test_unreadable_arrival_does_not_hide_a_wrong_count(team_copy):
    late = late_member()
    q = next(iter(DELIB))
    cast = int(sum(DELIB[q][5:9]))
    folder = team_copy({BUREAU: {"Présences": {f"E{late['row']}": "plus tard"},
                                 "Délibérations": {f"F{QUESTION_ROW}": int(DELIB[q][5]) - 20}}})
    mismatch = [f for f in new_findings(folder) if f["code"] == "vote-count-mismatch"]
    assert [(f["cell"], f["value"]) for f in mismatch] == [(f"F{QUESTION_ROW}", cast - 20)]


# --- 5 and 6. an unreadable vote count, a missing column --------------------------------------------------------
def test_unreadable_vote_count_is_reported_once(team_copy):
    folder = team_copy({BUREAU: {"Délibérations": {f"F{QUESTION_ROW}": "Unanimité"}}})
    assert where(new_findings(folder)) == {("invalid-number", "Délibérations", f"F{QUESTION_ROW}")}


@pytest.mark.parametrize("sheet, header", [("Présences", "C4"), ("Présences", "D4"), ("Présences", "E4"),
                                           ("Délibérations", "F4"), ("Délibérations", "A4")])
def test_missing_column_skips_the_rules_that_need_it(team_copy, sheet, header):
    folder = team_copy({BUREAU: {sheet: {header: None}}})
    found = new_findings(folder)
    assert [(f["code"], f["sheet"]) for f in found] == [("missing-column", sheet)]


# --- 7. no deliberation with holes -----------------------------------------------------------------------------
def test_deliberation_refused_when_the_territory_is_unreadable(team_copy, tmp_path, monkeypatch):
    work = tmp_path / "travail"
    work.mkdir()
    (work / "rpe-xl.toml").write_text('[collectivite]\nnom = "Communauté test"\n', encoding="utf-8")
    monkeypatch.chdir(work)
    folder = team_copy()
    data = (WORKBOOKS / TERRITOIRE).read_bytes()
    (folder / TERRITOIRE).write_bytes(data[: len(data) // 2])  # truncated file
    out = tmp_path / "d.docx"
    code, _, err = run("deliberation", str(folder), "--question", str(int(next(iter(DELIB)))), "--sortie", str(out))
    assert code == 1 and not out.exists()
    assert "communes" in err and TERRITOIRE in err
    code, _, _ = run("deliberation", str(folder), "--sortie", str(out), "--forcer")
    assert code == 1 and out.exists()
    text = "\n".join(p.text for p in Document(str(out)).paragraphs)
    assert text.startswith("ATTENTION")
    assert "[à compléter" in text and not re.search(r"Au ,|sur  communes", text)


# --- 8. two Bureau workbooks ------------------------------------------------------------------------------------
def test_the_most_recent_seance_is_used(team_copy, tmp_path):
    q = next(iter(DELIB))
    folder = team_copy()
    older = folder / "Bureau_2025-06-24.xlsx"
    edit_workbook(WORKBOOKS / BUREAU, older, {"Délibérations": {f"F{QUESTION_ROW}": int(DELIB[q][5]) - 27},
                                             "Séance": {f"B{seance_row('Date')}": dt.date(2025, 6, 24)}})
    found = new_findings(folder)
    assert where(found) == {("duplicate-workbook", None, None)}
    assert found[0]["workbook"] == older.name


# --- 9. messages that say what to type ------------------------------------------------------------------------------
@pytest.mark.parametrize("typed", ["{last}X {first}", "{last}", "{first} {last}", "{low}"])
def test_misspelt_mandataire_suggests_the_member(team_copy, typed):
    holder, giver = holder_and_giver()
    last, first = holder["name"].split(" ", 1)
    text = typed.format(last=last, first=first, low=holder["name"].lower())
    folder = team_copy({BUREAU: {"Présences": {f"D{giver['row']}": text}}})
    found = new_findings(folder)
    assert [(f["code"], f["cell"], f["expected"]) for f in found] == [
        ("value-repaired" if typed == "{low}" else "proxy-invalid", f"D{giver['row']}", holder["name"])]


def test_status_absent_suggests_absent_excuse(team_copy):
    excused = next(p for p in presences(WORKBOOKS / BUREAU) if p["status"] == "Absent excusé")
    folder = team_copy({BUREAU: {"Présences": {f"C{excused['row']}": "Absent"},
                                 "Séance": {f"B{seance_row('Absents excusés')}":
                                            int(seance_value("Absents excusés")) - 1}}})
    found = [f for f in new_findings(folder) if f["cell"] == f"C{excused['row']}"]
    assert [(f["code"], f["expected"]) for f in found] == [("value-not-in-list", "Absent excusé")]


@pytest.mark.parametrize("typed", ["{last}\u00a0{first}", "  {low}  "])
def test_mandataire_with_odd_spaces_or_case_is_one_info(team_copy, typed):
    holder, giver = holder_and_giver()
    last, first = holder["name"].split(" ", 1)
    text = typed.format(last=last, first=first, low=holder["name"].lower())
    folder = team_copy({BUREAU: {"Présences": {f"D{giver['row']}": text}}})
    assert [(f["code"], f["cell"]) for f in new_findings(folder)] == [("value-repaired", f"D{giver['row']}")]


# --- the command: the only deliberation is the default ----------------------------------------------------------------
def test_question_defaults_to_the_only_deliberation(team_copy, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    shutil.copyfile(WORKBOOKS.parent / "rpe-xl.toml", tmp_path / "rpe-xl.toml")
    assert len(DELIB) == 1
    out = tmp_path / "d.docx"
    code, _, err = run("deliberation", str(WORKBOOKS), "--sortie", str(out))
    assert code == 0 and out.exists(), err
    assert BUREAU in err
    q = int(next(iter(DELIB)))
    folder = team_copy({BUREAU: {"Délibérations": {"A6": q + 18, "B6": "Thème", "C6": "Objet", "E6": "Vote",
                                                   "F6": 0, "G6": 0, "H6": 0, "I6": 0}}})
    code, _, err = run("deliberation", str(folder), "--sortie", str(tmp_path / "e.docx"))
    assert code == 2 and not (tmp_path / "e.docx").exists()
    assert f"{q}, {q + 18}" in err and "--question" in err
