"""Parameters a team or its Caf sets (CAF rate, ceiling per ETP, bonus): the ``[parametres]`` section of
``rpe-xl.toml``, looked for in the working folder and then beside the workbooks, over the package's values.

Costs and ETP are read from the budget form with python-calamine (``sheet_rows``), not from the code under test.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest

from conftest import BUDGET, WORKBOOKS, copy_team, verify
from xlsx_edit import sheet_rows


@pytest.fixture
def empty_cwd(tmp_path, monkeypatch):
    """An empty working folder: no rpe-xl.toml there."""
    work = tmp_path / "travail"
    work.mkdir()
    monkeypatch.chdir(work)
    return work


def form_figures(year: int) -> tuple[Decimal, Decimal]:
    """(total des charges, ETP) of the budget form of ``year``."""
    rows = sheet_rows(WORKBOOKS / BUDGET, f"BP {year}")
    cost = next(r[1] for r in rows if str(r[0]).strip() == "TOTAL DES CHARGES")
    etp = next(r[1] for r in rows if str(r[0]).startswith("Nombre d'Equivalent Temps Plein"))
    return Decimal(str(cost)), Decimal(str(etp))


def caf_rules(folder: Path) -> dict[str, dict]:
    """The ``caf-rule`` finding of each form, by sheet."""
    return {f["sheet"]: f for f in verify(folder) if f["code"] == "caf-rule"}


def test_ceiling_beside_the_workbooks_gives_the_caf_amount(tmp_path, empty_cwd):
    folder = copy_team(tmp_path / "classeurs")
    without = caf_rules(folder)
    assert without and all(f["expected"] is None for f in without.values())
    (folder / "rpe-xl.toml").write_text("[parametres]\ncaf.rpe.taux = 0.5\ncaf.rpe.plafond_par_etp = 50000\n",
                                        encoding="utf-8")
    found = caf_rules(folder)
    assert set(found) == set(without)
    for sheet, f in found.items():
        cost, etp = form_figures(int(sheet.split()[-1]))
        amount = (Decimal("0.5") * min(cost, Decimal(50000) * etp)).quantize(Decimal("0.01"), ROUND_HALF_UP)
        assert f["expected"] == float(amount), sheet
        assert "Paramètres CAF manquants" not in f["message"]


def test_without_the_file_the_message_names_the_place_and_the_lines_to_paste(tmp_path, empty_cwd):
    found = caf_rules(copy_team(tmp_path / "classeurs"))
    assert found
    for f in found.values():
        assert "rpe-xl.toml" in f["message"] and "rpe_xl/data" not in f["message"]
        lines = [ln.strip() for ln in f["message"].split("\n")[1:]]
        assert lines[0] == "[parametres]"
        pasted = tomllib.loads("\n".join(lines))["parametres"]["caf"]["rpe"]
        assert set(pasted) == {"plafond_par_etp", "bonus_mission_renforcee"}


def test_pasted_lines_left_as_they_are_change_nothing(tmp_path, empty_cwd):
    """Twin of the two above: the lines of the message, pasted without a value, keep the amount unknown."""
    folder = copy_team(tmp_path / "classeurs")
    message = next(iter(caf_rules(folder).values()))["message"]
    (folder / "rpe-xl.toml").write_text("\n".join(ln.strip() for ln in message.split("\n")[1:]) + "\n",
                                        encoding="utf-8")
    assert all(f["expected"] is None for f in caf_rules(folder).values())


def test_dated_value_holds_from_its_date(tmp_path, empty_cwd):
    folder = copy_team(tmp_path / "classeurs")
    (folder / "rpe-xl.toml").write_text("[parametres]\ncaf.rpe.plafond_par_etp = { 2028-01-01 = 50000 }\n",
                                        encoding="utf-8")
    found = caf_rules(folder)
    years = {int(s.split()[-1]): f["expected"] for s, f in found.items()}
    assert {y for y, amount in years.items() if amount is not None} == {y for y in years if y >= 2028}


def test_working_folder_file_comes_first(tmp_path, empty_cwd):
    folder = copy_team(tmp_path / "classeurs")
    (folder / "rpe-xl.toml").write_text("[parametres]\ncaf.rpe.plafond_par_etp = 50000\n", encoding="utf-8")
    (empty_cwd / "rpe-xl.toml").write_text("[collectivite]\nnom = \"CA\"\n", encoding="utf-8")
    assert all(f["expected"] is None for f in caf_rules(folder).values())


def test_a_value_that_is_no_number_is_said(tmp_path, empty_cwd):
    folder = copy_team(tmp_path / "classeurs")
    (folder / "rpe-xl.toml").write_text("[parametres]\ncaf.rpe.plafond_par_etp = \"douze mille\"\n",
                                        encoding="utf-8")
    for f in caf_rules(folder).values():
        assert f["expected"] is None
        assert re.search(r"caf\.rpe\.plafond_par_etp = « douze mille » n'est pas un nombre", f["message"])


def test_legal_limits_are_not_settable(tmp_path, empty_cwd):
    from rpe_xl.parameters import effective, parameter, settings

    (tmp_path / "rpe-xl.toml").write_text("[parametres]\nagrement.places_par_am = 9\ncaf.rpe.taux = 0.4\n",
                                          encoding="utf-8")
    found = settings([tmp_path])
    assert any(p.startswith("agrement.places_par_am") for p in found.problems)
    day = dt.date(2026, 1, 1)
    assert effective("agrement/places_par_am", [tmp_path]).at(day) == parameter("agrement/places_par_am").at(day)
    assert effective("caf/rpe/taux", [tmp_path]).at(day) == Decimal("0.4")
