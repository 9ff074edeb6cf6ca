"""Rules of the AM workbook (RPE_assistants_maternels): listing, MAM, EAJE, sectors."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from ...compute.indicators import filled
from ...findings import Finding, make
from ...parameters import parameter
from ...read import Dataset, Table
from ...read.coerce import is_formula_error
from ...read.description import label
from ...text import fr_date, fr_value, norm
from ..registry import rule
from .common import date_checks, duplicate_keys, present
from .common import header as header_of
from .declared import cells_text, not_compared, refused_by_model, rejected, row_check


def _t(data: Dataset, key: str) -> Table | None:
    return data.table("assistants_maternels", key)


# the status of assistante maternelle and its approval exist from a dated text (rpe_xl/data/agrement/)
APPROVAL = "agrement/statut_assistant_maternel"


@rule
def listing_unique_codes(data: Dataset, ctx) -> list[Finding]:
    """Each Code AM once; one AM on one row only (same name and same phone or mail under two codes)."""
    t = _t(data, "listing_am")
    findings = duplicate_keys(t, "am_code")
    if t is None or not (t.has("last_name") and t.has("first_name")):
        return findings
    seen: dict[tuple, int] = {}
    contacts = [t.df[f].tolist() if t.has(f) else [None] * len(t) for f in ("phone", "email")]
    for i, (last, first, phone, mail) in enumerate(zip(t.df["last_name"], t.df["first_name"], *contacts)):
        for contact in (phone, mail):
            if not (present(last) and present(first) and present(contact)):
                continue
            key = (norm(last), norm(first), norm(contact).replace(" ", ""))
            if key in seen and i != seen[key]:
                j = seen[key]
                findings.append(t.finding(
                    "duplicate-person", i, "am_code",
                    last=last, first=first, at=t.cell(j, 'am_code'), kept_code=t.df['am_code'].iloc[j],
                    value=t.df["am_code"].iloc[i]))
                break
            seen.setdefault(key, i)
    return findings


@rule
def listing_dates(data: Dataset, ctx) -> list[Finding]:
    """Approval and last contact are past events (no period: the listing is kept up to date); no approval before
    the status of assistante maternelle existed (1977)."""
    t = _t(data, "listing_am")
    findings = (date_checks(t, "approval_date", ctx.today, working_day=False)
                + date_checks(t, "last_contact", ctx.today, working_day=False))
    status = parameter(APPROVAL)
    if t is not None and t.has("approval_date"):
        findings += [t.finding("implausible-date", i, "approval_date",
                               day=fr_date(d), cite_at=status.cite_at(status.since), value=d.isoformat())
                     for i, d in enumerate(t.df["approval_date"]) if isinstance(d, dt.date) and not status.at(d)]
    return findings


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
        """Rows whose ``name`` is the Oui/Non value ``value`` (key of the list ``oui_non``)."""
        return df[name].astype(object).eq(label("oui_non", value)) if has(name) else pd.Series(False, index=df.index)

    yes, no = label("oui_non", "oui"), label("oui_non", "non")
    active = header_of(t, "active")
    code = df["am_code"].tolist() if has("am_code") else [None] * len(df)
    sept = df["places_september"].astype("Float64") if has("places_september") else None
    places = df["places"].astype("Float64") if has("places") else None
    findings = []
    if sept is not None:
        ok_sept = accepted("places_september")
        for i in df.index[(equals("active", "non") & (sept >= 1) & ok_sept).fillna(False)]:
            n = int(sept.iloc[i])
            findings.append(t.finding("incoherent-row", i, "places_september",
                                      variant="places_inactive", am_code=code[i], n=fr_value(n), active=active,
                                      yes=yes, value=n))
        for i in df.index[equals("active", "oui") & sept.isna() & ok_sept]:
            findings.append(t.finding("missing-value", i, "places_september",
                                      variant="places_september", am_code=code[i], severity="avertissement"))
        if places is not None:
            for i in df.index[((sept > places) & ok_sept & accepted("places")).fillna(False)]:
                n, most = int(sept.iloc[i]), int(places.iloc[i])
                findings.append(t.finding("incoherent-row", i, "places_september",
                                          variant="places_over_approval", am_code=code[i], n=fr_value(n),
                                          most=fr_value(most), value=n, expected=f"<= {most}"))
    for i in df.index[equals("monenfant_updated", "oui") & equals("monenfant_registered", "non")]:
        findings.append(t.finding("incoherent-row", i, "monenfant_updated",
                                  am_code=code[i], header_of=header_of(t, 'monenfant_registered'), yes=yes, no=no))
    for i in df.index[equals("underactivity_support", "oui") & equals("underactivity", "non")]:
        findings.append(t.finding("incoherent-row", i, "underactivity_support",
                                  variant="underactivity", am_code=code[i], header_of=header_of(t, 'underactivity'),
                                  yes=yes, no=no,
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
                variant="mam_listing", mam=name, typed=fr_value(int(typed)), what=what, actual=fr_value(actual),
                letter=letter,
                value=int(typed), expected=actual, severity="erreur"))
    wb = data.workbook("assistants_maternels")
    mam_list = set(wb.lists.values.get(wb.spec.sheet("listing_am").field("mam").list_name, []))
    for i, name in enumerate(listing.df["mam"]):
        if present(name) and name not in names and (not mam_list or name in mam_list):
            findings.append(listing.finding("unknown-reference", i, "mam",
                                            mam=fr_value(name), value=name))
    return findings


def total_findings(t: Table | None, fields: tuple[str, ...], label: str | None = None) -> list[Finding]:
    """The cached values of a table's TOTAL row against the sum of its rows (``total-mismatch``); ``label`` names
    the table in messages (default: its sheet)."""
    if t is None or not t.total_row:
        return []
    label = label or t.sheet
    findings = []
    for field in fields:
        cell, typed = t.total_cell(field), t.total_values.get(field)
        if cell is not None and is_formula_error(typed):
            findings.append(make("formula-error", t.workbook, t.sheet, cell,
                                 label=label, typed=typed.strip()))
            continue
        if cell is None or not isinstance(typed, (int, float)) or not t.has(field):
            continue
        actual = float(pd.to_numeric(t.df[field], errors="coerce").fillna(0).sum())
        if abs(float(typed) - actual) > 0.005:
            findings.append(make("total-mismatch", t.workbook, t.sheet, cell,
                                 label=label, typed=fr_value(float(typed)), actual=fr_value(actual),
                                 value=float(typed), expected=actual))
    return findings


@rule
def mam_eaje_totals(data: Dataset, ctx) -> list[Finding]:
    return total_findings(_t(data, "mam"), ("am_count", "places")) + total_findings(_t(data, "eaje"), ("places",))
