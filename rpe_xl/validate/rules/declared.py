"""Declared versus computed: the figures the workbooks repeat from the dossier (*Observatoire*, *Répartition*,
TOTAL rows, *Évolution AM*) are compared with the indicators recomputed from the detailed sheets.

The tolerance follows how the figure was typed, as a bookkeeper would: ``29`` matches 28.5-29.5, ``0,83``
matches 0.825-0.835, ``31h30`` matches to the minute (:func:`tolerance`).

A figure computed from a cell the tool itself refuses (unreadable, outside the drop-down list, out of range,
empty, incoherent row: :func:`rejected`) is not compared: the declared cell gets one ``declared-not-compared``
info naming the faulty cell, which is reported where it stands.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from ...compute.indicators import compute_indicators, inputs_of
from ...compute.indicators.observatoire import match_label
from ...compute.planning import (CATEGORIES, category_of, category_slug, hours_by_category,
                                 keywords_from)
from ...findings import Finding, make
from ...read import Dataset, Table
from ...read.address import cell as a1
from ...read.address import split_cell
from ...read.coerce import is_formula_error, parse
from ...text import fr_number, norm
from ..registry import rule
from ..schema import model_findings
from .planning import plannings

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


ROW_CHECKS: dict[tuple[str, str], list[Callable[..., list[Finding]]]] = {}


def row_check(kind: str, key: str):
    """Declare ``fn(data, ctx) -> findings`` a check of the rows of one table: the cells it reports (other than
    infos) are refused like those of the sheet model. ``fn`` should memoise its findings (it runs as a rule too)."""
    def register(fn):
        ROW_CHECKS.setdefault((kind, key), []).append(fn)
        return fn
    return register


def _cells_of(table: Table, findings: list[Finding]) -> set[tuple[int, str]]:
    """(row index, field) of the findings that stand on a value cell of ``table``."""
    mine = [f for f in findings if f.severity != "info" and f.cell and f.sheet == table.sheet
            and f.workbook == table.workbook]
    if not mine:
        return set()
    row_of = {r: i for i, r in enumerate(table.rows)}
    field_of = {c: name for name, c in table.columns.items()}
    places = (split_cell(f.cell) for f in mine)
    return {(row_of[r], field_of[c]) for r, c in places if r in row_of and c in field_of}


def refused_by_model(data: Dataset, ctx, kind: str, key: str) -> set[tuple[int, str]]:
    """Cells (row index, field) unreadable or refused by the sheet model (empty, outside the drop-down list, out
    of range, malformed): a check built on them would judge a value the tool already reports."""
    def build() -> set[tuple[int, str]]:
        table = data.table(kind, key)
        if table is None:
            return set()
        return set(table.bad_cells) | _cells_of(table, model_findings(data, ctx, kind, key))
    return ctx.memo(f"refused:{kind}/{key}", build)


def rejected(data: Dataset, ctx, kind: str, key: str) -> set[tuple[int, str]]:
    """:func:`refused_by_model` plus the cells reported by the row checks of the table (``incoherent-row``…).

    >>> rejected(data, ctx, "assistants_maternels", "listing_am")   # doctest: +SKIP
    {(9, 'active')}
    """
    def build() -> set[tuple[int, str]]:
        table = data.table(kind, key)
        out = set(refused_by_model(data, ctx, kind, key))
        for check in ROW_CHECKS.get((kind, key), ()):
            out |= _cells_of(table, check(data, ctx)) if table is not None else set()
        return out
    return ctx.memo(f"rejected:{kind}/{key}", build)


def faulty_cells(data: Dataset, ctx, kind: str, key: str, fields) -> list[str]:
    """A1 addresses, in reading order, of the rejected cells of ``fields`` in a table."""
    table = data.table(kind, key)
    if table is None:
        return []
    bad = sorted((table.rows[i], table.columns.get(f, 0), f, i)
                 for i, f in rejected(data, ctx, kind, key) if f in fields)
    return [table.cell(i, f) for _, _, f, i in bad]


def cells_text(cells: list[str], limit: int = 3) -> str:
    """At most ``limit`` cells, then « … ».

    >>> cells_text(["J10", "L11", "O5", "O7"])
    'J10, L11, O5 …'
    """
    return ", ".join(cells[:limit]) + (" …" if len(cells) > limit else "")


def unreliable(data: Dataset, ctx, ident: str) -> str | None:
    """Why the computed figure ``ident`` cannot be compared yet (French), or None when the cells it is computed
    from are all accepted by the checks (see :func:`rejected` and ``compute.indicators.INPUTS``)."""
    if ident.startswith("repartition."):
        broken, totals = [], []
        for p in plannings(data, ctx):
            cells = dict.fromkeys([*p.cell_errors, *p.formula_errors, *(b.cell for _, b in p.overlaps)])
            broken += [f"{p.sheet}!{c}" for c in cells] or ([p.sheet] if p.error_days else [])
            totals += [f"{p.sheet}!{t.cell}" for t in p.mismatched_totals()]  # blocks or TOTAL wrong: unknown
        reasons = ([f"créneaux illisibles, en erreur ou qui se chevauchent : {cells_text(broken)}"] if broken else []) \
            + ([f"TOTAL du jour différent des créneaux : {cells_text(totals)}"] if totals else [])
        return " ; ".join(reasons) or None
    for kind, key, fields in inputs_of(ident):
        table = data.table(kind, key)
        lost = [table.header_cell() for f in fields if table is not None and f in table.missing]
        if lost:  # a renamed or deleted header: the column reads as empty
            return (f"colonne introuvable sur la ligne d'en-tête de la feuille {table.sheet} ({lost[0]}) : "
                    "rétablissez son en-tête")
        cells = faulty_cells(data, ctx, kind, key, fields)
        if cells:
            sheet = data.table(kind, key).sheet
            return f"cellule{'s' if len(cells) > 1 else ''} en erreur dans la feuille {sheet} : {cells_text(cells)}"
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
    """Each recomputable row of *Observatoire* against its indicator; two rows of one indicator that disagree;
    a label that is not one of the form's (approximately recognised: info; not recognised: avertissement)."""
    table = data.table("territoire", "observatoire")
    if table is None:
        return []
    values = indicators(data, ctx).values
    refused = rejected(data, ctx, "territoire", "observatoire")
    out: list[Finding] = []
    rows: list[tuple[int, Any, str, float, bool | None]] = []  # i, label, ID, declared, agrees with the data
    for i, (label, declared) in enumerate(zip(table.df["indicator"], table.df["value"])):
        if not norm(label):
            continue
        found = match_label(str(label))
        if found.status != "exact":
            out.append(_label_finding(table, i, label, found))
        ident = found.ident
        if ident is None or declared is None or declared != declared or (i, "value") in refused:
            continue  # a refused declared value is reported at its cell
        where, verdict = table.cell(i, "value"), None
        reason = unreliable(data, ctx, ident) if ident in values else None
        if reason:
            out.append(not_compared(table.workbook, table.sheet, where, label, reason))
        elif ident in values:
            computed = values[ident]
            if "taux" in ident and computed <= 1.0 < declared:  # a rate declared in % (83 for 0,83)
                computed = computed * 100
            elif "taux" in ident and declared <= 1.0 < computed:  # « 62 % » read as 0,62 for a rate × 100
                computed = computed / 100
            verdict = agrees(declared, computed, tolerance(declared))
            if not verdict:
                out.append(mismatch(table.workbook, table.sheet, where, label, declared, computed, ident))
        rows.append((i, label, ident, declared, verdict))
    return out + _disagreements(table, rows, values)


