"""The one list of rules. A rule is ``(data, ctx) -> iterable of Finding``; register it with ``@rule``.

>>> @rule
... def no_empty_listing(data, ctx):
...     return []
"""

from __future__ import annotations

from typing import Callable, Iterable

from ..findings import Finding

Rule = Callable[..., Iterable[Finding]]
RULES: list[Rule] = []


def rule(fn: Rule) -> Rule:
    """Add ``fn`` to the rules run by ``rpe-xl verifier``."""
    RULES.append(fn)
    return fn
