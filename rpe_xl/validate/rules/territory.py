"""Communes everywhere (official names of the Pas-de-Calais, perimeter at the row's date), the *Communes* sheet,
and the AMs' sectors.

The commune columns are checked here only (not by the sheet models' drop-down check), so that one fault
gives one finding: ``unknown-commune`` (not an official name, with a suggestion),
``commune-out-of-perimeter`` (official but outside the RPE at that date), or ``list-outdated`` (in the
perimeter but missing from the workbook's drop-down list).

A fault in the *Communes* sheet is reported at its cell and does not spread to the other workbooks: a
misspelt commune is identified by its INSEE code (or the closest official name), an implausible date
(01/01/2052) is not used for the perimeter, and a sector is checked against the AMs' before being used.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

import pandas as pd

from ...compute.territory import EARLIEST, YEARS_AHEAD, choose_sector, implausible, outside_rows, plausible_span
from ...findings import Finding, make
from ...read import Dataset
from ...reference import CommuneRef, communes
from ...text import fr_date, fr_value
from ..registry import rule
from .common import present

# (workbook kind, table key, date field giving the row's day or None)
COMMUNE_COLUMNS = (
    ("suivi", "contacts_familles", "date"),
    ("suivi", "seances", "date"),
    ("suivi", "demandes_en_ligne", "received"),
    ("assistants_maternels", "listing_am", None),
    ("assistants_maternels", "mam", None),
    ("assistants_maternels", "eaje", None),
    ("assistants_maternels", "projets_mam", None),
    ("territoire", "communes", None),
)

Spans = dict[str, list[tuple[Any, Any]]]


def _code_text(value: Any) -> str | None:
    if not present(value):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def official_names(data: Dataset, ctx) -> list[Any]:
    """Per row of the *Communes* sheet, the commune it stands for: its official name (a misspelt name resolved
    by its INSEE code or the closest official name), or the value as typed when nothing fits."""
    t = data.table("territoire", "communes")
    if t is None or not t.has("commune"):
        return []

    def build() -> list[Any]:
        ref = communes()
        codes = t.df["insee"] if t.has("insee") else [None] * len(t)
        return [(ref.identify(n, _code_text(c))[0] or n) if present(n) else n for n, c in zip(t.df["commune"], codes)]
    return ctx.memo("territory.names", build)


def perimeter(data: Dataset, ctx) -> Spans | None:
    """Commune -> [(adhesion, exit)] from the territory workbook (None when it is missing); implausible dates
    are neutralised (see :func:`rpe_xl.compute.territory.plausible_span`)."""
    t = data.table("territoire", "communes")
    if t is None or not t.has("commune"):
        return None

    def build() -> Spans:
        spans: Spans = {}
        for i, (c, j, l) in enumerate(zip(official_names(data, ctx), t.df["joined"], t.df["left"])):
            if (i, "joined") in t.bad_cells:  # unreadable, reported at its cell: read as "member at every date"
                j = dt.date.min
            if present(c):
                spans.setdefault(c, []).append(plausible_span(j, l, ctx.today))
        return spans
    return ctx.memo("perimeter", build)


def _unknown_message(value: Any, ref: CommuneRef, preferred: list[str]) -> tuple[str, str | None]:
    former = ref.absorbed_into(value)
    if former:
        return (f"{fr_value(value)} n'est plus une commune : elle fait partie de {former} (code officiel "
                f"géographique 2026) ; saisissez « {former} ».", former)
    spelled = ref.official_spelling(value)
    if spelled:
        return f"{fr_value(value)} : l'orthographe officielle est « {spelled} » ; saisissez-la telle quelle.", spelled
    guess = ref.suggest(value, preferred)
    hint = f" « {guess} » ?" if guess else ""
    return (f"{fr_value(value)} n'est pas une commune du Pas-de-Calais (code officiel géographique 2026).{hint} "
            "Saisissez le nom officiel de la commune.", guess)


def _perimeter_message(value: str, day: dt.date | None, spans: list[tuple[Any, Any]] | None) -> str:
    if not spans:
        return (f"{value} n'est pas une commune du Relais (absente de la feuille Communes du classeur territoire) : "
                "corrigez la commune, ou ajoutez-la à la feuille Communes si elle a adhéré.")
    joined = min((j for j, _ in spans if isinstance(j, dt.date)), default=None)
    lefts = [l for _, l in spans if isinstance(l, dt.date)]
    if joined and day < joined:
        when = f"n'adhère au Relais qu'à partir du {fr_date(joined)}"
    elif lefts:
        when = f"a quitté le Relais le {fr_date(max(lefts))}"
    else:
        when = "n'est pas dans le périmètre du Relais"
    return (f"{value} {when} (feuille Communes du classeur territoire) : à la date du {fr_date(day)}, elle est hors "
            "du périmètre ; vérifiez la commune ou la date.")


def _check_table(data: Dataset, kind: str, key: str, date_field: str | None, ref: CommuneRef,
                 spans: Spans | None, reported: set) -> list[Finding]:
    t = data.table(kind, key)
    if t is None or not t.has("commune"):
        return []
    wb = data.workbook(kind)
    allowed = wb.lists.values.get("Communes")
    allowed_set = set(allowed or ())
    preferred = [c for c in (spans or allowed or []) if ref.is_official(c)]
    days = t.df[date_field].tolist() if date_field and t.has(date_field) else None
    codes, uniques = pd.factorize(t.df["commune"], use_na_sentinel=True)
    findings: list[Finding] = []
    flagged: set[int] = set()

    def rows_of(u: int) -> list[int]:
        return (codes == u).nonzero()[0].tolist()

    missing = (codes == -1).nonzero()[0].tolist()
    dated: set[int] = set()
    for u, value in enumerate(uniques):
        if not present(value):
            missing += rows_of(u)
        elif not ref.is_official(value):
            message, guess = _unknown_message(value, ref, preferred)
            for i in rows_of(u):
                findings.append(t.finding("unknown-commune", i, "commune", message, value=value, expected=guess))
                flagged.add(i)
        elif spans is not None and not spans.get(value):
            message = _perimeter_message(value, None, None)
            for i in rows_of(u):
                findings.append(t.finding("commune-out-of-perimeter", i, "commune", message, value=value))
                flagged.add(i)
        elif spans is not None and days is not None:
            dated.add(u)
    findings += [t.finding("missing-value", i, "commune", "Commune : cellule vide ; choisissez la commune dans la "
                           "liste.") for i in missing]
    for i in (outside_rows(t.df["commune"], days, {uniques[u]: spans[uniques[u]] for u in dated}) if dated else []):
        value = uniques[codes[i]]
        findings.append(t.finding("commune-out-of-perimeter", i, "commune",
                                  _perimeter_message(value, days[i], spans[value]), value=value))
        flagged.add(i)
    if not allowed_set:
        return findings
    for u, value in enumerate(uniques):
        if present(value) and ref.is_official(value) and value not in allowed_set and (wb.name, value) not in reported:
            first = next((i for i in rows_of(u) if i not in flagged), None)
            if first is None:
                continue
            reported.add((wb.name, value))
            code = "list-outdated" if spans is not None else "value-not-in-list"
            findings.append(t.finding(code, first, "commune",
                                      f"{value} n'est pas dans la liste déroulante « Communes » de la feuille Listes : "
                                      "ajoutez-la à la liste (elle est dans le périmètre du Relais).", value=value))
    return findings


@rule
def commune_names(data: Dataset, ctx) -> list[Finding]:
    """Every commune cell: official name, in the perimeter at the row's date, in the drop-down list."""
    ref, spans = communes(), perimeter(data, ctx)
    reported: set = set()
    findings = []
    for kind, key, date_field in COMMUNE_COLUMNS:
        if kind == "territoire":
            findings += _communes_sheet_names(data, ref)
        else:
            findings += _check_table(data, kind, key, date_field, ref, spans, reported)
    return findings


