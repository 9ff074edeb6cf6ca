"""4.1 Professionals: contacts per public (AM / garde à domicile) and motif, counted in rows."""

from __future__ import annotations

import pandas as pd

from ._common import slugs

PUBLICS = (("assistant", "am"), ("domicile|garde", "gad"))
MOTIFS = (("exercice", "exercice_metier"), ("disponibilite", "disponibilite_accueil"),
          ("fonctionnement", "fonctionnement_rpe"), ("statut", "statut"), ("pedagog", "pedagogie"),
          (r"\bformations? continues?", "formation_continue"))


def pro_indicators(df: pd.DataFrame) -> dict[str, int]:
    """``contacts_pros.<am|gad>.total`` and ``contacts_pros.<am|gad>.<motif>``."""
    public = slugs(df["public"], PUBLICS)
    motif = slugs(df["motif"], MOTIFS)
    out: dict[str, int] = {}
    for _, p in PUBLICS:
        mine = public == p
        out[f"contacts_pros.{p}.total"] = int(mine.sum())
        for _, m in MOTIFS:
            out[f"contacts_pros.{p}.{m}"] = int((mine & (motif == m)).sum())
    return out
