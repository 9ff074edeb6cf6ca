"""The door of ``rpe-xl deliberation`` once the workbooks are read: the SCDL export and the Word document (and its
PDF) through the library API, with their messages and the exit code.

>>> run(load([Path("workbooks")]), coll, Path("sortie/deliberation.docx"), 12)      # doctest: +SKIP
"""

from __future__ import annotations

import sys
from pathlib import Path

from . import api
from .cli_io import finish, say
from .documents.config import Collectivity
from .documents.scdl import write_scdl
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
            report = api.deliberation(data, sortie, question, coll, modele, forcer, pdf)
            say(f"{report.label}, question {report.question}.", err=True)
            if report.write_error is not None:  # the séance's findings still shown
                shown = [f for f in report.findings if f.severity != "info"]
                if shown:
                    say(console.render(shown, show_info=False))
                problems.append(unwritable(sortie, report.write_error))
            else:
                code = _report(report)
    except api.ApiError as exc:
        if exc.findings:  # say why a workbook could not be used (corrupt, not an xlsx…)
            say(console.render(exc.findings))
        say(str(exc), err=True)
        sys.exit(2)
    finish("\n".join(problems), code)


def _export(data: Dataset, coll: Collectivity, scdl: Path) -> list[str]:
    problem = coll.siret_problem()
    if problem:
        say(problem, err=True)
        sys.exit(2)
    rows, notes = api.scdl(data, coll)
    failed = write_output(scdl, lambda target: write_scdl(rows, target))
    for note in notes:
        say(f"Attention : {note}", err=True)
    if failed:
        return [failed]
    say(f"{len(rows)} délibération(s) exportée(s) au format SCDL dans {scdl}", err=True)
    return []


def _report(report: api.DeliberationReport) -> int:
    result = report.document
    if report.findings:
        say(console.render(report.findings, show_info=False))
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
    return 1 if result.holes else exit_code(report.findings)
