"""CAF rule of the RPE prestation de service, from the dated parameters of ``rpe_xl/data/caf/rpe/`` and the values
the team sets over them in the ``[parametres]`` section of ``rpe-xl.toml`` (see :mod:`rpe_xl.parameters`).

A parameter nobody gave is "not known": the tool then says so, and where to give it, instead of guessing.

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
from pathlib import Path
from typing import Iterable

from ..config_file import CONFIG_FILE
from ..parameters import PLACEHOLDER, SECTION, Settings, effective, parameter, settings, toml_key

NAMES = ("taux", "plafond_par_etp", "bonus_mission_renforcee")  # files of rpe_xl/data/caf/rpe/


@dataclass(frozen=True)
class CafParameters:
    date: dt.date
    rate: Decimal | None
    ceiling_per_etp: Decimal | None
    bonus_per_mission: Decimal | None
    settings: Settings = field(default_factory=Settings)  # the team's rpe-xl.toml, if any

    def how_to_set(self, missing: Iterable[str]) -> str:
        """French, after a sentence: where to give the parameters ``missing`` (names of ``NAMES``; others are
        ignored), with the exact TOML lines to paste; empty when none is a parameter. The text does not depend on
        the folder: the same workbooks give the same message wherever they are."""
        names = [n for n in missing if n in NAMES]
        if not names:
            return ""
        lines = [f"[{SECTION}]"] + [f'{toml_key("caf/rpe/" + n)} = "{PLACEHOLDER}"  # {parameter("caf/rpe/" + n).unit}'
                                     for n in names]
        problems = "".join(f"\n{p}" for p in self.settings.problems)
        return (f" Pour les donner, écrivez-les dans le fichier {CONFIG_FILE} du dossier des classeurs (ou du dossier "
                f"de travail), section [{SECTION}] (créez le fichier ou la section s'il le faut), « {PLACEHOLDER} » "
                "remplacé par la valeur de votre Caf :" + "".join(f"\n    {line}" for line in lines) + problems)


def caf_parameters(date: dt.date, near: Iterable[Path] = ()) -> CafParameters:
    """The three parameters in force at ``date``: the team's (``rpe-xl.toml`` of the working folder, else beside
    the workbooks ``near``) over the package's."""
    team = settings(near)
    rate, ceiling, bonus = (effective(f"caf/rpe/{n}", team=team).at(date) for n in NAMES)
    return CafParameters(date, rate, ceiling, bonus, team)


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
