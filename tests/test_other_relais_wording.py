"""The other relais worded its own way (tests/other_relais.py with ``relabel=True``): some drop-down list values
and a rubric of *Contexte RPE* read otherwise than in the team's workbooks, and the relais ships its own
description of the workbooks (``classeurs.yaml`` in its folder). With that description the tool gives the team's
verdict at the same cells and the same figures; with the package's description, each relabelled label the rules
need is named by one ``list-value-unknown``, and nothing crashes.

Cells and labels are located by reading the workbooks with python-calamine (``sheet_rows``).
"""

from __future__ import annotations

import json
import os
import unicodedata
from collections import Counter
from contextlib import contextmanager
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook

from conftest import AM, BUREAU, EQUIPE, SUIVI, WORKBOOKS, run, verify
from other_relais import build_other_relais
from other_relais_labels import RELABELS, renamed_indicators
from xlsx_edit import sheet_rows

ENV = "RPE_XL_DESCRIPTION"
# the workbooks holding the labels of each relabelled list or rubric sheet
FILES = {"oui_non": (SUIVI, AM), "motifs_familles": (SUIVI,), "types_action": (SUIVI,), "canaux": (SUIVI,),
         "statut_presence": (BUREAU,), "contexte": (BUREAU,)}


@pytest.fixture(scope="module")
def other(tmp_path_factory) -> Path:
    return build_other_relais(tmp_path_factory.mktemp("autre_relais_libelles") / "classeurs")


@pytest.fixture
def own_description(other, monkeypatch) -> Path:
    """The relais' own description in use (the package reads the file named by RPE_XL_DESCRIPTION at each call,
    and caches one description per path: nothing to clear)."""
    path = other / "classeurs.yaml"
    monkeypatch.setenv(ENV, str(path))
    return path


@contextmanager
def package_description():
    """The package's description in use, whatever RPE_XL_DESCRIPTION says outside."""
    saved = os.environ.pop(ENV, None)
    try:
        yield
    finally:
        if saved is not None:
            os.environ[ENV] = saved


def team_verdict() -> list[dict]:
    with package_description():
        return verify(WORKBOOKS)


def _texts(path: Path) -> Counter:
    wb = CalamineWorkbook.from_path(str(path))
    return Counter(v for name in wb.sheet_names for row in wb.get_sheet_by_name(name).to_python()
                   for v in row if isinstance(v, str) and v)


def _sheet_renames(other: Path) -> dict[str, str]:
    return {old: new for path in WORKBOOKS.glob("*.xlsx") for old, new in zip(
        CalamineWorkbook.from_path(str(path)).sheet_names, CalamineWorkbook.from_path(str(other / path.name)).sheet_names)}


def _first_names(folder: Path) -> list[str]:
    rows = sheet_rows(folder / EQUIPE, "Équipe")
    top = next(i for i, r in enumerate(rows) if "Nom" in r and "Prénom" in r)
    col = rows[top].index("Prénom")
    return [r[col] for r in rows[top + 1:] if r[col]]


def _ascii_key(name: str) -> str:
    plain = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    return plain.replace(" ", "-").replace("'", "-").lower()


def _figures(folder: Path) -> dict:
    code, out, _ = run("indicateurs", "--format", "json", str(folder))
    assert code in (0, 1), out
    return json.loads(out)


def _list_header(path: Path, name: str) -> str:
    row = sheet_rows(path, "Listes")[0]
    return f"{chr(ord('A') + row.index(name))}1"


# --- the relais' workbooks and description ------------------------------------------------------------------------


def test_the_relabelled_words_are_in_the_workbooks_and_the_old_ones_are_not(other):
    for r in RELABELS:
        for name in FILES[r.section]:
            team, found = _texts(WORKBOOKS / name), _texts(other / name)
            assert team[r.old] > 0 and found[r.new] == team[r.old], (name, r.old)
            assert found[r.old] == 0 and team[r.new] == 0, (name, r.new)


def test_the_relais_description_is_the_package_one_with_its_labels(other):
    from rpe_xl.read.description import DEFAULT, load

    own, package = load(str(other / "classeurs.yaml")), load(str(DEFAULT))
    for r in RELABELS:
        if r.key is None:
            continue
        if r.kind == "lists":
            labels = package.lists[r.section].value(r.key).label, own.lists[r.section].value(r.key).label
        else:
            labels = package.rubrics[r.section][r.key].label, own.rubrics[r.section][r.key].label
        assert labels == (r.old, r.new)
    assert own.workbooks == package.workbooks and own.patterns == package.patterns  # the rest is the package's


def test_the_relabels_span_lists_and_a_rubric_of_several_workbooks():
    assert {f for r in RELABELS for f in FILES[r.section]} >= {SUIVI, AM, BUREAU}
    assert any(r.kind == "rubrics" for r in RELABELS)
    assert 4 <= len({(r.section, r.key) for r in RELABELS if r.section != "oui_non"}) + 1 <= 6  # Oui/Non: one


# --- with its own description: the team's verdict and figures ---------------------------------------------------


