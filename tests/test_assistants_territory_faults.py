"""Assistants maternels and territory: an AM's sector against her commune's (one finding, at her *Secteur* cell;
none while the commune or its sector is faulty), a row typed below a blank row of *Listing AM* (read, or
reported), and a commune of the activity log that is not a commune (left out of the indicators, finding shown
by ``rpe-xl indicateurs``)."""

from __future__ import annotations

import json
from collections import Counter

import pytest
from python_calamine import CalamineWorkbook

from conftest import AM, SUIVI, TERRITOIRE, WORKBOOKS, new_findings, run, where
from xlsx_edit import sheet_rows

LISTING = "Listing AM"


def listing() -> tuple[dict[str, str], list[tuple[int, list]]]:
    """(header -> column letter, [(Excel row, row)]) of Listing AM."""
    rows = sheet_rows(WORKBOOKS / AM, LISTING)
    col = {name: chr(65 + i) for i, name in enumerate(rows[0]) if i < 26}
    return col, [(r, row) for r, row in enumerate(rows[1:], start=2) if row and row[0]]


def communes_sheet() -> dict[str, tuple[int, str]]:
    """Commune -> (Excel row, sector) of the communes with one row in the Communes sheet."""
    rows = [(r, row) for r, row in enumerate(sheet_rows(WORKBOOKS / TERRITOIRE, "Communes"), start=1)
            if r > 4 and row and row[0]]
    names = Counter(row[0] for _, row in rows)
    return {row[0]: (r, row[2]) for r, row in rows if names[row[0]] == 1}


def sectors() -> list[str]:
    return [row[1] for row in sheet_rows(WORKBOOKS / AM, "Listes")[1:] if len(row) > 1 and row[1]]


def other(sector: str) -> str:
    return next(s for s in sectors() if s != sector)


def commune_with(n_am: int) -> tuple[str, list[int]]:
    """A commune of one Communes row with exactly ``n_am`` AMs in the listing (when several: the first such), and
    the Excel rows of its AMs."""
    col, rows = listing()
    head = sheet_rows(WORKBOOKS / AM, LISTING)[0]
    c = head.index("Commune")
    by_commune: dict[str, list[int]] = {}
    for r, row in rows:
        by_commune.setdefault(row[c], []).append(r)
    single = communes_sheet()
    name = next(n for n, am_rows in by_commune.items() if len(am_rows) == n_am and n in single)
    return name, by_commune[name]


# --- the sector of an AM against the Communes sheet -------------------------------------------------------

@pytest.mark.parametrize("n_am", [1, 3])
def test_am_sector_contradicting_her_commune_is_one_finding_at_her_secteur_cell(team_copy, n_am):
    col, _ = listing()
    name, am_rows = commune_with(n_am)
    _, sector = communes_sheet()[name]
    cell = f"{col['Secteur']}{am_rows[0]}"
    found = new_findings(team_copy({AM: {LISTING: {cell: other(sector)}}}))
    assert where(found) == {("sector-mismatch", LISTING, cell)}
    assert found[0]["severity"] == "erreur" and found[0]["expected"] == sector


def test_am_whose_commune_is_unknown_is_not_judged_on_her_sector(team_copy):
    col, _ = listing()
    name, am_rows = commune_with(3)
    _, sector = communes_sheet()[name]
    r = am_rows[0]
    found = new_findings(team_copy({AM: {LISTING: {f"{col['Commune']}{r}": name + "x",
                                                   f"{col['Secteur']}{r}": other(sector)}}}))
    assert where(found) == {("unknown-commune", LISTING, f"{col['Commune']}{r}")}


@pytest.mark.parametrize("n_am", [1, 8])
def test_a_communes_sector_outside_the_list_does_not_spread_to_the_listing(team_copy, n_am):
    name, _ = commune_with(n_am)
    r, _ = communes_sheet()[name]
    found = new_findings(team_copy({TERRITOIRE: {"Communes": {f"C{r}": "Nord"}}}))
    assert where(found) == {("value-not-in-list", "Communes", f"C{r}")}


def test_a_valid_communes_sector_still_judges_the_single_am_of_the_commune(team_copy):
    """Positive twin: the same edit with a sector of the list reaches the AM (one AM is no majority)."""
    col, _ = listing()
    name, (am_row,) = commune_with(1)
    r, sector = communes_sheet()[name]
    found = new_findings(team_copy({TERRITOIRE: {"Communes": {f"C{r}": other(sector)}}}))
    assert where(found) == {("sector-mismatch", LISTING, f"{col['Secteur']}{am_row}")}


# --- a row typed below a blank row at the bottom of Listing AM --------------------------------------------

def below_gap(values: dict[str, object]) -> tuple[int, dict[str, object]]:
    """(Excel row, edits) of a row typed one blank row below the last AM: ``values`` is header -> value."""
    col, rows = listing()
    r = rows[-1][0] + 2
    return r, {f"{col[h]}{r}": v for h, v in values.items()}


def test_a_row_with_its_code_below_a_blank_row_is_read_and_checked(team_copy):
    col, _ = listing()
    name, _ = commune_with(3)
    _, sector = communes_sheet()[name]
    r, edits = below_gap({"Code AM": "AM-0990", "Civilité": "Mme", "Nom": "DUVAL", "Prénom": "Rose",
                          "Commune": name, "Secteur": other(sector)})
    got = where(new_findings(team_copy({AM: {LISTING: edits}})))
    assert ("sector-mismatch", LISTING, f"{col['Secteur']}{r}") in got
    assert ("missing-value", LISTING, f"{col['En activité']}{r}") in got
    assert ("declared-value-mismatch", "Observatoire", "D13") in got  # 179 AM agréés counted, 178 declared
    assert not {x for x in got if x[0] == "row-after-table"}


