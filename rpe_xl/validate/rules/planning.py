"""Rules on the weekly planning grids: blocks parse, do not overlap, add up to the typed TOTAL."""

from __future__ import annotations
