"""Reports: the JSON contract (issue 2 §5), the controles.xlsx workbook, atomic writes, the French console text."""

from __future__ import annotations

import csv
import json
import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest

from conftest import AM, SUIVI, run
from rpe_xl.findings import ERREUR, Finding
from rpe_xl.report import controles_xlsx

# faults in two workbooks, one of them a text starting with "=" (must never become a formula)
FAULTS = {SUIVI: {"Contacts pros": {"A10": "=2+2"}, "Séances": {"B6": "le 3 mars"}},
          AM: {"Listing AM": {"J5": "trois"}}}
KEYS = ["code", "severity", "workbook", "sheet", "cell", "message", "value", "expected"]
A1 = re.compile(r"^[A-Z]{1,3}[1-9]\d*$")


@pytest.fixture(scope="module")
def faulty(tmp_path_factory):
    """A folder of team copies with FAULTS, and the JSON document of the verifier on it."""
    from conftest import copy_team

    folder = copy_team(tmp_path_factory.mktemp("team") / "classeurs", FAULTS)
    status, out, err = run("verifier", "--format", "json", str(folder))
    return folder, status, json.loads(out), err


def test_json_contract(faulty):
    _, status, doc, err = faulty
    assert list(doc) == ["version", "findings", "summary", "classeurs"] and doc["version"] == 1
    assert len(doc["classeurs"]) == 6 and all(isinstance(name, str) for name in doc["classeurs"])
    assert doc["findings"], "the faulty copies must give findings"
    for f in doc["findings"]:
        assert list(f) == KEYS
        assert f["severity"] in ("erreur", "avertissement", "info")
        assert isinstance(f["code"], str) and re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", f["code"])
        assert isinstance(f["workbook"], str) and "/" not in f["workbook"] and "\\" not in f["workbook"]
        assert f["sheet"] is None or isinstance(f["sheet"], str)
        assert f["cell"] is None or A1.match(f["cell"])
        assert isinstance(f["message"], str) and f["message"].strip()
        for v in (f["value"], f["expected"]):
            assert v is None or isinstance(v, (str, int, float, bool))
    counts = Counter(f["severity"] for f in doc["findings"])
    assert doc["summary"] == {s: counts.get(s, 0) for s in ("erreur", "avertissement", "info")}
    assert status == (1 if counts["erreur"] else 0)
    assert "Bilan" in err  # the summary line goes to stderr in json mode
    found = {(f["code"], f["sheet"], f["cell"]) for f in doc["findings"]}
    assert {("invalid-number", "Contacts pros", "A10"), ("invalid-date", "Séances", "B6"),
            ("invalid-number", "Listing AM", "J5")} <= found
    a10 = next(f for f in doc["findings"] if (f["sheet"], f["cell"]) == ("Contacts pros", "A10"))
    assert (a10["workbook"], a10["value"]) == (SUIVI, "=2+2")


def test_sortie_json_is_the_same_document(faulty, tmp_path):
    folder, _, doc, _ = faulty
    target = tmp_path / "out" / "controles.json"
    status, out, _ = run("verifier", "--format", "json", "--sortie", str(target), str(folder))
    assert json.loads(target.read_text(encoding="utf-8")) == json.loads(out) == doc
    assert status == 1


def test_outputs_are_written_atomically(faulty, tmp_path, monkeypatch):
    import rpe_xl.report.atomic as atomic

    folder = faulty[0]
    replaced = []
    real_replace = atomic.os.replace
    monkeypatch.setattr(atomic.os, "replace", lambda a, b: (replaced.append((Path(a), Path(b))), real_replace(a, b)))
    for name in ("c.json", "c.xlsx"):
        run("verifier", "--sortie", str(tmp_path / name), str(folder))
    assert [b.name for _, b in replaced] == ["c.json", "c.xlsx"]
    assert all(a.parent == tmp_path and a.name.startswith(".") for a, _ in replaced)
    # a writer that fails leaves the previous file intact and no temporary file behind
    target = tmp_path / "c.xlsx"
    before = target.read_bytes()

    def broken(*_a, **_k):
        raise OSError("disque plein")

    monkeypatch.setattr(controles_xlsx, "summary", broken)
    with pytest.raises(OSError):
        controles_xlsx.write([], target, {})
    assert target.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c.json", "c.xlsx"]


@pytest.fixture(scope="module")
def controles(faulty, tmp_path_factory):
    folder, _, doc, _ = faulty
    out = tmp_path_factory.mktemp("sortie") / "rapport" / "controles.xlsx"
    status, _, _ = run("verifier", "--sortie", str(out), str(folder))
    assert status == 1 and out.exists()
    return folder, doc, out


def test_controles_sheet_one_row_per_finding_with_links(controles):
    import openpyxl

    folder, doc, out = controles
    ws = openpyxl.load_workbook(out)["Contrôles"]
    header = [c.value for c in ws[3]]
    col = {name: i for i, name in enumerate(header)}
    rows = [r for r in ws.iter_rows(min_row=4) if any(c.value is not None for c in r)]
    assert len(rows) == len(doc["findings"])
    seen = Counter()
    for r in rows:
        code, sheet, cell = r[col["Code"]].value, r[col["Feuille"]].value, r[col["Cellule"]].value
        seen[(code, sheet or None, cell)] += 1
        link = r[col["Cellule"]].hyperlink
        if sheet and cell:
            workbook = r[col["Classeur"]].value
            target = (out.parent / link.target.replace("\\", "/")).resolve()
            assert target == (folder / workbook).resolve() and target.exists()
            assert link.location == f"'{sheet}'!{cell}"
        else:
            assert link is None
    assert seen == Counter((f["code"], f["sheet"], f["cell"]) for f in doc["findings"])


