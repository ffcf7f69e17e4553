"""Dates: reading ISO strings, writing dates for people, and calendar months.

"12 months" in the policy is calendar months. Adding months keeps the day of
the month unless the new month is shorter, when it is the last day of that
month: 29 February 2024 plus 12 months is 28 February 2025.
"""
from __future__ import annotations

import datetime

MONTHS = ("January", "February", "March", "April", "May", "June", "July",
          "August", "September", "October", "November", "December")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def parse_iso(text: str) -> datetime.date:
    """A date from ``YYYY-MM-DD`` (ValueError if it is not a real date in that form)."""
    if not isinstance(text, str) or len(text) != 10 or text[4] != "-" or text[7] != "-":
        raise ValueError(f"{text!r} is not a date in the form YYYY-MM-DD")
    return datetime.date.fromisoformat(text)


def long_date(d: datetime.date, weekday: bool = True) -> str:
    """"Thursday 9 April 2026" (or "9 April 2026" without the weekday)."""
    text = f"{d.day} {MONTHS[d.month - 1]} {d.year}"
    return f"{WEEKDAYS[d.weekday()]} {text}" if weekday else text


def plural(n: int) -> str:
    """"1 working day", "10 working days"."""
    return f"{n} working day" if n == 1 else f"{n} working days"


def days_in_month(year: int, month: int) -> int:
    if month == 12:
        return 31
    return (datetime.date(year, month + 1, 1) - datetime.date(year, month, 1)).days


def add_months(d: datetime.date, months: int) -> datetime.date:
    """``d`` plus a number of calendar months, keeping to the end of a shorter month."""
    index = d.year * 12 + (d.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    if not datetime.MINYEAR <= year <= datetime.MAXYEAR:
        raise OverflowError("date out of range")
    return datetime.date(year, month, min(d.day, days_in_month(year, month)))
