"""The library API that every door calls (command line, Excel buttons, nightly run): same data, same result.

>>> report = check([Path("workbooks")])          # doctest: +SKIP
>>> report.summary
{'erreur': 11, 'avertissement': 17, 'info': 7}
>>> indicators([Path("workbooks")]).indicators.values["equipe.etp_total"]   # doctest: +SKIP
4.8

Each call reads the workbooks (``paths``: files or folders) or takes a :class:`Dataset` already read (an open
Excel book read through xlwings). Nothing here prints or exits, and the only file written is the document
:func:`deliberation` is asked for: the doors print, write the other outputs and leave with the exit code.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Union

from .findings import Finding, exit_code, summary

if TYPE_CHECKING:
    from .compute.budget_book import BudgetBook
    from .compute.indicators import Indicators
    from .documents.config import Collectivity
    from .documents.deliberation import Result
    from .read import Dataset

Source = Union["Dataset", Iterable[Path]]


class ApiError(ValueError):
    """The request cannot be answered with these workbooks (no budget workbook…): a French message for the user,
    and the findings that say why a workbook could not be used (``findings``: unreadable, not a workbook…)."""

    def __init__(self, message: str, findings: Iterable[Finding] = ()):
        super().__init__(message)
        self.findings = list(findings)


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


@dataclass
class DeliberationReport(Report):
    """The séance's findings, the question written, which séance (``label``, French), and what became of the
    document (``document``: written files, values missing, why it was refused…; None when writing it failed with
    ``write_error``)."""

    question: int | None = None
    label: str = ""
    document: Result | None = None
    write_error: OSError | None = None


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
    from .validate.context import Context
    from .validate.selections import indicator_findings, indicators as computed

    data = read(source)
    ctx = Context()
    values = computed(data, ctx)
    return IndicatorReport(indicator_findings(data, ctx), _books(data), values)


def budget(source: Source, hypotheses: Iterable[str] = ()) -> BudgetReport:
    """The budget recomputed from *Hypothèses* (and a scenario of ``hypotheses`` "Ligne=valeur"), compared with
    the BP forms. Raises :class:`ApiError` when there is no usable budget workbook or scenario."""
    from .compute.budget import ScenarioError
    from .compute.budget_book import build_book
    from .validate.context import Context
    from .validate.selections import budget_findings

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
    return BudgetReport(budget_findings(data, Context()), _books(data), book, baseline, hypotheses)


def seance(source: Source) -> Report:
    """The checks of the Bureau's séance: reading of its workbook, its sheet models, members, quorum, proxies,
    votes, dates and the values a deliberation prints."""
    from .validate.context import Context
    from .validate.selections import seance_findings

    data = read(source)
    return Report(seance_findings(data, Context()), _books(data))


def deliberation(source: Source, target: Path, question: int | None = None, collectivity: Collectivity | None = None,
                 template: Path | None = None, force: bool = False, pdf: bool = False) -> DeliberationReport:
    """Check the séance, then write the deliberation of ``question`` (the séance's only one when None) to
    ``target`` (and its PDF with ``pdf``), unless the checks or a missing value refuse it (``force``: written
    with a visible warning). Raises :class:`ApiError` when there is nothing to build it from; a document that
    cannot be written is reported in ``write_error``."""
    from .documents.context import DocumentError
    from .documents.deliberation import generate, pick_question, seance_label
    from .documents.render import RenderError
    from .validate.context import Context
    from .validate.selections import doubtful_communes, seance_findings

    data = read(source)
    ctx = Context()
    try:
        question = pick_question(data, question)
        report = DeliberationReport(seance_findings(data, ctx), _books(data), question, seance_label(data))
        try:
            report.document = generate(data, question, target, collectivity, template, force, pdf, report.findings,
                                       doubtful_communes(data, ctx))
        except OSError as exc:  # the document or its PDF cannot be written: the séance's findings still stand
            report.write_error = exc
    except (DocumentError, RenderError) as exc:
        raise ApiError(str(exc), _unreadable(data)) from exc
    return report


def scdl(source: Source, collectivity: Collectivity) -> tuple[list[dict[str, Any]], list[str]]:
    """The séance's deliberations as rows of the SCDL « Délibérations » schema, and notes on the required fields
    left empty. Raises :class:`ApiError` without a Bureau workbook or a séance date."""
    from .documents.context import DocumentError
    from .documents.scdl import scdl_rows

    data = read(source)
    try:
        return scdl_rows(data, collectivity)
    except DocumentError as exc:
        raise ApiError(str(exc), _unreadable(data)) from exc


def _unreadable(data: Dataset) -> list[Finding]:
    """The errors of the reading: why a workbook could not be used (corrupt, not an xlsx…)."""
    return [f for f in data.findings if f.severity == "erreur"]
