"""The ``rpe-xl`` command: a thin skin over the library (parse inputs, call, render, exit code).

Exit codes: 0 no ``erreur``, 1 at least one ``erreur``, 2 usage or environment fault.
"""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path

import click

from .cli_french import FrenchGroup

DEFAULT_FOLDER = Path("workbooks")
PATHS = click.argument("chemins", nargs=-1, type=click.Path(path_type=Path))
FORMAT = click.option("--format", "fmt", type=click.Choice(["texte", "json"]), default="texte", show_default=True,
                      help="Sortie lisible (texte) ou pour les scripts (json).")


def _paths(chemins: tuple[Path, ...]) -> list[Path]:
    paths = list(chemins) or [DEFAULT_FOLDER]
    missing = [p for p in paths if not p.exists()]
    if missing:
        raise click.UsageError(f"Chemin introuvable : {missing[0]}. Indiquez un classeur ou un dossier de classeurs.")
    return paths


def _start(chemins: tuple[Path, ...]) -> list[Path]:
    """Check the paths and start parsing the workbooks in the background, before the heavy imports."""
    from .read.prefetch import start

    paths = _paths(chemins)
    start(paths)
    return paths


class OutputError(click.ClickException):
    """An output file that must not or cannot be written: French message, exit code 2."""

    exit_code = 2


def _check_output(sortie: Path | None, paths: list[Path], suffixes: tuple[str, ...]) -> None:
    """Refuse a ``--sortie`` with the wrong extension, or one that is a workbook of the team (one of the inputs,
    or any file whose sheets are those of a team workbook): rpe-xl never writes into them."""
    if sortie is None:
        return
    if sortie.suffix.lower() not in suffixes:
        raise click.UsageError(f"--sortie attend un fichier {' ou '.join(suffixes)}.")
    from .read.files import workbook_files

    target = sortie.resolve()
    inputs = {f.resolve() for f in workbook_files(paths)[0]}
    if target in inputs or (sortie.is_file() and sortie.suffix.lower() in (".xlsx", ".xlsm") and _team_workbook(sortie)):
        raise OutputError(f"--sortie {sortie} désigne un classeur de l'équipe : rpe-xl n'écrit jamais dans les "
                          "classeurs de l'équipe. Choisissez un autre fichier (par exemple sortie/controles.xlsx).")


def _team_workbook(path: Path) -> bool:
    from .read.dataset import recognise

    try:
        from python_calamine import CalamineWorkbook

        return recognise(CalamineWorkbook.from_path(str(path)).sheet_names) is not None
    except Exception:  # noqa: BLE001 - unreadable: not a workbook the team could lose
        return False


@contextlib.contextmanager
def _writing(sortie: Path):
    """A file-system error while writing ``sortie`` becomes a French message (exit code 2), not a traceback."""
    from .read.safety import os_reason

    try:
        yield
    except OSError as exc:
        raise OutputError(f"Impossible d'écrire {sortie} ({os_reason(exc)}) : fermez le fichier s'il est ouvert, ou "
                          "choisissez un autre --sortie.") from exc


def _load(paths: list[Path]):
    from .read import load

    return load(paths)


def _echo_utf8(text: str, err: bool = False) -> None:
    stream = sys.stderr if err else sys.stdout
    try:
        stream.reconfigure(encoding="utf-8")  # Windows consoles default to a legacy code page
    except (AttributeError, ValueError):
        pass
    click.echo(text, err=err)


@click.group("rpe-xl", cls=FrenchGroup, subcommand_metavar="COMMANDE [ARGUMENTS]...",
             context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="rpe-xl", message="rpe-xl %(version)s", help="Affiche la version et s'arrête.")
def main() -> None:
    """rpe-xl : contrôles, indicateurs CAF, budget et documents du Relais Petite Enfance,
    à partir des classeurs Excel de l'équipe (jamais modifiés)."""


@main.command()
@PATHS
@FORMAT
@click.option("--sortie", type=click.Path(path_type=Path), help="Écrire aussi le résultat dans un fichier .json ou .xlsx.")
@click.option("--sans-info", is_flag=True, help="Ne pas afficher les informations (saisies corrigées).")
def verifier(chemins: tuple[Path, ...], fmt: str, sortie: Path | None, sans_info: bool) -> None:
    """Vérifie les classeurs et indique chaque problème avec sa feuille et sa cellule.

    Exemple : rpe-xl verifier workbooks/ --sortie sortie/controles.xlsx
    """
    paths = _start(chemins)
    _check_output(sortie, paths, (".json", ".xlsx"))
    from .findings import exit_code
    from .report import console, json_report
    from .validate import run_checks

    data = _load(paths)
    findings = run_checks(data)
    if sortie is not None:
        _write_findings(findings, sortie, {wb.name: wb.path for wb in data.workbooks.values()})
    if fmt == "json":
        _echo_utf8(json_report.render(findings))
        _echo_utf8(console.summary_line(findings), err=True)
    else:
        _echo_utf8(console.render(findings, show_info=not sans_info))
    sys.exit(exit_code(findings))


