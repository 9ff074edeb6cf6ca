"""Rules of the assistants maternels workbook: listing, MAM, coherence with other sheets."""

from __future__ import annotations
