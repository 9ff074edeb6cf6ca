"""Planning grids: blocks parse, faults typed into a copy are reported at their cells, and nothing else."""

from __future__ import annotations

import re

from python_calamine import CalamineWorkbook

from conftest import EQUIPE, WORKBOOKS, verify, where
from rpe_xl.compute.planning import category_of
from rpe_xl.read.planning_cell import parse_cell

PLANNING_CODES = {"invalid-time", "planning-overlap", "planning-total-mismatch", "unknown-activity", "etp-hours-mismatch"}
DORIS = "Planning Doris"


def _hours_of(text: str) -> float:
    """Independent count: every 'XhYY à ZhWW' range of the text, in hours."""
    total = 0.0
    for h1, m1, h2, m2 in re.findall(r"(\d+)[hH](\d*)\s*à\s*(\d+)[hH](\d*)", text or ""):
        total += (int(h2) + int(m2 or 0) / 60) - (int(h1) + int(m1 or 0) / 60)
    return total


def test_parse_cell_blocks_continuation_and_activity_before_times():
    cell = parse_cell("8h30 à 9h15 déplacement\n9h15 à 11h30\nAnimation Collective\n11h30 à 12h retour")
    assert [(b.start, b.end, b.activity) for b in cell.blocks] == [
        (8.5, 9.25, "déplacement"), (9.25, 11.5, "Animation Collective"), (11.5, 12.0, "retour")]
    before = parse_cell("Mission observatoire de 8h30 à 12h").blocks
    assert [(b.start, b.end, b.activity) for b in before] == [(8.5, 12.0, "Mission observatoire")]
    assert parse_cell("13H30 à 17H travail en réseau").blocks[0].hours == 3.5
    assert parse_cell("Possibilité de présence pour formation (samedi)").blocks == []
    assert parse_cell("8h3O à 12h Observatoire").errors and not parse_cell("8h3O à 12h Observatoire").blocks
    assert parse_cell("12h à 9h Administratif").errors


def test_first_keyword_in_table_order_gives_the_category():
    keywords = [("retour", "Autres activités"), ("Administratif", "Administratif")]
    assert category_of("retour à l'antenne administrative après nettoyage", keywords) == "Autres activités"
    assert category_of("ADMINISTRATIF", keywords) == "Administratif"
    assert category_of("Bricolage", keywords) is None


def test_team_plannings_have_no_planning_fault():
    findings = verify(WORKBOOKS)
    assert not [f for f in findings if f["code"] in PLANNING_CODES]


def test_planning_faults_are_reported_at_their_cells(team_copy):
    book = CalamineWorkbook.from_path(str(WORKBOOKS / EQUIPE))
    rows = book.get_sheet_by_name(DORIS).to_python(skip_empty_area=False)
    overlap = "8h30 à 10h Administratif\n9h30 à 12h Observatoire"
    folder = team_copy({EQUIPE: {DORIS: {
        "A1": "Planning type – Doris (0,80 ETP)",       # Équipe says 1 ETP
        "B4": "8h3O à 12h Observatoire",                  # letter O instead of zero
        "C4": overlap,                                    # 9h30 starts before 10h
        "D6": "6h",                                       # blocks of Wednesday make 7h
        "E5": "13h30 à 17h Bricolage",                    # no keyword
    }}})
    found = [f for f in verify(folder) if f["sheet"] == DORIS and f["code"] in PLANNING_CODES]
    tuesday = _hours_of(overlap) + _hours_of(rows[4][2])
    assert tuesday != 7
    assert {(f["code"], f["cell"]) for f in found} == {
        ("etp-hours-mismatch", "A1"), ("invalid-time", "B4"), ("planning-overlap", "C4"),
        ("planning-total-mismatch", "D6"), ("unknown-activity", "E5")}
    by_cell = {(f["code"], f["cell"]): f for f in found if f["code"] != "etp-hours-mismatch"}
    wednesday = _hours_of(rows[3][3]) + _hours_of(rows[4][3])
    assert by_cell[("planning-total-mismatch", "D6")]["expected"] == wednesday
    # Tuesday's TOTAL (7h) is right: the overlapping blocks are the fault, reported at C4 only
    assert ("planning-total-mismatch", DORIS, "C6") not in where(found)
    assert 0.8 in [f["value"] for f in found if f["code"] == "etp-hours-mismatch"]
    assert ("planning-total-mismatch", DORIS, "B6") not in where(found)


def test_planning_of_someone_not_in_the_team(team_copy):
    folder = team_copy({EQUIPE: {DORIS: {"A1": "Planning type – Dorothée (1 ETP)"}}})
    assert ("unknown-person", DORIS, "A1") in where(verify(folder))
    assert ("unknown-person", DORIS, "A1") not in where(verify(WORKBOOKS))
