"""The *Équipe* sheet as the team's reference: faults of its own rows, each reported once, at its cell, while the
checks built on that row wait instead of accusing the cells that name the person correctly.

- a name misspelt in *Équipe* (``Dorris``) while the planning title and the other sheets agree on another
  spelling (``Doris``), never used for this row: ``team-name-mismatch`` at the name; the mentions of the other
  spelling and the planning wait;
- the same person on two rows: ``duplicate-person`` at the later one; the Total animatrices row waits;
- a row emptied inside the table while a planning names a person the sheet no longer has: ``missing-value`` at
  the emptied row; the mentions of that person, her planning and the Total animatrices row wait;
- a *Fonction* that is not an animatrice's for a row that has a planning (``Animatrice RPE`` retyped):
  ``team-function-mismatch`` at the function; the row is still read as an animatrice's;
- an ETP on the row of someone who is not an animatrice (the responsable): ``etp-not-animatrice`` at the ETP;
  it is not counted in the animatrices' ETP.

What waits is said once, by a ``reference-not-checked`` info at the faulty cell. The figures built on the sum of
the ETP (*Hypothèses* of the budget) and on the team's weekly hours wait through :attr:`TeamReference.etp_cells`
and :attr:`TeamReference.sum_cells`.
"""

from __future__ import annotations

import difflib
from collections import Counter
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ...compute.indicators.team import is_animatrice
from ...findings import Finding, make
from ...read import Dataset, Table
from ...read.description import list_name, shared_sheet_name
from ...text import clean_spaces, fr_value, norm
from ..registry import rule
from .common import present
from .declared import refused_by_model
from .planning import plannings

# (workbook kind, table key, field, several names separated by "/")
PERSON_COLUMNS = (
    ("suivi", "contacts_familles", "animatrice", False),
    ("suivi", "contacts_pros", "animatrice", False),
    ("suivi", "seances", "animatrices", True),
    ("equipe", "formations_equipe", "animatrice", False),
)
CLOSE_NAME = 0.85  # a full name this close to a member's is her name misspelt
CLOSE_PART = 0.75  # and the surname or first name that differs this close


@dataclass
class TeamReference:
    """The faults of the *Équipe* rows and what waits for them (see the module)."""

    findings: list[Finding] = field(default_factory=list)
    held_names: set[str] = field(default_factory=set)      # norm of names mentioned elsewhere, not judged yet
    held_plannings: set[str] = field(default_factory=set)  # planning sheets not matched to a row yet
    held_totals: set[str] = field(default_factory=set)     # fields of the Total animatrices row not checked yet
    duplicates: set[int] = field(default_factory=set)      # rows repeating an earlier person
    extra_animatrices: list[int] = field(default_factory=list)  # rows whose Fonction is the fault
    etp_cells: list[str] = field(default_factory=list)     # cells to fix before the sum of the ETP is compared
    sum_cells: list[str] = field(default_factory=list)     # cells to fix before the weekly hours are compared


def mentions(data: Dataset) -> dict[str, list[str]]:
    """Names of team members written in the other sheets (as typed) -> the cells (``Sheet!A1``) writing them."""
    out: dict[str, list[str]] = {}
    for kind, key, fld, several in PERSON_COLUMNS:
        t = data.table(kind, key)
        if t is None or not t.has(fld) or not len(t):
            continue
        codes, uniques = pd.factorize(t.df[fld])
        for k, value in enumerate(uniques):
            if not present(value):
                continue
            cells = [f"{t.sheet}!{t.cell(int(i), fld)}" for i in np.flatnonzero(codes == k)]
            for part in (str(value).split("/") if several else [str(value)]):
                if part.strip():
                    out.setdefault(clean_spaces(part), []).extend(cells)
    list_header = list_name("animatrices")
    for wb in data.workbooks.values():
        sheet = wb.sheet_names.get("listes", [shared_sheet_name("listes")])[0]
        for name, cell in zip(wb.lists.values.get(list_header, []), wb.lists.cells.get(list_header, [])):
            out.setdefault(clean_spaces(name), []).append(f"{sheet}!{cell}")
    return out


def _ratio(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b).ratio()


def team_reference(data: Dataset, ctx) -> TeamReference:
    """The faults of the *Équipe* rows (computed once per run)."""
    return ctx.memo("team_reference", lambda: _build(data, ctx))


