"""Territory: a fault typed in the *Communes* sheet is reported at its cell, once, and does not spread to the other
workbooks (suggestion from the official list, perimeter kept, sectors, implausible dates)."""

from __future__ import annotations

import csv
import datetime as dt
from collections import Counter

import pytest

from conftest import AM, BUREAU, SUIVI, TERRITOIRE, WORKBOOKS, new_findings, where
from rpe_xl.compute.territory import choose_sector, communes_at, implausible
from rpe_xl.reference import COMMUNES_FILE
from xlsx_edit import sheet_rows


def communes_rows() -> list[tuple[int, list]]:
    """(Excel row, row) of the Communes sheet, read with python-calamine."""
    return [(r, row) for r, row in enumerate(sheet_rows(WORKBOOKS / TERRITOIRE, "Communes"), start=1)
            if r > 4 and row and row[0]]


def listing() -> tuple[list, list[tuple[int, list]]]:
    rows = sheet_rows(WORKBOOKS / AM, "Listing AM")
    return rows[0], [(r, row) for r, row in enumerate(rows[1:], start=2) if row and row[0]]


def usage() -> Counter:
    """How many cells of the suivi and AM workbooks name each commune (to pick a commune that is used)."""
    used: Counter = Counter()
    for sheet, col in (("Contacts familles", 5), ("Séances", 2), ("Demandes en ligne", 3)):
        used.update(row[col] for row in sheet_rows(WORKBOOKS / SUIVI, sheet)[4:] if len(row) > col and row[col])
    head, rows = listing()
    used.update(row[head.index("Commune")] for _, row in rows)
    return used


def official() -> dict[str, str]:
    with COMMUNES_FILE.open(encoding="utf-8") as fh:
        return {r["nom"]: r["code_insee"] for r in csv.DictReader(fh) if r["type"] == "commune-actuelle"}


def typo(name: str) -> str:
    """Drop the first doubled or repeated letter that keeps the name unofficial: Guarbecque -> Guarbeque."""
    names = official()
    for k in range(len(name) - 1, 0, -1):
        candidate = name[:k] + name[k + 1:]
        if name[k].isalpha() and candidate not in names:
            return candidate
    raise AssertionError(name)


# --- a misspelt commune in the Communes sheet ---------------------------------------------------------

@pytest.mark.parametrize("clear_code", [False, True])
def test_misspelt_commune_in_communes_sheet_is_one_finding(team_copy, clear_code):
    used = usage()
    rows = communes_rows()
    r, row = max(((r, row) for r, row in rows if [x[1][0] for x in rows].count(row[0]) == 1),
                 key=lambda x: used[x[1][0]])
    assert used[row[0]] >= 3  # a commune named elsewhere: the former cascade would show
    wrong = typo(row[0])
    edits = {f"A{r}": wrong}
    if clear_code:
        edits[f"B{r}"] = None
    findings = new_findings(team_copy({TERRITOIRE: {"Communes": edits}}))
    cell = next(f for f in findings if (f["sheet"], f["cell"]) == ("Communes", f"A{r}"))
    assert cell["code"] == "unknown-commune"
    assert cell["expected"] == row[0]  # from the official list (or the INSEE code), never the typo itself
    assert f"« {wrong} » ?" not in cell["message"]
    expected = {("unknown-commune", "Communes", f"A{r}")}
    if clear_code:
        expected.add(("missing-value", "Communes", f"B{r}"))
    assert where(findings) == expected
    assert not [f for f in findings if f["code"] == "commune-out-of-perimeter"]


def test_spaces_for_hyphen_in_communes_sheet_keeps_the_perimeter(team_copy):
    used = usage()
    r, row = max(((r, row) for r, row in communes_rows() if "-" in row[0]), key=lambda x: used[x[1][0]])
    findings = new_findings(team_copy({TERRITOIRE: {"Communes": {f"A{r}": row[0].replace("-", " ")}}}))
    assert where(findings) == {("unknown-commune", "Communes", f"A{r}")}
    assert next(f for f in findings if f["cell"] == f"A{r}" and f["sheet"] == "Communes")["expected"] == row[0]


# --- sectors ----------------------------------------------------------------------------------------

def other_sector(sector: str) -> str:
    sectors = [row[0] for row in sheet_rows(WORKBOOKS / TERRITOIRE, "Listes")[1:] if row and row[0]]
    return next(s for s in sectors if s != sector)


def two_row_commune() -> tuple[str, int, int, str]:
    rows = communes_rows()
    name = next(row[0] for _, row in rows if [x[1][0] for x in rows].count(row[0]) == 2)
    (r1, row1), (r2, _) = [(r, row) for r, row in rows if row[0] == name]
    return name, r1, r2, row1[2]


@pytest.mark.parametrize("which", [0, 1])
def test_two_rows_of_one_commune_disagree_on_the_sector(team_copy, which):
    name, r1, r2, sector = two_row_commune()
    head, am_rows = listing()
    c, s = head.index("Commune"), head.index("Secteur")
    assert [row[s] for _, row in am_rows if row[c] == name] and all(row[s] == sector for _, row in am_rows
                                                                    if row[c] == name)
    odd = (r1, r2)[which]
    findings = new_findings(team_copy({TERRITOIRE: {"Communes": {f"C{odd}": other_sector(sector)}}}))
    assert where(findings) == {("incoherent-row", "Communes", f"C{odd}")}
    assert not [f for f in findings if f["code"] == "sector-mismatch"]


