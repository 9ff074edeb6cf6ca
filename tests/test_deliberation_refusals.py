"""`rpe-xl deliberation` refuses a text that would contradict its workbook: a warning on a value the deliberation
prints (séance date against the file name, the séance's declared counts, a communes count of *Contexte RPE*)
refuses the document like an error, ``--forcer`` writes it with the visible warning; a SIRET whose check key is
wrong is refused for the SCDL export.

Cells are located by reading the workbooks (``sheet_rows``), not from the code under test.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from docx import Document

from conftest import BUREAU, TERRITOIRE, WORKBOOKS, run
from xlsx_edit import sheet_rows


pytestmark = pytest.mark.usefixtures("work_folder")


def row_of(sheet: str, label: str) -> int:
    return next(r for r, row in enumerate(sheet_rows(WORKBOOKS / BUREAU, sheet), start=1)
                if str(row[0]).strip() == label)


def file_day() -> dt.date:
    return dt.date(*map(int, re.search(r"(\d{4})-(\d{2})-(\d{2})", BUREAU).groups()))


def deliberation(folder: Path, out: Path, *extra: str) -> tuple[int, str, str]:
    return run("deliberation", str(folder), "--sortie", str(out), *extra)


def first_paragraph(path: Path) -> str:
    return Document(str(path)).paragraphs[0].text


def test_team_workbooks_give_the_document(tmp_path):
    out = tmp_path / "d.docx"
    code, _, err = deliberation(WORKBOOKS, out)
    assert code == 0 and out.exists(), err
    assert not first_paragraph(out).startswith("ATTENTION")


def seance_date_copy(team_copy) -> tuple[Path, str]:
    row = row_of("Séance", "Date")
    return team_copy({BUREAU: {"Séance": {f"B{row}": file_day() + dt.timedelta(days=1)}}}), f"Séance!B{row}"


def declared_count_copy(team_copy) -> tuple[Path, str]:
    row = row_of("Séance", "Présents (feuille de présence)")
    declared = sheet_rows(WORKBOOKS / BUREAU, "Séance")[row - 1][1]
    return team_copy({BUREAU: {"Séance": {f"B{row}": int(declared) - 2}}}), f"Séance!B{row}"


def communes_count_copy(team_copy) -> tuple[Path, str]:
    rows = sheet_rows(WORKBOOKS / BUREAU, "Contexte RPE")
    row = next(r for r, x in enumerate(rows, start=1) if str(x[0]).startswith("Communes couvertes au"))
    return team_copy({BUREAU: {"Contexte RPE": {f"B{row}": int(rows[row - 1][1]) + 5}}}), f"Contexte RPE!B{row}"


@pytest.mark.parametrize("make", [seance_date_copy, declared_count_copy, communes_count_copy],
                         ids=["date-vs-file-name", "declared-count", "communes-count"])
def test_warning_on_a_printed_value_refuses_the_document(team_copy, tmp_path, make):
    folder, cell = make(team_copy)
    out = tmp_path / "d.docx"
    code, stdout, err = deliberation(folder, out)
    assert code == 1 and not out.exists()
    assert "AVERT." in stdout and cell in err and "Délibération non produite" in err
    code, _, err = deliberation(folder, out, "--forcer")
    assert out.exists(), err
    warning = first_paragraph(out)
    assert warning.startswith("ATTENTION") and "avertissement" in warning and cell in warning


def test_unknown_commune_of_the_territory_refuses_the_document(team_copy, tmp_path):
    """The communes the text prints come from the *Communes* sheet: one the tool cannot check refuses it too."""
    rows = sheet_rows(WORKBOOKS / TERRITOIRE, "Communes")
    header = next(i for i, r in enumerate(rows) if "Commune" in r)
    col = chr(ord("A") + rows[header].index("Commune"))
    cell = f"{col}{header + 2}"
    folder = team_copy({TERRITOIRE: {"Communes": {cell: "Zzville-sur-Rien"}}})
    out = tmp_path / "d.docx"
    code, _, err = deliberation(folder, out)
    assert code == 1 and not out.exists()
    assert "Communes" in err and cell in err
    code, _, err = deliberation(folder, out, "--forcer")
    assert out.exists() and first_paragraph(out).startswith("ATTENTION"), err


# --- SIRET of the SCDL export ------------------------------------------------------------------------------------
@pytest.mark.parametrize("siret", ["20007246000013", "35600000049837"], ids=["luhn", "la-poste"])
def test_valid_siret_is_accepted(tmp_path, siret):
    out = tmp_path / "d.csv"
    code, _, err = run("deliberation", str(WORKBOOKS), "--scdl", str(out), "--siret", siret)
    assert code == 0 and out.exists(), err


@pytest.mark.parametrize("siret", ["20007246000011", "35600000049838", "20007246100013"])
def test_siret_with_a_wrong_key_is_refused(tmp_path, siret):
    out = tmp_path / "d.csv"
    code, _, err = run("deliberation", str(WORKBOOKS), "--scdl", str(out), "--siret", siret)
    assert code == 2 and not out.exists()
    assert f"SIRET « {siret} » invalide" in err and "clé de contrôle" in err


def test_siret_of_the_configuration_file_is_checked_too(tmp_path, work_folder):
    (work_folder / "rpe-xl.toml").write_text('[collectivite]\nnom = "CA"\nsiret = "20007246000011"\n',
                                               encoding="utf-8")
    out = tmp_path / "d.csv"
    code, _, err = run("deliberation", str(WORKBOOKS), "--scdl", str(out))
    assert code == 2 and not out.exists()
    assert "clé de contrôle" in err and "rpe-xl.toml" in err
