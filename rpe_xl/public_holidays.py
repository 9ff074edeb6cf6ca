"""French public holidays (jours fériés), for the "not a working day" checks.

The list is the law's (Code du travail, article L3133-1); the movable feasts follow Easter, computed by
python-dateutil (already installed with pandas). The ``holidays`` package gives the same days (a test
compares them over 20 years) but its import alone takes about 0,17 s, a tenth of a whole ``verifier`` run.

>>> holidays_of(2025)[dt.date(2025, 5, 29)]
'Ascension'
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from dateutil.easter import easter

# (month, day) of the fixed holidays, and days after Easter Sunday of the movable ones
FIXED = {(1, 1): "Jour de l'an", (5, 1): "Fête du Travail", (5, 8): "Fête de la Victoire", (7, 14): "Fête nationale",
         (8, 15): "Assomption", (11, 1): "Toussaint", (11, 11): "Armistice", (12, 25): "Noël"}
AFTER_EASTER = {1: "Lundi de Pâques", 39: "Ascension", 50: "Lundi de Pentecôte"}


@lru_cache(maxsize=None)
def holidays_of(year: int) -> dict[dt.date, str]:
    """Every public holiday of ``year`` in metropolitan France outside Alsace-Moselle, with its French name."""
    days = {dt.date(year, month, day): name for (month, day), name in FIXED.items()}
    sunday = easter(year)
    days.update({sunday + dt.timedelta(days=n): name for n, name in AFTER_EASTER.items()})
    return dict(sorted(days.items()))
