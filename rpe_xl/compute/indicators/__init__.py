"""The CAF evaluation's indicators recomputed from the team's workbooks (IDs are a JSON contract,
see docs/indicateurs.md).

>>> ind = compute_indicators(load([Path("workbooks")]))   # doctest: +SKIP
>>> ind.values["contacts_familles.total"]   # doctest: +SKIP
180
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any


from ...parameters import parameter
from ...read import Dataset
from ...read.dossier_period import DossierPeriod, dossier_period
from ..planning import Planning, keywords_from, team_plannings
from ..territory import communes_at
from ._common import filled
from .families import contacts_by_month, family_indicators
from .offer import LISTING_INPUTS, am_indicators, evolution_pct
from .pros import pro_indicators
from .sessions import exchange_indicators, online_indicators, seances_by_commune, session_indicators
from .team import etp_total, repartition

__all__ = ["INPUTS", "Indicators", "compute_indicators", "filled", "inputs_of", "perimeter_dates"]

# (workbook kind, table, fields) read by each indicator that reads cell values (counts of rows read none).
INPUTS: dict[str, tuple[tuple[str, str, tuple[str, ...]], ...]] = {
    **{ident: (("assistants_maternels", "listing_am", fields),) for ident, fields in LISTING_INPUTS.items()},
    "mam.nombre": (("assistants_maternels", "mam", ("name",)),),
    "eaje.places": (("assistants_maternels", "eaje", ("places",)),),
    "demandes_en_ligne.delai_moyen_jours": (("suivi", "demandes_en_ligne", ("received", "answered")),),
    "equipe.etp_total": (("equipe", "equipe", ("etp",)),),
    "am.par_etp": (("assistants_maternels", "listing_am", ("active",)), ("equipe", "equipe", ("etp",))),
    "am.evolution_pct": (("territoire", "evolution_am", ("year", "am_count")),),
}


def inputs_of(ident: str) -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    """The cells an indicator is computed from, as (kind, table, fields); () for a count of rows.

    >>> inputs_of("am.actifs")
    (('assistants_maternels', 'listing_am', ('active',)),)
    """
    return INPUTS.get(ident, ())


@dataclass
class Indicators:
    """``values``: flat ID -> number; ``period``: the activity period; ``details``: tables for charts."""

    values: dict[str, Any] = field(default_factory=dict)
    period: dict[str, Any] = field(default_factory=dict)
    details: dict[str, Any] = field(default_factory=dict)


def compute_indicators(data: Dataset, plans: list[Planning] | None = None) -> Indicators:
    """Every indicator of the CAF form that the workbooks allow; a missing workbook or table leaves its IDs out."""
    ind = Indicators()
    v = ind.values

    def df(kind: str, key: str):
        t = data.table(kind, key)
        return t.df if t is not None else None

    suivi = data.workbook("suivi")
    dossier = dossier_period(data)
    period = dossier.activity
    if period:
        ind.period = {"debut": period.start.isoformat(), "fin": period.end.isoformat(),
                      "mois": (period.end.year - period.start.year) * 12 + period.end.month - period.start.month + 1}
    families = df("suivi", "contacts_familles")
    if families is not None:
        v.update(family_indicators(families))
        ind.details["contacts_par_mois"] = contacts_by_month(families)
    pros = df("suivi", "contacts_pros")
    if pros is not None:
        v.update(pro_indicators(pros))
    seances = df("suivi", "seances")
    v.update(session_indicators(seances, df("suivi", "presences")))
    ind.details["seances_par_commune"] = seances_by_commune(seances)
    themes = suivi.lists.values.get(suivi.spec.sheet("echanges").field("theme").list_name) if suivi else None
    v.update(exchange_indicators(df("suivi", "echanges"), themes))
    v.update(online_indicators(df("suivi", "demandes_en_ligne")))
    v.update(am_indicators(df("assistants_maternels", "listing_am"), df("assistants_maternels", "mam"),
                           df("assistants_maternels", "eaje")))

    etp = etp_total(df("equipe", "equipe"))
    if etp is not None:
        v["equipe.etp_total"] = etp
        if etp and "am.actifs" in v:
            v["am.par_etp"] = round(v["am.actifs"] / etp, 1)
    day = period.end if period else dt.date.today()
    benchmark = parameter("repere_am_par_etp").at(day)
    if benchmark is not None:
        ind.details["repere_am_par_etp"] = int(benchmark) if benchmark == int(benchmark) else float(benchmark)
    plans = team_plannings(data)[0] if plans is None else plans
    if plans:
        split, per_person = repartition(plans, keywords_from(df("equipe", "correspondance")))
        v.update(split)
        ind.details["heures_par_animatrice"] = per_person

    communes = df("territoire", "communes")
    if communes is not None:
        for d in perimeter_dates(dossier, list(communes["joined"]) + list(communes["left"])):
            v[f"communes.au_{d.isoformat()}"] = len(communes_at(communes, d))
    pct, first, last = evolution_pct(df("territoire", "evolution_am"))
    if pct is not None:
        v["am.evolution_pct"] = pct
        ind.details["evolution_annees"] = (first, last)
    return ind


def perimeter_dates(dossier: DossierPeriod, changes: list) -> list[dt.date]:
    """The dates the bilan counts the communes of the perimeter at: 1st January of the year before the activity
    period (the previous bilan's year), the start of the activity period and the day after its end, the first day
    of the agrément requested, and every date a commune joins or leaves (``changes``).

    >>> from rpe_xl.read.period import Period
    >>> activity = Period(dt.date(2025, 1, 1), dt.date(2025, 6, 30), "Séances", "A2")
    >>> [d.isoformat() for d in perimeter_dates(DossierPeriod(activity, dt.date(2026, 1, 1)), [dt.date(2019, 1, 1)])]
    ['2019-01-01', '2024-01-01', '2025-01-01', '2025-07-01', '2026-01-01']
    """
    dates = {d for d in changes if isinstance(d, dt.date)}
    if dossier.activity is not None:
        start, end = dossier.activity.start, dossier.activity.end
        dates |= {dt.date(start.year - 1, 1, 1), start, end + dt.timedelta(days=1)}
    if dossier.agreement_start is not None:
        dates.add(dossier.agreement_start)
    return sorted(dates)
