"""Bad answers: the exact error line, and the field it belongs to (GOV.UK error message style)."""
from __future__ import annotations

import datetime

import pytest

from navigator.decide import decide

TODAY = datetime.date(2026, 11, 23)


def dmy(day, month, year):
    return {"day": day, "month": month, "year": year}


# (answers changed from a complete complaint, question, field, message)
ERROR_CASES = [
    ({"complained": dmy("31", "2", "2026")}, "complained", "complained-day", "Date you complained must be a real date"),
    ({"complained": dmy("10", "", "2026")}, "complained", "complained-month", "Date you complained must include a month"),
    ({"complained": dmy("", "3", "")}, "complained", "complained-day", "Date you complained must include a day and year"),
    ({"complained": dmy("", "", "")}, "complained", "complained-day", "Enter the date you complained"),
    ({"complained": dmy("10", "13", "2026")}, "complained", "complained-month", "Date you complained must be a real date"),
    ({"complained": dmy("x", "3", "2026")}, "complained", "complained-day", "Date you complained must be a real date"),
    ({"complained": dmy("10", "3", "26")}, "complained", "complained-year",
     "Date you complained must include a year with 4 numbers"),
    ({"complained": dmy("29", "2", "2025")}, "complained", "complained-day", "Date you complained must be a real date"),
    ({"happened": dmy("1", "1", "0001")}, "problem_dates", "happened-year",
     "Date the problem happened must be in or after 1900"),
    ({"complained": dmy("", "", "2026")}, "complained", "complained-day", "Date you complained must include a day and month"),
    ({"complained": dmy("1", "3", "2026")}, "complained", "complained-day",
     "Date you complained must be the same as or after the date the problem happened"),
    ({"complained": dmy("24", "11", "2026")}, "complained", "complained-day",
     "Date you complained must be today or in the past"),
    ({"happened": dmy("24", "11", "2026")}, "problem_dates", "happened-day",
     "Date the problem happened must be today or in the past"),
    ({"found_out": dmy("1", "3", "2026")}, "problem_dates", "found_out-day",
     "Date you found out about the problem must be the same as or after the date the problem happened"),
    ({"happened": dmy("", "", "")}, "problem_dates", "happened-day", "Enter the date the problem happened"),
    ({"stage": "stage1", "responded": dmy("9", "3", "2026")}, "stage", "responded-day",
     "Date of our reply at stage 1 must be the same as or after the date you complained"),
    ({"stage": "stage1", "responded": dmy("9", "3", "")}, "stage", "responded-year",
     "Date of our reply at stage 1 must include a year"),
    ({"stage": "stage2", "stage_received": dmy("9", "3", "2026")}, "stage", "stage_received-day",
     "Date you asked for stage 2 must be the same as or after the date you complained"),
    ({"stage": "stage2"}, "stage", "stage_received-day", "Enter the date you asked for stage 2"),
    ({"stage": "stage2", "stage_received": dmy("1", "6", "2026"), "responded": dmy("31", "5", "2026")}, "stage",
     "responded-day", "Date of our reply at stage 2 must be the same as or after the date you asked for stage 2"),
    ({"service": "children_social_care", "stage": "stage3", "stage_received": dmy("1", "6", "2026"),
      "panel": dmy("20", "7", "2026"), "responded": dmy("10", "7", "2026")}, "stage", "responded-day",
     "Date of our reply at stage 3 must be the same as or after the date of the review panel"),  # App. 1 para 6c
    # GOV.UK radios: a value that is not one of the options (a hand-edited share link) gets the same
    # error as no choice, as every other radio question here does ("nonsense", "maybe" below)
    ({"stage": "stage9"}, "stage", "stage", "Select where your complaint is now"),
    ({"stage": 5}, "stage", "stage", "Select where your complaint is now"),
    ({"stage": ""}, "stage", "stage", "Select where your complaint is now"),
    ({"service": ""}, "service", "service", "Select what your complaint is about"),
    ({"service": "  "}, "service", "service", "Select what your complaint is about"),
    ({"service": "nonsense"}, "service", "service", "Select what your complaint is about"),
    ({"request_type": ""}, "request_type", "request_type", "Select which of these it is"),
    ({"complainant": []}, "complainant", "complainant", "Select who the complaint is for"),
    ({"out_of_scope": []}, "out_of_scope", "out_of_scope",
     "Select if it is about any of these, or select ‘None of these’"),
    ({"out_of_scope": ["none", "schools"]}, "out_of_scope", "out_of_scope",
     "Select ‘None of these’ on its own, or select what it is about"),
    ({"complained_yet": "maybe"}, "complained_yet", "complained_yet", "Select yes if you have already made a formal complaint to us"),
    ({"happened": "2014-06-01", "found_out": "2014-06-01", "complained": dmy("1", "7", "2014")}, "complained",
     "complained-day", "We can only work out dates from 1 January 2015"),
    ({"stage": "stage1", "as_at": dmy("5", "1", "2037")}, "as_at", "as_at-day",
     "We can only work out dates up to 31 December 2036"),
    ({"stage": "stage1", "as_at": dmy("5", "", "2037")}, "as_at", "as_at-month",
     "Date to work out the statuses on must include a month"),
    # complained 10 March 2026: dates as at 1 March would describe a complaint not yet made
    ({"stage": "stage1", "as_at": dmy("1", "3", "2026")}, "as_at", "as_at-day",
     "Date to work out the statuses on must be the same as or after the date you complained"),
    ({"stage": "stage2", "stage_received": dmy("1", "4", "2026"), "as_at": dmy("20", "3", "2026")}, "as_at",
     "as_at-day", "Date to work out the statuses on must be the same as or after the date you asked for stage 2"),
    # A stage recorded for this procedure that is not one of its stages (a hand-edited link): an error
    ({"stage": "stage3", "stage_procedure": "corporate"}, "stage", "stage", "Select where your complaint is now"),
    # 11.2: the new date in an update comes after the complaint
    ({"stage": "stage1", "new_date": dmy("1", "3", "2026")}, "stage", "new_date-day",
     "New date in our update at stage 1 must be the same as or after the date you complained"),
]