def _build(data: Dataset, ctx) -> TeamReference:
    ref = TeamReference()
    t = data.table("equipe", "equipe")
    if t is None or not (t.has("last_name") and t.has("first_name")) or not len(t):
        return ref
    last, first = [norm(v) if present(v) else "" for v in t.df["last_name"]], \
        [norm(v) if present(v) else "" for v in t.df["first_name"]]
    functions = t.df["function"].tolist() if t.has("function") else [None] * len(t)
    etps = t.df["etp"].tolist() if t.has("etp") else [None] * len(t)
    plans = plannings(data, ctx)
    planned = {norm(p.first_name) for p in plans}
    orphans = [p for p in plans if norm(p.first_name) not in set(first)]
    said = mentions(data) if orphans or _needs_mentions(data, t) else {}
    misspelt = _misspelt(t, last, first, planned, orphans, said, ref)
    orphans = [p for p in orphans if p.sheet not in misspelt]
    _duplicates(t, last, first, ref)
    _functions(data, ctx, t, first, functions, etps, planned, ref)
    _emptied(t, orphans, said, ref)
    return ref


def _needs_mentions(data: Dataset, t: Table) -> bool:
    """Whether some name of the other sheets is not a member's as typed (else no name can be misspelt here)."""
    names = {norm(f"{a} {b}") for a, b in zip(t.df["last_name"], t.df["first_name"]) if present(a) and present(b)}
    names |= {norm(f"{b} {a}") for a, b in zip(t.df["last_name"], t.df["first_name"]) if present(a) and present(b)}
    for kind, key, fld, several in PERSON_COLUMNS:
        other = data.table(kind, key)
        if other is None or not other.has(fld):
            continue
        for value in other.df[fld].dropna().unique():
            parts = str(value).split("/") if several else [str(value)]
            if any(p.strip() and norm(p) not in names for p in parts):
                return True
    list_header = list_name("animatrices")
    return any(norm(n) not in names for wb in data.workbooks.values() for n in wb.lists.values.get(list_header, []))


def _misspelt(t: Table, last: list[str], first: list[str], planned: set[str], orphans, said: dict[str, list[str]],
              ref: TeamReference) -> set[str]:
    """Rows whose surname or first name the other sheets write another way, at least twice, and never as here:
    ``team-name-mismatch`` at that cell. Returns the planning sheets explained by such a row."""
    rows = [(i, a, b) for i, (a, b) in enumerate(zip(last, first)) if a and b]
    members = {(a, b) for _, a, b in rows}
    used: set[int] = set()  # rows whose own spelling is written somewhere
    variants: dict[tuple[int, str], dict[str, dict]] = {}  # (row, field) -> norm spelling -> what writes it
    for name, cells in said.items():
        readings = _readings(name)
        hit = [i for i, a, b in rows if any((norm(x), norm(y)) == (a, b) for x, y in readings)]
        used.update(hit)
        if hit or any((norm(x), norm(y)) in members for x, y in readings):
            continue
        for x, y in readings:
            for i, a, b in rows:
                if _ratio(f"{norm(x)} {norm(y)}", f"{a} {b}") < CLOSE_NAME:
                    continue
                fld, typed = (("first_name", y) if norm(x) == a and _ratio(norm(y), b) >= CLOSE_PART else
                              ("last_name", x) if norm(y) == b and _ratio(norm(x), a) >= CLOSE_PART else (None, None))
                if fld:
                    entry = variants.setdefault((i, fld), {}).setdefault(norm(typed), {"typed": typed, "cells": [],
                                                                                       "names": set(), "plans": []})
                    entry["cells"] += cells
                    entry["names"].add(name)
    for p in orphans:
        close = [i for i, _, b in rows if b not in planned and _ratio(norm(p.first_name), b) >= CLOSE_PART]
        if len(close) == 1:
            entry = variants.setdefault((close[0], "first_name"), {}).setdefault(
                norm(p.first_name), {"typed": p.first_name, "cells": [], "names": set(), "plans": []})
            entry["cells"].append(f"{p.sheet}!A1")
            entry["plans"].append(p.sheet)
    explained: set[str] = set()
    for (i, fld), spellings in variants.items():
        entry = max(spellings.values(), key=lambda e: len(e["cells"]))
        if i in used or len(entry["cells"]) < 2:
            continue
        typed, spelling = t.df[fld].iloc[i], entry["typed"]
        cells = [f"{p}!A1" for p in entry["plans"]] + [c for c in entry["cells"] if c.split("!")[0] not in
                                                          entry["plans"]]
        explained.update(entry["plans"])
        ref.held_names.update(norm(n) for n in entry["names"])
        ref.held_plannings.update(entry["plans"])
        ref.findings.append(t.finding(
            "team-name-mismatch", i, fld,
            column='Prénom' if fld == 'first_name' else 'Nom', typed=fr_value(typed), spelling=spelling,
            count=_count(cells), value=str(typed), expected=spelling))
        _wait(ref, t, t.cell(i, fld), f"« {spelling} »", cells, [])
    return explained


def _readings(name: str) -> list[tuple[str, str]]:
    """(surname, first name) readings of a full name as typed: « VARRIN-DOYER Doris » read surname first, or
    first name first."""
    parts = clean_spaces(name).split(" ")
    return [(" ".join(parts[:k]), " ".join(parts[k:])) for k in range(1, len(parts))] + \
        [(" ".join(parts[k:]), " ".join(parts[:k])) for k in range(1, len(parts))]


