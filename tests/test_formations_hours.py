"""« Durée (h) » of *Formations AM* typed as a time: 03:00 is 3 hours (an info says to type the number), never
0,125 h; a number below 1 that may be a time or hours (0,5) is refused as ambiguous."""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import SUIVI, WORKBOOKS, new_findings, where
from xlsx_edit import sheet_rows
from rpe_xl.read import load
from rpe_xl.read.dataset import load_sources
from rpe_xl.read.source import MemorySource

SHEET = "Formations AM"
HEADERS = ["Date début", "Intitulé", "Organisme", "Durée (h)", "Nb participants", "Lieu"]


def hours_cells() -> list[str]:
    """Cells of « Durée (h) » of the first records, located by reading the team's sheet."""
    rows = sheet_rows(WORKBOOKS / SUIVI, SHEET)
    header = next(i for i, row in enumerate(rows) if "Durée (h)" in row)
    col = chr(65 + rows[header].index("Durée (h)"))
    return [f"{col}{r}" for r in range(header + 2, header + 6)]


@pytest.fixture(scope="module")
def typed_as_times(tmp_path_factory):
    from conftest import copy_team

    cells = hours_cells()
    values = (0.125, "3:00", "3h30", 0.5)  # a time cell without its format, two texts, an ambiguous number
    folder = copy_team(tmp_path_factory.mktemp("hours"), {SUIVI: {SHEET: dict(zip(cells, values))}})
    return folder, cells


def test_times_are_read_as_hours(typed_as_times):
    folder, _ = typed_as_times
    hours = list(load([folder]).table("suivi", "formations_am").df["hours"])
    assert hours[:3] == [3.0, 3.0, 3.5]
    assert hours[3] != hours[3]  # ambiguous: not read (NaN), reported


def test_each_time_is_one_finding_at_its_cell(typed_as_times):
    folder, cells = typed_as_times
    found = new_findings(folder)
    assert where(found) == {("value-repaired", SHEET, cells[0]), ("value-repaired", SHEET, cells[1]),
                            ("value-repaired", SHEET, cells[2]), ("invalid-time", SHEET, cells[3])}
    severity = {f["cell"]: f["severity"] for f in found}
    assert [severity[c] for c in cells] == ["info", "info", "info", "erreur"]
    assert {f["cell"]: f["expected"] for f in found if f["code"] == "value-repaired"} == {
        cells[0]: 3.0, cells[1]: 3.0, cells[2]: 3.5}


def test_hours_typed_as_numbers_give_no_finding():
    """Twin of the above on the team's sheet: 7 (hours) is read as typed, silently."""
    data = load([WORKBOOKS])
    assert list(data.table("suivi", "formations_am").df["hours"]) == [7.0] * 6
    assert not [f for f in data.findings if f.sheet == SHEET]


def _formations(tmp_path, values: list, number_format: str) -> list:
    """Hours read from a workbook (made here, not a team file) whose « Durée (h) » cells hold ``values`` shown
    with ``number_format``, as Excel saves a time or a duration."""
    from openpyxl import Workbook

    book = Workbook()
    ws = book.active
    ws.title = SHEET
    ws.append(HEADERS)
    for i, value in enumerate(values):
        ws.append([dt.date(2025, 1, 25) + dt.timedelta(days=7 * i), "SST", "GREFO", value, 10, "Lillers"])
        ws.cell(i + 2, 4).number_format = number_format
    path = tmp_path / SUIVI
    book.save(path)
    data = load([path])
    return list(data.table("suivi", "formations_am").df["hours"]), data.findings


@pytest.mark.parametrize("number_format,values,expected", [
    ("h:mm", [0.125, 0.3125], [3.0, 7.5]),
    ("[h]:mm", [1.3125, 0.125], [31.5, 3.0]),
])
def test_time_and_duration_cells_are_hours(tmp_path, number_format, values, expected):
    hours, findings = _formations(tmp_path, values, number_format)
    assert hours == expected
    assert {f.code for f in findings if f.sheet == SHEET} == {"value-repaired"}


def test_a_time_from_a_live_excel_is_hours():
    """xlwings gives a time cell as 30/12/1899 at that time."""
    grid = [HEADERS, [dt.date(2025, 1, 25), "SST", "GREFO", dt.datetime(1899, 12, 30, 3, 30), 10, "Lillers"],
            [dt.date(2025, 2, 1), "SST", "GREFO", 7, 10, "Lillers"]]
    data = load_sources([MemorySource(SUIVI, {SHEET: grid})])
    assert list(data.table("suivi", "formations_am").df["hours"]) == [3.5, 7.0]
    assert [(f.code, f.cell) for f in data.findings if f.sheet == SHEET] == [("value-repaired", "D2")]
