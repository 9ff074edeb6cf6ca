"""The ``rpe-xl`` command: a thin skin over the library (parse inputs, call, render, exit code).

Exit codes: 0 no ``erreur``, 1 at least one ``erreur``, 2 usage or environment fault (an output file refused or
not written included), 130 interrupted (Ctrl-C).
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .cli_excel import excel
from .cli_french import INTERRUPTED, FrenchGroup
from .cli_io import DEFAULT_FOLDER, finish, load, output, say, start

PATHS = click.argument("chemins", nargs=-1, type=click.Path(path_type=Path))
FORMAT = click.option("--format", "fmt", type=click.Choice(["texte", "json"]), default="texte", show_default=True,
                      help="Sortie lisible (texte) ou pour les scripts (json).")
LIMIT = click.option("--limite-taille", "limite", type=click.IntRange(min=1), metavar="MO",
                     help="Taille d'un classeur une fois décompressé au-delà de laquelle il n'est pas lu, en Mo "
                          "(200 par défaut).")


@click.group("rpe-xl", cls=FrenchGroup, subcommand_metavar="COMMANDE [ARGUMENTS]...",
             context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="rpe-xl", message="rpe-xl %(version)s", help="Affiche la version et s'arrête.")
def main() -> None:
    """rpe-xl : contrôles, indicateurs CAF, budget et documents du Relais Petite Enfance,
    à partir des classeurs Excel de l'équipe (jamais modifiés)."""


@main.command()
@PATHS
@FORMAT
@click.option("--sortie", type=click.Path(path_type=Path), metavar="FICHIER",
              help="Écrire aussi le résultat dans un fichier .json ou .xlsx.")
@click.option("--sans-info", is_flag=True, help="Ne pas afficher les informations (saisies corrigées).")
@LIMIT
def verifier(chemins: tuple[Path, ...], fmt: str, sortie: Path | None, sans_info: bool, limite: int | None) -> None:
    """Vérifie les classeurs et indique chaque problème avec sa feuille et sa cellule.

    Exemple : rpe-xl verifier workbooks/ --sortie sortie/controles.xlsx
    """
    paths = start(chemins, limite, ((sortie, (".json", ".xlsx"), "--sortie"),))
    from . import api
    from .report import console, controles_xlsx, json_report
    from .report.atomic import write_text

    report = api.check(paths)
    findings, names = report.findings, list(report.workbooks)

    def write_findings(target: Path) -> None:
        if target.suffix.lower() == ".json":
            write_text(target, json_report.render(findings, names))
        else:
            controles_xlsx.write(findings, target, report.workbooks)

    problem = output(sortie, write_findings, "Résultat écrit dans")
    if fmt == "json":
        say(json_report.render(findings, names))
        say(console.summary_line(findings), err=True)
    else:
        say(console.render(findings, show_info=not sans_info, workbooks=names))
    finish(problem, report.exit_code)


@main.command()
@PATHS
@FORMAT
@click.option("--sortie", type=click.Path(path_type=Path), metavar="FICHIER",
              help="Écrire aussi les indicateurs dans un classeur .xlsx.")
@LIMIT
def indicateurs(chemins: tuple[Path, ...], fmt: str, sortie: Path | None, limite: int | None) -> None:
    """Recalcule les indicateurs du bilan CAF et signale les chiffres déclarés que les données contredisent.

    Exemple : rpe-xl indicateurs workbooks/ --sortie sortie/indicateurs.xlsx
    """
    paths = start(chemins, limite, ((sortie, (".xlsx",), "--sortie"),))
    from . import api
    from .report import console, indicateurs_text, indicateurs_xlsx

    report = api.indicators(paths)
    ind, findings = report.indicators, report.findings
    problem = output(sortie, lambda target: indicateurs_xlsx.write(ind, target, [p for p in report.workbooks.values() if p]), "Indicateurs écrits dans")
    if fmt == "json":
        say(indicateurs_text.to_json(ind))
        say(console.summary_line(findings), err=True)
    else:
        say(indicateurs_text.render(ind))
        if findings:
            say("Chiffres déclarés et saisies à revoir (détail avec rpe-xl verifier) :")
            say(console.render(findings))
    finish(problem, report.exit_code)


@main.command()
@PATHS
@click.option("--hypothese", "hypotheses", multiple=True, metavar='"LIGNE=VALEUR"',
              help='Scénario sans toucher au classeur : "Salaires=2,5 %" (taux annuel) ou '
                   '"Primes d\'assurance=80" (montant ajouté chaque année). Répétable.')
