"""Team: persons named are members of the Équipe sheet, Total animatrices, ETP against hours."""

from __future__ import annotations



from conftest import EQUIPE, SUIVI, WORKBOOKS, verify, copy_team
from rpe_xl.text import norm
from xlsx_edit import sheet_rows


def rows(name: str, sheet: str) -> list[list]:
    return sheet_rows(WORKBOOKS / name, sheet)


def copy_with(tmp_path, edits_by_file):
    return copy_team(tmp_path / "c", edits_by_file)


def test_team_faults(tmp_path):
    team = rows(EQUIPE, "Équipe")
    assert team[4][6] == 28 and team[4][7] == 0.8 and team[10][0] == "Total animatrices"
    folder = copy_with(tmp_path, {EQUIPE: {"Équipe": {"H5": 0.7,      # 28 h is 0,8 ETP on the 35 h base
                                                      "G11": 170}}})  # Total animatrices typed wrong (168)
    got = {(f["code"], f["sheet"], f["cell"]) for f in verify(folder) if f["workbook"] == EQUIPE}
    assert ("etp-hours-mismatch", "Équipe", "H5") in got
    assert ("total-mismatch", "Équipe", "G11") in got
    assert ("total-mismatch", "Équipe", "H11") in got            # 4,8 cached, the rows now sum to 4,7
    assert {x for x in got if x[0] in ("etp-hours-mismatch", "total-mismatch") and x[1] == "Équipe"} == {
        ("etp-hours-mismatch", "Équipe", "H5"), ("total-mismatch", "Équipe", "G11"),
        ("total-mismatch", "Équipe", "H11")}


def test_unknown_persons(tmp_path):
    fe = rows(EQUIPE, "Formations équipe")
    assert fe[5][0] == "BALESDENT Mélanie" and fe[6][0] == "BALESDENT Mélanie"
    folder = copy_with(tmp_path, {
        EQUIPE: {"Formations équipe": {"A6": "balesdent melanie",          # case and accents tolerated
                                       "A7": "BALESDENT Mélina"}},         # same surname, other first name
        SUIVI: {"Séances": {"G6": "BAUSSART Maureen / THERACHE Brigitte",  # the responsable is in the team
                            "G7": "VARRIN-DOYER Doris / LECOMTE Maurice"},
                "Listes": {"A3": "BAUSSART Maurice"}},
    })
    got = {(f["sheet"], f["cell"]) for f in verify(folder) if f["code"] == "unknown-person"}
    assert got == {("Formations équipe", "A7"), ("Séances", "G7"), ("Listes", "A3")}


def test_embedded_people_are_all_team_members():
    """Independent check: names of the activity sheets against Équipe (surname AND first name)."""
    team = {(norm(r[0]), norm(r[1])) for r in rows(EQUIPE, "Équipe")[4:] if r[1]}
    expected = set()

    def member(name):
        words = norm(name).split()
        return any((" ".join(words[:k]), " ".join(words[k:])) in team for k in range(1, len(words)))
    for sheet, col, start in (("Contacts familles", 2, 5), ("Contacts pros", 2, 2), ("Séances", 6, 5)):
        for r, row in enumerate(rows(SUIVI, sheet)[start - 1:], start=start):
            if any(not member(p.strip()) for p in str(row[col]).split("/") if p.strip()):
                expected.add(("unknown-person", sheet, f"{chr(65 + col)}{r}"))
    got = {(f["code"], f["sheet"], f["cell"]) for f in verify(WORKBOOKS) if f["code"] == "unknown-person"}
    assert got == expected
