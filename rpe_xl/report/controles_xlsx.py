"""Output workbook ``controles.xlsx``: sheet *Contrôles*, one row per finding, a link to the cell to fix.

Written with xlsxwriter (never into the team's files); every text goes through ``write_string``
so a value starting with ``=`` stays text. Workbook names come printable from the reader; a link to a file whose
name is not valid UTF-8 shows its undecodable bytes replaced (U+FFFD).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable

from ..findings import Finding, summary
from ..read.files import printable
from .atomic import atomic_path
from .json_report import plain

HEADERS = ["Gravité", "Classeur", "Feuille", "Cellule", "Problème", "Message", "Valeur lue", "Valeur attendue", "Code"]
WIDTHS = [13, 30, 22, 9, 34, 90, 24, 24, 26]


def link_target(workbook_path: Path | None, output: Path, sheet: str, cell: str) -> str:
    """``external:`` link opening ``sheet!cell`` in the team's workbook, relative to the output file."""
    ref = f"#'{sheet}'!{cell}"
    if workbook_path is None:
        return "internal:" + ref[1:]
    try:
        rel = os.path.relpath(workbook_path.resolve(), output.resolve().parent)
    except ValueError:  # another drive on Windows
        rel = str(workbook_path.resolve())
    return "external:" + printable(rel).replace("/", "\\") + ref


def write(findings: Iterable[Finding], output: Path, paths: dict[str, Path]) -> None:
    """Write the *Contrôles* sheet; ``paths`` maps workbook file names to their location."""
    import xlsxwriter

    items = list(findings)
    with atomic_path(output) as tmp:
        book = xlsxwriter.Workbook(str(tmp), {"strings_to_formulas": False, "strings_to_urls": False})
        head = book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
        wrap = book.add_format({"text_wrap": True, "valign": "top"})
        fmt = {s: book.add_format({"bold": s == "erreur", "font_color": c, "valign": "top"})
               for s, c in (("erreur", "#C00000"), ("avertissement", "#C65911"), ("info", "#1F4E78"))}
        sheet = book.add_worksheet("Contrôles")
        counts = summary(items)
        sheet.write_string(0, 0, f"Contrôles des classeurs : {counts['erreur']} erreur(s), "
                                 f"{counts['avertissement']} avertissement(s), {counts['info']} information(s)",
                           book.add_format({"bold": True, "font_size": 13}))
        for c, (title, width) in enumerate(zip(HEADERS, WIDTHS)):
            sheet.write_string(2, c, title, head)
            sheet.set_column(c, c, width)
        for r, f in enumerate(items, start=3):
            sheet.write_string(r, 0, f.severity, fmt[f.severity])
            sheet.write_string(r, 1, f.workbook, wrap)
            sheet.write_string(r, 2, f.sheet or "", wrap)
            if f.sheet and f.cell:
                sheet.write_url(r, 3, link_target(paths.get(f.workbook), output, f.sheet, f.cell), string=f.cell,
                                tip=f"Ouvrir {f.workbook} à la cellule {f.cell}")
            else:
                sheet.write_string(r, 3, f.cell or "")
            sheet.write_string(r, 4, f.title, wrap)
            sheet.write_string(r, 5, f.message, wrap)
            for c, v in ((6, f.value), (7, f.expected)):
                v = plain(v)
                if isinstance(v, (int, float)) and not isinstance(v, bool):
                    sheet.write_number(r, c, v)
                elif v is not None:
                    sheet.write_string(r, c, str(v), wrap)
            sheet.write_string(r, 8, f.code)
        sheet.freeze_panes(3, 0)
        sheet.autofilter(2, 0, max(2, len(items) + 2), len(HEADERS) - 1)
        book.close()
