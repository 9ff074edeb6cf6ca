"""The Excel buttons (rpe_xl/excel.py) driven on Linux through xlwings' remote engine: the book is the JSON
payload that Excel's xlwings client sends (built from the team's workbooks), the button's function runs as
Excel would call it, and the actions it sends back are replayed to see what it wrote."""

from __future__ import annotations

import copy
import re
from pathlib import Path

import pytest

from conftest import AM, BUDGET, BUREAU, EQUIPE, ROOT, SUIVI, TERRITOIRE, WORKBOOKS
from excel_payload import Replay, payload, replay
from xlsx_edit import sheet_rows

TEAM = (SUIVI, AM, TERRITOIRE, EQUIPE, BUDGET, BUREAU)
OWNED = {"Contrôles", "Indicateurs", "Budget recalculé"}
RUNPYTHON = re.compile(r'RunPython\s+"import rpe_xl\.excel;\s*rpe_xl\.excel\.(\w+)\(\)"')


@pytest.fixture(autouse=True)
def noncommercial(monkeypatch):
    # xlwings' remote engine is PolyForm Noncommercial, which covers government institutions such as this one
    monkeypatch.setenv("XLWINGS_LICENSE_KEY", "noncommercial")


@pytest.fixture(scope="module")
def cli():
    """What the command line gives on the team's folder: findings and indicators."""
    from rpe_xl import api

    return api.check([WORKBOOKS]), api.indicators([WORKBOOKS])


def click(button: str, workbook: str, folder: Path = WORKBOOKS, doc: dict | None = None) -> tuple:
    """Open ``workbook`` (its payload, or ``doc``) as the calling book, click ``button``; (book, replay)."""
    import xlwings as xw   # imported once the licence key is set (it is checked at import)

    from rpe_xl import excel

    doc = doc or payload(folder / workbook)
    names = [s["name"] for s in doc["sheets"]]
    book = xw.Book(json=copy.deepcopy(doc))
    book.set_mock_caller()
    getattr(excel, button)(str(folder))
    return book, replay(book, names)


def findings_of(rows: list[list]) -> list[tuple]:
    """(severity, workbook, sheet, cell, code) of each finding row of a *Contrôles* sheet (headers on row 3)."""
    head = rows[2]
    col = {name: head.index(name) for name in ("Gravité", "Classeur", "Feuille", "Cellule", "Code")}
    return [tuple(r[col[k]] for k in ("Gravité", "Classeur", "Feuille", "Cellule", "Code")) for r in rows[3:]]


def flat_values(rows: list[list]) -> dict[str, float]:
    """The *Identifiant | Valeur* table of the *Indicateurs* sheet (hours back from days to hours)."""
    from rpe_xl.report.indicateurs_layout import kind_of

    start = next(i for i, r in enumerate(rows) if r[0] == "Identifiant")
    return {r[0]: r[1] * 24 if kind_of(r[0]) == "hours" else r[1] for r in rows[start + 1:] if r[0]}


def summed(rows: list[list], formula: str) -> float:
    """Value of ``=SUM(B18:B52)`` over the values written (what Excel computes when it receives them)."""
    first, last = map(int, re.findall(r"\d+", formula))
    return sum(r[1] for r in rows[first - 1:last] if isinstance(r[1], (int, float)))


def vba_text(expression: str) -> str:
    """A VBA string expression of literals and ``ChrW(n)`` joined by ``&`` (the .bas stays ASCII)."""
    parts = [p.strip() for p in expression.split("&")]
    return "".join(chr(int(p[5:-1])) if p.startswith("ChrW(") else p.strip('"') for p in parts)


def only_tool_sheets(book, result: Replay) -> None:
    funcs = {a["func"] for a in book.json()["actions"]}
    assert result.touched <= OWNED and "save" not in funcs


