"""2.1 / 2.3 Team and time: ETP of the animatrices, and the weekly time split from the planning grids."""

from __future__ import annotations

import pandas as pd

from ..planning import CATEGORIES, Planning, hours_by_category


def etp_total(team: pd.DataFrame | None) -> float | None:
    """Sum of the ETP column (the responsable has none: she is not an animatrice)."""
    if team is None:
        return None
    return round(float(team["etp"].fillna(0).sum()), 2)


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