@pytest.mark.parametrize("typed", [("Nom", "Prénom", "Commune", "Secteur"), ("Code AM",)])
def test_a_row_below_a_blank_row_that_is_not_a_record_is_reported_not_dropped(team_copy, typed):
    """Names and commune without a code, or a code alone: not read, one finding at the row."""
    name, _ = commune_with(3)
    _, sector = communes_sheet()[name]
    values = {"Code AM": "AM-0990", "Nom": "DUVAL", "Prénom": "Rose", "Commune": name, "Secteur": sector}
    r, edits = below_gap({h: values[h] for h in typed})
    found = new_findings(team_copy({AM: {LISTING: edits}}))
    assert where(found) == {("row-after-table", LISTING, f"A{r}")}
    assert found[0]["severity"] == "avertissement"


def test_a_short_row_below_a_blank_row_inside_the_listing_keeps_the_rows_below(team_copy):
    """A blank row, then a row with only names and commune, then the rest of the listing: all read, the short row
    checked like the others (its empty cells reported), no AM lost below it."""
    col, rows = listing()
    blank, short = rows[len(rows) // 2][0], rows[len(rows) // 2 + 1][0]
    edits = {f"{c}{blank}": None for c in col.values()}
    edits.update({f"{c}{short}": None for h, c in col.items() if h not in ("Nom", "Prénom", "Commune", "Secteur")})
    folder = team_copy({AM: {LISTING: edits}})
    from rpe_xl.read import load

    table = load([folder]).table("assistants_maternels", "listing_am")
    assert table.rows == [r for r, _ in rows if r != blank]
    got = where(new_findings(folder))
    assert ("missing-value", LISTING, f"{col['Code AM']}{short}") in got
    assert not {x for x in got if x[0] == "row-after-table"}


# --- a commune of the activity log that is not a commune ---------------------------------------------------

BOGUS = ('=HYPERLINK("http://x","Béthune")', "Lilers")


@pytest.fixture(scope="module")
def bogus_seances(tmp_path_factory):
    """A copy whose Séances name a formula typed as text and a misspelt commune: (folder, cells, séances rows)."""
    from conftest import copy_team

    rows = sheet_rows(WORKBOOKS / SUIVI, "Séances")
    head = rows[3]
    c = chr(65 + head.index("Commune"))
    picked = [r for r, row in enumerate(rows, start=1) if r > 4 and row[head.index("Commune")] == "Lillers"][:2]
    cells = [f"{c}{r}" for r in picked]
    folder = copy_team(tmp_path_factory.mktemp("bogus"), {SUIVI: {"Séances": dict(zip(cells, BOGUS))}})
    return folder, cells, rows


def test_a_bogus_commune_of_the_activity_log_is_one_finding_at_its_cell(bogus_seances):
    folder, cells, _ = bogus_seances
    found = new_findings(folder)
    assert where(found) == {("unknown-commune", "Séances", cell) for cell in cells}
    assert {f["cell"]: f["expected"] for f in found} == dict(zip(cells, ("Béthune", "Lillers")))


def test_a_bogus_commune_is_not_counted_by_the_indicators(bogus_seances, tmp_path):
    folder, cells, rows = bogus_seances
    code, out, _ = run("indicateurs", "--format", "json", str(folder))
    assert code == 1  # the commune findings are erreurs
    keys = " ".join(json.loads(out)["indicateurs"])
    assert not any(b in keys for b in ("Lilers", "HYPERLINK", "Béthune"))
    # the séances per commune (chart of the output workbook) leave the two rows out
    from rpe_xl.compute.indicators import compute_indicators
    from rpe_xl.read import load

    per_commune = compute_indicators(load([folder])).details["seances_par_commune"]
    commune = rows[3].index("Commune")
    typed = Counter(row[commune] for row in rows[4:] if len(row) > commune and row[commune])
    assert set(per_commune) == set(typed) - {"Lilers"} and "Lilers" not in per_commune
    assert per_commune["Lillers"] == typed["Lillers"] - 2
    sheet = tmp_path / "indicateurs.xlsx"
    run("indicateurs", "--sortie", str(sheet), str(folder))
    book = CalamineWorkbook.from_path(str(sheet))
    texts = {str(v) for name in book.sheet_names for row in book.get_sheet_by_name(name).to_python() for v in row}
    assert "Lilers" not in texts and not [t for t in texts if "HYPERLINK" in t]


def test_indicateurs_shows_the_finding_of_a_bogus_commune(bogus_seances):
    folder, cells, _ = bogus_seances
    code, out, _ = run("indicateurs", str(folder))
    shown = [line for line in out.splitlines() if "[unknown-commune]" in line]
    assert code == 1 and sorted(line.split()[0] for line in shown) == sorted(cells)


def test_indicateurs_shows_no_commune_finding_on_the_team_workbooks():
    """Twin of the above on the unmodified workbooks: nothing to show, exit code 0."""
    code, out, _ = run("indicateurs", str(WORKBOOKS))
    assert code == 0 and "[unknown-commune]" not in out
