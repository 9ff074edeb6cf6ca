"""Planning slots typed without their times, and the rows of *Correspondance activités*: each fault is reported at
its own cell, and what is computed from it (the day's TOTAL, the hours against the ETP, the Répartition) waits
with an info instead of accusing other cells."""

from __future__ import annotations

import re

import pytest
from conftest import EQUIPE, WORKBOOKS, copy_team, new_findings, verify, where
from xlsx_edit import set_formula_errors, sheet_rows

from rpe_xl.read.planning_cell import parse_cell

DORIS, MAUREEN, CORR = "Planning Doris", "Planning Maureen", "Correspondance activités"
_RANGE = re.compile(r"\d+[hH]\d*\s*à\s*\d+[hH]\d*\s*")


def alarms(findings) -> set[tuple]:
    return {(f["code"], f["sheet"], f["cell"]) for f in findings if f["severity"] != "info"}


def infos(findings) -> set[tuple]:
    return {(f["code"], f["sheet"], f["cell"]) for f in findings if f["severity"] == "info"}


def _grid(sheet: str) -> list[list]:
    return sheet_rows(WORKBOOKS / EQUIPE, sheet)


def _addr(r: int, c: int) -> str:
    return f"{chr(65 + c)}{r + 1}"


def _total_row(grid) -> int:
    return next(r for r, row in enumerate(grid) if str(row[0]).strip().upper().startswith("TOTAL"))


def _equipe_total_hours_cell() -> str:
    team = _grid("Équipe")
    header = next(r for r, row in enumerate(team) if "Heures hebdo" in row)
    col = team[header].index("Heures hebdo")
    return _addr(next(r for r, row in enumerate(team) if str(row[0]).startswith("Total")), col)


def _one_block_cell(sheet: str) -> tuple[str, str, str]:
    """(cell, text, TOTAL cell of its day) of a weekday cell holding a single block « HHhMM à HHhMM activité »."""
    grid = _grid(sheet)
    for r, row in enumerate(grid[:_total_row(grid)]):
        for c, text in enumerate(row[1:6], start=1):
            if isinstance(text, str) and "\n" not in text and len(_RANGE.findall(text)) == 1 and text[0].isdigit():
                return _addr(r, c), text, _addr(_total_row(grid), c)
    raise AssertionError(sheet)


# --- the cell parser keeps text without times apart ------------------------------------------------------

def test_text_without_times_that_continues_no_block_is_kept_apart():
    between = parse_cell("8h30 à 9h15 déplacement\nAnimation Collective\n11h30 à 12h retour")
    assert between.untimed == ["Animation Collective"] and [b.hours for b in between.blocks] == [0.75, 0.5]
    assert parse_cell("Administratif").untimed == ["Administratif"]
    above = parse_cell("Administratif\n8h30 à 12h Information")
    assert above.untimed == ["Administratif"]


@pytest.mark.parametrize("text", ["8h30 à 9h15 déplacement\n9h15 à 11h30\nAnimation Collective\n11h30 à 12h retour",
                                  "13H30 à 17H travail en réseau et partenariat\n(rencontres, réunion, CTG)",
                                  "8h30 à 12h\nInformation/ Permanence\nMail", "Mission observatoire\nde 8h30 à 12h"])
def test_a_line_continuing_a_block_is_its_activity(text):
    parsed = parse_cell(text)
    assert parsed.untimed == [] and parsed.blocks and all(b.activity for b in parsed.blocks)


# --- a slot without times in a copy of the plannings ---------------------------------------------------

def test_activity_typed_without_times_is_reported_at_its_cell(tmp_path):
    cell, text, total = _one_block_cell(DORIS)
    label = _RANGE.sub("", text).strip()
    assert label and label != text
    found = new_findings(copy_team(tmp_path / "c", {EQUIPE: {DORIS: {cell: label}}}))
    assert alarms(found) == {("planning-slot-without-time", DORIS, cell)}
    assert ("planning-total-mismatch", DORIS, total) not in where(found)  # the day's TOTAL waits
    assert not [f for f in found if f["code"] == "etp-hours-mismatch"]   # so does hours against ETP
    assert ("declared-not-compared", "Répartition", "A1") in infos(found)
    assert f"{DORIS}!{cell}" in next(f["message"] for f in found if f["sheet"] == "Répartition")
    assert ("declared-not-compared", "Équipe", _equipe_total_hours_cell()) in infos(found)