@pytest.mark.parametrize("workbook", TEAM)
def test_verifier_writes_the_cli_findings_into_controles_only(cli, workbook):
    book, result = click("verifier", workbook)
    only_tool_sheets(book, result)
    assert result.added == ["Contrôles"] and result.sheets[-1] == "Contrôles"
    rows = result.rows("Contrôles")
    expected = [(f.severity, f.workbook, f.sheet, f.cell, f.code) for f in cli[0].findings]
    assert findings_of(rows) == expected and len(expected) > 10
    counts = cli[0].summary
    assert rows[0][0] == (f"Contrôles des classeurs : {counts['erreur']} erreur(s), {counts['avertissement']} "
                          f"avertissement(s), {counts['info']} information(s)")
    assert re.search(r"le \d\d/\d\d/\d{4} à \d\dh?:?\d\d", rows[1][0])   # summary line with date and time
    links = result.links["Contrôles"]
    for r, (severity, name, sheet, cell, _) in enumerate(findings_of(rows), start=3):
        target = links[(r, 3)][0]
        if name == workbook:   # a jump inside the open book
            assert target == f"#'{sheet}'!{cell}"
        else:                  # the other workbook's file, at its cell
            assert target == f"{(WORKBOOKS / name).resolve()}#'{sheet}'!{cell}"


@pytest.mark.parametrize("workbook", TEAM)
def test_indicators_button_gives_the_cli_indicators(cli, workbook):
    book, result = click("actualiser_indicateurs", workbook)
    only_tool_sheets(book, result)
    assert result.added == ["Indicateurs"]
    values = cli[1].indicators.values
    got = flat_values(result.rows("Indicateurs"))
    assert set(got) == set(values) and len(values) > 100
    assert got == {k: pytest.approx(float(v)) for k, v in values.items()}


def test_budget_button_writes_the_recomputed_budget_with_links_to_the_forms():
    from rpe_xl import api

    book, result = click("recalculer_budget", BUDGET)
    only_tool_sheets(book, result)
    assert result.added == ["Budget recalculé"]
    rows = result.rows("Budget recalculé")
    report = api.budget([WORKBOOKS])
    # a SUM formula over the year's lines, typed as a formula (not as a text starting with =)
    totals = [r[1] for r in result.rows("Budget recalculé", typed=True) if r[0] == "TOTAL DES CHARGES"]
    assert all(re.fullmatch(r"=SUM\(B\d+:B\d+\)", t) for t in totals) and len(totals) == 5
    assert [summed(rows, t) for t in totals] == [pytest.approx(float(y.computed_total("charges")))
                                                  for y in report.book.years]
    links = {target for target, *_ in result.links["Budget recalculé"].values()}
    assert "#'BP 2026'!B14" in links and all(t.startswith("#'BP 20") for t in links)
    assert sheet_rows(WORKBOOKS / BUDGET, "BP 2026")[13][1] is not None   # B14 is an amount of the form


def test_budget_button_from_another_workbook_explains_and_writes_nothing():
    book, result = click("recalculer_budget", SUIVI)
    assert not result.touched and not result.added
    assert len(result.alerts) == 1 and "classeur du budget" in result.alerts[0][0]


def test_an_unsaved_edit_is_read_from_the_book_not_from_its_file(cli):
    """A commune typed in the open book, not saved: the button sees it, the file on disk does not have it."""
    rows = sheet_rows(WORKBOOKS / SUIVI, "Contacts familles")
    commune = rows[3].index("Commune")
    cell = f"{chr(65 + commune)}5"
    doc = payload(WORKBOOKS / SUIVI, {"Contacts familles": {cell: "Liettes"}, "Contacts pros": {"A10": "=2+2"}})
    _, result = click("verifier", SUIVI, doc=doc)
    found = findings_of(result.rows("Contrôles"))
    assert ("erreur", SUIVI, "Contacts familles", cell, "unknown-commune") in found
    assert not [f for f in cli[0].findings if (f.sheet, f.cell) == ("Contacts familles", cell)]
    # the value read, "=2+2", is typed as a text (prefix '), never as a formula that Excel would compute
    typed = result.rows("Contrôles", typed=True)
    row = next(r for r in typed if r[2] == "Contacts pros" and r[3] == "A10")
    assert row[6] == "'=2+2" and row[8] == "invalid-number"
    # and an indicator: one assistant maternel fewer in activity
    am_rows = sheet_rows(WORKBOOKS / AM, "Listing AM")
    active = am_rows[0].index("En activité")
    row = next(i for i, r in enumerate(am_rows) if i and r[active] == "Oui")
    doc = payload(WORKBOOKS / AM, {"Listing AM": {f"{chr(65 + active)}{row + 1}": "Non"}})
    _, result = click("actualiser_indicateurs", AM, doc=doc)
    assert flat_values(result.rows("Indicateurs"))["am.actifs"] == cli[1].indicators.values["am.actifs"] - 1


