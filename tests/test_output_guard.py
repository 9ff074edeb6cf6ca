"""Every file a command writes goes through one guard: never a team workbook (nor a copy of one, whatever its
name), never one of the files read, never a file of another kind than the option writes; a refused target keeps
its bytes and the command ends with code 2. A file that cannot be written is said after the report."""

from __future__ import annotations

import hashlib
import os
import shutil
import zipfile
from pathlib import Path

import click
import pytest

from conftest import BUDGET, EQUIPE, TERRITOIRE, WORKBOOKS, copy_team, run
from rpe_xl.cli import main

# every option that names a file the command writes, with the kinds it accepts; --pdf writes beside the .docx
WRITING = {("verifier", "--sortie"): (".json", ".xlsx"), ("indicateurs", "--sortie"): (".xlsx",),
           ("budget", "--sortie"): (".xlsx",), ("deliberation", "--sortie"): (".docx",),
           ("deliberation", "--scdl"): (".csv",)}
READ_ONLY = {("deliberation", "--modele")}  # a path option that names an input
SIRET = "12345678200010"  # a well-formed SIRET (Luhn keys right), for the SCDL export


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_the_writing_options_are_those_the_guard_knows():
    """A new path option must be added to WRITING (and guarded) or declared as an input: this test fails
    otherwise."""
    found = {(name, param.opts[0]) for name, command in main.commands.items() for param in command.params
             if isinstance(param, click.Option) and isinstance(param.type, click.Path)}
    assert found == set(WRITING) | READ_ONLY


def _invocations(folder: Path, elsewhere: Path) -> list[tuple[list[str], Path]]:
    """(arguments, protected file) for every writing option of every command: the team workbook itself (inside
    the folder read), and a copy of a team workbook outside it, named with the extension the option accepts."""
    cases = []
    for (command, option), kinds in WRITING.items():
        extra = ["--siret", SIRET] if option == "--scdl" else []
        cases.append(([command, str(folder), option, str(folder / EQUIPE), *extra], folder / EQUIPE))
        for kind in kinds:
            copy = elsewhere / f"{command}{option}{kind}"
            shutil.copyfile(WORKBOOKS / TERRITOIRE, copy)
            cases.append(([command, str(folder), option, str(copy), *extra], copy))
    pdf = elsewhere / "deliberation.pdf"  # --pdf writes sortie/deliberation.pdf beside sortie/deliberation.docx
    shutil.copyfile(WORKBOOKS / BUDGET, pdf)
    cases.append((["deliberation", str(folder), "--sortie", str(elsewhere / "deliberation.docx"), "--pdf"], pdf))
    return cases


def test_every_writing_option_refuses_a_team_workbook_and_keeps_its_bytes(tmp_path):
    folder = copy_team(tmp_path / "classeurs")
    elsewhere = tmp_path / "ailleurs"
    elsewhere.mkdir()
    cases = _invocations(folder, elsewhere)
    assert len(cases) == 1 + len(WRITING) + sum(map(len, WRITING.values()))
    for args, protected in cases:
        before = digest(protected)
        code, out, err = run(*args)
        assert code == 2, (args, out, err)
        assert err.startswith("Erreur : ") and "Traceback" not in err, (args, err)
        assert digest(protected) == before, args
    assert not (elsewhere / "deliberation.docx").exists()  # refused before anything was written
    assert sorted(p.name for p in elsewhere.iterdir() if p.name.startswith(".")) == []


def test_the_same_options_write_a_new_file(tmp_path):
    """Positive twin: a target that is no team workbook is written by each option."""
    out = tmp_path / "sortie"
    for (command, option), kinds in WRITING.items():
        for kind in kinds:
            target = out / f"{command}{kind}"
            extra = ["--siret", SIRET] if option == "--scdl" else ["--forcer"] if command == "deliberation" else []
            code, _, err = run(command, str(WORKBOOKS), option, str(target), *extra)
            assert code in (0, 1) and target.stat().st_size > 0, (command, option, err)


def test_a_file_of_another_kind_is_refused(tmp_path):
    for (command, option), kinds in WRITING.items():
        target = tmp_path / "resultat.txt"
        extra = ["--siret", SIRET] if option == "--scdl" else []
        code, _, err = run(command, str(WORKBOOKS), option, str(target), *extra)
        assert code == 2 and f"{option} attend un fichier {kinds[0]}" in err, (command, option, err)
        assert not target.exists()


