"""Communes in the RPE's perimeter at a date, from the *Communes* sheet (adhesion and exit dates).

A commune is in the perimeter on ``day`` when ``joined <= day`` and (no exit date or ``left > day``).
A commune with two places of animation has two rows: communes are counted once.

An implausible date (before :data:`EARLIEST` or more than :data:`YEARS_AHEAD` years after today, such as
01/01/2052 typed for 01/01/2025) is a typing error reported at its cell by the territory rules; it is not used
to move the commune out of the perimeter: an implausible adhesion date counts as "member at every date", an
implausible exit date as no exit. So one wrong year gives one finding, not one per séance of the commune.

>>> communes_at(table.df, dt.date(2025, 1, 1))   # doctest: +SKIP
['Auchy-au-Bois', 'Blessy', …]
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import Iterable

import pandas as pd

from ..parameters import parameter

# No commune joined a relais before the first ones (relais assistantes maternelles, Cnaf): rpe_xl/data/relais/.
EARLIEST = parameter("relais/premiers_relais").since
# A commune's adhesion is voted at most a few years ahead (a multi-year budget runs over 5 years).
YEARS_AHEAD = 5


def implausible(day: object, today: dt.date | None = None) -> bool:
    """A date no adhesion or exit can have: ``implausible(dt.date(2052, 1, 1), dt.date(2026, 11, 29))`` -> True."""
    if not isinstance(day, dt.date):
        return False
    today = today or dt.date.today()
    return day < EARLIEST or day.year > today.year + YEARS_AHEAD


def plausible_span(joined: object, left: object, today: dt.date | None = None) -> tuple[object, object]:
    """``(joined, left)`` as the perimeter uses them: an implausible adhesion becomes ``date.min`` (member at
    every date), an implausible exit becomes None (no exit)."""
    if implausible(joined, today):
        joined = dt.date.min
    if implausible(left, today):
        left = None
    return joined, left


def in_perimeter(joined: object, left: object, day: dt.date) -> bool:
    """``joined <= day < left``. An exit date before the adhesion date is a typing error (reported by the
    territory rules) and is ignored here, so that it does not also put the commune's activity in error."""
    if not isinstance(joined, dt.date) or joined > day:
        return False
    return not isinstance(left, dt.date) or left < joined or left > day


def outside_rows(names: pd.Series, days: list, spans: dict[str, list[tuple[object, object]]]) -> list[int]:
    """Positions of the rows whose commune (a key of ``spans``: commune -> [(joined, left)]) is out of the
    perimeter on the row's day, testing each distinct (commune, day) once, not each row.

    >>> outside_rows(pd.Series(["A", "A"]), [dt.date(2018, 5, 2), dt.date(2020, 1, 6)], {"A": [(dt.date(2019, 1, 1), None)]})
    [0]
    """
    pairs = pd.DataFrame({"c": names.to_numpy(), "d": days})
    sub = pairs[pairs["c"].isin(list(spans)) & pairs["d"].notna()]
    if sub.empty:
        return []
    bad = [(c, d) for c, d in sub.drop_duplicates().itertuples(index=False, name=None)
           if isinstance(d, dt.date) and not any(in_perimeter(j, l, d) for j, l in spans[c])]
    if not bad:
        return []
    return sub.index[pd.MultiIndex.from_frame(sub).isin(bad)].tolist()


def communes_at(communes: pd.DataFrame, day: dt.date, today: dt.date | None = None) -> list[str]:
    """Distinct commune names in the perimeter on ``day``, in the sheet's order."""
    names = [c for c, j, l in zip(communes["commune"], communes["joined"], communes["left"])
             if c and in_perimeter(*plausible_span(j, l, today), day)]
    return list(dict.fromkeys(names))


def joining_between(communes: pd.DataFrame, start: dt.date, end: dt.date,
                    today: dt.date | None = None) -> list[tuple[str, dt.date]]:
    """Communes whose adhesion date falls in ``]start, end]``, by date: ``[("Auchy-les-Mines", 2025-07-01), …]``."""
    seen: dict[str, dt.date] = {}
    for c, j in zip(communes["commune"], communes["joined"]):
        if c and isinstance(j, dt.date) and not implausible(j, today) and start < j <= end:
            seen.setdefault(c, j)
    return sorted(seen.items(), key=lambda item: (item[1], item[0]))


@dataclass(frozen=True)
class SectorChoice:
    """The sector of one commune, decided from its *Communes* rows and the sectors of its AMs.

    ``expected``: the sector the AM rows are checked against (None: they are not checked); ``odd``: the
    *Communes* rows (df positions) whose sector is the wrong one; ``contradicted``: the AMs agree on a sector
    (``am_sector``) that no *Communes* row has, so the *Communes* rows are the ones to correct.
    """

    expected: str | None
    odd: tuple[int, ...] = ()
    contradicted: bool = False
    am_sector: str | None = None
    ambiguous: bool = False


def clear_majority(counts: Counter, share: float = 0.75) -> object | None:
    """The value of at least two rows and ``share`` of all rows: ``Counter(a=4)`` -> ``"a"``; ``Counter(a=1)`` -> None."""
    if not counts:
        return None
    value, top = counts.most_common(1)[0]
    return value if top >= 2 and top >= share * sum(counts.values()) else None


def choose_sector(rows: Iterable[tuple[int, str]], am: Counter, valid: set[str] | None = None) -> SectorChoice:
    """Sector of a commune from its *Communes* rows ``[(row, sector)]`` and the count of its AMs by sector.

    Rows that disagree: the sector most AMs have, then the most frequent among the rows, then the first row.
    A clear majority of AMs (see :func:`clear_majority`) on a sector no row has: the rows are contradicted.

    >>> choose_sector([(8, "Ouest")], Counter({"Est": 4})).contradicted
    True
    >>> choose_sector([(21, "Ouest"), (22, "Est")], Counter({"Ouest": 23})).odd
    (22,)
    """
    rows = list(rows)
    if not rows:
        return SectorChoice(None)
    counts = Counter(s for _, s in rows)
    first = {s: -i for i, (_, s) in reversed(list(enumerate(rows)))}
    chosen = max(counts, key=lambda s: (am.get(s, 0), counts[s], first[s]))
    majority = clear_majority(am)
    if majority is not None and majority not in counts and (valid is None or majority in valid):
        return SectorChoice(None, tuple(r for r, s in rows if s != majority), True, majority)
    return SectorChoice(chosen, tuple(r for r, s in rows if s != chosen), ambiguous=len(counts) > 1)
