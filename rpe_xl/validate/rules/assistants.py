"""Rules of the AM workbook (RPE_assistants_maternels): listing, MAM, EAJE, sectors."""

from __future__ import annotations

import pandas as pd

from ...compute.indicators._common import filled
from ...findings import Finding, make
from ...read import Dataset, Table
from ...text import fr_value
from ..registry import rule
from .common import date_checks, duplicate_keys, present
from .declared import cells_text, not_compared, refused_by_model, rejected, row_check


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
    return coherence_findings(data, ctx)


@row_check("assistants_maternels", "listing_am")
def coherence_findings(data: Dataset, ctx) -> list[Finding]:
    """An AM not in activity offers no place; availability on monenfant.fr needs a registration; … A cell
    already reported (unreadable, out of range…) is not judged again: one finding per cell."""
    return ctx.memo("listing-coherence", lambda: _coherence(data, ctx))


def _coherence(data: Dataset, ctx) -> list[Finding]:
    t = _t(data, "listing_am")
    if t is None:
        return []
    df, has = t.df, t.has
    refused = refused_by_model(data, ctx, "assistants_maternels", "listing_am")

    def accepted(name: str) -> pd.Series:
        bad = [i for i, f in refused if f == name]
        return ~pd.Series(df.index.isin(bad), index=df.index)

    def equals(name: str, value: str) -> pd.Series:
        return df[name].astype(object).eq(value) if has(name) else pd.Series(False, index=df.index)

    code = df["am_code"].tolist() if has("am_code") else [None] * len(df)
    sept = df["places_september"].astype("Float64") if has("places_september") else None
    places = df["places"].astype("Float64") if has("places") else None
    findings = []
    if sept is not None:
        ok_sept = accepted("places_september")
        for i in df.index[(equals("active", "Non") & (sept >= 1) & ok_sept).fillna(False)]:
            n = int(sept.iloc[i])
            findings.append(t.finding("incoherent-row", i, "places_september",
                                      f"{code[i]} n'est pas en activité mais a {fr_value(n)} place(s) "
                                      "disponible(s) pour septembre : videz la cellule, ou passez « En activité » "
                                      "à Oui.", value=n))
        for i in df.index[equals("active", "Oui") & sept.isna() & ok_sept]:
            findings.append(t.finding("missing-value", i, "places_september",
                                      f"{code[i]} est en activité : saisissez ses places disponibles pour septembre "
                                      "(0 s'il n'en a pas).", severity="avertissement"))
        if places is not None:
            for i in df.index[((sept > places) & ok_sept & accepted("places")).fillna(False)]:
                n, most = int(sept.iloc[i]), int(places.iloc[i])
                findings.append(t.finding("incoherent-row", i, "places_september",
                                          f"{code[i]} : {fr_value(n)} places disponibles pour {fr_value(most)} "
                                          "places agréées ; une AM ne peut offrir plus que son agrément : corrigez "
                                          "l'une des deux valeurs.", value=n, expected=f"<= {most}"))
    for i in df.index[equals("monenfant_updated", "Oui") & equals("monenfant_registered", "Non")]:
        findings.append(t.finding("incoherent-row", i, "monenfant_updated",
                                  f"{code[i]} a des disponibilités à jour sur monenfant.fr sans y être inscrit : "
                                  "passez « Inscrit monenfant.fr » à Oui, ou celle-ci à Non."))
    for i in df.index[equals("underactivity_support", "Oui") & equals("underactivity", "Non")]:
        findings.append(t.finding("incoherent-row", i, "underactivity_support",
                                  f"{code[i]} est accompagné(e) pour sous-activité sans sous-activité signalée : "
                                  "passez « Sous-activité signalée » à Oui, ou celle-ci à Non.",
                                  severity="avertissement"))
    return findings


@rule
def mam_against_listing(data: Dataset, ctx) -> list[Finding]:
    """A MAM's Nb AM and places against the AM of Listing AM in that MAM; a MAM of the listing is in the MAM sheet.
    A listing cell the checks refuse (a MAM name outside the list, a place count out of range…) holds the count
    back: ``declared-not-compared`` at the MAM cell instead of a disagreement the listing's fault would cause."""
    mam, listing = _t(data, "mam"), _t(data, "listing_am")
    if mam is None or listing is None or not (mam.has("name") and listing.has("mam")):
        return []
    members = listing.df[filled(listing.df["mam"])]
    refused = rejected(data, ctx, "assistants_maternels", "listing_am")
    unsure = [i for i, f in refused if f == "mam"]  # AM whose MAM is unknown: a member of any MAM, maybe
    bad_places = {i for i, f in refused if f == "places"}
    own = rejected(data, ctx, "assistants_maternels", "mam")
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
            if actual is None or not present(typed) or int(typed) == actual or (i, field) in own:
                continue  # a refused MAM cell is reported where it stands
            held = unsure + ([j for j in rows.index if j in bad_places] if field == "places" else [])
            if held:
                cells = [listing.cell(j, f) for j, f in sorted((j, "mam" if j in unsure else "places") for j in held)]
                findings.append(not_compared(mam.workbook, mam.sheet, mam.cell(i, field), f"{name} : {what}",
                                             f"cellule{'s' if len(cells) > 1 else ''} en erreur dans la feuille "
                                             f"{listing.sheet} : {cells_text(cells)}"))
                continue
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
