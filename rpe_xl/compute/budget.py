"""Budget prévisionnel: projection of the *Hypothèses* table over the years, in ``Decimal`` end to end.

Methods: ``Fixe`` (base amount every year), ``Taux annuel`` (compound on the unrounded amounts:
base × (1 + t)^n, then rounded), ``Progression linéaire`` (base + p × n, rounded),
``Solde`` (the balancing line: total of the charges − the other products, 86/87 excluded).
Rounding ``Centime`` or ``Euro``, half up, on each year's amount. See docs/budget.md.

>>> hyps, problems = parse_hypotheses([{"line": "Salaires", "account": "64", "base_amount": Decimal("245000"),
...     "method": "Taux annuel", "parameter": 0.02, "rounding": "Centime"}])
>>> project(hyps, 2026, [2026, 2029]).amount(hyps[0], 2029)
Decimal('259995.96')
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any, Iterable

from ..read.budget_form import CHARGES, PRODUITS, same_label
from ..text import fr_number, norm

FIXED, RATE, LINEAR, BALANCE = "Fixe", "Taux annuel", "Progression linéaire", "Solde"
METHODS = {norm(m): m for m in (FIXED, RATE, LINEAR, BALANCE)}
ROUNDINGS = {"centime": Decimal("0.01"), "euro": Decimal("1")}
CONTRIBUTIONS = "contributions"   # accounts 86/87
DEFAULT_TOLERANCE = Decimal("1")
CENT = Decimal("0.01")


@dataclass(frozen=True)
class Hypothesis:
    """One row of *Hypothèses*; ``index`` is its row in the table (for findings)."""

    index: int
    line: str
    account: str
    base: Decimal | None
    method: str
    parameter: Decimal | None
    rounding: str = "Centime"

    @property
    def side(self) -> str:
        return side_of(self.account)

    def describe(self) -> str:
        """``Taux annuel 4 %`` (French, for messages)."""
        if self.method == RATE and self.parameter is not None:
            return f"{RATE} {fr_percent(self.parameter)}"
        if self.method == LINEAR and self.parameter is not None:
            sign = "+" if self.parameter >= 0 else ""
            return f"{LINEAR} {sign}{fr_number(self.parameter, 2)} € par an"
        return self.method


@dataclass(frozen=True)
class Problem:
    """An unusable hypothesis: table row index, field, and the variant of its finding's message with the values
    that fill it."""

    index: int
    field: str
    variant: str
    values: dict = field(default_factory=dict)
    code: str = "budget-hypothesis-invalid"
    first: int | None = None   # duplicate-key: the row that names the line first


def side_of(account: str | None) -> str | None:
    """``"64"`` -> charges, ``"70623"`` -> produits, ``"86/87"`` -> contributions."""
    text = (account or "").strip()
    if text.startswith(("86", "87")):
        return CONTRIBUTIONS
    if text.startswith("6"):
        return CHARGES
    if text.startswith("7"):
        return PRODUITS
    return None


def to_decimal(value: Any) -> Decimal | None:
    """A cell value as Decimal (floats through their shortest repr: 0.04 -> Decimal('0.04'))."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, Decimal):
        return value
    if isinstance(value, (int, float)):
        if value != value:  # NaN
            return None
        return Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    try:
        return Decimal(str(value).replace("\u202f", "").replace("\u00a0", "").replace(" ", "").replace(",", "."))
    except InvalidOperation:
        return None


def serial_date(value: Decimal) -> str | None:
    """``01/04/2025`` when a number is an Excel date serial of 1990–2099 (a date typed where a number
    is expected), else None.

    >>> serial_date(Decimal("45748"))
    '01/04/2025'
    """
    import datetime as dt

    if value != value.to_integral_value() or not 32874 <= value <= 73050:
        return None
    return (dt.date(1899, 12, 30) + dt.timedelta(days=int(value))).strftime("%d/%m/%Y")


def rate_of(parameter: Decimal, percent_text: bool = False) -> Decimal:
    """The annual rate: an Excel percentage (0.04, shown 4 %) as is; a number typed in percent units (4) / 100;
    a text typed with its % sign (« -150 % », read as -1.5) is already a rate."""
    return parameter / 100 if abs(parameter) >= 1 and not percent_text else parameter


