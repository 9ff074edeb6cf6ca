"""Console rendering of the indicators (French, laid out as the CAF form), and their JSON contract.

>>> print(render(ind))          # doctest: +SKIP
Indicateurs CAF – période du 01/01/2025 au 30/06/2025 (6 mois)
…
"""

from __future__ import annotations

import json
from typing import Any

from ..text import fr_number
from .indicateurs_layout import kind_of, sections


def fr(ident: str | None, values: dict[str, Any]) -> str:
    """French text of one indicator value (``—`` when the workbooks do not give it)."""
    if ident is None:
        return ""
    if ident not in values:
        return "—"
    v, kind = values[ident], kind_of(ident)
    if kind == "ratio":
        return fr_number(v, 4)
    if kind == "percent":
        return fr_number(v, 2 if ident.endswith("_pct") else 1) + " %"
    if kind == "hours":
        return _hours(v)
    if kind in ("days", "etp"):
        return fr_number(v, 1 if kind == "days" or ident == "am.par_etp" else 2)
    return fr_number(v)


def _hours(v: float) -> str:
    whole, minutes = int(v), round((v - int(v)) * 60)
    return f"{whole}h{minutes:02d}" if minutes else f"{whole}h"


def period_line(period: dict[str, Any]) -> str:
    if not period:
        return "Indicateurs CAF (période inconnue : sous-titre « Période : du … au … » introuvable)"
    d, f = period["debut"].split("-"), period["fin"].split("-")
    return f"Indicateurs CAF – période du {d[2]}/{d[1]}/{d[0]} au {f[2]}/{f[1]}/{f[0]} ({period['mois']} mois)"


def render(ind) -> str:
    """The whole report as text: one block per section, one aligned table per CAF table."""
    lines = [period_line(ind.period), ""]
    for title, tables in sections(ind.values, ind.details):
        lines += [title, "=" * len(title)]
        for table_title, columns, rows, note in tables:
            lines.append(f"  {table_title}")
            cells = [columns] + [[label, *(fr(i, ind.values) for i in ids)] for label, ids in rows]
            widths = [max(len(str(r[c])) for r in cells) for c in range(len(columns))]
            for k, r in enumerate(cells):
                first = str(r[0]).ljust(widths[0])
                rest = "  ".join(str(x).rjust(w) for x, w in zip(r[1:], widths[1:]))
                lines.append(f"    {first}  {rest}".rstrip())
                if k == 0:
                    lines.append("    " + "-" * (sum(widths) + 2 * (len(widths) - 1)))
            if note:
                lines.append(f"    Note : {note}")
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def to_json(ind) -> str:
    """``{"version": 1, "periode": {...}, "indicateurs": {ID: value}}`` (IDs sorted)."""
    def plain(v: Any) -> Any:
        return float(v) if hasattr(v, "as_tuple") else v
    return json.dumps({"version": 1, "periode": ind.period,
                       "indicateurs": {k: plain(ind.values[k]) for k in sorted(ind.values)}},
                      ensure_ascii=False, indent=2)
