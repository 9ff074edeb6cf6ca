"""Declared versus computed: declared cells contradicted by the data are reported at the declared cell,
with the tolerance of how the figure was typed; expected figures are counted here from the raw rows."""

from __future__ import annotations

from python_calamine import CalamineWorkbook

from conftest import AM, EQUIPE, TERRITOIRE, WORKBOOKS, verify
from xlsx_edit import sheet_rows
from rpe_xl.validate.rules.precision import agrees, tolerance_of

OBS = "Observatoire"


def grid(folder, workbook, sheet):
    return sheet_rows(folder / workbook, sheet)


def listing(folder):
    g = grid(folder, AM, "Listing AM")
    return [dict(zip(g[0], r)) for r in g[1:] if r[0]]


def declared_cells(findings, code="declared-value-mismatch", sheet=None):
    return {f["cell"]: f for f in findings if f["code"] == code and (sheet is None or f["sheet"] == sheet)}


def test_tolerance_follows_how_the_figure_was_typed():
    assert tolerance_of(29) == 0.5 and agrees(29, 28.5, tolerance_of(29)) and agrees(29, 29.5, tolerance_of(29))
    assert not agrees(29, 29.6, tolerance_of(29))
    assert tolerance_of(0.83) == 0.005 and agrees(0.83, 0.8251, 0.005) and not agrees(0.83, 0.8202, 0.005)
    assert tolerance_of(0.1875) == 0.00005


def test_observatoire_acceptance_rows_against_the_listing():
    """Rows 23-26 and 27-30 declare the same four counts; each is checked against the active AM."""
    findings = verify(WORKBOOKS)
    obs = grid(WORKBOOKS, TERRITOIRE, OBS)
    active = [r for r in listing(WORKBOOKS) if r["En activité"] == "Oui"]
    count = {col: sum(r[col] == "Oui" for r in active) for col in ("Périscolaire", "Horaires atypiques", "Urgence", "Handicap")}
    mism = declared_cells(findings, sheet=OBS)
    for row, col in ((23, "Périscolaire"), (24, "Horaires atypiques"), (25, "Urgence"), (26, "Handicap"),
                     (30, "Périscolaire"), (27, "Horaires atypiques"), (28, "Urgence"), (29, "Handicap")):
        declared = obs[row - 1][3]
        assert (f"D{row}" in mism) == (declared != count[col]), row
        if f"D{row}" in mism:
            assert mism[f"D{row}"]["value"] == declared and mism[f"D{row}"]["expected"] == count[col]
    disagree = declared_cells(findings, "declared-values-disagree", OBS)
    for first, second in ((23, 30), (24, 27), (25, 28), (26, 29)):
        assert (f"D{second}" in disagree) == (obs[first - 1][3] != obs[second - 1][3])
    rate = round(len(active) / len(listing(WORKBOOKS)), 4)
    assert ("D22" in mism) == (abs(obs[21][3] - rate) > 0.005 + 1e-9)


def test_changed_declared_figures_in_a_copy(team_copy):
    am = listing(WORKBOOKS)
    agrees_count = len(am)
    c = sum(r["Disponibilités à jour monenfant.fr"] == "Oui" for r in am)
    d = sum(r["Inscrit monenfant.fr"] == "Oui" for r in am)
    rate = c / d * 100
    active = [r for r in am if r["En activité"] == "Oui"]
    folder = team_copy({TERRITOIRE: {OBS: {
        "D13": agrees_count - 1,                 # agréés: one less than the listing
        "D22": round(len(active) / agrees_count, 2),  # taux typed with 2 decimals: right
        "D36": round(rate, 1) + 0.4,             # 1 decimal typed, 0.4 away: wrong
        "D30": sum(r["Périscolaire"] == "Oui" for r in active),  # now agrees with D23 and the data
    }}})
    mism = declared_cells(verify(folder), sheet=OBS)
    assert mism["D13"]["value"] == agrees_count - 1 and mism["D13"]["expected"] == agrees_count
    assert "D22" not in mism and "D30" not in mism
    assert "D36" in mism and abs(mism["D36"]["expected"] - round(rate, 1)) < 1e-9
    disagree = declared_cells(verify(folder), "declared-values-disagree", OBS)
    assert "D30" not in disagree


