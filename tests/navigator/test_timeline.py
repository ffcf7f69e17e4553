"""The policy's dates for each procedure. Each case cites the section it checks."""
from __future__ import annotations

import datetime
import itertools
import re

import pytest

from navigator.rules import load_rules
from navigator.timeline import stage_timeline, status, time_limit

D = datetime.date


def items(R, procedure, stage, received, as_at, **kw):
    p = R.procedures[procedure]
    found = stage_timeline(R, p, p.stage(stage), received, as_at, **kw)
    return {i["id"]: i for i in found["items"]}, found["overdue"]


# (section, procedure, stage, received, item, expected date) -- received on a working day unless stated
DUE_CASES = [
    ("14.1", "corporate", "stage1", D(2026, 4, 4), "acknowledge", D(2026, 4, 9)),        # Easter Saturday
    ("11.2", "corporate", "stage1", D(2026, 4, 4), "respond", D(2026, 4, 20)),           # Easter Saturday
    ("11.2", "corporate", "stage1", D(2026, 12, 24), "respond", D(2027, 1, 12)),         # Christmas, New Year
    ("14.1", "corporate", "stage1", D(2026, 12, 24), "acknowledge", D(2026, 12, 31)),
    ("11.2", "corporate", "stage1", D(2026, 3, 8), "respond", D(2026, 3, 20)),           # a Sunday
    ("12.2", "corporate", "stage2", D(2026, 6, 1), "respond", D(2026, 6, 29)),
    ("App. 2 para 7", "adults", "stage1", D(2026, 11, 2), "acknowledge", D(2026, 11, 5)),
    ("App. 2 para 7-8", "adults", "stage1", D(2026, 11, 2), "respond", D(2026, 11, 30)),
    ("App. 1 para 6a", "children", "stage1", D(2026, 11, 2), "respond", D(2026, 11, 16)),
    # 3 working days, not page 004's 2 (which would be Wednesday 27 May): Friday 22 May 2026, then the
    # Spring bank holiday on Monday 25 May; day 1 Tuesday 26, day 3 Thursday 28
    ("App. 1 para 6a", "children", "stage1", D(2026, 5, 22), "acknowledge", D(2026, 5, 28)),
    # "within 3 days": Thursday 24 December 2026; Christmas Day Friday 25, Boxing Day (substitute day) Monday 28;
    # day 1 Tuesday 29, day 3 Thursday 31
    ("App. 1 para 6b", "children", "stage2", D(2026, 12, 24), "acknowledge", D(2026, 12, 31)),
    ("App. 1 para 6b", "children", "stage2", D(2026, 11, 2), "respond", D(2026, 12, 7)),
    ("App. 1 para 6c", "children", "stage3", D(2026, 11, 2), "acknowledge", D(2026, 11, 4)),
    ("App. 3", "children", "stage3", D(2026, 11, 2), "panel", D(2026, 12, 14)),
    ("App. 1 para 6c", "children", "stage3", D(2026, 11, 2), "respond", D(2027, 1, 7)),  # 15 after the panel-by date
]


@pytest.mark.parametrize("section,procedure,stage,received,item,expected", DUE_CASES)
def test_due_dates(R, section, procedure, stage, received, item, expected):
    found, _ = items(R, procedure, stage, received, received)
    assert found[item]["date"] == expected.isoformat(), section
    assert section in found[item]["section"]


def test_children_complex_extension(R):
    # App. 1 para 6a: 10 working days, up to 20 if complex
    found, _ = items(R, "children", "stage1", D(2026, 11, 2), D(2026, 11, 2))
    assert found["respond"]["date"] == "2026-11-16"
    assert found["respond"]["maximum_date"] == "2026-11-30"
    assert found["respond"]["extended"] is False
    found, _ = items(R, "children", "stage1", D(2026, 11, 2), D(2026, 11, 20), extended=True)
    assert found["respond"]["date"] == "2026-11-30"
    assert found["respond"]["status"] == "upcoming" and found["respond"]["working_days"] == 6
    # App. 1 para 6b: aim 25, up to 65
    found, _ = items(R, "children", "stage2", D(2026, 11, 2), D(2026, 11, 2), extended=True)
    assert (found["respond"]["standard_date"], found["respond"]["date"]) == ("2026-12-07", "2027-02-04")


def test_children_stage3_uses_the_panel_date(R):
    # App. 3 (panel within 30), App. 1 para 6c (response 15 after the panel)
    found, _ = items(R, "children", "stage3", D(2026, 11, 2), D(2026, 11, 23), panel=D(2026, 11, 20))
    assert found["panel"]["date"] == "2026-11-20" and found["panel"]["status"] == "done"
    assert found["panel"]["panel_by"] == "2026-12-14"
    assert found["respond"]["date"] == "2026-12-11"
    # 6c counts from the panel's findings, which the navigator is not told: it says what it counts from.
    assert found["respond"]["rule"] == "within 15 working days of the panel's findings"
    assert found["respond"]["note"] == ("Counted from the panel's date. If its findings come later, the reply "
                                        "is due later.")