def _duplicates(t: Table, last: list[str], first: list[str], ref: TeamReference) -> None:
    seen: dict[tuple[str, str], int] = {}
    for j, key in enumerate(zip(last, first)):
        if not all(key):
            continue
        if key not in seen:
            seen[key] = j
            continue
        i = seen[key]
        ref.duplicates.add(j)
        name = clean_spaces(f"{t.df['last_name'].iloc[j]} {t.df['first_name'].iloc[j]}")
        where = t.cell(j, "last_name")
        ref.findings.append(t.finding(
            "duplicate-person", j, "last_name",
            variant="team_row", person=name, rows=t.rows[i], at=t.cell(i, 'last_name'), value=name,
            expected=t.cell(i, "last_name")))
        ref.etp_cells.append(where)
        ref.sum_cells.append(where)
        _wait(ref, t, where, name, [], ["weekly_hours", "etp"])


def _functions(data: Dataset, ctx, t: Table, first: list[str], functions: list, etps: list, planned: set[str],
               ref: TeamReference) -> None:
    """Rows not of an animatrice that have a planning (the Fonction is the fault) or an ETP (the ETP is)."""
    refused = refused_by_model(data, ctx, "equipe", "equipe") | set(t.bad_cells)
    usual = Counter(str(f).strip() for f in functions if is_animatrice(f)).most_common(1)
    usual_text = usual[0][0] if usual else "Animatrice"
    for i, function in enumerate(functions):
        if is_animatrice(function) or i in ref.duplicates or not (first[i] or present(etps[i])):
            continue
        if first[i] and first[i] in planned:
            ref.extra_animatrices.append(i)
            ref.etp_cells.append(t.cell(i, "function"))
            if (i, "function") in refused:
                continue  # an empty Fonction: the sheet model says so at the cell
            ref.findings.append(t.finding(
                "team-function-mismatch", i, "function",
                function=fr_value(function), usual_text=usual_text,
                value=str(function), expected=usual_text))
        elif present(etps[i]) and etps[i] and (i, "etp") not in refused and (i, "function") not in refused:
            ref.findings.append(t.finding(
                "etp-not-animatrice", i, "etp",
                etps=fr_value(etps[i]), function=fr_value(function), usual_text=usual_text,
                value=etps[i]))


def _emptied(t: Table, orphans, said: dict[str, list[str]], ref: TeamReference) -> None:
    """A blank row inside the table while a planning names someone the sheet does not have."""
    if not orphans or not t.rows:
        return
    end = t.total_row or t.rows[-1]
    blank = [r for r in range(t.header_row + 1, end) if r not in set(t.rows)]
    if not blank:
        return
    names = {norm(p.first_name) for p in orphans}
    held = [n for n in said if names & set(norm(n).split())]
    where = f"A{blank[0]}" if not t.columns else f"{t.letter(min(t.columns, key=t.columns.get))}{blank[0]}"
    shown = ", ".join(f"« {p.sheet} »" for p in orphans)
    ref.findings.append(make(
        "missing-value", t.workbook, t.sheet, where,
        variant="team_row_emptied", blank=blank[0], shown=shown, names=' et '.join(p.first_name for p in orphans)))
    ref.held_names.update(norm(n) for n in held)
    ref.held_plannings.update(p.sheet for p in orphans)
    ref.etp_cells.append(where)
    ref.sum_cells.append(where)
    _wait(ref, t, where, " et ".join(f"« {p.first_name} »" for p in orphans),
          [f"{p.sheet}!A1" for p in orphans] + [c for n in held for c in said[n]], ["weekly_hours", "etp"])


def _count(cells: list[str], limit: int = 3) -> str:
    """« Planning Doris!A1, Formations équipe!A20 … (12 cellules) »."""
    more = f" … ({len(cells)} cellules)" if len(cells) > limit else ""
    return ", ".join(cells[:limit]) + more


def _wait(ref: TeamReference, t: Table, where: str, who: str, cells: list[str], totals: list[str]) -> None:
    """One ``reference-not-checked`` info at the faulty cell: what is not checked until it is fixed."""
    totals = [f for f in totals if t.total_cell(f)]
    ref.held_totals.update(totals)
    parts = ([f"les mentions de {who} ({_count(cells)})"] if cells else []) + \
        ([f"la ligne Total animatrices ({', '.join(t.total_cell(f) for f in totals)})"] if totals else [])
    if parts:
        ref.findings.append(make("reference-not-checked", t.workbook, t.sheet, where,
                                 parts=' ; '.join(parts)))


@rule
def team_reference_faults(data: Dataset, ctx) -> list[Finding]:
    """The faults of the *Équipe* rows themselves (see the module)."""
    return team_reference(data, ctx).findings
