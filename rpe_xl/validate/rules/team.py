"""Rules of the team: every person named is a member of the *Équipe* sheet; totals and ETP of the animatrices.

A name is matched on surname AND first name, ignoring case, accents and their order; a name that is a member but
not written as in the *Équipe* sheet (« NOM Prénom ») gets an info with the exact spelling; names joined by
« et », « , » or « & » in *Séances* get an info asking for « / ».

ETP against weekly hours: the full-time base is the one most animatrices share (hours / ETP, 35 in the
team's file); when no strict majority of animatrices agrees, the legal full time of
``rpe_xl/data/temps_de_travail.yaml`` (35 h, Code du travail L3121-27) is used. Four sources say how long an
animatrice works: ``Heures hebdo`` and ``ETP`` of *Équipe*, the ETP in her planning's title and the hours of
her planning's blocks (when readable). When they disagree and all but one agree, the odd one is reported at its
cell; otherwise the ETP cell (hours against ETP) and the planning's title (planning against *Équipe*) are.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Iterable

import numpy as np
import pandas as pd

from ...findings import Finding, make
from ...read import Dataset, Table
from ...reference import full_time_hours
from ...text import clean_spaces, fr_number, fr_value, norm
from ..registry import rule
from .assistants import total_findings
from .common import date_checks, present
from .planning import HOURS_TOLERANCE, Planning, hm, planning_rows

# (workbook kind, table key, field, several names separated by "/")
PERSON_COLUMNS = (
    ("suivi", "contacts_familles", "animatrice", False),
    ("suivi", "contacts_pros", "animatrice", False),
    ("suivi", "seances", "animatrices", True),
    ("equipe", "formations_equipe", "animatrice", False),
)
TOLERANCE_HOURS = 0.1  # hours against ETP × base


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
    """Findings (code, message, value, expected) of one cell value naming one or several persons."""
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
            out.append(("unknown-person", _unknown(part), part, None))
        elif exact != part:
            why.add("écrivez le NOM puis le Prénom" if norm(exact) != norm(part) else
                    "écrivez le nom avec les accents et majuscules de la feuille Équipe")
        fixed.append(exact or part)
    proper = " / ".join(fixed)
    if not out and why:
        message = (f"{header} : {fr_value(str(value).strip())} lu comme {fr_value(proper)} ; "
                   f"{' et '.join(sorted(why, reverse=True))} : saisissez {fr_value(proper)}.")
        out.append(("value-repaired", message, str(value), proper))
    return out


def _unknown(name: str) -> str:
    return (f"{fr_value(name)} n'est pas dans la feuille Équipe du classeur équipe (nom et prénom) : corrigez "
            "l'orthographe (NOM Prénom), ou ajoutez cette personne à la feuille Équipe.")


@rule
def persons_in_team(data: Dataset, ctx) -> list[Finding]:
    """Animatrice columns, Séances' Animatrice(s), Formations équipe and the Listes « Animatrices »."""
    names = team_names(data, ctx)
    if names is None:
        return []
    findings = []
    for kind, key, field, several in PERSON_COLUMNS:
        t = data.table(kind, key)
        if t is None or not t.has(field):
            continue
        allowed = data.workbook(kind).lists.values.get("Animatrices", [])
        accepted = set(names) | set(allowed)
        header = data.workbook(kind).spec.sheet(key).field(field).header
        outdated: set[str] = set()
        codes, uniques = pd.factorize(t.df[field])  # the same few names fill long columns: review each once
        if not several:
            blank = [k for k, v in enumerate(uniques) if not present(v)]
            for i in np.flatnonzero(np.isin(codes, [-1, *blank])):
                findings.append(t.finding("missing-value", int(i), field, "Animatrice : cellule vide ; choisissez "
                                          "l'animatrice dans la liste."))
        for k, value in enumerate(uniques):
            if not present(value):
                continue
            problems = _review(value, several, names, accepted, header)
            name = value if not problems else next((e for c, _, _, e in problems if c == "value-repaired"), None)
            late = bool(allowed) and not several and name and name not in allowed and name not in outdated
            rows = np.flatnonzero(codes == k) if problems or late else ()
            for i in rows if problems else ():
                findings += [t.finding(c, int(i), field, msg, value=v, expected=e) for c, msg, v, e in problems]
            if late:
                outdated.add(name)
                findings.append(t.finding("list-outdated", int(rows[0]), field,
                                          f"{name} n'est pas dans la liste déroulante « Animatrices » de la "
                                          "feuille Listes : ajoutez-la à la liste.", value=name))
    for wb in data.workbooks.values():
        sheet = wb.sheet_names.get("listes", ["Listes"])[0]
        for name, cell in zip(wb.lists.values.get("Animatrices", []), wb.lists.cells.get("Animatrices", [])):
            exact = name if name in names else suggest_person(name, names)
            if exact is None:
                findings.append(make("unknown-person", wb.name, sheet, cell, _unknown(name), value=name))
            elif exact != name:
                findings.append(make("value-repaired", wb.name, sheet, cell,
                                     f"Animatrices : {fr_value(name)} n'est pas écrit comme dans la feuille Équipe : "
                                     f"saisissez {fr_value(exact)} (NOM Prénom).", value=name, expected=exact))
    return findings


