"""The dates at which ``indicateurs`` counts the communes of the perimeter come from the workbooks, never from the
code: the activity period of the suivi workbook (« Période : du … au … »), the agrément requested (*Contexte RPE*
of the Bureau workbook, else the budget's years) and the adhesion and exit dates of the *Communes* sheet.

Cells are found by reading the workbooks (subtitles holding « du … au … », rubrics of *Contexte RPE*).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from python_calamine import CalamineWorkbook

from conftest import BUDGET, BUREAU, SUIVI, TERRITOIRE, WORKBOOKS, copy_team, run
from xlsx_edit import sheet_rows

TEAM_PERIOD = "du 01/01/2025 au 30/06/2025"


def _communes_keys(folder: Path) -> set[str]:
    code, out, _ = run("indicateurs", "--format", "json", str(folder))
    assert code in (0, 1)
    return {k.removeprefix("communes.au_") for k in json.loads(out)["indicateurs"] if k.startswith("communes.au_")}


def _changes() -> set[str]:
    """Adhesion and exit dates of the *Communes* sheet."""
    rows = sheet_rows(WORKBOOKS / TERRITOIRE, "Communes")
    head = next(i for i, r in enumerate(rows) if r and r[0] == "Commune")
    cols = [rows[head].index("Date d'adhésion"), rows[head].index("Date de sortie")]
    return {r[c].isoformat() for r in rows[head + 1:] for c in cols if isinstance(r[c], dt.date)}


def _period_edits(period: str) -> dict[str, dict[str, str]]:
    """Every cell of the suivi workbook's top rows that states the team's period, with ``period`` instead."""
    path = WORKBOOKS / SUIVI
    edits: dict[str, dict[str, str]] = {}
    for sheet in CalamineWorkbook.from_path(str(path)).sheet_names:
        for r, row in enumerate(sheet_rows(path, sheet)[:4]):
            for c, value in enumerate(row):
                if isinstance(value, str) and TEAM_PERIOD in value:
                    edits.setdefault(sheet, {})[f"{chr(ord('A') + c)}{r + 1}"] = value.replace(TEAM_PERIOD, period)
    assert edits
    return edits


def _rubric_cell(path: Path, sheet: str, label: str) -> str:
    rows = sheet_rows(path, sheet)
    return f"B{next(i for i, r in enumerate(rows) if str(r[0]).strip() == label) + 1}"


def test_the_team_workbooks_give_the_bilan_dates():
    """N−1 (1st January 2024), the activity period (01/01/2025, 01/07/2025 the day after its end), the agrément
    requested (01/01/2026, the day after « Agrément en vigueur jusqu'au »), and the adhesion dates."""
    assert _communes_keys(WORKBOOKS) == _changes() | {"2024-01-01", "2025-01-01", "2025-07-01", "2026-01-01"}


def test_another_period_gives_other_dates(tmp_path):
    folder = copy_team(tmp_path / "c", {
        SUIVI: _period_edits("du 01/01/2026 au 30/06/2026"),
        BUREAU: {"Contexte RPE": {_rubric_cell(WORKBOOKS / BUREAU, "Contexte RPE", "Agrément en vigueur jusqu'au"):
                                  dt.date(2026, 12, 31)}}})
    keys = _communes_keys(folder)
    assert keys == _changes() | {"2025-01-01", "2026-01-01", "2026-07-01", "2027-01-01"}
    assert "2024-01-01" not in keys


def test_without_the_bureau_workbook_the_budget_years_give_the_agrement_requested(tmp_path):
    title = next(v for v in sheet_rows(WORKBOOKS / BUDGET, "Hypothèses")[0] if v)
    assert "2026-2030" in title
    folder = copy_team(tmp_path / "c", {BUDGET: {"Hypothèses": {"A1": title.replace("2026-2030", "2027-2031")}}})
    (folder / BUREAU).unlink()
    keys = _communes_keys(folder)
    assert "2027-01-01" in keys and keys == _changes() | {"2024-01-01", "2025-01-01", "2025-07-01", "2027-01-01"}
