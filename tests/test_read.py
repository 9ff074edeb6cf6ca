"""Reading layer: header detection, tolerant columns and sheet names, table ends, typed repairs, parsers.

Expected values are read independently with python-calamine or written by the test itself.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest

from conftest import AM, BUDGET, EQUIPE, SUIVI, TERRITOIRE, WORKBOOKS, verify
from xlsx_edit import edit_workbook, sheet_rows
from rpe_xl.read import load
from rpe_xl.read.coerce import parse
from rpe_xl.read.dataset import load_sources
from rpe_xl.read.source import MemorySource
from rpe_xl.text import norm

PROS_HEADERS = ["N°", "Date", "Animatrice", "Public", "Code AM", "Canal", "Motif"]


def pros_row(n: int) -> list:
    return [n, dt.date(2025, 1, 2 + n), "BAUSSART Maureen", "Assistant maternel", f"AM-{n:04d}", "Mail",
            "Information relative à l'exercice du métier"]


def grid_of(path: Path, sheet: str) -> list[list]:
    return sheet_rows(path, sheet)


def at(findings, code=None, sheet=None, cell=None):
    """Findings objects (reading layer) matching code/sheet/cell."""
    return [f for f in findings if (code is None or f.code == code) and (sheet is None or f.sheet == sheet)
            and (cell is None or f.cell == cell)]


def rename_sheet(src: Path, dst: Path, old: str, new: str) -> Path:
    """Copy a workbook renaming one sheet (only the tab name in xl/workbook.xml)."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "xl/workbook.xml":
                text = data.decode("utf-8")
                assert f'name="{old}"' in text
                data = text.replace(f'name="{old}"', f'name="{new}"').encode("utf-8")
            zout.writestr(item, data)
    return dst


@pytest.fixture(scope="module")
def team():
    return load([WORKBOOKS])


# --- header row -----------------------------------------------------------------------------------------

def test_header_on_row_1_and_row_4_in_team_files(team):
    pros = grid_of(WORKBOOKS / SUIVI, "Contacts pros")
    familles = grid_of(WORKBOOKS / SUIVI, "Contacts familles")
    assert pros[0][0] == "N°" and familles[3][0] == "N°"  # the layout the guide describes
    tp, tf = team.table("suivi", "contacts_pros"), team.table("suivi", "contacts_familles")
    assert (tp.header_row, tp.rows[0], tp.cell(0, "date")) == (1, 2, "B2")
    assert (tf.header_row, tf.rows[0], tf.cell(0, "date")) == (4, 5, "B5")
    assert team.table("assistants_maternels", "listing_am").header_row == 1
    # every record of the sheet is read: rows whose first cell holds a number
    assert len(tp) == sum(1 for row in pros[1:] if isinstance(row[0], float))
    assert len(tf) == sum(1 for row in familles[4:] if isinstance(row[0], float))


def test_header_below_a_longer_title_block():
    grid = [["Contacts professionnels – 2025"], ["Période : du 01/01/2025 au 30/06/2025"], [],
            ["Note : une ligne par contact"], ["Saisie : équipe"], [], PROS_HEADERS, pros_row(1), pros_row(2)]
    data = load_sources([MemorySource("suivi.xlsx", {"Contacts pros": grid})])
    table = data.table("suivi", "contacts_pros")
    assert table.header_row == 7
    assert table.rows == [8, 9]
    assert table.cell(1, "am_code") == "E9"
    assert list(table.df["am_code"]) == ["AM-0001", "AM-0002"]


def test_columns_found_by_header_text_wherever_they_stand():
    headers = ["motif", "Remarque perso", "CODE  AM", "date", "Animatrice ", "N°", "Canal", "PUBLIC"]
    rows = []
    for n in (1, 2, 3):
        r = pros_row(n)
        rows.append([r[6], "à revoir", r[4], r[1], r[2], r[0], r[5], r[3]])
    data = load_sources([MemorySource("suivi.xlsx", {"Contacts pros": [headers, *rows]})])
    table = data.table("suivi", "contacts_pros")
    letters = {name: table.letter(name) for name in ("motif", "am_code", "date", "animatrice", "number", "public")}
    assert letters == {"motif": "A", "am_code": "C", "date": "D", "animatrice": "E", "number": "F", "public": "H"}
    assert table.cell(2, "am_code") == "C4"
    assert list(table.df["number"]) == [1, 2, 3]
    # the unknown column is kept aside and ignored: not in the DataFrame, no finding about it
    assert table.extra_columns == {"Remarque perso": 2}
    assert "Remarque perso" not in table.df.columns
    assert not [f for f in data.findings if f.sheet == "Contacts pros" and (f.cell or "").startswith("B")]
    assert not at(data.findings, "missing-column")