def _write_findings(findings, sortie: Path, paths: dict[str, Path]) -> None:
    from .report import controles_xlsx, json_report
    from .report.atomic import write_text

    with _writing(sortie):
        if sortie.suffix.lower() == ".json":
            write_text(sortie, json_report.render(findings))
        else:
            controles_xlsx.write(findings, sortie, paths)
    _echo_utf8(f"Résultat écrit dans {sortie}", err=True)


@main.command()
@PATHS
@FORMAT
@click.option("--sortie", type=click.Path(path_type=Path), help="Écrire aussi les indicateurs dans un classeur .xlsx.")
def indicateurs(chemins: tuple[Path, ...], fmt: str, sortie: Path | None) -> None:
    """Recalcule les indicateurs du bilan CAF et signale les chiffres déclarés que les données contredisent.

    Exemple : rpe-xl indicateurs workbooks/ --sortie sortie/indicateurs.xlsx
    """
    paths = _start(chemins)
    from .findings import exit_code, sort_key
    from .report import console, indicateurs_text
    from .validate.rules import declared, planning
    from .validate.runner import Context

    _check_output(sortie, paths, (".xlsx",))
    data = _load(paths)
    ctx = Context()
    ind = declared.indicators(data, ctx)
    checks = (planning.planning_blocks, planning.planning_etp, declared.observatoire_declared,
              declared.repartition_declared, declared.totals_declared)
    findings = sorted(dict.fromkeys([f for f in data.findings if f.severity != "info"]
                                    + [f for rule in checks for f in rule(data, ctx)]), key=sort_key)
    if sortie is not None:
        from .report import indicateurs_xlsx

        with _writing(sortie):
            indicateurs_xlsx.write(ind, sortie)
        _echo_utf8(f"Indicateurs écrits dans {sortie}", err=True)
    if fmt == "json":
        _echo_utf8(indicateurs_text.to_json(ind))
        _echo_utf8(console.summary_line(findings), err=True)
    else:
        _echo_utf8(indicateurs_text.render(ind))
        if findings:
            _echo_utf8("Chiffres déclarés et saisies à revoir (détail avec rpe-xl verifier) :")
            _echo_utf8(console.render(findings))
    sys.exit(exit_code(findings))


@main.command()
@click.argument("chemin", required=False, type=click.Path(path_type=Path))
@click.option("--hypothese", "hypotheses", multiple=True, metavar='"LIGNE=VALEUR"',
              help='Scénario sans toucher au classeur : "Salaires=2,5 %" (taux annuel) ou '
                   '"Primes d\'assurance=80" (montant ajouté chaque année). Répétable.')
@FORMAT
@click.option("--sortie", type=click.Path(path_type=Path), help="Écrire aussi le budget recalculé dans un fichier .xlsx.")
def budget(chemin: Path | None, hypotheses: tuple[str, ...], fmt: str, sortie: Path | None) -> None:
    """Recalcule le budget prévisionnel à partir de la feuille Hypothèses et le compare aux formulaires BP.

    Exemple : rpe-xl budget workbooks/ --hypothese "Salaires=2,5 %" --sortie sortie/budget.xlsx
    """
    paths = _start((chemin,) if chemin else ())
    _check_output(sortie, paths, (".xlsx",))
    from .compute.budget import ScenarioError
    from .compute.budget_book import build_book
    from .findings import ERREUR
    from .report import budget_text, budget_xlsx
    from .validate.rules.budget_forms import budget_findings

    data = _load(paths)
    wb = data.workbook("budget")
    if wb is None:
        raise click.UsageError("Aucun classeur de budget (feuilles Hypothèses et BP AAAA) trouvé : indiquez "
                               "le fichier RPE_budget_….xlsx ou son dossier.")
    if data.table("budget", "hypotheses") is None:
        raise click.UsageError(f"Feuille « Hypothèses » introuvable ou illisible dans {wb.name} : le budget ne "
                               "peut pas être recalculé (voir rpe-xl verifier).")
    try:
        book = build_book(wb, hypotheses)
        baseline = build_book(wb) if hypotheses else None
    except ScenarioError as exc:
        raise click.UsageError(str(exc)) from exc
    if book is None or not book.years:
        raise click.UsageError(f"Aucune feuille « BP AAAA » lisible dans {wb.name}.")
    findings = budget_findings(data)
    if sortie is not None:
        with _writing(sortie):
            budget_xlsx.write(book, sortie)
        _echo_utf8(f"Budget recalculé écrit dans {sortie}", err=True)
    if fmt == "json":
        _echo_utf8(budget_text.render_json(book, baseline, hypotheses))
    else:
        _echo_utf8(budget_text.render(book, baseline, hypotheses))
    errors = sum(1 for f in findings if f.severity == ERREUR)
    _echo_utf8(f"Contrôles du budget : {errors} erreur(s) ; détail avec « rpe-xl verifier ».", err=True)
    sys.exit(1 if errors else 0)


@main.command()
@PATHS
@click.option("--question", type=int, help="Numéro de la question (colonne « N° » de la feuille « Délibérations ») ; "
              "facultatif quand la séance n'a qu'une délibération.")
