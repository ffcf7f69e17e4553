"""navigator.browser.handle: JSON in, JSON out, never raises."""
from __future__ import annotations

import datetime
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from navigator import browser


@pytest.fixture
def loaded(rules):
    reply = json.loads(browser.handle(json.dumps({"action": "load", "rules": rules})))
    assert reply == {"kind": "loaded", "first_date": rules["calendar"]["first_date"],
                     "last_date": rules["calendar"]["last_date"], "receipt": rules["calendar"]["receipt"]}
    return rules


def ask(request) -> dict:
    return json.loads(browser.handle(json.dumps(request)))


def test_next_first_question(loaded):
    reply = ask({"action": "next", "answers": {}, "today": "2026-11-23"})
    assert reply["kind"] == "question" and reply["question"]["id"] == "service"
    assert reply["answers"] == {} and reply["summary"] == []


def test_rules_can_come_with_the_request(rules):
    rules["procedures"]["corporate"]["stages"][0]["respond"]["working_days"] = 12
    answers = {"service": "council_service", "request_type": "complaint", "complainant": "self",
               "out_of_scope": ["none"], "happened": {"day": "1", "month": "11", "year": "2026"},
               "found_out": {"day": "1", "month": "11", "year": "2026"}, "complained_yet": "yes",
               "complained": {"day": "2", "month": "11", "year": "2026"}, "stage": "stage1"}
    reply = ask({"action": "next", "answers": answers, "today": "2026-11-23", "rules": rules})
    assert reply["kind"] == "result"
    respond = next(i for i in reply["result"]["timeline"] if i["id"] == "respond")
    assert respond["date"] == "2026-11-18"


def test_errors_reply(loaded):
    reply = ask({"action": "next", "today": "2026-11-23",
                 "answers": {"service": "council_service", "request_type": "complaint", "complainant": "self",
                             "out_of_scope": ["none"], "happened": {"day": "31", "month": "2", "year": "2026"},
                             "found_out": {"day": "1", "month": "3", "year": "2026"}}})
    assert reply["kind"] == "errors" and reply["question"] == "problem_dates"
    assert reply["errors"] == [{"question": "problem_dates", "field": "happened-day",
                                "message": "Date the problem happened must be a real date"}]
    assert reply["definition"]["id"] == "problem_dates"


@pytest.mark.parametrize("request_,expected", [
    ({"action": "add", "date": "2026-04-04", "days": 3},
     {"kind": "date", "date": "2026-04-09", "date_text": "Thursday 9 April 2026", "receipt": "day0"}),
    ({"action": "add", "date": "2036-12-30", "days": 5},
     {"kind": "error", "message": "We can only work out dates up to 31 December 2036"}),
    ({"action": "add", "date": "2026-02-31", "days": 5},
     {"kind": "error", "message": "'date' must be a date in the form YYYY-MM-DD"}),
    ({"action": "add", "date": "2026-02-01", "days": -1},
     {"kind": "error", "message": "'days' must be a whole number of 0 or more"}),
    ({"action": "fly"}, {"kind": "error",
                         "message": "'action' must be one of: load, next, first_question, add, between, holidays"}),
])
def test_date_actions(loaded, request_, expected):
    assert ask(request_) == expected


def test_between_and_holidays(loaded):
    reply = ask({"action": "between", "start": "2026-12-24", "end": "2027-01-04"})
    assert reply["working_days"] == 4
    assert [c["reason"] for c in reply["closed"]] == ["Christmas Day", "Boxing Day (substitute day)",
                                                      "New Year's Day"]
    reply = ask({"action": "holidays", "year": 2026})
    assert {"date": "2026-04-03", "date_text": "Friday 3 April 2026", "reason": "Good Friday"} in reply["closed"]
    assert ask({"action": "holidays", "year": 2040})["kind"] == "error"


