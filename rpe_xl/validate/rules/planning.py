"""Rules on the weekly planning grids: blocks parse, carry their times, do not overlap, add up to the typed TOTAL.
(Each block's category in *Correspondance activités*: planning_activities.py; the title against the *Équipe*
sheet: team.py.)"""

from __future__ import annotations

import re

from ...compute.planning import TOTAL_TOLERANCE, Planning, team_plannings
from ...findings import Finding, make
from ...read import Dataset
from ...read.planning_cell import TimeError
from ...text import norm
from ..registry import rule

HOURS_TOLERANCE = TOTAL_TOLERANCE  # half a minute


def _parsed(data: Dataset, ctx) -> tuple[list[Planning], list[tuple[Planning, Planning]]]:
    return ctx.memo("plannings_distinct", lambda: team_plannings(data))


def plannings(data: Dataset, ctx) -> list[Planning]:
    """Parsed ``Planning …`` sheets of the équipe workbook, one per animatrice (a copied sheet naming the same
    first name is left out, see :func:`planning_copies`), shared by the rules of one run."""
    return _parsed(data, ctx)[0]


@rule
def planning_copies(data: Dataset, ctx) -> list[Finding]:
    """Two planning sheets for one first name (``Planning Doris (2)``): one warning at the copy, which is left
    out of every count (else the animatrice's hours would count twice)."""
    wb = data.workbook("equipe")
    if wb is None:
        return []
    return [make("duplicate-person", wb.name, copy.sheet, copy.title_cell,
                 variant="planning_copy", sheet_name=copy.sheet, first_name=kept.first_name, sheet_name2=kept.sheet,
                 value=copy.sheet, expected=kept.sheet)
            for copy, kept in _parsed(data, ctx)[1]]


def hm(hours: float) -> str:
    """7.5 -> ``7h30``, 7.0 -> ``7h``."""
    whole, minutes = int(hours), round((hours - int(hours)) * 60)
    if minutes == 60:
        whole, minutes = whole + 1, 0
    return f"{whole}h{minutes:02d}" if minutes else f"{whole}h"


_FAULTS = {
    "hour": "l'heure va de 0 à 23",
    "separator": "un seul « h » entre l'heure et les minutes",
    "minutes": "les minutes vont de 00 à 59",
}


def _diagnosis(error: TimeError) -> str:
    """What is wrong in one unreadable piece, in French."""
    if error.reversed:
        return "l'heure de fin n'est pas après l'heure de début"
    if not error.bad:
        return "aucun créneau « début à fin » lisible"
    said = []
    for typed, fault in error.bad:
        if fault == "digits":
            hours, minutes = re.split(r"\s*[hH:]+\s*", typed, maxsplit=1)
            guesses = [f"{hours}h0{minutes}"] + ([f"{hours}h{minutes}0"] if int(minutes) < 6 else []) \
                if len(minutes) == 1 else []
            shown = " ou ".join(f"« {g} »" for g in guesses)
            said.append(f"« {typed} » : minutes sur deux chiffres" + (f", {shown} ?" if shown else ""))
        else:
            said.append(f"« {typed} » : {_FAULTS[fault]}")
    return " ; ".join(said)


def time_error_values(pieces: list[TimeError]) -> dict[str, str | None]:
    """Variant and values of the ``invalid-time`` message of the unreadable pieces of one cell. The example is built
    from the cell: the block's start as typed (``« 8h30 à HHhMM »``), never a fixed range that would read as an
    instruction.

    >>> values = time_error_values([TimeError("8h30 à 9h1", "8h30", (("9h1", "digits"),))])
    >>> "« 9h01 » ou « 9h10 » ?" in values["pieces"], values["variant"], values["start"]
    (True, 'slot_start', '8h30')
    """
    one = len(pieces) == 1
    start = pieces[0].start if one else None
    return {"variant": "slots" if not one else "slot_start" if start else "slot", "start": start,
            "pieces": " ; ".join(f"« {p.text} » ({_diagnosis(p)})" for p in pieces)}


