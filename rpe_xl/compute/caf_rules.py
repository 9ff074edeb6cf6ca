"""CAF rule of the RPE prestation de service, from the dated parameters of ``rpe_xl/data/caf/rpe/``.

A parameter file holds ``values`` by date (OpenFisca style): the value at a date is the last one dated
on or before it; ``null`` means "not known": the tool then says so instead of guessing.

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
from functools import lru_cache
from pathlib import Path

import yaml

CAF_DIR = Path(__file__).resolve().parent.parent / "data" / "caf" / "rpe"
NAMES = ("taux", "plafond_par_etp", "bonus_mission_renforcee")


@dataclass(frozen=True)
class Parameter:
    name: str
    description: str
    values: tuple[tuple[dt.date, Decimal | None], ...]
    unit: str = ""
    reference: str = ""
    href: str = ""

    def at(self, date: dt.date) -> Decimal | None:
        """Value in force at ``date`` (None before the first date or when recorded as unknown)."""
        current = None
        for start, value in self.values:
            if start <= date:
                current = value
        return current


@lru_cache(maxsize=None)
def load_parameter(name: str, folder: Path = CAF_DIR) -> Parameter:
    """Read ``<folder>/<name>.yaml``."""
    raw = yaml.safe_load((folder / f"{name}.yaml").read_text(encoding="utf-8"))
    values = []
    for key, entry in (raw.get("values") or {}).items():
        date = key if isinstance(key, dt.date) else dt.date.fromisoformat(str(key))
        value = entry.get("value") if isinstance(entry, dict) else entry
        values.append((date, None if value is None else Decimal(str(value))))
    meta = raw.get("metadata") or {}
    ref = meta.get("reference") or {}
    return Parameter(name, raw.get("description", ""), tuple(sorted(values)), meta.get("unit", ""),
                     ref.get("title", ""), ref.get("href", ""))


@dataclass(frozen=True)
class CafParameters:
    date: dt.date
    rate: Decimal | None
    ceiling_per_etp: Decimal | None
    bonus_per_mission: Decimal | None


def caf_parameters(date: dt.date) -> CafParameters:
    """The three parameters in force at ``date``."""
    rate, ceiling, bonus = (load_parameter(n).at(date) for n in NAMES)
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
