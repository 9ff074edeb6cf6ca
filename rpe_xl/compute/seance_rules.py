"""The legal rules of a séance on its date: its quorum and the proxies a member may carry, read from the dated
parameters of ``rpe_xl/data/seance/`` (CGCT L2121-17 and L2121-20, and the covid-19 derogations).

>>> rules_at(dt.date(2025, 9, 30)).needed(101), rules_at(dt.date(2025, 9, 30)).proxies_per_member
(51, 1)
>>> covid = rules_at(dt.date(2021, 3, 1))
>>> covid.needed(101), covid.needed(30), covid.represented_count, covid.proxies_per_member
(34, 10, True, 2)
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from fractions import Fraction

from ..parameters import parameter

QUORUM = "seance/quorum/part"
BEYOND = "seance/quorum/plus_de_la_part"
REPRESENTED = "seance/quorum/representes_comptes"
PROXIES = "seance/pouvoirs_par_membre"


@dataclass(frozen=True)
class SeanceRules:
    """Quorum: ``part`` of the members in office, more than it when ``beyond`` (the majority: more than half), at
    least it otherwise (a third); members represented by a valid proxy count with the present ones when
    ``represented_count``. A member carries at most ``proxies_per_member`` proxies. ``quorum_cite`` and
    ``proxies_cite`` name the texts, for messages (``CGCT L2121-17``)."""

    part: Fraction
    beyond: bool
    represented_count: bool
    proxies_per_member: int
    quorum_cite: str
    proxies_cite: str

    def needed(self, members: int) -> int:
        """Members (present, or present and represented) the quorum needs out of ``members`` in office."""
        share = members * self.part
        return math.floor(share) + 1 if self.beyond else math.ceil(share)


def rules_at(day: dt.date | None) -> SeanceRules:
    """The rules in force on ``day`` (today's when the séance's date is unknown)."""
    day = day or dt.date.today()
    part, beyond = parameter(QUORUM).at(day), parameter(BEYOND).at(day)
    represented, proxies = parameter(REPRESENTED).at(day), parameter(PROXIES).at(day)
    if None in (part, beyond, represented, proxies):  # before the first texts: the earliest rules known
        return rules_at(max(parameter(n).since for n in (QUORUM, BEYOND, REPRESENTED, PROXIES)))
    return SeanceRules(Fraction(part), bool(beyond), bool(represented), int(proxies), parameter(QUORUM).cite_at(day),
                       parameter(PROXIES).cite_at(day))
