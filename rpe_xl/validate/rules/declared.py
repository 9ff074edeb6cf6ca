"""Declared versus computed: what the comparisons of the figures the workbooks repeat from the dossier share
(*Observatoire*: declared_observatoire.py; *Répartition*: declared_repartition.py; TOTAL rows and *Évolution AM*:
declared_totals.py) with the indicators recomputed from the detailed sheets.

The tolerance follows how the figure was typed or formatted, as a bookkeeper would, one rule for every declared
figure (precision.py): ``29`` matches 28.5-29.5, ``0,83`` matches 0.825-0.835, ``31h30`` matches to the minute.

A figure computed from a cell the tool itself refuses (unreadable, outside the drop-down list, out of range,
empty, incoherent row: :func:`rejected`) is not compared: the declared cell gets one ``declared-not-compared``
info naming the faulty cell, which is reported where it stands.
"""

from __future__ import annotations

from collections.abc import Callable

from ...compute.indicators import compute_indicators, inputs_of
from ...findings import Finding, make
from ...read import Dataset, Table
from ...read.address import split_cell
from ...read.list_labels import unknown_in_fields
from ...text import fr_number
from ..schema import model_findings
from .planning import plannings

SOURCES = {"am.evolution": "la feuille Évolution AM", "am.": "la feuille Listing AM", "mam.": "la feuille Listing AM",
           "eaje.": "la feuille EAJE",
           "demandes_en_ligne.": "la feuille Demandes en ligne", "repartition.": "les plannings",
           "equipe.": "la feuille Équipe"}


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
        broken, untimed, totals = [], [], []
        for p in plannings(data, ctx):
            cells = dict.fromkeys([*p.cell_errors, *p.formula_errors, *(b.cell for _, b in p.overlaps)])
            broken += [f"{p.sheet}!{c}" for c in cells] or ([p.sheet] if p.error_days and not p.untimed_slots else [])
            untimed += [f"{p.sheet}!{c}" for c in p.untimed_slots]
            totals += [f"{p.sheet}!{t.cell}" for t in p.mismatched_totals()]  # blocks or TOTAL wrong: unknown
        reasons = ([f"créneaux illisibles, en erreur ou qui se chevauchent : {cells_text(broken)}"]
                   if broken else []) \
            + ([f"créneaux sans horaires : {cells_text(untimed)}"] if untimed else []) \
            + ([f"TOTAL du jour différent des créneaux : {cells_text(totals)}"] if totals else [])
        return " ; ".join(reasons) or None
    for kind, key, fields in inputs_of(ident):
        table = data.table(kind, key)
        lost = [table.header_cell() for f in fields if table is not None and f in table.missing]
        if lost:  # a renamed or deleted header: the column reads as empty
            return (f"colonne introuvable sur la ligne d'en-tête de la feuille {table.sheet} ({lost[0]}) : "
                    "rétablissez son en-tête")
        lacking = unknown_in_fields(data.workbook(kind), key, fields)
        if lacking:  # a list value renamed: the rows are not counted as they should (``list-value-unknown``)
            return lacking
        cells = faulty_cells(data, ctx, kind, key, fields)
        if cells:
            sheet = data.table(kind, key).sheet
            return f"cellule{'s' if len(cells) > 1 else ''} en erreur dans la feuille {sheet} : {cells_text(cells)}"
    return None


def not_compared(wb: str, sheet: str, where: str, label: str, reason: str) -> Finding:
    """``declared-not-compared`` (info): the declared figure waits until its source is fixed."""
    return make("declared-not-compared", wb, sheet, where,
                label=label, reason=reason)


def indicators(data: Dataset, ctx):
    """The CAF indicators recomputed from the workbooks, once per run, from the plannings the rules read."""
    return ctx.memo("indicators", lambda: compute_indicators(data, plannings(data, ctx)))


def figure_text(x: float) -> str:
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
                label=label, declared=figure_text(declared), unit=unit, source=_source(ident),
                computed=figure_text(computed), sign='+' if diff > 0 else '', diff=figure_text(diff),
                value=declared, expected=computed)