@rule
def team_hire_dates(data: Dataset, ctx) -> list[Finding]:
    """Date d'embauche of the *Équipe* sheet: not in the future (a hire on any day of the week is possible)."""
    return date_checks(data.table("equipe", "equipe"), "hired", ctx.today, working_day=False)


def _animatrices(t: Table) -> list[int]:
    """Rows of animatrices: Fonction mentions « animatrice » (the responsable has no ETP)."""
    if t.has("function"):
        return [i for i, f in enumerate(t.df["function"]) if "animatri" in norm(f)]
    return [i for i, e in enumerate(t.df["etp"]) if present(e)]


def _number(t: Table, i: int, field: str) -> float | None:
    value = t.df[field].iloc[i]
    return float(value) if present(value) else None


def full_time_base(t: Table, rows: list[int], today) -> float:
    """Hours of 1 ETP: the hours / ETP most animatrices share, else the legal full time."""
    pairs = [(h, e) for h, e in ((_number(t, i, "weekly_hours"), _number(t, i, "etp")) for i in rows)
             if h is not None and e]
    bases = Counter(round(h / e, 1) for h, e in pairs)
    base, votes = bases.most_common(1)[0] if bases else (None, 0)
    return base if base and votes * 2 > len(pairs) else full_time_hours(today)


def _agree(a: tuple[float, str], b: tuple[float, str], base: float) -> bool:
    """Two sources in hours, each ``(hours, "h" | "etp")``: hours to the half-minute, ETP to 0,005."""
    kinds = {a[1], b[1]}
    tol = HOURS_TOLERANCE if kinds == {"h"} else 0.005 * base if kinds == {"etp"} else TOLERANCE_HOURS
    return abs(a[0] - b[0]) <= tol + 1e-9


def odd_one(sources: dict[str, tuple[float, str]], base: float) -> str | None:
    """The one source that disagrees with all the others while these agree together (at least three sources).

    >>> odd_one({"g": (35, "h"), "e": (28, "etp"), "t": (28, "etp"), "w": (28, "h")}, 35)
    'g'
    >>> odd_one({"g": (35, "h"), "e": (28, "etp")}, 35) is None
    True
    """
    if len(sources) < 3:
        return None
    keys = list(sources)
    found = [s for s in keys
             if not any(_agree(sources[s], sources[x], base) for x in keys if x != s)
             and all(_agree(sources[x], sources[y], base) for x in keys for y in keys if s not in (x, y))]
    return found[0] if len(found) == 1 else None


@rule
def team_totals_and_etp(data: Dataset, ctx) -> list[Finding]:
    """Total animatrices row = sum of the animatrices (not for a column holding an unreadable cell); an ETP
    for each animatrice; hours, ETP, planning title and planning blocks agree."""
    t = data.table("equipe", "equipe")
    if t is None or not (t.has("weekly_hours") and t.has("etp")):
        return []
    rows = _animatrices(t)
    sub = Table(t.workbook, t.sheet, t.key, t.header_row, t.columns, [t.rows[i] for i in rows],
                t.df.iloc[rows].reset_index(drop=True), t.missing, t.total_row, t.total_values)
    readable = tuple(f for f in ("weekly_hours", "etp") if not any((i, f) in t.bad_cells for i in rows))
    findings = total_findings(sub, readable, "Total animatrices")
    for i in rows:
        if not present(t.df["etp"].iloc[i]) and (i, "etp") not in t.bad_cells:
            findings.append(t.finding("missing-value", i, "etp", "ETP : cellule vide pour une animatrice ; "
                                      "saisissez son ETP (1 pour un temps plein, 0,8 pour 28 h sur 35 h…)."))
    return findings + etp_checks(data, ctx)


def etp_checks(data: Dataset, ctx) -> list[Finding]:
    """``etp-hours-mismatch`` findings of the *Équipe* rows and their plannings (computed once per run)."""
    def build() -> list[Finding]:
        t = data.table("equipe", "equipe")
        if t is None or not (t.has("weekly_hours") and t.has("etp")):
            return []
        rows = _animatrices(t)
        base = full_time_base(t, rows, ctx.today)
        plans = planning_rows(data, ctx)
        return [f for i in sorted(set(rows) | set(plans)) for f in _etp_findings(t, i, plans.get(i), base)]
    return ctx.memo("team_etp", build)


def doubtful_etp_cells(data: Dataset, ctx) -> list[str]:
    """ETP cells of *Équipe* that are unreadable or reported as the odd one against the hours: a figure built on
    the ETP column (the team's total ETP) cannot be compared until they are fixed.

    A rule comparing such a figure calls it and gives ``declared-not-compared`` when the list is not empty."""
    t = data.table("equipe", "equipe")
    if t is None or not t.has("etp"):
        return []
    letter = t.letter("etp")
    cells = {t.cell(i, f) for i, f in t.bad_cells if f == "etp"}
    cells |= {f.cell for f in etp_checks(data, ctx) if f.sheet == t.sheet and f.cell and
              f.cell.rstrip("0123456789") == letter}
    return sorted(cells, key=lambda c: (len(c), c))