def fr_percent(rate: Decimal) -> str:
    """``-2 %``, ``2,5 %`` (French, no trailing zeros)."""
    return f"{fr_number(rate * 100, 2).rstrip('0').rstrip(',')} %"


RATE_LIMIT = Decimal("1")   # a yearly rate is within ]-100 %, +100 %[


def rate_out_of_bounds(rate: Decimal) -> bool:
    """A rate of -100 % or less (the line vanishes or turns negative) or of +100 % or more (doubling yearly)."""
    return abs(rate) >= RATE_LIMIT


def rate_effect(rate: Decimal) -> str:
    """What a rate out of bounds does to an amount, in French."""
    if rate >= RATE_LIMIT:
        return "doublerait au moins le montant chaque année"
    return "ramènerait le montant à zéro" if rate == -RATE_LIMIT else "rendrait le montant négatif"


def round_amount(amount: Decimal, rounding: str) -> Decimal:
    """Half-up rounding to the cent (``Centime``) or to the euro (``Euro``)."""
    return amount.quantize(ROUNDINGS.get(norm(rounding), CENT), rounding=ROUND_HALF_UP)


def closest_rounding(text: object) -> str | None:
    """The rounding a near miss means, when only one is close (``Centimes`` -> ``Centime``), else None.

    >>> closest_rounding("Centimes"), closest_rounding("Dixième")
    ('Centime', None)
    """
    close = difflib.get_close_matches(norm(text), list(ROUNDINGS), n=2, cutoff=0.75)
    return close[0].capitalize() if len(close) == 1 else None


def parse_hypotheses(records: Iterable[dict[str, Any]]) -> tuple[list[Hypothesis], list[Problem]]:
    """Rows of the *Hypothèses* table (dicts of field -> value) into hypotheses; unusable rows are problems.
    ``parameter_text``, when given, is the parameter cell as typed (a text with a % sign is already a rate)."""
    hyps: list[Hypothesis] = []
    problems: list[Problem] = []
    first: dict[str, int] = {}   # normalised Ligne -> first table row naming it
    for i, rec in enumerate(records):
        line = (rec.get("line") or "").strip() if isinstance(rec.get("line"), str) else ""
        if not line:
            continue
        if norm(line) in first:
            problems.append(Problem(i, "line", "hypothesis", {"line": line}, code="duplicate-key",
                                    first=first[norm(line)]))
            continue
        first[norm(line)] = i
        account = rec.get("account")
        account = str(int(account)) if isinstance(account,
                                                  float) and account.is_integer() else str(account or "").strip()
        method = METHODS.get(norm(rec.get("method")))
        base = to_decimal(rec.get("base_amount"))
        param = to_decimal(rec.get("parameter"))
        rounding = rec.get("rounding") or "Centime"
        bad = False
        if side_of(account) is None:
            problems.append(Problem(i, "account", "account", {"line": line, "account": account or "(vide)"}))
            bad = True
        if method is None:
            problems.append(Problem(i, "method", "method", {"line": line, "method": rec.get("method") or "(vide)",
                                                            "methods": ", ".join(METHODS.values())}))
            bad = True
        if method in (FIXED, RATE, LINEAR) and base is None:
            problems.append(Problem(i, "base_amount", "base_missing", {"line": line}))
            bad = True
        if method in (RATE, LINEAR) and param is None:
            problems.append(Problem(i, "parameter", "rate_missing" if method == RATE else "step_missing",
                                    {"line": line}))
            bad = True
        if norm(rounding) not in ROUNDINGS:
            guess = closest_rounding(rounding)
            problems.append(Problem(i, "rounding", "rounding_guess" if guess else "rounding",
                                    {"line": line, "rounding": rounding, "guess": guess}))
            rounding = guess or "Centime"
        if method == BALANCE and side_of(account) != PRODUITS:
            problems.append(Problem(i, "method", "balance_not_product", {"line": line}))
            bad = True
        if method == RATE and param is not None:
            percent_text = "%" in str(rec.get("parameter_text") or "")
            rate = rate_of(param, percent_text)
            date = None if percent_text else serial_date(param)
            if date or rate_out_of_bounds(rate):
                problems.append(Problem(i, "parameter", "rate_date" if date else "rate_impossible",
                                        {"line": line, "date": date, "rate": None if date else fr_percent(rate),
                                         "effect": None if date else rate_effect(rate)}))
                bad = True
            param = rate
        if method in (FIXED, RATE, LINEAR) and base is not None and base < 0:
            problems.append(Problem(i, "base_amount", "base_negative", {"line": line, "base": fr_number(base, 2)}))
            bad = True
        if not bad:
            hyps.append(Hypothesis(i, line, account, base, method, param, str(rounding)))
    balances = [h for h in hyps if h.method == BALANCE]
    for extra in balances[1:]:
        problems.append(Problem(extra.index, "method", "second_balance",
                                {"line": extra.line, "balance": balances[0].line}))
        hyps.remove(extra)
    return hyps, problems


