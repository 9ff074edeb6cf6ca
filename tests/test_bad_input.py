"""Bad files beside the team's workbooks: each gives a clear finding and the other workbooks are still checked.
Bad command lines, bad templates and Ctrl-C: the right exit code and a French message, never click's or a
library's English."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from conftest import AM, SUIVI, TERRITOIRE, WORKBOOKS, run, verify

# a fault typed into the suivi workbook: it must still be reported whatever bad file lies beside it
FAULT = {SUIVI: {"Contacts pros": {"A10": "dix"}}}
FAULT_AT = ("invalid-number", "Contacts pros", "A10")


def _truncated(path: Path) -> None:
    path.write_bytes((WORKBOOKS / TERRITOIRE).read_bytes()[:5000])


def _docx(path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("Compte rendu de réunion")
    document.save(str(path))


def _ole_header(path: Path) -> None:
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4088))


def _encrypted(path: Path) -> None:
    from msoffcrypto.format.ooxml import OOXMLFile

    with (WORKBOOKS / TERRITOIRE).open("rb") as plain, path.open("wb") as out:
        OOXMLFile(plain).encrypt("motdepasse", out)


def _empty(path: Path) -> None:
    path.write_bytes(b"")


def _with_member(path: Path, size: int) -> None:
    """A copy of a real workbook plus one member of ``size`` zero bytes (compresses ~1000:1)."""
    shutil.copyfile(WORKBOOKS / TERRITOIRE, path)
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        with zf.open("xl/media/image1.bin", "w", force_zip64=True) as member:
            chunk = bytes(1 << 20)
            for _ in range(size >> 20):
                member.write(chunk)


def _bomb(path: Path) -> None:
    _with_member(path, 210 << 20)


def _ratio_bomb(path: Path) -> None:
    _with_member(path, 4 << 20)


BAD = [
    ("corrompu.xlsx", _truncated, "file-not-xlsx"),
    ("Rapport.xlsx", _docx, "file-not-xlsx"),
    ("ancien.xlsx", _ole_header, "file-not-xlsx"),
    ("protege.xlsx", _encrypted, "file-encrypted"),
    ("vide.xlsx", _empty, "file-empty"),
    ("bombe.xlsx", _bomb, "file-too-large"),
    ("bombe2.xlsx", _ratio_bomb, "file-too-large"),
]


@pytest.mark.parametrize("name,build,code", BAD, ids=[b[0] for b in BAD])
def test_bad_file_is_a_finding_and_the_others_are_checked(team_copy, monkeypatch, name, build, code):
    import rpe_xl.read.dataset as dataset

    folder = team_copy(FAULT)
    build(folder / name)
    opened: list[str] = []
    real = dataset.CalamineSource

    def spy(path):
        opened.append(Path(path).name)
        return real(path)

    monkeypatch.setattr(dataset, "CalamineSource", spy)
    status, out, _ = run("verifier", "--format", "json", str(folder))
    findings = json.loads(out)["findings"]
    about = [(f["code"], f["severity"]) for f in findings if f["workbook"] == name]
    assert about == [(code, "erreur")]
    assert name not in opened  # refused before any parser touched it
    assert FAULT_AT in {(f["code"], f["sheet"], f["cell"]) for f in findings}
    assert {SUIVI, AM, TERRITOIRE} <= set(opened)  # the team's workbooks were all read
    assert status == 1


def test_damaged_sheet_is_reported_and_other_sheets_still_read(team_copy):
    folder = team_copy()
    src = WORKBOOKS / TERRITOIRE
    blob = bytearray(src.read_bytes())
    with zipfile.ZipFile(src) as zf:
        info = zf.getinfo("xl/worksheets/sheet1.xml")  # the Communes sheet
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for k in range(start + 50, start + 250):
        blob[k] ^= 0x5A
    (folder / TERRITOIRE).write_bytes(bytes(blob))
    from rpe_xl.read import load

    data = load([folder])
    assert [(f.code, f.sheet) for f in data.findings if f.workbook == TERRITOIRE] == [("file-unreadable", "Communes")]
    assert data.table("territoire", "communes") is None
    assert data.table("territoire", "observatoire") is not None
    assert data.table("suivi", "contacts_familles") is not None


@pytest.fixture(scope="module")
def old_xls(tmp_path_factory) -> Path:
    """A real Excel 97-2003 file made by LibreOffice from a team workbook."""
    if not shutil.which("soffice"):
        pytest.skip("LibreOffice absent")
    out = tmp_path_factory.mktemp("xls")
    profile = out / "profile"
    subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "xls",
                    "--outdir", str(out), str(WORKBOOKS / TERRITOIRE)], check=True, capture_output=True, timeout=120)
    return next(out.glob("*.xls"))


def test_old_xls_workbook(team_copy, old_xls):
    folder = team_copy(FAULT)
    (folder / TERRITOIRE).unlink()
    shutil.copyfile(old_xls, folder / "RPE_territoire.xls")
    findings = verify(folder)
    assert [f["code"] for f in findings if f["workbook"] == "RPE_territoire.xls"] == ["file-not-xlsx"]
    assert FAULT_AT in {(f["code"], f["sheet"], f["cell"]) for f in findings}


@pytest.mark.parametrize("lock_name", ["~$" + SUIVI, "~$" + SUIVI[2:], f".~lock.{SUIVI}#"])
def test_lock_file_beside_a_workbook(team_copy, lock_name):
    folder = team_copy(FAULT)
    (folder / lock_name).write_bytes(b"\x0bRPE Equipe" + bytes(150))  # Excel's owner file
    findings = verify(folder)
    locked = [(f["code"], f["severity"], f["workbook"]) for f in findings if f["code"] == "file-locked"]
    assert locked == [("file-locked", "avertissement", SUIVI)]
    assert FAULT_AT in {(f["code"], f["sheet"], f["cell"]) for f in findings}  # the workbook is still read
    assert not [f for f in findings if f["workbook"].startswith("~$")]


def test_missing_sheet_and_column_in_one_workbook(team_copy):
    folder = team_copy({AM: {"Listing AM": {"J1": "Nombre"}}, **FAULT})
    with zipfile.ZipFile(folder / TERRITOIRE) as zin, zipfile.ZipFile(folder / "t.xlsx", "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "xl/workbook.xml":
                data = data.replace('name="Observatoire"'.encode(), b'name="Notes"')
            zout.writestr(item, data)
    os.replace(folder / "t.xlsx", folder / TERRITOIRE)
    found = {(f["code"], f["workbook"], f["sheet"], f["cell"]) for f in verify(folder)}
    assert ("missing-column", AM, "Listing AM", "A1") in found
    assert ("missing-sheet", TERRITOIRE, None, None) in found
    assert (FAULT_AT[0], SUIVI, FAULT_AT[1], FAULT_AT[2]) in found


# --- exit codes ---------------------------------------------------------------------------------------

def test_exit_code_0_without_erreur(tmp_path):
    import xlsxwriter

    book = xlsxwriter.Workbook(str(tmp_path / "autre.xlsx"))
    book.add_worksheet("Feuil1").write_string(0, 0, "rien à voir")
    book.close()
    status, out, _ = run("verifier", "--format", "json", str(tmp_path))
    doc = json.loads(out)
    assert doc["summary"]["erreur"] == 0
    assert [f["code"] for f in doc["findings"] if f["workbook"] == "autre.xlsx"] == ["unknown-workbook"]
    assert status == 0


def test_exit_code_1_with_an_erreur(tmp_path):
    (tmp_path / "vide.xlsx").write_bytes(b"")
    assert run("verifier", str(tmp_path))[0] == 1


@pytest.mark.parametrize("args", [
    ["verifier", "dossier-qui-n-existe-pas"],
    ["verifier", "--format", "xml", "workbooks"],
    ["verifier", "--sortie", "resultat.txt", "workbooks"],
])
def test_exit_code_2_for_usage_faults(tmp_path, monkeypatch, args):
    monkeypatch.chdir(WORKBOOKS.parent)
    if "--sortie" in args:
        args = [a if a != "resultat.txt" else str(tmp_path / a) for a in args]
    assert run(*args)[0] == 2
    assert not (tmp_path / "resultat.txt").exists()


# --- XML safety ---------------------------------------------------------------------------------------

_LAUGHS = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
           + "".join(f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i > 1 else "&lol;" * 10}">'
                     for i in range(1, 10)) + "]>")


def _billion_laughs(bomb: Path) -> Path:
    """A copy of the territory workbook whose first sheet declares nested entities and uses the largest one."""
    with zipfile.ZipFile(WORKBOOKS / TERRITOIRE) as zin, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                text = data.decode("utf-8")
                data = (_LAUGHS + text[text.index("<worksheet"):]).replace("<is><t>", "<is><t>&lol9;", 1).encode()
            zout.writestr(item, data)
    return bomb


def test_defusedxml_protects_openpyxl(tmp_path):
    import defusedxml.common
    import openpyxl
    import openpyxl.xml

    assert openpyxl.xml.DEFUSEDXML is True
    bomb = _billion_laughs(tmp_path / TERRITOIRE)
    with pytest.raises(Exception) as info:
        openpyxl.load_workbook(bomb)
    chain, exc = [], info.value
    while exc is not None:
        chain.append(exc)
        exc = exc.__cause__ or exc.__context__
    assert any(isinstance(e, defusedxml.common.DefusedXmlException) for e in chain)
    # the verifier's reader does not expand entities either: the sheet is reported, not inflated
    from rpe_xl.read import load

    data = load([bomb])
    assert [(f.code, f.sheet) for f in data.findings] == [("file-unreadable", "Communes")]


def test_a_hostile_sheet_is_reported_in_french(tmp_path):
    """The reader's own words (« XmlError ») never reach the user: the finding says what is wrong, in French."""
    bomb = _billion_laughs(tmp_path / TERRITOIRE)
    unreadable = [f for f in verify(tmp_path) if f["code"] == "file-unreadable"]
    assert [(f["sheet"], f["cell"]) for f in unreadable] == [("Communes", None)]
    assert "XML invalide" in unreadable[0]["message"] and "Error" not in unreadable[0]["message"]