def _communes_sheet_names(data: Dataset, ref: CommuneRef) -> list[Finding]:
    """A misspelt name in the *Communes* sheet, with the official name from its INSEE code or the official list."""
    t = data.table("territoire", "communes")
    if t is None or not t.has("commune"):
        return []
    findings = []
    codes = t.df["insee"] if t.has("insee") else [None] * len(t)
    for i, (value, code) in enumerate(zip(t.df["commune"], codes)):
        if not present(value) or ref.is_official(value):
            continue
        code = _code_text(code)
        name, by_code = ref.identify(value, code)
        message, guess = _unknown_message(value, ref, [])
        if by_code:
            guess = name
            message = (f"{fr_value(value)} n'est pas une commune du Pas-de-Calais (code officiel géographique 2026) ; "
                       f"le code INSEE {code} de la ligne ({t.cell(i, 'insee')}) est celui de {name} : saisissez "
                       f"« {name} ».")
        findings.append(t.finding("unknown-commune", i, "commune", message, value=value, expected=guess))
    return findings


@rule
def commune_lists(data: Dataset, ctx) -> list[Finding]:
    """Values of the *Listes* « Communes » drop-downs are official names of communes of the perimeter."""
    ref, spans = communes(), perimeter(data, ctx)
    findings = []
    for wb in data.workbooks.values():
        values, cells = wb.lists.values.get("Communes", []), wb.lists.cells.get("Communes", [])
        sheet = wb.sheet_names.get("listes", ["Listes"])[0]
        for value, cell in zip(values, cells):
            if not ref.is_official(value):
                message, guess = _unknown_message(value, ref, [c for c in spans or [] if ref.is_official(c)])
                findings.append(make("unknown-commune", wb.name, sheet, cell, message, value=value, expected=guess))
            elif spans is not None and value not in spans:
                findings.append(make("commune-out-of-perimeter", wb.name, sheet, cell,
                                     _perimeter_message(value, None, None), value=value, severity="avertissement"))
    return findings


