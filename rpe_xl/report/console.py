"""French console text: findings grouped by workbook and sheet, then a summary line."""

from __future__ import annotations

from itertools import groupby
from typing import Iterable

from ..findings import Finding, summary

_MARK = {"erreur": "ERREUR", "avertissement": "AVERT.", "info": "info"}


def summary_line(findings: Iterable[Finding]) -> str:
    s = summary(findings)
    parts = [f"{s['erreur']} erreur{'s' if s['erreur'] > 1 else ''}",
             f"{s['avertissement']} avertissement{'s' if s['avertissement'] > 1 else ''}",
             f"{s['info']} information{'s' if s['info'] > 1 else ''}"]
    verdict = "À corriger." if s["erreur"] else "Aucune erreur."
    return f"Bilan : {', '.join(parts)}. {verdict}"


def render(findings: Iterable[Finding], show_info: bool = True) -> str:
    items = [f for f in findings if show_info or f.severity != "info"]
    lines: list[str] = []
    for workbook, in_wb in groupby(items, key=lambda f: f.workbook):
        lines.append(f"\n{workbook}")
        for sheet, in_sheet in groupby(in_wb, key=lambda f: f.sheet or ""):
            if sheet:
                lines.append(f"  Feuille « {sheet} »")
            for f in in_sheet:
                where = f"{f.cell:>6}" if f.cell else "      "
                lines.append(f"    {where}  {_MARK[f.severity]:<7} {f.message}  [{f.code}]")
    lines.append("")
    lines.append(summary_line(findings))
    return "\n".join(lines).lstrip("\n")