def test_wrong_sector_in_communes_is_reported_at_its_cell(team_copy):
    head, am_rows = listing()
    c, s = head.index("Commune"), head.index("Secteur")
    rows = communes_rows()
    single = {row[0]: (r, row[2]) for r, row in rows if [x[1][0] for x in rows].count(row[0]) == 1}
    counts = Counter(row[c] for _, row in am_rows)
    name = next(n for n in sorted(single, key=lambda n: counts[n])
                if counts[n] >= 2 and all(row[s] == single[n][1] for _, row in am_rows if row[c] == n))
    r, sector = single[name]
    findings = new_findings(team_copy({TERRITOIRE: {"Communes": {f"C{r}": other_sector(sector)}}}))
    assert where(findings) == {("commune-sector-mismatch", "Communes", f"C{r}")}
    assert next(f for f in findings if f["cell"] == f"C{r}" and f["sheet"] == "Communes")["expected"] == sector


def test_one_am_with_the_wrong_sector_is_still_reported_in_the_listing(team_copy):
    """The listing row is the odd one when the other AMs of the commune agree with the Communes sheet."""
    head, am_rows = listing()
    c, s = head.index("Commune"), head.index("Secteur")
    counts = Counter(row[c] for _, row in am_rows)
    r, row = next((r, row) for r, row in am_rows if counts[row[c]] >= 3)
    cell = f"{chr(65 + s)}{r}"
    findings = new_findings(team_copy({AM: {"Listing AM": {cell: other_sector(row[s])}}}))
    assert where(findings) == {("sector-mismatch", "Listing AM", cell)}


def test_choose_sector():
    from collections import Counter as C
    assert choose_sector([(1, "O")], C(E=4)).contradicted
    assert choose_sector([(1, "O")], C(E=4)).expected is None
    assert choose_sector([(1, "O")], C(E=1)).expected == "O"          # one AM against the sheet: the AM is checked
    assert choose_sector([(1, "O")], C(E=3, O=2)).expected == "O"     # no clear majority
    two = choose_sector([(1, "O"), (2, "E")], C(E=5))
    assert (two.expected, two.odd, two.ambiguous) == ("E", (1,), True)
    assert choose_sector([(1, "O"), (2, "E")], C()).odd == (2,)        # no AM: the first row is kept


# --- implausible dates ----------------------------------------------------------------------------------

def commune_of_a_seance() -> tuple[int, list, dt.date]:
    """A Communes row (single row, adhesion date, no exit) of a commune with séances, and its first séance day."""
    seances = [row for row in sheet_rows(WORKBOOKS / SUIVI, "Séances")[4:] if len(row) > 2 and row[2]]
    rows = communes_rows()
    for r, row in rows:
        days = sorted(s[1] for s in seances if s[2] == row[0] and isinstance(s[1], dt.date))
        if days and [x[1][0] for x in rows].count(row[0]) == 1 and isinstance(row[3], dt.date) and not row[4]:
            return r, row, days[0]
    raise AssertionError("no commune with séances")


def test_adhesion_year_typo_is_reported_at_its_cell_without_cascade(team_copy):
    r, row, _ = commune_of_a_seance()
    wrong = row[3].replace(year=row[3].year + 27)   # 2025 -> 2052
    findings = new_findings(team_copy({TERRITOIRE: {"Communes": {f"D{r}": wrong}}}))
    assert where(findings) == {("implausible-date", "Communes", f"D{r}")}
    assert not [f for f in findings if f["code"] == "commune-out-of-perimeter"]
    assert not [f for f in findings if f["workbook"] == BUREAU and f["code"] == "declared-value-mismatch"]


@pytest.mark.parametrize("year", [1925, 2060])
def test_implausible_exit_date_is_one_finding(team_copy, year):
    r, _, _ = commune_of_a_seance()
    findings = new_findings(team_copy({TERRITOIRE: {"Communes": {f"E{r}": dt.date(year, 1, 1)}}}))
    got = where(findings)
    assert ("implausible-date", "Communes", f"E{r}") in got
    # an empty cell edited with a number reads as a repaired text date (artefact of the copy): info only
    assert got - {("implausible-date", "Communes", f"E{r}"), ("value-repaired", "Communes", f"E{r}")} == set()


def test_a_plausible_later_adhesion_still_puts_earlier_seances_out_of_the_perimeter(team_copy):
    r, row, first = commune_of_a_seance()
    later = first + dt.timedelta(days=1)
    seances = sheet_rows(WORKBOOKS / SUIVI, "Séances")
    expected = {("commune-out-of-perimeter", "Séances", f"C{i}") for i, s in enumerate(seances, start=1)
                if i > 4 and len(s) > 2 and s[2] == row[0] and isinstance(s[1], dt.date) and s[1] < later}
    findings = new_findings(team_copy({TERRITOIRE: {"Communes": {f"D{r}": later}}}))
    assert expected and {x for x in where(findings) if x[0] == "commune-out-of-perimeter"
                         and x[1] == "Séances"} == expected
    assert ("implausible-date", "Communes", f"D{r}") not in where(findings)


def test_implausible_and_perimeter_count():
    import pandas as pd
    today = dt.date(2026, 11, 29)
    assert implausible(dt.date(2052, 1, 1), today) and implausible(dt.date(1925, 1, 1), today)
    assert not implausible(dt.date(2026, 1, 1), today) and not implausible(dt.date(2031, 12, 31), today)
    df = pd.DataFrame({"commune": ["A", "B", "C"], "joined": [dt.date(2019, 1, 1), dt.date(2052, 1, 1),
                                                              dt.date(2026, 1, 1)], "left": [None, None, None]})
    assert communes_at(df, dt.date(2025, 1, 1), today) == ["A", "B"]
