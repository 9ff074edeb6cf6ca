"""The description of the workbooks (rpe_xl/data/classeurs.yaml): it names every sheet of the team's workbooks,
the sheet schemas built from it read the legal limits at the date checked, one phone pattern serves every check,
and a value or rubric the team renames is followed by changing the description alone — without that change,
one ``list-value-unknown`` names the label instead of a check silently turned off.

Cells, list headers and rubrics are located by reading the workbooks with python-calamine (``sheet_rows``).
"""

from __future__ import annotations

import ast
import datetime as dt
import json
import re
from collections import Counter
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook

from conftest import (AM, BUDGET, BUREAU, EQUIPE, ROOT, SUIVI, TERRITOIRE, WORKBOOKS, copy_team, new_findings, run,
                      verify, where)
from xlsx_edit import rewrite_texts, sheet_rows

DESCRIPTION = ROOT / "rpe_xl" / "data" / "classeurs.yaml"
FILES = {"suivi": SUIVI, "assistants_maternels": AM, "territoire": TERRITOIRE, "equipe": EQUIPE, "budget": BUDGET,
         "bureau": BUREAU}


def _key(f: dict) -> tuple:
    return f["code"], f["severity"], f["workbook"], f["sheet"], f["cell"]


def _described(monkeypatch, tmp_path: Path, old: str, new: str) -> Path:
    """A copy of the description with the label ``old`` written ``new``, used from now on (RPE_XL_DESCRIPTION)."""
    text = DESCRIPTION.read_text(encoding="utf-8")
    assert text.count(f"label: {old}\n") + text.count(f"label: {old},") == 1, old
    path = tmp_path / "classeurs.yaml"
    path.write_text(text.replace(f"label: {old}\n", f"label: {new}\n").replace(f"label: {old},", f"label: {new},"),
                    encoding="utf-8")
    monkeypatch.setenv("RPE_XL_DESCRIPTION", str(path))
    return path


def _list_header(path: Path, name: str) -> str:
    """Cell of the header of the list ``name`` on row 1 of the *Listes* sheet."""
    row = sheet_rows(path, "Listes")[0]
    return f"{chr(ord('A') + row.index(name))}1"


def _header_cell(path: Path, sheet: str, header: str) -> str:
    for r, row in enumerate(sheet_rows(path, sheet)[:10], start=1):
        if header in row:
            return f"{chr(ord('A') + row.index(header))}{r}"
    raise AssertionError(header)


# --- the description and the team's workbooks --------------------------------------------------------------------

def test_the_description_names_every_sheet_list_and_rubric_of_the_team_workbooks():
    from rpe_xl.read.description import description

    desc = description()
    assert desc.version == 1
    by_name = {s.name: s for wb in desc.workbooks for s in wb.sheets}
    for path in WORKBOOKS.glob("*.xlsx"):
        for name in CalamineWorkbook.from_path(str(path)).sheet_names:
            assert name in by_name or any(s.many and name.startswith(s.name) for s in by_name.values()), (path, name)
    assert sorted(FILES) == sorted(wb.kind for wb in desc.workbooks)
    for wb in desc.workbooks:  # every list of a column is a column of the team's Listes sheet of that workbook
        path = WORKBOOKS / FILES[wb.kind]
        names = CalamineWorkbook.from_path(str(path)).sheet_names
        lists = [str(x).strip() for x in sheet_rows(path, "Listes")[0]] if "Listes" in names else []
        for sheet in wb.sheets:
            assert sheet.name in names or not sheet.required or sheet.many, (wb.kind, sheet.name)
            for f in sheet.fields:
                assert not lists or not f.list_name or f.list_name in lists or f.list_key in ("communes",), \
                    (wb.kind, f.name, f.list_name)
    seance = [row[0] for row in sheet_rows(WORKBOOKS / BUREAU, "Séance")]
    contexte = [row[0] for row in sheet_rows(WORKBOOKS / BUREAU, "Contexte RPE")]
    for rubric in desc.rubrics["seance"].values():
        assert rubric.label in seance, rubric.label
    for rubric in desc.rubrics["contexte"].values():
        assert rubric.optional or any(str(k).startswith(rubric.label) for k in contexte), rubric.label


