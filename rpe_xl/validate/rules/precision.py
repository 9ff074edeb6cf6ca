"""How precisely a typed figure says its value: the one tolerance of every declared figure compared with a
computed one (ETP, Répartition hours and %, Observatoire counts and rates, totals, Évolution AM).

A typed figure is the computed one rounded to the decimals it shows: it is wrong only when it departs from the
computed figure by more than half a unit of its last decimal. The decimals shown are those of the cell's number
format when it has one (``0.00`` shows 0,7 as « 0,70 »: two decimals), else those typed (``0,83``: two; ``29``:
none; ``« 31h30 »``: the minute). Two kinds of figure are never rounded coarser than their unit: an ETP is read
to the hundredth at least (« 1 » ETP is not « anything from 0,5 to 1,5 »), a duration to the minute.

>>> tolerance_of(0.69), tolerance_of(0.7, "0.00"), tolerance_of(29), tolerance_of("31h30") * 60
(0.005, 0.005, 0.5, 0.5)
>>> agrees(0.69, 24 / 35, tolerance_of(0.69)), agrees(0.70, 24 / 35, tolerance_of(0.70, "0.00"))
(True, False)
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from ...read.number_formats import decimals_shown, number_format

ETP_PRECISION = 0.005        # an ETP is read to the hundredth at least
DURATION_PRECISION = 1 / 120  # a duration is read to the minute: half a minute either way
MAX_DECIMALS = 6              # more digits than this come from a formula or a paste, not from a keyboard
_NUMBER = re.compile(r"\d[\d \u00a0\u202f]*(?:[.,](\d+))?")
_DURATION = re.compile(r"\d\s*[hH]\s*\d")


def decimals_typed(value: Any) -> int | None:
    """Decimals of a typed figure: of a number as stored (0,83 -> 2, 29 -> 0), of the first number of a text
    (« 0,80 » -> 2, « 19,28 % » -> 2); None for anything else."""
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        m = _NUMBER.search(value)
        return len(m.group(1) or "") if m else None
    if not isinstance(value, (int, float, Decimal)) or value != value:
        return None
    if float(value).is_integer():
        return 0
    exponent = Decimal(repr(float(value))).normalize().as_tuple().exponent
    return min(-exponent, MAX_DECIMALS) if isinstance(exponent, int) else MAX_DECIMALS


def tolerance_of(typed: Any, number_format: str | None = None, at_most: float | None = None) -> float:
    """Half a unit of the last decimal ``typed`` shows (see the module): the number format's decimals when it
    has some, else the typed ones; a duration typed « 31h30 » is read to the minute. ``at_most`` caps it for
    figures read at a fixed precision whatever their digits (:data:`ETP_PRECISION`, :data:`DURATION_PRECISION`).
    0 when nothing tells (text that holds no number)."""
    decimals = decimals_shown(number_format) if not isinstance(typed, str) else None
    if decimals is None and isinstance(typed, str) and _DURATION.search(typed):
        tol = DURATION_PRECISION
    else:
        decimals = decimals_typed(typed) if decimals is None else decimals
        tol = 0.0 if decimals is None else 0.5 * 10.0 ** -decimals
    return min(tol, at_most) if at_most is not None and tol else tol


def agrees(typed: float, computed: float, tol: float) -> bool:
    """``typed`` is ``computed`` rounded as typed (``tol`` from :func:`tolerance_of`); float noise aside."""
    return abs(float(typed) - float(computed)) <= tol + 1e-9


def cell_tolerance(workbook: Any, sheet: str, cell: str | None, typed: Any, at_most: float | None = None) -> float:
    """:func:`tolerance_of` of the figure ``typed`` in ``cell``, with that cell's number format."""
    fmt = number_format(workbook, sheet, cell) if workbook is not None and cell else None
    return tolerance_of(typed, fmt, at_most)
