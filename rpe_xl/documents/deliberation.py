"""Generate the Bureau's deliberation from the séance's checks: the Word document (and its PDF), or why not.

The document is refused (unless forced) when a value it prints is missing, when the séance has an ``erreur``, or
when an ``avertissement`` concerns a value it prints (the séance's date against the file name, the declared
counts, a communes count of *Contexte RPE*…): an official text never contradicts its workbook silently. The
séance's findings and the *Communes* cells not verified come from the checks (``rpe_xl.api.deliberation``).

>>> result = generate(data, 12, Path("sortie/deliberation.docx"), findings=found)   # doctest: +SKIP
>>> result.written
[PosixPath('sortie/deliberation.docx')]
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

from ..findings import AVERTISSEMENT, ERREUR, Finding
from ..read import Dataset
from ..read.address import split_cell
from ..read.description import rubric
from ..read.label_sheet import as_date, as_int
from ..text import fr_date
from .config import Collectivity
from .context import DocumentError, deliberation_context, lookup
from .render import render_docx, to_pdf

PACKAGE_ROOT = Path(__file__).resolve().parents[2]
TEMPLATE_NAME = "deliberation.docx"


def default_template() -> Path:
    """``templates/deliberation.docx`` of the working folder if the team keeps one there, else the project's
    (source checkout or editable install), else the copy a regular install puts under ``<prefix>/share/rpe-xl``."""
    candidates = [Path.cwd() / "templates", PACKAGE_ROOT / "templates", Path(sys.prefix) / "share" / "rpe-xl" / "templates"]
    return next((c / TEMPLATE_NAME for c in candidates if (c / TEMPLATE_NAME).exists()), candidates[0] / TEMPLATE_NAME)


def pick_question(data: Dataset, question: int | None) -> int:
    """``question``, or the only deliberation of the séance; a French ``DocumentError`` when there are several.

    >>> pick_question(load([Path("workbooks")]), None)   # doctest: +SKIP
    12
    """
    if question is not None:
        return question
    delibs = data.table("bureau", "deliberations")
    numbers = list(dict.fromkeys(n for n in map(as_int, delibs.df["number"]) if n is not None)) if delibs else []
    if len(numbers) == 1:
        return numbers[0]
    if not numbers:
        raise DocumentError("Aucune délibération numérotée sur la feuille « Délibérations » du classeur du Bureau : "
                            "saisissez son numéro dans la colonne « N° ».")
    raise DocumentError(f"La séance compte {len(numbers)} délibérations (questions {', '.join(map(str, numbers))}) : "
                        "indiquez laquelle avec --question N.")


def seance_label(data: Dataset) -> str:
    """Which Bureau workbook is used: ``Séance du Bureau : Bureau_2025-09-30.xlsx (séance du 30/09/2025)``."""
    wb = data.workbook("bureau")
    if wb is None:
        return "Aucun classeur du Bureau"
    day = as_date(lookup(wb.tables.get("seance"), rubric("seance", "date")))
    return f"Séance du Bureau : {wb.name}" + (f" (séance du {fr_date(day)})" if day is not None else "")


@dataclass
class Result:
    findings: list[Finding] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    holes: list[str] = field(default_factory=list)  # values the text needs that the workbooks do not give
    reasons: list[str] = field(default_factory=list)  # why the document is refused (or forced), in French
    written: list[Path] = field(default_factory=list)
    refused: bool = False


def printed_warnings(data: Dataset, findings: list[Finding], question: int) -> list[Finding]:
    """The ``avertissement`` findings at a cell whose value the deliberation of ``question`` prints or counts:
    every sheet of the Bureau workbook, except the rows of the other questions of *Délibérations*."""
    delibs = data.table("bureau", "deliberations")
    rows = ({r for r, n in zip(delibs.rows, delibs.df["number"]) if as_int(n) == question}
            if delibs is not None else set())

    def printed(f: Finding) -> bool:
        if delibs is not None and f.sheet == delibs.sheet and f.cell:
            row = split_cell(f.cell)[0]
            return row in rows or row <= delibs.header_row
        return True

    return [f for f in findings if f.severity == AVERTISSEMENT and f.sheet and printed(f)]


def generate(data: Dataset, question: int, target: Path, collectivity: Collectivity | None = None,
             template: Path | None = None, force: bool = False, pdf: bool = False,
             findings: list[Finding] = (), communes: list[str] = ()) -> Result:
    """Write the deliberation of ``question`` unless an ``erreur`` of the séance's ``findings`` stands, a value
    the text prints is missing (``[à compléter : …]``) or is not verified (``communes``: cells of the *Communes*
    sheet), or when ``force`` (then with a red warning at the top).

    Raises ``DocumentError`` / ``RenderError`` (French messages) when the document cannot be built at all.
    """
    result = Result(findings=list(findings))
    errors = [f for f in result.findings if f.severity == ERREUR]
    warnings = printed_warnings(data, result.findings, question)
    communes = list(communes)
    built = deliberation_context(data, question, collectivity or Collectivity())
    result.notes, result.holes = built.notes, built.holes
    result.reasons = _reasons(warnings, communes, force)
    if (errors or warnings or communes or built.holes) and not force:
        result.refused = True
        return result
    if errors or warnings or communes or built.holes:
        faults = []
        if errors:
            faults.append(f"{len(errors)} erreur{'s' if len(errors) > 1 else ''} dans le classeur de la séance "
                          "(rpe-xl verifier les détaille)")
        if warnings:
            faults.append(f"{len(warnings)} avertissement{'s' if len(warnings) > 1 else ''} sur des valeurs "
                          f"imprimées ({_cells(warnings)})")
        if communes:
            faults.append(f"des communes non vérifiées (feuille « Communes » : {', '.join(communes)})")
        if built.holes:
            n = len(built.holes)
            faults.append(f"{n} valeur{'s' if n > 1 else ''} manquante{'s' if n > 1 else ''} (« [à compléter] » "
                          "dans le texte)")
        built.values["warning"] = (f"ATTENTION : document produit malgré {' et '.join(faults)}. Ne pas signer ni "
                                   "publier en l'état.")
    result.written.append(render_docx(template or default_template(), built.values, target))
    if pdf:
        result.written.append(to_pdf(target))
    return result


def _reasons(warnings: list[Finding], communes: list[str], force: bool) -> list[str]:
    """Why the text would contradict the workbooks, in French (the errors and missing values say it themselves)."""
    then = ("document produit quand même, marqué « ATTENTION »." if force else
            "corrigez le classeur (ou --forcer pour un projet marqué « ATTENTION »).")
    out = []
    if warnings:
        n = len(warnings)
        what = "une valeur" if n == 1 else "des valeurs"
        out.append(f"{n} avertissement{'s' if n > 1 else ''} ci-dessus porte{'nt' if n > 1 else ''} sur {what} que "
                   f"la délibération imprime ({_cells(warnings)}) : le texte contredirait le classeur ; {then}")
    if communes:
        out.append(f"La feuille « Communes » du classeur du territoire a des cellules illisibles ou des communes "
                   f"inconnues ({', '.join(communes)}, détaillées par rpe-xl verifier) : la délibération "
                   f"imprimerait des communes non vérifiées ; {then}")
    return out


def _cells(findings: list[Finding]) -> str:
    return ", ".join(dict.fromkeys(f"{f.sheet}!{f.cell}" if f.cell else f"feuille « {f.sheet} »" for f in findings))
