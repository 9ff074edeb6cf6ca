"""Rules of the team: every person named is a member of the *Équipe* sheet, each planning's title included.

A name is matched on surname AND first name, ignoring case, accents and their order; a name that is a member but
not written as in the *Équipe* sheet (« NOM Prénom ») gets an info with the exact spelling; names joined by
« et », « , » or « & » in *Séances* get an info asking for « / ». A name whose check waits for a fault of the
*Équipe* rows themselves (misspelt there, emptied row: team_rows.py) is not reported.

Totals, ETP against hours and plannings: team_etp.py; faults of the *Équipe* rows: team_rows.py.
"""

from __future__ import annotations

import re
from typing import Iterable

import numpy as np
import pandas as pd

from ...findings import Finding, make
from ...read import Dataset
from ...read.description import list_name, shared_sheet_name
from ...text import clean_spaces, fr_number, fr_value, norm
from ..registry import rule
from .common import date_checks, present
from .planning import plannings
from .team_etp import doubtful_etp_cells, etp_checks, full_time_base, odd_one  # noqa: F401  (used by other rules)
from .team_rows import PERSON_COLUMNS, team_reference


def team_names(data: Dataset, ctx) -> list[str] | None:
    """« NOM Prénom » of each row of the *Équipe* sheet, as typed there; None when the team workbook is missing."""
    t = data.table("equipe", "equipe")
    if t is None or not (t.has("last_name") and t.has("first_name")):
        return None
    pairs = zip(t.df["last_name"], t.df["first_name"])
    return ctx.memo("team_names", lambda: [clean_spaces(f"{a} {b}") for a, b in pairs if present(a) and present(b)])


def suggest_person(value: object, names: Iterable[str]) -> str | None:
    """The name of ``names`` that ``value`` designates, ignoring case, accents, spaces and the order of the
    words (surname and first name swapped), or None.

    >>> suggest_person("Mélanie BALESDENT", ["BALESDENT Mélanie", "BAUSSART Maureen"])
    'BALESDENT Mélanie'
    >>> suggest_person("balesdent melanie", ["BALESDENT Mélanie"])
    'BALESDENT Mélanie'
    >>> suggest_person("BALESDENT Mélina", ["BALESDENT Mélanie"]) is None
    True
    """
    words = norm(value).split(" ")
    for name in names:
        other = norm(name).split(" ")
        if len(other) == len(words) and any(words == other[k:] + other[:k] for k in range(len(other))):
            return name
    return None


_JOINERS = re.compile(r"\s+(?:et|and)\s+|\s*[,;&+]\s*", re.I)


def _review(value: object, several: bool, names: list[str], accepted: set[str], header: str) -> list[tuple]:
    """Findings (code, template variant, values, value, expected) of one cell value naming one or several
    persons."""
    parts = [p.strip() for p in (str(value).split("/") if several else [str(value)]) if p.strip()]
    fixed, out, why = [], [], set()
    for part in parts:
        exact = part if part in accepted else suggest_person(part, names)
        if exact is None and several:
            pieces = [q.strip() for q in _JOINERS.split(part) if q.strip()]
            exacts = [q if q in accepted else suggest_person(q, names) for q in pieces]
            if len(pieces) > 1 and all(exacts):
                fixed += exacts
                why.add("séparez les noms par « / »")
                continue
        if exact is None:
            out.append(("unknown-person", "listed", {"typed": fr_value(part)}, part, None))
        elif exact != part:
            why.add("écrivez le NOM puis le Prénom" if norm(exact) != norm(part) else
                    "écrivez le nom avec les accents et majuscules de la feuille Équipe")
        fixed.append(exact or part)
    proper = " / ".join(fixed)
    if not out and why:
        out.append(("value-repaired", "person", {"header": header, "typed": fr_value(str(value).strip()),
                                                 "proper": fr_value(proper),
                                                 "fixes": " et ".join(sorted(why, reverse=True))}, str(value), proper))
    return out