def _disagreements(table: Table, rows: list, values: dict) -> list[Finding]:
    """Rows declaring one indicator with different figures: the finding stands on each row that differs from the
    reference row, which is the first row agreeing with the data (else the first row): never on the right one."""
    by_ident: dict[str, list] = {}
    for row in rows:
        by_ident.setdefault(row[2], []).append(row)
    out = []
    for ident, group in by_ident.items():
        j, _, _, other, _ = next((r for r in group if r[4]), group[0])
        known = any(r[4] is not None for r in group)
        for i, label, _, declared, _ in group:
            if declared == other:
                continue
            out.append(make("declared-values-disagree", table.workbook, table.sheet, table.cell(i, "value"),
                            f"« {label} » : {_fmt(declared)} ici, {_fmt(other)} en {table.cell(j, 'value')} pour le "
                            f"même indicateur ; gardez un seul chiffre, celui des données "
                            f"({_fmt(values[ident]) if known else 'à recompter'}).", value=declared, expected=other))
    return out


def _label_finding(table: Table, i: int, label: Any, found) -> Finding:
    """``observatoire-label-approx`` (info) or ``observatoire-label-unknown`` (avertissement) at the label cell."""
    if found.status == "approx":
        return table.finding("observatoire-label-approx", i, "indicator",
                             f"Libellé « {label} » lu comme « {found.closest} » (libellé du formulaire CAF) : "
                             "vérifiez qu'il s'agit bien de cet indicateur et reprenez ce libellé.",
                             value=str(label), expected=found.closest)
    hint = f"Vouliez-vous dire « {found.closest} » ? " if found.closest else ""
    return table.finding("observatoire-label-unknown", i, "indicator",
                         f"Indicateur « {label} » non reconnu : son chiffre n'est comparé à aucun calcul. {hint}"
                         "Reprenez le libellé exact du formulaire CAF.", value=str(label), expected=found.closest)


