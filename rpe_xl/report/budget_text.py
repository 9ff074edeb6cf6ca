"""``rpe-xl budget``: the recomputed budget by year in French (console) and as JSON.

>>> print(render(book))          # doctest: +SKIP
Budget 2026 (BP 2026) …
"""

from __future__ import annotations

import json
from decimal import Decimal

from ..compute.budget_book import BudgetBook, Row, YearView
from ..read.budget_form import CHARGES, PRODUITS
from ..text import fr_amount, fr_number

ZERO = Decimal("0")


def _shown(r: Row) -> bool:
    return bool(r.typed) or bool(r.computed)


def _pct(diff: Decimal, base: Decimal) -> str:
    if not base or not diff:
        return ""
    pct = diff * 100 / base
    return "< 0,01 %" if abs(pct) < Decimal("0.01") and diff else f"{fr_number(pct, 2)} %"


def _table(view: YearView, side: str) -> list[str]:
    lines = []
    for r in view.side(side):
        if not _shown(r):
            continue
        mark = "  <-- écart" if r.deviation else ""
        diff = r.difference
        lines.append(f"  {r.label[:52]:<52} {fr_amount(r.typed or ZERO):>16} {fr_amount(r.computed):>16} "
                     f"{fr_amount(diff) if diff else '':>13} {_pct(diff, r.computed):>9} {r.cell:>5}{mark}")
    return lines


def render(book: BudgetBook, baseline: BudgetBook | None = None, scenario: tuple[str, ...] = ()) -> str:
    """Each year: typed, computed, difference, cell; then the lines to fix; then the scenario summary."""
    out = [f"Budget prévisionnel — {book.workbook} (tolérance {fr_amount(book.tolerance)})"]
    if book.set_aside:
        out.append("Feuilles non lues : " + " ; ".join(f"« {a.form.sheet} » ({_why_aside(a)})" for a in book.set_aside))
    if scenario:
        out.append("Scénario : " + " ; ".join(scenario) + " (le classeur n'est pas modifié)")
    head = f"  {'Ligne':<52} {'Saisi':>16} {'Calculé':>16} {'Écart':>13} {'%':>9} {'Cell.':>5}"
    for view in book.years:
        out += ["", f"== {view.year} ({view.form.sheet}) ==", "Charges", head]
        out += _table(view, CHARGES)
        out.append(f"  {'TOTAL DES CHARGES':<52} {fr_amount(view.typed_total(CHARGES)):>16} "
                   f"{fr_amount(view.computed_total(CHARGES)):>16}")
        out += ["Produits", head]
        out += _table(view, PRODUITS)
        out.append(f"  {'TOTAL DES PRODUITS':<52} {fr_amount(view.typed_total(PRODUITS)):>16} "
                   f"{fr_amount(view.computed_total(PRODUITS)):>16}")
        for side in ("86", "87"):
            out += _table(view, side)
    own = baseline or book  # lines to fix are judged against the workbook's own hypotheses
    ecarts = [r for v in own.years for r in v.rows if r.deviation]
    out += ["", f"Montants à corriger (écart supérieur à {fr_amount(book.tolerance)}) : {len(ecarts)}"]
    for r in ecarts:
        out.append(f"  {r.year} {r.cell:>5} {r.label[:50]} : saisi {fr_amount(r.typed or ZERO)}, "
                   f"calculé {fr_amount(r.computed)}, écart {fr_amount(r.difference)}")
    if baseline is not None:
        out += ["", "Scénario comparé aux hypothèses du classeur (total des charges et prestation CAF) :"]
        total_c = total_caf = ZERO
        for view in book.years:
            base = baseline.year(view.year)
            dc = view.computed_total(CHARGES) - base.computed_total(CHARGES)
            caf, base_caf = view.caf(), base.caf()
            dcaf = (caf.computed if caf else ZERO) - (base_caf.computed if base_caf else ZERO)
            total_c += dc
            total_caf += dcaf
            out.append(f"  {view.year} : charges {fr_amount(view.computed_total(CHARGES))} ({_signed(dc)}), "
                       f"prestation CAF {fr_amount(caf.computed if caf else ZERO)} ({_signed(dcaf)})")
        out.append(f"  Sur la période : charges {_signed(total_c)}, prestation CAF {_signed(total_caf)}")
    return "\n".join(out)


def _why_aside(aside) -> str:
    if aside.kind == "copy":
        return f"copie de « {aside.kept.sheet} »"
    return f"année hors de la période {aside.period[0]}-{aside.period[1]}"


def _signed(amount: Decimal) -> str:
    return ("+" if amount > 0 else "") + fr_amount(amount)


def _num(amount: Decimal | None) -> float | None:
    return None if amount is None else float(amount)


def to_json(book: BudgetBook, baseline: BudgetBook | None = None, scenario: tuple[str, ...] = ()) -> dict:
    """``{"version": 1, "annees": {...}, "ecarts": [...]}`` (+ ``"scenario"`` when overrides are given)."""
    years = {}
    for view in book.years:
        caf = view.caf()
        total = view.computed_total(CHARGES)
        years[str(view.year)] = {
            "feuille": view.form.sheet,
            "charges": {r.label: _num(r.computed) for r in view.side(CHARGES) if _shown(r)},
            "produits": {r.label: _num(r.computed) for r in view.side(PRODUITS) if _shown(r)},
            "total_charges": _num(total),
            "total_produits": _num(view.computed_total(PRODUITS)),
            "caf": _num(caf.computed if caf else None),
            "part_caf_pct": float(round(caf.computed * 100 / total, 2)) if caf and total else None,
        }
    own = baseline or book
    ecarts = [{"annee": r.year, "feuille": own.year(r.year).form.sheet, "cellule": r.cell, "ligne": r.label,
               "saisi": _num(r.typed or ZERO), "calcule": _num(r.computed), "ecart": _num(r.difference),
               "ecart_pct": float(round(r.difference * 100 / r.computed, 4)) if r.computed else None}
              for v in own.years for r in v.rows if r.deviation]
    doc = {"version": 1, "tolerance": _num(book.tolerance), "annees": years, "ecarts": ecarts}
    if book.set_aside:
        doc["feuilles_non_lues"] = [{"feuille": a.form.sheet, "raison": _why_aside(a)} for a in book.set_aside]
    if baseline is not None:
        diff = {}
        for view in book.years:
            base = baseline.year(view.year)
            diff[str(view.year)] = _num(view.computed_total(CHARGES) - base.computed_total(CHARGES))
        diff["total"] = float(sum((Decimal(str(v)) for v in diff.values()), ZERO))
        doc["scenario"] = {"hypotheses": list(scenario), "ecart_total_charges": diff}
    return doc


def render_json(book: BudgetBook, baseline: BudgetBook | None = None, scenario: tuple[str, ...] = ()) -> str:
    return json.dumps(to_json(book, baseline, scenario), ensure_ascii=False, indent=2)
