"""The *Contrôles* sheet: one row per finding (severity in colour, workbook, sheet, the cell as a link to fix it,
message…) under a summary line with the date and time. Laid out once (:func:`sheet`), written into
``controles.xlsx`` (:func:`write`) or into the book open in Excel (``rpe_xl.excel``).

Workbook names come printable from the reader; a link to a file whose name is not valid UTF-8 shows its
undecodable bytes replaced (U+FFFD).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Mapping

from ..findings import Finding, summary
from .json_report import plain

if TYPE_CHECKING:   # the layout modules are imported when a sheet is made (rpe-xl verifier imports this module)
    from .links import LinkFor
    from .page_setup import PrintHeader
    from .sheet_layout import SheetLayout

SHEET = "Contrôles"
HEADERS = ["Gravité", "Classeur", "Feuille", "Cellule", "Problème", "Message", "Valeur lue", "Valeur attendue", "Code"]
WIDTHS = [12, 22, 16, 8, 24, 62, 16, 16, 22]
HEADER_ROW = 2


def write(findings: Iterable[Finding], output: Path, paths: Mapping[str, Path | None]) -> None:
    """Write ``controles.xlsx``; ``paths`` maps workbook file names to their location (for the links)."""
    from .links import file_links
    from .page_setup import print_header
    from .xlsx_target import write_book

    items = list(findings)
    header = print_header([p for p in paths.values() if p is not None])
    write_book([sheet(items, file_links(paths, output), header)], output, header)


def sheet(findings: list[Finding], link_for: LinkFor, header: PrintHeader) -> SheetLayout:
    from .sheet_layout import HEAD, SEVERITY_COLORS, TITLE, SheetLayout, Style

    top = Style(wrap=True)
    severity = {s: Style(bold=s == "erreur", color=c) for s, c in SEVERITY_COLORS.items()}
    counts = summary(findings)
    out = SheetLayout(SHEET, title_rows=(0, HEADER_ROW), freeze=(HEADER_ROW + 1, 0))   # summary and headers
    for c, width in enumerate(WIDTHS):
        out.widths[c] = width
    out.put(0, 0, f"Contrôles des classeurs : {counts['erreur']} erreur(s), {counts['avertissement']} "
                  f"avertissement(s), {counts['info']} information(s)", TITLE)
    out.put(1, 0, f"{header.relais} – vérification faite {header.stamp}")
    for c, title in enumerate(HEADERS):
        out.put(HEADER_ROW, c, title, HEAD)
        out.fit_height(HEADER_ROW, title, WIDTHS[c], bold=True)
    for r, f in enumerate(findings, start=HEADER_ROW + 1):
        values = [f.severity, f.workbook, f.sheet, f.cell, f.title, f.message, _shown(f.value),
                  _shown(f.expected), f.code]
        for c, value in enumerate(values):
            out.put(r, c, value or None if isinstance(value, str) else value, severity[f.severity] if c == 0 else top)
            if isinstance(value, str):
                out.fit_height(r, value, WIDTHS[c], bold=c == 0 and f.severity == "erreur")
        link = link_for(f.workbook, f.sheet, f.cell)
        if link:
            out.put(r, 3, f.cell, top.but(color="#0563C1"), link=link, tip=f"Ouvrir {f.workbook} à la cellule {f.cell}")
    out.autofilter = (HEADER_ROW, 0, max(HEADER_ROW, len(findings) + HEADER_ROW), len(HEADERS) - 1)
    return out


def _shown(value):
    """A value read or expected: a number stays a number; VRAI/FAUX as a French Excel shows them; else text."""
    value = plain(value)
    if isinstance(value, bool):
        return "VRAI" if value else "FAUX"
    return value if value is None or isinstance(value, (int, float)) else str(value)
