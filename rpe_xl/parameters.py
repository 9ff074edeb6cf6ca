"""The tool's dated reference parameters (OpenFisca style), kept as YAML files under ``rpe_xl/data/``.

A file holds a ``description``, ``values`` keyed by date (``2022-01-01: {value: 0.43}``: a value holds until
the next dated one; ``null`` means "not known", and the tool then says so instead of guessing) and
``metadata`` with the ``unit`` and a dated ``reference`` (title and link to the official text).

>>> parameter("temps_de_travail").at(dt.date(2026, 1, 1))
Decimal('35')
>>> parameter("caf/rpe/taux").at(dt.date(2026, 1, 1))
Decimal('0.43')
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"


@dataclass(frozen=True)
class Parameter:
    name: str
    description: str
    values: tuple[tuple[dt.date, Decimal | None], ...]
    unit: str = ""
    reference: str = ""
    href: str = ""

    def at(self, date: dt.date) -> Decimal | None:
        """Value in force at ``date``: the last dated on or before it (None before the first date, or unknown)."""
        current = None
        for start, value in self.values:
            if start <= date:
                current = value
        return current


@lru_cache(maxsize=None)
def parameter(name: str, folder: Path = DATA_DIR) -> Parameter:
    """Read ``<folder>/<name>.yaml`` (``name`` may hold sub-folders: ``caf/rpe/taux``)."""
    import yaml

    raw = yaml.safe_load((folder / f"{name}.yaml").read_text(encoding="utf-8"))
    values = []
    for key, entry in (raw.get("values") or {}).items():
        date = key if isinstance(key, dt.date) else dt.date.fromisoformat(str(key))
        value = entry.get("value") if isinstance(entry, dict) else entry
        values.append((date, None if value is None else Decimal(str(value))))
    meta = raw.get("metadata") or {}
    ref = meta.get("reference") or {}
    return Parameter(name, raw.get("description", ""), tuple(sorted(values)), meta.get("unit", ""),
                     ref.get("title", ""), ref.get("href", ""))
