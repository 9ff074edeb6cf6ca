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
                                 f"{label} {fr_date(day)} de {name} : date invraisemblable ({why}) ; "
                                 f"corrigez l'année. En attendant, {meanwhile} et ses lignes des autres classeurs ne "
                                 "sont pas contrôlées contre cette date.", value=day.isoformat()))
    if not out and isinstance(joined, dt.date) and isinstance(left, dt.date) and left < joined:
        out.append(t.finding("date-order", i, "left",
                             f"{name} : date de sortie {fr_date(left)} avant la date d'adhésion {fr_date(joined)} ; "
                             "corrigez l'une des deux dates.", value=left.isoformat(), expected=f">= {joined.isoformat()}"))
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
                                      f"Code INSEE {code} : c'est {whose}, pas de {name} ; saisissez "
                                      f"{ref.code_of(name)}.", value=code, expected=ref.code_of(name)))
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
                                          f"{name} a deux lieux : cette ligne dit {fr_value(b)}, la ligne "
                                          f"{t.rows[j]} dit {fr_value(a)} ; une commune a un seul code, secteur "
                                          "et dates : harmonisez.", value=str(b), expected=str(a)))
    return findings


def _sector_finding(t, i: int, name: str, choice, am: Counter, same: list[int]) -> Finding:
    """At a *Communes* sector cell: contradicted by the commune's AMs, or the odd one of the commune's rows."""
    sector = t.df["sector"].iloc[i]
    if choice.contradicted:
        n, total = am[choice.am_sector], sum(am.values())
        who = f"ses {n} AM" if n == total else f"{n} de ses {total} AM"
        return t.finding("commune-sector-mismatch", i, "sector",
                         f"Secteur {fr_value(sector)} pour {name}, mais {who} du Listing AM (classeur des assistants "
                         f"maternels) sont dans le secteur « {choice.am_sector} » : saisissez « {choice.am_sector} » "
                         "si c'est bien celui de la commune, sinon corrigez le secteur de ces AM.",
                         value=sector, expected=choice.am_sector)
    other = next(r for r in same if t.df["sector"].iloc[r] == choice.expected)
    return t.finding("incoherent-row", i, "sector",
                     f"{name} a deux lieux : cette ligne dit {fr_value(sector)}, la ligne {t.rows[other]} dit "
                     f"« {choice.expected} »{_am_support(am, choice.expected)} ; une commune a un seul secteur : "
                     f"saisissez « {choice.expected} ».", value=sector, expected=choice.expected)


def _am_support(am: Counter, sector: str) -> str:
    n, total = am.get(sector, 0), sum(am.values())
    return "" if not n else f", comme {'ses' if n == total else f'{n} de ses {total}'} AM du Listing AM"
