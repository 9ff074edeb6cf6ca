"""What every rule receives besides the workbooks: today's date and a cache shared by the rules of one run."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Context:
    """What rules need besides the workbooks: today's date and the tool's reference data."""

    today: dt.date = field(default_factory=dt.date.today)
    cache: dict[str, Any] = field(default_factory=dict)

    def memo(self, key: str, compute: Any) -> Any:
        """Compute once per run what several rules share (perimeter, planning blocks…)."""
        if key not in self.cache:
            self.cache[key] = compute()
        return self.cache[key]
