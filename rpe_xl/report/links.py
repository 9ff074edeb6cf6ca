"""Links from a result sheet to the team's cells: ``#'Feuille'!B7`` inside the open book, or the workbook's file
followed by ``#'Feuille'!B7`` (relative to an output file, absolute from a book open in Excel).

>>> link = file_links({"RPE_suivi.xlsx": Path("classeurs/RPE_suivi.xlsx")}, Path("sortie/controles.xlsx"))
>>> link("RPE_suivi.xlsx", "Séances", "B6")
'..\\\\classeurs\\\\RPE_suivi.xlsx#'Séances'!B6'
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Callable, Mapping

from ..read.files import printable

LinkFor = Callable[[str, "str | None", "str | None"], "str | None"]


def cell_ref(sheet: str, cell: str) -> str:
    return "#'" + sheet.replace("'", "''") + "'!" + cell


def file_links(paths: Mapping[str, Path | None], output: Path) -> LinkFor:
    """Links written into ``output``: to each workbook's file, relative to the output's folder."""
    def link(workbook: str, sheet: str | None, cell: str | None) -> str | None:
        if not sheet or not cell:
            return None
        path = paths.get(workbook)
        if path is None:
            return cell_ref(sheet, cell)
        try:
            rel = os.path.relpath(Path(path).resolve(), Path(output).resolve().parent)
        except ValueError:  # another drive on Windows
            rel = str(Path(path).resolve())
        return printable(rel).replace("/", "\\") + cell_ref(sheet, cell)
    return link


def live_links(caller: str, paths: Mapping[str, Path | None]) -> LinkFor:
    """Links written into the book open in Excel (``caller``): inside it for its own cells, to the other
    workbooks' files (absolute paths) for theirs."""
    def link(workbook: str, sheet: str | None, cell: str | None) -> str | None:
        if not sheet or not cell:
            return None
        if workbook == caller:
            return cell_ref(sheet, cell)
        path = paths.get(workbook)
        if path is None:
            return None
        return printable(str(Path(path).resolve())) + cell_ref(sheet, cell)
    return link
