"""A workbook open in Excel read with the others of its folder: the book on screen through xlwings (unsaved edits
included), the other workbooks from their files, with the same checks as the command line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .dataset import Dataset, load, load_sources
from .files import workbook_files
from .source import BookSource


def read_live(book: Any, folder: Path | None) -> Dataset:
    """The workbook on screen (through xlwings) and the other workbooks of ``folder`` (their files, with the same
    checks as the command line); the book on screen replaces a file of the same kind."""
    live = load_sources([BookSource(book)])
    files = [p for p in workbook_files([folder])[0] if p.name != book.name] if folder else []
    data = load(files)
    for kind, wb in live.workbooks.items():
        replaced = data.workbooks.get(kind)
        if replaced is not None:
            data.findings = [f for f in data.findings if f.workbook != replaced.name]
        data.workbooks[kind] = wb
    data.findings = live.findings + data.findings
    return data
