"""Findings: every problem the tool sees is a small record, never an exception.

A finding says where (workbook, sheet, cell), how bad (severity), what (a stable English code)
and, in French, what to fix: the message is a template of the code's registry entry, filled with named values by
the place that sees the problem.

>>> f = make("missing-sheet", "RPE_equipe_planning.xlsx", None, None, expected_sheet="Équipe")
>>> f.severity, f.message
('erreur', 'Feuille « Équipe » introuvable : rétablissez-la (ou son nom).')
>>> Finding("unknown-commune", "erreur", "RPE_territoire.xlsx", "Communes", "A7", "…").location
'RPE_territoire.xlsx › Communes!A7'
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any, Iterable

from .codes_budget_bureau import BUDGET_BUREAU_CODES
from .codes_reading import READING_CODES
from .codes_records import RECORD_CODES
from .finding_code import AVERTISSEMENT, DEFAULT, ERREUR, INFO, SEVERITIES, Code

__all__ = ["AVERTISSEMENT", "CODES", "Code", "ERREUR", "Finding", "INFO", "SEVERITIES", "exit_code", "make",
           "message", "sort_key", "summary"]

# code -> Code(default severity, French title, message templates). Codes are a stable contract (JSON output, tests).
CODES: dict[str, Code] = {**READING_CODES, **RECORD_CODES, **BUDGET_BUREAU_CODES}


@dataclass(frozen=True)
class Finding:
    """One problem, at one place. ``cell`` is an A1 address or None (whole sheet or workbook)."""

    code: str
    severity: str
    workbook: str
    sheet: str | None
    cell: str | None
    message: str
    value: Any = None
    expected: Any = None

    @property
    def title(self) -> str:
        known = CODES.get(self.code)
        return known.title if known else self.code

    @property
    def location(self) -> str:
        where = self.workbook
        if self.sheet:
            where += f" › {self.sheet}"
            if self.cell:
                where += f"!{self.cell}"
        return where


def message(code: str, variant: str = DEFAULT, **values: Any) -> str:
    """The French message of ``code``: its template ``variant`` filled with ``values``.

    >>> message("missing-sheet", expected_sheet="Équipe")
    'Feuille « Équipe » introuvable : rétablissez-la (ou son nom).'
    """
    if code not in CODES:
        raise KeyError(f"finding code not registered: {code}")
    return CODES[code].text(variant, **values)


def make(code: str, workbook: str, sheet: str | None, cell: str | None, *, variant: str = DEFAULT,
         value: Any = None, expected: Any = None, severity: str | None = None, **values: Any) -> Finding:
    """Build a finding with the registry's default severity for ``code`` and the message of its template
    ``variant`` filled with ``values``."""
    text = message(code, variant, **values)
    return Finding(code, severity or CODES[code].severity, workbook, sheet, cell, text, value, expected)


def summary(findings: Iterable[Finding]) -> dict[str, int]:
    """``{"erreur": n, "avertissement": n, "info": n}``."""
    counts = Counter(f.severity for f in findings)
    return {s: counts.get(s, 0) for s in SEVERITIES}


def exit_code(findings: Iterable[Finding]) -> int:
    """0 when no ``erreur``, 1 otherwise (2 is for usage faults, decided by the doors)."""
    return 1 if any(f.severity == ERREUR for f in findings) else 0


def sort_key(f: Finding) -> tuple:
    """Workbook, sheet, then cell in reading order (row, then column)."""
    from .read.address import split_cell

    row, col = split_cell(f.cell) if f.cell else (0, 0)
    return (f.workbook, f.sheet or "", row, col, f.code)
