"""The budget workbook put together: the forms as typed next to the projection of the hypotheses.

Used by the budget rules, ``rpe-xl budget`` and its renderers, so all of them see the same figures.
Cells come from the reading layer (``read.budget_form``) and are passed through untouched.

>>> book = build_book(data.workbook("budget"))
>>> [r for r in book.year(2028).rows if r.deviation][0].label
'Entretien et réparations'
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from difflib import SequenceMatcher
from typing import Iterable

from ..read.budget_form import (CHARGES, PRODUITS, BudgetForm, FormLine, header_year, labelled_value, read_forms,
                                same_label)
from ..read.dataset import Workbook
from ..text import norm
from .budget import (BALANCE, CONTRIBUTIONS, DEFAULT_TOLERANCE, Deviation, Hypothesis, Problem, Projection,
                     apply_scenario, contributions, deviation, expected_line, parse_hypotheses, project, side_of,
                     to_decimal)

ZERO = Decimal("0")


@dataclass(frozen=True)
class Row:
    """One amount of a form: typed (None = empty) and computed from the hypotheses."""

    year: int
    side: str          # charges, produits, or "86"/"87"
    label: str
    account: str | None
    typed: Decimal | None
    computed: Decimal
    cell: str
    hypothesis: Hypothesis | None
    category: bool
    tolerance: Decimal = DEFAULT_TOLERANCE
    unknown: bool = False   # its hypothesis is unusable (reported): not compared

    @property
    def deviation(self) -> Deviation | None:
        return None if self.unknown else deviation(self.typed, self.computed, self.tolerance)

    @property
    def difference(self) -> Decimal:
        return (self.typed or ZERO) - self.computed


@dataclass
class YearView:
    year: int
    form: BudgetForm
    rows: list[Row] = field(default_factory=list)

    def side(self, side: str) -> list[Row]:
        return [r for r in self.rows if r.side == side]

    def typed_total(self, side: str) -> Decimal:
        return sum((r.typed or ZERO for r in self.side(side)), ZERO)

    def computed_total(self, side: str) -> Decimal:
        return sum((r.computed for r in self.side(side)), ZERO)

    def caf(self) -> Row | None:
        return next((r for r in self.side(PRODUITS) if r.account == "70623"), None)

    def epci(self) -> Row | None:
        return next((r for r in self.side(PRODUITS) if r.account == "746"), None)


@dataclass
class BudgetBook:
    workbook: str
    forms: list[BudgetForm]
    hypotheses: list[Hypothesis]
    problems: list[Problem]
    projection: Projection | None
    tolerance: Decimal = DEFAULT_TOLERANCE
    tolerance_cell: str | None = None
    tolerance_raw: object = None
    tolerance_invalid: bool = False
    etp: tuple[object, str] | None = None
    years: list[YearView] = field(default_factory=list)
    # hypothesis rows (table index) that name no line of the forms -> the form line they most likely mean
    # (None: no likely line); that line is not compared (its amount is not known to be 0)
    orphans: dict[int, FormLine | None] = field(default_factory=dict)

    def year(self, year: int) -> YearView | None:
        return next((y for y in self.years if y.year == year), None)


def read_tolerance(grid) -> tuple[Decimal, str | None, object, bool]:
    """The tolerance typed next to a ``Tolérance`` label in *Hypothèses* (default 1 €):
    (tolerance, cell, raw value, whether the typed value was unusable)."""
    found = labelled_value(grid, "Tolérance") if grid else None
    if not found:
        return DEFAULT_TOLERANCE, None, None, False
    raw, cell = found
    value = to_decimal(raw.replace("€", "").strip() if isinstance(raw, str) else raw)
    if value is None or value < 0:
        return DEFAULT_TOLERANCE, cell, raw, True
    return value, cell, raw, False


def _account(value: object) -> str:
    """The account typed in *Hypothèses* as text (``7451.0`` -> ``7451``)."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value or "").strip()