def _etp_findings(t: Table, i: int, plan: Planning | None, base: float) -> list[Finding]:
    """Hours (g), ETP (e), planning title (t) and planning blocks (w) of one person, all in hours."""
    hours, etp = _number(t, i, "weekly_hours"), _number(t, i, "etp")
    src: dict[str, tuple[float, str]] = {}
    if hours is not None:
        src["g"] = (hours, "h")
    if etp is not None:
        src["e"] = (etp * base, "etp")
    if plan is not None and plan.etp is not None:
        src["t"] = (plan.etp * base, "etp")
    if plan is not None and not plan.error_days:
        src["w"] = (plan.week_hours, "h")
    full = fr_number(base, 1 if base % 1 else 0)
    said = {"g": lambda: f"les heures hebdo ({fr_value(hours)} h, {t.cell(i, 'weekly_hours')})",
            "e": lambda: f"l'ETP ({fr_value(etp)}, {t.cell(i, 'etp')})",
            "t": lambda: f"le titre du planning ({fr_number(plan.etp, 2)} ETP)",
            "w": lambda: f"les créneaux du planning ({hm(plan.week_hours)})"}
    odd = odd_one(src, base)
    if odd:
        others = [k for k in "gwet" if k in src and k != odd]
        ref = src[others[0]][0]  # hours agreed by the others (typed hours first, then the blocks)
        texts = [said[k]() for k in others]
        witnesses = ", ".join(texts[:-1]) + " et " + texts[-1]
        if odd == "g":
            return [t.finding("etp-hours-mismatch", i, "weekly_hours",
                              f"Heures hebdo {fr_value(hours)} h : {witnesses} correspondent à "
                              f"{fr_value(round(ref, 2))} h par semaine (temps plein de {full} h) ; saisissez "
                              f"{fr_value(round(ref, 2))}.",
                              value=hours, expected=round(ref, 2))]
        expected = round(ref / base, 2)
        if odd == "e":
            return [t.finding("etp-hours-mismatch", i, "etp",
                              f"ETP {fr_value(etp)} : {witnesses} correspondent à {fr_value(expected)} ETP (temps "
                              f"plein de {full} h, base commune des animatrices) ; saisissez {fr_value(expected)}.",
                              value=etp, expected=expected)]
        if odd == "t":
            expected = etp if etp is not None else expected
            return [make("etp-hours-mismatch", t.workbook, plan.sheet, plan.title_cell,
                         f"Le titre indique {fr_number(plan.etp, 2)} ETP, mais {witnesses} correspondent à "
                         f"{fr_number(expected, 2)} ETP : écrivez « Planning type – {plan.first_name} "
                         f"({fr_number(expected, 2)} ETP) ».", value=plan.etp, expected=expected)]
        return [make("etp-hours-mismatch", t.workbook, plan.sheet, plan.title_cell,
                     f"Les créneaux de la semaine font {hm(plan.week_hours)}, alors que {witnesses} correspondent à "
                     f"{hm(ref)} : corrigez les créneaux du planning.",
                     value=round(plan.week_hours, 2), expected=round(ref, 2))]
    out = []  # no single odd source: the ETP cell, then the planning's title, as before
    if "g" in src and "e" in src and etp > 0 and not _agree(src["g"], src["e"], base):
        expected = round(hours / base, 2)
        out.append(t.finding("etp-hours-mismatch", i, "etp",
                             f"ETP {fr_value(etp)} pour {fr_value(hours)} h par semaine : avec un temps plein de "
                             f"{full} h (base commune des animatrices), l'ETP est {fr_value(expected)} ; corrigez "
                             "l'ETP ou les heures.", value=etp, expected=expected))
    if "t" in src and "e" in src and not _agree(src["t"], src["e"], base):
        out.append(make("etp-hours-mismatch", t.workbook, plan.sheet, plan.title_cell,
                        f"Le titre indique {fr_number(plan.etp, 2)} ETP, la feuille Équipe {fr_number(etp, 2)} ETP "
                        f"({t.cell(i, 'etp')}) : mettez-les d'accord.", value=plan.etp, expected=etp))
    if "w" in src and "g" in src and not _agree(src["w"], src["g"], base):
        out.append(make("etp-hours-mismatch", t.workbook, plan.sheet, plan.title_cell,
                        f"Les créneaux de la semaine font {hm(plan.week_hours)}, la feuille Équipe indique "
                        f"{hm(hours)} par semaine ({t.cell(i, 'weekly_hours')}) : corrigez le planning ou les "
                        "heures hebdomadaires.", value=round(plan.week_hours, 2), expected=hours))
    return out
