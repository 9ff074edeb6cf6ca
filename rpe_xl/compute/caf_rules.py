"""CAF rule of the RPE prestation de service, from the dated parameters of ``rpe_xl/data/caf/rpe/``.

Parameters are dated files read by :mod:`rpe_xl.parameters`; ``null`` means "not known": the tool then
says so instead of guessing.

>>> params = caf_parameters(dt.date(2026, 1, 1))
>>> params.rate
Decimal('0.43')
>>> caf_rule(params, Decimal("295200"), Decimal("4.8")).missing
['plafond_par_etp', 'bonus_mission_renforcee']
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from ..parameters import parameter

NAMES = ("taux", "plafond_par_etp", "bonus_mission_renforcee")  # files of rpe_xl/data/caf/rpe/


@dataclass(frozen=True)
class CafParameters:
    date: dt.date
    rate: Decimal | None
    ceiling_per_etp: Decimal | None
    bonus_per_mission: Decimal | None


def caf_parameters(date: dt.date) -> CafParameters:
    """The three parameters in force at ``date``."""
    rate, ceiling, bonus = (parameter(f"caf/rpe/{n}").at(date) for n in NAMES)
    return CafParameters(date, rate, ceiling, bonus)


@dataclass
class CafRule:
    """What the CAF rule gives for one year; ``amount`` is None when a needed parameter is missing."""

    cost: Decimal
    etp: Decimal | None
    missions: int
    amount: Decimal | None = None
    missing: list[str] = field(default_factory=list)


def caf_rule(params: CafParameters, cost: Decimal, etp: Decimal | None, missions: int = 0) -> CafRule:
    """rate × min(prix de revient, plafond × ETP) + bonus × missions renforcées."""
    result = CafRule(cost, etp, missions)
    if params.rate is None:
        result.missing.append("taux")
    if params.ceiling_per_etp is None:
        result.missing.append("plafond_par_etp")
    if params.bonus_per_mission is None:
        result.missing.append("bonus_mission_renforcee")
    if etp is None:
        result.missing.append("etp")
    if params.rate is None or params.ceiling_per_etp is None or etp is None:
        return result
    if missions and params.bonus_per_mission is None:
        return result
    base = min(cost, params.ceiling_per_etp * etp)
    bonus = (params.bonus_per_mission or Decimal("0")) * missions
    result.amount = (params.rate * base + bonus).quantize(Decimal("0.01"), ROUND_HALF_UP)
    return result