def test_renamed_headers_in_a_team_copy_still_found(tmp_path):
    # G1 "Motif" -> "MOTIF  " and E1 "Code AM" -> "code  am": same columns, no finding
    dst = edit_workbook(WORKBOOKS / SUIVI, tmp_path / SUIVI, {"Contacts pros": {"G1": "MOTIF  ", "E1": "code  am"}})
    data = load([dst])
    table = data.table("suivi", "contacts_pros")
    assert (table.letter("motif"), table.letter("am_code")) == ("G", "E")
    assert not at(data.findings, "missing-column")
    assert table.df["am_code"].iloc[0] == grid_of(dst, "Contacts pros")[1][4]


def test_missing_required_column(tmp_path):
    dst = edit_workbook(WORKBOOKS / SUIVI, tmp_path / SUIVI, {"Contacts pros": {"F1": "Moyen"}})
    data = load([dst])
    assert [(f.code, f.severity, f.cell) for f in at(data.findings, "missing-column", "Contacts pros")] == \
        [("missing-column", "erreur", "A1")]
    table = data.table("suivi", "contacts_pros")
    assert "channel" in table.missing and table.df["channel"].isna().all()
    assert table.extra_columns == {"Moyen": 6}


def test_missing_optional_column_is_not_a_finding(tmp_path):
    dst = edit_workbook(WORKBOOKS / SUIVI, tmp_path / SUIVI, {"Contacts familles": {"M4": None}})
    data = load([dst])
    assert not at(data.findings, "missing-column")
    assert "observations" in data.table("suivi", "contacts_familles").missing


# --- sheet names ----------------------------------------------------------------------------------------

def test_sheet_name_case_accents_spaces_read_silently(tmp_path):
    dst = rename_sheet(WORKBOOKS / SUIVI, tmp_path / SUIVI, "Séances", "SEANCES ")
    data = load([dst])
    assert len(data.table("suivi", "seances")) == len(load([WORKBOOKS / SUIVI]).table("suivi", "seances"))
    assert not at(data.findings, "missing-sheet") and not at(data.findings, "sheet-renamed")


def test_sheet_name_close_match_is_an_info(tmp_path):
    dst = rename_sheet(WORKBOOKS / SUIVI, tmp_path / SUIVI, "Contacts familles", "Contacts famille")
    data = load([dst])
    found = at(data.findings, "sheet-renamed")
    assert [(f.severity, f.sheet) for f in found] == [("info", "Contacts famille")]
    assert data.table("suivi", "contacts_familles").sheet == "Contacts famille"


def test_missing_sheet(tmp_path):
    dst = rename_sheet(WORKBOOKS / AM, tmp_path / AM, "EAJE", "Brouillon")
    data = load([dst])
    assert [(f.code, f.workbook) for f in at(data.findings, "missing-sheet")] == [("missing-sheet", AM)]
    assert data.table("assistants_maternels", "eaje") is None
    assert data.table("assistants_maternels", "listing_am") is not None  # the rest is still read


# --- where a table ends ---------------------------------------------------------------------------------

def test_blank_row_inside_a_table_is_skipped(tmp_path):
    before = grid_of(WORKBOOKS / SUIVI, "Contacts familles")
    n_records = sum(1 for row in before[4:] if isinstance(row[0], float))
    blank = {f"{c}50": None for c in "ABCDEFGHIJKLMN"}
    dst = edit_workbook(WORKBOOKS / SUIVI, tmp_path / SUIVI, {"Contacts familles": blank})
    table = load([dst]).table("suivi", "contacts_familles")
    assert 50 not in table.rows
    assert len(table) == n_records - 1
    assert table.rows[-1] == len(before)  # rows below the gap still read, to the last one
    i = table.rows.index(51)
    assert table.df["family"].iloc[i] == before[50][4]


