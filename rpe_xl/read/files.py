"""Which files to read: folders expanded into the workbooks they hold (light: no pandas, usable at start-up)."""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

from ..findings import Finding, make

WORKBOOK_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".xlsb", ".ods"}


def workbook_files(paths: Iterable[Path]) -> tuple[list[Path], list[Finding]]:
    """Expand folders into the workbook files they hold (Excel lock files ``~$…`` excluded)."""
    files: list[Path] = []
    findings: list[Finding] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(p for p in path.iterdir() if p.suffix.lower() in WORKBOOK_SUFFIXES
                                and not p.name.startswith(("~$", ".~lock"))))
        elif path.exists():
            files.append(path)
        else:
            findings.append(make("file-not-found", path.name, None, None,
                                 f"Fichier ou dossier introuvable : {path}. Vérifiez le chemin."))
    return _once(files), findings


def _once(files: list[Path]) -> list[Path]:
    """Each file once, even when given twice (a folder and one of its files, the same path twice)."""
    seen: dict[Path, Path] = {}
    for path in files:
        try:
            key = path.resolve()
        except (OSError, RuntimeError):  # a symbolic link looping on itself: its reader reports it
            key = path
        seen.setdefault(key, path)
    return list(seen.values())
