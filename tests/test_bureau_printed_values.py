"""Bureau values the deliberation prints: séance date against the file name, convocation and
sous-préfecture dates against the séance, dates typed as text, a rubric typed twice, a date in « À partir de la
question », a signatory who is not a member. Each fault is reported once, at its cell, and nothing else is new.

Rows, names and dates are read from the cells with python-calamine (``sheet_rows``), not from the code under test.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from docx import Document

from conftest import BUREAU, WORKBOOKS, copy_team, new_findings, run, verify, where
from xlsx_edit import sheet_rows

SRC = WORKBOOKS / BUREAU


def bureau_copy_findings(tmp_path: Path, edits: dict) -> list[dict]:
    """Findings new against the team's workbooks when the Bureau workbook of a copy gets ``edits``."""
    return new_findings(copy_team(tmp_path / "copie", {BUREAU: edits}))


def _row_of(sheet: str, label: str) -> int:
    """Excel row of the rubric ``label`` (column A) of a key/value sheet."""
    rows = sheet_rows(SRC, sheet)
    return next(r + 1 for r, row in enumerate(rows) if str(row[0]).strip() == label)


def _column_of(sheet: str, header: str) -> str:
    rows = sheet_rows(SRC, sheet)
    for row in rows[:10]:
        for c, v in enumerate(row):
            if str(v).strip() == header:
                return chr(ord("A") + c)
    raise AssertionError(header)


def _file_day() -> dt.date:
    y, m, d = map(int, re.search(r"(\d{4})-(\d{2})-(\d{2})", BUREAU).groups())
    return dt.date(y, m, d)


def _docx_text(path: Path) -> str:
    return "\n".join(p.text for p in Document(str(path)).paragraphs)


def test_team_workbooks_have_none_of_these_findings():
    assert not [k for k in where(verify(WORKBOOKS))
                if k[0] in ("date-out-of-period", "date-order", "invalid-number", "unknown-member", "duplicate-key")
                and k[1] in ("Séance", "Présences", "Délibérations", "Contexte RPE")]


def test_seance_date_disagreeing_with_file_name_is_a_warning_at_the_date(tmp_path):
    row = _row_of("Séance", "Date")
    wrong = _file_day().replace(year=_file_day().year - 1)
    new = bureau_copy_findings(tmp_path, {"Séance": {f"B{row}": wrong}})
    assert where(new) == {("date-out-of-period", "Séance", f"B{row}")}
    assert new[0]["severity"] == "avertissement"


def test_convocation_after_the_seance_is_reported_at_the_convocation(tmp_path):
    row = _row_of("Séance", "Date de convocation")
    new = bureau_copy_findings(tmp_path, {"Séance": {f"B{row}": _file_day() + dt.timedelta(days=1)}})
    assert where(new) == {("date-order", "Séance", f"B{row}")}


def test_text_date_in_seance_is_read_with_an_info_and_printed(tmp_path):
    row, day = _row_of("Séance", "Date"), _file_day()
    typed = day.strftime("%d/%m/%y")
    new = bureau_copy_findings(tmp_path, {"Séance": {f"B{row}": typed}})
    assert where(new) == {("value-repaired", "Séance", f"B{row}")}
    target = tmp_path / "sortie" / "delib.docx"
    question = int(next(r[0] for r in sheet_rows(SRC, "Délibérations")[4:] if isinstance(r[0], float)))
    code, _, err = run("deliberation", str(tmp_path / "copie"), "--question", str(question), "--sortie", str(target))
    assert code == 0, err
    text = _docx_text(target)
    assert "[à compléter" not in text and f"{day.day} septembre {day.year}" in text


def test_text_date_in_contexte_is_read_with_an_info(tmp_path):
    row = _row_of("Contexte RPE", "Agrément en vigueur jusqu'au")
    value = sheet_rows(SRC, "Contexte RPE")[row - 1][1]
    new = bureau_copy_findings(tmp_path, {"Contexte RPE": {f"B{row}": value.strftime("%d/%m/%y")}})
    assert where(new) == {("value-repaired", "Contexte RPE", f"B{row}")}


