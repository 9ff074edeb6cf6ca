"""``rpe-xl excel installer``: the part of the Excel buttons' set-up that a program can do on this computer.

On Windows: the xlwings add-in installed (``xlwings addin install``), ``xlwings.conf`` written with this
environment's ``pythonw.exe`` (no console window), the VBA module copied where the set-up imports it from; then
the remaining steps (done once in Excel) are printed. Elsewhere Excel is not there: the steps are printed.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import click

from .cli_french import FrenchGroup
from .cli_io import say

SETTINGS = {"INTERPRETER_WIN": None, "UDF MODULES": "rpe_xl.excel"}   # None: this environment's pythonw.exe


@click.group("excel", cls=FrenchGroup, subcommand_metavar="COMMANDE")
def excel() -> None:
    """Boutons dans Excel (Vérifier, Actualiser les indicateurs, Recalculer le budget) : installation sur un poste.

    Exemple : rpe-xl excel installer
    """


@excel.command()
def installer() -> None:
    """Prépare ce poste pour les boutons rpe-xl dans Excel, puis affiche les étapes à faire dans Excel.

    Exemple : rpe-xl excel installer
    """
    macros = home() / ".rpe-xl" / "macros" / "rpe_xl.bas"
    if not on_windows():
        say("Excel n'est pas sur cet ordinateur (les boutons rpe-xl s'installent sur un poste Windows avec Excel) : "
            "rien n'a été installé. Sur le poste Windows, dans le dossier de rpe-xl, lancez "
            "« rpe-xl excel installer », ou faites ces étapes :\n")
        say(steps(macros_folder() / "rpe_xl.bas", manual=True))
        return
    added = install_addin()
    conf = write_config(home() / ".xlwings" / "xlwings.conf", pythonw())
    macros.parent.mkdir(parents=True, exist_ok=True)
    macros.write_bytes((macros_folder() / "rpe_xl.bas").read_bytes())
    say(("Complément xlwings installé." if added else
         "Le complément xlwings n'a pas pu être installé (fermez Excel et relancez la commande).")
        + f"\nRéglages écrits dans {conf} (Python : {pythonw()}).\nModule des boutons copié dans {macros}.\n")
    say(steps(macros, manual=False))


def macros_folder() -> Path:
    """``macros/`` of the source checkout (editable install), else the copy a regular install puts under
    ``<prefix>/share/rpe-xl/macros``."""
    here = Path(__file__).resolve().parents[1] / "macros"
    return here if here.is_dir() else Path(sys.prefix) / "share" / "rpe-xl" / "macros"


def on_windows() -> bool:
    return sys.platform.startswith("win")


def home() -> Path:
    return Path.home()


def pythonw() -> Path:
    """This environment's interpreter without a console window (``pythonw.exe`` beside ``python.exe``)."""
    exe = Path(sys.executable)
    windowless = exe.with_name("pythonw.exe")
    return windowless if windowless.exists() else exe


def install_addin() -> bool:
    """``xlwings addin install`` (copies xlwings.xlam into Excel's XLSTART folder); False when it failed."""
    done = subprocess.run([sys.executable, "-c", "import xlwings.cli as c; c.main()", "addin", "install"],
                          capture_output=True, text=True, timeout=300)
    return done.returncode == 0 and "Successfully" in done.stdout


def write_config(path: Path, interpreter: Path) -> Path:
    """Set rpe-xl's keys in xlwings.conf (``"KEY","value"`` lines), keeping the other settings found there."""
    wanted = {key: str(interpreter) if value is None else value for key, value in SETTINGS.items()}
    lines = []
    if path.exists():
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            key = line.split(",", 1)[0].strip().strip('"').upper()
            if line.strip() and key not in wanted:
                lines.append(line)
    lines += [f'"{key}","{value}"' for key, value in wanted.items()]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    return path


def steps(module: Path, manual: bool) -> str:
    """The steps to do in Excel, once (French menu names; details in docs/excel.md)."""
    before = [
        "Installez rpe-xl sur le poste Windows, puis dans son dossier : .venv\\Scripts\\xlwings addin install",
        "Copiez macros\\xlwings.conf dans %USERPROFILE%\\.xlwings\\xlwings.conf et remplacez le chemin par celui de "
        ".venv\\Scripts\\pythonw.exe de rpe-xl.",
    ] if manual else []
    todo = before + [
        "Excel, une fois : Affichage > Macros > Enregistrer une macro… > Enregistrer la macro dans : « Classeur de "
        "macros personnelles » > OK, puis Affichage > Macros > Arrêter l'enregistrement (crée PERSONAL.XLSB).",
        f"Alt+F11 (éditeur VBA) > projet VBAProject (PERSONAL.XLSB) > Fichier > Importer un fichier… > {module}",
        "Toujours dans l'éditeur VBA : Outils > Références… > cochez « xlwings » > OK, puis Ctrl+S et fermez l'éditeur.",
        "Fichier > Options > Barre d'outils Accès rapide > Choisir les commandes dans les catégories suivantes : "
        "Macros > PERSONAL.XLSB!Verifier > Ajouter >> > Modifier… (symbole et nom « Vérifier ») ; de même pour "
        "ActualiserIndicateurs et RecalculerBudget > OK.",
        "Vérification (1 minute) : ouvrez RPE_suivi_activite_….xlsx, cliquez « Vérifier » : la feuille Contrôles "
        "apparaît avec la date et l'heure ; cliquez une cellule de la colonne Cellule : Excel y va.",
    ]
    return "\n".join(f"{i}. {text}" for i, text in enumerate(todo, start=1))
