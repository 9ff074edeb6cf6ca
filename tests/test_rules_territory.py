"""Communes: official names (COG 2026), INSEE codes, dates of the Communes sheet, perimeter."""

from __future__ import annotations

import csv
import datetime as dt


from conftest import TERRITOIRE, WORKBOOKS, verify, where, copy_team
from rpe_xl.reference import COMMUNES_FILE, communes
from xlsx_edit import sheet_rows


def team_rows(name: str, sheet: str) -> list[list]:
    return sheet_rows(WORKBOOKS / name, sheet)


def test_reference_file_is_the_pas_de_calais():
    with COMMUNES_FILE.open(encoding="utf-8") as fh:
        current = [r for r in csv.DictReader(fh) if r["type"] == "commune-actuelle"]
    assert all(r["code_insee"].startswith("62") for r in current)
    assert {"Liettres", "Lillers", "Béthune"} <= {r["nom"] for r in current}
    ref = communes()
    assert ref.suggest("Liettes") == "Liettres"
    assert ref.absorbed_into("Berguette") == "Isbergues"
    assert ref.name_of_code("62509") == "Liettres"


def test_communes_sheet_faults(tmp_path):
    rows = team_rows(TERRITOIRE, "Communes")
    lillers = next(i + 1 for i, r in enumerate(rows) if r[0] == "Lillers")
    code_liettres = next(r[1] for r in rows if r[0] == "Liettres")
    folder = tmp_path / "t"
    edits = {"Communes": {
        "B8": code_liettres,                          # Blessy row holds the code of Liettres
        "A9": "Bourrecq",                             # typo of Bourecq
        "E10": dt.date(2018, 6, 30),                  # Burbure leaves before it joined (2019)
        f"C{lillers + 1}": "Est (ex Bas Pays)",       # second row of Lillers disagrees with the first
    }}
    assert rows[7][0] == "Blessy" and rows[9][0] == "Burbure" and rows[lillers][0] == "Lillers"
    copy_team(folder, {TERRITOIRE: edits})
    findings = [f for f in verify(folder) if f["workbook"] == TERRITOIRE and f["sheet"] == "Communes"]
    got = {(f["code"], f["cell"]) for f in findings}
    assert ("insee-mismatch", "B8") in got
    insee = next(f for f in findings if f["cell"] == "B8")
    assert "Liettres" in insee["message"] and insee["expected"] == "62141"
    assert ("unknown-commune", "A9") in got
    assert ("date-order", "E10") in got
    assert ("incoherent-row", f"C{lillers + 1}") in got
    assert not {x for x in got if x[1] in ("B7", "B9", "A8", "A10", "E9", "E11")}


def test_embedded_communes_are_official_and_in_perimeter():
    """Independent check with the CSV and the Communes sheet: no commune finding on the team's files."""
    with COMMUNES_FILE.open(encoding="utf-8") as fh:
        official = {r["nom"]: r["code_insee"] for r in csv.DictReader(fh) if r["type"] == "commune-actuelle"}
    terr = team_rows(TERRITOIRE, "Communes")[4:]
    joined = {}
    for r in terr:
        joined.setdefault(r[0], r[3])
    expected = set()
    for r, row in enumerate(terr, start=5):
        if row[0] not in official:
            expected.add(("unknown-commune", "Communes", f"A{r}"))
        elif official[row[0]] != str(row[1]):
            expected.add(("insee-mismatch", "Communes", f"B{r}"))
    for sheet, col, dcol in (("Contacts familles", 5, 1), ("Séances", 2, 1), ("Demandes en ligne", 3, 1)):
        for r, row in enumerate(team_rows("RPE_suivi_activite_2025.xlsx", sheet)[4:], start=5):
            name, day = row[col], row[dcol]
            if name not in official:
                expected.add(("unknown-commune", sheet, f"{chr(65 + col)}{r}"))
            elif name not in joined or (isinstance(day, dt.date) and day < joined[name]):
                expected.add(("commune-out-of-perimeter", sheet, f"{chr(65 + col)}{r}"))
    codes = {"unknown-commune", "commune-out-of-perimeter", "insee-mismatch"}
    got = {(f["code"], f["sheet"], f["cell"]) for f in verify(WORKBOOKS) if f["code"] in codes}
    assert got == expected


def test_exit_date_before_adhesion_is_one_finding(team_copy):
    """The wrong date is reported; the commune's séances and contacts are not put out of the perimeter by it."""
    communes = team_rows(TERRITOIRE, "Communes")
    seances = sheet_rows(WORKBOOKS / "RPE_suivi_activite_2025.xlsx", "Séances")
    used = {r[2] for r in seances[4:] if r and r[2]}
    r = next(i for i, row in enumerate(communes) if i >= 4 and row[0] in used and isinstance(row[3], dt.date)
             and row[4] in ("", None))
    before = communes[r][3] - dt.timedelta(days=365)
    findings = verify(team_copy({TERRITOIRE: {"Communes": {f"E{r + 1}": before}}}))
    assert ("date-order", "Communes", f"E{r + 1}") in where(findings)
    assert not [f for f in findings if f["code"] == "commune-out-of-perimeter"]
