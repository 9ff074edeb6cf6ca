"""What people type, read by the parsers (property-based): hours and Excel times, French amounts, dates typed as
text. Each property states what a value means, for every value hypothesis tries."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rpe_xl.read.coerce import KINDS, parse

HOURS = st.integers(0, 999)
MINUTES = st.integers(0, 59)


# --- hours ------------------------------------------------------------------------------------------------

@given(HOURS, MINUTES, st.sampled_from(["h", "H", " h ", "h "]))
def test_hours_typed_with_an_h(hours, minutes, mark):
    """« 31h30 », « 13H30 », « 9 h 05 »: hours and minutes."""
    parsed = parse("hours", f"{hours}{mark}{minutes:02d}")
    assert parsed.error is None and parsed.repaired
    assert parsed.value == pytest.approx(hours + minutes / 60)


@given(HOURS, st.sampled_from(["h", "H"]))
def test_whole_hours_typed_with_an_h(hours, mark):
    """« 9h », « 7H »."""
    assert parse("hours", f"{hours}{mark}") == (float(hours), True, None)


@given(HOURS, MINUTES, st.booleans())
def test_clock_time_typed_as_text_is_its_hours(hours, minutes, padded):
    """« 3:00 » is 3 h, « 31:30 » 31,5 h (an Excel duration typed as text), the same as « 3h00 »."""
    text = f"{hours:02d}:{minutes:02d}" if padded else f"{hours}:{minutes:02d}"
    parsed = parse("hours", text)
    assert parsed.error is None and parsed.repaired
    assert parsed.value == pytest.approx(hours + minutes / 60)
    assert parsed.value == parse("hours", f"{hours}h{minutes:02d}").value


@given(st.integers(0, 23), MINUTES)
def test_excel_time_cell_is_its_hours(hours, minutes):
    """A time cell (calamine gives a ``time``), a duration cell ``[h]:mm`` (a ``timedelta``) and a time read from
    a live Excel (30/12/1899 at that time) are hours, with a repair info."""
    expected = pytest.approx(hours + minutes / 60)
    for value in (dt.time(hours, minutes), dt.timedelta(hours=hours, minutes=minutes),
                  dt.datetime(1899, 12, 30, hours, minutes)):
        parsed = parse("hours", value)
        assert parsed.error is None and parsed.repaired and parsed.value == expected


@given(st.integers(1, 1439))
def test_day_fraction_is_an_excel_time_or_ambiguous(minutes):
    """A number below 1 that is a whole number of minutes as a fraction of a day (03:00 = 0,125) is the time
    that lost its format: its hours; with two decimals at most (0,5 = 30 min or 12:00) it is refused as
    ambiguous."""
    fraction = minutes / 1440
    parsed = parse("hours", fraction)
    if round(fraction, 2) == fraction:
        assert parsed.error == "invalid-time"
    else:
        assert parsed.error is None and parsed.repaired and parsed.value == pytest.approx(minutes / 60)


@given(st.floats(min_value=1, max_value=999, allow_nan=False))
def test_a_number_of_hours_stays_as_typed(hours):
    assert parse("hours", hours) == (hours, False, None)


@given(HOURS, st.integers(60, 99))
def test_minutes_beyond_59_are_refused(hours, minutes):
    assert parse("hours", f"{hours}h{minutes}").error == "invalid-time"
    assert parse("hours", f"{hours}:{minutes}").error == "invalid-time"


# --- French amounts ---------------------------------------------------------------------------------------

_SEPARATORS = st.sampled_from([" ", "\u00a0", "\u202f", "."])
AMOUNTS = st.decimals(min_value=-10**9, max_value=10**9, places=2, allow_nan=False, allow_infinity=False)


def _french(amount: Decimal, sep: str, euro: str = "") -> str:
    """``1234.56`` -> « 1 234,56 » with ``sep`` between thousands, then ``euro`` (« € », « € »…)."""
    sign = "-" if amount < 0 else ""
    units, cents = f"{abs(amount):.2f}".split(".")
    groups = []
    while units:
        groups.insert(0, units[-3:])
        units = units[:-3]
    return f"{sign}{sep.join(groups)},{cents}{euro}"


@given(AMOUNTS, _SEPARATORS, st.sampled_from(["", " €", "\u00a0€", "€"]))
def test_french_amount_round_trips(amount, sep, euro):
    """« 1 234,56 € », « 1.234,56 », « 1 234,56 » (no-break spaces too)."""
    text = _french(amount, sep, euro)
    parsed = parse("amount", text)
    assert parsed.error is None and parsed.repaired
    assert parsed.value == amount
    assert parse("number", text).value == pytest.approx(float(amount))


@given(AMOUNTS)
def test_amount_with_a_decimal_point_and_no_separator(amount):
    """« 1234.56 » (copied from a bank export): the point is the decimal mark."""
    text = f"{amount:.2f}"
    assert parse("amount", text) == (amount, True, None)


@given(st.integers(1000, 10**9), st.sampled_from([" ", "\u00a0", "\u202f"]))
def test_whole_amount_with_spaces_between_thousands(amount, sep):
    text = f"{amount:,}".replace(",", sep)
    assert parse("amount", text) == (Decimal(amount), True, None)


@given(st.decimals(min_value=-10**6, max_value=10**6, places=2, allow_nan=False, allow_infinity=False))
def test_an_amount_cell_keeps_its_value(amount):
    assert parse("amount", float(amount)).value == amount


# --- dates typed as text ----------------------------------------------------------------------------------

DATES = st.dates(min_value=dt.date(1901, 1, 1), max_value=dt.date(2099, 12, 31))


@given(DATES, st.sampled_from(["%d/%m/%Y", "%d.%m.%Y", "%d-%m-%Y", "%Y-%m-%d"]))
def test_date_typed_as_text_round_trips(day, fmt):
    parsed = parse("date", day.strftime(fmt))
    assert (parsed.value, parsed.repaired, parsed.error) == (day, True, None)
    assert parse("date", day) == (day, False, None)


@given(DATES)
def test_date_typed_without_leading_zeros(day):
    assert parse("date", f"{day.day}/{day.month}/{day.year}").value == day


@given(st.dates(min_value=dt.date(1930, 1, 1), max_value=dt.date(2029, 12, 31)))
def test_two_digit_year_is_read_as_excel_reads_it(day):
    """00-29 -> 20xx, 30-99 -> 19xx."""
    assert parse("date", day.strftime("%d/%m/%y")).value == day


IMPOSSIBLE = [(2, 30), (2, 31), (4, 31), (6, 31), (9, 31), (11, 31), (13, 1), (0, 10), (1, 32), (5, 0)]


@given(st.integers(1901, 2099), st.sampled_from(IMPOSSIBLE))
def test_a_day_that_does_not_exist_is_refused(year, month_day):
    month, day = month_day
    assert parse("date", f"{day:02d}/{month:02d}/{year}").error == "invalid-date"


@given(st.integers(1901, 2099).filter(lambda year: year % 4))
def test_29_february_of_a_common_year_is_refused(year):
    assert parse("date", f"29/02/{year}").error == "invalid-date"


# --- nothing crashes --------------------------------------------------------------------------------------

_ANY_CELL = st.one_of(st.none(), st.booleans(), st.integers(-10**12, 10**12), st.floats(allow_nan=True),
                      st.text(max_size=30), st.dates(), st.datetimes(), st.times(), st.timedeltas(),
                      st.from_regex(r"[0-9 ,.h/:-]{1,14}", fullmatch=True))


@settings(max_examples=300)
@given(st.sampled_from(KINDS), _ANY_CELL)
def test_no_input_crashes_a_parser(kind, value):
    parsed = parse(kind, value, {"oui": "Oui", "mail": "Mail"})
    assert parsed.error in (None, "invalid-number", "invalid-date", "invalid-time", "formula-error")
    if parsed.error is None and parsed.value is not None and kind in ("int", "number", "hours"):
        assert isinstance(parsed.value, (int, float))