@pytest.mark.parametrize("changes,question,field,message", ERROR_CASES)
def test_error_lines(R, complaint, changes, question, field, message):
    step = decide(R, complaint(**changes), TODAY)
    assert step["kind"] == "errors", step.get("question")
    assert step["question"] == question
    assert {k: v for k, v in step["errors"][0].items() if k != "parts"} == {
        "question": question, "field": field, "message": message}
    if "must include a " in message:  # every box to mark, as the message lists them
        parts = message.split("must include a ")[1].replace(" with 4 numbers", "").replace(",", " and").split(" and ")
        if "4 numbers" not in message:
            assert step["errors"][0]["parts"] == [p.strip() for p in parts if p.strip()]


# 4.1: someone complaining for another person, or for their child, is asked about "the complaint",
# not "you": either of them may have made it. (complainant, answers changed, the question shown or
# the exact error line)
SOMEONE_ELSE = "representative_with_permission"
FOR_SOMEONE_ELSE_CASES = [
    (SOMEONE_ELSE, {"complained_yet": None, "complained": None}, "Has a formal complaint already been made to us?"),
    ("parent_or_carer", {"complained": None}, "When was the complaint made?"),
    (SOMEONE_ELSE, {}, "Where is the complaint now?"),
    ("self", {}, "Where is your complaint now?"),
    ("child_or_young_person", {"complained": None}, "When did you complain?"),
    (SOMEONE_ELSE, {"complained_yet": "maybe"}, "Select yes if a formal complaint has already been made to us"),
    (SOMEONE_ELSE, {"complained": dmy("", "", "")}, "Enter the date the complaint was made"),
    (SOMEONE_ELSE, {"complained": dmy("1", "3", "2026")},
     "Date the complaint was made must be the same as or after the date the problem happened"),
    (SOMEONE_ELSE, {"stage": "stage2"}, "Enter the date stage 2 was asked for"),
    (SOMEONE_ELSE, {"stage": "stage2", "stage_received": dmy("9", "3", "2026")},
     "Date stage 2 was asked for must be the same as or after the date the complaint was made"),
    (SOMEONE_ELSE, {"stage": "stage2", "stage_received": dmy("1", "6", "2026"), "responded": dmy("31", "5", "2026")},
     "Date of our reply at stage 2 must be the same as or after the date stage 2 was asked for"),
    (SOMEONE_ELSE, {"stage": "stage1", "as_at": dmy("1", "3", "2026")},
     "Date to work out the statuses on must be the same as or after the date the complaint was made"),
    (SOMEONE_ELSE, {"stage": ""}, "Select where the complaint is now"),
]


