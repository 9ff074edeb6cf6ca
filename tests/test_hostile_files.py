"""Hostile inputs and outputs: no crash, no traceback, a finding for the file, the other workbooks still checked,
and never a write into a team workbook."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import struct
import subprocess
import sys
import zipfile
import zlib
from pathlib import Path

import pytest

from conftest import BUDGET, EQUIPE, SUIVI, TERRITOIRE, WORKBOOKS, copy_team, run, verify, where
from xlsx_edit import edit_workbook, sheet_rows


RPE_XL = str(Path(sys.executable).with_name("rpe-xl"))


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
    folder = copy_team(tmp_path / "w")
    loop = folder / "boucle.xlsx"
    os.symlink(loop, loop)
    code, out, err = run("verifier", str(folder), "--format", "json")
    assert code == 1 and "Traceback" not in err
    about = [(f["code"], f["severity"], f["sheet"], f["cell"]) for f in json.loads(out)["findings"]
             if f["workbook"] == "boucle.xlsx"]
    assert about == [("file-unreadable", "erreur", None, None)]


def test_the_same_workbook_given_twice_is_read_once(tmp_path):
    folder = copy_team(tmp_path / "w")
    once = verify(folder)
    alias = tmp_path / "alias"
    alias.symlink_to(folder)
    twice = verify(folder, folder / TERRITOIRE, folder, alias / TERRITOIRE)
    assert not where(twice, "duplicate-workbook")
    assert len(twice) == len(once) and sorted(map(str, twice)) == sorted(map(str, once))


# --- a file name that is not valid UTF-8 --------------------------------------------------------------------------

UNDECODABLE = b"RPE_territ\xe9ire.xlsx"  # Latin-1 « é » written by an old tool on a Linux server
SHOWN = "RPE_territ\ufffdire.xlsx"


@pytest.fixture
def undecodable(tmp_path) -> Path:
    """The team's folder with the territory workbook under a name that is not valid UTF-8."""
    if sys.platform == "win32" or os.fsencode("\udce9") != b"\xe9":
        pytest.skip("file names are Unicode on this system")
    folder = copy_team(tmp_path / "w")
    os.rename(folder / TERRITOIRE, os.path.join(os.fsencode(folder), UNDECODABLE))
    return folder


def test_a_name_that_is_not_utf8_is_read_like_any_other(undecodable, tmp_path):
    code, out, err = run("verifier", str(undecodable), "--format", "json")
    assert code == 1 and "Traceback" not in err
    doc = json.loads(out)
    assert SHOWN in doc["classeurs"] and len(doc["classeurs"]) == 6
    team = verify(WORKBOOKS)
    renamed = [{**f, "workbook": SHOWN if f["workbook"] == TERRITOIRE else f["workbook"]} for f in team]
    assert sorted(map(str, doc["findings"])) == sorted(map(str, renamed))  # the same findings, under its shown name
    assert any(f["workbook"] == SHOWN for f in doc["findings"])


def test_a_name_that_is_not_utf8_reaches_every_report(undecodable, tmp_path):
    import openpyxl

    code, out, err = run("verifier", str(undecodable), "--sortie", str(tmp_path / "controles.xlsx"))
    assert code == 1 and "Traceback" not in err
    assert f"{SHOWN} : 9 avertissements" in out or f"\n{SHOWN}\n" in out
    rows = list(openpyxl.load_workbook(tmp_path / "controles.xlsx").active.iter_rows(min_row=4, values_only=True))
    assert any(row[1] == SHOWN for row in rows)
    code, _, err = run("verifier", str(undecodable), "--sortie", str(tmp_path / "controles.json"))
    assert code == 1 and SHOWN in json.loads((tmp_path / "controles.json").read_text(encoding="utf-8"))["classeurs"]
    for command, expected in (("indicateurs", 0), ("budget", 1)):
        code, out, err = run(command, str(undecodable), "--sortie", str(tmp_path / f"{command}.xlsx"))
        assert code == expected and "Traceback" not in err and (tmp_path / f"{command}.xlsx").exists(), err
    code, _, err = run("deliberation", str(undecodable), "--sortie", str(tmp_path / "d.docx"), "--forcer")
    assert code in (0, 1) and (tmp_path / "d.docx").exists() and "Traceback" not in err


def test_a_name_that_is_not_utf8_through_the_installed_command(undecodable, tmp_path):
    """The real process: its output streams encode what is printed (the in-process runner does not)."""
    for command, expected in (("verifier", 1), ("indicateurs", 0), ("budget", 1)):
        done = subprocess.run([RPE_XL, command, str(undecodable)], capture_output=True, timeout=120)
        assert done.returncode == expected, done.stderr.decode("utf-8", "replace")
        assert b"Traceback" not in done.stderr
        if command == "verifier":
            assert SHOWN.encode("utf-8") in done.stdout and b"Bilan :" in done.stdout


# --- a zip whose headers lie about the sizes ---------------------------------------------------------------------

