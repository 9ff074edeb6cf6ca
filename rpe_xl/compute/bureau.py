"""The people of the Bureau workbook: the attendance sheet matched with the list of members (the roster), the
members in office, and the rules of the séance at its date.

Functions over the tables the reader built (:class:`~rpe_xl.read.table.Table`), shared by the séance rules, the
deliberation and its SCDL export. A ``ctx`` (the run's context) lets one run build the roster once.

>>> r = roster(load([Path("workbooks")]))                                    # doctest: +SKIP
>>> members_in_office(load([Path("workbooks")])), len(r.unique)              # doctest: +SKIP
(101, 101)
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from ..read.dataset import value_of
from ..read.description import rubric
from ..read.label_sheet import as_date, as_int, cell_text
from .roster import Roster, build_roster
from .seance import MAX_QUESTION, Attendee, person_key
from .seance_rules import SeanceRules, rules_at

if TYPE_CHECKING:
    from ..read import Dataset, Table

FILE_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")  # Bureau_AAAA-MM-JJ.xlsx


def bureau_tables(data: Dataset) -> tuple[Table | None, Table | None, Table | None]:
    """The *Membres*, *Présences* and *Délibérations* tables of the Bureau workbook."""
    return data.table("bureau", "membres"), data.table("bureau", "presences"), data.table("bureau", "deliberations")


def usable(table: Table | None, *fields: str) -> bool:
    """The table exists and none of ``fields`` is a missing column (already reported as ``missing-column``)."""
    return table is not None and not any(f in table.missing or not table.has(f) for f in fields)


def officers() -> tuple[str, str]:
    """The rubrics of *Séance* naming the séance's officers: the president and the secretary."""
    return rubric("seance", "president"), rubric("seance", "secretaire")


def attendees(presences, membres=None, unreadable_arrivals: set[int] = frozenset()) -> list[Attendee]:
    """Attendees from the *Présences* DataFrame (fields of ``read/specs.py``), ranks from *Membres*;
    ``unreadable_arrivals``: rows whose « À partir de la question » was typed but could not be read."""
    ranks: dict[str, int] = {}
    if membres is not None and "rank" in membres:
        for last, first, rank in zip(membres["last_name"], membres["first_name"], membres["rank"]):
            if as_int(rank) is not None:
                ranks.setdefault(person_key(last, first), as_int(rank))
    people = []
    for i, (last, first, status, holder, start) in enumerate(zip(
            presences["last_name"], presences["first_name"], presences["status"], presences["proxy_holder"],
            presences["from_question"])):
        last, first, start = cell_text(last), cell_text(first), as_int(start)
        unknown = i in unreadable_arrivals or (start is not None and start < 1)
        people.append(Attendee(last, first, cell_text(status) or None, cell_text(holder) or None,
                               None if unknown else start, ranks.get(person_key(last, first)), unknown))
    return people


def implausible_arrivals(presences: Table | None) -> set[int]:
    """Rows whose « À partir de la question » is too large to be a question number (a date Excel made of it)."""
    if not usable(presences, "from_question"):
        return set()
    numbers = presences.df["from_question"].astype("Float64")
    return set(numbers.index[(numbers > MAX_QUESTION).fillna(False)].tolist())


def roster(data: Dataset, ctx=None) -> Roster | None:
    """The attendance sheet matched with *Membres* (see :func:`~rpe_xl.compute.roster.build_roster`), or None
    without names."""
    membres, presences, _ = bureau_tables(data)
    if not usable(presences, "last_name", "first_name"):
        return None

    def build() -> Roster:
        unreadable = {i for i, f in presences.bad_cells if f == "from_question"} | implausible_arrivals(presences)
        people = attendees(presences.df, membres.df if membres is not None else None, unreadable)
        members = (list(zip(map(cell_text, membres.df["last_name"]), map(cell_text, membres.df["first_name"])))
                   if usable(membres, "last_name", "first_name") else [])
        seance = data.table("bureau", "seance")
        named = [str(value_of(seance, k)[0] or "") for k in officers()] if seance is not None else []
        return build_roster(people, members, named)

    return ctx.memo("bureau-roster", build) if ctx is not None else build()


def members_in_office(data: Dataset) -> int:
    """Members in office: rows of *Membres*, else the Séance's declared figure."""
    membres = data.table("bureau", "membres")
    if membres is not None and len(membres):
        return len(membres)
    seance = data.table("bureau", "seance")
    declared, _ = value_of(seance, rubric("seance", "membres_en_exercice")) if seance is not None else (None, None)
    return int(declared) if isinstance(declared, (int, float)) else 0


def file_date(name: str) -> dt.date | None:
    """The séance's date in the workbook's name: ``file_date("Bureau_2025-09-30.xlsx") == dt.date(2025, 9, 30)``."""
    m = FILE_DATE.search(name or "")
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3))) if m else None
    except ValueError:
        return None


def seance_date(data: Dataset) -> dt.date | None:
    """The séance's date: the *Séance* sheet's, else the one of the workbook's name (None without either)."""
    seance, wb = data.table("bureau", "seance"), data.workbook("bureau")
    typed = as_date(value_of(seance, rubric("seance", "date"))[0]) if seance is not None else None
    return typed or (file_date(wb.name) if wb is not None else None)


def seance_rules(data: Dataset) -> SeanceRules:
    """The quorum and proxy rules in force on the séance's date (today's when it has none)."""
    return rules_at(seance_date(data))
