"""Legal rules read at their date from ``rpe_xl/data/`` (dated parameters), not written in the code: the Bureau's
quorum and proxies at the séance's date (a third of the members, present or represented, and two proxies per
member during the covid-19 derogations; the majority of the members physically present and one proxy otherwise),
the first date of an agrément (loi du 17 mai 1977) and of a commune's adhesion to a relais (1989).

Séances are copies of the team's Bureau workbook whose *Séance* date and file name are changed; the cells to edit
are found by reading the workbook (names, statuses and mandataires of *Présences*), never from the code.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from conftest import AM, BUREAU, TERRITOIRE, WORKBOOKS, copy_team, verify, where
from xlsx_edit import sheet_rows

COVID_DAY, TODAY_DAY = dt.date(2021, 3, 1), dt.date(2025, 9, 30)


def _key(*parts: object) -> str:
    return " ".join(str(p or "").strip().casefold() for p in parts)


def _header(rows: list[list], first: str) -> int:
    return next(i for i, r in enumerate(rows) if r and str(r[0]).strip() == first)


def _seance_cell(label: str) -> str:
    """The value cell of a rubric of the *Séance* sheet."""
    rows = sheet_rows(WORKBOOKS / BUREAU, "Séance")
    return f"B{next(i for i, r in enumerate(rows) if str(r[0]).strip() == label) + 1}"


def _presences() -> tuple[list[list], int]:
    rows = sheet_rows(WORKBOOKS / BUREAU, "Présences")
    return rows, _header(rows, "Nom")


def _plain_present_rows() -> list[int]:
    """0-based rows of members present from the opening who carry no proxy and hold no office."""
    rows, head = _presences()
    seance = sheet_rows(WORKBOOKS / BUREAU, "Séance")
    officers = {_key(r[1]) for r in seance if str(r[0]).strip() in ("Président", "Secrétaire de séance")}
    holders = {_key(r[3]) for r in rows[head + 1:] if r[2] == "Représenté"}
    return [i for i, r in enumerate(rows) if i > head and r[2] == "Présent" and not str(r[4]).strip()
            and _key(r[0], r[1]) not in holders | officers]


def seance_copy(folder: Path, day: dt.date, presences: dict[str, object] | None = None) -> Path:
    """The team's workbooks with the Bureau's séance moved to ``day`` (*Séance* date and file name) and
    ``presences`` cells edited."""
    copy_team(folder, {BUREAU: {"Séance": {_seance_cell("Date"): day}, "Présences": presences or {}}})
    (folder / BUREAU).rename(folder / f"Bureau_{day.isoformat()}.xlsx")
    return folder


def with_present(count: int) -> dict[str, object]:
    """*Présences* edits leaving ``count`` members present at the question (plain present members made absent);
    the proxies and their holders are kept."""
    rows, head = _presences()
    present_at_question = [i for i, r in enumerate(rows) if i > head and r[2] == "Présent" and not str(r[4]).strip()]
    plain = _plain_present_rows()
    drop = len(present_at_question) - count
    assert 0 < drop <= len(plain)
    return {f"C{i + 1}": "Absent excusé" for i in plain[:drop]}


def _quorum(folder: Path) -> list[dict]:
    return [f for f in verify(folder) if f["code"] == "quorum-not-met"]


@pytest.mark.parametrize("day, present, needed", [
    (TODAY_DAY, 30, 51),   # majority of 101, proxies not counted: 30 present fail
    (COVID_DAY, 20, 34),   # a third of 101, present or represented: 20 + 12 proxies fail
])
def test_quorum_not_met_at_the_rule_of_the_seance_date(tmp_path, day, present, needed):
    found = _quorum(seance_copy(tmp_path / "c", day, with_present(present)))
    assert found and {f["expected"] for f in found} == {needed}


def test_a_third_present_or_represented_is_a_quorum_during_the_covid_derogations(tmp_path):
    """30 present + 12 valid proxies = 42 >= 34 (a third of 101) on 1 March 2021; the same attendance on the
    séance's own date is short of the majority (test above)."""
    assert _quorum(seance_copy(tmp_path / "c", COVID_DAY, with_present(30))) == []