def _plan_hours(folder):
    """Hours per category of the whole team, counted from the grids with the correspondence table."""
    import re

    corr = grid(folder, EQUIPE, "Correspondance activités")
    keywords = [(r[0].lower(), r[1]) for r in corr[4:] if r[0]]
    blocks: list[list] = []  # [hours, activity text]
    book = CalamineWorkbook.from_path(str(folder / EQUIPE))
    for name in (n for n in book.sheet_names if n.startswith("Planning")):
        g = book.get_sheet_by_name(name).to_python(skip_empty_area=False)
        for row in g[3:5]:
            for text in row[1:]:
                cell: list[list] = []
                for line in str(text).split("\n"):
                    m = re.search(r"(\d+)[hH](\d*) à (\d+)[hH](\d*)", line)
                    if m:
                        h1, m1, h2, m2 = m.groups()
                        cell.append([int(h2) + int(m2 or 0) / 60 - int(h1) - int(m1 or 0) / 60, line])
                    elif cell and line.strip():
                        cell[-1][1] += " " + line
                blocks.extend(cell)
    out: dict[str, float] = {}
    for h, text in blocks:
        cat = next(c for k, c in keywords if k in text.lower())
        out[cat] = out.get(cat, 0.0) + h
    return out


def test_repartition_team_table_against_the_plannings(team_copy):
    hours = _plan_hours(WORKBOOKS)
    total = sum(hours.values())
    rep = grid(WORKBOOKS, EQUIPE, "Répartition")
    findings = declared_cells(verify(WORKBOOKS), sheet="Répartition")
    admin_row = next(i for i, r in enumerate(rep) if r[0] == "Administratif" and isinstance(r[1], float) and r[1] < 1)
    declared_pct = rep[admin_row][1]
    computed = hours["Administratif"] / total
    assert (f"B{admin_row + 1}" in findings) == (abs(declared_pct - computed) > 0.00005)
    folder = team_copy({EQUIPE: {"Répartition": {f"B{admin_row + 1}": round(computed, 4),
                                                 f"C{admin_row + 1}": "30h"}}})
    again = declared_cells(verify(folder), sheet="Répartition")
    assert f"B{admin_row + 1}" not in again
    assert again[f"C{admin_row + 1}"]["value"] == 30 and again[f"C{admin_row + 1}"]["expected"] == hours["Administratif"]


def test_mam_total_row_against_the_listing(team_copy):
    g = grid(WORKBOOKS, AM, "MAM")
    total_row = next(i for i, r in enumerate(g) if r[0] == "Total") + 1
    in_mam = sum(int(r["Places agréées"]) for r in listing(WORKBOOKS) if r["MAM"])
    folder = team_copy({AM: {"MAM": {f"D{total_row}": in_mam + 4}}})
    findings = [f for f in verify(folder) if f["sheet"] == "MAM"]
    # one finding for one fault: the total against its rows (which agree with the listing), not a second one
    assert [(f["code"], f["cell"]) for f in findings] == [("total-mismatch", f"D{total_row}")]
    assert findings[0]["expected"] == in_mam and findings[0]["value"] == in_mam + 4


def test_an_unreadable_source_cell_is_not_a_declared_mismatch(team_copy):
    """Text in a « Places agréées » cell is reported there; the declared place counts that depend on it wait
    (``declared-not-compared``, info) instead of raising false alarms; other comparisons still run."""
    g = grid(WORKBOOKS, AM, "Listing AM")
    col = g[0].index("Places agréées")
    letter = chr(ord("A") + col)
    folder = team_copy({AM: {"Listing AM": {f"{letter}5": "quatre"}}})
    findings = verify(folder)
    obs = {r[0]: f"D{i + 1}" for i, r in enumerate(grid(WORKBOOKS, TERRITOIRE, OBS)) if r and r[0]}
    places_cell = obs["Assistants maternels agréés – nombre de places théoriques"]
    assert ("invalid-number", "Listing AM", f"{letter}5") in {(f["code"], f["sheet"], f["cell"]) for f in findings}
    assert places_cell not in declared_cells(findings, sheet=OBS)
    assert places_cell in declared_cells(findings, "declared-not-compared", sheet=OBS)
    # the activity rate does not read places: still compared (0,83 typed, 146/178 computed)
    assert obs["Taux d'activité (B/A)"] in declared_cells(findings, sheet=OBS)
