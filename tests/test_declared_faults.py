"""Declared figures: a value the tool itself refuses does not feed a declared comparison, the disagreement of two
declared cells never lands on the right one, a planning activity without category holds the Répartition back, an
unknown Observatoire label is reported at its cell, one finding per cell in Listing AM. Each test types one fault
into a copy and asserts the finding at its cell AND the absence of false alarms (every erreur/avertissement not in
the team's own verdict)."""

from __future__ import annotations

import pytest

from conftest import AM, EQUIPE, TERRITOIRE, WORKBOOKS, copy_team, verify
from xlsx_edit import sheet_rows
from rpe_xl.text import norm

OBS, LISTING = "Observatoire", "Listing AM"


def alarms(findings) -> set[tuple[str, str, str]]:
    return {(f["code"], f["sheet"], f["cell"]) for f in findings if f["severity"] != "info"}


def cells(findings, code, sheet) -> dict[str, dict]:
    return {f["cell"]: f for f in findings if f["code"] == code and f["sheet"] == sheet}


@pytest.fixture(scope="module")
def base():
    return verify(WORKBOOKS)


@pytest.fixture(scope="module")
def listing():
    g = sheet_rows(WORKBOOKS / AM, LISTING)
    col = {name: chr(65 + i) for i, name in enumerate(g[0])}
    rows = [(n + 2, dict(zip(g[0], r))) for n, r in enumerate(g[1:]) if r[0]]
    return col, rows


@pytest.fixture(scope="module")
def obs():
    """label -> Excel row of the Observatoire sheet, and the raw rows."""
    g = sheet_rows(WORKBOOKS / TERRITOIRE, OBS)
    return {r[0]: i + 1 for i, r in enumerate(g) if r and r[0]}, g


def fault(tmp_path, workbook, sheet, edits):
    return verify(copy_team(tmp_path / "c", {workbook: {sheet: edits}}))


def obs_rows_reading(obs, *words) -> set[str]:
    """Value cells of the Observatoire rows whose label holds one of ``words`` (normalised)."""
    rows, _ = obs
    return {f"D{r}" for label, r in rows.items() if any(w in norm(label) for w in words)}


# --- a refused listing cell holds back the declared figures computed from it ----------------------------------

def test_value_outside_the_list_holds_back_the_activity_figures(tmp_path, base, listing, obs):
    col, rows = listing
    r = next(n for n, row in rows if row["En activité"] == "Oui")
    cell = f"{col['En activité']}{r}"
    found = fault(tmp_path, AM, LISTING, {cell: "Ou"})
    assert alarms(found) - alarms(base) == {("value-not-in-list", LISTING, cell)}
    held = cells(found, "declared-not-compared", OBS)
    dependent = obs_rows_reading(obs, "en activite (b)", "taux d'activite", "acceptant", "actifs hors mam",
                                 "place disponible")
    assert len(dependent) >= 10 and dependent <= set(held)
    assert all(cell in held[c]["message"] for c in dependent)
    assert not set(cells(found, "declared-value-mismatch", OBS)) & dependent
    # the row counts do not read « En activité »: still compared, not held
    assert not obs_rows_reading(obs, "agrees du territoire", "agrees par la pmi") & set(held)


def test_mam_name_outside_the_list_holds_back_the_mam_row(tmp_path, base, listing):
    col, rows = listing
    r, row = next((n, row) for n, row in rows if row["MAM"])
    name = row["MAM"]
    mam = sheet_rows(WORKBOOKS / AM, "MAM")
    mam_row = next(i + 1 for i, x in enumerate(mam) if x[0] == name)
    cell = f"{col['MAM']}{r}"
    found = fault(tmp_path, AM, LISTING, {cell: name[:-2]})
    assert alarms(found) - alarms(base) == {("value-not-in-list", LISTING, cell)}
    assert not cells(found, "declared-values-disagree", "MAM")
    held = cells(found, "declared-not-compared", "MAM")
    assert {f"C{mam_row}", f"D{mam_row}"} <= set(held) and cell in held[f"C{mam_row}"]["message"]


