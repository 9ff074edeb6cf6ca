"""Declared versus computed: the figures the workbooks repeat from the dossier (*Observatoire*, *Répartition*,
TOTAL rows, *Évolution AM*) are compared with the indicators recomputed from the detailed sheets.

The tolerance follows how the figure was typed, as a bookkeeper would: ``29`` matches 28.5-29.5, ``0,83``
matches 0.825-0.835, ``31h30`` matches to the minute (:func:`tolerance`).
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from ...compute.indicators import compute_indicators
from ...compute.planning import CATEGORIES, category_slug, hours_by_category, keywords_from
from ...findings import Finding, make
from ...read import Dataset
from ...read.address import cell as a1
from ...read.coerce import parse
from ...text import fr_number, norm
from ..registry import rule
from .planning import plannings

# Observatoire label -> indicator ID: every regular expression must be found in the normalised label (first match wins).
OBSERVATOIRE = (
    (("eaje", "places"), "eaje.places"),
    (("agrees du territoire",), "am.agrees"),
    (("places theoriques",), "am.places_agreees"),
    (("places des assistants maternels actifs hors mam",), "am.places_actifs_hors_mam"),
    (("^places dans les mam",), "mam.places"),
    (("nombre de maisons",), "mam.nombre"),
    (("agrees par la pmi",), "am.agrees"),
    (("en activite \\(b\\)",), "am.actifs"),
    (("taux d'activite",), "am.taux_activite"),
    (("\\(b/a\\)", "accompagnement"), "am.sous_activite_taux"),
    (("sous-activite", "\\(a\\)"), "am.sous_activite_signalee"),
    (("accompagnement du relais", "\\(b\\)"), "am.sous_activite_accompagnee"),
    (("periscolaire",), "am.periscolaire"),
    (("horaires atypiques",), "am.horaires_atypiques"),
    (("urgence",), "am.urgence"),
    (("handicap",), "am.handicap"),
    (("\\(c/d\\)",), "am.taux_mise_en_ligne"),
    (("\\(c\\)",), "am.monenfant_dispos"),
    (("\\(d\\)",), "am.monenfant_inscrits"),
    (("independants", "place"), "am.avec_place_septembre"),
    (("en mam", "place"), "am.mam_avec_place_septembre"),
    (("demandes d'accueil en ligne",), "demandes_en_ligne.total"),
)
SOURCES = {"am.evolution": "la feuille Évolution AM", "am.": "la feuille Listing AM", "mam.": "la feuille Listing AM", "eaje.": "la feuille EAJE",
           "demandes_en_ligne.": "la feuille Demandes en ligne", "repartition.": "les plannings",
           "equipe.": "la feuille Équipe"}


def tolerance(declared: Any) -> float:
    """Half a unit of the last decimal typed: 29 -> 0.5, 0.83 -> 0.005, 16.07 -> 0.005.

    >>> tolerance(0.83)
    0.005
    """
    if isinstance(declared, bool) or not isinstance(declared, (int, float, Decimal)):
        return 0.0
    if float(declared).is_integer():
        return 0.5
    exponent = Decimal(repr(float(declared))).normalize().as_tuple().exponent
    return 0.5 * 10 ** exponent if isinstance(exponent, int) else 0.0


def agrees(declared: float, computed: float, tol: float) -> bool:
    return abs(float(declared) - float(computed)) <= tol + 1e-9


# Computed figures that read number cells: an unreadable cell there (reported where it stands) would make the
# comparison a false alarm. Counts of rows and Oui/Non columns are never unreadable.
INPUTS = (("am.places", "assistants_maternels", "listing_am", ("places",)),
          ("mam.places", "assistants_maternels", "listing_am", ("places",)),
          ("am.avec_place", "assistants_maternels", "listing_am", ("places_september",)),
          ("am.mam_avec_place", "assistants_maternels", "listing_am", ("places_september",)),
          ("eaje.places", "assistants_maternels", "eaje", ("places",)),
          ("demandes_en_ligne.delai", "suivi", "demandes_en_ligne", ("received", "answered")),
          ("equipe.etp", "equipe", "equipe", ("etp",)),
          ("am.evolution", "territoire", "evolution_am", ("year", "am_count")))


def unreliable(data: Dataset, ctx, ident: str) -> str | None:
    """Why the computed figure ``ident`` cannot be compared yet (French), or None when its inputs are readable."""
    if ident.startswith("repartition."):
        broken = [p.sheet for p in plannings(data, ctx) if p.error_days]
        return f"créneaux illisibles ou qui se chevauchent dans {', '.join(broken)}" if broken else None
    for prefix, kind, key, fields in INPUTS:
        table = data.table(kind, key) if ident.startswith(prefix) else None
        bad = sorted(table.cell(i, f) for i, f in table.bad_cells if f in fields) if table is not None else []
        if bad:
            return f"cellules illisibles dans la feuille {table.sheet} : {', '.join(bad[:3])}"
    return None


def not_compared(wb: str, sheet: str, where: str, label: str, reason: str) -> Finding:
    """``declared-not-compared`` (info): the declared figure waits until its source is fixed."""
    return make("declared-not-compared", wb, sheet, where,
                f"« {label} » n'est pas comparé au calcul tant que la source n'est pas corrigée ({reason}) : "
                "corrigez d'abord ces cellules, puis relancez la vérification.")


def indicators(data: Dataset, ctx):
    return ctx.memo("indicators", lambda: compute_indicators(data, plannings(data, ctx)))


def _fmt(x: float) -> str:
    """French number with the decimals it needs (at most 4): 0.8202 -> ``0,8202``, 178.0 -> ``178``."""
    x = round(float(x), 4)
    if x.is_integer():
        return fr_number(int(x))
    return fr_number(x, min(4, len(repr(x).split(".")[1])))


def _source(ident: str) -> str:
    return next((s for p, s in SOURCES.items() if ident.startswith(p)), "les feuilles détaillées")


def mismatch(wb: str, sheet: str, where: str, label: str, declared: float, computed: float, ident: str,
             unit: str = "") -> Finding:
    """``declared-value-mismatch`` at the declared cell, value = declared, expected = computed."""
    declared, computed = round(float(declared), 6), round(float(computed), 6)
    diff = declared - computed
    return make("declared-value-mismatch", wb, sheet, where,
                f"« {label} » : {_fmt(declared)}{unit} déclaré, mais le calcul sur {_source(ident)} donne {_fmt(computed)}{unit} "
                f"(écart {'+' if diff > 0 else ''}{_fmt(diff)}{unit}) : corrigez la valeur déclarée (ou les lignes "
                "détaillées si ce sont elles qui sont fausses).", value=declared, expected=computed)


@rule
def observatoire_declared(data: Dataset, ctx) -> list[Finding]:
    """Each recomputable row of *Observatoire* against its indicator; two rows of one indicator that disagree."""
    table = data.table("territoire", "observatoire")
    if table is None:
        return []
    values = indicators(data, ctx).values
    out: list[Finding] = []
    seen: dict[str, tuple[int, float]] = {}
    for i, (label, declared) in enumerate(zip(table.df["indicator"], table.df["value"])):
        ident = observatoire_id(label)
        if ident is None or declared is None or declared != declared:
            continue
        where = table.cell(i, "value")
        if ident in seen and seen[ident][1] != declared:
            j, other = seen[ident]
            out.append(make("declared-values-disagree", table.workbook, table.sheet, where,
                            f"« {label} » : {_fmt(declared)} ici, {_fmt(other)} en "
                            f"{table.cell(j, 'value')} pour le même indicateur ; gardez un seul chiffre, celui des "
                            f"données ({_fmt(values[ident]) if ident in values else 'à recompter'}).",
                            value=declared, expected=other))
        seen.setdefault(ident, (i, declared))
        if ident not in values:
            continue
        reason = unreliable(data, ctx, ident)
        if reason:
            out.append(not_compared(table.workbook, table.sheet, where, label, reason))
            continue
        computed = values[ident]
        if computed <= 1.0 < declared and ident.endswith("taux_activite"):
            computed = computed * 100
        if not agrees(declared, computed, tolerance(declared)):
            out.append(mismatch(table.workbook, table.sheet, where, label, declared, computed, ident))
    return out


def observatoire_id(label: Any) -> str | None:
    """Indicator ID of an *Observatoire* label, None for external figures (IMAJE, Direccte…)."""
    text = norm(label)
    for patterns, ident in OBSERVATOIRE:
        if all(re.search(p, text) for p in patterns):
            return ident
    return None


@rule
def repartition_declared(data: Dataset, ctx) -> list[Finding]:
    """The *Répartition* tables (per contract, then the team's) against the planning grids."""
    wb = data.workbook("equipe")
    grid = wb.grid("repartition") if wb else None
    if not grid:
        return []
    plans = plannings(data, ctx)
    if not plans:
        return []
    reason = unreliable(data, ctx, "repartition.")
    if reason:
        return [not_compared(wb.name, "Répartition", "A1", "Répartition", reason)]
    keywords = keywords_from(data.table("equipe", "correspondance").df) if data.table("equipe", "correspondance") else []
    per_plan = [(p, hours_by_category(p, keywords)) for p in plans]
    team_hours = {c: sum(h.get(c, 0.0) for _, h in per_plan) for c in CATEGORIES}
    team_total = sum(p.week_hours for p in plans)
    out: list[Finding] = []
    r = 0
    while r < len(grid):
        row = grid[r]
        a, b, c = (row + [None] * 3)[:3]
        if norm(a) == "activites" and isinstance(b, str) and "heure" in norm(b):
            m = re.search(r"(\d+(?:[.,]\d+)?)\s*h", b)
            contract = float(m.group(1).replace(",", ".")) if m else None
            mine = [h for p, h in per_plan if contract is not None and abs(p.week_hours - contract) < 0.01]
            r = _contract_table(wb.name, grid, r + 1, contract, mine, out)
            continue
        if norm(a) == "activites" and norm(b) == "%":
            r = _team_table(wb.name, grid, r + 1, team_hours, team_total, out)
            continue
        r += 1
    return out


def _rows(grid, start):
    r = start
    while r < len(grid) and grid[r] and grid[r][0] not in (None, "") and norm(grid[r][0]) != "activites":
        yield r, category_slug(grid[r][0]) if category_slug(grid[r][0]) in CATEGORIES else None
        r += 1


def _contract_table(wb: str, grid, start: int, contract: float | None, mine: list[dict], out: list[Finding]) -> int:
    sheet_rows = list(_rows(grid, start))
    if mine and contract:
        for r, cat in sheet_rows:
            if cat is None:
                continue
            hours = sum(h.get(cat, 0.0) for h in mine) / len(mine)
            label = f"{grid[r][0]} (contrat {fr_number(contract)} h)"
            row = grid[r] + [None] * 3
            for col, declared, computed, unit in ((2, row[1], hours, " h"), (3, row[2], hours / contract * 100, " %")):
                if isinstance(declared, (int, float)) and not isinstance(declared, bool) \
                        and not agrees(declared, computed, tolerance(declared)):
                    out.append(mismatch(wb, "Répartition", a1(r + 1, col), label, declared, round(computed, 4),
                                        f"repartition.contrat.{cat}", unit))
    return sheet_rows[-1][0] + 1 if sheet_rows else start


def _team_table(wb: str, grid, start: int, team_hours: dict, team_total: float, out: list[Finding]) -> int:
    sheet_rows = list(_rows(grid, start))
    for r, cat in sheet_rows:
        if cat is None or not team_total:
            continue
        row = grid[r] + [None] * 3
        hours = team_hours.get(cat, 0.0)
        pct = row[1]
        if isinstance(pct, str):
            p = parse("number", pct.replace("%", "").strip())
            pct = None if p.error else p.value / 100
        if isinstance(pct, (int, float)) and not isinstance(pct, bool):
            ratio = hours / team_total
            if not agrees(pct, ratio, tolerance(pct)):
                out.append(mismatch(wb, "Répartition", a1(r + 1, 2), f"{grid[r][0]} (%)", pct * 100,
                                    round(ratio * 100, 2), f"repartition.global.{cat}_pct", " %"))
        typed = parse("hours", row[2]) if row[2] not in (None, "") else None
        if typed is not None and not typed.error and abs(typed.value - hours) > 1 / 120:
            out.append(mismatch(wb, "Répartition", a1(r + 1, 3), f"{grid[r][0]} (heures/semaine)", typed.value,
                                round(hours, 2), f"repartition.global.{cat}_heures", " h"))
    return sheet_rows[-1][0] + 1 if sheet_rows else start


@rule
def totals_declared(data: Dataset, ctx) -> list[Finding]:
    """TOTAL rows repeating a figure computed elsewhere: the team's weekly hours (planning grids), and the
    *Évolution AM* figures below its table. (A TOTAL row against the sum of its own rows, and each MAM row
    against the listing, are checked by the assistants and team rules: not repeated here.)"""
    values = indicators(data, ctx).values
    out: list[Finding] = []
    checks = (("equipe", "equipe", "weekly_hours", "repartition.global.total_heures",
               "Total des heures hebdomadaires des animatrices"),)
    for kind, key, field, ident, label in checks:
        table = data.table(kind, key)
        if table is None or not table.total_row or ident not in values:
            continue
        p = parse("number", table.total_values.get(field))
        if p.error or p.value is None:
            continue
        reason = unreliable(data, ctx, ident)
        if reason:
            out.append(not_compared(table.workbook, table.sheet, table.total_cell(field), label, reason))
            continue
        if not agrees(p.value, values[ident], tolerance(p.value)):
            out.append(mismatch(table.workbook, table.sheet, table.total_cell(field), label, p.value, values[ident], ident))
    out.extend(_evolution(data, values))
    return out


def _evolution(data: Dataset, values: dict) -> list[Finding]:
    wb = data.workbook("territoire")
    table = data.table("territoire", "evolution_am")
    if wb is None or table is None or "am.evolution_cabbalr_pct" not in values or table.bad_cells:
        return []  # unreadable years or counts are reported where they stand
    rows = table.df.dropna(subset=["year", "am_count"]).sort_values("year")
    first = float(rows["am_count"].iloc[0])
    drop = first - float(rows["am_count"].iloc[-1])
    pct = drop / first * 100 if first else 0.0
    out = []
    grid = wb.grid("evolution_am") or []
    for r in range((table.rows[-1] if table.rows else 0), len(grid)):
        row = grid[r] + [None, None]
        label, declared = norm(row[0]), row[1]
        if not isinstance(declared, (int, float)) or isinstance(declared, bool):
            continue
        if label.startswith("baisse"):
            computed = drop
        elif label.startswith("reduction"):
            computed = pct / 100 if abs(declared) <= 1 else pct
        else:
            continue
        if not agrees(declared, computed, max(tolerance(declared), 1e-6)):
            out.append(mismatch(wb.name, table.sheet, a1(r + 1, 2), str(row[0]), declared, round(computed, 6),
                                "am.evolution_cabbalr_pct"))
    return out
