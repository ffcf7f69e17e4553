"""Every kind of bad date: the exact message from Python next to the field and in the error
summary, focus on the summary, its links focus the exact input, "Error: " in the title."""
from __future__ import annotations

import pytest

from navsupport import CORPORATE_OVERDUE, answer_all, api_next, date, fill_question, open_navigator, submit

BASE = {k: CORPORATE_OVERDUE[k] for k in ("service", "request_type", "complainant", "out_of_scope")}
DATES = {"happened": date("2026-03-02"), "found_out": date("2026-03-02")}


@pytest.mark.parametrize("answers,stop,field,message", [
    ({**BASE, "happened": {"day": "31", "month": "2", "year": "2026"}, "found_out": date("2026-03-02")},
     "problem_dates", "happened-day", "Date the problem happened must be a real date"),
    ({**BASE, "happened": {"day": "2", "month": "", "year": "2026"}, "found_out": date("2026-03-02")},
     "problem_dates", "happened-month", "Date the problem happened must include a month"),
    ({**BASE, "happened": date("2026-03-02"), "found_out": {"day": "2", "month": "3", "year": ""}},
     "problem_dates", "found_out-year", "Date you found out about the problem must include a year"),
    ({**BASE, "happened": date("2026-12-25"), "found_out": date("2026-12-25")},
     "problem_dates", "happened-day", "Date the problem happened must be today or in the past"),
    ({**BASE, "happened": date("2026-03-02"), "found_out": date("2026-03-01")},
     "problem_dates", "found_out-day",
     "Date you found out about the problem must be the same as or after the date the problem happened"),
    ({**BASE, **DATES, "complained_yet": "yes", "complained": date("2026-02-01")},
     "complained", "complained-day", "Date you complained must be the same as or after the date the problem happened"),
    ({**BASE, **DATES, "complained_yet": "yes", "complained": date("2026-03-10"), "stage": "stage1",
      "responded": date("2026-03-09")},
     "stage", "responded-day", "Date of our reply at stage 1 must be the same as or after the date you complained"),
])
def test_date_errors(page, site_dir, answers, stop, field, message):
    expected = api_next(site_dir, answers)
    assert expected["kind"] == "errors" and expected["errors"][0]["field"] == field
    assert expected["errors"][0]["message"] == message
    open_navigator(page)
    answer_all(page, answers, stop_at=stop)
    fill_question(page, stop, answers)
    submit(page)
    summary = page.locator(".error-summary")
    assert summary.is_visible()
    assert page.evaluate("document.activeElement.classList.contains('error-summary')")
    assert page.title().startswith("Error: ")
    link = summary.locator("a", has_text=message)
    assert link.get_attribute("href") == f"#{field}"
    name = field.rsplit("-", 1)[0]
    assert page.text_content(f"#{name}-error") == f"Error: {message}"
    described = page.get_attribute(f"[data-field={name}] fieldset", "aria-describedby")
    assert f"{name}-error" in described.split()
    url = page.url
    link.click()
    assert page.evaluate("document.activeElement.id") == field
    assert page.url == url  # focus moved without touching the fragment


def test_nothing_selected(page):
    open_navigator(page)
    submit(page)
    assert page.inner_text(".error-summary a") == "Select what your complaint is about"
    assert page.text_content("#service-error") == "Error: Select what your complaint is about"
    page.click(".error-summary a")
    assert page.evaluate("document.activeElement.id") == "service"


def test_none_of_these_is_exclusive(page):
    open_navigator(page)
    answer_all(page, {**BASE, "out_of_scope": ["schools"]}, stop_at="out_of_scope")
    page.check("input[name=out_of_scope][value=schools]")
    page.check("input[name=out_of_scope][value=none]")
    assert not page.is_checked("input[name=out_of_scope][value=schools]")


# GOV.UK date input: the error marks the boxes it is about, and only those.
@pytest.mark.parametrize("happened, message, marked", [
    ({"day": "2", "month": "", "year": ""}, "Date the problem happened must include a month and year",
     {"day": None, "month": "true", "year": "true"}),
    ({"day": "1", "month": "1", "year": "0001"}, "Date the problem happened must be in or after 1900",
     {"day": None, "month": None, "year": "true"}),
    ({"day": "2", "month": "Smarch", "year": "2026"}, "Date the problem happened must be a real date",
     {"day": None, "month": "true", "year": None}),
], ids=["two parts missing", "a year too early", "a word that is not a month"])
def test_a_date_error_marks_the_boxes_it_is_about(page, happened, message, marked):
    answers = {**BASE, "happened": happened, "found_out": date("2026-03-02")}
    open_navigator(page)
    answer_all(page, answers, stop_at="problem_dates")
    fill_question(page, "problem_dates", answers)
    submit(page)
    assert page.inner_text(".error-summary a") == message
    assert {part: page.get_attribute(f"#happened-{part}", "aria-invalid") for part in ("day", "month", "year")} == marked