def test_places_out_of_range_is_one_finding_at_its_cell(tmp_path, base, listing, obs):
    """0 places for an AM of a MAM offering places in September: no incoherent-row on her September cell, no
    disagreement on the MAM sheet, no Observatoire warning."""
    col, rows = listing
    r, row = next((n, row) for n, row in rows if row["MAM"] and (row["Places dispo sept. 2025"] or 0) >= 1)
    mam_row = next(i + 1 for i, x in enumerate(sheet_rows(WORKBOOKS / AM, "MAM")) if x[0] == row["MAM"])
    cell = f"{col['Places agréées']}{r}"
    found = fault(tmp_path, AM, LISTING, {cell: 0})
    assert alarms(found) - alarms(base) == {("out-of-range", LISTING, cell)}
    assert f"D{mam_row}" in cells(found, "declared-not-compared", "MAM")
    assert obs_rows_reading(obs, "places theoriques") <= set(cells(found, "declared-not-compared", OBS))


def test_missing_september_places_holds_back_the_september_counts(tmp_path, base, listing, obs):
    col, rows = listing
    r = next(n for n, row in rows if row["En activité"] == "Oui" and not row["MAM"]
             and (row["Places dispo sept. 2025"] or 0) >= 1)
    cell = f"{col['Places dispo sept. 2025']}{r}"
    found = fault(tmp_path, AM, LISTING, {cell: None})
    assert alarms(found) - alarms(base) == {("missing-value", LISTING, cell)}
    assert obs_rows_reading(obs, "place disponible") <= set(cells(found, "declared-not-compared", OBS))


def test_incoherent_monenfant_row_holds_back_the_monenfant_counts(tmp_path, base, listing, obs):
    col, rows = listing
    r = next(n for n, row in rows
             if row["Inscrit monenfant.fr"] == "Non" and row["Disponibilités à jour monenfant.fr"] == "Non")
    cell = f"{col['Disponibilités à jour monenfant.fr']}{r}"
    found = fault(tmp_path, AM, LISTING, {cell: "Oui"})
    assert alarms(found) - alarms(base) == {("incoherent-row", LISTING, cell)}
    assert obs_rows_reading(obs, "(c)") <= set(cells(found, "declared-not-compared", OBS))


# --- text in « Places dispo sept. » is one finding ----------------------------------------

def test_text_in_september_places_is_one_finding(tmp_path, base, listing):
    col, rows = listing
    r = next(n for n, row in rows if row["En activité"] == "Oui" and (row["Places dispo sept. 2025"] or 0) >= 1)
    cell = f"{col['Places dispo sept. 2025']}{r}"
    found = fault(tmp_path, AM, LISTING, {cell: "deux"})
    here = [(f["code"], f["severity"]) for f in found if f["sheet"] == LISTING and f["cell"] == cell]
    assert here == [("invalid-number", "erreur")]
    assert alarms(found) - alarms(base) == {("invalid-number", LISTING, cell)}


# --- the disagreement stands on the wrong declared cell -------------------------------------------------------

def test_disagreement_lands_on_the_wrong_declared_cell(tmp_path, base, listing, obs):
    _, rows = listing
    first, second = (f"D{r}" for r in sorted(obs[0][label] for label in obs[0]
                                             if "agrees du territoire" in norm(label) or "par la pmi" in norm(label)))
    found = fault(tmp_path, TERRITOIRE, OBS, {first: len(rows) + 9})
    assert alarms(found) - alarms(base) == {("declared-value-mismatch", OBS, first),
                                            ("declared-values-disagree", OBS, first)}
    disagree = cells(found, "declared-values-disagree", OBS)[first]
    assert disagree["value"] == len(rows) + 9 and disagree["expected"] == len(rows)
    assert not [f for f in found if f["sheet"] == OBS and f["cell"] == second]
    # the later cell wrong: the finding is there, as before
    again = fault(tmp_path / "b", TERRITOIRE, OBS, {second: len(rows) + 9})
    assert alarms(again) - alarms(base) == {("declared-value-mismatch", OBS, second),
                                            ("declared-values-disagree", OBS, second)}


# --- Observatoire labels ---------------------------------------------------------------------------------------

def test_unknown_observatoire_label_is_reported_at_its_cell(tmp_path, base, listing, obs):
    _, rows = listing
    label = next(lbl for lbl in obs[0] if "agrees du territoire" in norm(lbl))
    r = obs[0][label]
    found = fault(tmp_path, TERRITOIRE, OBS, {f"A{r}": label[:-1], f"D{r}": len(rows) + 9})
    assert alarms(found) - alarms(base) == {("observatoire-label-unknown", OBS, f"A{r}")}
    assert cells(found, "observatoire-label-unknown", OBS)[f"A{r}"]["expected"] == label
    assert not [f for f in found if f["sheet"] == OBS and f["cell"] == f"D{r}"]