def test_adults_single_stage_ends_with_the_ombudsman(R):
    # App. 2 para 7-8: one stage; further concerns to the Service Recovery Team, then the Ombudsman
    found, _ = items(R, "adults", "stage1", D(2026, 11, 2), D(2026, 12, 1), responded=D(2026, 11, 27))
    assert "escalate" not in found
    # Something you may now do, not something done
    assert (found["ombudsman"]["status"], found["ombudsman"]["status_text"]) == ("open", "you can do this now")
    # App. 2 para 8: "advised to contact the Service Recovery Team at servicerecoveryteam@coventry.gov.uk
    # if they remain unhappy with the response ... to see if any further concerns can be resolved"
    assert "Service Recovery Team" in found["ombudsman"]["after"]
    contact = found["ombudsman"]["after_contact"]
    assert (contact["name"], contact["email"]) == ("Service Recovery Team", "servicerecoveryteam@coventry.gov.uk")


# 12.4: 20 working days from the date of our response; in time on the last day, late the day after.
# Yours to do, and you can still ask later with a reason: "passed", not "overdue".
@pytest.mark.parametrize("as_at,status,n", [
    (D(2026, 11, 27), "upcoming", 1),
    (D(2026, 11, 30), "due_today", 0),
    (D(2026, 12, 1), "passed", 1),
])
def test_last_day_to_escalate(R, as_at, status, n):
    found, _ = items(R, "corporate", "stage1", D(2026, 10, 19), as_at, responded=D(2026, 11, 2))
    assert found["escalate"]["date"] == "2026-11-30"
    assert (found["escalate"]["status"], found["escalate"]["working_days"]) == (status, n)
    assert found["escalate"]["section"] == "12.4"


# 12.1: Stage 2 if the complainant considers that "relevant information was not considered in
# investigating the complaint", "procedures have not been properly applied in managing the complaint"
# or "there has been an incorrect interpretation of Council policy". The site says each in plain
# English; each must still say that idea, in that order.
GROUNDS_12_1 = [
    ("relevant information not considered", r"relevant information", r"\bnot\b|\bn't\b|fail"),
    ("procedure not properly applied", r"procedure", r"\bnot\b|\bn't\b|fail|wrong"),
    ("policy wrongly interpreted", r"\bpolicy\b", r"wrong|incorrect|misinterpret|misread|misunderst"),
]


def test_grounds_for_stage_2(R):
    found, _ = items(R, "corporate", "stage1", D(2026, 10, 19), D(2026, 11, 27), responded=D(2026, 11, 2))
    grounds = found["escalate"]["grounds"]
    assert len(grounds) == len(GROUNDS_12_1), grounds
    for ground, (idea, subject, fault) in zip(grounds, GROUNDS_12_1):
        assert re.search(subject, ground, re.I) and re.search(fault, ground, re.I), (idea, ground)
    assert found["escalate"]["grounds_section"] == "12.1"


# Before you ask for the next stage, what asking sets going (its timescales, from the rule data)
NEXT_STAGE_CASES = [
    ("12.2", "corporate", "stage1", "If you ask for stage 2, we will reply within 20 working days of your request."),
    ("App. 1 para 6b", "children", "stage1",
     "If you ask for stage 2, we will acknowledge your request within 3 working days. We aim to reply within 25 "
     "working days of your request. It can take up to 65 working days if the investigation needs longer."),
    ("App. 1 para 6c; App. 3", "children", "stage2",
     "If you ask for stage 3, we will acknowledge your request within 2 working days. The review panel will meet "
     "within 30 working days of your request. We will reply within 15 working days of the panel's findings."),
]


@pytest.mark.parametrize("section,procedure,stage,text", NEXT_STAGE_CASES)
def test_asking_for_the_next_stage_says_its_timescales_first(R, section, procedure, stage, text):
    found, _ = items(R, procedure, stage, D(2026, 10, 1), D(2026, 11, 27), responded=D(2026, 11, 2))
    assert found["escalate"]["next_stage_text"] == text


def test_the_next_stage_text_follows_the_rule_data(rules):
    rules["procedures"]["children"]["stages"][2]["panel_within"]["working_days"] = 28
    found, _ = items(load_rules(rules), "children", "stage2", D(2026, 10, 1), D(2026, 11, 27), responded=D(2026, 11, 2))
    assert "The review panel will meet within 28 working days of your request." in found["escalate"]["next_stage_text"]


def test_overdue_response_is_flagged_with_what_to_do(R):
    # 11.2: respond within 10 working days; received Thursday 1 October 2026, due Thursday 15 October
    found, overdue = items(R, "corporate", "stage1", D(2026, 10, 1), D(2026, 10, 19))
    assert found["respond"]["date"] == "2026-10-15"
    assert (found["respond"]["status"], found["respond"]["status_text"]) == ("overdue", "overdue by 2 working days")
    [flag] = overdue
    assert flag["contact"]["name"] == R.contacts["speak_up"].name
    assert R.ombudsman.name in flag["text"] and "overdue by 2 working days" in flag["text"]
    assert flag["ombudsman_contact"]["phone"] == R.contacts[R.ombudsman.contact].phone


