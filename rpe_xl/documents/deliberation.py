"""Generate the Bureau's deliberation: séance checks first, then the Word document (and its PDF).

>>> result = generate(load([Path("workbooks")]), 12, Path("sortie/deliberation.docx"))   # doctest: +SKIP
>>> result.written
[PosixPath('sortie/deliberation.docx')]
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

from ..findings import ERREUR, Finding, sort_key
from ..read import Dataset
from ..validate.runner import Context
from ..validate.rules.bureau import BUREAU_RULES
from ..validate.schema import validate_table
from .config import Collectivity
from .context import deliberation_context
from .render import render_docx, to_pdf

PACKAGE_ROOT = Path(__file__).resolve().parents[2]
TEMPLATE_NAME = "deliberation.docx"


def default_template() -> Path:
    """``templates/deliberation.docx`` of the working folder if the team keeps one there, else the project's
    (source checkout or editable install), else the copy a regular install puts under ``<prefix>/share/rpe-xl``."""
    candidates = [Path.cwd() / "templates", PACKAGE_ROOT / "templates", Path(sys.prefix) / "share" / "rpe-xl" / "templates"]
    return next((c / TEMPLATE_NAME for c in candidates if (c / TEMPLATE_NAME).exists()), candidates[0] / TEMPLATE_NAME)


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
    written: list[Path] = field(default_factory=list)
    refused: bool = False


def generate(data: Dataset, question: int, target: Path, collectivity: Collectivity | None = None,
             template: Path | None = None, force: bool = False, pdf: bool = False) -> Result:
    """Check the séance; write the deliberation of ``question`` unless an ``erreur`` stands (or ``force``).

    Raises ``DocumentError`` / ``RenderError`` (French messages) when the document cannot be built at all.
    """
    result = Result(findings=seance_findings(data))
    errors = [f for f in result.findings if f.severity == ERREUR]
    if errors and not force:
        result.refused = True
        return result
    warning = ""
    if errors:
        warning = (f"ATTENTION : document produit malgré {len(errors)} erreur{'s' if len(errors) > 1 else ''} "
                   "dans le classeur de la séance (rpe-xl verifier les détaille). Ne pas signer ni publier en l'état.")
    context, result.notes = deliberation_context(data, question, collectivity or Collectivity(), warning)
    result.written.append(render_docx(template or default_template(), context, target))
    if pdf:
        result.written.append(to_pdf(target))
    return result
