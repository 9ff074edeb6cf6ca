"""Build a synthetic set of the six team workbooks with the activity tables 20x longer (benchmark input).

Same sheets, same layout (title block, header row, Listes…), values only (formula cells are written with
their cached value). The records of the activity sheets are repeated ``--factor`` times; running numbers
(``N°``, ``N° séance``) and AM codes are shifted in each copy so keys stay unique and references still hold;
the AMs' phone numbers and mails change too, so that no copy is taken for the same person twice.

    python bench/make_synthetic.py            # -> bench/data/*.xlsx (git-ignored)
    python bench/make_synthetic.py --factor 5 --out /tmp/set5
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import shutil
from pathlib import Path

import xlsxwriter
from python_calamine import CalamineWorkbook

from rpe_xl.read import load

ROOT = Path(__file__).resolve().parents[1]
# (workbook kind, table key) whose records are multiplied
ACTIVITY = {("suivi", k) for k in ("contacts_familles", "contacts_pros", "seances", "presences", "echanges",
                                   "demandes_en_ligne", "formations_am")} | {("assistants_maternels", "listing_am")}
RUNNING = {"number", "seance"}  # field names of running numbers
AM_CODE = re.compile(r"^AM-(\d{4})$")


def shifted(value, field: str | None, copy: int, offset: int):
    """The value of a record in copy number ``copy`` (copy 0 is the original)."""
    if copy == 0:
        return value
    if field in RUNNING and isinstance(value, float):
        return value + copy * offset
    if field == "phone" and isinstance(value, str) and value[-2:].isdigit():  # another person, another number
        return f"{value[:-2]}{(int(value[-2:]) + copy) % 100:02d}"
    if field == "email" and isinstance(value, str) and "@" in value:
        return f"c{copy}.{value}"
    if isinstance(value, str):
        m = AM_CODE.match(value)
        if m:
            return f"AM-{int(m.group(1)) + copy * 200:04d}"
    return value


def _write(ws, r: int, c: int, value, date_fmt) -> None:
    if value is None or value == "":
        return
    if isinstance(value, bool):
        ws.write_boolean(r, c, value)
    elif isinstance(value, (int, float)):
        ws.write_number(r, c, value)
    elif isinstance(value, (dt.date, dt.datetime)):
        ws.write_datetime(r, c, value if isinstance(value, dt.datetime) else dt.datetime.combine(value, dt.time()),
                          date_fmt)
    elif isinstance(value, dt.time):
        ws.write_string(r, c, value.strftime("%H:%M"))
    else:
        ws.write_string(r, c, str(value))


def synthesize(src: Path, dst: Path, factor: int) -> int:
    """Write ``dst`` from ``src`` with the activity tables repeated ``factor`` times; returns rows written."""
    data = load([src])
    wb = next(iter(data.workbooks.values()), None)
    tables = {t.sheet: (key, t) for key, t in wb.tables.items()} if wb else {}
    book = CalamineWorkbook.from_path(str(src))
    out = xlsxwriter.Workbook(str(dst), {"strings_to_formulas": False, "strings_to_urls": False,
                                         "strings_to_numbers": False, "constant_memory": True})
    date_fmt = out.add_format({"num_format": "dd/mm/yyyy"})
    written = 0
    for name in book.sheet_names:
        grid = book.get_sheet_by_name(name).to_python(skip_empty_area=False)
        ws = out.add_worksheet(name)
        key, table = tables.get(name, (None, None))
        multiply = table is not None and len(table) and (wb.kind, key) in ACTIVITY
        if multiply:
            first, last = table.rows[0] - 1, table.rows[-1]  # 0-based slice of the records
            fields = {c - 1: f for f, c in table.columns.items()}
            numbers = [v for f in RUNNING if f in table.columns for v in table.df[f].dropna()]
            offset = 10 ** len(str(int(max(numbers, default=0)) or 1))
            body = [(r, copy) for copy in range(factor) for r in range(first, last)]
            layout = [(r, 0) for r in range(first)] + body + [(r, 0) for r in range(last, len(grid))]
        else:
            fields, offset, layout = {}, 0, [(r, 0) for r in range(len(grid))]
        for out_r, (r, copy) in enumerate(layout):
            for c, value in enumerate(grid[r]):
                _write(ws, out_r, c, shifted(value, fields.get(c), copy, offset), date_fmt)
        written += len(layout)
    out.close()
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--src", type=Path, default=ROOT / "workbooks")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "data")
    parser.add_argument("--factor", type=int, default=20)
    args = parser.parse_args()
    if args.out.exists():
        shutil.rmtree(args.out)
    args.out.mkdir(parents=True)
    for src in sorted(args.src.glob("*.xlsx")):
        rows = synthesize(src, args.out / src.name, args.factor)
        print(f"{src.name}: {rows} lignes écrites")


if __name__ == "__main__":
    main()