def test_a_past_acknowledgement_is_passed_not_overdue(R):
    # 14.1: acknowledge within 3 working days. The navigator never asks whether an
    # acknowledgement came, so a past date is "passed", never "overdue", and never flagged.
    found, overdue = items(R, "corporate", "stage1", D(2026, 10, 1), D(2026, 10, 19))
    ack = found["acknowledge"]
    assert ack["date"] == "2026-10-06"
    assert (ack["status"], ack["working_days"], ack["status_text"]) == ("passed", 9, "passed 9 working days ago")
    assert ack["note"] == "If you have not heard anything by then, contact Speak Up."
    assert [flag["item"] for flag in overdue] == ["respond"]


# 11.2: received Thursday 1 October 2026, reply due within 10 working days, by Thursday 15 October.
# (responded, as at, status, status_text, note)
RESPONDED_CASES = [
    (D(2026, 10, 15), D(2026, 10, 19), "done", "done", "We replied on Thursday 15 October 2026."),
    (D(2026, 10, 9), D(2026, 10, 19), "done", "done", "We replied on Friday 9 October 2026."),
    # Late, but done: an advocate checking a past delay sees it.
    (D(2026, 10, 16), D(2026, 10, 19), "done_late", "done, 1 working day late",
     "We replied on Friday 16 October 2026, 1 working day after Thursday 15 October 2026, the date the policy gives."),
    (D(2026, 10, 26), D(2026, 11, 2), "done_late", "done, 7 working days late",
     "We replied on Monday 26 October 2026, 7 working days after Thursday 15 October 2026, the date the policy "
     "gives."),
    (D(2026, 10, 17), D(2026, 10, 19), "done_late", "done, 1 working day late",
     "We replied on Saturday 17 October 2026, 1 working day after Thursday 15 October 2026, the date the policy "
     "gives."),
    # As at a date before the response, it had not happened yet.
    (D(2026, 10, 26), D(2026, 10, 14), "upcoming", "in 1 working day", None),
    (D(2026, 10, 26), D(2026, 10, 20), "overdue", "overdue by 3 working days", None),
]


@pytest.mark.parametrize("responded, as_at, status, text, note", RESPONDED_CASES)
def test_a_response_is_done_on_time_or_late_as_at_a_date(R, responded, as_at, status, text, note):
    found, overdue = items(R, "corporate", "stage1", D(2026, 10, 1), as_at, responded=responded)
    respond = found["respond"]
    assert (respond["status"], respond["status_text"], respond["note"]) == (status, text, note)
    assert [flag["item"] for flag in overdue] == (["respond"] if status == "overdue" else [])
    # The acknowledgement is done once we responded (as at that date), not before.
    assert (found["acknowledge"]["status"] == "done") == status.startswith("done")


def test_a_response_the_day_after_a_friday_deadline_is_late_by_no_working_day(R):
    # Received Friday 2 October 2026: due Friday 16 October (11.2); sent on the Saturday.
    found, _ = items(R, "corporate", "stage1", D(2026, 10, 2), D(2026, 10, 19), responded=D(2026, 10, 17))
    assert (found["respond"]["status"], found["respond"]["status_text"]) == ("done_late", "done late")
    assert found["respond"]["note"] == ("We replied on Saturday 17 October 2026, after Friday 16 October 2026, the "
                                        "date the policy gives.")


def test_a_panel_later_than_the_policy_allows_is_flagged(R):
    # App. 3: the panel meets within 30 working days of the stage 3 request (20 October 2026: by 1 December).
    found, overdue = items(R, "children", "stage3", D(2026, 10, 20), D(2026, 12, 5), panel=D(2027, 2, 15))
    assert found["panel"]["panel_by"] == "2026-12-01"
    assert found["panel"]["note"] == "Later than the policy allows (by Tuesday 1 December 2026)."
    assert [(flag["item"], flag["text"]) for flag in overdue] == [(
        "panel", "The review panel is set for Monday 15 February 2027. That is later than the policy allows: "
                 "it should meet within 30 working days, by Tuesday 1 December 2026. "
                 f"Contact {R.contacts[R.procedures['children'].contact].called} to ask why.")]
    found, overdue = items(R, "children", "stage3", D(2026, 10, 20), D(2026, 12, 5), panel=D(2026, 12, 1))
    assert "note" not in found["panel"] and not overdue


def test_a_panel_with_no_date_after_its_last_day_is_flagged(R):
    # App. 3: asked for on 20 October 2026, the panel should meet by Tuesday 1 December. No date given:
    # by Saturday 5 December it is overdue, and a warning says so without claiming it has not met.
    found, overdue = items(R, "children", "stage3", D(2026, 10, 20), D(2026, 12, 5))
    assert found["panel"]["status_text"] == "overdue by 3 working days"
    assert [(flag["item"], flag["text"]) for flag in overdue] == [(
        "panel", "The review panel should have met by Tuesday 1 December 2026, within 30 working days of your "
                 "request. If it has not met, or you have not been given its date, contact "
                 f"{R.contacts[R.procedures['children'].contact].called} to ask why.")]
    found, overdue = items(R, "children", "stage3", D(2026, 10, 20), D(2026, 12, 1))
    assert found["panel"]["status"] == "due_today" and not overdue
    # Our reply follows the panel's findings (App. 1 6c): with it, the panel has met
    found, overdue = items(R, "children", "stage3", D(2026, 10, 20), D(2026, 12, 20), responded=D(2026, 12, 10))
    assert found["panel"]["status"] == "done" and not overdue
    assert found["panel"]["note"] == ("Our reply follows the panel's findings, so it has met. "
                                      "The date shown is the latest it could meet.")


