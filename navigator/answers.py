"""Reading raw answers and saying exactly what is wrong with them.

Answers arrive as the browser's form fields: a choice is a string (or a list
of strings for checkboxes), and a date is ``{"day": "31", "month": "2",
"year": "2026"}`` (an ISO string ``"2026-02-28"`` is accepted too). Each
reader returns ``(value, error)``; an error is a dict
``{"question", "field", "message"}`` where ``field`` is the input to focus
(``complained-day``) and ``message`` follows the GOV.UK error message style:

- nothing entered: "Enter the date you complained"
- part missing: "Date you complained must include a month"
- impossible: "Date you complained must be a real date"
- too early or late: "Date you complained must be the same as or after the
  date the problem happened", "... must be today or in the past"
- beyond the working-day data: "We can only work out dates up to 31 December 2036"
"""
from __future__ import annotations

import datetime

from .calendar import DateOutOfRange, WorkingCalendar
from .dates import days_in_month, long_date

PARTS = ("day", "month", "year")
_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december")
MONTH_NAMES = {**{m: n for n, m in enumerate(_MONTHS, 1)}, **{m[:3]: n for n, m in enumerate(_MONTHS, 1)}, "sept": 9}
"""A month typed as a word: its name or its first three letters, in any case ("Dec", "december")."""


# No complaint is about something before this: a year like 0001 is a slip, and would be shown as "2".
EARLIEST_YEAR = 1900


def error(question: str, field: str, message: str) -> dict:
    return {"question": question, "field": field, "message": message}


def is_blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def date_is_blank(raw) -> bool:
    """True if no part of a date was entered."""
    if isinstance(raw, dict):
        return all(is_blank(raw.get(p)) for p in PARTS)
    return is_blank(raw)


def read_choice(raw, allowed, question: str, field: str, message: str):
    """One of ``allowed`` (ids), or the "Select ..." error."""
    if isinstance(raw, str) and raw in allowed:
        return raw, None
    return None, error(question, field, message)


def read_choices(raw, allowed, none_value: str, question: str, field: str, message: str, both_message: str):
    """A list of ids from ``allowed``, or ``[]`` if only ``none_value`` was ticked."""
    if isinstance(raw, str):
        raw = [raw]
    if not isinstance(raw, list) or not raw or not all(isinstance(v, str) and (v in allowed or v == none_value)
                                                       for v in raw):
        return None, error(question, field, message)
    if none_value in raw:
        if len(set(raw)) > 1:
            return None, error(question, field, both_message)
        return [], None
    return list(dict.fromkeys(raw)), None


def _part(value) -> str:
    if isinstance(value, bool):
        return "x"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return value.strip()
    return "" if value is None else "x"


def read_date(raw, question: str, name: str, label: str, enter: str):
    """A real date from day/month/year parts, or one error: a part missing; else every box that cannot
    be right (a year too short or too early among them, if another box is wrong too); else the year.

    ``name`` is the field's id (errors focus ``name-day``, ``name-month`` or
    ``name-year``); ``label`` starts sentences ("Date you complained");
    ``enter`` is the message when nothing was entered.
    """
    if isinstance(raw, str) and len(raw) == 10 and raw[4] == "-" and raw[7] == "-":
        raw = {"year": raw[:4], "month": raw[5:7], "day": raw[8:]}
    if date_is_blank(raw):
        return None, error(question, f"{name}-day", enter)
    if not isinstance(raw, dict):
        return None, error(question, f"{name}-day", f"{label} must be a real date")
    parts = {p: _part(raw.get(p)) for p in PARTS}
    missing = [p for p in PARTS if not parts[p]]
    if missing:
        listed = " and ".join(missing) if len(missing) < 3 else "day, month and year"
        # "parts": every box to mark, not only the first (GOV.UK date input: highlight each missing part)
        return None, {**error(question, f"{name}-{missing[0]}", f"{label} must include a {listed}"), "parts": missing}
    # GOV.UK's date input: a month may be typed as its name or its first three letters ("Dec").
    month_name = parts["month"].lower().rstrip(".")
    if month_name in MONTH_NAMES:
        parts["month"] = str(MONTH_NAMES[month_name])
    numbers = {p: int(parts[p]) if parts[p].isdigit() and parts[p].isascii() else None for p in PARTS}
    # Every box that cannot be right, whatever the others say: not a number, a day past 31, a month past 12
    wrong = [p for p in PARTS if numbers[p] is None or (p == "day" and not 1 <= numbers[p] <= 31)
             or (p == "month" and not 1 <= numbers[p] <= 12)]
    if wrong and "year" not in wrong and (len(parts["year"]) != 4 or numbers["year"] < EARLIEST_YEAR):
        wrong.append("year")  # one message for the date, so every box it is about is marked
    if wrong:
        # "parts": mark the boxes that are wrong (GOV.UK date input), each of them, and only them
        return None, {**error(question, f"{name}-{wrong[0]}", f"{label} must be a real date"), "parts": wrong}
    day, month, year = (int(parts[p]) for p in PARTS)
    if len(parts["year"]) != 4:
        return None, error(question, f"{name}-year", f"{label} must include a year with 4 numbers")
    if year < EARLIEST_YEAR:
        return None, {**error(question, f"{name}-year", f"{label} must be in or after {EARLIEST_YEAR}"), "parts": ["year"]}
    if not 1 <= day <= days_in_month(year, month):
        return None, error(question, f"{name}-day", f"{label} must be a real date")
    return datetime.date(year, month, day), None


def not_after(d: datetime.date, today: datetime.date, question: str, name: str, label: str):
    """Error unless ``d`` is today or in the past."""
    if d > today:
        return error(question, f"{name}-day", f"{label} must be today or in the past")
    return None


def not_before(d: datetime.date, earlier: datetime.date, question: str, name: str, label: str, earlier_text: str):
    """Error unless ``d`` is the same as or after ``earlier`` (``earlier_text``: "the date you complained")."""
    if d < earlier:
        return error(question, f"{name}-day", f"{label} must be the same as or after {earlier_text}")
    return None


def in_calendar(d: datetime.date, calendar: WorkingCalendar, question: str, name: str):
    """Error unless the working-day data covers ``d``."""
    try:
        calendar.check(d)
    except DateOutOfRange as e:
        return error(question, f"{name}-day", str(e))
    return None


def date_text(d: datetime.date) -> str:
    return long_date(d, weekday=False)