@dataclass
class Projection:
    """Amounts of every hypothesis by year, and the yearly totals (charges, products, contributions)."""

    base_year: int
    years: list[int]
    amounts: dict[int, dict[int, Decimal]] = field(default_factory=dict)  # hypothesis index -> year -> amount
    hypotheses: list[Hypothesis] = field(default_factory=list)

    def amount(self, hyp: Hypothesis, year: int) -> Decimal:
        return self.amounts[hyp.index][year]

    def total(self, side: str, year: int) -> Decimal:
        return sum((self.amounts[h.index][year] for h in self.hypotheses if h.side == side), Decimal("0"))

    def balance_line(self) -> Hypothesis | None:
        return next((h for h in self.hypotheses if h.method == BALANCE), None)


def project(hyps: list[Hypothesis], base_year: int, years: Iterable[int]) -> Projection:
    """Each hypothesis over ``years`` (the base year is n = 0)."""
    years = sorted(set(years))
    proj = Projection(base_year, years, hypotheses=list(hyps))
    for h in hyps:
        if h.method == BALANCE:
            continue
        series: dict[int, Decimal] = {}
        for year in range(base_year, max(years + [base_year]) + 1):
            n = year - base_year
            if h.method == FIXED or n == 0:
                value = round_amount(h.base, h.rounding)
            elif h.method == LINEAR:
                value = round_amount(h.base + h.parameter * n, h.rounding)
            else:  # compound on the unrounded amounts (workbook guide: M × (1 + t)^n), rounded each year
                value = round_amount(h.base * (1 + h.parameter) ** n, h.rounding)
            series[year] = value
        proj.amounts[h.index] = {y: series.get(y, Decimal("0")) for y in years}
    balance = proj.balance_line()
    if balance is not None:
        proj.amounts[balance.index] = {y: Decimal("0") for y in years}
        for y in years:
            others = proj.total(PRODUITS, y)
            proj.amounts[balance.index][y] = round_amount(proj.total(CHARGES, y) - others, balance.rounding)
    return proj


def expected_line(proj: Projection, side: str, label: str, account: str | None, year: int
                  ) -> tuple[Decimal, Hypothesis | None]:
    """What a form line should hold: a charge is matched by its label, a product by its account code;
    a line no hypothesis names should be empty (0)."""
    for h in proj.hypotheses:
        if h.side != side:
            continue
        if (side == CHARGES and same_label(h.line, label)) or (side == PRODUITS and account and h.account == account):
            return proj.amount(h, year), h
    return Decimal("0"), None


def contributions(proj: Projection, year: int) -> tuple[Decimal, Hypothesis | None]:
    """The 86/87 amount (both accounts carry it)."""
    h = next((h for h in proj.hypotheses if h.side == CONTRIBUTIONS), None)
    return (proj.amount(h, year), h) if h else (Decimal("0"), None)


class ScenarioError(ValueError):
    """A ``--hypothese`` that cannot be applied (French message); scenarios are in ``budget_scenario``."""