def _untimed_values(plan: Planning, where: str, lines: list[str]) -> dict[str, str]:
    """Variant and values of the message of an activity typed without its hours: what the day's TOTAL says is
    missing."""
    day = plan.cell_days.get(where, "")
    total = next((t.hours for t in plan.totals if t.day == day and t.hours is not None), None)
    missing = total - plan.day_hours(day) if total is not None else 0.0
    return {"variant": "total_more" if missing > HOURS_TOLERANCE else "default", "day": day,
            "activity": lines[0] if len(lines[0]) <= 60 else lines[0][:57] + "…",
            "total": hm(total) if total is not None else None, "missing": hm(missing)}


@rule
def planning_blocks(data: Dataset, ctx) -> list[Finding]:
    """Unreadable times, activities typed without times, overlapping blocks, TOTAL row against the blocks (not for
    a day with an unreadable, untimed or overlapping block: its sum is unknown)."""
    wb = data.workbook("equipe")
    if wb is None:
        return []
    out: list[Finding] = []
    for plan in plannings(data, ctx):
        for where, pieces in plan.cell_errors.items():
            out.append(make("invalid-time", wb.name, plan.sheet, where, **time_error_values(pieces),
                            value=" ; ".join(p.text for p in pieces)))
        for where, text in plan.formula_errors.items():
            out.append(make("formula-error", wb.name, plan.sheet, where,
                            variant="planning_slots", raw=text, value=text))
        for where, lines in plan.untimed_slots.items():
            out.append(make("planning-slot-without-time", wb.name, plan.sheet, where,
                            **_untimed_values(plan, where, lines), value=" ; ".join(lines)))
        for prev, cur in plan.overlaps:
            out.append(make("planning-overlap", wb.name, plan.sheet, cur.cell,
                            day=cur.day.capitalize(), start=hm(cur.start), end=hm(cur.end), start2=hm(prev.start),
                            end2=hm(prev.end),
                            value=f"{hm(cur.start)}-{hm(cur.end)}", expected=f">= {hm(prev.end)}"))
        for total in plan.totals:
            known = total.day not in plan.error_days
            computed = plan.day_hours(total.day)
            if total.formula_error:
                shown = f"« {hm(computed)} »" if known else "des créneaux du jour"
                out.append(make("formula-error", wb.name, plan.sheet, total.cell,
                                variant="planning_total", day=total.day, raw=str(total.raw).strip(), shown=shown,
                                value=str(total.raw).strip(), expected=hm(computed) if known else None))
                continue
            if not known:
                continue  # unreadable or overlapping blocks: the sum is unknown, their finding says what to fix
            if total.error:
                out.append(make("invalid-time", wb.name, plan.sheet, total.cell,
                                variant="planning_total", day=total.day, computed=hm(computed),
                                value=str(total.raw), expected=hm(computed)))
            elif total.hours is None:
                if computed > HOURS_TOLERANCE:
                    out.append(make("planning-total-mismatch", wb.name, plan.sheet, total.cell,
                                    day=total.day, computed=hm(computed), value=None, expected=round(computed, 2)))
            elif abs(total.hours - computed) > HOURS_TOLERANCE:
                out.append(make("planning-total-mismatch", wb.name, plan.sheet, total.cell,
                                variant="typed", day=total.day, hours=hm(total.hours), computed=hm(computed),
                                value=round(total.hours, 2), expected=round(computed, 2)))
    return out


def planning_rows(data: Dataset, ctx) -> dict[int, Planning]:
    """{row index of the *Équipe* table: her planning}, matched on the first name of the title."""
    def build() -> dict[int, Planning]:
        team = data.table("equipe", "equipe")
        if team is None or not team.has("first_name"):
            return {}
        people: dict[str, int] = {}
        for i, p in enumerate(team.df["first_name"]):
            if p:
                people.setdefault(norm(p), i)  # a person listed twice: her planning goes with the first row
        out: dict[int, Planning] = {}
        for plan in plannings(data, ctx):
            i = people.get(norm(plan.first_name))
            if i is not None:
                out.setdefault(i, plan)
        return out
    return ctx.memo("planning_rows", build)