def test_same_verdict_at_the_same_cells_with_the_relais_description(other, own_description):
    renames = _sheet_renames(other)

    def key(f: dict) -> tuple:
        return f["code"], f["severity"], f["workbook"], renames.get(f["sheet"], f["sheet"]), f["cell"]

    team, found = team_verdict(), verify(other)
    assert Counter(map(key, found)) == Counter(map(key, team))
    assert sum(f["code"] == "declared-not-compared" for f in found) == \
        sum(f["code"] == "declared-not-compared" for f in team)


def test_same_figures_with_the_relais_description(other, own_description):
    found = _figures(other)
    with package_description():
        team = _figures(WORKBOOKS)
    keys = {_ascii_key(o): _ascii_key(n) for o, n in zip(_first_names(WORKBOOKS), _first_names(other))}

    assert found["periode"] == team["periode"]
    assert found["indicateurs"] == renamed_indicators(team["indicateurs"], keys)
    assert found["indicateurs"]["am.actifs"] > 0  # the « OUI » of Listing AM are counted


# --- with the package's description: each relabelled label the rules need is named --------------------------------


@pytest.fixture(scope="module")
def package_verdict(other) -> list[dict]:
    with package_description():
        return verify(other)


def _unknown(found: list[dict]) -> dict[tuple[str, str, str], dict]:
    return {(f["workbook"], f["sheet"], f["cell"]): f for f in found if f["code"] == "list-value-unknown"}


LIST_NAMES = {"oui_non": "Oui/Non", "motifs_familles": "Motifs familles", "statut_presence": "Statuts",
              "types_action": "Types d'action", "canaux": "Canaux"}
# relabels no rule depends on: « Types d'action » are recognised by a keyword (« fete »), « Canaux » are taken from
# the workbook's own list; renaming them needs no change of the description, and nothing is reported
UNUSED = {"types_action", "canaux"}


def _where_named(relabel, name: str) -> tuple[str, str, str]:
    """(workbook, sheet, cell) where a label missing from the workbook is reported: the header of its list on
    *Listes*, or the header « Rubrique » of *Contexte RPE*."""
    if relabel.kind == "rubrics":
        rows = sheet_rows(WORKBOOKS / name, "Contexte RPE")
        r = next(i for i, row in enumerate(rows, start=1) if "Rubrique" in row)
        return name, "Contexte RPE", f"{chr(ord('A') + rows[r - 1].index('Rubrique'))}{r}"
    return name, "Listes", _list_header(WORKBOOKS / name, LIST_NAMES[relabel.section])


@pytest.mark.parametrize("relabel", [r for r in RELABELS if r.section not in UNUSED],
                         ids=lambda r: f"{r.section}.{r.key}")
def test_each_relabelled_label_is_named_with_the_package_description(other, package_verdict, relabel):
    unknown = _unknown(package_verdict)
    for name in FILES[relabel.section]:
        found = unknown.get(_where_named(relabel, name))
        assert found is not None, (name, relabel.old)
        assert relabel.old in found["value"].split(", ") and relabel.new in (found["expected"] or "").split(", ")
        assert f"« {relabel.old}" in found["message"] and found["severity"] == "avertissement"


@pytest.mark.parametrize("relabel", [r for r in RELABELS if r.section in UNUSED], ids=lambda r: f"{r.section}.{r.key}")
def test_a_relabelled_label_no_rule_uses_is_not_reported(other, package_verdict, relabel):
    assert not [f for f in package_verdict if f["code"] == "list-value-unknown" and relabel.old in (f["value"] or "")]


def test_with_the_package_description_only_the_relabels_and_what_waits_on_them_are_new(other, package_verdict):
    """Besides one list-value-unknown per workbook and relabelled list or rubric, the verdict differs only by the
    declared figures left uncompared (infos); and indicateurs still answer."""
    renames = _sheet_renames(other)
    team = Counter((f["code"], f["workbook"], renames.get(f["sheet"], f["sheet"]), f["cell"]) for f in team_verdict())
    found = Counter((f["code"], f["workbook"], f["sheet"], f["cell"]) for f in package_verdict)
    assert {k[0] for k in found - team} == {"list-value-unknown", "declared-not-compared"}
    named = {_where_named(r, name) for r in RELABELS if r.section not in UNUSED for name in FILES[r.section]}
    assert set(_unknown(package_verdict)) == named and len(named) == 5
    with package_description():
        figures = _figures(other)
    assert figures["periode"] and "am.actifs" in figures["indicateurs"]


def test_indicateurs_names_the_unknown_labels_its_figures_depend_on(other, package_verdict):
    """The figures counting « Oui » fall to 0 when the workbook says « OUI » and the description is not updated:
    ``indicateurs`` says so with the same list-value-unknown findings as ``verifier``."""
    with package_description():
        code, out, err = run("indicateurs", str(other))
    assert code in (0, 1), err
    assert out.count("[list-value-unknown]") == len(_unknown(package_verdict)) == 5
    with package_description():
        code, out, _ = run("indicateurs", str(WORKBOOKS))
    assert "[list-value-unknown]" not in out
