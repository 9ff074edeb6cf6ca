"""Output workbook of the indicators: one sheet per section of the CAF form, French number formats, hours as
« 6h45 », native Excel charts (contacts per month by motif, séances per commune, hours per activity) below their
table, and the flat list of IDs; each sheet prints on pages one wide (see :mod:`rpe_xl.report.indicateurs_sheets`).

>>> write(ind, Path("sortie/indicateurs.xlsx"))     # doctest: +SKIP
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

from .indicateurs_sheets import SHEET_NAMES, section_sheets  # noqa: F401  (sheet names: part of the contract)
from .page_setup import print_header
from .xlsx_target import write_book


def write(ind, target: Path, paths: Iterable[Path] = ()) -> Path:
    """Write the workbook atomically to ``target`` (never one of the team's files); ``paths``: the workbooks
    read, to find the relais named in the page header."""
    header = print_header(paths)
    return write_book(section_sheets(ind, header), target, header)
