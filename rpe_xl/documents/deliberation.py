"""Generate the Bureau's deliberation: séance checks first, then the Word document (and its PDF).

>>> result = generate(load([Path("workbooks")]), 12, Path("sortie/deliberation.docx"))   # doctest: +SKIP
>>> result.written
[PosixPath('sortie/deliberation.docx')]
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

from ..compute.seance import as_date, as_int
from ..findings import ERREUR, Finding, sort_key
from ..read import Dataset
from ..text import fr_date
from ..validate.runner import Context
from ..validate.rules.bureau_seance import BUREAU_RULES
from ..validate.schema import validate_table
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
    day = as_date(lookup(wb.tables.get("seance"), "Date"))
    return f"Séance du Bureau : {wb.name}" + (f" (séance du {fr_date(day)})" if day is not None else "")


def seance_findings(data: Dataset, ctx: Context | None = None) -> list[Finding]:
    """Reading findings of the Bureau workbook, its sheet models and the séance rules (quorum, proxies…)."""
    ctx = ctx or Context()
    wb = data.workbook("bureau")
    found = [f for f in data.findings if wb is not None and f.workbook == wb.name]
    if wb is not None:
        for table in wb.tables.values():
            found.extend(validate_table(wb, table))
    for fn in BUREAU_RULES:
        found.extend(fn(data, ctx) or [])
    return sorted(dict.fromkeys(found), key=sort_key)


@dataclass
class Result:
    findings: list[Finding] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    holes: list[str] = field(default_factory=list)  # values the text needs that the workbooks do not give
    written: list[Path] = field(default_factory=list)
    refused: bool = False


def generate(data: Dataset, question: int, target: Path, collectivity: Collectivity | None = None,
             template: Path | None = None, force: bool = False, pdf: bool = False) -> Result:
    """Check the séance; write the deliberation of ``question`` unless an ``erreur`` stands or a value the text
    prints is missing (``[à compléter : …]``), or when ``force`` (then with a red warning at the top).

    Raises ``DocumentError`` / ``RenderError`` (French messages) when the document cannot be built at all.
    """
    result = Result(findings=seance_findings(data))
    errors = [f for f in result.findings if f.severity == ERREUR]
    built = deliberation_context(data, question, collectivity or Collectivity())
    result.notes, result.holes = built.notes, built.holes
    if (errors or built.holes) and not force:
        result.refused = True
        return result
    if errors or built.holes:
        faults = []
        if errors:
            faults.append(f"{len(errors)} erreur{'s' if len(errors) > 1 else ''} dans le classeur de la séance "
                          "(rpe-xl verifier les détaille)")
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
