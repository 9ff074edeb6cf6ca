"""The same workbooks read live through xlwings (its remote engine, as Excel would send them) give the same
findings at the same cells as the files read with python-calamine."""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import AM, SUIVI, WORKBOOKS, copy_team
from excel_payload import live_book
from xlsx_edit import sheet_rows


@pytest.fixture(autouse=True)
def noncommercial(monkeypatch):
    # xlwings' remote engine is PolyForm Noncommercial, which covers government institutions such as this one
    monkeypatch.setenv("XLWINGS_LICENSE_KEY", "noncommercial")


def where_found(findings, workbook):
    return {(f.code, f.sheet, f.cell, f.severity) for f in findings if f.workbook == workbook}


@pytest.mark.parametrize("workbook", [SUIVI, AM])
def test_live_book_gives_the_same_findings_as_the_file(tmp_path, workbook):
    from rpe_xl.read import load
    from rpe_xl.read.dataset import load_sources
    from rpe_xl.read.source import BookSource, CalamineSource
    from rpe_xl.validate import run_checks

    # a fault typed in the copy, so that the comparison is not between two empty lists
    edits = {SUIVI: {"Contacts familles": {"F14": "Liettes", "A9": 4}},
             AM: {"Listing AM": {"J5": "quatre", "G9": "06 12 34"}}}[workbook]
    folder = copy_team(tmp_path / "c", {workbook: edits})
    from_file = run_checks(load([folder]))
    others = [CalamineSource(p) for p in sorted(folder.glob("*.xlsx")) if p.name != workbook]
    live = run_checks(load_sources([BookSource(live_book(folder / workbook)), *others]))
    assert where_found(live, workbook) == where_found(from_file, workbook)
    assert len(where_found(from_file, workbook)) >= 2


def test_live_grid_keeps_the_cell_addresses():
    from rpe_xl.read.source import BookSource

    source = BookSource(live_book(WORKBOOKS / SUIVI))
    rows = sheet_rows(WORKBOOKS / SUIVI, "Contacts familles")
    grid = source.grid("Contacts familles")
    assert grid[3][:3] == rows[3][:3]                      # header on row 4, from column A
    assert grid[4][1] == dt.datetime.combine(rows[4][1], dt.time())   # B5: a real date, as Excel sends it
    assert len(grid) == len(rows)
