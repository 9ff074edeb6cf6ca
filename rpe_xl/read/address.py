"""A1 addresses.

>>> cell(5, 3)
'C5'
>>> split_cell("AB12")
(12, 28)
"""

from __future__ import annotations

import re

_CELL = re.compile(r"^\$?([A-Z]{1,3})\$?(\d+)$")


def column_letter(col: int) -> str:
    """1 -> A, 27 -> AA."""
    letters = ""
    while col:
        col, rem = divmod(col - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def column_index(letters: str) -> int:
    """A -> 1, AA -> 27."""
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def cell(row: int, col: int) -> str:
    """Excel row (1-based) and column (1-based) to ``"C5"``."""
    return f"{column_letter(col)}{row}"


def split_cell(address: str) -> tuple[int, int]:
    """``"C5"`` -> ``(5, 3)``; an unparsable address gives ``(0, 0)``."""
    m = _CELL.match(address.split("!")[-1].upper()) if address else None
    if not m:
        return (0, 0)
    return int(m.group(2)), column_index(m.group(1))
