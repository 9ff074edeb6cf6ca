"""French console text: findings grouped by workbook and sheet, the workbooks read, then a summary line."""

from __future__ import annotations

from itertools import groupby
from typing import Iterable

from ..findings import Finding, summary

_MARK = {"erreur": "ERREUR", "avertissement": "AVERT.", "info": "info"}
_INTERNAL = "rpe-xl"  # the pseudo-workbook of a check that failed


def _counts(s: dict[str, int]) -> list[str]:
    return [f"{s['erreur']} erreur{'s' if s['erreur'] > 1 else ''}",
            f"{s['avertissement']} avertissement{'s' if s['avertissement'] > 1 else ''}",
            f"{s['info']} information{'s' if s['info'] > 1 else ''}"]


def summary_line(findings: Iterable[Finding]) -> str:
    s = summary(findings)
    verdict = "À corriger." if s["erreur"] else "Aucune erreur."
    return f"Bilan : {', '.join(_counts(s))}. {verdict}"


def workbooks_lines(findings: Iterable[Finding], workbooks: Iterable[str]) -> list[str]:
    """One line per workbook read (and per file a finding is about): its counts, or « aucun constat »."""
    items = list(findings)
    names = sorted(set(workbooks) | {f.workbook for f in items if f.workbook != _INTERNAL})
    lines = [f"Classeurs examinés ({len(names)}) :"]
    for name in names:
        s = summary(f for f in items if f.workbook == name)
        parts = [text for text, key in zip(_counts(s), ("erreur", "avertissement", "info")) if s[key]]
        lines.append(f"  {name} : {', '.join(parts) if parts else 'aucun constat'}")
    return lines


def render(findings: Iterable[Finding], show_info: bool = True, workbooks: Iterable[str] | None = None) -> str:
    """The findings by workbook and sheet; with ``workbooks`` (names of the workbooks read), a line for each of
    them, so that a workbook without any finding is seen to have been checked."""
    findings = list(findings)
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
    if workbooks is not None:
        lines += ["", *workbooks_lines(findings, workbooks)]
    lines.append("")
    lines.append(summary_line(findings))
    return "\n".join(lines).lstrip("\n")
