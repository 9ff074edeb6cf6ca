"""Rules on the CAF budget forms: totals, balance, 86/87, headers, lines across years, projection."""

from __future__ import annotations