def _date_findings(t, i: int, name: Any, joined: Any, left: Any, today: dt.date) -> list[Finding]:
    """An implausible adhesion or exit date; else an exit before the adhesion."""
    out = []
    for field, day, label, meanwhile in (
            ("joined", joined, "Date d'adhésion", f"{name} est comptée dans le périmètre à toutes les dates"),
            ("left", left, "Date de sortie", f"cette date est ignorée ({name} reste dans le périmètre)")):
        if implausible(day, today):
            why = (f"plus de {YEARS_AHEAD} ans après aujourd'hui" if day > today
                   else f"avant {EARLIEST.year}, année des premiers relais")
            out.append(t.finding("implausible-date", i, field,
                                 f"{label} {fr_date(day)} de {name} : date invraisemblable ({why}) ; "
                                 f"corrigez l'année. En attendant, {meanwhile} et ses lignes des autres classeurs ne "
                                 "sont pas contrôlées contre cette date.", value=day.isoformat()))
    if not out and isinstance(joined, dt.date) and isinstance(left, dt.date) and left < joined:
        out.append(t.finding("date-order", i, "left",
                             f"{name} : date de sortie {fr_date(left)} avant la date d'adhésion {fr_date(joined)} ; "
                             "corrigez l'une des deux dates.", value=left.isoformat(), expected=f">= {joined.isoformat()}"))
    return out


@rule
def communes_sheet(data: Dataset, ctx) -> list[Finding]:
    """INSEE code of the commune itself, plausible dates, exit after adhesion, rows of one commune agree."""
    t = data.table("territoire", "communes")
    if t is None or not t.has("commune"):
        return []
    ref = communes()
    choices, am = sector_choices(data, ctx)
    findings = []
    first: dict[str, int] = {}
    for i, (row, name) in enumerate(zip(t.df.itertuples(index=False), official_names(data, ctx))):
        code = _code_text(getattr(row, "insee", None))
        if ref.is_official(row.commune) and code and t.has("insee") and ref.code_of(name) != code:
            other = ref.name_of_code(code)
            whose = f"celui de {other}" if other else "le code d'aucune commune du Pas-de-Calais"
            findings.append(t.finding("insee-mismatch", i, "insee",
                                      f"Code INSEE {code} : c'est {whose}, pas de {name} ; saisissez "
                                      f"{ref.code_of(name)}.", value=code, expected=ref.code_of(name)))
        findings += _date_findings(t, i, name, getattr(row, "joined", None), getattr(row, "left", None), ctx.today)
        if not present(name):
            continue
        choice = choices.get(name)
        if choice is not None and i in choice.odd:
            same = [r for r, n in enumerate(official_names(data, ctx)) if n == name]
            findings.append(_sector_finding(t, i, name, choice, am.get(name, Counter()), same))
        if name not in first:
            first[name] = i
            continue
        j = first[name]
        for field in ("insee", "joined", "left"):
            if not t.has(field):
                continue
            a, b = t.df[field].iloc[j], t.df[field].iloc[i]
            if (present(a) or present(b)) and a != b:
                findings.append(t.finding("incoherent-row", i, field,
                                          f"{name} a deux lieux : cette ligne dit {fr_value(b)}, la ligne "
                                          f"{t.rows[j]} dit {fr_value(a)} ; une commune a un seul code, secteur "
                                          "et dates : harmonisez.", value=str(b), expected=str(a)))
    return findings


