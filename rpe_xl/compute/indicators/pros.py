"""4.1 Professionals: contacts per public (AM / garde à domicile) and motif, counted in rows."""

from __future__ import annotations

import pandas as pd

from ._common import list_rules, slugs


def pro_indicators(df: pd.DataFrame) -> dict[str, int]:
    """``contacts_pros.<am|gad>.total`` and ``contacts_pros.<am|gad>.<motif>`` (keys of the lists ``publics_pros``
    and ``motifs_pros`` of the description of the workbooks)."""
    publics, motifs = list_rules("publics_pros"), list_rules("motifs_pros")
    public = slugs(df["public"], publics)
    motif = slugs(df["motif"], motifs)
    out: dict[str, int] = {}
    for _, p in publics:
        mine = public == p
        out[f"contacts_pros.{p}.total"] = int(mine.sum())
        for _, m in motifs:
            out[f"contacts_pros.{p}.{m}"] = int((mine & (motif == m)).sum())
    return out