@pytest.mark.parametrize("complainant,changes,said", FOR_SOMEONE_ELSE_CASES)
def test_someone_complaining_for_another_is_asked_about_the_complaint(R, complaint, complainant, changes, said):
    step = decide(R, complaint(complainant=complainant, **changes), TODAY)
    if step["kind"] == "errors":
        assert step["errors"][0]["message"] == said
    else:
        assert step["kind"] == "question" and step["question"]["title"] == said


def test_for_someone_else_the_date_questions_do_not_say_you_made_the_complaint(R, complaint):
    step = decide(R, complaint(complainant=SOMEONE_ELSE, complained=None), TODAY)
    [field] = step["question"]["fields"]
    assert (field["label"], field["hint"]) == (
        "Date the complaint was made", "The date a formal complaint was first made to us. If it was posted, give the "
        "date it arrived. If you do not know, give the date it was posted. For example, 27 3 2026.")
    step = decide(R, complaint(complainant=SOMEONE_ELSE, service="children_social_care"), TODAY)
    received = next(f for f in step["question"]["fields"] if f["id"] == "stage_received")
    assert received["label"] == "Date this stage was asked for"
    assert received["label_by_stage"]["stage3"] == "Date stage 3 was asked for"
    assert step["summary"][2]["title"] == "Who is the complaint for?"
    assert [row["title"] for row in step["summary"]][-2:] == [
        "Has a formal complaint already been made to us?", "When was the complaint made?"]


def test_for_someone_else_the_found_out_date_is_when_either_of_them_found_out(R, complaint):
    # 9.1, 13.1: the limits count from when the problem was known of; for another person (4.1) that
    # may be them or the one complaining for them, so "you found out" alone was wrong.
    step = decide(R, complaint(complainant=SOMEONE_ELSE, happened=None, found_out=None), TODAY)
    found_out = step["question"]["fields"][1]
    assert (found_out["label"], found_out["hint"]) == (
        "Date you or they found out about the problem",
        "The date you, or the person the complaint is for, first knew about it, whichever was earlier. Leave this "
        "blank if it was the day it happened.")
    step = decide(R, complaint(complainant=SOMEONE_ELSE, happened=dmy("10", "3", "2026"),
                               found_out=dmy("1", "3", "2026")), TODAY)
    assert [e["message"] for e in step["errors"]] == [
        "Date you or they found out about the problem must be the same as or after the date the problem happened"]
    step = decide(R, complaint(complainant=SOMEONE_ELSE, happened=dmy("2", "3", "2026"),
                               found_out=dmy("5", "3", "2026"), stage="stage1"), TODAY)
    dates = next(row for row in step["summary"] if row["question"] == "problem_dates")
    assert dates["answer_text"] == "It happened on 2 March 2026; you or they found out on 5 March 2026"
    # The person complaining for themselves is still asked about "you"
    assert decide(R, complaint(happened=None, found_out=None), TODAY)["question"]["fields"][1]["label"] == \
        "Date you found out about the problem"


@pytest.mark.parametrize("complainant,title", [("self", "Have we replied to your complaint?"),
                                               (SOMEONE_ELSE, "Have we replied to the complaint?")])
