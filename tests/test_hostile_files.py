"""Hostile inputs and outputs of the second audit (/work/notes/audit/E.md): no crash, no traceback, and never a
write into a team workbook."""

from __future__ import annotations

import hashlib
import shutil

from conftest import BUDGET, EQUIPE, TERRITOIRE, WORKBOOKS, copy_team, run, verify, where
from xlsx_edit import edit_workbook, sheet_rows


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_sortie_onto_a_team_workbook_is_refused_and_the_file_kept(tmp_path):
    folder = copy_team(tmp_path / "w")
    target = folder / BUDGET
    before = digest(target)
    for command in ("verifier", "indicateurs"):
        code, _, err = run(command, str(folder), "--sortie", str(target))
        assert code == 2 and "classeur de l'équipe" in err and "Traceback" not in err
    code, _, err = run("budget", str(folder), "--sortie", str(target))
    assert code == 2 and "classeur de l'équipe" in err
    # a copy of a team workbook elsewhere is protected too
    elsewhere = tmp_path / "copie.xlsx"
    shutil.copyfile(WORKBOOKS / EQUIPE, elsewhere)
    code, _, _ = run("indicateurs", str(folder), "--sortie", str(elsewhere))
    assert code == 2 and digest(elsewhere) == digest(WORKBOOKS / EQUIPE)
    assert digest(target) == before


def test_sortie_that_cannot_be_written_is_a_french_message(tmp_path):
    folder = copy_team(tmp_path / "w")
    (tmp_path / "dossier.xlsx").mkdir()
    code, _, err = run("verifier", str(folder), "--sortie", str(tmp_path / "dossier.xlsx"))
    assert code == 2 and "Impossible d'écrire" in err and "c'est un dossier" in err
    # the tool's own previous output may be replaced
    out = tmp_path / "controles.xlsx"
    assert run("verifier", str(folder), "--sortie", str(out))[0] == 1
    assert run("verifier", str(folder), "--sortie", str(out))[0] == 1 and out.exists()


def test_a_far_away_cell_leaves_its_sheet_out_and_the_rest_is_checked(tmp_path):
    """One value in XFD1048576 would make the reader allocate 17 billion cells (the process aborts): that sheet
    is left out with a finding at the cell; an empty styled cell there is harmless and read as usual."""
    folder = copy_team(tmp_path / "w", {BUDGET: {"Hypothèses": {"XFD1048576": "x"}}})
    findings = verify(folder)
    assert where(findings, "file-too-large") == {("file-too-large", "Hypothèses", "XFD1048576")}
    assert any(f["workbook"] == TERRITOIRE for f in findings)  # the other workbooks are still checked
    assert any(f["workbook"] == BUDGET and f["sheet"].startswith("BP ") for f in findings)  # and the other sheets
    empty = copy_team(tmp_path / "e", {EQUIPE: {"Équipe": {"XFD1048576": None}}})
    assert not where(verify(empty), "file-too-large")


def test_a_symbolic_link_looping_on_itself_is_a_finding_not_a_crash(tmp_path):
    import os

    folder = copy_team(tmp_path / "w")
    loop = folder / "boucle.xlsx"
    os.symlink(loop, loop)
    code, out, err = run("verifier", str(folder), "--format", "json")
    assert code == 1 and "Traceback" not in err
    import json

    assert any(f["workbook"] == "boucle.xlsx" for f in json.loads(out)["findings"])


def test_the_same_workbook_given_twice_is_read_once(tmp_path):
    folder = copy_team(tmp_path / "w")
    findings = verify(folder, folder / TERRITOIRE, folder)
    assert not where(findings, "duplicate-workbook")
    assert {f["code"] for f in findings} == {f["code"] for f in verify(folder)}


def test_many_rows_below_a_total_give_one_finding(tmp_path):
    grid = sheet_rows(WORKBOOKS / EQUIPE, "Équipe")
    total = next(i for i, row in enumerate(grid, start=1) if str(row[0]).strip().lower().startswith("total"))
    junk = {f"{c}{r}": f"x{r}" for r in range(total + 5, total + 65) for c in "ABCDEFGH"}
    folder = copy_team(tmp_path / "w")
    edit_workbook(WORKBOOKS / EQUIPE, folder / EQUIPE, {"Équipe": junk})
    after = [f for f in verify(folder) if f["code"] == "row-after-table"]
    assert len(after) == 1 and "60 lignes" in after[0]["message"]
