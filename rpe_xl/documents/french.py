"""French wording of dates and lists as deliberations write them.

>>> day(dt.date(2026, 1, 1)), stamp(dt.date(2025, 10, 3)), join(["a", "b", "c"])
('1er janvier 2026', '03 OCT. 2025', 'a, b et c')
"""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date

from ..text import LOCALE, strip_accents


def day(value: dt.date) -> str:
    """``30 septembre 2025``; the first of the month is ``1er janvier 2026``."""
    text = format_date(value, format="d MMMM y", locale=LOCALE)
    return "1er" + text[1:] if value.day == 1 else text


def weekday_day(value: dt.date) -> str:
    """``mardi 30 septembre 2025``."""
    return format_date(value, format="EEEE ", locale=LOCALE) + day(value)


def stamp(value: dt.date) -> str:
    """The registry stamp of receipt and publication: ``03 OCT. 2025``."""
    return format_date(value, format="dd MMM y", locale=LOCALE).upper()


def join(items: list[str]) -> str:
    """``a, b et c``."""
    items = [i for i in items if i]
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " et " + items[-1] if items else ""


def days(values: list[dt.date]) -> str:
    """Several dates, the year written once when shared: ``15 juillet et 29 septembre 2020``."""
    values = sorted(values)
    if values and all(v.year == values[0].year for v in values):
        parts = [day(v).rsplit(" ", 1)[0] for v in values]
        return f"{join(parts)} {values[0].year}"
    return join([day(v) for v in values])


def of(name: str) -> str:
    """French elision of ``de``: ``of("Auchy-les-Mines") == "d'Auchy-les-Mines"``, ``of("Lens") == "de Lens"``."""
    first = strip_accents(name[:1]).lower()
    return f"d'{name}" if first in "aeiouyh" and first else f"de {name}"


def upper_plain(text: str) -> str:
    """Capitals without accents, as letterheads write them: ``COMMUNAUTE D'AGGLOMERATION``."""
    return strip_accents(text).upper()
