"""Where rpe-xl may write: every file a command writes (``--sortie``, ``--scdl``, the PDF written beside a
document) is checked here before anything is read, and written through :func:`write_output`.

A target is refused when it names one of the files read, a workbook of the team (any file whose sheets are
those of a team workbook, wherever it lies and whatever its extension), or a file of another kind than the
option writes. A write that fails gives a French reason instead of a traceback.

>>> check_output(Path("sortie/controles.xlsx"), [Path("workbooks")], (".json", ".xlsx"))
>>> check_output(Path("workbooks/RPE_territoire.xlsx"), [Path("workbooks")], (".xlsx",))
Traceback (most recent call last):
OutputRefused: --sortie workbooks/RPE_territoire.xlsx désigne un des classeurs lus…
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Callable, Iterable

from ..read.files import printable, resolved, workbook_files
from ..read.safety import listed_sheets, os_reason

EXAMPLES = {".json": "sortie/controles.json", ".xlsx": "sortie/resultat.xlsx", ".docx": "sortie/deliberation.docx",
            ".csv": "sortie/deliberations.csv", ".pdf": "sortie/deliberation.pdf"}


class OutputRefused(Exception):
    """An output file that must not be written (French message); the command ends with code 2."""


def check_output(target: Path, inputs: Iterable[Path], kinds: tuple[str, ...], option: str = "--sortie") -> None:
    """Raise :class:`OutputRefused` unless ``target`` may be written by ``option``: its extension is one of
    ``kinds``, it is none of the files read under ``inputs``, and it is no team workbook."""
    shown = printable(str(target))
    if target.suffix.lower() not in kinds:
        raise OutputRefused(f"{option} attend un fichier {' ou '.join(kinds)} (par exemple {EXAMPLES[kinds[0]]}), "
                            f"pas {shown}.")
    advice = (f"rpe-xl n'écrit jamais dans les classeurs de l'équipe. Choisissez un fichier dans un dossier à part "
              f"(par exemple {EXAMPLES[kinds[0]]}).")
    if any(same_file(target, f) for f in workbook_files(inputs)[0]):
        raise OutputRefused(f"{option} {shown} désigne un des classeurs lus, un classeur de l'équipe : {advice}")
    if team_workbook(target):
        raise OutputRefused(f"{option} {shown} est un classeur de l'équipe : {advice}")


def same_file(a: Path, b: Path) -> bool:
    """Whether two paths name one file (links and hard links followed; a looping link is only itself)."""
    try:
        return os.path.samefile(a, b)
    except (OSError, ValueError):
        return resolved(a) == resolved(b)


def team_workbook(path: Path) -> bool:
    """Whether ``path`` is a file whose sheets are those of a team workbook, whatever its name or size. Only the
    list of sheets is read, in bounded steps (:func:`rpe_xl.read.safety.listed_sheets`): no reader is handed a
    file that might be hostile."""
    if not path.is_file():
        return False
    names = listed_sheets(path)
    if not names:
        return False
    from ..read.dataset import recognise

    return recognise(names) is not None


def write_output(target: Path, write: Callable[[Path], object]) -> str | None:
    """``write(target)``; None when done, else why the file was not written (French), for the command to say
    after its report. The writers replace the target in one step: a failed write leaves no half file."""
    try:
        write(target)
    except OSError as exc:
        return unwritable(target, exc)
    return None


def unwritable(target: Path, exc: OSError) -> str:
    """Why ``target`` was not written, in French, with what to do."""
    return (f"Impossible d'écrire {printable(str(target))} ({os_reason(exc)}) : fermez le fichier s'il est ouvert "
            "(Excel, Word), ou choisissez un autre chemin.")
