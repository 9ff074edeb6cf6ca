"""4.1 Families: contacts per motif (rows) and demands (distinct families per requested type)."""

from __future__ import annotations

import pandas as pd

from ._common import filled, is_oui, list_rules, slugs

OTHER = "autre"  # a motif none of the keywords of the list ``motifs_familles`` finds
FLAGS = (("atypical_hours", "horaires_atypiques"), ("urgency", "urgence"), ("disability", "handicap"),
         ("periscolaire", "periscolaire"))


def family_indicators(df: pd.DataFrame) -> dict[str, int]:
    """``contacts_familles.*`` (a family calling 3 times counts 3) and ``demandes.*`` (distinct ``Code famille``).

    >>> family_indicators(pd.DataFrame({"motif": ["Autre : médiation"], "family": ["F-1"], "demand_type": [None],
    ...     "atypical_hours": ["Non"], "urgency": ["Non"], "disability": ["Non"], "periscolaire": ["Non"]}))["contacts_familles.autre"]
    1
    """
    out: dict[str, int] = {"contacts_familles.total": int(len(df))}
    motifs, demands = list_rules("motifs_familles"), list_rules("types_demande")
    motif = slugs(df["motif"], motifs, default=OTHER)
    for _, key in (*motifs, ("", OTHER)):
        out[f"contacts_familles.{key}"] = int((motif == key).sum())
    demand = slugs(df["demand_type"], demands)
    with_demand = df[filled(df["demand_type"]) & filled(df["family"])]
    out["demandes.total"] = int(with_demand["family"].nunique())
    for _, key in demands:
        out[f"demandes.{key}"] = int(df.loc[(demand == key) & filled(df["family"]), "family"].nunique())
    for field, key in FLAGS:
        out[f"demandes.{key}"] = int(with_demand.loc[is_oui(with_demand[field]), "family"].nunique())
    return out


def contacts_by_month(df: pd.DataFrame) -> dict[str, dict[int, int]]:
    """Contacts per motif slug and month number: ``{"recherche_mode_accueil": {1: 12, 2: 9, …}}``."""
    motifs = list_rules("motifs_familles")
    motif = slugs(df["motif"], motifs, default=OTHER)
    month = df["date"].map(lambda d: d.month if d is not None and hasattr(d, "month") else None)
    frame = pd.DataFrame({"motif": motif, "month": month}).dropna()
    out: dict[str, dict[int, int]] = {key: {} for _, key in (*motifs, ("", OTHER))}
    for (m, mo), n in frame.groupby(["motif", "month"]).size().items():
        out.setdefault(m, {})[int(mo)] = int(n)
    return out
