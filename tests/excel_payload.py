"""What Excel's xlwings client sends for a workbook, built from a team file, and what xlwings' remote engine sends
back: the tests drive the Excel door on Linux with them.

``payload(path, edits)`` is the JSON document of the client (every sheet's values from A1, dates as ISO strings
in UTC), with ``edits`` = {sheet: {cell: value}} typed into the payload only (unsaved edits: the file on disk
keeps its values). ``Replay`` applies the actions returned by ``book.json()`` to a copy of the sheet list, as
the client does, to see which sheets were written and what they hold.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from xlsx_edit import sheet_rows

ISO = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$")


def _cell(v: Any) -> Any:
    if isinstance(v, dt.date):  # the client sends dates as ISO strings in UTC
        day = v if isinstance(v, dt.datetime) else dt.datetime(v.year, v.month, v.day)
        return day.strftime("%Y-%m-%dT%H:%M:%S.000Z")
    return None if v == "" else v


def _address(ref: str) -> tuple[int, int]:
    m = re.fullmatch(r"([A-Z]+)(\d+)", ref)
    col = 0
    for ch in m.group(1):
        col = col * 26 + ord(ch) - 64
    return int(m.group(2)) - 1, col - 1


def payload(path: Path, edits: dict[str, dict[str, Any]] | None = None,
            extra: dict[str, list[list[Any]]] | None = None) -> dict:
    """The client's document for the workbook ``path``; ``extra`` = {sheet name: rows} adds sheets at the end (a
    result sheet of an earlier click, a team sheet with a tool's name)."""
    from python_calamine import CalamineWorkbook

    import xlwings as xw

    sheets = []
    for sheet in CalamineWorkbook.from_path(str(path)).sheet_names:
        rows = [[_cell(v) for v in r] for r in sheet_rows(path, sheet)]
        for ref, value in (edits or {}).get(sheet, {}).items():
            r, c = _address(ref)
            while len(rows) <= r:
                rows.append([])
            rows[r] += [None] * (c + 1 - len(rows[r]))
            rows[r][c] = _cell(value)
        sheets.append(_sheet(sheet, rows))
    for name, rows in (extra or {}).items():
        sheets.append(_sheet(name, [[_cell(v) for v in r] for r in rows]))
    return {"client": "Microsoft Office Scripts", "version": xw.__version__,
            "book": {"name": path.name, "active_sheet_index": 0, "selection": "A1"}, "names": [], "sheets": sheets}


def _sheet(name: str, rows: list[list[Any]]) -> dict:
    width = max((len(r) for r in rows), default=1) or 1
    values = [r + [None] * (width - len(r)) for r in rows] or [[None]]
    return {"name": name, "values": values, "pictures": [], "tables": []}


def live_book(path: Path, edits: dict[str, dict[str, Any]] | None = None, extra=None):
    """The remote engine's book for ``path``, as if opened in Excel with ``edits`` not saved."""
    import xlwings as xw

    return xw.Book(json=payload(path, edits, extra))


class Replay:
    """The client's side: the sheet list, changed by each action; values written, per sheet name."""

    def __init__(self, sheet_names: list[str]):
        self.sheets = list(sheet_names)
        self.written: dict[str, dict[tuple[int, int], Any]] = {}
        self.touched: set[str] = set()        # sheets an action wrote to or deleted
        self.links: dict[str, dict[tuple[int, int], tuple]] = {}
        self.alerts: list[list[Any]] = []
        self.added: list[str] = []

    def run(self, actions: list[dict]) -> "Replay":
        for a in actions:
            func, pos = a["func"], a.get("sheet_position")
            if func == "addSheet":
                self.sheets.insert(a["args"][0], a["args"][1])
                self.written[a["args"][1]] = {}
                self.added.append(a["args"][1])
                continue
            if func == "alert":
                self.alerts.append(a["args"])
                continue
            if pos is None:
                continue
            name = self.sheets[pos]
            self.touched.add(name)
            if func == "sheetDelete":
                del self.sheets[pos]
                self.written.pop(name, None)
            elif func == "setValues":
                cells = self.written.setdefault(name, {})
                for i, row in enumerate(a["values"]):
                    for j, v in enumerate(row):
                        cells[(a["start_row"] + i, a["start_column"] + j)] = v
            elif func == "addHyperlink":
                self.links.setdefault(name, {})[(a["start_row"], a["start_column"])] = tuple(a["args"])
        return self

    def rows(self, sheet: str, typed: bool = False) -> list[list[Any]]:
        """The values written into ``sheet``, row by row, as Excel shows them (the text prefix ``'`` taken off),
        or as they were typed in (``typed``)."""
        cells = self.written.get(sheet, {})
        if not cells:
            return []
        grid = [[None] * (max(c for _, c in cells) + 1) for _ in range(max(r for r, _ in cells) + 1)]
        for (r, c), v in cells.items():
            shown = v[1:] if isinstance(v, str) and v.startswith("'") and not typed else v
            grid[r][c] = None if shown == "" else shown
        return grid


def replay(book, sheet_names: list[str], since: int = 0) -> Replay:
    return Replay(sheet_names).run(book.json()["actions"][since:])
