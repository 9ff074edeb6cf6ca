"""Output workbook of the indicators: one sheet per section of the CAF form, French number formats, native
Excel charts (contacts per month by motif, séances per commune, hours per activity), and the flat list of IDs.

>>> write(ind, Path("sortie/indicateurs.xlsx"))     # doctest: +SKIP
"""

from __future__ import annotations

from pathlib import Path

import xlsxwriter

from .atomic import atomic_path
from .indicateurs_layout import FAMILY_MOTIFS, kind_of, sections
from .indicateurs_text import period_line

SHEET_NAMES = ("2.1-2.3 Équipe", "4.1 Information", "4.2 Rencontres", "4.3 Observation", "5 Missions compl.")
FORMATS = {"count": "#,##0", "ratio": "0.0000", "percent": '0.00" %"', "hours": '0.00" h"', "days": "0.0",
           "etp": "0.00"}
MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
          "novembre", "décembre")


def write(ind, target: Path) -> Path:
    """Write the workbook atomically to ``target`` (never one of the team's files)."""
    with atomic_path(target) as tmp:
        book = xlsxwriter.Workbook(str(tmp), {"strings_to_formulas": False, "strings_to_urls": False})
        fmt = {"title": book.add_format({"bold": True, "font_size": 13}),
               "head": book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True}),
               "label": book.add_format({"border": 1}), "note": book.add_format({"italic": True, "text_wrap": True}),
               **{k: book.add_format({"num_format": v, "border": 1}) for k, v in FORMATS.items()}}
        anchors: dict[str, tuple] = {}
        for (title, tables), name in zip(sections(ind.values, ind.details), SHEET_NAMES):
            ws = book.add_worksheet(name)
            ws.set_column(0, 0, 52)
            ws.set_column(1, 8, 16)
            ws.write_string(0, 0, title, fmt["title"])
            ws.write_string(1, 0, period_line(ind.period))
            row = 3
            for table_title, columns, rows, note in tables:
                ws.write_string(row, 0, table_title, fmt["title"])
                row += 1
                for c, h in enumerate(columns):
                    ws.write_string(row, c, str(h), fmt["head"])
                first = row + 1
                for label, ids in rows:
                    row += 1
                    ws.write_string(row, 0, label, fmt["label"])
                    for c, ident in enumerate(ids, start=1):
                        if ident and ident in ind.values:
                            ws.write_number(row, c, float(ind.values[ident]), fmt[kind_of(ident)])
                anchors[table_title] = (name, first, row, len(columns))
                if note:
                    row += 1
                    ws.merge_range(row, 0, row, max(3, len(columns) - 1), note, fmt["note"])
                    ws.set_row(row, 45)
                row += 2
            if name == SHEET_NAMES[0]:
                _hours_chart(book, ws, anchors)
            elif name == SHEET_NAMES[1]:
                _months_chart(book, ws, ind, fmt, row)
            elif name == SHEET_NAMES[2]:
                _communes_chart(book, ws, ind, fmt, row)
        _flat(book, ind, fmt)
        book.close()
    return target


def _hours_chart(book, ws, anchors) -> None:
    key = next((k for k in anchors if k.startswith("Répartition hebdomadaire")), None)
    if key is None:
        return
    name, first, last, ncols = anchors[key]
    chart = book.add_chart({"type": "column"})
    chart.add_series({"name": "Heures par semaine (équipe)", "categories": [name, first, 0, last - 1, 0],
                      "values": [name, first, ncols - 2, last - 1, ncols - 2]})
    chart.set_title({"name": "Heures hebdomadaires par activité"})
    chart.set_legend({"none": True})
    ws.insert_chart(3, ncols + 1, chart, {"x_scale": 1.2, "y_scale": 1.1})


def _months_chart(book, ws, ind, fmt, row: int) -> None:
    by_month = ind.details.get("contacts_par_mois") or {}
    months = sorted({m for counts in by_month.values() for m in counts})
    if not months:
        return
    ws.write_string(row, 0, "Contacts des familles par mois et par motif", fmt["title"])
    ws.write_string(row + 1, 0, "Mois", fmt["head"])
    for r, m in enumerate(months, start=row + 2):
        ws.write_string(r, 0, MONTHS[m - 1], fmt["label"])
    chart = book.add_chart({"type": "column", "subtype": "stacked"})
    for c, (label, key) in enumerate(FAMILY_MOTIFS, start=1):
        ws.write_string(row + 1, c, label, fmt["head"])
        for r, m in enumerate(months, start=row + 2):
            ws.write_number(r, c, by_month.get(key, {}).get(m, 0), fmt["count"])
        chart.add_series({"name": [ws.name, row + 1, c], "categories": [ws.name, row + 2, 0, row + 1 + len(months), 0],
                          "values": [ws.name, row + 2, c, row + 1 + len(months), c]})
    chart.set_title({"name": "Contacts des familles par mois et par motif"})
    ws.insert_chart(row, len(FAMILY_MOTIFS) + 2, chart, {"x_scale": 1.3, "y_scale": 1.2})


def _communes_chart(book, ws, ind, fmt, row: int) -> None:
    per_commune = ind.details.get("seances_par_commune") or {}
    if not per_commune:
        return
    ws.write_string(row, 0, "Séances par commune", fmt["title"])
    ws.write_string(row + 1, 0, "Commune", fmt["head"])
    ws.write_string(row + 1, 1, "Séances", fmt["head"])
    for r, (commune, n) in enumerate(per_commune.items(), start=row + 2):
        ws.write_string(r, 0, commune, fmt["label"])
        ws.write_number(r, 1, n, fmt["count"])
    last = row + 1 + len(per_commune)
    chart = book.add_chart({"type": "bar"})
    chart.add_series({"name": "Séances", "categories": [ws.name, row + 2, 0, last, 0],
                      "values": [ws.name, row + 2, 1, last, 1]})
    chart.set_title({"name": "Séances par commune"})
    chart.set_legend({"none": True})
    chart.set_y_axis({"reverse": True})
    ws.insert_chart(row, 3, chart, {"x_scale": 1.3, "y_scale": max(1.5, len(per_commune) / 12)})


def _flat(book, ind, fmt) -> None:
    ws = book.add_worksheet("Indicateurs (ID)")
    ws.set_column(0, 0, 48)
    ws.set_column(1, 1, 14)
    ws.write_string(0, 0, "Identifiant", fmt["head"])
    ws.write_string(0, 1, "Valeur", fmt["head"])
    for r, key in enumerate(sorted(ind.values), start=1):
        ws.write_string(r, 0, key, fmt["label"])
        ws.write_number(r, 1, float(ind.values[key]), fmt[kind_of(key)])
    ws.autofilter(0, 0, len(ind.values), 1)
