"""Scenarios: ``--hypothese "Ligne=valeur"`` replaces one hypothesis without touching the workbook.

A value with ``%`` is an annual rate (``Taux annuel``), a number an amount added each year (``Progression
linéaire``). Absurd values are refused with a French message: a rate of -100 % or less, or of +100 % or more,
and a progression that makes the line's amount negative within the budget's years.

>>> parse_override("Salaires=2,5 %")
('Salaires', 'Taux annuel', Decimal('0.025'))
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal
from typing import Iterable

from ..read.budget_form import same_label
from ..text import fr_amount, norm
from .budget import (BALANCE, LINEAR, RATE, Hypothesis, ScenarioError, fr_percent, rate_effect, rate_out_of_bounds,
                     to_decimal)

_OVERRIDE = re.compile(r"^\s*(?P<name>[^=]+?)\s*=\s*(?P<value>[+-]?[\d\s\u00a0\u202f]*[\d][\d\s\u00a0\u202f]*(?:[.,]\d+)?)"
                       r"\s*(?P<unit>%|€|eur|euros?)?\s*(?:par an)?\s*$", re.I)


def parse_override(text: str) -> tuple[str, str, Decimal]:
    """``"Salaires=2,5 %"`` -> ("Salaires", Taux annuel, 0.025); ``"Primes d'assurance=80"`` ->
    (…, Progression linéaire, 80); ``"Loyer et charges locatives=fixe"`` is not a scenario (no number).
    A rate outside ]-100 %, +100 %[ is refused (``ScenarioError``).

    >>> parse_override("Primes d'assurance=80")
    ("Primes d'assurance", 'Progression linéaire', Decimal('80'))
    """
    m = _OVERRIDE.match(text or "")
    if not m:
        raise ScenarioError(f"Hypothèse « {text} » illisible : écrivez par exemple \"Salaires=2,5 %\" (taux annuel) "
                            "ou \"Primes d'assurance=80\" (montant ajouté chaque année).")
    value = to_decimal(re.sub(r"[\s\u00a0\u202f]", "", m.group("value")))
    if m.group("unit") == "%":
        rate = value / 100
        if rate_out_of_bounds(rate):
            raise ScenarioError(f"Hypothèse « {text.strip()} » impossible : un taux annuel de {fr_percent(rate)} "
                                f"{rate_effect(rate)} ; un taux annuel est compris entre -100 % et +100 % "
                                "(ex. \"Salaires=2,5 %\").")
        return m.group("name"), RATE, rate
    return m.group("name"), LINEAR, value


def apply_scenario(hyps: list[Hypothesis], overrides: Iterable[str], span: tuple[int, int] | None = None
                   ) -> list[Hypothesis]:
    """Hypotheses with the overrides applied; a line is named by its label or its account code. With ``span``
    (base year, last year), a progression that makes the line negative by the last year is refused."""
    out = list(hyps)
    for text in overrides:
        name, method, value = parse_override(text)
        pos = next((k for k, h in enumerate(out) if same_label(h.line, name) or norm(h.account) == norm(name)), None)
        if pos is None:
            known = ", ".join(f"« {h.line} »" for h in out if h.method != BALANCE)
            raise ScenarioError(f"Ligne « {name} » absente des hypothèses ; lignes connues : {known}.")
        h = out[pos]
        if h.method == BALANCE:
            raise ScenarioError(f"« {h.line} » est la ligne d'équilibre (Solde) : elle ne se fixe pas.")
        if method == LINEAR and span and h.base is not None:
            year = first_negative_year(h.base, value, *span)
            if year is not None:
                raise ScenarioError(
                    f"Hypothèse « {text.strip()} » impossible : « {h.line} » ({fr_amount(h.base)} en {span[0]}) "
                    f"deviendrait négatif en {year} ({fr_amount(h.base + value * (year - span[0]))}) ; un montant "
                    "du budget ne peut pas être négatif : choisissez une baisse plus faible.")
        out[pos] = replace(h, method=method, parameter=value)
    return out


def first_negative_year(base: Decimal, step: Decimal, base_year: int, last_year: int) -> int | None:
    """First year of ``base_year..last_year`` where ``base + step × n`` is below zero, or None.

    >>> first_negative_year(Decimal("3000"), Decimal("-1000"), 2026, 2030)
    2030
    """
    for year in range(base_year, last_year + 1):
        if base + step * (year - base_year) < 0:
            return year
    return None
