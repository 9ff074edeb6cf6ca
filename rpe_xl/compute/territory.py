"""Communes in the RPE's perimeter at a date, from the *Communes* sheet (adhesion and exit dates).

A commune is in the perimeter on ``day`` when ``joined <= day`` and (no exit date or ``left > day``).
A commune with two places of animation has two rows: communes are counted once.

>>> communes_at(table.df, dt.date(2025, 1, 1))   # doctest: +SKIP
['Auchy-au-Bois', 'Blessy', …]
"""

from __future__ import annotations

import datetime as dt

import pandas as pd


def in_perimeter(joined: object, left: object, day: dt.date) -> bool:
    """``joined <= day < left``. An exit date before the adhesion date is a typing error (reported by the
    territory rules) and is ignored here, so that it does not also put the commune's activity in error."""
    if not isinstance(joined, dt.date) or joined > day:
        return False
    return not isinstance(left, dt.date) or left < joined or left > day


def communes_at(communes: pd.DataFrame, day: dt.date) -> list[str]:
    """Distinct commune names in the perimeter on ``day``, in the sheet's order."""
    names = [c for c, j, l in zip(communes["commune"], communes["joined"], communes["left"])
             if c and in_perimeter(j, l, day)]
    return list(dict.fromkeys(names))


def joining_between(communes: pd.DataFrame, start: dt.date, end: dt.date) -> list[tuple[str, dt.date]]:
    """Communes whose adhesion date falls in ``]start, end]``, by date: ``[("Auchy-les-Mines", 2025-07-01), …]``."""
    seen: dict[str, dt.date] = {}
    for c, j in zip(communes["commune"], communes["joined"]):
        if c and isinstance(j, dt.date) and start < j <= end:
            seen.setdefault(c, j)
    return sorted(seen.items(), key=lambda item: (item[1], item[0]))