@rule
def persons_in_team(data: Dataset, ctx) -> list[Finding]:
    """Animatrice columns, Séances' Animatrice(s), Formations équipe and the Listes « Animatrices »."""
    names = team_names(data, ctx)
    if names is None:
        return []
    held = team_reference(data, ctx).held_names
    findings = []
    for kind, key, field, several in PERSON_COLUMNS:
        t = data.table(kind, key)
        if t is None or not t.has(field):
            continue
        allowed = data.workbook(kind).lists.values.get(list_name("animatrices"), [])
        accepted = set(names) | set(allowed)
        header = data.workbook(kind).spec.sheet(key).field(field).header
        outdated: set[str] = set()
        codes, uniques = pd.factorize(t.df[field])  # the same few names fill long columns: review each once
        if not several:
            blank = [k for k, v in enumerate(uniques) if not present(v)]
            for i in np.flatnonzero(np.isin(codes, [-1, *blank])):
                findings.append(t.finding("missing-value", int(i), field, variant="animatrice"))
        for k, value in enumerate(uniques):
            if not present(value):
                continue
            problems = [p for p in _review(value, several, names, accepted, header)
                        if not (p[0] == "unknown-person" and norm(p[3]) in held)]
            name = value if not problems else next((e for c, _, _, _, e in problems if c == "value-repaired"), None)
            late = bool(allowed) and not several and name and name not in allowed and name not in outdated
            rows = np.flatnonzero(codes == k) if problems or late else ()
            for i in rows if problems else ():
                findings += [t.finding(c, int(i), field, variant=variant, **values, value=v, expected=e)
                             for c, variant, values, v, e in problems]
            if late:
                outdated.add(name)
                findings.append(t.finding("list-outdated", int(rows[0]), field,
                                          person=name, value=name))
    list_header = list_name("animatrices")
    for wb in data.workbooks.values():
        sheet = wb.sheet_names.get("listes", [shared_sheet_name("listes")])[0]
        for name, cell in zip(wb.lists.values.get(list_header, []), wb.lists.cells.get(list_header, [])):
            exact = name if name in names else suggest_person(name, names)
            if exact is None and norm(name) in held:
                continue
            if exact is None:
                findings.append(make("unknown-person", wb.name, sheet, cell, variant="listed", typed=fr_value(name),
                                     value=name))
            elif exact != name:
                findings.append(make("value-repaired", wb.name, sheet, cell,
                                     variant="animatrice_list", typed=fr_value(name), exact=fr_value(exact),
                                     value=name, expected=exact))
    return findings


@rule
def team_hire_dates(data: Dataset, ctx) -> list[Finding]:
    """Date d'embauche of the *Équipe* sheet: not in the future (a hire on any day of the week is possible)."""
    return date_checks(data.table("equipe", "equipe"), "hired", ctx.today, working_day=False)


@rule
def planning_etp(data: Dataset, ctx) -> list[Finding]:
    """The title names a member of the *Équipe* sheet and gives a readable ETP. (The title's ETP and the week's
    hours against the *Équipe* row are compared in rules/team.py, which weighs the three sources.)"""
    wb = data.workbook("equipe")
    team = data.table("equipe", "equipe")
    if wb is None or team is None or not team.has("first_name"):
        return []
    people = {norm(p): i for i, p in enumerate(team.df["first_name"]) if p}
    held = team_reference(data, ctx).held_plannings  # a fault of the Équipe rows, reported there
    out = []
    for plan in plannings(data, ctx):
        i = people.get(norm(plan.first_name))
        if i is None and plan.sheet in held:
            continue
        if i is None:
            out.append(make("unknown-person", wb.name, plan.sheet, plan.title_cell,
                            first_name=plan.first_name))
            continue
        if plan.etp is None:
            etp = team.df["etp"].iloc[i] if team.has("etp") else None
            out.append(make("etp-hours-mismatch", wb.name, plan.sheet, plan.title_cell,
                            first_name=plan.first_name,
                            etp=fr_number(etp, 2) if etp is not None and etp == etp else '1',
                            severity="avertissement"))
    return out
