"""Rules on communes: official names and INSEE codes, perimeter at the date, sectors."""

from __future__ import annotations