# handle() turns any other exception into this reply so that the page always hears back; it is for
# bugs, so no request here, however wrong, may get it: each wrong request has an error of its own.
CATCH_ALL = "Something went wrong in the navigator"
# The same goes for a ValueError or TypeError from inside the navigator, which handle() reports as
# "The request is not valid: <the exception>"; only a request that is not text may get that.
NOT_VALID = "The request is not valid: "
KINDS = ("question", "errors", "result", "date", "between", "holidays", "error", "loaded")


def assert_intended(reply: dict) -> None:
    """The reply is one handle() means to give, not the cover for an exception."""
    assert reply["kind"] in KINDS, reply
    if reply["kind"] == "error":
        assert not reply["message"].startswith(CATCH_ALL), reply["message"]
        assert not reply["message"].startswith(NOT_VALID), reply["message"]


@pytest.mark.parametrize("text,message", [
    ("{not json", "The request is not valid JSON: Expecting property name enclosed in double quotes: "
                  "line 1 column 2 (char 1)"),
    ("[1, 2]", "The request must be a JSON object with an 'action'"),
    (json.dumps({"action": "load", "rules": {"calendar": 1}}), "The rule data is not valid: KeyError: 'contacts'"),
    (json.dumps({"action": "load"}), "The rule data must be a JSON object"),
])
def test_bad_requests_are_errors(text, message):
    reply = json.loads(browser.handle(text))
    assert reply == {"kind": "error", "message": message}
    assert not message.startswith((CATCH_ALL, NOT_VALID))


def test_a_request_that_is_not_text_is_not_valid():
    reply = json.loads(browser.handle(None))  # type: ignore[arg-type]
    assert reply == {"kind": "error",
                     "message": "The request is not valid: the JSON object must be str, bytes or bytearray, not NoneType"}


@pytest.mark.parametrize("answers", [[1], "x", 5, None, {}])
def test_answers_that_are_not_an_object_start_the_questions_again(loaded, answers):
    reply = ask({"action": "next", "today": "2026-11-23", "answers": answers})
    assert reply["kind"] == "question" and reply["question"]["id"] == "service"


json_values = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=10),
                           lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner,
                                                                                        max_size=4), max_leaves=10)
# Answers near a real path (the module docstring's), each value kept, dropped, or swapped for another
# question's value or for any JSON, so that most requests go deep into the questions and the result.
PATH = {"service": "council_service", "request_type": "complaint", "complainant": "self", "out_of_scope": ["none"],
        "happened": {"day": "2", "month": "3", "year": "2026"}, "found_out": {"day": "2", "month": "3", "year": "2026"},
        "complained_yet": "yes", "complained": {"day": "10", "month": "3", "year": "2026"}, "stage": "stage1",
        "responded": {"day": "20", "month": "3", "year": "2026"}, "extended": "yes",
        "as_at": {"day": "23", "month": "11", "year": "2026"}}
OTHER_VALUES = ["adults_social_care", "children_social_care", "social_care_unsure", "send_iass", "school",
                "first_request", "comment", "someone_else", "no", "informal", "stage2", "stage3", "2026-13-01",
                "2026-03-02", {"day": "31", "month": "2", "year": "2026"}, {"day": "1", "month": "1", "year": "2037"}]
DROP = object()


def _changed(changes) -> dict:
    answers = dict(PATH)
    for question, value in changes:
        if value is DROP:
            answers.pop(question, None)
        else:
            answers[question] = value
    return answers


answers = st.lists(st.tuples(st.sampled_from(list(PATH)), st.just(DROP) | st.sampled_from(OTHER_VALUES) | json_values),
                   max_size=3).map(_changed) | json_values
any_requests = st.fixed_dictionaries(
    {"action": st.sampled_from(["next", "add", "between", "holidays", "first_question", "x"])},
    optional={"answers": answers, "today": st.dates().map(str) | json_values, "date": st.dates().map(str) | json_values,
              "days": st.integers(-5, 400) | json_values, "start": st.dates().map(str), "end": st.dates().map(str),
              "year": st.integers(1, 9999) | json_values})
# "next" with today's date in the working-day data, so that the answers are read
next_requests = st.fixed_dictionaries(
    {"action": st.just("next"), "answers": answers,
     "today": st.just("2026-11-23") | st.dates(datetime.date(2015, 1, 1), datetime.date(2036, 12, 31)).map(str)})
