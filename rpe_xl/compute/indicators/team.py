"""2.1 / 2.3 Team and time: ETP of the animatrices, and the weekly time split from the planning grids."""

from __future__ import annotations

from typing import Any

import pandas as pd

from ...text import norm
from ..planning import CATEGORIES, Planning, hours_by_category


def is_animatrice(function: Any) -> bool:
    """The *Fonction* of an animatrice (« Animatrice RPE »), not the responsable's (« Responsable du RPE »)."""
    return "animatri" in norm(function)


def animatrice_rows(team: pd.DataFrame) -> list[int]:
    """Rows of the animatrices, each person once (a row repeating the name of an earlier one is left out):
    by *Fonction*; without any (column missing or empty), the rows holding an ETP."""
    functions = team["function"].tolist() if "function" in team else []
    rows = [i for i, f in enumerate(functions) if is_animatrice(f)]
    if not rows:
        rows = [i for i, e in enumerate(team["etp"].tolist()) if e is not None and e == e]
    names = (list(zip(team["last_name"].map(norm), team["first_name"].map(norm)))
             if {"last_name", "first_name"} <= set(team.columns) else [(str(i), "") for i in range(len(team))])
    seen: set[tuple[str, str]] = set()
    out = []
    for i in rows:
        key = names[i] if any(names[i]) else (str(i), "")
        if key not in seen:
            seen.add(key)
            out.append(i)
    return out


def etp_total(team: pd.DataFrame | None) -> float | None:
    """Sum of the ETP of the animatrices (:func:`animatrice_rows`): an ETP typed on the responsable's row is
    not an animatrice's, and a person listed twice counts once."""
    if team is None:
        return None
    return round(float(team["etp"].iloc[animatrice_rows(team)].fillna(0).sum()), 2)


def repartition(plans: list[Planning], keywords: list[tuple[str, str]]) -> tuple[dict[str, float], dict[str, dict[str, float]]]:
    """``repartition.<prenom>.<cat>_heures``, ``repartition.global.<cat>_heures|_pct`` and ``…total_heures``;
    also the hours per category per animatrice (for the output workbook)."""
    out: dict[str, float] = {}
    per_person: dict[str, dict[str, float]] = {}
    total = {c: 0.0 for c in CATEGORIES}
    unclassified = 0.0
    for plan in plans:
        hours = hours_by_category(plan, keywords)
        per_person[plan.first_name] = {c: hours.get(c, 0.0) for c in CATEGORIES}
        for cat, h in hours.items():
            if cat is None:
                unclassified += h
                continue
            out[f"repartition.{plan.key}.{cat}_heures"] = round(h, 2)
            total[cat] = total.get(cat, 0.0) + h
    week = sum(total.values()) + unclassified
    for cat, h in total.items():
        out[f"repartition.global.{cat}_heures"] = round(h, 2)
        out[f"repartition.global.{cat}_pct"] = round(h / week * 100, 2) if week else 0.0
    if unclassified:
        out["repartition.global.non_classees_heures"] = round(unclassified, 2)
    out["repartition.global.total_heures"] = round(week, 2)
    return out, per_person
