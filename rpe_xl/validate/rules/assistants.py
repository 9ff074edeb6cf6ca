"""Rules of the AM workbook (RPE_assistants_maternels): listing, MAM, EAJE, sectors."""

from __future__ import annotations

import pandas as pd

from ...findings import Finding, make
from ...read import Dataset, Table
from ...text import fr_value
from ..registry import rule
from .common import date_checks, duplicate_keys, present


def _t(data: Dataset, key: str) -> Table | None:
    return data.table("assistants_maternels", key)


@rule
def listing_unique_codes(data: Dataset, ctx) -> list[Finding]:
    return duplicate_keys(_t(data, "listing_am"), "am_code")


@rule
def listing_dates(data: Dataset, ctx) -> list[Finding]:
    """Approval and last contact are past events (no period: the listing is kept up to date)."""
    t = _t(data, "listing_am")
    return (date_checks(t, "approval_date", ctx.today, working_day=False)
            + date_checks(t, "last_contact", ctx.today, working_day=False))


@rule
def listing_coherence(data: Dataset, ctx) -> list[Finding]:
    """An AM not in activity offers no place; availability on monenfant.fr needs a registration; …"""
    t = _t(data, "listing_am")
    if t is None:
        return []
    findings = []
    cols = set(t.columns)
    for i, r in enumerate(t.records()):
        code = r.get("am_code")
        sept = r.get("places_september") if "places_september" in cols else None
        if "active" in cols and r["active"] == "Non" and present(sept) and int(sept) >= 1:
            findings.append(t.finding("incoherent-row", i, "places_september",
                                      f"{code} n'est pas en activité mais a {fr_value(int(sept))} place(s) "
                                      "disponible(s) pour septembre : videz la cellule, ou passez « En activité » "
                                      "à Oui.", value=int(sept)))
        if "active" in cols and r["active"] == "Oui" and "places_september" in cols and not present(sept):
            findings.append(t.finding("missing-value", i, "places_september",
                                      f"{code} est en activité : saisissez ses places disponibles pour septembre "
                                      "(0 s'il n'en a pas).", severity="avertissement"))
        if present(sept) and present(r.get("places")) and int(sept) > int(r["places"]):
            findings.append(t.finding("incoherent-row", i, "places_september",
                                      f"{code} : {fr_value(int(sept))} places disponibles pour "
                                      f"{fr_value(int(r['places']))} places agréées ; une AM ne peut offrir plus que "
                                      "son agrément : corrigez l'une des deux valeurs.", value=int(sept),
                                      expected=f"<= {int(r['places'])}"))
        if {"monenfant_updated", "monenfant_registered"} <= cols and r["monenfant_updated"] == "Oui" \
                and r["monenfant_registered"] == "Non":
            findings.append(t.finding("incoherent-row", i, "monenfant_updated",
                                      f"{code} a des disponibilités à jour sur monenfant.fr sans y être inscrit : "
                                      "passez « Inscrit monenfant.fr » à Oui, ou celle-ci à Non."))
        if {"underactivity", "underactivity_support"} <= cols and r["underactivity_support"] == "Oui" \
                and r["underactivity"] == "Non":
            findings.append(t.finding("incoherent-row", i, "underactivity_support",
                                      f"{code} est accompagné(e) pour sous-activité sans sous-activité signalée : "
                                      "passez « Sous-activité signalée » à Oui, ou celle-ci à Non.",
                                      severity="avertissement"))
    return findings