def test_with_one_stage_the_stage_question_asks_only_about_our_reply(R, complaint, complainant, title):
    # App. 2 para 7: one formal stage, so there is nothing to choose (re-test: one radio, already chosen)
    step = decide(R, complaint(service="adults_social_care", complainant=complainant), TODAY)
    assert (step["question"]["title"], step["question"]["hint"]) == (title, None)
    for responded, said in [(None, "No, not yet"), (dmy("20", "3", "2026"), "Yes, on 20 March 2026")]:
        answers = complaint(service="adults_social_care", complainant=complainant, stage="stage1", responded=responded)
        row = decide(R, answers, TODAY)["summary"][-1]
        assert (row["question"], row["title"], row["answer_text"]) == ("stage", title, said)
    # nothing to choose, so nothing chosen is that stage, not "Select where ..." (review: a hand-made link)
    step = decide(R, complaint(service="adults_social_care", complainant=complainant, stage=""), TODAY)
    assert step["kind"] == "result", step.get("errors")


def test_every_date_error_on_a_page_is_shown(R, complaint):
    step = decide(R, complaint(happened=dmy("31", "2", "2026"), found_out=dmy("32", "1", "2026")), TODAY)
    assert [e["message"] for e in step["errors"]] == [
        "Date the problem happened must be a real date", "Date you found out about the problem must be a real date"]


def test_a_blank_found_out_date_is_the_day_it_happened(R, complaint):
    # As its hint says: someone who found out the same day need not type the date twice
    step = decide(R, complaint(happened=dmy("2", "3", "2026"), found_out=dmy("", "", ""), stage="stage1"), TODAY)
    assert step["kind"] == "result", step.get("errors")
    blank = step["result"]["time_limit"]
    same = decide(R, complaint(happened=dmy("2", "3", "2026"), found_out=dmy("2", "3", "2026"), stage="stage1"),
                  TODAY)["result"]["time_limit"]
    assert blank == same


def test_iso_dates_are_accepted(R, complaint):
    assert decide(R, complaint(complained="2026-02-31"), TODAY)["errors"][0]["message"] == \
        "Date you complained must be a real date"
    assert decide(R, complaint(), TODAY)["kind"] == "question"


@pytest.mark.parametrize("month", ["3", "03", "Mar", "mar", "March", "MARCH", "mar."])
def test_a_month_can_be_typed_as_a_word(month):
    # GOV.UK date input: people type "Mar" or "March" as often as "3"
    from navigator.answers import read_date
    assert read_date(dmy("10", month, "2026"), "complained", "complained", "Date you complained",
                     "Enter the date you complained") == (datetime.date(2026, 3, 10), None)


@pytest.mark.parametrize("month", ["Marc", "ma", "13", "Sunday"])
def test_a_word_that_is_not_a_month_is_not_a_real_date(month):
    from navigator.answers import read_date
    d, err = read_date(dmy("10", month, "2026"), "complained", "complained", "Date you complained",
                       "Enter the date you complained")
    assert (d, err["message"], err["field"]) == (None, "Date you complained must be a real date", "complained-month")
    assert err["parts"] == ["month"]  # only the month box is marked


@pytest.mark.parametrize("day,month,year,parts", [
    ("ab", "cd", "efgh", ["day", "month", "year"]),  # every box that is wrong is marked, not only the first
    ("ab", "3", "2026", ["day"]),
    ("10", "3", "20x6", ["year"]),
    ("32", "cd", "2026", ["day", "month"]),  # a day past 31 cannot be right either (re-test)
    ("ab", "13", "2026", ["day", "month"]),
    ("32", "13", "2026", ["day", "month"]),
    ("32", "3", "26", ["day", "year"]),  # a 2-digit year too, with another box wrong (diff review)
])
def test_each_box_that_is_not_a_number_is_marked(day, month, year, parts):
    from navigator.answers import read_date
    d, err = read_date(dmy(day, month, year), "complained", "complained", "Date you complained",
                       "Enter the date you complained")
    assert (d, err["message"], err["field"], err["parts"]) == (
        None, "Date you complained must be a real date", f"complained-{parts[0]}", parts)
