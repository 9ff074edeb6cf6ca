"""Turn what people type into typed values, saying when a repair was needed.

Each parser returns a :class:`Parsed`: the value, whether it had to be repaired (an ``info``
finding), or an error code (the cell cannot be read as that type).

>>> parse("date", "12/03/2025")
Parsed(value=datetime.date(2025, 3, 12), repaired=True, error=None)
>>> parse("amount", "4 160,00").value
Decimal('4160.00')
>>> parse("hours", "31h30").value
31.5
>>> parse("hours", "3:00").value, parse("hours", dt.time(3, 30)).value, parse("hours", 0.125).value
(3.0, 3.5, 3.0)
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Any, NamedTuple

from ..text import clean_spaces, norm

EXCEL_EPOCH = dt.date(1899, 12, 30)
FORMULA_ERRORS = {"#DIV/0!", "#N/A", "#NAME?", "#NULL!", "#NUM!", "#REF!", "#VALUE!", "#GETTING_DATA"}
_DATE_TEXT = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[ T].*)?$")
_HOURS = re.compile(r"^(\d{1,3})\s*[hH]\s*(\d{0,2})$")
_CLOCK = re.compile(r"^(\d{1,3}):([0-5]\d)(?::([0-5]\d))?$")
_EXCEL_ZERO = dt.datetime(1899, 12, 30)  # a time of day read from a live Excel comes as this day at that time
_NUMBER_TEXT = re.compile(r"^[+-]?\d{1,3}(?:[ \u00a0\u202f.]\d{3})*(?:,\d+)?$|^[+-]?\d+(?:[.,]\d+)?$")


class Parsed(NamedTuple):
    value: Any
    repaired: bool = False
    error: str | None = None


EMPTY = Parsed(None)


def is_formula_error(value: Any) -> bool:
    return isinstance(value, str) and value.strip() in FORMULA_ERRORS


def parse(kind: str, value: Any, choices: dict[str, str] | None = None) -> Parsed:
    """Parse ``value`` as ``kind`` (text, free, code, ouinon, date, int, number, amount, hours)."""
    if value.__class__ is float:  # most cells of a numeric column: no text to repair
        if kind == "number" or (kind == "hours" and not 0 < value < 1) or (kind == "int" and value.is_integer()):
            return Parsed(value if kind != "int" else int(value))
    elif value is None or (isinstance(value, str) and not value.strip()):
        return EMPTY
    if is_formula_error(value):
        return Parsed(value, error="formula-error")
    return _PARSERS[kind](value, choices)


def _text(value: Any, _choices: Any) -> Parsed:
    if isinstance(value, float) and value.is_integer():
        return Parsed(str(int(value)), repaired=True)
    if isinstance(value, (dt.datetime, dt.date)):
        return Parsed(value.strftime("%d/%m/%Y"), repaired=True)
    text = str(value)
    cleaned = clean_spaces(text)
    return Parsed(cleaned, repaired=cleaned != text)


def _free(value: Any, _choices: Any) -> Parsed:
    return Parsed(value if isinstance(value, str) else str(value))


def _code(value: Any, choices: dict[str, str] | None) -> Parsed:
    parsed = _text(value, None)
    if choices:
        canonical = choices.get(norm(parsed.value))
        if canonical is not None:
            return Parsed(canonical, repaired=parsed.repaired or canonical != parsed.value)
    return parsed


def _yes_no(choices: dict[str, str] | None) -> tuple[str, str]:
    """The yes and no of a column: the values of the workbook's list spelt as the description's labels (whatever
    the case), else those labels (list ``oui_non`` of the description of the workbooks)."""
    from .description import label

    yes, no = label("oui_non", "oui"), label("oui_non", "non")
    return (choices.get(norm(yes), yes), choices.get(norm(no), no)) if choices else (yes, no)


def _spellings(value_key: str) -> frozenset[str]:
    """The keys (:func:`norm`) of the label and variants of a value of the list ``oui_non``."""
    from .description import description

    return _spellings_in(description(), value_key)


@lru_cache(maxsize=16)
def _spellings_in(desc, value_key: str) -> frozenset[str]:
    value = desc.lists["oui_non"].value(value_key)
    return frozenset(norm(x) for x in (value.label, *value.variants))


def _ouinon(value: Any, choices: dict[str, str] | None) -> Parsed:
    yes, no = _yes_no(choices)
    if isinstance(value, bool):
        return Parsed(yes if value else no, repaired=True)
    if isinstance(value, (int, float)) and value in (0, 1):
        return Parsed(yes if value else no, repaired=True)
    key = norm(value)
    if key == norm(yes) or key in _spellings("oui"):
        return Parsed(yes, repaired=str(value) != yes)
    if key == norm(no) or key in _spellings("non"):
        return Parsed(no, repaired=str(value) != no)
    return Parsed(clean_spaces(str(value)))  # left for the list check to report


def _date(value: Any, _choices: Any) -> Parsed:
    if isinstance(value, dt.datetime):
        return Parsed(value.date())
    if isinstance(value, dt.date):
        return Parsed(value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if 1 <= value < 2958466:
            return Parsed(EXCEL_EPOCH + dt.timedelta(days=int(value)), repaired=True)
        return Parsed(value, error="invalid-date")
    text = clean_spaces(str(value))
    m = _DATE_TEXT.match(text)
    try:
        if m:
            day, month, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
            if year < 100:  # as Excel reads a 2-digit year: 00-29 -> 20xx, 30-99 -> 19xx
                year += 2000 if year < 30 else 1900
            return Parsed(dt.date(year, month, day), repaired=True)
        m = _ISO_DATE.match(text)
        if m:
            return Parsed(dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3))), repaired=True)
    except ValueError:
        pass
    return Parsed(value, error="invalid-date")


def is_date_shaped(value: Any) -> bool:
    """A text written like a date (``31/02/2025``), whether or not the day exists."""
    return isinstance(value, str) and bool(_DATE_TEXT.match(clean_spaces(value)))


def _decimal_text(value: Any) -> Decimal | None:
    text = clean_spaces(str(value)).replace("€", "").strip()
    if not _NUMBER_TEXT.match(text):
        return None
    if "," in text:
        text = text.replace(" ", "").replace(".", "").replace(",", ".")
    elif re.search(r"[ .]\d{3}(?:[ .]|$)", text) and text.count(".") != 1:
        text = text.replace(" ", "").replace(".", "")
    else:
        text = text.replace(" ", "")
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


def _number(value: Any, _choices: Any) -> Parsed:
    if isinstance(value, bool):
        return Parsed(value, error="invalid-number")
    if isinstance(value, (int, float)):
        return Parsed(float(value))
    text = clean_spaces(str(value))
    if text.endswith("%"):  # « 62 % » typed as text: the rate 0,62
        number = _decimal_text(text[:-1])
        return Parsed(float(number) / 100, repaired=True) if number is not None else Parsed(value, error="invalid-number")
    number = _decimal_text(value)
    if number is None:
        return Parsed(value, error="invalid-number")
    return Parsed(float(number), repaired=True)


def _int(value: Any, _choices: Any) -> Parsed:
    parsed = _number(value, None)
    if parsed.error:
        return parsed
    if not float(parsed.value).is_integer():
        return Parsed(value, error="invalid-number")
    return Parsed(int(parsed.value), repaired=parsed.repaired)


def _amount(value: Any, _choices: Any) -> Parsed:
    if isinstance(value, bool):
        return Parsed(value, error="invalid-number")
    if isinstance(value, int):
        return Parsed(Decimal(value))
    if isinstance(value, float):
        return Parsed(Decimal(repr(value)))
    number = _decimal_text(value)
    if number is None:
        return Parsed(value, error="invalid-number")
    return Parsed(number, repaired=True)


def time_hours(value: Any) -> float | None:
    """Hours of an Excel time or duration, or of a clock time typed as text; None for anything else.

    >>> time_hours(dt.time(3, 30)), time_hours(dt.timedelta(hours=31, minutes=30)), time_hours("3:00")
    (3.5, 31.5, 3.0)
    """
    if isinstance(value, dt.datetime):
        span = value - _EXCEL_ZERO
        return span.total_seconds() / 3600 if dt.timedelta(0) <= span < dt.timedelta(days=32) else None
    if isinstance(value, dt.time):
        return value.hour + value.minute / 60 + value.second / 3600
    if isinstance(value, dt.timedelta):
        return value.total_seconds() / 3600 if value >= dt.timedelta(0) else None
    if isinstance(value, str):
        m = _CLOCK.match(clean_spaces(value))
        if m:
            return int(m.group(1)) + int(m.group(2)) / 60 + int(m.group(3) or 0) / 3600
    return None


def day_fraction_hours(value: Any) -> float | None:
    """Hours of a number between 0 and 1 that is a whole number of minutes as a fraction of a day: an Excel time
    whose cell lost its time format (03:00 = 0,125 day). ``day_fraction_hours(0.125)`` -> 3.0; 0,33 -> None."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value < 1:
        return None
    minutes = value * 1440
    return round(minutes) / 60 if abs(minutes - round(minutes)) < 1e-6 else None