# French words of the description a module writes on purpose: the CAF bilan form's own wording, which stays when
# the team renames a list value, a sheet or a list.
_CAF_FORM = "wording of the CAF bilan form (the report keeps it whatever the team's lists say)"
ALLOWED_LITERALS = {
    **{("report/indicateurs_layout.py", text): _CAF_FORM for text in (
        "Autres sujets", "Information relative à l'exercice du métier",
        "Information relative à la disponibilité d'accueil", "Information relative au fonctionnement du Rpe",
        "Autres formations continues", "Prêt de matériel et fiche d'animation",
        "Les conditions d'accès et d'exercice du métier", "Le droit du travail", "Les formations continues",
        "Les passerelles entre les différents métiers", "L'éveil et le développement du jeune enfant",
        "Les besoins de l'enfant", "Le site monenfant.fr", "Les ressources du territoire",
        "La charte nationale d'accueil du jeune enfant")},
    ("report/indicateurs_layout.py", "Équipe"): "column header of the CAF time-split table (the team's total)",
    ("report/indicateurs_layout.py", "Garde à domicile"): "column header of the CAF professionals' contacts table",
    ("report/indicateurs_layout.py", "Communes"): "column header of the report's perimeter table",
    ("report/indicateurs_layout.py", "Date"): "column header of the report's perimeter table",
    ("report/indicateurs_sheets.py", "Équipe"): "finds the report's own « Équipe » column header (layout above)",
    ("report/indicateurs_sheets.py", "Séances"): "column header and chart series of the report's own sheet",
}
CHECKED = ("validate", "compute", "documents", "report")


def _forbidden() -> set[str]:
    """Every sheet name, list name, list value label and rubric label of the description, of more than 3 letters."""
    from rpe_xl.read.description import description

    desc = description()
    words = {s.name for wb in desc.workbooks for s in wb.sheets}
    words |= {spec.name for spec in desc.lists.values() if spec.name}
    words |= {v.label for spec in desc.lists.values() for v in spec.values}
    words |= {r.label for rubrics in desc.rubrics.values() for r in rubrics.values()}
    return {w for w in words if len(w) > 3}