def test_text_starting_with_equals_stays_text(controles, tmp_path):
    import openpyxl

    _, _, out = controles
    ws = openpyxl.load_workbook(out)["Contrôles"]
    cells = [c for row in ws.iter_rows(min_row=4) for c in row if isinstance(c.value, str) and c.value.startswith("=")]
    assert cells and all(c.data_type == "s" for c in cells)  # the "=2+2" value read in Contacts pros!A10
    # and any message or value given to the writer
    f = Finding("invalid-number", ERREUR, SUIVI, "Contacts pros", "A2", '=HYPERLINK("http://x","clic")', value="=1+1",
                expected="=SUM(A1:A3)")
    target = tmp_path / "c.xlsx"
    controles_xlsx.write([f], target, {})
    ws = openpyxl.load_workbook(target)["Contrôles"]
    values = [c for c in ws[4] if isinstance(c.value, str) and c.value.startswith("=")]
    assert len(values) == 3 and all(c.data_type == "s" for c in values)


def test_controles_opens_in_libreoffice(controles, tmp_path):
    if not shutil.which("soffice"):
        pytest.skip("LibreOffice absent")
    _, doc, out = controles
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless",
                    "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir", str(tmp_path), str(out)],
                   check=True, capture_output=True, timeout=120)
    with (tmp_path / "controles.csv").open(encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    assert rows[2][:4] == ["Gravité", "Classeur", "Feuille", "Cellule"]
    body = [r for r in rows[3:] if any(r)]
    assert len(body) == len(doc["findings"])
    assert any(r[6] == "=2+2" for r in body)  # still text, not computed to 4


def test_console_text_french_grouped_with_summary(faulty):
    folder, _, doc, _ = faulty
    status, out, _ = run("verifier", str(folder))
    lines = out.rstrip("\n").splitlines()
    counts = doc["summary"]
    assert lines[-1].startswith("Bilan : ") and f"{counts['erreur']} erreur" in lines[-1]
    assert "À corriger" in lines[-1]
    # each workbook heads one block, each sheet one sub-block inside it
    workbooks = [ln for ln in lines if ln and not ln.startswith(" ") and not ln.startswith("Bilan")]
    assert len(workbooks) == len(set(workbooks)) and {SUIVI, AM} <= set(workbooks)
    block = lines[lines.index(SUIVI) + 1:]
    block = block[:next((i for i, ln in enumerate(block) if ln and not ln.startswith(" ")), len(block))]
    sheets = [ln.strip() for ln in block if ln.startswith("  Feuille ")]
    assert len(sheets) == len(set(sheets)) and "Feuille « Contacts pros »" in sheets
    a10 = [ln for ln in block if re.match(r"^\s+A10\s+ERREUR\s", ln)]
    assert a10 and "[invalid-number]" in a10[0]
    assert status == 1


def test_sans_info_hides_info_but_keeps_the_summary(faulty):
    folder, _, doc, _ = faulty
    _, out, _ = run("verifier", "--sans-info", str(folder))
    assert not re.search(r"^\s+\S*\s+info\s", out, re.M)
    assert f"{doc['summary']['info']} information" in out.splitlines()[-1]


def test_a_crashing_rule_is_an_internal_error_and_the_others_still_run(monkeypatch, caplog):
    """A rule that raises becomes one ``internal-error`` finding; the log names the rule, never the values."""
    from conftest import WORKBOOKS
    from rpe_xl.read import load
    from rpe_xl.validate import registry, run_checks
    from rpe_xl.validate.runner import _load_rules

    _load_rules()

    def broken(data, ctx):
        raise KeyError("DUPONT Jeanne 06 12 34 56 78")

    monkeypatch.setattr(registry, "RULES", [broken, *registry.RULES])
    import rpe_xl.validate.runner as runner
    monkeypatch.setattr(runner, "RULES", registry.RULES)
    findings = run_checks(load([WORKBOOKS]))
    internal = [f for f in findings if f.code == "internal-error"]
    assert len(internal) == 1 and "broken" in internal[0].message
    assert any(f.code == "budget-line-deviation" for f in findings)  # the other rules ran
    assert "DUPONT" not in caplog.text and "broken" in caplog.text


def test_installed_command_flushes_everything_and_keeps_exit_codes(tmp_path):
    """``rpe-xl`` (``cli.entry``) leaves without tearing the interpreter down: the JSON on stdout is whole, the
    --sortie file written, the summary on stderr, and the exit codes those of ``main``."""
    import sys

    from conftest import WORKBOOKS

    command = [sys.executable, "-c", "from rpe_xl.cli import entry; entry()", "verifier"]
    out = tmp_path / "controles.json"
    done = subprocess.run([*command, "--format", "json", "--sortie", str(out), str(WORKBOOKS)],
                          capture_output=True, text=True, encoding="utf-8", timeout=120)
    doc = json.loads(done.stdout)
    assert done.returncode == 1 and doc["summary"]["erreur"] > 0
    assert json.loads(out.read_text(encoding="utf-8")) == doc
    assert "Bilan" in done.stderr
    usage = subprocess.run([*command, str(tmp_path / "absent")], capture_output=True, text=True, timeout=120)
    assert usage.returncode == 2 and "Chemin introuvable" in usage.stderr
