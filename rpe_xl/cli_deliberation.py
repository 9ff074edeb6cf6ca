"""The work of ``rpe-xl deliberation`` once the workbooks are read: the SCDL export, then the Word document (and
its PDF), with their messages and the exit code.

>>> run(load([Path("workbooks")]), coll, Path("sortie/deliberation.docx"), 12)      # doctest: +SKIP
"""

from __future__ import annotations

import sys
from pathlib import Path

from .cli_io import finish, say
from .documents.config import Collectivity
from .documents.context import DocumentError
from .documents.deliberation import generate, pick_question, seance_findings, seance_label
from .documents.render import RenderError
from .documents.scdl import scdl_rows, write_scdl
from .findings import exit_code
from .read import Dataset
from .report import console
from .report.output_guard import unwritable, write_output


def run(data: Dataset, coll: Collectivity, sortie: Path | None, question: int | None = None,
        modele: Path | None = None, forcer: bool = False, pdf: bool = False, scdl: Path | None = None) -> None:
    """Export and/or write, say what was done, and leave: 0, 1 (errors, values missing, document refused),
    2 (nothing to build from, or a file not written)."""
    code, problems = 0, []
    try:
        if scdl is not None:
            problems += _export(data, coll, scdl)
        if sortie is not None:
            question = pick_question(data, question)
            say(f"{seance_label(data)}, question {question}.", err=True)
            try:
                result = generate(data, question, sortie, coll, modele, force=forcer, pdf=pdf)
            except OSError as exc:  # the document or its PDF cannot be written: the séance's findings still shown
                shown = [f for f in seance_findings(data) if f.severity != "info"]
                if shown:
                    say(console.render(shown, show_info=False))
                problems.append(unwritable(sortie, exc))
            else:
                code = _report(result)
    except (DocumentError, RenderError) as exc:
        unreadable = [f for f in data.findings if f.severity == "erreur"]
        if unreadable:  # say why a workbook could not be used (corrupt, not an xlsx…)
            say(console.render(unreadable))
        say(str(exc), err=True)
        sys.exit(2)
    finish("\n".join(problems), code)


def _export(data: Dataset, coll: Collectivity, scdl: Path) -> list[str]:
    problem = coll.siret_problem()
    if problem:
        say(problem, err=True)
        sys.exit(2)
    rows, notes = scdl_rows(data, coll)
    failed = write_output(scdl, lambda target: write_scdl(rows, target))
    for note in notes:
        say(f"Attention : {note}", err=True)
    if failed:
        return [failed]
    say(f"{len(rows)} délibération(s) exportée(s) au format SCDL dans {scdl}", err=True)
    return []


def _report(result) -> int:
    if result.findings:
        say(console.render(result.findings, show_info=False))
    for hole in result.holes:
        say(f"Valeur manquante : {hole}", err=True)
    for reason in result.reasons:
        say(reason, err=True)
    if result.refused:
        say("Délibération non produite : corrigez les erreurs et complétez les valeurs manquantes ci-dessus (ou "
            "--forcer pour un projet marqué « ATTENTION »).", err=True)
        sys.exit(1)
    for note in result.notes:
        say(f"Attention : {note}", err=True)
    for path in result.written:
        say(f"Document écrit : {path}", err=True)
    return 1 if result.holes else exit_code(result.findings)
