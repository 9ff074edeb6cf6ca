"""Rules of the activity log: faults typed into a copy are reported at their cell, neighbours stay quiet."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

import pytest

from conftest import SUIVI, WORKBOOKS, verify, where, copy_team
from xlsx_edit import sheet_rows

SEARCH = "Recherche d'un mode d'accueil"


def rows(sheet: str) -> list[list]:
    return sheet_rows(WORKBOOKS / SUIVI, sheet)


def at(findings, sheet):
    """{(code, cell)} of the findings of one sheet of the suivi workbook."""
    return {(f["code"], f["cell"]) for f in findings if f["workbook"] == SUIVI and f["sheet"] == sheet}


@pytest.fixture(scope="module")
def faulty(tmp_path_factory):
    """One copy with every fault below; returns (findings, facts about the rows chosen)."""
    cf = rows("Contacts familles")
    by_family = defaultdict(list)
    for r, row in enumerate(cf[4:], start=5):
        by_family[row[4]].append(r)
    # a family with 3+ contacts, all search rows with the same flags: change one flag on its 2nd row
    family_rows = next(rs for rs in by_family.values() if len(rs) >= 3
                       and all(cf[r - 1][6] == SEARCH for r in rs) and len({cf[r - 1][9] for r in rs}) == 1)
    non_search = next(r for r in range(20, len(cf) + 1) if cf[r - 1][6] != SEARCH and cf[r - 1][7] == ""
                      and len(by_family[cf[r - 1][4]]) == 1)
    search = next(r for r in range(30, len(cf) + 1) if cf[r - 1][6] == SEARCH and len(by_family[cf[r - 1][4]]) == 1)
    flag = cf[family_rows[1] - 1][9]
    facts = {"family": family_rows, "non_search": non_search, "search": search}
    edits = {
        "Contacts familles": {
            "A9": 4.0,                                   # row 8 holds N° 4
            "B10": dt.date(2024, 12, 16),                # before the period (a Monday)
            "B11": dt.date(2025, 5, 1),                  # Fête du Travail (Thursday)
            "B12": dt.date(2025, 3, 16),                 # a Sunday
            "B13": dt.date(2099, 1, 5),                  # in the future
            "F14": "Liettes",                            # typo of Liettres
            "F15": "Béthune",                            # official, not in the perimeter
            "F16": "Auchy-les-Mines",                    # joins on 01/07/2025: row dated before
            "C17": "DUPONT Jeanne",                      # not in the team
            f"J{family_rows[1]}": "Oui" if flag == "Non" else "Non",
            f"H{non_search}": "Assistant maternel",
            f"H{search}": None,
        },
        "Contacts pros": {"A6": 4.0},                    # row 5 holds N° 4
        "Séances": {"A8": 3.0, "G9": "BALESDENT Mélanie / MARTIN Anne"},
        "Présences": {"A10": 9999, "B13": "Parent"},     # row 13 holds an AM code
        "Demandes en ligne": {"C7": dt.date(2025, 1, 27)},  # received 28/01
        "Échanges pros": {"D6": 3},
        "Formations AM": {"A7": dt.date(2025, 3, 12)},   # a Wednesday
    }
    return verify(copy_team(tmp_path_factory.mktemp("suivi"), {SUIVI: edits})), facts


def test_preconditions_of_the_edits():
    cf, cp, pr = rows("Contacts familles"), rows("Contacts pros"), rows("Présences")
    assert cf[7][0] == 4 and cp[4][0] == 4 and rows("Séances")[6][0] == 3
    assert pr[12][1] == "Assistant maternel" and pr[12][2].startswith("AM-")
    assert rows("Demandes en ligne")[6][1] == dt.date(2025, 1, 28)
    assert rows("Échanges pros")[5][1] == "Entretien individuel"
    assert cf[15][1] < dt.date(2025, 7, 1)


def test_duplicate_keys(faulty):
    findings, _ = faulty
    assert ("duplicate-key", "A9") in at(findings, "Contacts familles")
    assert ("duplicate-key", "A8") not in at(findings, "Contacts familles")
    assert ("duplicate-key", "A6") in at(findings, "Contacts pros")
    assert ("duplicate-key", "A8") in at(findings, "Séances")
    assert where(findings, "duplicate-key") == {("duplicate-key", "Contacts familles", "A9"),
                                                ("duplicate-key", "Contacts pros", "A6"),
                                                ("duplicate-key", "Séances", "A8")}


def test_dates(faulty):
    findings, _ = faulty
    cf = at(findings, "Contacts familles")
    assert ("date-out-of-period", "B10") in cf
    assert ("not-a-working-day", "B11") in cf
    assert ("not-a-working-day", "B12") in cf
    assert ("date-in-future", "B13") in cf and ("date-out-of-period", "B13") not in cf
    assert ("date-order", "C7") in at(findings, "Demandes en ligne")
    assert ("training-not-saturday", "A7") in at(findings, "Formations AM")
    # Saturdays of the training days (Échanges pros) are not reported
    assert not {c for c in where(findings, "not-a-working-day") if c[1] != "Contacts familles"}
    assert {c for c, cell in cf if cell in ("B9", "B14")} == set()


def test_references_and_prefixes(faulty):
    findings, _ = faulty
    pres = at(findings, "Présences")
    assert ("unknown-reference", "A10") in pres
    assert ("incoherent-row", "B13") in pres
    assert ("incoherent-row", "C13") not in pres and ("unknown-reference", "C13") not in pres
    assert not {x for x in pres if x[1] in ("A9", "A11", "B10", "B12", "B14")}


def test_contacts_coherence(faulty):
    findings, facts = faulty
    cf = at(findings, "Contacts familles")
    assert ("incoherent-family", f"J{facts['family'][1]}") in cf
    assert not {x for x in cf if x[0] == "incoherent-family" and x[1] != f"J{facts['family'][1]}"}
    assert ("incoherent-row", f"H{facts['non_search']}") in cf
    assert ("incoherent-row", f"H{facts['search']}") in cf
    assert ("incoherent-row", "D6") in at(findings, "Échanges pros")


def test_communes_and_people_one_finding_per_cell(faulty):
    findings, _ = faulty
    cf = at(findings, "Contacts familles")
    assert ("unknown-commune", "F14") in cf
    liettes = next(f for f in findings if f["sheet"] == "Contacts familles" and f["cell"] == "F14")
    assert liettes["expected"] == "Liettres"
    assert ("commune-out-of-perimeter", "F15") in cf
    assert ("commune-out-of-perimeter", "F16") in cf
    assert ("unknown-person", "C17") in cf
    assert ("unknown-person", "G9") in at(findings, "Séances")
    for cell in ("F14", "F15", "F16", "C17"):
        assert len([f for f in findings if f["sheet"] == "Contacts familles" and f["cell"] == cell]) == 1
    assert not {x for x in cf if x[1] in ("F13", "F17", "C16", "C18")}


def test_embedded_suivi_gives_exactly_the_expected_findings():
    """Counted here from the cells (calamine): keys, dates, references, family coherence of the team's file."""
    import holidays

    period = (dt.date(2025, 1, 1), dt.date(2025, 6, 30))  # subtitle of the sheets: « du 01/01/2025 au 30/06/2025 »
    assert "01/01/2025 au 30/06/2025" in " ".join(str(v) for v in rows("Contacts familles")[1])
    off = holidays.France(years=2025)
    expected = set()
    for sheet, key_col, date_cols, start in (("Contacts familles", 0, (1,), 5), ("Contacts pros", 0, (1,), 2),
                                             ("Séances", 0, (1,), 5), ("Demandes en ligne", 0, (1,), 5),
                                             ("Échanges pros", None, (0,), 5), ("Formations AM", None, (0,), 5)):
        seen = set()
        for r, row in enumerate(rows(sheet)[start - 1:], start=start):
            if key_col is not None:
                if row[key_col] in seen:
                    expected.add(("duplicate-key", sheet, f"A{r}"))
                seen.add(row[key_col])
            for c in date_cols:
                day = row[c]
                cell = f"{chr(65 + c)}{r}"
                if not period[0] <= day <= period[1]:
                    expected.add(("date-out-of-period", sheet, cell))
                if (day in off or day.weekday() == 6) and sheet != "Demandes en ligne":
                    expected.add(("not-a-working-day", sheet, cell))
                if sheet == "Formations AM" and day.weekday() != 5:
                    expected.add(("training-not-saturday", sheet, cell))
    for r, row in enumerate(rows("Demandes en ligne")[4:], start=5):
        if row[2] and row[2] < row[1]:
            expected.add(("date-order", "Demandes en ligne", f"C{r}"))
        if row[2] and (row[2] in off or row[2].weekday() == 6):
            expected.add(("not-a-working-day", "Demandes en ligne", f"C{r}"))
    cf = rows("Contacts familles")[4:]
    for r, row in enumerate(cf, start=5):
        if (row[6] == SEARCH) != bool(row[7]):
            expected.add(("incoherent-row", "Contacts familles", f"H{r}"))
    families = defaultdict(list)
    for r, row in enumerate(cf, start=5):
        families[row[4]].append((r, row))
    for members in families.values():
        for c in (7, 8, 9, 10, 11):
            values = [row[c] for _, row in members if row[c]]
            usual = max(values, key=values.count) if values else None
            expected |= {("incoherent-family", "Contacts familles", f"{chr(65 + c)}{r}")
                         for r, row in members if row[c] and row[c] != usual}
    seances = {row[0] for row in rows("Séances")[4:]}
    for r, row in enumerate(rows("Présences")[4:], start=5):
        if row[0] not in seances:
            expected.add(("unknown-reference", "Présences", f"A{r}"))
    for r, row in enumerate(rows("Échanges pros")[4:], start=5):
        if row[1] == "Entretien individuel" and row[3] != 1:
            expected.add(("incoherent-row", "Échanges pros", f"D{r}"))
    codes = {"duplicate-key", "date-out-of-period", "date-in-future", "not-a-working-day", "training-not-saturday",
             "date-order", "incoherent-row", "incoherent-family", "unknown-reference"}
    got = {(f["code"], f["sheet"], f["cell"]) for f in verify(WORKBOOKS)
           if f["workbook"] == SUIVI and f["code"] in codes}
    assert got == expected


