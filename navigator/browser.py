"""The browser's single entry point: JSON in, JSON out.

The page's web worker runs Pyodide and calls ``handle(request_json)`` for
everything. ``handle`` never raises: a request it cannot understand, or an
internal error, gives ``{"kind": "error", "message": "..."}``.

Load the rule data once per worker (it is cached here, the navigator's only
state)::

    {"action": "load", "rules": {...rules.json...}}
    -> {"kind": "loaded", "first_date": "2015-01-01", "last_date": "2036-12-31", "receipt": "day0"}

Next step of the questions (``rules`` may be given here instead of loaded;
``today`` is the browser's date, ISO)::

    {"action": "next", "today": "2026-11-23",
     "answers": {"service": "council_service", "request_type": "complaint", "complainant": "self",
                 "out_of_scope": ["none"],
                 "happened": {"day": "2", "month": "3", "year": "2026"},
                 "found_out": {"day": "2", "month": "3", "year": "2026"},
                 "complained_yet": "yes", "complained": {"day": "10", "month": "3", "year": "2026"}}}
    -> {"kind": "question",
        "question": {"id": "stage", "type": "stage", "title": "Where is your complaint now?", "hint": null,
                     "options": [{"value": "stage1", "label": "Stage 1: Service investigation", "hint": null}, ...],
                     "fields": [{"id": "responded", "type": "date", "label": "Date of our reply",
                                 "hint": "...", "optional": true, "stages": ["stage1", "stage2"],
                                 "inputs": ["responded-day", "responded-month", "responded-year"],
                                 "label_by_stage": {"stage1": "Date of our reply at stage 1", ...}}, ...]},
        "answers": {...the answers that still apply...},
        "summary": [{"question": "service", "title": "What is your complaint about?",
                     "answer_text": "A council service, ..."}, ...]}

A wrong answer::

    {"action": "next", "today": "2026-11-23", "answers": {..., "complained": {"day": "31", "month": "2", "year": "2026"}}}
    -> {"kind": "errors", "question": "complained",
        "errors": [{"question": "complained", "field": "complained-day",
                    "message": "Date you complained must be a real date"}],
        "definition": {...the question, as above...}, "answers": {...}, "summary": [...]}

Every question answered::

    -> {"kind": "result", "result": {"outcome": "complaint", "message": "...", "procedure": {...},
                                     "time_limit": {...}, "timeline": [...], "overdue": [...], ...},
        "answers": {...}, "summary": [...]}

Working-day sums (the content's convention applies to ``add``)::

    {"action": "add", "date": "2026-04-04", "days": 1}
    -> {"kind": "date", "date": "2026-04-07", "date_text": "Tuesday 7 April 2026", "receipt": "day0"}
    {"action": "between", "start": "2026-12-24", "end": "2027-01-04"}
    -> {"kind": "between", "working_days": 4, "closed": [{"date": "2026-12-25", "date_text": "...",
        "reason": "Christmas Day"}, ...]}
    {"action": "holidays", "year": 2026}
    -> {"kind": "holidays", "year": 2026, "closed": [{"date": "2026-01-01", "date_text": "...", "reason": "New Year's Day"}, ...]}

A date outside the working-day data gives ``{"kind": "error", "message":
"We can only work out dates up to 31 December 2036"}``.

From a form (the working-days calculator page), ``add`` and ``between`` also
take dates as day/month/year parts and ``days`` as typed; then anything wrong
comes back field by field, as for ``next``, and ``add`` lists the days
closed in between::

    {"action": "add", "date": {"day": "4", "month": "4", "year": "2026"}, "days": "10"}
    -> {"kind": "date", ..., "closed": [...]}
    {"action": "between", "start": {"day": "31", "month": "2", "year": "2026"}, "end": {...}}
    -> {"kind": "errors", "errors": [{"question": "between", "field": "start-day",
                                      "message": "Start date must be a real date"}]}

Input ids: ``date-day``/``-month``/``-year`` and ``days`` for ``add``;
``start-...`` and ``end-...`` for ``between``.
"""
from __future__ import annotations

import datetime
import json

from . import answers as A
from .calendar import DateOutOfRange
from .dates import long_date, parse_iso
from .decide import decide
from .flow import first_question
from .rules import RulesError, load_rules

_cache: dict = {"rules": None}
"""The rule data loaded by ``{"action": "load"}``: the only state in the navigator."""


class RequestError(ValueError):
    """A request the browser should not have sent; its message is returned."""


def handle(request_json: str) -> str:
    """Answer one JSON request with one JSON reply. Never raises."""
    try:
        reply = _handle(json.loads(request_json))
    except RequestError as e:
        reply = {"kind": "error", "message": str(e)}
    except DateOutOfRange as e:
        reply = {"kind": "error", "message": str(e)}
    except RulesError as e:
        reply = {"kind": "error", "message": str(e)}
    except (ValueError, TypeError) as e:
        reply = {"kind": "error", "message": f"The request is not valid JSON: {e}"
                 if isinstance(e, json.JSONDecodeError) else f"The request is not valid: {e}"}
    except Exception as e:  # noqa: BLE001 -- the browser must always get an answer
        reply = {"kind": "error", "message": f"Something went wrong in the navigator ({type(e).__name__})."}
    try:
        return json.dumps(reply)
    except Exception:  # noqa: BLE001
        return json.dumps({"kind": "error", "message": "Something went wrong in the navigator."})


