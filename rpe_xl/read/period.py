"""The period a workbook covers, read from its subtitles (``Période : du 01/01/2025 au 30/06/2025``).

>>> period_from_text("Période : du 01/01/2025 au 30/06/2025")
(datetime.date(2025, 1, 1), datetime.date(2025, 6, 30))
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .address import cell as a1
from .dataset import Workbook

_PERIOD = re.compile(r"du\s+(\d{1,2})/(\d{1,2})/(\d{4})\s+au\s+(\d{1,2})/(\d{1,2})/(\d{4})", re.I)


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date
    sheet: str
    cell: str

    def __contains__(self, day: dt.date) -> bool:
        return self.start <= day <= self.end


def period_from_text(text: str) -> tuple[dt.date, dt.date] | None:
    m = _PERIOD.search(text or "")
    if not m:
        return None
    d = [int(x) for x in m.groups()]
    try:
        return dt.date(d[2], d[1], d[0]), dt.date(d[5], d[4], d[3])
    except ValueError:
        return None


def workbook_period(wb: Workbook) -> Period | None:
    """First ``du … au …`` found in the top rows of the workbook's sheets (tables, then *Lisez-moi*)."""
    names = [n for key in wb.sheet_names for n in wb.sheet_names[key]]
    for name in names:
        for r, row in enumerate(wb.source.grid(name)[:4]):
            for c, value in enumerate(row):
                if isinstance(value, str):
                    found = period_from_text(value)
                    if found:
                        return Period(found[0], found[1], name, a1(r + 1, c + 1))
    return None
