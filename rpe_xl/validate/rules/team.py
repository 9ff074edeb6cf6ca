"""Rules of the team: every person named is a member of the *Équipe* sheet; totals and ETP of the animatrices.

ETP against weekly hours: the full-time base is the one most animatrices share (hours / ETP, 35 in the
team's file); when no strict majority of animatrices agrees, the legal full time of
``rpe_xl/data/temps_de_travail.yaml`` (35 h, Code du travail L3121-27) is used. An animatrice whose hours
differ from ETP × base by more than 0,1 h is reported at her ETP cell.
"""

from __future__ import annotations

from collections import Counter
from typing import Iterator

from ...findings import Finding, make
from ...read import Dataset, Table
from ...reference import full_time_hours
from ...text import fr_number, fr_value, norm
from ..registry import rule
from .assistants import total_findings
from .common import present

# (workbook kind, table key, field, several names separated by "/")
PERSON_COLUMNS = (
    ("suivi", "contacts_familles", "animatrice", False),
    ("suivi", "contacts_pros", "animatrice", False),
    ("suivi", "seances", "animatrices", True),
    ("equipe", "formations_equipe", "animatrice", False),
)
TOLERANCE_HOURS = 0.1


def team_members(data: Dataset, ctx) -> set[tuple[str, str]] | None:
    """{(norm(surname), norm(first name))} of the *Équipe* sheet; None when the team workbook is missing."""
    t = data.table("equipe", "equipe")
    if t is None or not (t.has("last_name") and t.has("first_name")):
        return None
    return ctx.memo("team", lambda: {(norm(a), norm(b)) for a, b in zip(t.df["last_name"], t.df["first_name"])
                                     if present(a) and present(b)})


def is_member(name: str, team: set[tuple[str, str]]) -> bool:
    """``"BALESDENT Mélanie"`` (or ``"Mélanie Balesdent"``) is in ``team``: surname AND first name must match."""
    words = norm(name).split(" ")
    for k in range(1, len(words)):
        head, tail = " ".join(words[:k]), " ".join(words[k:])
        if (head, tail) in team or (tail, head) in team:
            return True
    return False


def _names(value: object, several: bool) -> Iterator[str]:
    if not present(value):
        return
    parts = str(value).split("/") if several else [str(value)]
    yield from (p.strip() for p in parts if p.strip())


def _unknown(name: str) -> str:
    return (f"{fr_value(name)} n'est pas dans la feuille Équipe du classeur équipe (nom et prénom) : corrigez "
            "l'orthographe (NOM Prénom), ou ajoutez cette personne à la feuille Équipe.")


@rule
def persons_in_team(data: Dataset, ctx) -> list[Finding]:
    """Animatrice columns, Séances' Animatrice(s), Formations équipe and the Listes « Animatrices »."""
    team = team_members(data, ctx)
    if team is None:
        return []
    findings = []
    known: dict[str, bool] = {}  # the same few names fill long columns: match each once
    member = lambda name: known[name] if name in known else known.setdefault(name, is_member(name, team))  # noqa: E731
    for kind, key, field, several in PERSON_COLUMNS:
        t = data.table(kind, key)
        if t is None or not t.has(field):
            continue
        wb = data.workbook(kind)
        allowed = set(wb.lists.values.get("Animatrices", []))
        outdated: set[str] = set()
        for i, value in enumerate(t.df[field]):
            if not present(value):
                if not several:
                    findings.append(t.finding("missing-value", i, field, "Animatrice : cellule vide ; choisissez "
                                              "l'animatrice dans la liste."))
                continue
            for name in _names(value, several):
                if not member(name):
                    findings.append(t.finding("unknown-person", i, field, _unknown(name), value=name))
                elif allowed and not several and name not in allowed and name not in outdated:
                    outdated.add(name)
                    findings.append(t.finding("list-outdated", i, field,
                                              f"{name} n'est pas dans la liste déroulante « Animatrices » de la "
                                              "feuille Listes : ajoutez-la à la liste.", value=name))
    for wb in data.workbooks.values():
        sheet = wb.sheet_names.get("listes", ["Listes"])[0]
        for name, cell in zip(wb.lists.values.get("Animatrices", []), wb.lists.cells.get("Animatrices", [])):
            if not is_member(name, team):
                findings.append(make("unknown-person", wb.name, sheet, cell, _unknown(name), value=name))
    return findings


def _animatrices(t: Table) -> list[int]:
    """Rows of animatrices: Fonction mentions « animatrice » (the responsable has no ETP)."""
    if t.has("function"):
        return [i for i, f in enumerate(t.df["function"]) if "animatri" in norm(f)]
    return [i for i, e in enumerate(t.df["etp"]) if present(e)]


@rule
def team_totals_and_etp(data: Dataset, ctx) -> list[Finding]:
    """Total animatrices row = sum of the animatrices; ETP = weekly hours / full-time base."""
    t = data.table("equipe", "equipe")
    if t is None or not (t.has("weekly_hours") and t.has("etp")):
        return []
    rows = _animatrices(t)
    sub = Table(t.workbook, t.sheet, t.key, t.header_row, t.columns, [t.rows[i] for i in rows],
                t.df.iloc[rows].reset_index(drop=True), t.missing, t.total_row, t.total_values)
    findings = total_findings(sub, ("weekly_hours", "etp"), "Total animatrices")
    pairs = [(i, float(t.df["weekly_hours"].iloc[i]), float(t.df["etp"].iloc[i])) for i in rows
             if present(t.df["weekly_hours"].iloc[i]) and present(t.df["etp"].iloc[i]) and t.df["etp"].iloc[i] > 0]
    for i in rows:
        if not present(t.df["etp"].iloc[i]):
            findings.append(t.finding("missing-value", i, "etp", "ETP : cellule vide pour une animatrice ; "
                                      "saisissez son ETP (1 pour un temps plein, 0,8 pour 28 h sur 35 h…)."))
    bases = Counter(round(h / e, 1) for _, h, e in pairs)
    base, votes = bases.most_common(1)[0] if bases else (None, 0)
    if not base or votes * 2 <= len(pairs):
        base = full_time_hours(ctx.today)
    for i, hours, etp in pairs:
        if abs(hours - etp * base) > TOLERANCE_HOURS:
            expected = round(hours / base, 2)
            findings.append(t.finding("etp-hours-mismatch", i, "etp",
                                      f"ETP {fr_value(etp)} pour {fr_value(hours)} h par semaine : avec un temps plein "
                                      f"de {fr_number(base, 1 if base % 1 else 0)} h (base commune des animatrices), "
                                      f"l'ETP est {fr_value(expected)} ; corrigez l'ETP ou les heures.",
                                      value=etp, expected=expected))
    return findings