def _rules(request: dict):
    if request.get("rules") is not None:
        return load_rules(request["rules"])
    if _cache["rules"] is None:
        raise RequestError("No rule data: send {\"action\": \"load\", \"rules\": ...} first.")
    return _cache["rules"]


def _date(request: dict, key: str) -> datetime.date:
    try:
        return parse_iso(request.get(key))
    except (ValueError, TypeError):
        raise RequestError(f"'{key}' must be a date in the form YYYY-MM-DD") from None


def _int(request: dict, key: str) -> int:
    value = request.get(key)
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise RequestError(f"'{key}' must be a whole number of 0 or more")
    return value


def _closed(days) -> list[dict]:
    return [{"date": d.isoformat(), "date_text": long_date(d), "reason": reason} for d, reason in days]


FORM_DATES = {"date": ("Date to count from", "Enter the date to count from"),
              "start": ("Start date", "Enter the start date"),
              "end": ("End date", "Enter the end date")}
DAYS_LIMIT = 5000


def _form(request: dict, action: str, cal) -> dict:
    """``add`` or ``between`` from form fields: the values, or ``{"kind": "errors", ...}``."""
    errors, values = [], {}
    for key in ("date",) if action == "add" else ("start", "end"):
        label, enter = FORM_DATES[key]
        d, err = A.read_date(request.get(key), action, key, label, enter)
        err = err or (A.in_calendar(d, cal, action, key) if d else None)
        if err:
            errors.append(err)
        else:
            values[key] = d
    if action == "add":
        raw = request.get("days")
        text = str(raw).strip() if isinstance(raw, (str, int)) and not isinstance(raw, bool) else ""
        if not text:
            errors.append(A.error(action, "days", "Enter the number of working days"))
        elif not (text.isascii() and text.isdigit()) or int(text) > DAYS_LIMIT:
            errors.append(A.error(action, "days",
                                  f"Number of working days must be a whole number from 0 to {DAYS_LIMIT}"))
        else:
            values["days"] = int(text)
    if not errors and action == "between" and values["end"] < values["start"]:
        errors.append(A.error(action, "end-day", "End date must be the same as or after the start date"))
    if errors:
        return {"kind": "errors", "errors": errors}
    if action == "add":
        try:
            d = cal.due_date(values["date"], values["days"])
        except DateOutOfRange as e:
            return {"kind": "errors", "errors": [A.error(action, "days", str(e))]}
        day0 = cal.received_on(values["date"])  # the day counted from: the date given, or the next working day
        return {"kind": "date", "date": d.isoformat(), "date_text": long_date(d), "receipt": cal.receipt,
                "start": values["date"].isoformat(), "start_text": long_date(values["date"]),
                "days": values["days"], "closed": _closed(cal.closed_days_skipped(values["date"], d)),
                # is the start date day 0? said with the answer, naming the day
                "counting_text": f"We do not count {long_date(day0)} itself. We start counting on the next working day.",
                "counted_from_text": long_date(day0) if day0 != values["date"] else None}
    start, end = values["start"], values["end"]
    return {"kind": "between", "working_days": cal.working_days_between(start, end),
            "start": start.isoformat(), "start_text": long_date(start), "end": end.isoformat(),
            "end_text": long_date(end), "closed": _closed(cal.closed_days_skipped(start, end))}


def _handle(request) -> dict:
    if not isinstance(request, dict):
        raise RequestError("The request must be a JSON object with an 'action'")
    action = request.get("action")
    if action == "load":
        rules = load_rules(request.get("rules"))
        _cache["rules"] = rules
        cal = rules.calendar
        return {"kind": "loaded", "first_date": cal.first.isoformat(), "last_date": cal.last.isoformat(),
                "receipt": cal.receipt}
    rules = _rules(request)
    cal = rules.calendar
    if action == "next":
        return decide(rules, request.get("answers") or {}, _date(request, "today"))
    if action == "first_question":
        return {"kind": "question", "question": first_question(rules), "answers": {}, "summary": []}
    if action in ("add", "between") and any(isinstance(request.get(k), dict) for k in ("date", "start", "end")):
        return _form(request, action, cal)
    if action == "add":
        d = cal.due_date(_date(request, "date"), _int(request, "days"))
        return {"kind": "date", "date": d.isoformat(), "date_text": long_date(d), "receipt": cal.receipt}
    if action == "between":
        start, end = _date(request, "start"), _date(request, "end")
        return {"kind": "between", "working_days": cal.working_days_between(start, end),
                "closed": _closed(cal.closed_days_skipped(start, end))}
    if action == "holidays":
        year = request.get("year")
        if isinstance(year, bool) or not isinstance(year, int) or not datetime.MINYEAR <= year <= datetime.MAXYEAR:
            raise RequestError("'year' must be a year, for example 2026")
        return {"kind": "holidays", "year": year, "closed": _closed(cal.holidays_in_year(year))}
    raise RequestError("'action' must be one of: load, next, first_question, add, between, holidays")