def test_a_link_or_a_second_name_of_a_workbook_read_is_refused(tmp_path):
    folder = copy_team(tmp_path / "classeurs")
    link = tmp_path / "lien.xlsx"
    link.symlink_to(folder / BUDGET)
    hard = tmp_path / "autre-nom.json"
    os.link(folder / BUDGET, hard)
    alias = tmp_path / "alias"
    alias.symlink_to(folder)
    before = digest(folder / BUDGET)
    for target in (link, hard, alias / BUDGET):
        code, _, err = run("verifier", str(folder), "--sortie", str(target))
        assert code == 2 and "classeurs lus" in err, (target, err)
    assert digest(folder / BUDGET) == before and link.is_symlink()


def test_a_looping_link_among_the_workbooks_is_a_finding_and_the_output_is_written(tmp_path):
    import json

    folder = copy_team(tmp_path / "classeurs")
    loop = folder / "boucle.xlsx"
    os.symlink(loop, loop)
    target = tmp_path / "sortie" / "controles.json"
    code, out, err = run("verifier", str(folder), "--sortie", str(target))
    assert code == 1 and "Traceback" not in err
    findings = json.loads(target.read_text(encoding="utf-8"))["findings"]
    assert [(f["code"], f["sheet"], f["cell"]) for f in findings if f["workbook"] == "boucle.xlsx"] == [
        ("file-unreadable", None, None)]
    assert "boucle" in next(f["message"] for f in findings if f["workbook"] == "boucle.xlsx")
    assert "boucle.xlsx" in out  # named in the report too


@pytest.mark.parametrize("command", ["verifier", "indicateurs", "budget"])
def test_an_output_that_cannot_be_written_comes_after_the_report(tmp_path, command):
    """The checks ran: their report is printed, then why the file was not written, and the code is 2."""
    (tmp_path / "fichier").write_text("pas un dossier")
    target = tmp_path / "fichier" / "resultat.xlsx"  # its parent is a file
    code, out, err = run(command, str(WORKBOOKS), "--sortie", str(target))
    assert code == 2 and "Traceback" not in err
    assert "Impossible d'écrire" in err and "pas un dossier" in err
    assert {"verifier": "Bilan :", "indicateurs": "4.1", "budget": "2030"}[command] in out
    assert not target.exists()


def test_an_unwritable_scdl_or_document_is_said_after_the_export_notes(tmp_path):
    (tmp_path / "fichier").write_text("pas un dossier")
    code, _, err = run("deliberation", str(WORKBOOKS), "--scdl", str(tmp_path / "fichier" / "d.csv"),
                       "--siret", SIRET)
    assert code == 2 and "Impossible d'écrire" in err and "Traceback" not in err
    code, _, err = run("deliberation", str(WORKBOOKS), "--sortie", str(tmp_path / "fichier" / "d.docx"), "--forcer")
    assert code == 2 and "Impossible d'écrire" in err and "Traceback" not in err


def test_an_unwritable_output_in_a_read_only_folder(tmp_path):
    if os.geteuid() == 0:
        pytest.skip("root writes into read-only folders")
    locked = tmp_path / "protege"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        code, out, err = run("verifier", str(WORKBOOKS), "--sortie", str(locked / "controles.xlsx"))
    finally:
        locked.chmod(0o700)
    assert code == 2 and "Bilan :" in out and "accès refusé" in err


def test_a_team_workbook_over_the_reading_limit_is_still_protected(tmp_path):
    """The guard reads only the list of sheets: a team workbook too large to be read under --limite-taille is
    still known as one, and kept."""
    big = tmp_path / "gros.xlsx"
    shutil.copyfile(WORKBOOKS / TERRITOIRE, big)
    with zipfile.ZipFile(big, "a", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("xl/media/notes.bin", os.urandom(3 << 19).hex())  # 3 Mo that compress like ordinary data
    before = digest(big)
    code, _, err = run("verifier", str(WORKBOOKS), "--limite-taille", "1", "--sortie", str(big))
    assert code == 2 and "est un classeur de l'équipe" in err and digest(big) == before