def test_duplicate_typed_before_its_original_points_at_the_typed_row(team_copy):
    """Séance N° typed as the next row's number: the typed row is wrong, not its neighbour, and the presences
    of the séance it really is (its expected number) are not broken references."""
    seances, presences = rows("Séances"), rows("Présences")
    r = next(r for r in range(6, len(seances) - 1)
             if seances[r - 1][0] + 1 == seances[r][0] and seances[r][0] + 1 == seances[r + 1][0])
    typed_row, intended = r + 1, seances[r][0]            # Excel row, the number it holds
    assert any(p[0] == intended for p in presences[4:])  # the séance has presences
    findings = verify(team_copy({SUIVI: {"Séances": {f"A{typed_row}": seances[r + 1][0]}}}))
    assert where(findings, "duplicate-key") == {("duplicate-key", "Séances", f"A{typed_row}")}
    dup = next(f for f in findings if f["code"] == "duplicate-key")
    assert dup["expected"] == intended
    assert not [f for f in findings if f["sheet"] == "Présences" and f["severity"] == "erreur"]


def test_a_typo_in_a_family_demand_is_one_finding(team_copy):
    cf = rows("Contacts familles")
    by_family = defaultdict(list)
    for r, row in enumerate(cf[4:], start=5):
        by_family[row[4]].append(r)
    r = next(rs[1] for rs in by_family.values() if len(rs) >= 2 and all(cf[x - 1][6] == SEARCH for x in rs))
    typo = cf[r - 1][7][:-1]                               # "Assistant materne"
    findings = verify(team_copy({SUIVI: {"Contacts familles": {f"H{r}": typo}}}))
    assert {(c, cell) for c, cell in at(findings, "Contacts familles")} == {("value-not-in-list", f"H{r}")}


def test_public_holidays_are_those_of_the_holidays_package():
    """rpe_xl.public_holidays (the law's list + Easter) gives the days of the ``holidays`` package, 2015-2035."""
    import holidays

    from rpe_xl.public_holidays import holidays_of

    for year in range(2015, 2036):
        assert holidays_of(year) == dict(holidays.France(years=year, language="fr")), year
    assert holidays_of(2025)[dt.date(2025, 6, 9)] == "Lundi de Pentecôte"