def test_impossible_date_in_a_date_rubric_is_an_error(tmp_path):
    row = _row_of("Contexte RPE", "Date de la commission")
    new = bureau_copy_findings(tmp_path, {"Contexte RPE": {f"B{row}": "31/02/2025"}})
    assert where(new) == {("invalid-date", "Contexte RPE", f"B{row}")}


def test_rubric_typed_twice_is_reported_on_the_second(tmp_path):
    last = len(sheet_rows(SRC, "Séance"))
    new = bureau_copy_findings(tmp_path, {"Séance": {f"A{last + 1}": "Date", f"B{last + 1}": _file_day()}})
    assert where(new) == {("duplicate-key", "Séance", f"A{last + 1}")}


def test_text_count_of_communes_is_not_compared(tmp_path):
    rows = sheet_rows(SRC, "Contexte RPE")
    r = next(i + 1 for i, row in enumerate(rows) if str(row[0]).startswith("Communes couvertes"))
    new = bureau_copy_findings(tmp_path, {"Contexte RPE": {f"B{r}": f"{int(rows[r - 1][1])} communes"}})
    assert where(new) == {("declared-not-compared", "Contexte RPE", f"B{r}")}


def test_date_in_arrival_question_is_an_error_at_the_cell_and_never_printed(tmp_path):
    col = _column_of("Présences", "À partir de la question")
    rows = sheet_rows(SRC, "Présences")
    r = next(i + 1 for i, row in enumerate(rows) if i > 3 and isinstance(row[ord(col) - 65], float))
    day = dt.date(2025, 1, int(rows[r - 1][ord(col) - 65]))  # what Excel makes of « 25/1 »
    serial = (day - dt.date(1899, 12, 30)).days
    new = bureau_copy_findings(tmp_path, {"Présences": {f"{col}{r}": day}})
    assert ("invalid-number", "Présences", f"{col}{r}") in where(new)
    assert [f for f in new if f["severity"] == "erreur"] == [f for f in new if f["cell"] == f"{col}{r}"]
    assert all(f["code"] == "declared-not-compared" for f in new if f["cell"] != f"{col}{r}")
    target = tmp_path / "sortie" / "delib.docx"
    question = int(next(row[0] for row in sheet_rows(SRC, "Délibérations")[4:] if isinstance(row[0], float)))
    code, _, _ = run("deliberation", str(tmp_path / "copie"), "--question", str(question), "--sortie", str(target))
    assert code == 1 and not target.exists()
    run("deliberation", str(tmp_path / "copie"), "--question", str(question), "--sortie", str(target), "--forcer")
    assert str(serial) not in _docx_text(target)


def test_reception_before_the_seance_is_reported_at_the_cell(tmp_path):
    col = _column_of("Délibérations", "Date réception sous-préfecture")
    new = bureau_copy_findings(tmp_path, {"Délibérations": {f"{col}5": _file_day() - dt.timedelta(days=1)}})
    assert where(new) == {("date-order", "Délibérations", f"{col}5")}


def test_signatory_not_a_member_gets_the_closest_member(tmp_path):
    col = _column_of("Délibérations", "Signataire")
    signed = sheet_rows(SRC, "Délibérations")[4][ord(col) - 65]
    name, quality = signed.split(",", 1)
    last = name.split()[0]
    first = next(r[1] for r in sheet_rows(SRC, "Membres")[4:] if r[0] == last)
    short = f"{last} {first.split('-')[0]},{quality}"
    new = bureau_copy_findings(tmp_path, {"Délibérations": {f"{col}5": short}})
    assert where(new) == {("unknown-member", "Délibérations", f"{col}5")}
    assert new[0]["expected"] == f"{last} {first}"