@click.option("--sortie", type=click.Path(path_type=Path), help="Document Word à écrire (.docx).")
@click.option("--pdf", is_flag=True, help="Écrire aussi le PDF (LibreOffice nécessaire).")
@click.option("--forcer", is_flag=True, help="Produire le document malgré les erreurs de la séance ou des valeurs "
              "manquantes (avec un avertissement visible).")
@click.option("--scdl", type=click.Path(path_type=Path), help="Exporter les délibérations de la séance au format SCDL (.csv).")
@click.option("--modele", type=click.Path(path_type=Path), help="Modèle Word (par défaut templates/deliberation.docx).")
@click.option("--collectivite", help="Nom de la collectivité (remplace celui de rpe-xl.toml).")
@click.option("--siret", help="SIRET de la collectivité (remplace celui de rpe-xl.toml).")
def deliberation(chemins: tuple[Path, ...], question: int | None, sortie: Path | None, pdf: bool, forcer: bool,
                 scdl: Path | None, modele: Path | None, collectivite: str | None, siret: str | None) -> None:
    """Rédige la délibération d'une question du Bureau à partir des classeurs, ou l'exporte en SCDL.

    \b
    Exemples :
      rpe-xl deliberation workbooks/ --question 12 --sortie sortie/deliberation.docx --pdf
      rpe-xl deliberation workbooks/ --scdl sortie/deliberations.csv
    """
    paths = _start(chemins)
    from .documents.config import ConfigError, load_config
    from .documents.context import DocumentError
    from .documents.deliberation import generate, pick_question, seance_label
    from .documents.render import RenderError
    from .documents.scdl import scdl_rows, write_scdl
    from .findings import exit_code
    from .report import console

    if scdl is None and sortie is None:
        raise click.UsageError("Indiquez --sortie FICHIER.docx (et --question N si la séance a plusieurs "
                               "délibérations), ou --scdl FICHIER.csv.")
    if sortie is not None and sortie.suffix.lower() != ".docx":
        raise click.UsageError("--sortie attend un fichier .docx.")
    try:
        coll = load_config(name=collectivite, siret=siret, near=chemins or (DEFAULT_FOLDER,))
    except ConfigError as exc:
        raise click.UsageError(str(exc)) from exc
    data = _load(paths)
    code = 0
    try:
        if scdl is not None:
            problem = coll.siret_problem()
            if problem:
                _echo_utf8(problem, err=True)
                sys.exit(2)
            rows, notes = scdl_rows(data, coll)
            write_scdl(rows, scdl)
            for note in notes:
                _echo_utf8(f"Attention : {note}", err=True)
            _echo_utf8(f"{len(rows)} délibération(s) exportée(s) au format SCDL dans {scdl}", err=True)
        if sortie is not None:
            question = pick_question(data, question)
            _echo_utf8(f"{seance_label(data)}, question {question}.", err=True)
            result = generate(data, question, sortie, coll, modele, force=forcer, pdf=pdf)
            if result.findings:
                _echo_utf8(console.render(result.findings, show_info=False))
            for hole in result.holes:
                _echo_utf8(f"Valeur manquante : {hole}", err=True)
            if result.refused:
                _echo_utf8("Délibération non produite : corrigez les erreurs et complétez les valeurs manquantes "
                           "ci-dessus (ou --forcer pour un projet marqué « ATTENTION »).", err=True)
                sys.exit(1)
            for note in result.notes:
                _echo_utf8(f"Attention : {note}", err=True)
            for path in result.written:
                _echo_utf8(f"Document écrit : {path}", err=True)
            code = 1 if result.holes else exit_code(result.findings)
    except (DocumentError, RenderError) as exc:
        unreadable = [f for f in data.findings if f.severity == "erreur"]
        if unreadable:  # say why a workbook could not be used (corrupt, not an xlsx…)
            _echo_utf8(console.render(unreadable))
        _echo_utf8(str(exc), err=True)
        sys.exit(2)
    except OSError as exc:  # the document or the SCDL file cannot be written
        from .read.safety import os_reason

        raise OutputError(f"Impossible d'écrire le document ({os_reason(exc)}) : fermez-le s'il est ouvert dans "
                          "Word, ou choisissez un autre chemin.") from exc
    sys.exit(code)


def entry() -> None:
    """The installed ``rpe-xl`` command: runs ``main`` then leaves at once.

    Tearing the interpreter down (pandas, pandera…) takes 0,13 s after the work is done; every output file is
    already written and closed when a command returns, so the streams and log handlers are flushed and the
    process ends without it. Tests and the Excel door call ``main`` and never go through here."""
    import logging
    import os

    try:
        main()
        code = 0
    except SystemExit as exc:
        code = exc.code
    if code is not None and not isinstance(code, int):  # sys.exit("message"): printed, status 1
        print(code, file=sys.stderr)
        code = 1
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe (rpe-xl … | head)
            pass
    os._exit(code or 0)


if __name__ == "__main__":
    entry()
