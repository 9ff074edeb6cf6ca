"""The *Communes* sheet of the territory workbook: INSEE code of the commune itself, plausible adhesion and exit
dates, exit after adhesion, the rows of one commune (two places of animation) agree, and its sector against its
AMs' (see :mod:`.sectors`)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

from ...compute.territory import EARLIEST, YEARS_AHEAD, implausible
from ...findings import Finding
from ...read import Dataset
from ...reference import communes
from ...text import fr_date, fr_value
from ..registry import rule
from .common import header, present
from .sectors import sector_choices
from .territory import insee_text, official_names


def _date_findings(t, i: int, name: Any, joined: Any, left: Any, today: dt.date) -> list[Finding]:
    """An implausible adhesion or exit date; else an exit before the adhesion."""
    out = []
    for field, day, meanwhile in (
            ("joined", joined, f"{name} est comptée dans le périmètre à toutes les dates"),
            ("left", left, f"cette date est ignorée ({name} reste dans le périmètre)")):
        if implausible(day, today):
            label = header(t, field)
            why = (f"plus de {YEARS_AHEAD} ans après aujourd'hui" if day > today
                   else f"avant {EARLIEST.year}, année des premiers relais")
            out.append(t.finding("implausible-date", i, field,
                                 variant="commune_dates", label=label, day=fr_date(day), commune=name, why=why,
                                 meanwhile=meanwhile, value=day.isoformat()))
    if not out and isinstance(joined, dt.date) and isinstance(left, dt.date) and left < joined:
        out.append(t.finding("date-order", i, "left",
                             variant="commune_left_before_joined", commune=name, left=fr_date(left),
                             joined=fr_date(joined), value=left.isoformat(), expected=f">= {joined.isoformat()}"))
    return out


@rule
def communes_sheet(data: Dataset, ctx) -> list[Finding]:
    """INSEE code of the commune itself, plausible dates, exit after adhesion, rows of one commune agree."""
    t = data.table("territoire", "communes")
    if t is None or not t.has("commune"):
        return []
    ref = communes()
    choices, am = sector_choices(data, ctx)
    findings = []
    first: dict[str, int] = {}
    for i, (row, name) in enumerate(zip(t.df.itertuples(index=False), official_names(data, ctx))):
        code = insee_text(getattr(row, "insee", None))
        if ref.is_official(row.commune) and code and t.has("insee") and ref.code_of(name) != code:
            other = ref.name_of_code(code)
            whose = f"celui de {other}" if other else "le code d'aucune commune du Pas-de-Calais"
            findings.append(t.finding("insee-mismatch", i, "insee",
                                      insee=code, whose=whose, commune=name, code_of=ref.code_of(name), value=code,
                                      expected=ref.code_of(name)))
        findings += _date_findings(t, i, name, getattr(row, "joined", None), getattr(row, "left", None), ctx.today)
        if not present(name):
            continue
        choice = choices.get(name)
        if choice is not None and i in choice.odd:
            same = [r for r, n in enumerate(official_names(data, ctx)) if n == name]
            findings.append(_sector_finding(t, i, name, choice, am.get(name, Counter()), same))
        if name not in first:
            first[name] = i
            continue
        j = first[name]
        for field in ("insee", "joined", "left"):
            if not t.has(field):
                continue
            a, b = t.df[field].iloc[j], t.df[field].iloc[i]
            if (present(a) or present(b)) and a != b:
                findings.append(t.finding("incoherent-row", i, field,
                                          variant="commune_two_rows", commune=name, this=fr_value(b), rows=t.rows[j],
                                          other=fr_value(a), value=str(b), expected=str(a)))
    return findings


def _sector_finding(t, i: int, name: str, choice, am: Counter, same: list[int]) -> Finding:
    """At a *Communes* sector cell: contradicted by the commune's AMs, or the odd one of the commune's rows."""
    sector = t.df["sector"].iloc[i]
    if choice.contradicted:
        n, total = am[choice.am_sector], sum(am.values())
        who = f"ses {n} AM" if n == total else f"{n} de ses {total} AM"
        return t.finding("commune-sector-mismatch", i, "sector",
                         sector=fr_value(sector), commune=name, who=who, am_sector=choice.am_sector,
                         value=sector, expected=choice.am_sector)
    other = next(r for r in same if t.df["sector"].iloc[r] == choice.expected)
    return t.finding("incoherent-row", i, "sector",
                     variant="commune_two_sectors", commune=name, sector=fr_value(sector), rows=t.rows[other],
                     wanted=choice.expected, am_support=_am_support(am, choice.expected), value=sector,
                     expected=choice.expected)


def _am_support(am: Counter, sector: str) -> str:
    n, total = am.get(sector, 0), sum(am.values())
    return "" if not n else f", comme {'ses' if n == total else f'{n} de ses {total}'} AM du Listing AM"
