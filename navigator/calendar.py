"""Working days: which days count, and counting them.

A working day is Monday to Friday, not a bank holiday in England and not a
council closure day. The bank holidays and closure days come from the rule
data (``data["calendar"]``), which covers ``first_date`` to ``last_date``.
A date outside that range raises :class:`DateOutOfRange`: the calendar never
guesses whether a day it has no data for is a working day.

How a timescale is counted ("within N working days of receipt") depends on
the content's convention, ``data["calendar"]["receipt"]``:

``day0``
    The day something is received is day 0, whatever day it is. The next
    working day is day 1, and "within N working days" means by the end of
    the Nth working day after that. Received on Saturday 4 April 2026
    (Easter weekend): day 1 is Tuesday 7 April.
``next_working_day``
    Something received on a non-working day counts as received on the next
    working day, so every date is one working day later.

:meth:`WorkingCalendar.working_days_after` counts plainly (its start is day 0);
:meth:`WorkingCalendar.due_date` applies the convention first.
"""
from __future__ import annotations

import datetime

from .dates import long_date, parse_iso

RECEIPT_CONVENTIONS = ("day0", "next_working_day")


class DateOutOfRange(ValueError):
    """A date the working-day data does not cover."""

    def __init__(self, date: datetime.date, first: datetime.date, last: datetime.date):
        self.date, self.first, self.last = date, first, last
        if date > last:
            message = f"We can only work out dates up to {long_date(last, weekday=False)}"
        else:
            message = f"We can only work out dates from {long_date(first, weekday=False)}"
        super().__init__(message)


class WorkingCalendar:
    """Working days between ``first`` and ``last`` (inclusive)."""

    def __init__(self, first: datetime.date, last: datetime.date,
                 bank_holidays: dict[datetime.date, str], closure_days: dict[datetime.date, str],
                 receipt: str = "day0"):
        if receipt not in RECEIPT_CONVENTIONS:
            raise ValueError(f"receipt must be one of {', '.join(RECEIPT_CONVENTIONS)}, not {receipt!r}")
        if last < first:
            raise ValueError("the calendar's last_date is before its first_date")
        self.first, self.last, self.receipt = first, last, receipt
        self._bank_holidays = dict(bank_holidays)
        self._closure_days = dict(closure_days)
        self._closed = frozenset(self._bank_holidays) | frozenset(self._closure_days)

    @classmethod
    def from_data(cls, calendar: dict) -> WorkingCalendar:
        """Build from ``data["calendar"]`` (ISO date strings)."""
        return cls(parse_iso(calendar["first_date"]), parse_iso(calendar["last_date"]),
                   {parse_iso(k): str(v) for k, v in calendar["bank_holidays"].items()},
                   {parse_iso(k): str(v) for k, v in (calendar.get("closure_days") or {}).items()},
                   calendar.get("receipt", "day0"))

    def check(self, d: datetime.date) -> datetime.date:
        """Return ``d``, or raise DateOutOfRange if the data does not cover it."""
        if not self.first <= d <= self.last:
            raise DateOutOfRange(d, self.first, self.last)
        return d

    def is_working_day(self, d: datetime.date) -> bool:
        self.check(d)
        return d.weekday() < 5 and d not in self._closed

    def closed_because(self, d: datetime.date) -> str | None:
        """Why ``d`` is not a working day ("Saturday", "Good Friday", a closure reason), or None."""
        self.check(d)
        if d in self._bank_holidays:
            return self._bank_holidays[d]
        if d in self._closure_days:
            return self._closure_days[d]
        if d.weekday() >= 5:
            return d.strftime("%A")
        return None

    def next_working_day(self, d: datetime.date) -> datetime.date:
        """The first working day on or after ``d``."""
        while not self.is_working_day(d):
            d += datetime.timedelta(days=1)
        return d

    def working_days_after(self, d: datetime.date, n: int) -> datetime.date:
        """The Nth working day after ``d``, counting ``d`` itself as day 0 (n=0 gives ``d``)."""
        if n < 0:
            raise ValueError("the number of working days must be 0 or more")
        self.check(d)
        while n > 0:
            d += datetime.timedelta(days=1)
            if self.is_working_day(d):
                n -= 1
        return d

    def working_days_between(self, a: datetime.date, b: datetime.date) -> int:
        """Working days after ``a`` up to and including ``b`` (``a`` itself is not counted).

        So ``working_days_between(d, working_days_after(d, n)) == n``. If ``b``
        is before ``a`` the answer is negative.
        """
        self.check(a)
        self.check(b)
        if b < a:
            return -self.working_days_between(b, a)
        count, d = 0, a
        while d < b:
            d += datetime.timedelta(days=1)
            if d.weekday() < 5 and d not in self._closed:
                count += 1
        return count

    def received_on(self, d: datetime.date) -> datetime.date:
        """The day counted as day 0 for something received on ``d`` (the convention)."""
        if self.receipt == "next_working_day":
            return self.next_working_day(d)
        return self.check(d)

    def due_date(self, received: datetime.date, n: int) -> datetime.date:
        """The last day of "within ``n`` working days" of receiving something on ``received``."""
        return self.working_days_after(self.received_on(received), n)

    def closed_days(self, a: datetime.date, b: datetime.date) -> list[tuple[datetime.date, str]]:
        """Bank holidays and closure days from ``a`` to ``b`` inclusive, in date order."""
        return self._closed_in(a, b, with_first=True)

    def closed_days_skipped(self, a: datetime.date, b: datetime.date) -> list[tuple[datetime.date, str]]:
        """The bank holidays and closure days ``working_days_between(a, b)`` skips: after ``a`` up to
        and including ``b``, as it counts. A day off on ``a`` itself changes nothing, so is not listed."""
        return self._closed_in(a, b, with_first=False)

    def _closed_in(self, a: datetime.date, b: datetime.date, with_first: bool) -> list[tuple[datetime.date, str]]:
        self.check(a)
        self.check(b)
        lo, hi = min(a, b), max(a, b)
        return sorted((d, self.closed_because(d)) for d in self._closed if (lo <= d if with_first else lo < d) and d <= hi)

    def holidays_in_year(self, year: int) -> list[tuple[datetime.date, str]]:
        """Bank holidays and closure days in ``year`` (DateOutOfRange if the data does not cover it all)."""
        return self.closed_days(datetime.date(year, 1, 1), datetime.date(year, 12, 31))