def lying_workbook(src: Path, dst: Path, member: str, megabytes: int, told: int = 4096) -> None:
    """A copy of ``src`` whose ``member`` (a sheet's XML) holds ``megabytes`` Mo of spaces inside <sheetData>,
    while the zip headers (local and central) claim ``told`` bytes. The deflate stream is built from one block
    of 1 Mo compressed once and repeated (each block starts afresh after a full flush): a few Mo on disk, made in
    well under a second."""
    with zipfile.ZipFile(src) as zf:
        items = [(info.filename, zf.read(info)) for info in zf.infolist()]
    out, central = bytearray(), bytearray()
    for name, data in items:
        if name == member:
            head, tail = data.split(b"<sheetData>", 1)
            head, tail = head + b"<sheetData>", b"</sheetData>" + tail.split(b"</sheetData>", 1)[-1]
            deflate = zlib.compressobj(9, zlib.DEFLATED, -15)
            spaces = b" " * (1 << 20)
            first = deflate.compress(head) + deflate.flush(zlib.Z_FULL_FLUSH)
            block = deflate.compress(spaces) + deflate.flush(zlib.Z_FULL_FLUSH)
            packed = first + block * megabytes + deflate.compress(tail) + deflate.flush()
            crc, size = 0, told  # nobody should inflate it far enough to check the CRC
        else:
            deflate = zlib.compressobj(6, zlib.DEFLATED, -15)
            packed = deflate.compress(data) + deflate.flush()
            crc, size = zlib.crc32(data), len(data)
        raw = name.encode()
        fields = (20, 0, 8, 0, 0x21, crc, len(packed), size, len(raw))
        offset = len(out)
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, *fields, 0) + raw + packed
        central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, *fields, 0, 0, 0, 0, 0, offset) + raw
    start = len(out)
    out += central + struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(items), len(items), len(central), start, 0)
    dst.write_bytes(bytes(out))


def test_headers_that_lie_about_the_size_do_not_fill_the_memory(tmp_path):
    """2 Go of XML declared as 4 Ko: inflated in small steps and counted, the count stops at the limit; the
    file is refused with a finding, the other workbooks are checked, and the memory of the whole run stays low."""
    folder = copy_team(tmp_path / "w", {SUIVI: {"Contacts pros": {"A10": "dix"}}})
    bomb = folder / "bombe.xlsx"
    lying_workbook(WORKBOOKS / TERRITOIRE, bomb, "xl/worksheets/sheet1.xml", 2048)
    with zipfile.ZipFile(bomb) as zf:  # what the headers claim
        assert sum(i.file_size for i in zf.infolist()) < 1 << 20 and bomb.stat().st_size < 8 << 20
    probe = ("import resource, subprocess, sys; "
             "done = subprocess.run(sys.argv[1:], capture_output=True); "
             "sys.stdout.buffer.write(done.stdout); "
             "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, done.returncode)")
    done = subprocess.run([sys.executable, "-c", probe, RPE_XL, "verifier", str(folder), "--format", "json"],
                          capture_output=True, timeout=300)
    text = done.stdout.decode("utf-8")
    report, last = text.rsplit("\n", 2)[0], text.rsplit("\n", 2)[1]
    peak_kb, code = map(int, last.split())
    assert peak_kb < 400 * 1024, f"peak memory {peak_kb // 1024} Mo"
    assert code == 1
    findings = json.loads(report)["findings"]
    about = [f for f in findings if f["workbook"] == "bombe.xlsx"]
    assert [(f["code"], f["severity"]) for f in about] == [("file-too-large", "erreur")]
    assert "au-delà de la limite" in about[0]["message"] and "200 Mo" in about[0]["message"]
    # the other workbooks are still checked: a fault typed in one of them is found
    assert ("invalid-number", SUIVI, "Contacts pros", "A10") in {(f["code"], f["workbook"], f["sheet"], f["cell"])
                                                                 for f in findings}
    assert {f["workbook"] for f in findings} >= {BUDGET, TERRITOIRE, EQUIPE}


def test_a_lying_file_is_never_handed_to_the_reader(tmp_path, monkeypatch):
    import python_calamine

    folder = copy_team(tmp_path / "w")
    lying_workbook(WORKBOOKS / TERRITOIRE, folder / "bombe.xlsx", "xl/worksheets/sheet1.xml", 300)
    opened = []
    real = python_calamine.CalamineWorkbook

    class Spy:  # every way the reader opens a workbook
        @staticmethod
        def from_path(path):
            opened.append(Path(path).name)
            return real.from_path(path)

        @staticmethod
        def from_filelike(fh):
            opened.append(Path(fh.name).name)
            return real.from_filelike(fh)

    monkeypatch.setattr(python_calamine, "CalamineWorkbook", Spy)
    findings = verify(folder)
    assert ("file-too-large", None, None) in {(f["code"], f["sheet"], f["cell"]) for f in findings
                                               if f["workbook"] == "bombe.xlsx"}
    assert "bombe.xlsx" not in opened and TERRITOIRE in opened
    # as output target too: the guard does not open it to read its sheet names
    opened.clear()
    code, _, _ = run("verifier", str(WORKBOOKS), "--sortie", str(folder / "bombe.xlsx"))
    assert "bombe.xlsx" not in opened


def test_headers_that_lie_within_the_limit_are_a_damaged_file(tmp_path):
    folder = copy_team(tmp_path / "w")
    lying_workbook(WORKBOOKS / TERRITOIRE, folder / "faux.xlsx", "xl/worksheets/sheet1.xml", 3)
    about = [(f["code"], f["sheet"]) for f in verify(folder) if f["workbook"] == "faux.xlsx"]
    assert about == [("file-not-xlsx", None)]


def test_many_rows_below_a_total_give_one_finding(tmp_path):
    grid = sheet_rows(WORKBOOKS / EQUIPE, "Équipe")
    total = next(i for i, row in enumerate(grid, start=1) if str(row[0]).strip().lower().startswith("total"))
    junk = {f"{c}{r}": f"x{r}" for r in range(total + 5, total + 65) for c in "ABCDEFGH"}
    folder = copy_team(tmp_path / "w")
    edit_workbook(WORKBOOKS / EQUIPE, folder / EQUIPE, {"Équipe": junk})
    after = [f for f in verify(folder) if f["code"] == "row-after-table"]
    assert len(after) == 1 and "60 lignes" in after[0]["message"]