# --- the size limit ---------------------------------------------------------------------------------------------

def _with_text_member(path: Path, megabytes: int) -> None:
    """A copy of a team workbook plus a member of ``megabytes`` Mo that compresses like ordinary data (2:1)."""
    shutil.copyfile(WORKBOOKS / TERRITOIRE, path)
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("xl/media/notes.bin", os.urandom(megabytes << 19).hex())


def test_a_workbook_over_the_size_limit_says_the_limit_and_how_to_raise_it(tmp_path):
    _with_text_member(tmp_path / TERRITOIRE, 3)
    about = [f for f in verify(tmp_path) if f["code"] == "file-too-large"]
    assert about == []  # 3 Mo is far below the default limit
    code, out, _ = run("verifier", str(tmp_path), "--format", "json", "--limite-taille", "2")
    about = [f for f in json.loads(out)["findings"] if f["code"] == "file-too-large"]
    assert [(f["workbook"], f["sheet"]) for f in about] == [(TERRITOIRE, None)] and code == 1
    assert "limite de lecture : 2 Mo" in about[0]["message"] and "--limite-taille 100" in about[0]["message"]
    for command in ("indicateurs", "budget", "deliberation"):  # every command that reads takes the option
        assert "--limite-taille" in run(command, "--help")[1]


