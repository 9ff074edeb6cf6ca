"""The library API that every door calls (command line, Excel buttons, nightly run): same data, same result.

>>> report = check([Path("workbooks")])          # doctest: +SKIP
>>> report.summary
{'erreur': 11, 'avertissement': 17, 'info': 7}
>>> indicators([Path("workbooks")]).values["equipe.etp_total"]   # doctest: +SKIP
4.8

Each call reads the workbooks (``paths``: files or folders) or takes a :class:`Dataset` already read (an open
Excel book read through xlwings). Nothing here prints, exits or writes a file: the doors do.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Union

from .findings import Finding, exit_code, sort_key, summary

if TYPE_CHECKING:
    from .compute.budget_book import BudgetBook
    from .compute.indicators import Indicators
    from .read import Dataset

Source = Union["Dataset", Iterable[Path]]


class ApiError(ValueError):
    """The request cannot be answered with these workbooks (no budget workbook…): a French message for the user."""


@dataclass
class Report:
    """Findings of a run, with the workbooks read (name -> path; None for a book open in Excel)."""

    findings: list[Finding]
    workbooks: dict[str, Path | None] = field(default_factory=dict)

    @property
    def summary(self) -> dict[str, int]:
        return summary(self.findings)

    @property
    def exit_code(self) -> int:
        return exit_code(self.findings)


@dataclass
class IndicatorReport(Report):
    indicators: Indicators | None = None


@dataclass
class BudgetReport(Report):
    book: BudgetBook | None = None
    baseline: BudgetBook | None = None  # the workbook's own budget, when ``book`` is a scenario
    hypotheses: tuple[str, ...] = ()


def read(source: Source) -> Dataset:
    """The workbooks of ``source`` read into tables (or ``source`` itself when it is already a Dataset)."""
    from .read import Dataset, load

    return source if isinstance(source, Dataset) else load(list(source))


def _books(data: Dataset) -> dict[str, Path | None]:
    return {wb.name: wb.path for wb in data.workbooks.values()}


def check(source: Source) -> Report:
    """Every check: reading, sheet models and cross-sheet rules."""
    from .validate import run_checks

    data = read(source)
    return Report(run_checks(data), _books(data))


def indicators(source: Source) -> IndicatorReport:
    """The CAF evaluation's indicators, and the findings on the figures the workbooks declare."""
    from .validate.rules import declared, planning, territory
    from .validate.runner import Context

    data = read(source)
    ctx = Context()
    values = declared.indicators(data, ctx)
    checks = (planning.planning_blocks, planning.planning_etp, declared.observatoire_declared,
              declared.repartition_declared, declared.totals_declared, territory.uncounted_communes)
    findings = [f for f in data.findings if f.severity != "info"] + [f for rule in checks for f in rule(data, ctx)]
    return IndicatorReport(sorted(dict.fromkeys(findings), key=sort_key), _books(data), values)


def budget(source: Source, hypotheses: Iterable[str] = ()) -> BudgetReport:
    """The budget recomputed from *Hypothèses* (and a scenario of ``hypotheses`` "Ligne=valeur"), compared with
    the BP forms. Raises :class:`ApiError` when there is no usable budget workbook or scenario."""
    from .compute.budget import ScenarioError
    from .compute.budget_book import build_book
    from .validate.rules.budget_forms import budget_findings

    data = read(source)
    hypotheses = tuple(hypotheses)
    wb = data.workbook("budget")
    if wb is None:
        raise ApiError("Aucun classeur de budget (feuilles Hypothèses et BP AAAA) trouvé : indiquez le fichier "
                       "RPE_budget_….xlsx ou son dossier.")
    if data.table("budget", "hypotheses") is None:
        raise ApiError(f"Feuille « Hypothèses » introuvable ou illisible dans {wb.name} : le budget ne peut pas "
                       "être recalculé (voir rpe-xl verifier).")
    try:
        book = build_book(wb, hypotheses)
        baseline = build_book(wb) if hypotheses else None
    except ScenarioError as exc:
        raise ApiError(str(exc)) from exc
    if book is None or not book.years:
        raise ApiError(f"Aucune feuille « BP AAAA » lisible dans {wb.name}.")
    return BudgetReport(budget_findings(data), _books(data), book, baseline, hypotheses)

