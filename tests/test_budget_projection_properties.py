"""Properties of the budget projection (``compute.budget.project``), checked on generated hypotheses: the amount of
a year depends only on the base and the year, re-projecting a projected year gives it back, rounding never
drifts further than the stated rounding from the exact value, a rate (or a progression) of 0 keeps the amount,
and the balancing line (Solde) balances the budget to the cent.

Exact values are computed here with ``fractions.Fraction``, independently of the Decimal code under test.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from rpe_xl.compute.budget import BALANCE, FIXED, LINEAR, RATE, Hypothesis, project

BASE_YEAR = 2026
STEP = {"Centime": Fraction(1, 100), "Euro": Fraction(1)}

amounts = st.integers(min_value=0, max_value=10**9).map(lambda cents: Decimal(cents) / 100)
rates = st.decimals(min_value=Decimal("-0.99"), max_value=Decimal("0.99"), places=4)
steps = st.integers(min_value=-10**6, max_value=10**6).map(lambda cents: Decimal(cents) / 100)
roundings = st.sampled_from(sorted(STEP))
spans = st.integers(min_value=0, max_value=10)


@st.composite
def hypotheses(draw, method: str | None = None) -> Hypothesis:
    method = method or draw(st.sampled_from([FIXED, RATE, LINEAR]))
    base = draw(amounts)
    parameter = draw(rates) if method == RATE else draw(steps) if method == LINEAR else None
    return Hypothesis(0, "Ligne", "61", base, method, parameter, draw(roundings))


def _exact(h: Hypothesis, n: int) -> Fraction:
    base = Fraction(h.base)
    if h.method == FIXED or n == 0:
        return base
    if h.method == LINEAR:
        return base + Fraction(h.parameter) * n
    return base * (1 + Fraction(h.parameter)) ** n


@given(hypotheses(), spans)
def test_rounding_never_drifts_more_than_the_stated_rounding(h, span):
    years = range(BASE_YEAR, BASE_YEAR + span + 1)
    proj = project([h], BASE_YEAR, years)
    for year in years:
        assert abs(Fraction(proj.amount(h, year)) - _exact(h, year - BASE_YEAR)) <= STEP[h.rounding] / 2


@given(hypotheses(), spans, st.data())
def test_the_amount_of_a_year_does_not_depend_on_the_other_years_asked(h, span, data):
    years = list(range(BASE_YEAR, BASE_YEAR + span + 1))
    year = data.draw(st.sampled_from(years))
    assert project([h], BASE_YEAR, [year]).amount(h, year) == project([h], BASE_YEAR, years).amount(h, year)


@given(hypotheses(), spans)
def test_re_projecting_a_projected_year_gives_it_back(h, span):
    year = BASE_YEAR + span
    amount = project([h], BASE_YEAR, [year]).amount(h, year)
    again = Hypothesis(0, h.line, h.account, amount, h.method, h.parameter, h.rounding)
    assert project([again], year, [year]).amount(again, year) == amount


@given(hypotheses(LINEAR), spans, spans)
def test_a_progression_re_based_on_a_projected_year_goes_on_without_drift(h, k, more):
    """Amounts and progression in cents: re-basing at year k gives the same later amounts, to the cent."""
    h = Hypothesis(0, h.line, h.account, h.base, LINEAR, h.parameter, "Centime")
    start, end = BASE_YEAR + k, BASE_YEAR + k + more
    proj = project([h], BASE_YEAR, range(BASE_YEAR, end + 1))
    again = Hypothesis(0, h.line, h.account, proj.amount(h, start), LINEAR, h.parameter, "Centime")
    re_proj = project([again], start, range(start, end + 1))
    assert all(re_proj.amount(again, y) == proj.amount(h, y) for y in range(start, end + 1))


@given(hypotheses(RATE), spans, spans)
def test_a_rate_re_based_on_a_projected_year_drifts_at_most_the_compounded_rounding(h, k, more):
    start, end = BASE_YEAR + k, BASE_YEAR + k + more
    proj = project([h], BASE_YEAR, range(BASE_YEAR, end + 1))
    again = Hypothesis(0, h.line, h.account, proj.amount(h, start), RATE, h.parameter, h.rounding)
    re_proj = project([again], start, range(start, end + 1))
    half = STEP[h.rounding] / 2
    for y in range(start, end + 1):
        bound = half * (1 + abs(Fraction(h.parameter))) ** (y - start) + 2 * half
        assert abs(Fraction(re_proj.amount(again, y)) - Fraction(proj.amount(h, y))) <= bound


@given(hypotheses(), spans)
def test_a_rate_or_a_progression_of_zero_keeps_the_amount(h, span):
    if h.method == FIXED:
        return
    still = Hypothesis(0, h.line, h.account, h.base, h.method, Decimal("0"), h.rounding)
    years = range(BASE_YEAR, BASE_YEAR + span + 1)
    proj = project([still], BASE_YEAR, years)
    first = proj.amount(still, BASE_YEAR)
    assert abs(Fraction(first) - Fraction(h.base)) <= STEP[h.rounding] / 2
    assert all(proj.amount(still, y) == first for y in years)


@settings(max_examples=50)
@given(st.lists(hypotheses(), min_size=1, max_size=6), st.lists(amounts, max_size=3), spans)
def test_the_balancing_line_balances_the_budget_to_the_cent(charges, products, span):
    hyps = [Hypothesis(i, f"Charge {i}", "6" + str(i), h.base, h.method, h.parameter, "Centime")
            for i, h in enumerate(charges)]
    hyps += [Hypothesis(100 + i, f"Produit {i}", f"74{i}", a, FIXED, None, "Centime") for i, a in enumerate(products)]
    solde = Hypothesis(200, "Prestation de service CAF", "70623", None, BALANCE, None, "Centime")
    years = range(BASE_YEAR, BASE_YEAR + span + 1)
    proj = project(hyps + [solde], BASE_YEAR, years)
    for y in years:
        assert proj.total("charges", y) == proj.total("produits", y)