def test_line_between_two_blocks_is_a_slot_without_times(tmp_path):
    grid = _grid(DORIS)
    r, c, text = next((r, c, v) for r, row in enumerate(grid) for c, v in enumerate(row)
                      if isinstance(v, str) and v.count("\n") == 2 and "9h15 à 11h30 " in v)
    edits = {EQUIPE: {DORIS: {_addr(r, c): text.replace("9h15 à 11h30 ", "")}}}
    found = new_findings(copy_team(tmp_path / "c", edits))
    assert alarms(found) == {("planning-slot-without-time", DORIS, _addr(r, c))}


def test_note_on_a_day_off_is_not_a_slot_but_an_activity_is(tmp_path):
    """Maureen does not work one weekday (TOTAL 0H): a note there is no slot; an activity of the table is."""
    grid = _grid(MAUREEN)
    t = _total_row(grid)
    c = next(c for c in range(1, 6) if str(grid[t][c]).strip().upper() in ("0H", "0"))
    cell = _addr(t - 2, c)
    assert not grid[t - 2][c] and not grid[t - 1][c]
    keyword = next(r[0] for r in _grid(CORR)[4:] if r[1] == "Administratif")
    note = new_findings(copy_team(tmp_path / "a", {EQUIPE: {MAUREEN: {cell: "Jour non travaillé"}}}))
    assert alarms(note) == set()
    slot = new_findings(copy_team(tmp_path / "b", {EQUIPE: {MAUREEN: {cell: keyword}}}))
    assert alarms(slot) == {("planning-slot-without-time", MAUREEN, cell)}


def test_team_sentences_without_times_are_not_slots():
    saturday = [v for name in ("Planning Mélanie", DORIS) for row in _grid(name)[:6] for v in row[6:7]
                if isinstance(v, str) and v.strip()]
    assert saturday and not any(_RANGE.search(v) for v in saturday)  # text without times is there
    assert not [f for f in verify(WORKBOOKS) if f["code"] == "planning-slot-without-time"]


# --- Correspondance activités: a broken row is one finding, not one per planning block -----------------

def _corr_row(category: str) -> int:
    """Excel row of the first keyword of ``category`` that the plannings use."""
    texts = " ".join(str(v) for name in ("Planning Mélanie", DORIS) for row in _grid(name) for v in row).lower()
    return next(r + 1 for r, row in enumerate(_grid(CORR)) if row[1] == category and str(row[0]).lower() in texts)


@pytest.mark.parametrize("fault", ["#N/A", "voir avec Julie", "empty category"])
def test_broken_correspondance_row_is_reported_at_its_cell_only(tmp_path, fault):
    r = _corr_row("Observation")
    folder = copy_team(tmp_path / "c", {EQUIPE: {CORR: {f"B{r}": None}}} if fault == "empty category" else
                       {EQUIPE: {CORR: {f"A{r}": "voir avec Julie"}}} if fault.startswith("voir") else None)
    if fault == "#N/A":
        set_formula_errors(folder / EQUIPE, CORR, {f"A{r}": "#N/A"})
    cell = f"B{r}" if fault == "empty category" else f"A{r}"
    found = new_findings(folder)
    assert len(alarms(found)) == 1 and {(s, c) for _, s, c in alarms(found)} == {(CORR, cell)}
    assert not [f for f in found if f["code"] == "unknown-activity"]
    assert ("reference-not-checked", CORR, cell) in infos(found)
    assert ("declared-not-compared", "Répartition", "A1") in infos(found)


def test_a_block_without_keyword_is_still_reported_when_the_table_is_sound(tmp_path):
    cell, text, _ = _one_block_cell(DORIS)
    edits = {EQUIPE: {DORIS: {cell: _RANGE.match(text).group(0) + "Bricolage"}}}
    found = new_findings(copy_team(tmp_path / "c", edits))
    assert alarms(found) == {("unknown-activity", DORIS, cell)}