@pytest.mark.parametrize("shape", ["rectangular", "ragged"])
def test_row_of_spaces_is_a_blank_row(shape):
    """A row whose cells hold only spaces is blank (skipped, the rows below it still read), whether the grid is
    rectangular as calamine gives it or has short rows (a live book, a test grid)."""
    spaces = [" ", "   ", "\u00a0", " ", "", " ", " "]
    g = [PROS_HEADERS, pros_row(1), pros_row(2), spaces, pros_row(3), pros_row(4)]
    if shape == "ragged":
        g[2] = g[2][:5]  # Canal and Motif left empty at the end of the row
    t = load_sources([MemorySource("s.xlsx", {"Contacts pros": g})]).table("suivi", "contacts_pros")
    assert t.rows == [2, 3, 5, 6]
    assert list(t.df["number"]) == [1, 2, 3, 4]
    assert t.df["channel"].iloc[1] == (None if shape == "ragged" else "Mail")


def test_total_row_ends_the_table(team):
    grid = grid_of(WORKBOOKS / AM, "MAM")
    total_idx = next(i for i, row in enumerate(grid) if norm(row[0]) == "total")
    table = team.table("assistants_maternels", "mam")
    assert table.total_row == total_idx + 1
    assert max(table.rows) < table.total_row
    assert table.total_values["am_count"] == grid[total_idx][2]  # cached value of the formula
    assert table.total_cell("am_count") == f"C{total_idx + 1}"
    # rows typed under a TOTAL row are not records
    g = [PROS_HEADERS, pros_row(1), ["TOTAL", None, None, None, None, None, None], pros_row(9)]
    t = load_sources([MemorySource("s.xlsx", {"Contacts pros": g})]).table("suivi", "contacts_pros")
    assert (t.rows, t.total_row) == ([2], 3)


@pytest.mark.parametrize("path,sheet,key,label", [
    (BUDGET, "Hypothèses", ("budget", "hypotheses"), "activite previsionnelle"),
    (TERRITOIRE, "Évolution AM", ("territoire", "evolution_am"), "baisse"),
])
def test_label_block_below_a_table_is_not_records(team, path, sheet, key, label):
    grid = grid_of(WORKBOOKS / path, sheet)
    label_row = next(i for i, row in enumerate(grid) if norm(row[0]) == label) + 1
    first_blank = next(i for i, row in enumerate(grid[4:], start=4) if all(v == "" for v in row)) + 1
    table = team.table(*key)
    assert table.rows == list(range(5, first_blank))
    assert max(table.rows) < label_row


def test_formula_cells_read_through_cached_values(team):
    from openpyxl import load_workbook

    ws = load_workbook(WORKBOOKS / SUIVI, read_only=True).worksheets[2]
    assert ws.title == "Contacts familles"
    assert str(next(ws.iter_rows(min_row=5, max_row=5, values_only=True))[13]).startswith("=")  # N5 is a formula
    table = team.table("suivi", "contacts_familles")
    months = [d.month for d in table.df["date"]]
    assert list(table.df["month"]) == pytest.approx(months)


# --- what people type -----------------------------------------------------------------------------------

def test_typed_repairs_are_info_findings(tmp_path):
    folder = tmp_path / "c"
    edit_workbook(WORKBOOKS / SUIVI, folder / SUIVI, {
        "Contacts familles": {"I5": "oui ", "J5": "OUI", "B6": "12/03/2025", "D7": "Mail  "}})
    edit_workbook(WORKBOOKS / BUDGET, folder / BUDGET, {"Hypothèses": {"C5": "4 160,00"}})
    edit_workbook(WORKBOOKS / EQUIPE, folder / EQUIPE, {"Équipe": {"G5": "31h30"}})
    data = load([folder])
    repaired = {(f.sheet, f.cell): f for f in at(data.findings, "value-repaired")}
    expected = {("Contacts familles", "I5"), ("Contacts familles", "J5"), ("Contacts familles", "B6"),
                ("Contacts familles", "D7"), ("Hypothèses", "C5"), ("Équipe", "G5")}
    assert set(repaired) == expected
    assert all(f.severity == "info" for f in repaired.values())
    assert not [f for f in data.findings if f.severity == "erreur"]
    cf = data.table("suivi", "contacts_familles").df
    assert (cf["atypical_hours"].iloc[0], cf["urgency"].iloc[0]) == ("Oui", "Oui")
    assert cf["date"].iloc[1] == dt.date(2025, 3, 12)
    assert cf["channel"].iloc[2] == "Mail"
    assert data.table("budget", "hypotheses").df["base_amount"].iloc[0] == Decimal("4160.00")
    assert data.table("equipe", "equipe").df["weekly_hours"].iloc[0] == 31.5


