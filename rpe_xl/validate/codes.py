"""The identifiers of the workbooks (AM-0001, GAD-01, F-25-001, E-0001: ``identifiers`` of the description of the
workbooks) and the code a mistyped one meant.

>>> likely_code("am-72", r"^AM-\\d{4}$")
'AM-0072'
>>> likely_code("AM-OO48", r"^AM-\\d{4}$")
'AM-0048'
>>> likely_code("F-25-10", r"^F-\\d{2}-\\d{3,}$")
'F-25-010'
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..read.description import Description, description


@lru_cache(maxsize=4)
def _shapes(desc: Description) -> tuple[re.Pattern, dict[str, tuple[int, ...]]]:
    """A loose form of every identifier (prefix, then one or two numbers, any separator) and, per prefix, the
    digits of each numeric part (the last part may be longer)."""
    widths = {p.prefix: p.widths for p in desc.identifiers.values() if p.prefix and p.widths}
    prefixes = "|".join(map(re.escape, sorted(widths, key=len, reverse=True)))
    return re.compile(rf"^({prefixes})[-_.\s]*([0-9O]+)(?:[-_.\s]+([0-9O]+))?$"), widths


def likely_code(value: object, pattern: str) -> str | None:
    """The well-formed code ``value`` most likely stands for (capitals, letter O for zero, missing leading
    zeros, another separator), when it matches ``pattern``; else None."""
    loose, widths_of = _shapes(description())
    m = loose.match(str(value).strip().upper())
    if not m:
        return None
    prefix, *parts = m.groups()
    parts = [p.replace("O", "0") for p in parts if p is not None]
    widths = widths_of[prefix]
    if len(parts) != len(widths):
        return None
    candidate = "-".join([prefix, *(p.zfill(w) for p, w in zip(parts, widths))])
    return candidate if re.fullmatch(pattern, candidate) and candidate != str(value) else None