@pytest.mark.parametrize("stage,received,warning", [
    # 11.2: received Tuesday 10 March 2026, due Tuesday 24 March; on Thursday 26 March, 2 working days late
    ("stage1", D(2026, 3, 10), "On Thursday 26 March 2026, our reply will be overdue by 2 working days, if it has "
                               "not come by then. Contact Speak Up to ask when you will get it."),
])
def test_on_a_day_still_to_come_the_warning_says_what_will_be_late(R, stage, received, warning):
    _, [flag] = items(R, "corporate", stage, received, D(2026, 3, 26), today=D(2026, 3, 25))
    assert flag["text"].startswith(warning), flag["text"]
    _, [flag] = items(R, "corporate", stage, received, D(2026, 3, 26), today=D(2026, 3, 26))
    assert flag["text"].startswith("Our reply is overdue by 2 working days. ")


def test_on_a_day_still_to_come_past_an_aim_is_said_as_if(R):
    # App. 2 para 7: the aim is 20 working days; received Monday 2 November 2026, aimed for Monday 30 November
    _, [flag] = items(R, "adults", "stage1", D(2026, 11, 2), D(2026, 12, 4), today=D(2026, 11, 23))
    assert flag["text"].startswith("We aimed to reply by Monday 30 November 2026. On Friday 4 December 2026, our "
                                   "reply will be past our aim by 4 working days, if it has not come by then."), \
        flag["text"]
    # The aim gone by before today (29 October): how far past it on that day, not "we will be past our aim"
    _, [flag] = items(R, "adults", "stage1", D(2026, 10, 1), D(2026, 12, 15), today=D(2026, 11, 24))
    assert flag["text"].startswith("We aimed to reply by Thursday 29 October 2026. On Tuesday 15 December 2026, our "
                                   "reply will be past our aim by 33 working days, if it has not come by then."), \
        flag["text"]


def test_a_response_not_asked_about_is_never_called_overdue(R):
    # 10.5: while the Service Recovery Team decides the procedure, the navigator does not ask about replies.
    found, overdue = items(R, "corporate", "stage1", D(2026, 6, 1), D(2026, 11, 23), response_known=False)
    assert found["respond"]["status"] == "passed" and not overdue


# A date not counted in working days can fall on a day off with no working day before it: still to come.
@pytest.mark.parametrize("as_at,date,text", [
    (D(2026, 12, 24), D(2026, 12, 25), "in 1 calendar day"),     # Christmas Day, from Christmas Eve
    (D(2026, 12, 24), D(2026, 12, 28), "in 4 calendar days"),    # the Boxing Day bank holiday (substitute day)
    (D(2027, 1, 15), D(2027, 1, 16), "in 1 calendar day"),       # a Saturday, from the Friday
    (D(2027, 1, 15), D(2027, 1, 18), "in 1 working day"),
])
def test_a_date_on_a_day_off_just_ahead_is_not_due_in_0_working_days(R, as_at, date, text):
    found = status(R.calendar, date, as_at)
    assert (found["status"], found["status_text"]) == ("upcoming", text)


def test_a_new_date_on_a_saturday_is_a_day_away_on_the_friday(R):
    # 11.2: an update may give a new date; 16 January 2027 is a Saturday.
    found, _ = items(R, "corporate", "stage1", D(2026, 12, 18), D(2027, 1, 15), new_date=D(2027, 1, 16))
    assert (found["respond"]["date"], found["respond"]["status_text"]) == ("2027-01-16", "in 1 calendar day")


def test_ombudsman_12_months_from_found_out(R):
    # 13.1
    found, _ = items(R, "corporate", "stage2", D(2026, 6, 1), D(2026, 6, 1), happened=D(2026, 1, 5),
                     found_out=D(2026, 3, 5))
    assert found["ombudsman_limit"]["date"] == "2027-03-05"
    # 12 months, not a number of working days: its status counts days (a working-day count read oddly aloud)
    assert (found["ombudsman_limit"]["status_text"], found["ombudsman_limit"]["days"]) == ("in 277 calendar days", 277)


# (section, procedure, happened, found_out, complained, in time, last day). 9.1 sets the 12 months for
# every procedure; social care counts from the later of happened and found out (the statutory regulations).
LIMIT_CASES = [
    ("9.1", "corporate", D(2024, 2, 29), D(2024, 2, 29), D(2025, 2, 28), True, "2025-02-28"),
    ("9.1", "corporate", D(2024, 2, 29), D(2024, 2, 29), D(2025, 3, 1), False, "2025-02-28"),
    ("9.1", "corporate", D(2025, 1, 10), D(2025, 6, 1), D(2026, 5, 20), False, "2026-01-10"),
    ("9.1", "adults", D(2025, 1, 10), D(2025, 6, 1), D(2026, 5, 20), True, "2026-06-01"),
    ("9.1", "children", D(2025, 1, 10), D(2025, 6, 1), D(2026, 6, 2), False, "2026-06-01"),
]