def _sector_finding(t, i: int, name: str, choice, am: Counter, same: list[int]) -> Finding:
    """At a *Communes* sector cell: contradicted by the commune's AMs, or the odd one of the commune's rows."""
    sector = t.df["sector"].iloc[i]
    if choice.contradicted:
        n, total = am[choice.am_sector], sum(am.values())
        who = f"ses {n} AM" if n == total else f"{n} de ses {total} AM"
        return t.finding("commune-sector-mismatch", i, "sector",
                         f"Secteur {fr_value(sector)} pour {name}, mais {who} du Listing AM (classeur des assistants "
                         f"maternels) sont dans le secteur « {choice.am_sector} » : saisissez « {choice.am_sector} » "
                         "si c'est bien celui de la commune, sinon corrigez le secteur de ces AM.",
                         value=sector, expected=choice.am_sector)
    other = next(r for r in same if t.df["sector"].iloc[r] == choice.expected)
    return t.finding("incoherent-row", i, "sector",
                     f"{name} a deux lieux : cette ligne dit {fr_value(sector)}, la ligne {t.rows[other]} dit "
                     f"« {choice.expected} »{_am_support(am, choice.expected)} ; une commune a un seul secteur : "
                     f"saisissez « {choice.expected} ».", value=sector, expected=choice.expected)


def _am_support(am: Counter, sector: str) -> str:
    n, total = am.get(sector, 0), sum(am.values())
    return "" if not n else f", comme {'ses' if n == total else f'{n} de ses {total}'} AM du Listing AM"


def _am_sectors(data: Dataset) -> dict[str, Counter]:
    """Commune -> Counter of the sectors typed for its AMs (values of the drop-down only)."""
    t = data.table("assistants_maternels", "listing_am")
    if t is None or not (t.has("commune") and t.has("sector")):
        return {}
    allowed = set(data.workbook("assistants_maternels").lists.values.get("Secteurs") or ())
    out: dict[str, Counter] = {}
    for (commune, sector), n in Counter(zip(t.df["commune"].tolist(), t.df["sector"].tolist())).items():
        if present(commune) and present(sector) and (not allowed or sector in allowed):
            out.setdefault(commune, Counter())[sector] = n
    return out


def sector_choices(data: Dataset, ctx) -> tuple[dict[str, Any], dict[str, Counter]]:
    """(commune -> :class:`~rpe_xl.compute.territory.SectorChoice`, commune -> Counter of its AMs' sectors)."""
    t = data.table("territoire", "communes")
    if t is None or not (t.has("commune") and t.has("sector")):
        return {}, {}

    def build():
        am = _am_sectors(data)
        valid = set(data.workbook("territoire").lists.values.get("Secteurs", [])) or None
        rows: dict[str, list] = {}
        for i, (name, sector) in enumerate(zip(official_names(data, ctx), t.df["sector"])):
            if present(name) and present(sector):
                rows.setdefault(name, []).append((i, sector))
        return {n: choose_sector(r, am.get(n, Counter()), valid) for n, r in rows.items()}, am
    return ctx.memo("territory.sectors", build)


@rule
def listing_sector(data: Dataset, ctx) -> list[Finding]:
    """An AM's sector is the sector of her commune, as decided by :func:`sector_choices`: not checked for a commune
    whose *Communes* sector is contradicted by its AMs (reported at the *Communes* cell instead)."""
    t = data.table("assistants_maternels", "listing_am")
    if t is None or not (t.has("sector") and t.has("commune")):
        return []
    choices, _ = sector_choices(data, ctx)
    expected_of = {n: c.expected for n, c in choices.items() if c.expected}
    if not expected_of:
        return []
    allowed = data.workbook("assistants_maternels").lists.values.get("Secteurs")
    expected, sector = t.df["commune"].map(expected_of), t.df["sector"]
    bad = expected.notna() & sector.notna() & (sector != expected)
    if allowed:
        bad &= sector.isin(allowed)
    findings = []
    for i in bad.to_numpy().nonzero()[0].tolist():
        commune, value, want = t.df["commune"].iloc[i], sector.iloc[i], expected.iloc[i]
        note = (f" (la feuille Communes donne plusieurs secteurs à {commune} : « {want} » est retenu, celui de la "
                "plupart de ses AM ; voir l'erreur de la feuille Communes)") if choices[commune].ambiguous else ""
        findings.append(t.finding("sector-mismatch", i, "sector",
                                  f"Secteur {fr_value(value)} alors que {commune} est dans le secteur « {want} » "
                                  f"(feuille Communes du classeur territoire){note} : saisissez « {want} ».",
                                  value=value, expected=want))
    return findings