requests = next_requests | any_requests


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(request_=requests)
def test_handle_never_raises_for_any_request(loaded, request_):
    assert_intended(json.loads(browser.handle(json.dumps(request_))))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=40) | json_values.map(json.dumps) | requests.map(json.dumps))
def test_handle_never_raises_for_any_text(loaded, text):
    assert_intended(json.loads(browser.handle(text)))


def test_form_add_and_between(loaded):
    reply = ask({"action": "add", "date": {"day": "4", "month": "4", "year": "2026"}, "days": "3"})
    assert reply["kind"] == "date" and reply["date"] == "2026-04-09" and reply["days"] == 3
    assert [c["reason"] for c in reply["closed"]] == ["Easter Monday"]
    assert reply["counted_from_text"] is None  # counted from the date given (day 0)
    assert reply["counting_text"] == "We do not count Saturday 4 April 2026 itself. We start counting on the next working day."
    reply = ask({"action": "between", "start": {"day": "24", "month": "12", "year": "2026"},
                 "end": {"day": "4", "month": "1", "year": "2027"}})
    assert reply["kind"] == "between" and reply["working_days"] == 4 and len(reply["closed"]) == 3
    # Counted after the start date: a bank holiday on it is not one the count skipped.
    reply = ask({"action": "between", "start": {"day": "25", "month": "12", "year": "2026"},
                 "end": {"day": "28", "month": "12", "year": "2026"}})
    assert reply["working_days"] == 0 and [c["reason"] for c in reply["closed"]] == ["Boxing Day (substitute day)"]
    reply = ask({"action": "add", "date": {"day": "25", "month": "12", "year": "2026"}, "days": "1"})
    assert reply["date"] == "2026-12-29" and [c["reason"] for c in reply["closed"]] == ["Boxing Day (substitute day)"]


@pytest.mark.parametrize("request_,errors", [
    ({"action": "add", "date": {"day": "31", "month": "2", "year": "2026"}, "days": "3"},
     [("date-day", "Date to count from must be a real date")]),
    ({"action": "add", "date": {"day": "", "month": "", "year": ""}, "days": ""},
     [("date-day", "Enter the date to count from"), ("days", "Enter the number of working days")]),
    ({"action": "add", "date": {"day": "1", "month": "", "year": "2026"}, "days": "x"},
     [("date-month", "Date to count from must include a month"),
      ("days", "Number of working days must be a whole number from 0 to 5000")]),
    ({"action": "between", "start": {"day": "5", "month": "1", "year": "2027"},
      "end": {"day": "4", "month": "1", "year": "2027"}},
     [("end-day", "End date must be the same as or after the start date")]),
    ({"action": "between", "start": {"day": "5", "month": "1", "year": "2040"},
      "end": {"day": "4", "month": "1", "year": "2027"}},
     [("start-day", "We can only work out dates up to 31 December 2036")]),
])
def test_form_errors(loaded, request_, errors):
    reply = ask(request_)
    assert reply["kind"] == "errors"
    assert [(e["field"], e["message"]) for e in reply["errors"]] == errors


def test_the_calculator_says_which_day_it_counted_from_under_the_next_working_day_convention(rules):
    # DOMAIN: the content option; Saturday 4 April 2026 counts as received on Tuesday 7 April (after Easter Monday)
    rules["calendar"]["receipt"] = "next_working_day"
    ask({"action": "load", "rules": rules})
    try:
        reply = ask({"action": "add", "date": {"day": "4", "month": "4", "year": "2026"}, "days": "3"})
    finally:  # the loaded rules are kept between requests: leave the usual ones for whatever runs next
        rules["calendar"]["receipt"] = "day0"
        ask({"action": "load", "rules": rules})
    assert (reply["date"], reply["counted_from_text"]) == ("2026-04-10", "Tuesday 7 April 2026")
    assert reply["counting_text"] == "We do not count Tuesday 7 April 2026 itself. We start counting on the next working day."