def test_a_second_click_replaces_the_results():
    book, first = click("verifier", SUIVI)
    rows = first.rows("Contrôles")
    # the book as Excel sends it after the first click: the Contrôles sheet is there, with its rows
    doc = payload(WORKBOOKS / SUIVI, extra={"Contrôles": rows})
    book, second = click("verifier", SUIVI, doc=doc)
    deleted = [a for a in book.json()["actions"] if a["func"] == "sheetDelete"]
    assert len(deleted) == 1 and deleted[0]["sheet_position"] == len(doc["sheets"]) - 1
    assert second.sheets.count("Contrôles") == 1 and second.added == ["Contrôles"]
    again = second.rows("Contrôles")
    assert len(again) == len(rows) and findings_of(again) == findings_of(rows)


def test_a_team_sheet_with_a_tool_name_is_never_deleted():
    doc = payload(WORKBOOKS / SUIVI, extra={"Contrôles": [["Mes contrôles du mois"], ["à garder"]]})
    book, result = click("verifier", SUIVI, doc=doc)
    assert not result.touched and not result.added
    assert len(result.alerts) == 1 and "n'a pas été créée par rpe-xl" in result.alerts[0][0]
    # its twin: the same sheet written by the tool is replaced
    doc = payload(WORKBOOKS / SUIVI, extra={"Contrôles": [["Contrôles des classeurs : 0 erreur(s)"]]})
    _, result = click("verifier", SUIVI, doc=doc)
    assert result.touched == {"Contrôles"} and result.added == ["Contrôles"] and not result.alerts


def test_a_crash_is_a_french_message_and_a_log_line_without_personal_data(monkeypatch, tmp_path):
    from rpe_xl import api

    journal = tmp_path / "excel.log"
    monkeypatch.setenv("RPE_XL_JOURNAL", str(journal))

    def broken(source):
        raise KeyError("DUPONT Jeanne 06 12 34 56 78")

    monkeypatch.setattr(api, "check", broken)
    book, result = click("verifier", SUIVI)
    assert [a["func"] for a in book.json()["actions"]] == ["alert"] and not result.touched
    message = result.alerts[0][0]
    assert "n'a pas pu aller au bout" in message and "KeyError" in message and str(journal) in message
    text = journal.read_text(encoding="utf-8")
    assert "Vérifier" in text and "KeyError" in text and "excel.py" in text
    assert "DUPONT" not in text and "06 12" not in text and "DUPONT" not in message


def test_every_runpython_call_of_the_macros_names_a_function_of_excel_py():
    import inspect

    from rpe_xl import excel

    calls = [name for bas in (ROOT / "macros").glob("*.bas")
             for name in RUNPYTHON.findall(bas.read_text(encoding="ascii"))]
    assert sorted(calls) == ["actualiser_indicateurs", "recalculer_budget", "verifier"]
    for name in calls:
        function = getattr(excel, name, None)
        assert callable(function), name
        assert all(p.default is not p.empty for p in inspect.signature(function).parameters.values())
    # the same reading finds a call to a function that does not exist
    assert RUNPYTHON.findall('RunPython "import rpe_xl.excel; rpe_xl.excel.verifer()"') == ["verifer"]
    assert not hasattr(excel, "verifer")