@pytest.mark.parametrize("section,procedure,happened,found_out,complained,in_time,last_day", LIMIT_CASES)
def test_time_limits(R, section, procedure, happened, found_out, complained, in_time, last_day):
    check = time_limit(R.procedures[procedure].time_limit, happened, found_out, complained)
    assert (check["in_time"], check["last_day"]) == (in_time, last_day), section
    assert check["section"].startswith(section)


def test_changing_a_figure_changes_the_timeline(rules):
    before = load_rules(rules)
    rules["procedures"]["corporate"]["stages"][0]["respond"]["working_days"] = 12
    after = load_rules(rules)
    args = ("corporate", "stage1", D(2026, 11, 2), D(2026, 11, 2))
    assert items(before, *args)[0]["respond"]["date"] == "2026-11-16"
    assert items(after, *args)[0]["respond"]["date"] == "2026-11-18"
    assert items(after, *args)[0]["respond"]["rule"] == "within 12 working days"


def test_beyond_the_calendar_says_so(R):
    found, _ = items(R, "children", "stage2", D(2036, 11, 3), D(2036, 11, 3), extended=True)
    assert found["respond"]["status"] == "unknown"
    assert found["respond"]["status_text"] == "We can only work out dates up to 31 December 2036"


@pytest.mark.parametrize("stage,received,as_at,date,status_text,longest,warning", [
    # App. 1 para 6a: 10 working days (22 December 2036); 20 only if complex, which runs past the data
    ("stage1", D(2036, 12, 8), D(2036, 12, 29), "2036-12-22", "overdue by 3 working days", 20,
     "We can take up to 20 working days if the complaint is complex, but only if we told you so."),
    # App. 1 para 6b: the aim, 25 working days (8 December 2036); the longest, 65, runs past the data
    ("stage2", D(2036, 11, 3), D(2036, 12, 15), "2036-12-08", "past our aim by 5 working days", 65,
     "It can take up to 65 working days if the investigation needs longer. We should tell you why it is taking "
     "longer and when to expect our reply."),
])
def test_a_longest_time_beyond_the_calendar_still_shows_the_usual_date(R, stage, received, as_at, date,
                                                                         status_text, longest, warning):
    found, overdue = items(R, "children", stage, received, as_at)
    respond = found["respond"]
    assert (respond["date"], respond["status_text"], respond["maximum_date"]) == (date, status_text, None)
    # no "we": the note goes in your own calendar too
    assert respond["note"] == (f"Dates after 31 December 2036 cannot be worked out yet, so the longest time, "
                               f"{longest} working days, is not shown.")
    # The longest time has not ended (the data ends before it), so the warning still allows for it
    [flag] = overdue
    assert flag["item"] == "respond" and warning in flag["text"], flag["text"]


def test_past_the_aim_is_past_the_aim_not_overdue(R):
    # App. 1 para 6b: "The aim is to respond within twenty-five working days, but they can take up to
    # sixty-five working days. The complainant will be kept informed of the anticipated timescales for
    # completion and the reasons for any delay." Received Monday 1 June 2026: the aim ends Monday 6 July;
    # the longest, Tuesday 1 September (31 August is a bank holiday).
    found, [flag] = items(R, "children", "stage2", D(2026, 6, 1), D(2026, 8, 17))
    respond = found["respond"]
    assert (respond["date"], respond["status"], respond["status_text"]) == (
        "2026-07-06", "past_aim", "past our aim by 30 working days")
    assert respond["rule"] == "aim: within 25 working days, or up to 65 working days if the investigation needs longer"
    assert flag["kind"] == "past_aim"
    assert flag["text"] == (
        "We aimed to reply by Monday 6 July 2026. We have not replied yet. It can take up to 65 working days if "
        "the investigation needs longer, so until Tuesday 1 September 2026. We should tell you why it is taking "
        "longer and when to expect our reply. If we have not, contact Speak Up.")
    # Told it needs longer: the 65 is then the date, and not late until it has passed.
    found, overdue = items(R, "children", "stage2", D(2026, 6, 1), D(2026, 8, 17), extended=True)
    assert (found["respond"]["date"], found["respond"]["status"], overdue) == ("2026-09-01", "upcoming", [])
    # A timescale that is not an aim is late once its date has passed (11.2).
    found, [flag] = items(R, "corporate", "stage1", D(2026, 10, 1), D(2026, 10, 19))
    assert (found["respond"]["status"], flag["kind"]) == ("overdue", "late")


def test_past_the_adults_aim_points_to_speak_up_and_the_ombudsman(R):
    # App. 2 para 7: "the aim is to provide a response within twenty working days", with no longest time.
    # Received Tuesday 1 September 2026, aim Tuesday 29 September; as at Tuesday 20 October.
    found, [flag] = items(R, "adults", "stage1", D(2026, 9, 1), D(2026, 10, 20))
    assert (found["respond"]["status"], found["respond"]["status_text"]) == ("past_aim", "past our aim by 15 working days")
    assert flag["text"] == (
        "We aimed to reply by Tuesday 29 September 2026. We have not replied yet. Contact Speak Up to ask when you "
        "will get it. If you are still waiting, you can complain to the Local "
        "Government and Social Care Ombudsman.")


