"""4.3 Offer and observatory: assistants maternels of *Listing AM*, MAM, EAJE, and the AM evolution."""

from __future__ import annotations

import pandas as pd

from ._common import filled, is_oui

ACCEPTS = (("periscolaire", "periscolaire"), ("atypical_hours", "horaires_atypiques"), ("urgency", "urgence"),
           ("disability", "handicap"))

# Columns of Listing AM each indicator reads (a count of rows reads none): a figure computed from a cell that the
# checks refuse (unreadable, outside the list, out of range, incoherent) is not compared with a declared one.
LISTING_INPUTS: dict[str, tuple[str, ...]] = {
    "am.actifs": ("active",), "am.taux_activite": ("active",), "am.places_agreees": ("places",),
    "am.places_actifs_hors_mam": ("places", "active", "mam"),
    "am.monenfant_dispos": ("monenfant_updated",), "am.monenfant_inscrits": ("monenfant_registered",),
    "am.taux_mise_en_ligne": ("monenfant_updated", "monenfant_registered"),
    **{f"am.{key}": ("active", field) for field, key in ACCEPTS},
    "am.sous_activite_signalee": ("underactivity",),
    "am.sous_activite_accompagnee": ("underactivity", "underactivity_support"),
    "am.sous_activite_taux": ("underactivity", "underactivity_support"),
    "am.avec_place_septembre": ("active", "mam", "places_september"),
    "am.mam_avec_place_septembre": ("active", "mam", "places_september"),
    "mam.places": ("mam", "places"), "mam.am": ("mam",),
}


def am_indicators(am: pd.DataFrame | None, mam: pd.DataFrame | None, eaje: pd.DataFrame | None) -> dict[str, float | int]:
    """Counts of the guide §3: agréés = rows, actifs = ``En activité`` Oui, acceptances among actifs, monenfant.fr
    (C = dispos à jour, D = inscrits, over all rows), MAM places from the listing, places for September."""
    out: dict[str, float | int] = {}
    if am is not None:
        active = is_oui(am["active"])
        in_mam = filled(am["mam"])
        places = am["places"].astype("Float64").fillna(0)
        sept = am["places_september"].astype("Float64").fillna(0)
        n, actifs = int(len(am)), int(active.sum())
        out["am.agrees"] = n
        out["am.actifs"] = actifs
        out["am.taux_activite"] = round(actifs / n, 4) if n else 0.0
        out["am.places_agreees"] = int(places.sum())
        out["am.places_actifs_hors_mam"] = int(places[active & ~in_mam].sum())
        c, d = int(is_oui(am["monenfant_updated"]).sum()), int(is_oui(am["monenfant_registered"]).sum())
        out["am.monenfant_dispos"] = c
        out["am.monenfant_inscrits"] = d
        out["am.taux_mise_en_ligne"] = round(c / d * 100, 1) if d else 0.0
        for field, key in ACCEPTS:
            out[f"am.{key}"] = int((active & is_oui(am[field])).sum())
        a, b = int(is_oui(am["underactivity"]).sum()), int((is_oui(am["underactivity"]) & is_oui(am["underactivity_support"])).sum())
        out["am.sous_activite_signalee"] = a
        out["am.sous_activite_accompagnee"] = b
        out["am.sous_activite_taux"] = round(b / a * 100, 1) if a else 0.0
        out["am.avec_place_septembre"] = int((active & ~in_mam & (sept >= 1)).sum())
        out["am.mam_avec_place_septembre"] = int((active & in_mam & (sept >= 1)).sum())
        out["mam.places"] = int(places[in_mam].sum())
        out["mam.am"] = int(in_mam.sum())
    if mam is not None:
        out["mam.nombre"] = int(filled(mam["name"]).sum())
    elif am is not None:
        out["mam.nombre"] = int(am.loc[filled(am["mam"]), "mam"].nunique())
    if eaje is not None:
        out["eaje.nombre"] = int(len(eaje))
        out["eaje.places"] = int(eaje["places"].astype("Float64").fillna(0).sum())
    return out


def evolution_pct(evolution: pd.DataFrame | None) -> tuple[float | None, int | None, int | None]:
    """Change in % between the first and the last year of *Évolution AM*: (-42.11, 2017, 2025). None while a row
    has a year without its count or a count without its year (a cell in error reads as empty): the first or
    last year would then be another one."""
    if evolution is None:
        return None, None, None
    if (evolution["year"].isna() != evolution["am_count"].isna()).any():
        return None, None, None
    rows = evolution.dropna(subset=["year", "am_count"]).sort_values("year")
    if len(rows) < 2 or not rows["am_count"].iloc[0]:
        return None, None, None
    first, last = rows.iloc[0], rows.iloc[-1]
    pct = (float(last["am_count"]) - float(first["am_count"])) / float(first["am_count"]) * 100
    return round(pct, 2), int(first["year"]), int(last["year"])