def _names(rec: dict, side: str, label: str, account: str | None) -> bool:
    """Whether a *Hypothèses* row names this form line: a charge by its label, a product by its account."""
    name, acc = rec.get("line"), _account(rec.get("account"))
    if side == CHARGES:
        return isinstance(name, str) and same_label(name, label)
    if side == PRODUITS:
        return bool(account) and acc == account
    return side_of(acc) == CONTRIBUTIONS   # 86 / 87


def _names_broken(broken: list[dict], side: str, label: str, account: str | None) -> bool:
    return any(_names(rec, side, label, account) for rec in broken)


def _ident(ln: FormLine) -> tuple[str, str]:
    return ln.side, (ln.account or ln.key) if ln.side == PRODUITS else ln.key


_WORD = re.compile(r"[a-z0-9]{3,}")


def likely_line(name: object, account: object, candidates: list[FormLine], typed: set[tuple[str, str]]
                ) -> FormLine | None:
    """The form line a *Hypothèses* row that names no line most likely means, or None when no line is close
    or two are equally close. A product is matched on its account (a transposed digit counts as close), a
    charge on its label; a label mentioning the row's words (« MSA ») and a typed amount make a line likelier.

    >>> likely_line("MSA", "7541", form.lines["produits"], set()).account
    '7451'
    """
    account, key = _account(account), norm(name)
    words = set(_WORD.findall(key))
    scored: list[tuple[float, FormLine]] = []
    for ln in candidates:
        if ln.side == PRODUITS:
            ratio = SequenceMatcher(None, account, ln.account).ratio() if account and ln.account else 0.0
            if ratio and sorted(account) == sorted(ln.account):
                ratio += 0.25
        else:
            ratio = SequenceMatcher(None, key, ln.key).ratio()
        mention = bool(words) and words <= set(_WORD.findall(ln.key))
        if ratio < 0.6 and not mention:
            continue
        scored.append((ratio + 0.5 * mention + 0.25 * (_ident(ln) in typed), ln))
    scored.sort(key=lambda s: -s[0])
    if not scored or (len(scored) > 1 and scored[1][0] == scored[0][0]):
        return None
    return scored[0][1]


def _orphans(forms: list[BudgetForm], records: list[dict]) -> dict[int, FormLine | None]:
    """Rows of *Hypothèses* (charges and products) naming no form line, with the line each most likely means."""
    lines: dict[tuple[str, str], FormLine] = {}
    typed: set[tuple[str, str]] = set()
    for form in forms:
        for side in (CHARGES, PRODUITS):
            for ln in form.lines[side]:
                if not ln.category:
                    lines.setdefault(_ident(ln), ln)
                if ln.amount:
                    typed.add(_ident(ln))
    sides = {i: side_of(_account(rec.get("account"))) for i, rec in enumerate(records)
             if isinstance(rec.get("line"), str) and rec["line"].strip()}
    named = {i: [ident for ident, ln in lines.items() if side in (None, ln.side)
                 and _names(records[i], ln.side, ln.label, ln.account)]
             for i, side in sides.items() if side != CONTRIBUTIONS}
    claimed = {ident for idents in named.values() for ident in idents}
    free = [ln for ident, ln in lines.items() if ident not in claimed]
    out: dict[int, FormLine | None] = {}
    for i, idents in named.items():
        if not idents:
            candidates = [ln for ln in free if sides[i] in (None, ln.side)]
            out[i] = likely_line(records[i].get("line"), records[i].get("account"), candidates, typed)
    return out


IMPLAUSIBLE = 100   # a base amount over 100 times what every form types for its line is a typing slip