def test_team_files_need_no_repair(team):
    assert not at(team.findings, "value-repaired")


def test_text_in_a_number_cell_is_one_finding(team_copy):
    folder = team_copy({SUIVI: {"Contacts pros": {"A10": "dix"}, "Échanges pros": {"D7": "3 personnes"}}})
    findings = verify(folder)
    at_a10 = [(f["code"], f["severity"]) for f in findings if (f["sheet"], f["cell"]) == ("Contacts pros", "A10")]
    at_d7 = [(f["code"], f["severity"]) for f in findings if (f["sheet"], f["cell"]) == ("Échanges pros", "D7")]
    assert at_a10 == [("invalid-number", "erreur")]
    assert at_d7 == [("invalid-number", "erreur")]


def test_text_in_a_date_cell(team_copy):
    folder = team_copy({SUIVI: {"Séances": {"B6": "le 3 mars"}}})
    data = load([folder])
    assert [(f.code, f.cell) for f in at(data.findings, sheet="Séances")] == [("invalid-date", "B6")]
    assert data.table("suivi", "seances").df["date"].iloc[1] is None


# --- parsers (the properties of hours, amounts and dates: test_coerce_properties.py) ----------------------

@pytest.mark.parametrize("text,expected", [("oui", "Oui"), ("OUI", "Oui"), ("Oui ", "Oui"), (" oui", "Oui"),
                                           ("non", "Non"), ("NON ", "Non"), ("Non  ", "Non")])
def test_ouinon_variants(text, expected):
    assert parse("ouinon", text) == (expected, True, None)
    assert parse("ouinon", expected) == (expected, False, None)


def test_formula_error_values():
    assert parse("number", "#DIV/0!").error == "formula-error"
    assert parse("date", "#REF!").error == "formula-error"
    assert re.match(r"^\d", str(parse("amount", "1 234,50 €").value))


def test_prefetch_never_serves_a_file_changed_since_it_was_parsed(tmp_path):
    """Workbooks are parsed in the background at start-up; a file saved again in the meantime is read anew."""
    import os
    import shutil

    from rpe_xl.read import prefetch

    folder = tmp_path / "c"
    folder.mkdir()
    same, changed = folder / "RPE_territoire.xlsx", folder / "RPE_equipe_planning.xlsx"
    shutil.copyfile(WORKBOOKS / same.name, same)
    shutil.copyfile(WORKBOOKS / changed.name, changed)
    prefetch.start([folder])
    prefetch.wait()  # parsed first, then saved again: no race with the background thread
    stat = changed.stat()
    os.utime(changed, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10_000_000_000))  # saved again, 10 s later
    assert prefetch.take(same) is not None
    assert prefetch.take(changed) is None
    assert prefetch.take(same) is None  # taken once


def test_fast_row_count_reads_the_same_records_as_the_cell_by_cell_count(team, monkeypatch):
    """The C-level count of filled cells (large sheets) finds exactly the rows the cell-by-cell count finds."""
    from rpe_xl.read import table_rows

    monkeypatch.setattr(table_rows, "_fast_count", lambda body, cols: None)
    slow = load([WORKBOOKS])
    compared = 0
    for kind, wb in team.workbooks.items():
        for key, t in wb.tables.items():
            s = slow.table(kind, key)
            assert (t.rows, t.total_row) == (s.rows, s.total_row), (kind, key)
            compared += len(t.rows)
    assert compared > 3000
