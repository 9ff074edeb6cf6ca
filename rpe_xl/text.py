"""Text normalisation for tolerant matching, and French formatting of numbers, amounts and dates.

>>> norm("  Date  d’adhésion ")
"date d'adhesion"
>>> fr_number(1234.5, 2)
'1\u202f234,50'
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from decimal import Decimal
from functools import lru_cache

from babel.numbers import format_currency, format_decimal

LOCALE = "fr_FR"
_SPACES = re.compile(r"\s+")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u00a0": " ", "\u202f": " ",
                              # zero-width characters (copied from a web page or a mail) are dropped
                              "\u200b": None, "\u200c": None, "\u200d": None, "\u2060": None, "\ufeff": None})


def strip_accents(text: str) -> str:
    """Remove diacritics: ``strip_accents("Élise") == "Elise"``."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def norm(value: object) -> str:
    """Case-, accent-, apostrophe- and space-insensitive key of a header, sheet name or coded value."""
    if value is None:
        return ""
    return _norm_text(value if value.__class__ is str else str(value))


@lru_cache(maxsize=1 << 16)  # the same names, communes and list values come back row after row
def _norm_text(text: str) -> str:
    return _SPACES.sub(" ", strip_accents(text.translate(_APOSTROPHES)).casefold()).strip()


def clean_spaces(text: str) -> str:
    """Collapse runs of white space and strip the ends: ``"Oui  "`` -> ``"Oui"``."""
    return _SPACES.sub(" ", text.translate(_APOSTROPHES)).strip()


def slug(text: str) -> str:
    """Lowercase ASCII identifier: ``slug("Mélanie") == "melanie"``, ``slug("Fête") == "fete"``."""
    return re.sub(r"[^a-z0-9]+", "_", norm(text)).strip("_")


def fr_number(value: float | int | Decimal, decimals: int = 0) -> str:
    """French number: ``fr_number(213321.2, 2) == "213 321,20"`` (narrow no-break space)."""
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(value, format=pattern, locale=LOCALE)


def fr_amount(value: float | int | Decimal) -> str:
    """French amount in euros: ``fr_amount(213321.2) == "213 321,20 €"``."""
    return format_currency(value, "EUR", locale=LOCALE)


def fr_date(value: dt.date) -> str:
    """``30/09/2025``."""
    return value.strftime("%d/%m/%Y")


def fr_value(value: object) -> str:
    """Any cell value rendered the French way, for messages."""
    if value is None:
        return "(vide)"
    if hasattr(value, "item") and not isinstance(value, (str, Decimal)):
        value = value.item()  # numpy scalar
    if isinstance(value, bool):  # a cell holding TRUE/FALSE, shown by a French Excel as VRAI/FAUX
        return "« VRAI »" if value else "« FAUX »"
    if isinstance(value, (dt.date, dt.datetime)):
        return fr_date(value)
    if isinstance(value, Decimal):
        return fr_number(value, 2)
    if isinstance(value, float):
        if value.is_integer():
            return fr_number(int(value))
        return format_decimal(value, locale=LOCALE)
    if isinstance(value, int):
        return fr_number(value)
    return f"« {value} »"


def phone_advice(value: object) -> str:
    """What to type for a French phone number that is badly written: its own 10 digits in pairs when it has them.

    >>> phone_advice("03,2161,50,00")
    'saisissez 10 chiffres par paires, par exemple 03 21 61 50 00.'
    >>> phone_advice("321615")
    'saisissez 10 chiffres par paires (0X XX XX XX XX).'
    """
    digits = re.sub(r"\D", "", str(value))
    if len(digits) == 10 and digits.startswith("0"):
        return "saisissez 10 chiffres par paires, par exemple " + " ".join(digits[i:i + 2] for i in range(0, 10, 2)) + "."
    return "saisissez 10 chiffres par paires (0X XX XX XX XX)."