def test_the_macro_repeats_the_title_rows_of_each_result_sheet(cli):
    """The print titles the macro sets are the rows the layouts reserve for them (relais, date, headers)."""
    from rpe_xl import api
    from rpe_xl.report import budget_layout, controles_xlsx, indicateurs_sheets
    from rpe_xl.report.page_setup import print_header

    header = print_header([WORKBOOKS])
    layouts = [controles_xlsx.sheet([], lambda *_: None, header),
               indicateurs_sheets.live_sheet(cli[1].indicators, header),
               budget_layout.live_sheet(api.budget([WORKBOOKS]).book, lambda *_: None, header)]
    text = (ROOT / "macros" / "rpe_xl.bas").read_text(encoding="ascii")
    calls = {vba_text(name): rows for name, rows in re.findall(r'MettreEnPage (.+?), "(\$\d+:\$\d+)"', text)}
    assert calls == {s.name: f"${s.title_rows[0] + 1}:${s.title_rows[1] + 1}" for s in layouts}


def test_projected_amount_through_the_remote_custom_function_call():
    import asyncio
    import types

    import xlwings as xw
    from xlwings.server import custom_functions_call, func

    from rpe_xl import excel

    module = types.SimpleNamespace(rpe_montant_projete=func(excel.rpe_montant_projete))
    call = {"func_name": "rpe_montant_projete", "args": [[[245000]], [[2026]], [[2029]], [[0.02]], [[None]]],
            "caller_address": "Hypothèses!H2", "version": xw.__version__, "client": "Office.js", "runtime": "1.4"}
    assert asyncio.run(custom_functions_call(call, module)) == [[259995.96]]   # 245 000 × 1,02³, to the cent
    call["args"][-1] = [["Euro"]]
    assert asyncio.run(custom_functions_call(call, module)) == [[259996.0]]


def test_installer_without_excel_prints_the_steps_and_writes_nothing(monkeypatch, tmp_path):
    from click.testing import CliRunner

    from rpe_xl import cli_excel

    monkeypatch.setattr(cli_excel, "home", lambda: tmp_path)
    monkeypatch.setattr(cli_excel, "on_windows", lambda: False)
    done = CliRunner().invoke(cli_excel.excel, ["installer"])
    assert done.exit_code == 0 and "Excel n'est pas sur cet ordinateur" in done.output
    assert "PERSONAL.XLSB" in done.output and "rpe_xl.bas" in done.output and not list(tmp_path.iterdir())


def test_installer_on_windows_writes_the_settings_and_copies_the_module(monkeypatch, tmp_path):
    from click.testing import CliRunner

    from rpe_xl import cli_excel

    conf = tmp_path / ".xlwings" / "xlwings.conf"
    conf.parent.mkdir()
    conf.write_text('"INTERPRETER_WIN","C:\\Python\\python.exe"\n"ONEDRIVE_WIN","D:\\OneDrive"\n', encoding="utf-8")
    monkeypatch.setattr(cli_excel, "home", lambda: tmp_path)
    monkeypatch.setattr(cli_excel, "on_windows", lambda: True)
    monkeypatch.setattr(cli_excel, "install_addin", lambda: True)
    monkeypatch.setattr(cli_excel, "pythonw", lambda: Path("C:/rpe-xl/.venv/Scripts/pythonw.exe"))
    done = CliRunner().invoke(cli_excel.excel, ["installer"])
    assert done.exit_code == 0, done.output
    lines = conf.read_text(encoding="utf-8").splitlines()
    assert lines == ['"ONEDRIVE_WIN","D:\\OneDrive"', f'"INTERPRETER_WIN","{Path("C:/rpe-xl/.venv/Scripts/pythonw.exe")}"',
                     '"UDF MODULES","rpe_xl.excel"']
    copied = tmp_path / ".rpe-xl" / "macros" / "rpe_xl.bas"
    assert copied.read_bytes() == (ROOT / "macros" / "rpe_xl.bas").read_bytes()
    assert "Complément xlwings installé" in done.output and "PERSONAL.XLSB!Verifier" in done.output
