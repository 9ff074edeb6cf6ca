"""Attendance sheet of the Bureau: a status spelt otherwise, a person who is no member, a surname two members
share. Each fault is one finding at its cell and does not change the quorum and the votes.

Rows, names and statuses are read from the cells with python-calamine (``sheet_rows``), not from the code under
test; only the findings new against the team's workbooks are looked at.
"""

from __future__ import annotations

from collections import Counter

import pytest

from conftest import BUREAU, WORKBOOKS, new_findings, where
from test_bureau_rules import presences
from xlsx_edit import sheet_rows

QUESTION_ROW = 5  # first deliberation row of « Délibérations » (header on row 4)


def seance_row(key: str) -> int:
    return next(r for r, row in enumerate(sheet_rows(WORKBOOKS / BUREAU, "Séance"), start=1) if row[0] == key)


def seance_value(key: str) -> int:
    return int(sheet_rows(WORKBOOKS / BUREAU, "Séance")[seance_row(key) - 1][1])


def first_with(status: str, holder: bool = False) -> dict:
    return next(p for p in presences(WORKBOOKS / BUREAU) if p["status"] == status and bool(p["holder"]) == holder)


def next_row() -> int:
    return presences(WORKBOOKS / BUREAU)[-1]["row"] + 1


def shared_surname() -> tuple[str, list[str]]:
    """A surname two members bear, and their « NOM Prénom » as the *Membres* sheet writes them."""
    members = [(r[0], r[1]) for r in sheet_rows(WORKBOOKS / BUREAU, "Membres")[4:] if r[0]]
    surname = next(last for last, n in Counter(last for last, _ in members).items() if n > 1)
    return surname, [f"{last} {first}" for last, first in members if last == surname]


# --- a status spelt otherwise ---------------------------------------------------------------------------------
@pytest.mark.parametrize("typed, status", [("Représentée", "Représenté"), ("représenté(e)", "Représenté"),
                                           ("Represente", "Représenté"), ("Pouvoir", "Représenté"),
                                           ("Présente", "Présent"), ("Excusée", "Absent excusé")])
def test_status_variant_is_read_as_the_status_with_one_info(team_copy, typed, status):
    person = first_with(status, holder=status == "Représenté")
    found = new_findings(team_copy({BUREAU: {"Présences": {f"C{person['row']}": typed}}}))
    assert where(found) == {("value-repaired", "Présences", f"C{person['row']}")}
    assert found[0]["expected"] == status


def test_status_variant_with_the_count_excel_gives_is_still_one_info(team_copy):
    """The Séance's COUNTIF no longer counts « Pouvoir »: its figure is one less, and that is not a second fault."""
    giver = first_with("Représenté", holder=True)
    key = "Représentés (pouvoirs)"
    folder = team_copy({BUREAU: {"Présences": {f"C{giver['row']}": "Pouvoir"},
                                 "Séance": {f"B{seance_row(key)}": seance_value(key) - 1}}})
    assert where(new_findings(folder)) == {("value-repaired", "Présences", f"C{giver['row']}")}


def test_status_that_is_no_variant_is_still_refused(team_copy):
    giver = first_with("Représenté", holder=True)
    found = new_findings(team_copy({BUREAU: {"Présences": {f"C{giver['row']}": "Procuré"}}}))
    assert ("value-not-in-list", "Présences", f"C{giver['row']}") in where(found)


def test_wrong_declared_count_is_still_reported_with_a_variant(team_copy):
    giver = first_with("Représenté", holder=True)
    key = "Représentés (pouvoirs)"
    folder = team_copy({BUREAU: {"Présences": {f"C{giver['row']}": "Pouvoir"},
                                 "Séance": {f"B{seance_row(key)}": seance_value(key) - 3}}})
    assert ("seance-count-mismatch", "Séance", f"B{seance_row(key)}") in where(new_findings(folder))


# --- a person who is no member --------------------------------------------------------------------------------
def test_non_member_present_is_one_finding_and_not_counted(team_copy):
    row = next_row()
    folder = team_copy({BUREAU: {"Présences": {f"A{row}": "ZZTOP", f"B{row}": "Xavière", f"C{row}": "Présent"}}})
    assert where(new_findings(folder)) == {("unknown-member", "Présences", f"A{row}")}


