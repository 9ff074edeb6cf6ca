"""Bureau séance checks on the team's workbook and on faulty copies of it.

Expected counts are computed here from the cells read with python-calamine, not by the code under test.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import BUREAU, WORKBOOKS, verify, where
from xlsx_edit import sheet_rows

BUREAU_CODES = {"quorum-not-met", "proxy-invalid", "proxy-multiple", "member-status-conflict", "unknown-member",
                "vote-count-mismatch", "seance-count-mismatch", "officer-not-present", "duplicate-key"}


def rows(path: Path, sheet: str) -> list[list]:
    return sheet_rows(path, sheet)


def bureau_findings(folder: Path) -> list[dict]:
    return [f for f in verify(folder / BUREAU) if f["code"] in BUREAU_CODES]


def presences(path: Path) -> list[dict]:
    """Présences rows (header on row 4) as dicts with their Excel row."""
    out = []
    for r, row in enumerate(rows(path, "Présences")[4:], start=5):
        if row[0]:
            out.append({"row": r, "name": f"{row[0]} {row[1]}", "status": row[2], "holder": row[3] or None,
                        "from": int(row[4]) if row[4] != "" else None})
    return out


def votes_cast(path: Path, question: int) -> int:
    people = presences(path)
    here = {p["name"] for p in people if p["status"] == "Présent" and (p["from"] is None or p["from"] <= question)}
    used, proxies = set(), 0
    for p in people:
        if p["status"] == "Représenté" and p["holder"] in here and p["holder"] not in used:
            used.add(p["holder"])
            proxies += 1
    return len(here) + proxies


def test_team_workbook_has_no_bureau_problem():
    assert bureau_findings(WORKBOOKS) == []
    # the team's own figures agree with an independent count of the sheets
    delib = rows(WORKBOOKS / BUREAU, "Délibérations")[4]
    assert sum(int(v) for v in delib[5:9]) == votes_cast(WORKBOOKS / BUREAU, int(delib[0]))


def test_proxy_to_an_absent_member(team_copy):
    folder = team_copy({BUREAU: {"Présences": {"D6": "CASTELL Jean-François"}}})  # BARROIS -> an excused member
    found = bureau_findings(folder)
    assert ("proxy-invalid", "Présences", "D6") in where(found)
    assert votes_cast(folder / BUREAU, 12) == 84
    assert ("vote-count-mismatch", "Délibérations", "F5") in where(found)


def test_member_carrying_two_proxies(team_copy):
    # CHRETIEN (row 17) now gives his proxy to LEMOINE, who already carries DAGBERT's (row 22)
    folder = team_copy({BUREAU: {"Présences": {"D17": "LEMOINE Jacky"}}})
    found = bureau_findings(folder)
    assert ("proxy-multiple", "Présences", "D22") in where(found)
    assert ("proxy-multiple", "Présences", "D17") not in where(found)
    assert ("vote-count-mismatch", "Délibérations", "F5") in where(found)


def test_quorum_fails_when_members_arrive_late(team_copy):
    people = presences(WORKBOOKS / BUREAU)
    present = [p for p in people if p["status"] == "Présent" and p["from"] is None]
    needed = 101 // 2 + 1
    late = present[: len(present) - needed + 1]  # one fewer than the quorum remains at question 12
    folder = team_copy({BUREAU: {"Présences": {f"E{p['row']}": 30 for p in late}}})
    found = bureau_findings(folder)
    assert ("quorum-not-met", "Délibérations", "A5") in where(found)
    quorum = next(f for f in found if f["code"] == "quorum-not-met")
    assert (quorum["value"], quorum["expected"]) == (needed - 1, needed)


def test_quorum_holds_with_exactly_the_majority(team_copy):
    people = presences(WORKBOOKS / BUREAU)
    present = [p for p in people if p["status"] == "Présent" and p["from"] is None]
    late = [p for p in present[: len(present) - 51] if not any(q["holder"] == p["name"] for q in people)]
    folder = team_copy({BUREAU: {"Présences": {f"E{p['row']}": 30 for p in late}}})
    assert "quorum-not-met" not in {f["code"] for f in bureau_findings(folder)}


def test_statuses_that_contradict(team_copy):
    folder = team_copy({BUREAU: {"Présences": {
        "D10": "GACQUERRE Olivier",   # BERTOUX is Présent and has a mandataire
        "E16": 3,                     # CASTELL is Absent excusé and arrives at question 3
        "A7": "ALLEMAN", "B7": "Joëlle",  # ALLEMAN twice, BAUVAIS-TASSEZ missing
    }}})
    found = where(bureau_findings(folder))
    assert {("member-status-conflict", "Présences", "D10"), ("member-status-conflict", "Présences", "E16"),
            ("member-status-conflict", "Présences", "A7"), ("unknown-member", "Membres", "A7")} <= found
    assert ("member-status-conflict", "Présences", "A5") not in found


def test_first_name_counts_for_membership(team_copy):
    folder = team_copy({BUREAU: {"Présences": {"B67": "Bernard"}}})  # LECOMTE Maurice -> LECOMTE Bernard
    found = where(bureau_findings(folder))
    assert ("unknown-member", "Présences", "A67") in found
    assert ("unknown-member", "Membres", "A67") in found
    assert not any(c == "Présences" and cell == "A68" for _, c, cell in found)  # LECONTE Maurice untouched


def test_late_mandataire_does_not_carry_the_proxy(team_copy):
    # MULLET (row 83) carries BARROIS's proxy (row 6); she now arrives at question 20
    folder = team_copy({BUREAU: {"Présences": {"E83": 20}}})
    found = bureau_findings(folder)
    late = [f for f in found if (f["code"], f["cell"]) == ("proxy-invalid", "D6")]
    assert late and late[0]["severity"] == "avertissement"
    mismatch = next(f for f in found if f["code"] == "vote-count-mismatch")
    assert (mismatch["value"], mismatch["expected"]) == (85, votes_cast(folder / BUREAU, 12))


def test_declared_counts_of_the_seance(team_copy):
    folder = team_copy({BUREAU: {"Séance": {"B14": 75, "B13": 100}}})
    found = where(bureau_findings(folder))
    assert {("seance-count-mismatch", "Séance", "B14"), ("seance-count-mismatch", "Séance", "B13")} <= found
    assert ("seance-count-mismatch", "Séance", "B15") not in found


@pytest.mark.parametrize("secretary, code", [("CASTELL Jean-François", "officer-not-present"),
                                             ("BERTIER Jacky", "officer-not-present"),
                                             ("DUPONT Jean", "unknown-member")])
def test_secretary_must_be_a_present_member(team_copy, secretary, code):
    folder = team_copy({BUREAU: {"Séance": {"B12": secretary}}})
    assert where(bureau_findings(folder)) == {(code, "Séance", "B12")}


def test_votes_that_do_not_add_up(team_copy):
    folder = team_copy({BUREAU: {"Délibérations": {"G5": 2}}})
    assert where(bureau_findings(folder)) == {("vote-count-mismatch", "Délibérations", "F5")}


def test_communes_typed_in_the_context_sheet(team_copy):
    folder = team_copy({BUREAU: {"Contexte RPE": {"B10": 36}}})
    found = where(verify(folder), "declared-value-mismatch")
    assert ("declared-value-mismatch", "Contexte RPE", "B10") in found
    assert ("declared-value-mismatch", "Contexte RPE", "B11") not in found
