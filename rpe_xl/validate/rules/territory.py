"""Communes everywhere: official names of the Pas-de-Calais, perimeter at the row's date, drop-down lists.

The commune columns are checked here only (not by the sheet models' drop-down check), so that one fault
gives one finding: ``unknown-commune`` (not an official name, with a suggestion),
``commune-out-of-perimeter`` (official but outside the RPE at that date), or ``list-outdated`` (in the
perimeter but missing from the workbook's drop-down list).

A fault in the *Communes* sheet is reported at its cell and does not spread to the other workbooks: a
misspelt commune is identified by its INSEE code (or the closest official name), an implausible date
(01/01/2052) is not used for the perimeter (the sheet's own checks: :mod:`.communes_sheet`; sectors:
:mod:`.sectors`). A commune that is not an official name is not counted by the indicators either (séances per
commune): its finding says so, and ``rpe-xl indicateurs`` shows it.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pandas as pd

from ...compute.territory import outside_rows, plausible_span
from ...findings import Finding, make
from ...read import Dataset
from ...read.description import list_name, shared_sheet_name
from ...reference import CommuneRef, communes
from ...text import fr_date, fr_value
from ..registry import rule
from .common import present

# tables whose rows the indicators count per commune (séances per commune): a commune that is not an official name
# leaves its row out of that count
COUNTED_BY_COMMUNE = {("suivi", "seances"): " En attendant, cette séance n'est pas comptée dans les séances par "
                                             "commune des indicateurs."}

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


def insee_text(value: Any) -> str | None:
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
        return [(ref.identify(n, insee_text(c))[0] or n) if present(n) else n for n, c in zip(t.df["commune"], codes)]
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


def _unknown_values(value: Any, ref: CommuneRef, preferred: list[str]) -> dict[str, Any]:
    """Variant and values of the ``unknown-commune`` message of ``value``; ``guess``: the commune meant."""
    typed = fr_value(value)
    if isinstance(value, str) and value.lstrip().startswith("="):
        # a formula typed as text (=HYPERLINK("http://…";"Béthune")): the commune is in one of its quoted texts
        guess = next((g for q in reversed(re.findall(r'"([^"]*)"', value)) if (g := ref.suggest(q, preferred))), None)
        return {"variant": "formula_guess" if guess else "formula", "typed": typed, "guess": guess}
    former = ref.absorbed_into(value)
    if former:
        return {"variant": "absorbed", "typed": typed, "guess": former}
    spelled = ref.official_spelling(value)
    if spelled:
        return {"variant": "spelling", "typed": typed, "guess": spelled}
    guess = ref.suggest(value, preferred)
    return {"variant": "guess" if guess else "default", "typed": typed, "guess": guess}


def _perimeter_values(value: str, day: dt.date | None, spans: list[tuple[Any, Any]] | None) -> dict[str, Any]:
    """Variant and values of the ``commune-out-of-perimeter`` message of ``value`` on ``day``."""
    if not spans:
        return {"variant": "default", "commune": value}
    joined = min((j for j, _ in spans if isinstance(j, dt.date)), default=None)
    lefts = [l for _, l in spans if isinstance(l, dt.date)]
    variant = "not_yet" if joined and day < joined else "left" if lefts else "outside"
    return {"variant": variant, "commune": value, "day": fr_date(day), "joined": fr_date(joined) if joined else None,
            "left": fr_date(max(lefts)) if lefts else None}


def _check_table(data: Dataset, kind: str, key: str, date_field: str | None, ref: CommuneRef,
                 spans: Spans | None, reported: set) -> list[Finding]:
    t = data.table(kind, key)
    if t is None or not t.has("commune"):
        return []
    wb = data.workbook(kind)
    allowed = wb.lists.values.get(list_name("communes"))
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
            values = _unknown_values(value, ref, preferred)
            counted = COUNTED_BY_COMMUNE.get((kind, key), "")
            for i in rows_of(u):
                findings.append(t.finding("unknown-commune", i, "commune", **values, counted=counted, value=value,
                                          expected=values["guess"]))
                flagged.add(i)
        elif spans is not None and not spans.get(value):
            for i in rows_of(u):
                findings.append(t.finding("commune-out-of-perimeter", i, "commune",
                                          **_perimeter_values(value, None, None),
                                          value=value))
                flagged.add(i)
        elif spans is not None and days is not None:
            dated.add(u)
    findings += [t.finding("missing-value", i, "commune", variant="commune") for i in missing]
    for i in (outside_rows(t.df["commune"], days, {uniques[u]: spans[uniques[u]] for u in dated}) if dated else []):
        value = uniques[codes[i]]
        findings.append(t.finding("commune-out-of-perimeter", i, "commune",
                                  **_perimeter_values(value, days[i], spans[value]), value=value))
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
            findings.append(t.finding(code, first, "commune", variant="commune", commune=value, value=value))
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
        code = insee_text(code)
        name, by_code = ref.identify(value, code)
        values = (_unknown_values(value, ref, []) if not by_code else
                  {"variant": "insee", "typed": fr_value(value), "guess": name, "insee": code,
                   "at": t.cell(i, "insee")})
        findings.append(t.finding("unknown-commune", i, "commune", **values, counted="", value=value,
                                  expected=values["guess"]))
    return findings


def uncounted_communes(data: Dataset, ctx) -> list[Finding]:
    """The ``unknown-commune`` findings of the tables the indicators count per commune: the rows those counts
    leave out, shown by ``rpe-xl indicateurs`` (same findings as :func:`commune_names` gives at those cells)."""
    ref, spans = communes(), perimeter(data, ctx)
    findings = []
    for kind, key, date_field in COMMUNE_COLUMNS:
        if (kind, key) in COUNTED_BY_COMMUNE:
            findings += [f for f in _check_table(data, kind, key, date_field, ref, spans, set())
                         if f.code == "unknown-commune"]
    return findings


@rule
def commune_lists(data: Dataset, ctx) -> list[Finding]:
    """Values of the *Listes* « Communes » drop-downs are official names of communes of the perimeter."""
    ref, spans = communes(), perimeter(data, ctx)
    findings = []
    for wb in data.workbooks.values():
        values, cells = wb.lists.values.get(list_name("communes"), []), wb.lists.cells.get(list_name("communes"), [])
        sheet = wb.sheet_names.get("listes", [shared_sheet_name("listes")])[0]
        for value, cell in zip(values, cells):
            if not ref.is_official(value):
                values = _unknown_values(value, ref, [c for c in spans or [] if ref.is_official(c)])
                findings.append(make("unknown-commune", wb.name, sheet, cell, **values, counted="", value=value,
                                     expected=values["guess"]))
            elif spans is not None and value not in spans:
                findings.append(make("commune-out-of-perimeter", wb.name, sheet, cell,
                                     **_perimeter_values(value, None, None), value=value, severity="avertissement"))
    return findings