def test_a_reply_after_the_aim_says_so_without_calling_it_late(R):
    # App. 2 para 7: aim 20 working days. Received 1 September 2026, aim 29 September, replied 5 October.
    found, _ = items(R, "adults", "stage1", D(2026, 9, 1), D(2026, 10, 20), responded=D(2026, 10, 5))
    assert (found["respond"]["status"], found["respond"]["status_text"]) == ("done_late", "done, 4 working days after our aim")
    assert found["respond"]["note"] == ("We replied on Monday 5 October 2026, 4 working days after Tuesday 29 "
                                        "September 2026, the date we aimed for.")
    # App. 1 para 6b: after the 25-day aim (6 July 2026), within the 65 (1 September).
    found, _ = items(R, "children", "stage2", D(2026, 6, 1), D(2026, 8, 17), responded=D(2026, 8, 3))
    assert found["respond"]["note"] == ("We replied on Monday 3 August 2026, 20 working days after Monday 6 July "
                                        "2026, the date we aimed for, within the 65 working days it can take.")
    # After the longest time (Tuesday 1 September) too: late, counted from it (21 working days to 30 September).
    found, _ = items(R, "children", "stage2", D(2026, 6, 1), D(2026, 10, 5), responded=D(2026, 9, 30))
    assert (found["respond"]["status"], found["respond"]["status_text"]) == ("done_late", "done, 21 working days late")
    assert found["respond"]["note"] == ("We replied on Wednesday 30 September 2026, 21 working days after Tuesday "
                                        "1 September 2026, the end of the 65 working days it can take.")


def test_a_date_passed_over_a_weekend_is_overdue_not_overdue_by_nothing(R):
    # 11.2: received Friday 2 October 2026, due Friday 16 October. Seen on Saturday 17 October no working
    # day has ended since, but the date has passed.
    found, _ = items(R, "corporate", "stage1", D(2026, 10, 2), D(2026, 10, 17))  # due Fri 16, seen Sat 17
    assert found["respond"]["date"] == "2026-10-16"
    assert (found["respond"]["status"], found["respond"]["status_text"]) == ("overdue", "overdue")


def test_past_the_longest_time_too_is_overdue_from_that_date(R):
    # App. 1 para 6b: received Monday 1 June 2026, the longest time (65 working days) ended Tuesday 1 September;
    # as at Thursday 1 October that is 22 working days ago (the aim, Monday 6 July, was 62).
    found, [flag] = items(R, "children", "stage2", D(2026, 6, 1), D(2026, 10, 1))
    # The row shows the aim's date, so the status says which date it counts from
    assert (found["respond"]["status"], found["respond"]["status_text"]) == (
        "overdue", "overdue by 22 working days, counted from Tuesday 1 September 2026")
    assert flag["kind"] == "late"
    assert flag["text"].startswith("Our reply is overdue by 22 working days, counted from Tuesday 1 September 2026. ")
    assert "The longest time we can take is 65 working days." in flag["text"]
    assert "only if we told you so" not in flag["text"]


def test_past_the_longer_time_that_is_not_an_aim_says_so(R):
    # App. 1 para 6a: 10 working days, up to 20 if complex (a limit that can be extended, not an aim).
    # Received Monday 2 March 2026: due 16 March; the longer time ended 30 March.
    found, [flag] = items(R, "children", "stage1", D(2026, 3, 2), D(2026, 3, 23))
    assert found["respond"]["status"] == "overdue"
    assert ("We can take up to 20 working days if the complaint is complex (until Monday 30 March 2026), "
            "but only if we told you so.") in flag["text"]
    # Past the longer time too: the status counts from the usual date (in the row), so the warning says how
    # long ago the longer time ended (an advocate could not tell which count to quote). Easter between.
    found, [flag] = items(R, "children", "stage1", D(2026, 3, 2), D(2026, 4, 14))
    assert found["respond"]["status_text"] == "overdue by 19 working days"
    assert ("Even if we told you it needed longer, the longest we can take, 20 working days, ended on "
            "Monday 30 March 2026, 9 working days ago.") in flag["text"]


def test_a_late_response_points_to_the_ombudsman_with_what_it_normally_expects(R):
    # 13.2: before the last stage, say the Ombudsman normally expects every stage first
    # (received 24 December 2026, due 12 January 2027 (11.2); as at 13 January)
    _, [stage1] = items(R, "corporate", "stage1", D(2026, 12, 24), D(2027, 1, 13))
    assert stage1["text"].endswith("If you are still waiting, you can complain to the Local Government and Social "
                                   f"Care Ombudsman. {R.ombudsman.after_all_stages}")
    # After the last stage there is no other stage to go through first.
    _, [stage2] = items(R, "corporate", "stage2", D(2026, 12, 24), D(2027, 2, 23))
    assert stage2["text"].endswith("If you are still waiting, you can complain to the Local Government and Social "
                                   "Care Ombudsman.")