def _second_proxy() -> tuple[str, dict[str, object]]:
    """A represented member whose proxy is moved to a member who already carries one: (its cell, the edit)."""
    rows, head = _presences()
    givers = [i for i, r in enumerate(rows) if i > head and r[2] == "Représenté" and str(r[3]).strip()]
    first, second = givers[0], givers[1]
    cell = f"D{second + 1}"
    return cell, {cell: rows[first][3]}


def test_a_member_carries_one_proxy_today_and_two_during_the_derogations(tmp_path):
    cell, edit = _second_proxy()
    today = verify(seance_copy(tmp_path / "a", TODAY_DAY, edit))
    covid = verify(seance_copy(tmp_path / "b", COVID_DAY, edit))
    assert ("proxy-multiple", "Présences", cell) in where(today, "proxy-multiple")
    assert where(covid, "proxy-multiple") == set()
    assert "CGCT L2121-20" in next(f["message"] for f in today if f["code"] == "proxy-multiple")


def test_the_rules_are_those_of_the_date(tmp_path):
    """The dated parameters themselves: the covid-19 windows, and the general rule before and after them."""
    from rpe_xl.compute.seance_rules import rules_at

    assert (rules_at(COVID_DAY).needed(101), rules_at(COVID_DAY).proxies_per_member) == (34, 2)
    assert rules_at(COVID_DAY).represented_count
    for day in (dt.date(2019, 6, 1), dt.date(2020, 10, 1), dt.date(2021, 10, 15), TODAY_DAY):
        rules = rules_at(day)
        assert (rules.needed(101), rules.needed(100), rules.proxies_per_member) == (51, 51, 1), day
        assert not rules.represented_count
    for day in (dt.date(2020, 4, 15), dt.date(2020, 12, 1), dt.date(2022, 3, 1)):
        assert rules_at(day).needed(30) == 10 and rules_at(day).proxies_per_member == 2, day


def _first_data_row(path: Path, sheet: str, first_header: str) -> int:
    rows = sheet_rows(path, sheet)
    return _header(rows, first_header) + 2  # 1-based row below the header


def _column(path: Path, sheet: str, first_header: str, header: str) -> str:
    rows = sheet_rows(path, sheet)
    return chr(ord("A") + rows[_header(rows, first_header)].index(header))


@pytest.mark.parametrize("day, flagged", [(dt.date(1977, 5, 16), True), (dt.date(1977, 5, 17), False)])
def test_an_agrement_before_the_status_of_assistante_maternelle_is_implausible(tmp_path, day, flagged):
    cell = (_column(WORKBOOKS / AM, "Listing AM", "Code AM", "Date d'agrément")
            + str(_first_data_row(WORKBOOKS / AM, "Listing AM", "Code AM")))
    found = verify(copy_team(tmp_path / "c", {AM: {"Listing AM": {cell: day}}}))
    assert (("implausible-date", "Listing AM", cell) in where(found, "implausible-date")) is flagged


@pytest.mark.parametrize("day, flagged", [(dt.date(1989, 6, 26), True), (dt.date(1989, 6, 27), False)])
def test_an_adhesion_before_the_first_relais_is_implausible(tmp_path, day, flagged):
    cell = (_column(WORKBOOKS / TERRITOIRE, "Communes", "Commune", "Date d'adhésion")
            + str(_first_data_row(WORKBOOKS / TERRITOIRE, "Communes", "Commune")))
    found = verify(copy_team(tmp_path / "c", {TERRITOIRE: {"Communes": {cell: day}}}))
    assert (("implausible-date", "Communes", cell) in where(found, "implausible-date")) is flagged
