"""The identifiers of the workbooks (AM-0001, GAD-01, F-25-001, E-0001) and the code a mistyped one meant.

>>> likely_code("am-72", r"^AM-\\d{4}$")
'AM-0072'
>>> likely_code("AM-OO48", r"^AM-\\d{4}$")
'AM-0048'
>>> likely_code("F-25-10", r"^F-\\d{2}-\\d{3,}$")
'F-25-010'
"""

from __future__ import annotations

import re

# prefix -> digits of each numeric part (the last part may be longer)
WIDTHS = {"AM": (4,), "GAD": (2,), "E": (4,), "F": (2, 3)}
_LOOSE = re.compile(r"^(AM|GAD|E|F)[-_.\s]*([0-9O]+)(?:[-_.\s]+([0-9O]+))?$")


def likely_code(value: object, pattern: str) -> str | None:
    """The well-formed code ``value`` most likely stands for (capitals, letter O for zero, missing leading
    zeros, another separator), when it matches ``pattern``; else None."""
    m = _LOOSE.match(str(value).strip().upper())
    if not m:
        return None
    prefix, *parts = m.groups()
    parts = [p.replace("O", "0") for p in parts if p is not None]
    widths = WIDTHS[prefix]
    if len(parts) != len(widths):
        return None
    candidate = "-".join([prefix, *(p.zfill(w) for p, w in zip(parts, widths))])
    return candidate if re.fullmatch(pattern, candidate) and candidate != str(value) else None