def test_the_size_limit_is_a_whole_number_of_mo(tmp_path):
    code, _, err = run("verifier", str(WORKBOOKS), "--limite-taille", "0")
    assert code == 2 and "n'est pas permis (au moins 1)" in err
    code, _, err = run("verifier", str(WORKBOOKS), "--limite-taille", "beaucoup")
    assert code == 2 and "« beaucoup » n'est pas un nombre entier" in err


# --- every message in French ------------------------------------------------------------------------------------

ENGLISH = ("default", "required", "INTEGER", "TEXT", "PATH", "is not", "Error", "Usage", "Package not found",
           "content type", "There is no item", "x>=", "unexpected", "expected")


@pytest.mark.parametrize("command", ["verifier", "indicateurs", "budget", "deliberation"])
def test_help_has_no_english_word(command):
    code, out, _ = run(command, "--help")
    assert code == 0 and "--limite-taille MO" in out
    assert ("[par défaut : texte]" in out) == (command != "deliberation")  # the commands that have --format
    assert not [word for word in ENGLISH if word in out]


def test_a_question_that_is_no_number_is_said_in_french(tmp_path):
    code, _, err = run("deliberation", str(WORKBOOKS), "--question", "abc", "--sortie", str(tmp_path / "d.docx"))
    assert code == 2 and "« abc » n'est pas un nombre entier" in err
    assert not [word for word in ENGLISH if word in err]


