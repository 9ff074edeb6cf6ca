"""Run every registered rule over a dataset; a rule that crashes becomes an ``internal-error`` finding."""

from __future__ import annotations

import logging

from ..findings import Finding, make, sort_key
from ..read import Dataset
from .context import Context
from .registry import RULES

log = logging.getLogger(__name__)
__all__ = ["Context", "run_checks"]


def _load_rules() -> None:
    from . import rules  # noqa: F401  (importing registers the rules)


def run_checks(data: Dataset, ctx: Context | None = None) -> list[Finding]:
    """All findings: reading, sheet models and cross-sheet rules, sorted by workbook, sheet and cell."""
    _load_rules()
    ctx = ctx or Context()
    findings = list(data.findings)
    for fn in RULES:
        try:
            findings.extend(fn(data, ctx) or [])
        except Exception as exc:  # one broken rule must not hide the others
            # the type only: an exception message may quote a cell value (personal data stays out of logs)
            log.error("rule %s failed: %s", fn.__name__, type(exc).__name__)
            log.debug("rule %s traceback", fn.__name__, exc_info=True)
            findings.append(make("internal-error", "rpe-xl", None, None,
                                 fn=fn.__name__, exc=type(exc).__name__))
    return sorted(dict.fromkeys(_without_moot_repairs(findings)), key=sort_key)


def _without_moot_repairs(findings: list[Finding]) -> list[Finding]:
    """A value repaired at reading (``value-repaired``) but still wrong at its cell: the erreur or avertissement
    there says what to type; the repair info would only add a contradicting advice."""
    flagged = {(f.workbook, f.sheet, f.cell) for f in findings if f.severity != "info" and f.cell}
    return [f for f in findings if not (f.code == "value-repaired" and (f.workbook, f.sheet, f.cell) in flagged)]
