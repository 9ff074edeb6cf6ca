"""Communes everywhere (official names of the Pas-de-Calais, perimeter at the row's date) and the *Communes* sheet.

The commune columns are checked here only (not by the sheet models' drop-down check), so that one fault
gives one finding: ``unknown-commune`` (not an official name, with a suggestion),
``commune-out-of-perimeter`` (official but outside the RPE at that date), or ``list-outdated`` (in the
perimeter but missing from the workbook's drop-down list).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ...compute.territory import in_perimeter
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


def perimeter(data: Dataset, ctx) -> Spans | None:
    """Commune -> [(adhesion, exit)] from the territory workbook (None when it is missing)."""
    t = data.table("territoire", "communes")
    if t is None or not t.has("commune"):
        return None

    def build() -> Spans:
        spans: Spans = {}
        for c, j, l in zip(t.df["commune"], t.df["joined"], t.df["left"]):
            if present(c):
                spans.setdefault(c, []).append((j, l))
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


def _check_table(data: Dataset, ctx, kind: str, key: str, date_field: str | None, ref: CommuneRef,
                 spans: Spans | None, reported: set) -> list[Finding]:
    t = data.table(kind, key)
    if t is None or not t.has("commune"):
        return []
    wb = data.workbook(kind)
    allowed = wb.lists.values.get("Communes") if kind != "territoire" else None
    preferred = list(spans or allowed or [])
    days = t.df[date_field] if date_field and t.has(date_field) else [None] * len(t)
    findings = []
    for i, (value, day) in enumerate(zip(t.df["commune"], days)):
        if not present(value):
            if kind != "territoire":  # the Communes model reports it there
                findings.append(t.finding("missing-value", i, "commune", "Commune : cellule vide ; choisissez la "
                                          "commune dans la liste."))
            continue
        if not ref.is_official(value):
            message, guess = _unknown_message(value, ref, preferred)
            findings.append(t.finding("unknown-commune", i, "commune", message, value=value, expected=guess))
            continue
        if kind == "territoire":
            continue
        if spans is not None:
            span = spans.get(value)
            if not span:
                findings.append(t.finding("commune-out-of-perimeter", i, "commune",
                                          _perimeter_message(value, None, None), value=value))
                continue
            if isinstance(day, dt.date) and not any(in_perimeter(j, l, day) for j, l in span):
                findings.append(t.finding("commune-out-of-perimeter", i, "commune",
                                          _perimeter_message(value, day, span), value=value))
                continue
        if allowed and value not in allowed and (wb.name, value) not in reported:
            reported.add((wb.name, value))
            code = "list-outdated" if spans is not None else "value-not-in-list"
            findings.append(t.finding(code, i, "commune",
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
        findings += _check_table(data, ctx, kind, key, date_field, ref, spans, reported)
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
                message, guess = _unknown_message(value, ref, list(spans or []))
                findings.append(make("unknown-commune", wb.name, sheet, cell, message, value=value, expected=guess))
            elif spans is not None and value not in spans:
                findings.append(make("commune-out-of-perimeter", wb.name, sheet, cell,
                                     _perimeter_message(value, None, None), value=value, severity="avertissement"))
    return findings


@rule
def communes_sheet(data: Dataset, ctx) -> list[Finding]:
    """INSEE code of the commune itself, exit after adhesion, rows of one commune agree."""
    t = data.table("territoire", "communes")
    if t is None or not t.has("commune"):
        return []
    ref = communes()
    findings = []
    first: dict[str, int] = {}
    for i, row in enumerate(t.df.itertuples(index=False)):
        name = row.commune
        code = str(row.insee).strip() if present(getattr(row, "insee", None)) else None
        if ref.is_official(name) and code and t.has("insee") and ref.code_of(name) != code:
            other = ref.name_of_code(code)
            whose = f"celui de {other}" if other else "le code d'aucune commune du Pas-de-Calais"
            findings.append(t.finding("insee-mismatch", i, "insee",
                                      f"Code INSEE {code} : c'est {whose}, pas de {name} ; saisissez "
                                      f"{ref.code_of(name)}.", value=code, expected=ref.code_of(name)))
        joined, left = getattr(row, "joined", None), getattr(row, "left", None)
        if isinstance(joined, dt.date) and isinstance(left, dt.date) and left < joined:
            findings.append(t.finding("date-order", i, "left",
                                      f"{name} : date de sortie {fr_date(left)} avant la date d'adhésion "
                                      f"{fr_date(joined)} ; corrigez l'une des deux dates.",
                                      value=left.isoformat(), expected=f">= {joined.isoformat()}"))
        if not present(name):
            continue
        if name in first:
            j = first[name]
            for field in ("insee", "sector", "joined", "left"):
                if not t.has(field):
                    continue
                a, b = t.df[field].iloc[j], t.df[field].iloc[i]
                if (present(a) or present(b)) and a != b:
                    findings.append(t.finding("incoherent-row", i, field,
                                              f"{name} a deux lieux : cette ligne dit {fr_value(b)}, la ligne "
                                              f"{t.rows[j]} dit {fr_value(a)} ; une commune a un seul code, secteur "
                                              "et dates : harmonisez.", value=str(b), expected=str(a)))
        else:
            first[name] = i
    return findings
