"""Rules of the AM workbook: listing coherence, MAM against the listing, totals, sectors, communes."""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import AM, TERRITOIRE, WORKBOOKS, copy_team, verify
from xlsx_edit import sheet_rows

LISTING = "Listing AM"
APPROVAL = "Date d'agrément"


def rows(sheet: str) -> list[list]:
    return sheet_rows(WORKBOOKS / AM, sheet)


def at(findings, sheet):
    return {(f["code"], f["cell"]) for f in findings if f["workbook"] == AM and f["sheet"] == sheet}


@pytest.fixture(scope="module")
def listing():
    return rows(LISTING)


@pytest.fixture(scope="module")
def faulty(tmp_path_factory, listing):
    head = listing[0]
    col = {name: chr(65 + i) for i, name in enumerate(head) if i < 26}
    inactive = next(r for r in range(2, len(listing) + 1) if listing[r - 1][head.index("En activité")] == "Non")
    registered_no = next(r for r in range(2, len(listing) + 1)
                         if listing[r - 1][head.index("Inscrit monenfant.fr")] == "Non" and r != inactive)
    # an AM of the "Ouest" sector living in a commune of the "Ouest" sector: switch her sector
    ouest = next(r for r in range(2, len(listing) + 1) if listing[r - 1][head.index("Secteur")].startswith("Ouest"))
    mam_row = next(r for r in range(2, len(listing) + 1) if listing[r - 1][head.index("MAM")])
    mam_name = listing[mam_row - 1][head.index("MAM")]
    mam_sheet = rows("MAM")
    mam_sheet_row = next(r for r in range(5, 12) if mam_sheet[r - 1][0] == mam_name)
    folder = tmp_path_factory.mktemp("am")
    facts = {"inactive": inactive, "registered_no": registered_no, "ouest": ouest, "mam_row": mam_sheet_row,
             "col": col, "dup": 3, "folder": folder}
    edits = {
        LISTING: {
            f"{col['Code AM']}3": listing[1][0],                            # duplicate of row 2
            f"{col['Places dispo sept. 2025']}{inactive}": 2,               # AM not in activity offering places
            f"{col['Disponibilités à jour monenfant.fr']}{registered_no}": "Oui",
            f"{col['Secteur']}{ouest}": "Est (ex Bas Pays)",
            f"{col['Commune']}12": "Blesy",                                 # typo of Blessy
            f"{col[APPROVAL]}13": dt.date(2099, 3, 1),
        },
        "MAM": {f"C{mam_sheet_row}": 4 if mam_sheet[mam_sheet_row - 1][2] != 4 else 2, "D12": 100},
        "EAJE": {"C6": "Lillers-Centre"},
    }
    return verify(copy_team(folder, {AM: edits})), facts


def test_listing_faults_at_their_cell(faulty):
    findings, facts = faulty
    col, got = facts["col"], at(findings, LISTING)
    assert ("duplicate-key", f"{col['Code AM']}3") in got
    assert ("duplicate-key", f"{col['Code AM']}2") not in got
    assert ("incoherent-row", f"{col['Places dispo sept. 2025']}{facts['inactive']}") in got
    assert ("incoherent-row", f"{col['Disponibilités à jour monenfant.fr']}{facts['registered_no']}") in got
    assert ("sector-mismatch", f"{col['Secteur']}{facts['ouest']}") in got
    assert ("unknown-commune", f"{col['Commune']}12") in got
    assert ("date-in-future", f"{col[APPROVAL]}13") in got
    blesy = [f for f in findings if f["sheet"] == LISTING and f["cell"] == f"{col['Commune']}12"]
    assert len(blesy) == 1 and blesy[0]["expected"] == "Blessy"
    # no other finding of these codes on the listing
    mine = {"incoherent-row", "sector-mismatch", "unknown-commune", "duplicate-key", "date-in-future"}
    assert {x for x in got if x[0] in mine} == {
        ("duplicate-key", f"{col['Code AM']}3"),
        ("incoherent-row", f"{col['Places dispo sept. 2025']}{facts['inactive']}"),
        ("incoherent-row", f"{col['Disponibilités à jour monenfant.fr']}{facts['registered_no']}"),
        ("sector-mismatch", f"{col['Secteur']}{facts['ouest']}"),
        ("unknown-commune", f"{col['Commune']}12"),
        ("date-in-future", f"{col[APPROVAL]}13"),
    }


def test_mam_count_and_totals(faulty):
    findings, facts = faulty
    mam = at(findings, "MAM")
    assert ("declared-values-disagree", f"C{facts['mam_row']}") in mam
    assert ("total-mismatch", "D12") in mam
    assert not {x for x in mam if x[0] == "declared-values-disagree" and x[1] != f"C{facts['mam_row']}"}
    eaje = at(findings, "EAJE")
    assert ("unknown-commune", "C6") in eaje and ("value-not-in-list", "C6") not in eaje


def independent_faults(folder) -> tuple[set[str], set[str]]:
    """Counted here, without the tool: cells of AMs out of activity offering places in September, and sector cells
    of AMs whose commune has another sector in the Communes sheet (a commune absent from it is not judged)."""
    rows = sheet_rows(folder / AM, LISTING)
    head = rows[0]
    letter = {name: chr(65 + i) for i, name in enumerate(head) if i < 26}
    sector = {r[0]: r[2] for r in sheet_rows(folder / TERRITOIRE, "Communes")[4:] if r and r[0]}
    active, sept = head.index("En activité"), head.index("Places dispo sept. 2025")
    commune, typed = head.index("Commune"), head.index("Secteur")
    places = {f"{letter['Places dispo sept. 2025']}{r}" for r, row in enumerate(rows[1:], start=2)
              if row[active] == "Non" and row[sept] not in ("", 0, 0.0)}
    sectors = {f"{letter['Secteur']}{r}" for r, row in enumerate(rows[1:], start=2)
               if row[commune] in sector and sector[row[commune]] != row[typed]}
    return places, sectors


def tool_faults(findings, folder) -> tuple[set[str], set[str]]:
    head = sheet_rows(folder / AM, LISTING)[0]
    sept = chr(65 + head.index("Places dispo sept. 2025"))
    places = {f["cell"] for f in findings if f["sheet"] == LISTING and f["code"] == "incoherent-row"
              and f["cell"].rstrip("0123456789") == sept}
    return places, {f["cell"] for f in findings if f["code"] == "sector-mismatch"}


def test_embedded_listing_is_coherent():
    """Independent count on the team's file: no AM out of activity offers places, sectors match the Communes
    sheet; the tool says the same."""
    assert independent_faults(WORKBOOKS) == tool_faults(verify(WORKBOOKS), WORKBOOKS) == (set(), set())


def test_broken_coherence_is_found_where_the_independent_count_finds_it(faulty):
    """Twin of the above on a copy where an AM out of activity offers places and an AM has another sector."""
    findings, facts = faulty
    expected = independent_faults(facts["folder"])
    assert all(len(cells) == 1 for cells in expected)
    assert tool_faults(findings, facts["folder"]) == expected
