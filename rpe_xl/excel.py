"""The Excel door: the functions behind the buttons (xlwings ``RunPython``, see ``macros/rpe_xl.bas``) and a
worksheet function.

Each button reads the workbook it is clicked from as it is on screen, unsaved edits included (through xlwings,
never its file on disk), and the other workbooks of its folder from their files; it calls the library API and
writes its results into a sheet the tool owns (*Contrôles*, *Indicateurs*, *Budget recalculé*), deleted and
written again on each click. The team's sheets are never written to and the workbook is never saved: the team
decides. The entry points keep French names: they are what the macros and the team see.

A crash becomes a French message in Excel and a line in the log (no cell value in it).
"""

from __future__ import annotations

import logging
import os
import traceback
from pathlib import Path
from typing import Any, Callable

import xlwings as xw

log = logging.getLogger(__name__)

# tool-owned sheets and the text their cell A1 starts with (a sheet of that name without it is the team's)
OWNED = {"Contrôles": "Contrôles des classeurs", "Indicateurs": "Indicateurs du bilan CAF",
         "Budget recalculé": "Budget recalculé à partir"}
TITLE = "rpe-xl"


def verifier(dossier: str | None = None) -> None:
    """« Vérifier »: every check on this workbook and the others of its folder, into the *Contrôles* sheet.
    ``dossier``: where the other workbooks are (by default, the folder of the workbook clicked from)."""
    book = xw.Book.caller()
    _click(book, "Vérifier", "Contrôles", dossier, _controles)


def actualiser_indicateurs(dossier: str | None = None) -> None:
    """« Actualiser les indicateurs »: the CAF indicators, into the *Indicateurs* sheet."""
    book = xw.Book.caller()
    _click(book, "Actualiser les indicateurs", "Indicateurs", dossier, _indicateurs)


def recalculer_budget(dossier: str | None = None) -> None:
    """« Recalculer le budget » (budget workbook): the budget recomputed from *Hypothèses*, into *Budget recalculé*."""
    book = xw.Book.caller()
    _click(book, "Recalculer le budget", "Budget recalculé", dossier, _budget)


@xw.func
def rpe_montant_projete(montant: float, annee_base: int, annee: int, taux: float, arrondi: str = "Centime") -> float:
    """Amount of a budget line in ``annee`` when it grows by ``taux`` a year from ``montant`` in ``annee_base``
    (« Taux annuel » of the *Hypothèses* sheet, same computation and rounding as ``rpe-xl budget``)."""
    from decimal import Decimal

    from .compute.budget import RATE, Hypothesis, project

    line = Hypothesis(0, "ligne", "6", Decimal(str(montant)), RATE, Decimal(str(taux)), arrondi or "Centime")
    base, year = int(annee_base), int(annee)
    return float(project([line], base, [base, year]).amount(line, year))


def _controles(book: Any, data: Any, header: Any) -> Any:
    from . import api
    from .report import controles_xlsx
    from .report.links import live_links

    report = api.check(data)
    return controles_xlsx.sheet(report.findings, live_links(book.name, report.workbooks), header)


def _indicateurs(book: Any, data: Any, header: Any) -> Any:
    from . import api
    from .report.indicateurs_sheets import live_sheet

    return live_sheet(api.indicators(data).indicators, header)


def _budget(book: Any, data: Any, header: Any) -> Any:
    from . import api
    from .report.budget_layout import live_sheet
    from .report.links import live_links

    budget = data.workbook("budget")
    if budget is None or budget.name != book.name:
        raise api.ApiError("Le bouton « Recalculer le budget » s'utilise depuis le classeur du budget "
                           "(RPE_budget_….xlsx, feuilles Hypothèses et BP AAAA) : ouvrez-le et cliquez de nouveau.")
    report = api.budget(data)
    return live_sheet(report.book, live_links(book.name, report.workbooks), header)


def _click(book: Any, button: str, sheet: str, dossier: str | None, build: Callable[..., Any]) -> None:
    """Read, compute, then replace the tool's sheet; a problem becomes a French message in Excel."""
    from .api import ApiError
    from .report.page_setup import print_header
    from .read.live import read_live
    from .report.xlwings_target import delete_sheet, replace_sheet

    try:
        if not _owned_or_absent(book, sheet):
            raise ApiError(f"Le classeur a déjà une feuille « {sheet} » qui n'a pas été créée par rpe-xl : "
                           "renommez-la, puis cliquez de nouveau (rpe-xl n'écrit jamais dans vos feuilles).")
        folder = Path(dossier) if dossier else _folder(book)
        data = read_live(book, folder)
        layout = build(book, data, print_header([folder] if folder else []))
        delete_sheet(book, sheet)
        replace_sheet(book, layout)
    except ApiError as exc:
        book.app.alert(str(exc), title=f"{TITLE} – {button}", mode="info")
    except Exception as exc:  # a button never shows a Python traceback
        where = journal(button, exc)
        book.app.alert(f"Le bouton « {button} » n'a pas pu aller au bout (erreur interne {type(exc).__name__}). "
                       f"Vos feuilles n'ont pas été modifiées. Le détail technique est dans le journal {where} : "
                       "transmettez-le à l'équipe informatique.", title=f"{TITLE} – {button}", mode="critical")


def _folder(book: Any) -> Path | None:
    """The folder of the workbook clicked from, when it is a file of this computer (not a web address)."""
    path = Path(book.fullname)
    return path.parent if path.is_absolute() and path.parent.is_dir() else None


def _owned_or_absent(book: Any, name: str) -> bool:
    for sheet in book.sheets:
        if sheet.name.casefold() == name.casefold():
            first = sheet.range("A1").value
            return isinstance(first, str) and first.startswith(OWNED[name])
    return True


def journal(button: str, exc: BaseException) -> Path:
    """Log a crash: the button, the error's type and where it happened (file, line, function), never its message
    nor any value (they may quote a cell). Returns the log file."""
    path = Path(os.environ.get("RPE_XL_JOURNAL") or Path.home() / ".rpe-xl" / "excel.log")
    path.parent.mkdir(parents=True, exist_ok=True)
    frames = " < ".join(f"{Path(f.filename).name}:{f.lineno} {f.name}"
                        for f in reversed(traceback.extract_tb(exc.__traceback__)))
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
    log.addHandler(handler)
    try:
        log.error("bouton %s : %s à %s", button, type(exc).__name__, frames)
    finally:
        log.removeHandler(handler)
        handler.close()
    return path