def is_ambiguous_hours(value: Any) -> bool:
    """A number of hours below 1 written with at most two decimals that is also a round Excel time: 0,5 is half
    an hour or 12:00, 0,25 a quarter of an hour or 06:00."""
    return day_fraction_hours(value) is not None and abs(value * 100 - round(value * 100)) < 1e-9


def _hours(value: Any, _choices: Any) -> Parsed:
    """``"31h30"`` -> 31.5, ``"7H"`` -> 7.0, a number stays a number of hours; an Excel time or duration
    (``03:00``, a time cell or the number 0,125 of a cell that lost its format, ``"3:00"``) is its hours.
    A number below 1 that may be either (0,5: half an hour or 12:00) is refused as ambiguous."""
    hours = time_hours(value)
    if hours is not None:
        return Parsed(hours, repaired=True)
    if isinstance(value, (bool, dt.date, dt.time, dt.timedelta)):
        return Parsed(value, error="invalid-time")
    if isinstance(value, (int, float)):
        fraction = day_fraction_hours(value)
        if fraction is None:
            return Parsed(float(value))
        if is_ambiguous_hours(value):
            return Parsed(value, error="invalid-time")
        return Parsed(fraction, repaired=True)
    text = clean_spaces(str(value))
    m = _HOURS.match(text)
    if m:
        minutes = int(m.group(2) or 0)
        if minutes < 60:
            return Parsed(int(m.group(1)) + minutes / 60, repaired=True)
    number = _decimal_text(text)
    if number is not None:
        return Parsed(float(number), repaired=True)
    return Parsed(value, error="invalid-time")


_PARSERS = {
    "text": _text, "free": _free, "code": _code, "ouinon": _ouinon, "date": _date,
    "int": _int, "number": _number, "amount": _amount, "hours": _hours, "any": lambda v, c: Parsed(v),
}
KINDS = tuple(_PARSERS)
