"""Which files to read: folders expanded into the workbooks they hold (light: no pandas, usable at start-up).

A file name that is not valid UTF-8 (written on a Linux server by an old tool: ``RPE_caf\\xe9.xlsx``) is still a
file to read; only its shown name has the undecodable bytes replaced, so that every report can print it.

>>> display_name(Path(os.fsdecode(b"RPE_caf\\xe9.xlsx")))
'RPE_caf\\ufffd.xlsx'
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable

from ..findings import Finding, make

WORKBOOK_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".xlsb", ".ods"}


def printable(text: str) -> str:
    """``text`` with the undecodable bytes of a file name (surrogate escapes) replaced by U+FFFD."""
    try:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    except UnicodeEncodeError:  # a surrogate that is no escaped byte
        return text.encode("utf-8", "replace").decode("utf-8")


def display_name(path: Path) -> str:
    """The file name as every report shows it (see :func:`printable`)."""
    return printable(path.name)


def open_book(path: Path):
    """python-calamine's workbook of ``path``. calamine takes only UTF-8 paths: a file whose name is not valid
    UTF-8 is handed over as an open file."""
    from python_calamine import CalamineWorkbook

    name = str(path)
    if printable(name) == name:
        return CalamineWorkbook.from_path(name)
    with open(path, "rb") as fh:
        return CalamineWorkbook.from_filelike(fh)


def resolved(path: Path) -> Path:
    """The absolute path with links followed; a link that loops or cannot be followed stays as it is named."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return Path(os.path.abspath(path))


def workbook_files(paths: Iterable[Path]) -> tuple[list[Path], list[Finding]]:
    """Expand folders into the workbook files they hold (Excel lock files ``~$…`` excluded)."""
    files: list[Path] = []
    findings: list[Finding] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(p for p in path.iterdir() if p.suffix.lower() in WORKBOOK_SUFFIXES
                                and not p.name.startswith(("~$", ".~lock"))))
        elif path.exists() or path.is_symlink():  # a link looping on itself: its reader reports it
            files.append(path)
        else:
            findings.append(make("file-not-found", display_name(path), None, None,
                                 printable=printable(str(path))))
    return _once(files), findings


def _once(files: list[Path]) -> list[Path]:
    """Each file once, even when given twice (a folder and one of its files, the same path twice)."""
    seen: dict[Path, Path] = {}
    for path in files:
        seen.setdefault(resolved(path), path)
    return list(seen.values())
