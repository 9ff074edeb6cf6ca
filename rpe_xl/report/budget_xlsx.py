"""``rpe-xl budget --sortie budget.xlsx``: the recomputed budget as a workbook a finance officer can audit.

One sheet per year in the CAF form layout (recomputed amount, typed amount, difference, the cell of the team's
file as a link to it), totals as FORMULAS written with their computed value (Excel and LibreOffice recompute
them), differences highlighted; a *Synthèse* sheet (one row per year) with a native chart. Each sheet prints on
pages one wide, a year's charges and products each kept on one page (see :mod:`rpe_xl.report.budget_layout`).

>>> write(book, Path("sortie/budget.xlsx"), {"RPE_budget_2026-2030.xlsx": Path("classeurs/RPE_budget_2026-2030.xlsx")})
"""

from __future__ import annotations

from pathlib import Path
from typing import Mapping

from ..compute.budget_book import BudgetBook
from .budget_layout import book_sheets
from .links import file_links
from .page_setup import print_header
from .xlsx_target import write_book


def write(book: BudgetBook, target: Path, paths: Mapping[str, Path | None] | None = None) -> None:
    """Write the output workbook atomically (never one of the team's files); ``paths`` maps workbook names to
    their files, for the links to the team's cells (without it, the cells are given without links)."""
    paths = paths or {}
    header = print_header([p for p in paths.values() if p is not None])
    links = file_links(paths, Path(target)) if paths else (lambda *_: None)
    write_book(book_sheets(book, links, header), Path(target), header)