def test_non_member_would_change_the_votes_if_counted(team_copy):
    """Twin: votes declared as if the non-member had voted do not add up, since they are not counted."""
    row = next_row()
    votes = sheet_rows(WORKBOOKS / BUREAU, "Délibérations")[QUESTION_ROW - 1][5]
    folder = team_copy({BUREAU: {"Présences": {f"A{row}": "ZZTOP", f"B{row}": "Xavière", f"C{row}": "Présent"},
                                 "Délibérations": {f"F{QUESTION_ROW}": int(votes) + 1}}})
    assert where(new_findings(folder)) == {("unknown-member", "Présences", f"A{row}"),
                                           ("vote-count-mismatch", "Délibérations", f"F{QUESTION_ROW}")}


def test_non_member_with_the_count_excel_gives_is_one_finding(team_copy):
    """The Séance's COUNTIF counts the non-member's row: that figure is not a second fault."""
    row = next_row()
    key = "Présents (feuille de présence)"
    folder = team_copy({BUREAU: {"Présences": {f"A{row}": "ZZTOP", f"B{row}": "Xavière", f"C{row}": "Présent"},
                                 "Séance": {f"B{seance_row(key)}": seance_value(key) + 1}}})
    assert where(new_findings(folder)) == {("unknown-member", "Présences", f"A{row}")}


def test_name_replacing_a_member_holds_back_quorum_and_votes(team_copy):
    """A row matching no member while a member has no row may be that member misspelt: counted or not, the
    conclusion would differ, so the votes wait (one info) instead of a wrong verdict."""
    last = presences(WORKBOOKS / BUREAU)[-1]
    assert last["status"] == "Présent" and last["from"] is None
    folder = team_copy({BUREAU: {"Présences": {f"A{last['row']}": "ZZTOP", f"B{last['row']}": "Xavière"}}})
    membres_row = next(r for r, row in enumerate(sheet_rows(WORKBOOKS / BUREAU, "Membres"), start=1)
                       if f"{row[0]} {row[1]}" == last["name"])
    assert where(new_findings(folder)) == {("unknown-member", "Présences", f"A{last['row']}"),
                                           ("unknown-member", "Membres", f"A{membres_row}"),
                                           ("declared-not-compared", "Délibérations", f"A{QUESTION_ROW}")}


# --- a surname two members share ------------------------------------------------------------------------------
def test_mandataire_given_by_a_shared_surname_lists_both_members(team_copy):
    surname, names = shared_surname()
    giver = first_with("Représenté", holder=True)
    found = new_findings(team_copy({BUREAU: {"Présences": {f"D{giver['row']}": surname}}}))
    assert where(found) == {("proxy-invalid", "Présences", f"D{giver['row']}"),
                            ("declared-not-compared", "Délibérations", f"A{QUESTION_ROW}")}
    message = next(f["message"] for f in found if f["code"] == "proxy-invalid")
    assert f"« {surname} » : {names[0]} ou {names[1]} ?" in message


def test_president_given_by_a_shared_surname_lists_both_members(team_copy):
    surname, names = shared_surname()
    row = seance_row("Président")
    found = new_findings(team_copy({BUREAU: {"Séance": {f"B{row}": surname}}}))
    assert where(found) == {("unknown-member", "Séance", f"B{row}")}
    assert f"« {surname} » : {names[0]} ou {names[1]} ?" in found[0]["message"]


def test_surname_of_one_member_alone_is_still_understood(team_copy):
    """Twin: a surname only one member bears designates that member (an error naming them, not a list)."""
    surname, _ = shared_surname()
    holder, giver = next((p, g) for g in presences(WORKBOOKS / BUREAU) if g["holder"]
                         for p in presences(WORKBOOKS / BUREAU) if p["name"] == g["holder"])
    alone = holder["name"].split(" ", 1)[0]
    assert alone != surname
    found = new_findings(team_copy({BUREAU: {"Présences": {f"D{giver['row']}": alone}}}))
    assert [(f["code"], f["cell"], f["expected"]) for f in found] == [("proxy-invalid", f"D{giver['row']}",
                                                                       holder["name"])]
    assert " ou " not in found[0]["message"]