def _implausible(hyps: list[Hypothesis], forms: list[BudgetForm], problems: list[Problem]) -> list[Hypothesis]:
    """Hypotheses whose base amount is over ``IMPLAUSIBLE`` times the largest amount the forms type for
    their line (1e9 for 245 000) become problems at their ``Montant`` cell; the others are returned."""
    from ..text import fr_amount

    largest: dict[tuple[str, str], Decimal] = {}
    for form in forms:
        for side in (CHARGES, PRODUITS):
            for ln in form.lines[side]:
                if ln.amount is not None and not ln.category:
                    key = _ident(ln)
                    largest[key] = max(largest.get(key, ZERO), abs(ln.amount))
    kept = []
    for h in hyps:
        top = None
        if h.base is not None and h.side in (CHARGES, PRODUITS):
            top = next((v for (side, k), v in largest.items() if side == h.side and v > 0 and (
                same_label(h.line, k) if side == CHARGES else k == h.account)), None)
        if top is not None and abs(h.base) > IMPLAUSIBLE * top:
            problems.append(Problem(h.index, "base_amount", f"« {h.line} » : montant de base {fr_amount(h.base)}, "
                                    f"plus de {IMPLAUSIBLE} fois ce que portent les formulaires BP "
                                    f"({fr_amount(top)} au plus) ; saisissez le montant de la première année. Les "
                                    "lignes de cette hypothèse ne sont pas comparées."))
            continue
        kept.append(h)
    return kept


def build_book(wb: Workbook, overrides: Iterable[str] = ()) -> BudgetBook | None:
    """Forms, hypotheses (with scenario ``overrides`` applied), projection and rows by year.

    Raises ``ScenarioError`` for an override that cannot be applied. None when no form is found.
    """
    forms = read_forms(wb.grids("bp"))
    table = wb.tables.get("hypotheses")
    grid = wb.grid("hypotheses")
    hyps: list[Hypothesis] = []
    problems: list[Problem] = []
    base_year = None
    broken: list[dict] = []   # rows of unusable hypotheses: their lines (and the Solde) are not compared
    orphans: dict[int, FormLine | None] = {}
    if table is not None:
        records = table.records()
        hyps, problems = parse_hypotheses(records)
        hyps = _implausible(hyps, forms, problems)
        usable = {h.index for h in hyps}
        broken = [records[i] for i in sorted({p.index for p in problems}) if i not in usable]
        orphans = _orphans(forms, records)
        if table.has("base_amount"):
            base_year = header_year(grid, table.header_row, table.columns["base_amount"])
    tolerance, tol_cell, tol_raw, tol_bad = read_tolerance(grid)
    book = BudgetBook(wb.name, forms, hyps, problems, None, tolerance, tol_cell, tol_raw, tol_bad,
                      labelled_value(grid, "ETP animatrices") if grid else None, orphans=orphans)
    guessed = {_ident(ln) for ln in orphans.values() if ln is not None}
    years = [f.year for f in forms if f.year is not None]
    if not years:
        return book
    hyps = apply_scenario(hyps, overrides)
    book.hypotheses = hyps
    proj = project(hyps, base_year or min(years), years)
    # a line an orphan hypothesis most likely means shows that hypothesis' amount, but is not compared
    meant = {_ident(orphans[h.index]): h for h in hyps if orphans.get(h.index) is not None}
    book.projection = proj
    for form in forms:
        if form.year is None:
            continue
        view = YearView(form.year, form)
        for side in (CHARGES, PRODUITS):
            for ln in form.lines[side]:
                computed, hyp = expected_line(proj, side, ln.label, ln.account, form.year)
                if hyp is None and _ident(ln) in meant:
                    hyp = meant[_ident(ln)]
                    computed = proj.amount(hyp, form.year)
                unknown = (_names_broken(broken, side, ln.label, ln.account) or _ident(ln) in guessed
                           or (bool(broken) and hyp is not None and hyp.method == BALANCE))
                view.rows.append(Row(form.year, side, ln.label, ln.account, ln.amount, computed, ln.cell, hyp,
                                     ln.category, tolerance, unknown))
        amount, hyp = contributions(proj, form.year)
        unknown = hyp is None and _names_broken(broken, "86", "", None)
        for key, side in (("c86", "86"), ("c87", "87")):
            ln = form.totals.get(key)
            if ln is not None:
                view.rows.append(Row(form.year, side, ln.label, side, ln.amount, amount, ln.cell, hyp, False,
                                     tolerance, unknown))
        book.years.append(view)
    return book
