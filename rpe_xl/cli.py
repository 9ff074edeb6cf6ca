"""The ``rpe-xl`` command: a thin skin over the library (parse inputs, call, render, exit code).

Exit codes: 0 no ``erreur``, 1 at least one ``erreur``, 2 usage or environment fault.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

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


def _load(chemins: tuple[Path, ...]):
    from .read import load

    return load(_paths(chemins))


def _echo_utf8(text: str, err: bool = False) -> None:
    stream = sys.stderr if err else sys.stdout
    try:
        stream.reconfigure(encoding="utf-8")  # Windows consoles default to a legacy code page
    except (AttributeError, ValueError):
        pass
    click.echo(text, err=err)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="rpe-xl", message="rpe-xl %(version)s")
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
    from .findings import exit_code
    from .report import console, json_report
    from .validate import run_checks

    data = _load(chemins)
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

    suffix = sortie.suffix.lower()
    if suffix == ".json":
        write_text(sortie, json_report.render(findings))
    elif suffix == ".xlsx":
        controles_xlsx.write(findings, sortie, paths)
    else:
        raise click.UsageError("--sortie attend un fichier .json ou .xlsx.")
    _echo_utf8(f"Résultat écrit dans {sortie}", err=True)


@main.command()
@PATHS
@FORMAT
@click.option("--sortie", type=click.Path(path_type=Path), help="Écrire aussi les indicateurs dans un classeur .xlsx.")
def indicateurs(chemins: tuple[Path, ...], fmt: str, sortie: Path | None) -> None:
    """Recalcule les indicateurs du bilan CAF et signale les chiffres déclarés que les données contredisent.

    Exemple : rpe-xl indicateurs workbooks/ --sortie sortie/indicateurs.xlsx
    """
    from .findings import exit_code, sort_key
    from .report import console, indicateurs_text
    from .validate.rules import declared, planning
    from .validate.runner import Context

    if sortie is not None and sortie.suffix.lower() != ".xlsx":
        raise click.UsageError("--sortie attend un fichier .xlsx.")
    data = _load(chemins)
    ctx = Context()
    ind = declared.indicators(data, ctx)
    checks = (planning.planning_blocks, planning.planning_etp, declared.observatoire_declared,
              declared.repartition_declared, declared.totals_declared)
    findings = sorted(dict.fromkeys([f for f in data.findings if f.severity != "info"]
                                    + [f for rule in checks for f in rule(data, ctx)]), key=sort_key)
    if sortie is not None:
        from .report import indicateurs_xlsx

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

# --- budget ---

# --- deliberation ---


if __name__ == "__main__":
    main()