def test_near_miss_label_is_still_compared_and_said(tmp_path, base, listing, obs):
    _, rows = listing
    label = next(lbl for lbl in obs[0] if "en activite (b)" in norm(lbl))
    r = obs[0][label]
    actifs = sum(row["En activité"] == "Oui" for _, row in rows)
    typo = label.replace("assistants", "assistant")
    found = fault(tmp_path, TERRITOIRE, OBS, {f"A{r}": typo, f"D{r}": actifs + 18})
    assert alarms(found) - alarms(base) == {("declared-value-mismatch", OBS, f"D{r}")}
    assert cells(found, "declared-value-mismatch", OBS)[f"D{r}"]["expected"] == actifs
    assert cells(found, "observatoire-label-approx", OBS)[f"A{r}"]["expected"] == label


def test_team_labels_are_all_recognised(base):
    assert not [f for f in base if f["code"].startswith("observatoire-label")]


# --- an activity without category holds back the Répartition tables it feeds ---------------------------------

def test_unknown_activity_holds_back_its_tables_only(tmp_path, base):
    team = sheet_rows(WORKBOOKS / EQUIPE, "Équipe")
    hours = {r[1]: r[6] for r in team[4:] if r[1] and isinstance(r[6], float)}
    sheet, cell, text = next((f"Planning {p}", f"{chr(65 + c)}{i + 1}", v)
                             for p in hours if p != "Brigitte"
                             for i, row in enumerate(sheet_rows(WORKBOOKS / EQUIPE, f"Planning {p}")[:6])
                             for c, v in enumerate(row) if isinstance(v, str) and "Observatoire" in v)
    contract = hours[sheet.split()[-1]]
    other = next(h for p, h in hours.items() if h != contract and p != "Brigitte")
    rep = sheet_rows(WORKBOOKS / EQUIPE, "Répartition")
    header = {r[1]: i + 1 for i, r in enumerate(rep) if r and r[0] == "Activités"}
    mine, theirs = header[f"Nbre d'heures {contract:g}h"], header[f"Nbre d'heures {other:g}h"]
    team_table = header["%"]
    info_row = theirs + 2  # the second activity row of the other contract's table: a typo the tool must still see
    found = verify(copy_team(tmp_path / "c", {EQUIPE: {
        sheet: {cell: text.replace("Observatoire", "Observatiore")},
        "Répartition": {f"B{info_row}": rep[info_row - 1][1] + 2}}}))
    assert alarms(found) - alarms(base) == {("unknown-activity", sheet, cell),
                                            ("declared-value-mismatch", "Répartition", f"B{info_row}")}
    held = cells(found, "declared-not-compared", "Répartition")
    assert set(held) == {f"A{mine}", f"A{team_table}"} and f"{sheet}!{cell}" in held[f"A{mine}"]["message"]
    # no warning left in the held tables (the team's own rounding warnings wait too)
    rows_held = table_rows(rep, mine) | table_rows(rep, team_table)
    assert not [f for f in found if f["code"] == "declared-value-mismatch" and f["sheet"] == "Répartition"
                and int(f["cell"][1:]) in rows_held]


def table_rows(grid, header_row: int) -> set[int]:
    """Excel rows of the activity rows under a Répartition header (until the first blank row)."""
    out, r = set(), header_row + 1
    while r <= len(grid) and grid[r - 1] and grid[r - 1][0]:
        out.add(r)
        r += 1
    return out


def test_unreadable_planning_time_is_named_in_the_held_comparison(tmp_path):
    grid = sheet_rows(WORKBOOKS / EQUIPE, "Planning Doris")
    text = grid[3][2]
    assert "9h15 à 11h30" in text
    broken = text.replace("9h15 à 11h30", "9h15 à 11h65")
    found = verify(copy_team(tmp_path / "c", {EQUIPE: {"Planning Doris": {"C4": broken}}}))
    assert ("invalid-time", "Planning Doris", "C4") in alarms(found)
    held = cells(found, "declared-not-compared", "Répartition")
    assert "Planning Doris!C4" in held["A1"]["message"]
    assert not cells(found, "declared-value-mismatch", "Répartition")