def _literals(source: str, forbidden: set[str]) -> list[tuple[int, str]]:
    """(line, text) of the string constants of ``source`` that are forbidden words, docstrings aside."""
    tree = ast.parse(source)
    docs = {id(n.body[0].value) for n in ast.walk(tree)
            if isinstance(n, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
            and n.body and isinstance(n.body[0], ast.Expr) and isinstance(n.body[0].value, ast.Constant)}
    return [(node.lineno, node.value) for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and node.value in forbidden and id(node) not in docs]


def test_the_description_words_are_found_in_code_strings_but_not_in_docstrings_or_comments():
    forbidden = _forbidden()
    assert {"Hypothèses", "Répartition", "Animatrices", "Communes", "Autres activités", "Madame", "Oui/Non",
            "Date de la commission"} <= forbidden
    source = '''"""The *Hypothèses* sheet."""
SHEET = "Hypothèses"  # « Répartition »
def f():
    """Animatrices"""
    return {"Autres activités": 1}.get("Madame")
'''
    assert sorted(_literals(source, forbidden)) == [(2, "Hypothèses"), (5, "Autres activités"), (5, "Madame")]


def test_no_sheet_list_value_or_rubric_name_is_written_in_the_code():
    """A string constant of validate, compute, documents and report (docstrings and comments aside; the message
    templates of rpe_xl/codes_*.py may say them) is never a name the description gives by key, but for the
    occurrences allowed above with their reason."""
    forbidden = _forbidden()
    found = []
    for folder in CHECKED:
        for path in sorted((ROOT / "rpe_xl" / folder).rglob("*.py")):
            name = path.relative_to(ROOT / "rpe_xl").as_posix()
            found += [(name, line, text) for line, text in _literals(path.read_text(encoding="utf-8"), forbidden)
                      if (name, text) not in ALLOWED_LITERALS]
    assert found == []


# --- the sheet schemas -----------------------------------------------------------------------------------------

def test_legal_limits_are_those_in_force_at_the_date_checked(tmp_path):
    """Five AM in a MAM: too many before 1 September 2021 (four at most), allowed after (six)."""
    from rpe_xl.read import load
    from rpe_xl.validate.schema import validate_table

    rows = sheet_rows(WORKBOOKS / AM, "MAM")
    r = next(i for i, row in enumerate(rows, start=1) if str(row[0]).startswith("MAM "))
    cell = f"{_header_cell(WORKBOOKS / AM, 'MAM', 'Nb AM')[0]}{r}"
    folder = copy_team(tmp_path / "copie", {AM: {"MAM": {cell: 5}}})
    wb = load([folder / AM]).workbook("assistants_maternels")
    table = wb.tables["mam"]
    before = where([f.__dict__ for f in validate_table(wb, table, dt.date(2020, 6, 30))])
    after = where([f.__dict__ for f in validate_table(wb, table, dt.date(2025, 6, 30))])
    assert ("out-of-range", "MAM", cell) in before
    assert ("out-of-range", "MAM", cell) not in after


@pytest.mark.parametrize("phone", ["03 21 61 50 00", "0321615000", "+33 3 21 61 50 00", "03.21.61.50.00",
                                   "03,21,61,50,00", "03,2161,50,00", "03 21.61 50 00", "03 21 61 50",
                                   "13 21 61 50 00", "0321 61 50 00"])
def test_one_phone_pattern_for_listing_am_and_the_budget_forms(phone):
    from rpe_xl.validate.models import sheet_schema
    from rpe_xl.validate.rules.budget_forms import valid_phone

    listing = sheet_schema("assistants_maternels", "listing_am", dt.date(2025, 6, 30)).patterns["phone"]
    assert bool(re.match(listing, phone)) == valid_phone(phone)


def test_the_phone_pattern_accepts_and_refuses():
    from rpe_xl.validate.rules.budget_forms import valid_phone

    assert valid_phone("03 21 61 50 00") and valid_phone("03,21,61,50,00")
    assert not valid_phone("03,2161,50,00") and not valid_phone("03 21.61 50 00")


# --- a list value renamed ----------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def yes_renamed(tmp_path_factory) -> Path:
    """The team's workbooks with « Oui » written « OUI » everywhere (lists and cells)."""
    folder = tmp_path_factory.mktemp("oui") / "classeurs"
    folder.mkdir()
    for src in WORKBOOKS.glob("*.xlsx"):
        rewrite_texts(src, folder / src.name, lambda text: "OUI" if text == "Oui" else text)
    return folder


def _indicators(folder: Path) -> dict:
    code, out, _ = run("indicateurs", "--format", "json", str(folder))
    assert code in (0, 1), out
    return json.loads(out)["indicateurs"]


def test_a_renamed_list_value_needs_only_the_description_changed(yes_renamed, monkeypatch, tmp_path):
    assert "OUI" in [v for row in sheet_rows(yes_renamed / AM, "Listes")[1:] for v in row]
    team, figures = Counter(map(_key, verify(WORKBOOKS))), _indicators(WORKBOOKS)
    _described(monkeypatch, tmp_path, "Oui", "OUI")
    assert Counter(map(_key, verify(yes_renamed))) == team
    assert _indicators(yes_renamed) == figures


def test_a_renamed_list_value_the_description_lacks_is_reported_and_its_checks_wait(yes_renamed):
    found = new_findings(yes_renamed)
    unknown = [f for f in found if f["code"] == "list-value-unknown"]
    assert {(f["workbook"], f["sheet"], f["cell"]) for f in unknown} == {
        (SUIVI, "Listes", _list_header(WORKBOOKS / SUIVI, "Oui/Non")),
        (AM, "Listes", _list_header(WORKBOOKS / AM, "Oui/Non"))}
    assert all(f["value"] == "Oui" and f["expected"] == "OUI" and f["severity"] == "avertissement" for f in unknown)
    # no new fault elsewhere: the figures counting « Oui » wait, with an info at each declared cell (a finding of
    # the team's own verdict may be reworded, as its figure is now to recount)
    team = where(verify(WORKBOOKS))
    assert {k for k in where(found) if k[0] != "list-value-unknown"} - team <= {
        k for k in where(found) if k[0] == "declared-not-compared"}
    assert where(found, "declared-not-compared")


# --- a rubric renamed --------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def rubric_renamed(tmp_path_factory) -> Path:
    """The team's workbooks with the rubric « Date de la commission » of *Contexte RPE* written « Date commission »."""
    rows = sheet_rows(WORKBOOKS / BUREAU, "Contexte RPE")
    r = next(i for i, row in enumerate(rows, start=1) if row[0] == "Date de la commission")
    return copy_team(tmp_path_factory.mktemp("rubrique") / "classeurs",
                     {BUREAU: {"Contexte RPE": {f"A{r}": "Date commission"}}})


def _commission_date(folder: Path) -> tuple[str, list[str]]:
    from rpe_xl.documents.config import Collectivity
    from rpe_xl.documents.context import deliberation_context
    from rpe_xl.read import load

    question = int(sheet_rows(WORKBOOKS / BUREAU, "Délibérations")[4][0])
    built = deliberation_context(load([folder]), question, Collectivity("Communauté d'agglomération"))
    return built.values["contexte"]["commission_date"], built.holes


def test_a_renamed_rubric_needs_only_the_description_changed(rubric_renamed, monkeypatch, tmp_path):
    folder = rubric_renamed
    original, team = _commission_date(WORKBOOKS), Counter(map(_key, verify(WORKBOOKS)))
    _described(monkeypatch, tmp_path, "Date de la commission", "Date commission")
    assert Counter(map(_key, verify(folder))) == team
    assert _commission_date(folder) == original


def test_a_renamed_rubric_the_description_lacks_is_reported_and_left_out(rubric_renamed):
    folder = rubric_renamed
    found = new_findings(folder)
    assert where(found) == {("list-value-unknown", "Contexte RPE",
                             _header_cell(WORKBOOKS / BUREAU, "Contexte RPE", "Rubrique"))}
    assert found[0]["value"] == "Date de la commission" and found[0]["expected"] == "Date commission"
    value, holes = _commission_date(folder)
    assert "[à compléter" in value and any("Date de la commission" in h for h in holes)


def test_a_renamed_activity_category_needs_only_the_description_changed(monkeypatch, tmp_path):
    """The indicators' time-split rows and the categories a Correspondance activités row may take follow the
    description's ``categories_activite`` labels."""
    from rpe_xl.compute.planning import category_slug
    from rpe_xl.report.indicateurs_layout import sections

    def rows() -> list[str]:
        team = next(tables for title, tables in sections({}, {}) if title.startswith("2.1"))
        return [label for label, _ in team[-1][2]]

    assert "Autres activités" in rows() and "Autres tâches" not in rows()
    _described(monkeypatch, tmp_path, "Autres activités", "Autres tâches")
    assert "Autres tâches" in rows() and "Autres activités" not in rows()
    assert category_slug("Autres tâches") == "autres"


@pytest.mark.parametrize("typed, read", [("oui", "Oui"), ("O", "Oui"), ("yes", "Oui"), ("Vrai", "Oui"), ("x", "Oui"),
                                         ("1", "Oui"), ("NON", "Non"), ("n", "Non"), ("No", "Non"), ("faux", "Non"),
                                         ("0", "Non"), ("true", "true"), ("peut-être", "peut-être")])
def test_the_yes_no_spellings_are_those_of_the_description(typed, read):
    """A yes/no column reads the label and ``variants`` of the list ``oui_non`` as that value (a YAML ``Yes``
    left unquoted would be a boolean, and « yes » no longer read); any other text is left for the list check."""
    from rpe_xl.read.coerce import _ouinon

    assert _ouinon(typed, None).value == read