@rule
def repartition_declared(data: Dataset, ctx) -> list[Finding]:
    """The *Répartition* tables (per contract, then the team's) against the planning grids; a declared cell
    holding a formula error (``#DIV/0!``) is reported at its cell and not compared."""
    wb = data.workbook("equipe")
    grid = wb.grid("repartition") if wb else None
    if not grid:
        return []
    errors = [make("formula-error", wb.name, "Répartition", a1(r + 1, c + 1),
                   f"Valeur déclarée en erreur ({v.strip()}) : le tableau se saisit sans formule ; tapez le chiffre "
                   "du dossier à la place.", value=v.strip())
              for r, row in enumerate(grid) for c, v in enumerate(row) if is_formula_error(v)]
    return errors + _repartition(data, ctx, wb, grid)


def _repartition(data: Dataset, ctx, wb, grid) -> list[Finding]:
    plans = plannings(data, ctx)
    if not plans:
        return []
    reason = unreliable(data, ctx, "repartition.")
    table = data.table("equipe", "correspondance")
    keywords = keywords_from(table.df) if table is not None else []
    if not reason and not keywords:
        reason = "la feuille « Correspondance activités » ne donne aucun mot-clé"
    if reason:
        return [not_compared(wb.name, "Répartition", "A1", "Répartition", reason)]
    per_plan = [(p, hours_by_category(p, keywords)) for p in plans]
    team_hours = {c: sum(h.get(c, 0.0) for _, h in per_plan) for c in CATEGORIES}
    team_total = sum(p.week_hours for p in plans)
    unclassified = {p.sheet: list(dict.fromkeys(b.cell for b in p.blocks if category_of(b.activity, keywords) is None))
                    for p in plans}
    out: list[Finding] = []
    r = 0
    while r < len(grid):
        row = grid[r]
        a, b = (row + [None] * 2)[:2]
        contract_table = norm(a) == "activites" and isinstance(b, str) and "heure" in norm(b)
        if not contract_table and not (norm(a) == "activites" and norm(b) == "%"):
            r += 1
            continue
        contract = None
        if contract_table:
            m = re.search(r"(\d+(?:[.,]\d+)?)\s*h", b)
            contract = float(m.group(1).replace(",", ".")) if m else None
        mine = [(p, h) for p, h in per_plan
                if not contract_table or (contract is not None and abs(p.week_hours - contract) < 0.01)]
        held = [f"{p.sheet}!{cell}" for p, _ in mine for cell in unclassified[p.sheet]]
        if held:  # hours of an activity without category: any row of the table may miss them
            title = grid[r - 1][0] if r and grid[r - 1] and grid[r - 1][0] else "Répartition"
            out.append(not_compared(wb.name, "Répartition", a1(r + 1, 1), str(title),
                                    f"créneau{'x' if len(held) > 1 else ''} sans catégorie dans la feuille "
                                    f"« Correspondance activités » : {cells_text(held)}"))
            r = _table_end(grid, r + 1)
        elif contract_table:
            r = _contract_table(wb.name, grid, r + 1, contract, [h for _, h in mine], out)
        else:
            r = _team_table(wb.name, grid, r + 1, team_hours, team_total, out)
    return out


def _table_end(grid, start: int) -> int:
    rows = list(_rows(grid, start))
    return rows[-1][0] + 1 if rows else start


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
    out.extend(_evolution(data, ctx, values))
    return out


def _evolution(data: Dataset, ctx, values: dict) -> list[Finding]:
    wb = data.workbook("territoire")
    table = data.table("territoire", "evolution_am")
    if wb is None or table is None or "am.evolution_cabbalr_pct" not in values \
            or unreliable(data, ctx, "am.evolution_cabbalr_pct"):
        return []  # unreadable or refused years or counts are reported where they stand
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