def test_a_reply_after_the_usual_time_but_within_the_longer_one_says_so(R):
    # App. 1 para 6a: 10 working days, up to 20 if complex. Received 2 March 2026, due 16 March;
    # sent 23 March: late, unless we told you it needed longer.
    found, _ = items(R, "children", "stage1", D(2026, 3, 2), D(2026, 3, 25), responded=D(2026, 3, 23))
    respond = found["respond"]
    assert respond["status_text"] == "done, 5 working days late"
    assert respond["note"] == ("We replied on Monday 23 March 2026, 5 working days after Monday 16 March 2026, the "
                               "date the policy gives, but within the 20 working days we can take if we told you it "
                               "needed longer.")
    assert respond["responded_text"] == "Monday 23 March 2026"  # for the letter, without the note's words


def test_as_at_a_date_before_our_response_nothing_is_dated_from_it(R):
    found, _ = items(R, "corporate", "stage1", D(2026, 10, 1), D(2026, 10, 14), responded=D(2026, 10, 26))
    assert found["escalate"]["date"] is None and found["escalate"]["status"] == "waiting"
    found, _ = items(R, "adults", "stage1", D(2026, 10, 1), D(2026, 10, 14), responded=D(2026, 10, 26))
    assert found["ombudsman"]["date"] is None and found["ombudsman"]["status"] == "waiting"


def test_the_councils_steps_say_who_in_a_calendar(R):
    # In your own calendar, "We send our reply" reads as if you send it; and a date is the last day for
    # something, not the day it happens ("sends its reply" read as the reply coming that day).
    found, _ = items(R, "children", "stage2", D(2026, 10, 1), D(2026, 10, 2))
    assert found["acknowledge"]["calendar_label"] == "The council should acknowledge your request for stage 2 by this date"
    # App. 1 para 6b: an aim of 25 working days, and up to 65
    assert found["respond"]["calendar_label"] == "The council aims to reply to your request for stage 2 by this date"
    assert found["respond"]["calendar_label_latest"] == ("The latest the council can reply to your request for "
                                                         "stage 2, if it takes longer")
    found, _ = items(R, "corporate", "stage1", D(2026, 10, 1), D(2026, 10, 2))
    assert found["respond"]["calendar_label"] == "The council should reply to your complaint by this date"
    assert found["respond"]["calendar_label_latest"] is None
    # App. 3: the panel meets within 30 working days; without its own date, that is its last day
    found, _ = items(R, "children", "stage3", D(2026, 11, 20), D(2026, 11, 23))
    assert (found["panel"]["date"], found["panel"]["calendar_label"]) == ("2027-01-06", "The review panel should meet by this date")
    found, _ = items(R, "children", "stage3", D(2026, 11, 20), D(2026, 11, 23), panel=D(2026, 12, 15))
    assert found["panel"]["calendar_label"] is None  # "The review panel meets", on its date


IN_A_CALENDAR = ("upcoming", "due_today", "overdue", "passed")  # navigator-result.js events: dated, not done


def test_what_goes_in_a_calendar_never_says_we_or_us(R):
    # An event's title, timescale and note are read in your own calendar, where "we" and "our" read as
    # you (navigator-result.js events takes every dated step not done, with these three texts).
    speaker = re.compile(r"\b(we|us|our)\b", re.IGNORECASE)
    seen, said = 0, set()
    # Every kind of answer that changes a step's words: an update's new date (11.2), the longer time
    # (App. 1 6a, 6b), a panel's date (App. 3), dates past the working-day data (diff review: "our update").
    extras = [{}, {"new_date": 60}, {"extended": True}, {"panel": 20}]
    for proc in R.procedures.values():
        for stage in proc.stages:
            for received in (D(2026, 10, 1), D(2026, 12, 23), D(2036, 11, 3)):
                for responded, extra in itertools.product((None, received + datetime.timedelta(days=30)), extras):
                    as_at = received + datetime.timedelta(days=40 if responded else 2)
                    kw = {k: received + datetime.timedelta(days=v) if isinstance(v, int) and not isinstance(v, bool)
                          else v for k, v in extra.items()}
                    found, _ = items(R, proc.id, stage.id, received, as_at, responded=responded, **kw)
                    for item in found.values():
                        if item["date"] and item["status"] in IN_A_CALENDAR and item["id"] != "received":
                            for text in (item.get("calendar_label") or item["label"], item["rule"], item.get("note")):
                                if speaker.search(text or ""):
                                    said.add((item["id"], text))
                                seen += 1
    assert not said
    assert seen > 400


