"""Validation: pandera models per sheet, and cross-sheet rules, all turned into findings."""

from .runner import Context, run_checks

__all__ = ["Context", "run_checks"]
