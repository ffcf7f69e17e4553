"""Working days and the counting convention (DOMAIN: Counting working days)."""
from __future__ import annotations

import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from navigator.calendar import DateOutOfRange, WorkingCalendar
from navigator.dates import add_months, long_date

D = datetime.date
PROPS = settings(max_examples=60, deadline=None)


@pytest.fixture(scope="session")
def cal(R):
    return R.calendar


# (why, date, is it a working day)
WORKING_DAY_CASES = [
    ("weekday", D(2026, 11, 23), True),
    ("Saturday", D(2026, 4, 4), False),
    ("Good Friday", D(2026, 4, 3), False),
    ("Easter Monday", D(2026, 4, 6), False),
    ("Christmas Day", D(2026, 12, 25), False),
    ("Boxing Day (substitute day) on a Monday", D(2026, 12, 28), False),
    ("New Year's Day", D(2027, 1, 1), False),
    ("between Christmas and New Year", D(2026, 12, 29), True),
]


@pytest.mark.parametrize("why,date,expected", WORKING_DAY_CASES)
def test_is_working_day(cal, why, date, expected):
    assert cal.is_working_day(date) is expected, why


# (why, start, n, expected) under day0: the start is day 0 whatever day it is
AFTER_CASES = [
    ("received Saturday of Easter weekend: day 1 is Tuesday", D(2026, 4, 4), 1, D(2026, 4, 7)),
    ("Easter: 3 working days", D(2026, 4, 4), 3, D(2026, 4, 9)),
    ("Christmas and New Year", D(2026, 12, 24), 10, D(2027, 1, 12)),
    ("a Sunday", D(2026, 3, 8), 1, D(2026, 3, 9)),
    ("n = 0 is the start", D(2026, 4, 4), 0, D(2026, 4, 4)),
    ("Friday to Monday", D(2026, 11, 20), 1, D(2026, 11, 23)),
]


@pytest.mark.parametrize("why,start,n,expected", AFTER_CASES)
def test_working_days_after(cal, why, start, n, expected):
    assert cal.working_days_after(start, n) == expected, why
    assert cal.working_days_between(start, expected) == n


def test_between_counts_end_not_start(cal):
    assert cal.working_days_between(D(2026, 11, 23), D(2026, 11, 23)) == 0
    assert cal.working_days_between(D(2026, 11, 23), D(2026, 11, 24)) == 1
    assert cal.working_days_between(D(2026, 11, 24), D(2026, 11, 23)) == -1
    assert cal.working_days_between(D(2026, 12, 24), D(2027, 1, 4)) == 4


def test_closed_days_listed(cal):
    assert [r for _, r in cal.closed_days(D(2026, 12, 24), D(2027, 1, 4))] == [
        "Christmas Day", "Boxing Day (substitute day)", "New Year's Day"]
    assert (D(2026, 4, 3), "Good Friday") in cal.holidays_in_year(2026)


def test_the_days_off_a_count_skips_leave_out_the_first_day(cal):
    # Counted from Christmas Day (day 0): Monday 28 December is skipped; Christmas Day itself was never counted.
    assert cal.working_days_between(D(2026, 12, 25), D(2026, 12, 28)) == 0
    assert cal.closed_days_skipped(D(2026, 12, 25), D(2026, 12, 28)) == [(D(2026, 12, 28), "Boxing Day (substitute day)")]
    assert cal.closed_days_skipped(D(2026, 12, 24), D(2027, 1, 1)) == [
        (D(2026, 12, 25), "Christmas Day"), (D(2026, 12, 28), "Boxing Day (substitute day)"),
        (D(2027, 1, 1), "New Year's Day")]
    assert cal.closed_days_skipped(D(2026, 12, 25), D(2026, 12, 25)) == []


def test_a_weekend_bank_holiday_is_listed_on_its_substitute_day_only(cal):
    # As GOV.UK lists them: Boxing Day 2026 is a Saturday, so Monday 28 December is the day off.
    # A weekend is no working day anyway, so the counts are the same; only the lists change.
    assert [(d, r) for d, r in cal.holidays_in_year(2026) if d.month == 12] == [
        (D(2026, 12, 25), "Christmas Day"), (D(2026, 12, 28), "Boxing Day (substitute day)")]
    assert [(d, r) for d, r in cal.holidays_in_year(2027) if d.month == 12] == [
        (D(2027, 12, 27), "Christmas Day (substitute day)"), (D(2027, 12, 28), "Boxing Day (substitute day)")]