# 13: once our last stage's reply is late, the warning says that if you are still waiting you can go to
# the Ombudsman; the Ombudsman's row must say the same, not "not yet".
@pytest.mark.parametrize("procedure,stage,received,as_at,status_text", [
    ("adults", "stage1", D(2026, 10, 1), D(2026, 11, 24), "past our aim by 18 working days"),  # App. 2 para 7
    ("corporate", "stage2", D(2026, 10, 1), D(2026, 11, 24), "overdue by 18 working days"),    # 12.2
])
def test_when_the_last_reply_is_late_you_can_go_to_the_ombudsman_now(R, procedure, stage, received, as_at,
                                                                       status_text):
    found, overdue = items(R, procedure, stage, received, as_at)
    assert found["respond"]["status_text"] == status_text
    assert "If you are still waiting, you can complain to the Local Government and Social Care Ombudsman." in \
        overdue[0]["text"]
    ombudsman = found["ombudsman"]
    assert (ombudsman["date"], ombudsman["status"], ombudsman["status_text"]) == \
        (found["respond"]["date"], "open", "you can do this now")
    due = "We aimed to reply by then." if procedure == "adults" else "Our reply was due by then."
    assert ombudsman["note"] == f"{due} If you are still waiting for it, you can go to the Ombudsman now."
    # On an advocate's day still to come, only if the reply has not come by then
    # (its note names our date: "by then", after the status's day, read as that day)
    found, _ = items(R, procedure, stage, received, as_at, today=D(2026, 10, 2))
    due_on = due.replace("by then", f"by {found['respond']['date_text']}")
    assert (found["ombudsman"]["status_text"], found["ombudsman"]["note"]) == (
        "you can do this if our reply has not come",
        f"{due_on} If it has not come by Tuesday 24 November 2026, you can go to the Ombudsman then.")
    # Late already today, looked at on a day to come: you need not wait for that day
    found, _ = items(R, procedure, stage, received, as_at + datetime.timedelta(days=30), today=as_at)
    assert found["ombudsman"]["status_text"] == "you can do this now"
    # Before the reply is due, not yet
    found, _ = items(R, procedure, stage, received, received + datetime.timedelta(days=3))
    assert (found["ombudsman"]["date"], found["ombudsman"]["status"]) == (None, "waiting")


# 12.1: a reply after the date it was due is itself a ground; the letter asking for the next stage says so,
# in the complainant's voice, counted from the date that was missed. (stage, received, responded, kw, text)
LETTER_LATE_CASES = [
    ("corporate", "stage1", D(2026, 3, 10), D(2026, 4, 14), {},  # due 24 March (11.2); Easter between
     "Your reply came 13 working days after Tuesday 24 March 2026, the date the complaints policy gives."),
    ("corporate", "stage1", D(2026, 3, 10), D(2026, 4, 16), {"new_date": D(2026, 4, 14)},
     "Your reply came 2 working days after Tuesday 14 April 2026, the new date in your update."),
    # App. 1 6b: the aim, 25 working days, then up to 65: late only after the 65 (received 1 June: 1 September)
    ("children", "stage2", D(2026, 6, 1), D(2026, 11, 20), {},
     "Your reply came 58 working days after Tuesday 1 September 2026, the end of the 65 working days it can "
     "take."),
    ("children", "stage2", D(2026, 6, 1), D(2026, 8, 3), {}, None),  # after the aim, within the 65
    ("corporate", "stage1", D(2026, 3, 10), D(2026, 3, 20), {}, None),  # on time
]


@pytest.mark.parametrize("procedure,stage,received,responded,kw,text", LETTER_LATE_CASES)
def test_the_letter_says_how_late_the_reply_was(R, procedure, stage, received, responded, kw, text):
    found, _ = items(R, procedure, stage, received, responded + datetime.timedelta(days=1), responded=responded, **kw)
    assert found["respond"]["letter_late_text"] == text


def test_on_a_day_gone_the_ombudsman_row_says_what_you_could_do_then(R):
    # 13: as at 15 October 2026, our stage 2 reply (asked for 1 September, due 29 September, 12.2) was late;
    # seen on 23 November, after a reply on 2 November: past tense, and conditional on that day.
    p = R.procedures["corporate"]
    found = {i["id"]: i for i in stage_timeline(R, p, p.stage("stage2"), D(2026, 9, 1), D(2026, 10, 15),
                                                 responded=D(2026, 11, 2), today=D(2026, 11, 23))["items"]}
    assert found["ombudsman"]["status_text"] == "you could do this if our reply had not come"  # not "open" (re-test)
    assert found["ombudsman"]["note"] == found["ombudsman"]["late_text"]  # our date, not "by then"
    assert found["ombudsman"]["late_text"] == ("Our reply was due by Tuesday 29 September 2026. If you were still "
                                               "waiting for it on Thursday 15 October 2026, you could go to the "
                                               "Ombudsman then.")
    flags = stage_timeline(R, p, p.stage("stage2"), D(2026, 9, 1), D(2026, 10, 15), responded=D(2026, 11, 2),
                           today=D(2026, 11, 23))["overdue"]
    assert flags[0]["text"].startswith("On Thursday 15 October 2026, our reply was overdue by 12 working days.")


def test_a_reply_counted_from_a_panel_with_no_date_does_not_open_the_ombudsman(R):
    # App. 1 6c: 15 working days from the panel's findings; with no panel date that is no firm date.
    found, _ = items(R, "children", "stage3", D(2026, 6, 1), D(2026, 11, 24))
    assert found["respond"]["status"] == "overdue"
    assert (found["ombudsman"]["status"], found["ombudsman"].get("late_text")) == ("waiting", None)