def _zip_without_word(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("notes.txt", "rien")


@pytest.mark.parametrize("build,meaning", [
    (lambda p: p.write_bytes(b"pas un document"), "corrompu"),
    (lambda p: shutil.copyfile(WORKBOOKS / TERRITOIRE, p), "classeur Excel"),
    (_zip_without_word, "sans document Word"),
], ids=["junk", "xlsx", "zip"])
def test_a_template_that_is_no_word_document_is_said_in_french(tmp_path, build, meaning):
    template = tmp_path / "modele.docx"
    build(template)
    code, _, err = run("deliberation", str(WORKBOOKS), "--sortie", str(tmp_path / "d.docx"), "--modele",
                       str(template), "--forcer")
    assert code == 2 and "n'est pas un document Word .docx lisible" in err and meaning in err
    assert not [word for word in ENGLISH if word in err]
    assert not (tmp_path / "d.docx").exists()


def test_a_broken_field_in_the_template_is_said_in_french(tmp_path):
    import docx

    template = tmp_path / "modele.docx"
    document = docx.Document()
    document.add_paragraph("Délibération {{ seance.date ")  # a field not closed
    document.save(str(template))
    code, _, err = run("deliberation", str(WORKBOOKS), "--sortie", str(tmp_path / "d.docx"), "--modele",
                       str(template), "--forcer")
    assert code == 2 and "balise invalide" in err
    assert not [word for word in ENGLISH if word in err]


# --- Ctrl-C ---------------------------------------------------------------------------------------------------

def test_ctrl_c_ends_with_130_and_a_french_word(monkeypatch):
    import rpe_xl.validate as validate

    def interrupted(*_):
        raise KeyboardInterrupt

    monkeypatch.setattr(validate, "run_checks", interrupted)
    code, out, err = run("verifier", str(WORKBOOKS))
    assert code == 130 and "Interrompu." in err and "Bilan" not in out


def test_ctrl_c_on_the_installed_command(tmp_path):
    """A real SIGINT, sent while the checks run, to the process started as the installed command starts."""
    import signal
    import sys

    script = ("import os, signal, time, rpe_xl.validate as v\n"
              "def checks(*_):\n"
              "    os.kill(os.getpid(), signal.SIGINT)\n"
              "    time.sleep(30)\n"
              "v.run_checks = checks\n"
              "import sys; sys.argv = ['rpe-xl', 'verifier', sys.argv[1]]\n"
              "from rpe_xl.cli import entry; entry()\n")
    done = subprocess.run([sys.executable, "-c", script, str(WORKBOOKS)], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 128 + signal.SIGINT == 130  # as shells report a command stopped by Ctrl-C
    assert "Interrompu." in done.stderr and "Traceback" not in done.stderr


# --- the report names every workbook read ----------------------------------------------------------------------

def test_the_report_names_every_workbook_read_even_without_finding(team_copy):
    code, out, _ = run("verifier", str(WORKBOOKS))
    lines = out[out.index("Classeurs examinés"):].splitlines()
    assert lines[0] == "Classeurs examinés (6) :"
    shown = dict(line.strip().split(" : ", 1) for line in lines[1:7])
    assert set(shown) == {p.name for p in WORKBOOKS.glob("*.xlsx")}
    assert shown[SUIVI] == "aucun constat" and shown[TERRITOIRE] != "aucun constat"
    # positive twin: a fault in the suivi workbook turns its line into a count
    code, out, _ = run("verifier", str(team_copy(FAULT)))
    assert f"  {SUIVI} : 1 erreur" in out
    doc = json.loads(run("verifier", str(WORKBOOKS), "--format", "json")[1])
    assert doc["version"] == 1 and sorted(doc["classeurs"]) == sorted(shown) and set(doc) >= {"findings", "summary"}


def test_budget_takes_several_paths_like_the_other_commands(tmp_path):
    shutil.copyfile(WORKBOOKS / "RPE_budget_2026-2030.xlsx", tmp_path / "budget.xlsx")
    code, out, _ = run("budget", str(WORKBOOKS / TERRITOIRE), str(tmp_path / "budget.xlsx"), "--format", "json")
    assert code == 1 and "2030" in json.loads(out)["annees"]
    code, _, err = run("budget", str(WORKBOOKS / TERRITOIRE))
    assert code == 2 and "Aucun classeur de budget" in err