def test_out_of_range_is_an_error_not_a_guess(cal):
    with pytest.raises(DateOutOfRange, match="We can only work out dates up to 31 December 2036"):
        cal.is_working_day(D(2037, 1, 5))
    with pytest.raises(DateOutOfRange, match="up to 31 December 2036"):
        cal.working_days_after(D(2036, 12, 30), 5)
    with pytest.raises(DateOutOfRange, match="We can only work out dates from 1 January 2015"):
        cal.working_days_between(D(2014, 12, 1), D(2015, 1, 5))


def test_closure_day_stops_the_count(rules):
    rules["calendar"]["closure_days"] = {"2026-12-29": "Council offices closed"}
    cal = WorkingCalendar.from_data(rules["calendar"])
    assert not cal.is_working_day(D(2026, 12, 29))
    assert cal.closed_because(D(2026, 12, 29)) == "Council offices closed"
    assert cal.working_days_after(D(2026, 12, 24), 10) == D(2027, 1, 13)


# (why, received, n, day0, next_working_day)
CONVENTION_CASES = [
    ("Saturday of Easter weekend", D(2026, 4, 4), 1, D(2026, 4, 7), D(2026, 4, 8)),
    ("Saturday of Easter weekend, 10 days", D(2026, 4, 4), 10, D(2026, 4, 20), D(2026, 4, 21)),
    ("Christmas Day", D(2026, 12, 25), 3, D(2026, 12, 31), D(2027, 1, 4)),
    ("a working day is unchanged", D(2026, 11, 2), 10, D(2026, 11, 16), D(2026, 11, 16)),
]


@pytest.mark.parametrize("why,received,n,day0,next_wd", CONVENTION_CASES)
def test_receipt_conventions(rules, why, received, n, day0, next_wd):
    assert WorkingCalendar.from_data(rules["calendar"]).due_date(received, n) == day0, why
    rules["calendar"]["receipt"] = "next_working_day"
    assert WorkingCalendar.from_data(rules["calendar"]).due_date(received, n) == next_wd, why


# "12 months" is calendar months (DOMAIN: Counting working days)
@pytest.mark.parametrize("start,months,expected", [
    (D(2024, 2, 29), 12, D(2025, 2, 28)),
    (D(2024, 2, 29), 48, D(2028, 2, 29)),
    (D(2025, 1, 31), 1, D(2025, 2, 28)),
    (D(2025, 12, 15), 12, D(2026, 12, 15)),
    (D(2025, 11, 30), 3, D(2026, 2, 28)),
])
def test_add_months(start, months, expected):
    assert add_months(start, months) == expected


def test_long_date():
    assert long_date(D(2026, 4, 9)) == "Thursday 9 April 2026"
    assert long_date(D(2026, 4, 9), weekday=False) == "9 April 2026"


dates = st.dates(D(2015, 1, 1), D(2035, 12, 31))


@PROPS
@given(start=dates, n=st.integers(0, 70))
def test_never_lands_on_a_non_working_day(cal, start, n):
    end = cal.working_days_after(start, n)
    assert n == 0 or cal.is_working_day(end)
    assert cal.is_working_day(cal.due_date(start, max(n, 1)))


@PROPS
@given(start=dates, n=st.integers(0, 70))
def test_adding_then_counting_gives_n(cal, start, n):
    assert cal.working_days_between(start, cal.working_days_after(start, n)) == n


@PROPS
@given(a=dates, b=dates, n=st.integers(0, 70))
def test_a_later_start_never_gives_an_earlier_date(cal, a, b, n):
    a, b = min(a, b), max(a, b)
    assert cal.working_days_after(a, n) <= cal.working_days_after(b, n)
    assert cal.due_date(a, n) <= cal.due_date(b, n)


@PROPS
@given(a=dates, b=dates)
def test_between_is_antisymmetric(cal, a, b):
    assert cal.working_days_between(a, b) == -cal.working_days_between(b, a)
