"""Values of the label/value sheets (``Rubrique | Valeur``: *Séance*, *Contexte RPE*) and of the Bureau's tables,
read as Excel shows them: a whole number, a date typed as text or kept as a serial number, a cell's text.

>>> as_int(25.0), as_date("30/09/25"), serial_date(45682), cell_text("  Lieu ")
(25, datetime.date(2025, 9, 30), datetime.date(2025, 1, 25), 'Lieu')
"""

from __future__ import annotations

import datetime as dt

from .coerce import EXCEL_EPOCH, parse

LAST_SERIAL = 2958466  # 31/12/9999, the last date Excel shows


def as_int(value: object) -> int | None:
    """An integer cell value, or None (empty, NaN, pd.NA, text): ``as_int(25.0) == 25``."""
    try:
        if value is None or value != value:  # None, NaN, pd.NA
            return None
    except TypeError:  # pd.NA compares ambiguously
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def as_date(value: object) -> dt.date | None:
    """A date cell value, a date typed as text (« 30/09/25 », read as Excel reads it) or an Excel serial
    number, else None: ``as_date("30/09/25") == dt.date(2025, 9, 30)``."""
    if isinstance(value, bool) or value is None:
        return None
    parsed = parse("date", value)
    return parsed.value if parsed.error is None and isinstance(parsed.value, dt.date) else None


def serial_date(number: int) -> dt.date | None:
    """The date Excel shows for the serial number ``number`` (``45682`` -> 25/01/2025), None outside its dates."""
    return EXCEL_EPOCH + dt.timedelta(days=number) if 1 <= number < LAST_SERIAL else None


def cell_text(value: object) -> str:
    """A cell's text, stripped; empty for an empty cell."""
    return "" if value is None or (isinstance(value, float) and value != value) else str(value).strip()