@FORMAT
@click.option("--sortie", type=click.Path(path_type=Path), metavar="FICHIER",
              help="Écrire aussi le budget recalculé dans un fichier .xlsx.")
@LIMIT
def budget(chemins: tuple[Path, ...], hypotheses: tuple[str, ...], fmt: str, sortie: Path | None,
           limite: int | None) -> None:
    """Recalcule le budget prévisionnel à partir de la feuille Hypothèses et le compare aux formulaires BP.

    Exemple : rpe-xl budget workbooks/ --hypothese "Salaires=2,5 %" --sortie sortie/budget.xlsx
    """
    paths = start(chemins, limite, ((sortie, (".xlsx",), "--sortie"),))
    from . import api
    from .report import budget_text, budget_xlsx

    try:
        report = api.budget(paths, hypotheses)
    except api.ApiError as exc:
        raise click.UsageError(str(exc)) from exc
    book, baseline = report.book, report.baseline
    problem = output(sortie, lambda target: budget_xlsx.write(book, target, report.workbooks), "Budget recalculé écrit dans")
    if fmt == "json":
        say(budget_text.render_json(book, baseline, hypotheses))
    else:
        say(budget_text.render(book, baseline, hypotheses))
    say(f"Contrôles du budget : {report.summary['erreur']} erreur(s) ; détail avec « rpe-xl verifier ».", err=True)
    finish(problem, report.exit_code)


@main.command()
@PATHS
@click.option("--question", type=int, metavar="N",
              help="Numéro de la question (colonne « N° » de la feuille « Délibérations ») ; facultatif quand la "
                   "séance n'a qu'une délibération.")
@click.option("--sortie", type=click.Path(path_type=Path), metavar="FICHIER", help="Document Word à écrire (.docx).")
@click.option("--pdf", is_flag=True, help="Écrire aussi le PDF (LibreOffice nécessaire).")
@click.option("--forcer", is_flag=True, help="Produire le document malgré les erreurs de la séance ou des valeurs "
              "manquantes (avec un avertissement visible).")
@click.option("--scdl", type=click.Path(path_type=Path), metavar="FICHIER",
              help="Exporter les délibérations de la séance au format SCDL (.csv).")
@click.option("--modele", type=click.Path(path_type=Path), metavar="FICHIER",
              help="Modèle Word (par défaut templates/deliberation.docx).")
@click.option("--collectivite", metavar="NOM", help="Nom de la collectivité (remplace celui de rpe-xl.toml).")
@click.option("--siret", metavar="SIRET", help="SIRET de la collectivité (remplace celui de rpe-xl.toml).")
@LIMIT
def deliberation(chemins: tuple[Path, ...], question: int | None, sortie: Path | None, pdf: bool, forcer: bool,
                 scdl: Path | None, modele: Path | None, collectivite: str | None, siret: str | None,
                 limite: int | None) -> None:
    """Rédige la délibération d'une question du Bureau à partir des classeurs, ou l'exporte en SCDL.

    \b
    Exemples :
      rpe-xl deliberation workbooks/ --question 12 --sortie sortie/deliberation.docx --pdf
      rpe-xl deliberation workbooks/ --scdl sortie/deliberations.csv
    """
    if scdl is None and sortie is None:
        raise click.UsageError("Indiquez --sortie FICHIER.docx (et --question N si la séance a plusieurs "
                               "délibérations), ou --scdl FICHIER.csv.")
    pdf_file = sortie.with_suffix(".pdf") if sortie is not None and pdf else None
    paths = start(chemins, limite, ((sortie, (".docx",), "--sortie"), (pdf_file, (".pdf",), "--pdf"),
                                     (scdl, (".csv",), "--scdl")))
    from .documents.config import ConfigError, load_config

    try:
        coll = load_config(name=collectivite, siret=siret, near=chemins or (DEFAULT_FOLDER,))
    except ConfigError as exc:
        raise click.UsageError(str(exc)) from exc
    from .cli_deliberation import run

    run(load(paths), coll, sortie, question, modele, forcer, pdf, scdl)


main.add_command(excel)


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
    except KeyboardInterrupt:  # Ctrl-C outside a command (while Python loads it)
        print("\nInterrompu.", file=sys.stderr)
        code = INTERRUPTED
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