@rule
def mam_against_listing(data: Dataset, ctx) -> list[Finding]:
    """A MAM's Nb AM and places against the AM of Listing AM in that MAM; a MAM of the listing is in the MAM sheet."""
    mam, listing = _t(data, "mam"), _t(data, "listing_am")
    if mam is None or listing is None or not (mam.has("name") and listing.has("mam")):
        return []
    members = listing.df[listing.df["mam"].map(present)]
    findings = []
    names = set()
    for i, name in enumerate(mam.df["name"]):
        if not present(name):
            continue
        names.add(name)
        rows = members[members["mam"] == name]
        letter = listing.letter("mam")
        for field, actual, what in (("am_count", len(rows), "assistants maternels"),
                                    ("places", int(rows["places"].fillna(0).sum()) if listing.has("places") else None,
                                     "places agréées")):
            typed = mam.df[field].iloc[i] if mam.has(field) else None
            if actual is None or not present(typed) or int(typed) == actual:
                continue
            if field == "places" and any((j, "places") in listing.bad_cells for j in rows.index):
                continue  # an unreadable place count in the listing is reported there
            findings.append(mam.finding(
                "declared-values-disagree", i, field,
                f"{name} : {fr_value(int(typed))} {what} saisis ici, {fr_value(actual)} d'après la feuille Listing AM "
                f"(AM dont la colonne {letter} vaut « {name} ») : corrigez ce nombre ou le listing.",
                value=int(typed), expected=actual, severity="erreur"))
    mam_list = set(data.workbook("assistants_maternels").lists.values.get("MAM", []))
    for i, name in enumerate(listing.df["mam"]):
        if present(name) and name not in names and (not mam_list or name in mam_list):
            findings.append(listing.finding("unknown-reference", i, "mam",
                                            f"La MAM {fr_value(name)} n'est pas dans la feuille MAM : ajoutez-la à "
                                            "la feuille MAM ou corrigez le nom.", value=name))
    return findings


def total_findings(t: Table | None, fields: tuple[str, ...], label: str) -> list[Finding]:
    """The cached values of a table's TOTAL row against the sum of its rows (``total-mismatch``)."""
    if t is None or not t.total_row:
        return []
    findings = []
    for field in fields:
        cell, typed = t.total_cell(field), t.total_values.get(field)
        if cell is None or not isinstance(typed, (int, float)) or not t.has(field):
            continue
        actual = float(pd.to_numeric(t.df[field], errors="coerce").fillna(0).sum())
        if abs(float(typed) - actual) > 0.005:
            findings.append(make("total-mismatch", t.workbook, t.sheet, cell,
                                 f"{label} : la ligne de total affiche {fr_value(float(typed))}, la somme des lignes "
                                 f"au-dessus fait {fr_value(actual)} ; corrigez la formule (elle doit couvrir toutes "
                                 "les lignes) ou recalculez le classeur.", value=float(typed), expected=actual))
    return findings


@rule
def mam_eaje_totals(data: Dataset, ctx) -> list[Finding]:
    return (total_findings(_t(data, "mam"), ("am_count", "places"), "MAM")
            + total_findings(_t(data, "eaje"), ("places",), "EAJE"))


@rule
def listing_sector(data: Dataset, ctx) -> list[Finding]:
    """An AM's sector is the sector of her commune in the territory workbook's Communes sheet."""
    t, communes = _t(data, "listing_am"), data.table("territoire", "communes")
    if t is None or communes is None or not (t.has("sector") and t.has("commune") and communes.has("sector")):
        return []
    sector_of = {c: s for c, s in zip(communes.df["commune"], communes.df["sector"]) if present(c) and present(s)}
    allowed = set(data.workbook("assistants_maternels").lists.values.get("Secteurs", [])) or None
    findings = []
    for i, (commune, sector) in enumerate(zip(t.df["commune"], t.df["sector"])):
        expected = sector_of.get(commune)
        if not present(sector) or expected is None or sector == expected or (allowed and sector not in allowed):
            continue
        findings.append(t.finding("sector-mismatch", i, "sector",
                                  f"Secteur {fr_value(sector)} alors que {commune} est dans le secteur "
                                  f"{fr_value(expected)} (feuille Communes du classeur territoire) : saisissez "
                                  f"{fr_value(expected)}.", value=sector, expected=expected))
    return findings
