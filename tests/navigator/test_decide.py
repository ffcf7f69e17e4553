"""Answers to result: each route through the policy. Each case cites the section it checks."""
from __future__ import annotations

import datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from navigator.decide import decide
from navigator.flow import first_question
from navigator.rules import load_rules

TODAY = datetime.date(2026, 11, 23)


def result(R, answers, today=TODAY):
    step = decide(R, answers, today)
    assert step["kind"] == "result", step
    return step["result"]


def by_id(items):
    return {i["id"]: i for i in items}


def test_first_question_is_static(R, rules):
    q = first_question(R)
    assert q["id"] == "service" and q["type"] == "radios" and q["title"]
    assert [o["value"] for o in q["options"]] == [o["id"] for o in rules["navigator"]["service_options"]]
    assert [o["label"] for o in q["options"]] == [o["label"] for o in rules["navigator"]["service_options"]]
    assert decide(R, {}, TODAY)["question"] == q


# (section, answers changed, outcome, who to contact)
ROUTES = [
    # 3.3: ask the service first; no service's own contact is known, so the council's own website
    ("3.3, 10.3", {"request_type": "first_request"}, "not_a_complaint", ["council_website"]),
    ("8.1", {"request_type": "comment"}, "not_a_complaint", ["speak_up"]),  # 5.2: comments by phone to Speak Up
    ("8.2", {"request_type": "compliment"}, "not_a_complaint", ["speak_up"]),
    ("4.2", {"complainant": "representative_without_permission"}, "not_permitted", []),
]


@pytest.mark.parametrize("section,changes,outcome,contacts", ROUTES)
def test_answers_that_end_the_flow(R, rules, complaint, section, changes, outcome, contacts):
    res = result(R, complaint(**changes))
    assert res["outcome"] == outcome
    [key] = changes
    table = rules["navigator"]["request_types" if key == "request_type" else "complainant_types"]
    choice = next(c for c in table if c["id"] == changes[key])
    assert res["answer"]["text"] == choice["answer"] and res["message"] == choice["answer"]
    assert res["answer"]["section"] == section
    assert [c["name"] for c in res["answer"]["contacts"]] == [rules["contacts"][c]["name"] for c in contacts]


@pytest.mark.parametrize("service,contact", [("send_iass", "SEND IASS manager"),
                                             ("broad_park_house", "Broad Park House")])
def test_a_first_request_to_a_service_with_its_own_contact_names_it(R, complaint, service, contact):
    """3.3: ask the service first. SEND IASS and Broad Park House have their own contacts (services.yaml)."""
    res = result(R, complaint(service=service, request_type="first_request"))
    assert res["outcome"] == "not_a_complaint"
    assert [c["name"] for c in res["answer"]["contacts"]] == [contact]


def test_ending_early_drops_later_answers(R, complaint):
    step = decide(R, complaint(request_type="comment", stage="stage1"), TODAY)
    assert step["answers"] == {"service": "council_service", "request_type": "comment"}
    assert [row["question"] for row in step["summary"]] == ["service", "request_type"]


def test_school_is_out_of_scope_with_where_to_go(R, rules):
    # 9.1: schools have their own procedure
    res = result(R, {"service": "school"})
    schools = next(i for i in rules["out_of_scope"] if i["id"] == "schools")
    assert res["outcome"] == "out_of_scope"
    assert res["out_of_scope"][0]["where_to_go"] == schools["where_to_go"]
    # Not "not something the policy covers": how an appeal was run, or a matter after court, can come back to us
    assert res["message"] == ("Our complaints procedure cannot deal with this, or cannot deal with it yet. Here is "
                              "where to go instead.")


def test_a_parking_ticket_is_challenged_not_complained_about(R, complaint):
    # 9.1: penalty charge notices have their own process; someone with a new ticket has no outcome to
    # disagree with yet, and must not be sent to a complaint while the ticket's own dates run.
    res = result(R, complaint(out_of_scope=["parking_ticket"]))
    assert res["outcome"] == "out_of_scope"
    [item] = res["out_of_scope"]
    assert item["where_to_go"].startswith("Challenge the ticket now, following the instructions on it")
    assert item["section"] == "9.1"


def test_out_of_scope_items_give_contacts(R, rules, complaint):
    # 9.1 and GH15: data protection and FOI go to the Information Commissioner
    res = result(R, complaint(out_of_scope=["data_protection_foi", "councillors"]))
    assert [i["id"] for i in res["out_of_scope"]] == ["data_protection_foi", "councillors"]
    ico = res["out_of_scope"][0]["contacts"][0]
    assert ico["phone"] == rules["contacts"]["ico"]["phone"]


@pytest.mark.parametrize("service", ["send_iass", "broad_park_house"])
def test_services_with_their_own_first_step(R, rules, complaint, service):
    # SEND IASS page; Broad Park House guide: their own first step, then the corporate procedure
    res = result(R, complaint(service=service, stage="stage1"))
    data = rules["services"][service]
    assert res["first_step"]["text"] == data["first_step"]
    assert res["first_step"]["contact"]["phone"] == rules["contacts"][data["contact"]]["phone"]
    assert [c["name"] for c in res["first_step"]["also_contact"]] == \
        [rules["contacts"][c]["name"] for c in data["also_contact"]]
    assert res["procedure"]["id"] == data["procedure"]


def test_service_recovery_team_decides(R, rules, complaint):
    # 10.5: could go either way; the navigator says so rather than guessing, and gives every timeline
    step = decide(R, complaint(service="social_care_unsure"), TODAY)
    assert step["kind"] == "result"  # no stage question: the procedure is not known
    res = step["result"]
    option = next(o for o in rules["navigator"]["service_options"] if o["id"] == "social_care_unsure")
    assert res["procedure"] is None
    assert res["service_recovery_decides"] == {"text": option["note"], "section": "10.5"}
    assert option["note"] in res["message"]
    assert option["note"] not in [n["text"] for n in res["notes"]]  # said once, not again under "Why"
    assert [p["procedure"]["id"] for p in res["possible_procedures"]] == list(rules["procedures"])
    for p in res["possible_procedures"]:
        # Complained 10 March; we never asked whether a reply came (which procedure's?), so past
        # reply dates are "passed", and no procedure's reply is called overdue.
        respond = by_id(p["timeline"])["respond"]
        assert respond["date"] and respond["status"] == "passed", p["procedure"]["id"]
        assert p["overdue"] == [], p["procedure"]["id"]


def test_corporate_in_time_and_timeline(R, complaint):
    # 9.1, 14.1, 11.2
    res = result(R, complaint(stage="stage1"), datetime.date(2026, 3, 12))
    assert res["outcome"] == "complaint" and res["time_limit"]["in_time"] is True
    items = by_id(res["timeline"])
    assert items["acknowledge"]["date"] == "2026-03-13" and items["acknowledge"]["status"] == "upcoming"
    assert items["respond"]["date"] == "2026-03-24" and items["respond"]["working_days"] == 8
    assert items["escalate"]["status"] == "waiting"


def test_29_february_against_the_12_month_limit(R, rules, complaint):
    # 9.1: 29 February 2024 + 12 months = 28 February 2025; late is never a flat no
    base = dict(happened="2024-02-29", found_out="2024-02-29")
    assert result(R, complaint(complained="2025-02-28", stage="stage1", **base))["time_limit"]["in_time"] is True
    res = result(R, complaint(complained="2025-03-01", stage="stage1", **base))
    assert res["outcome"] == "complaint"
    assert res["time_limit"]["in_time"] is False and res["time_limit"]["last_day"] == "2025-02-28"
    assert rules["procedures"]["corporate"]["time_limit"]["discretion"].rstrip(".") in res["message"]


def test_statutory_limit_counts_from_when_you_found_out(R, complaint):
    # App. 2: the later of happened and found out
    answers = complaint(service="adults_social_care", happened="2025-01-10", found_out="2025-06-01",
                        complained="2026-05-20", stage="stage1")
    assert result(R, answers)["time_limit"]["in_time"] is True
    answers["service"] = "council_service"
    assert result(R, answers)["time_limit"]["in_time"] is False  # 9.1: corporate counts from when it happened


def test_not_complained_yet(R, complaint):
    res = result(R, complaint(complained_yet="no"))
    assert res["time_limit"]["in_time"] is True
    assert "You have until Tuesday 2 March 2027 to complain" in res["message"]
    assert by_id(res["timeline"])["received"]["date"] == TODAY.isoformat()


def test_overdue_response_in_the_result(R, complaint):
    # 11.2: due Thursday 15 October 2026
    res = result(R, complaint(complained="2026-10-01", stage="stage1", as_at="2026-10-19"))
    assert res["overdue"][0]["item"] == "respond"
    assert "Ombudsman" in res["overdue"][0]["text"]


def test_escalation_window_last_day(R, complaint):
    # 12.4: our response Monday 2 November 2026, last day to ask Monday 30 November
    answers = complaint(complained="2026-10-19", stage="stage1", responded="2026-11-02")
    assert by_id(result(R, answers, datetime.date(2026, 11, 30))["timeline"])["escalate"]["status"] == "due_today"
    assert by_id(result(R, answers, datetime.date(2026, 12, 1))["timeline"])["escalate"]["status"] == "passed"  # yours to do: later is possible, with a reason


def test_children_stage3_with_complex_flag_and_panel(R, complaint):
    # App. 3, App. 1 para 6c
    answers = complaint(service="children_social_care", complained="2026-06-01", stage="stage3",
                        stage_received="2026-11-02", panel="2026-11-20", extended="yes")
    res = result(R, answers)
    items = by_id(res["timeline"])
    assert items["respond"]["date"] == "2026-12-11" and items["panel"]["status"] == "done"
    assert "extended" not in decide(R, answers, TODAY)["answers"]  # stage 3 has no "needs longer"
    assert res["notes"] and res["ombudsman"]["time_limit"]["last_day"] == "2027-03-02"


def test_a_childs_advocate_comes_with_the_childrens_procedure_only(R, rules, complaint):
    """The children's services pages offer a child an independent advocate for a social care complaint.
    Said to everyone complaining under the children's procedure, and to no one about, say, parking."""
    advocacy = rules["procedures"]["children"]["advocacy"]["text"]
    for complainant in ("child_or_young_person", "parent_or_carer", "representative_with_permission"):
        res = result(R, complaint(service="children_social_care", complainant=complainant, stage="stage1"))
        assert advocacy in [n["text"] for n in res["notes"]], complainant
    for complainant in ("child_or_young_person", "parent_or_carer"):
        res = result(R, complaint(service="council_service", complainant=complainant, stage="stage1"))
        assert res["outcome"] == "complaint"
        assert not [n for n in res["notes"] if "advocate" in n["text"]], complainant


def test_changing_an_earlier_answer_drops_what_no_longer_applies(R, complaint):
    answers = complaint(service="children_social_care", stage="stage3", stage_received="2026-05-01",
                        panel="2026-06-01")
    assert decide(R, answers, TODAY)["kind"] == "result"
    answers["service"] = "council_service"  # corporate has no stage 3
    step = decide(R, answers, TODAY)
    assert step["kind"] == "question" and step["question"]["id"] == "stage"
    assert not {"stage", "stage_received", "panel"} & set(step["answers"])
    answers.update(stage="stage1")
    step = decide(R, answers, TODAY)
    assert step["kind"] == "result" and "stage_received" not in step["answers"] and "panel" not in step["answers"]
    answers["complained_yet"] = "no"
    step = decide(R, answers, TODAY)
    assert step["kind"] == "result" and "complained" not in step["answers"] and "stage" not in step["answers"]


def test_next_working_day_convention_moves_dates(rules, complaint):
    # DOMAIN: the content option; a Saturday receipt counts as the next working day
    answers = complaint(happened="2026-04-01", found_out="2026-04-01", complained="2026-04-04", stage="stage1")
    first = result(load_rules(rules), answers)
    before = by_id(first["timeline"])["respond"]["date"]
    rules["calendar"]["receipt"] = "next_working_day"
    after = result(load_rules(rules), answers)
    assert (before, by_id(after["timeline"])["respond"]["date"]) == ("2026-04-20", "2026-04-21")
    assert after["convention"] == "next_working_day"
    # Said beside the dates, as the "How we count working days" page says it
    assert first["counting_text"].startswith("Working days are Monday to Friday, except bank holidays and days the council "
                                      "is closed. We do not count the day something arrives, even a weekend or bank "
                                      "holiday. We start counting on the next working day.")
    assert after["counting_text"].startswith("Working days are Monday to Friday, except bank holidays and days the council "
                                      "is closed. If something arrives on a day that is not a working day, we treat "
                                      "it as arriving on the next working day. We start counting on the working day "
                                      "after that.")


def test_changing_a_figure_changes_the_result(rules, complaint):
    rules["procedures"]["corporate"]["stages"][0]["respond"]["working_days"] = 12
    answers = complaint(complained="2026-11-02", happened="2026-11-01", found_out="2026-11-01", stage="stage1")
    assert by_id(result(load_rules(rules), answers)["timeline"])["respond"]["date"] == "2026-11-18"


def test_summary_rows(R, complaint):
    step = decide(R, complaint(stage="stage1", responded="2026-03-20"), TODAY)
    assert step["summary"][-1] == {"question": "stage", "title": "Where is your complaint now?",
                                   "answer_text": "Stage 1: Service investigation; our reply on 20 March 2026"}


KEYS = ["service", "request_type", "complainant", "out_of_scope", "happened", "found_out", "complained_yet",
        "complained", "stage", "stage_received", "new_date", "responded", "extended", "panel", "as_at"]
json_values = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=12),
                           lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner,
                                                                                        max_size=3), max_leaves=8)
plausible = st.one_of(
    st.sampled_from(["council_service", "children_social_care", "send_iass", "school", "social_care_unsure",
                     "complaint", "self", "yes", "no", "stage1", "stage2", "stage3", "none", ""]),
    st.lists(st.sampled_from(["none", "schools", "x"]), max_size=2),
    st.builds(lambda d, m, y: {"day": d, "month": m, "year": y},
              st.sampled_from(["1", "29", "31", "", "x", "0"]), st.sampled_from(["2", "12", "13", ""]),
              st.sampled_from(["2014", "2026", "2037", "26", "", "9999"])),
    st.dates().map(lambda d: d.isoformat()), json_values)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(answers=st.dictionaries(st.sampled_from(KEYS), plausible), today=st.dates())
def test_no_answers_raise(R, answers, today):
    step = decide(R, answers, today)
    assert step["kind"] in ("question", "errors", "result")


def test_a_far_future_today_is_an_error_not_a_crash(R, complaint):
    step = decide(R, complaint(happened="9999-06-01", found_out="9999-06-01", complained_yet="no"),
                  datetime.date(9999, 12, 1))
    assert step["kind"] == "errors"
    assert step["errors"][0]["message"] == "We can only work out dates up to 31 December 2036"


def test_a_complaint_not_yet_made_is_not_shown_as_received(R, complaint):
    # The dates are worked out as if it were made today, but nothing has been received.
    received = by_id(result(R, complaint(complained_yet="no"))["timeline"])["received"]
    assert (received["status"], received["status_text"]) == ("waiting", "not made yet")
    assert received["label"] == "If you make a formal complaint today, we receive your complaint"
    assert result(R, complaint(complained_yet="no"))["complained_text"] is None


@pytest.mark.parametrize("service", ["council_service", "adults_social_care"])
def test_another_day_is_not_offered_before_a_complaint_is_made(R, complaint, service):
    # Nothing has been received (day 0 is the day received), so nothing can be due or late on a later
    # day: the dates stay those of a complaint made today, with no warning, and "as at" is not kept.
    step = decide(R, complaint(service=service, happened="2026-11-01", found_out="2026-11-01",
                               complained_yet="no", as_at="2027-01-10"), TODAY)
    res = step["result"]
    assert (res["as_at"], res["complaint_made"], res["overdue"]) == (TODAY.isoformat(), False, [])
    assert {i["status"] for i in res["timeline"]} <= {"waiting", "upcoming", "unknown", "open"}, res["timeline"]
    assert res["message"].startswith("If you make a formal complaint today")
    assert "as_at" not in step["answers"]
    made = decide(R, complaint(stage="stage1", as_at="2026-11-24"), TODAY)
    assert (made["result"]["complaint_made"], made["answers"]["as_at"]) == (True, "2026-11-24")


@pytest.mark.parametrize("service,warning", [
    ("adults_social_care", "If someone is in danger right now, call 999."),
    ("children_social_care", "If a child is in danger right now, call 999."),
    ("council_service", None),
])
def test_social_care_results_say_what_to_do_at_once(R, complaint, service, warning):
    assert result(R, complaint(service=service, stage="stage1"))["service"]["warning"] == warning


def test_the_complaint_date_is_the_complaint_not_the_request_for_this_stage(R, complaint):
    # The letter asking for the next stage quotes when the complaint was made (12.4), even at stage 2.
    res = result(R, complaint(complained="2026-06-01", stage="stage2", stage_received="2026-09-01",
                              responded="2026-09-20"))
    assert res["complained_text"] == "Monday 1 June 2026"
    assert by_id(res["timeline"])["received"]["date"] == "2026-09-01"


# 10.4 (informal resolution offered first), 10.1 (the corporate aim: "will try ... within three working days"),
# 10.2 ("If the resident insists their issue is recorded as a formal complaint, it will be logged")
@pytest.mark.parametrize("service, text, section", [
    ("council_service", "When you contact us, our Resident Experience team will first try to put things right "
                        "quickly, without a formal investigation. We aim to do this within 3 working days. If you "
                        "want a formal complaint straight away, tell us and we will record it as one.", "10.1, 10.2"),
    ("adults_social_care", "First, speak to the worker, team or manager who provides the service. They will try to "
                           "put it right.", "App. 2"),
])
def test_a_complaint_not_made_yet_is_told_about_informal_resolution(R, complaint, service, text, section):
    res = result(R, complaint(service=service, complained_yet="no", complained=None, stage=None))
    assert res["informal"] == {"text": text, "section": section}
    # Made already: it has had its chance; SEND IASS: its first step is its own (page 001).
    assert "informal" not in result(R, complaint(service=service, stage="stage1"))
    assert "informal" not in result(R, complaint(service="send_iass", complained_yet="no", complained=None, stage=None))


def test_a_stage_answered_for_another_procedure_is_asked_again(R, complaint):
    # Every procedure has a "stage2": after the service changes, corporate stage 2 (12.2) must not
    # stand for children's stage 2 (App. 1 para 6b), whose dates and questions differ.
    step = decide(R, complaint(stage="stage2", stage_received="2026-04-01"), TODAY)
    assert step["kind"] == "result" and step["answers"]["stage_procedure"] == "corporate"
    changed = {**step["answers"], "service": "children_social_care"}
    assert decide(R, changed, TODAY)["question"]["id"] == "stage"
    # Answers without it (share links made before it existed) are taken as they are.
    assert decide(R, complaint(stage="stage2", stage_received="2026-04-01"), TODAY)["kind"] == "result"


def test_an_overdue_response_leads_the_result(R, complaint):
    # 11.2: complained 10 March 2026, reply due 24 March; as at 23 November it is long overdue
    res = result(R, complaint(stage="stage1"))
    respond = by_id(res["timeline"])["respond"]
    assert res["message"] == f"Our reply is {respond['status_text']}. {res['time_limit']['message']}"
    assert res["message"].startswith("Our reply is overdue by ")


# 9.1 and DOMAIN "Time limits": out of time is never a flat no. (answers changed, as at, what the lead says)
LATE_CASES = [
    # Corporate counts from when it happened (9.1): 10 June 2025 + 12 months = 10 June 2026; complained
    # 1 July 2026. Found out 1 May 2026: the reason to give is named.
    ({"happened": "2025-06-10", "found_out": "2026-05-01", "complained": "2026-07-01", "stage": "stage1"},
     "2026-07-03",
     "You complained more than 12 months after the problem happened on Tuesday 10 June 2025. We normally only look "
     "at complaints made within 12 months. We can still accept a complaint made later if there is a good reason, so "
     "tell us why it is late. For example, tell us that you only found out about the problem on Friday 1 May 2026."),
    # Found out when it happened: no such example.
    ({"happened": "2025-06-10", "found_out": "2025-06-10", "complained": "2026-07-01", "stage": "stage1"},
     "2026-07-03",
     "You complained more than 12 months after the problem happened on Tuesday 10 June 2025. We normally only look "
     "at complaints made within 12 months. We can still accept a complaint made later if there is a good reason, so "
     "tell us why it is late."),
    # Found out 1 March 2025, itself more than 12 months before: no good reason, so no such example.
    ({"happened": "2025-01-10", "found_out": "2025-03-01", "complained": "2026-07-01", "stage": "stage1"},
     "2026-07-03",
     "You complained more than 12 months after the problem happened on Friday 10 January 2025. We normally only "
     "look at complaints made within 12 months. We can still accept a complaint made later if there is a good "
     "reason, so tell us why it is late."),
    # We responded (10 July): no warning; but a response can say it was too late.
    ({"happened": "2025-06-10", "found_out": "2026-05-01", "complained": "2026-07-01", "stage": "stage1",
      "stage_received": "2026-07-01", "responded": "2026-07-10"},
     "2026-07-20",
     # 12.4: the next step first (20 working days from our reply on 10 July is Friday 7 August)
     "If you are not happy with our reply, ask for stage 2 by Friday 7 August 2026, in 14 working days. "
     "You complained more than 12 months after the problem happened on Tuesday 10 June 2025. This is normally "
     "outside the policy, "
     "but we have already replied at stage 1. If our reply said your complaint was too late, tell us why you "
     "could not complain sooner."),
    # At stage 2 with our stage 2 response (12.2): that is the stage named.
    ({"happened": "2025-06-10", "found_out": "2025-06-10", "complained": "2026-07-01", "stage": "stage2",
      "stage_received": "2026-08-03", "responded": "2026-08-20"},
     "2026-09-01",
     "You complained more than 12 months after the problem happened on Tuesday 10 June 2025. This is normally "
     "outside the policy, "
     "but we have already replied at stage 2. If our reply said your complaint was too late, tell us why you "
     "could not complain sooner."),
    # At stage 2 (12.4), stage 1 was answered, though stage 2's reply is still to come (and late).
    ({"happened": "2025-06-10", "found_out": "2025-06-10", "complained": "2026-07-01", "stage": "stage2",
      "stage_received": "2026-08-03"},
     "2026-11-23",
     "Our reply is overdue by 59 working days. You complained more than 12 months after the problem happened on "
     "Tuesday 10 June 2025. This is normally outside the policy, but we have already replied at stage 1. If our "
     "reply said your complaint was too late, tell us why you could not complain sooner."),
]


@pytest.mark.parametrize("changes,as_at,message", LATE_CASES)
def test_a_late_complaint_is_told_how_to_give_the_reason_unless_we_already_answered_it(R, complaint, changes,
                                                                                        as_at, message):
    res = result(R, complaint(**changes), today=datetime.date.fromisoformat(as_at))
    assert res["time_limit"]["in_time"] is False
    assert res["message"] == message
    assert res["time_limit"]["answered"] is (changes.get("responded") is not None or changes["stage"] == "stage2")
    # The fact alone, which the page shows as the warning; none once we have answered (no warning then)
    # (each unanswered case here opens with it; the page cuts the message after it)
    first_sentence = message.split(". ")[0] + "."
    assert res["time_limit"]["late_text"] == (None if res["time_limit"]["answered"] else first_sentence)
    if changes["stage"] == "stage2":  # 12.2: 20 working days from 3 August 2026 is 1 September (31 August is a bank holiday)
        assert by_id(res["timeline"])["respond"]["date"] == "2026-09-01"


# 12.4: once our reply has come and there is a next stage, by when to ask for it comes first
# (re-test: it was three phone screens down). Complained Wednesday 28 October 2026; replied Tuesday
# 10 November; 20 working days to ask, to Tuesday 8 December.
NEXT_STAGE_LEAD_CASES = [
    ({"responded": "2026-11-10"}, "2026-11-24",
     "If you are not happy with our reply, ask for stage 2 by Tuesday 8 December 2026, in 10 working days."),
    ({"responded": "2026-11-10"}, "2026-12-08",
     "If you are not happy with our reply, ask for stage 2 today, Tuesday 8 December 2026."),
    ({"responded": "2026-11-10"}, "2026-12-09",
     "The usual time to ask for stage 2 ended on Tuesday 8 December 2026. If you are not happy with our reply, you "
     "can still ask. Say why you could not ask sooner."),
    # no reply yet: the lead is about our reply, as before
    ({}, "2026-11-09", "Our reply is due by Wednesday 11 November 2026, in 2 working days."),
    # at the last stage there is no next stage to ask for (13: the Ombudsman comes after)
    ({"stage": "stage2", "stage_received": "2026-11-12", "responded": "2026-11-20"}, "2026-11-24",
     "You complained within 12 months of when the problem happened."),
]


@pytest.mark.parametrize("changes,today,lead", NEXT_STAGE_LEAD_CASES)
def test_once_we_have_replied_the_lead_says_by_when_to_ask_for_the_next_stage(R, complaint, changes, today, lead):
    answers = complaint(happened="2026-10-20", found_out="2026-10-20", complained="2026-10-28",
                        **{"stage": "stage1", **changes})
    res = result(R, answers, today=datetime.date.fromisoformat(today))
    assert res["message"].startswith(lead), res["message"]
    if "responded" in changes and changes.get("stage") != "stage2":
        # not on another day than today: the statuses are as at that day, the lead is for acting on now
        assert lead not in result(R, {**answers, "as_at": "2026-11-30"}, today=datetime.date.fromisoformat(today)
                                  )["message"]


@pytest.mark.parametrize("service", ["adults_social_care", "children_social_care"])
def test_the_consent_note_is_for_someone_complaining_for_another(R, complaint, service):
    # App. 1 para 2, App. 2 para 3: their information needs their written consent, and being a relative
    # is not enough (re-test: a grandmother was not told; the person complaining for themselves was)
    def consent_notes(complainant):
        res = result(R, complaint(service=service, complainant=complainant, stage="stage1"))
        return [n["text"] for n in res["notes"] if "consent" in n["text"]]
    said = ("If they can agree, we need their written consent before we share their information with you. Being "
            "their relative, even their next of kin, is not enough on its own. If they cannot complain themselves, "
            "you can act for them as their representative.")  # App. 1 para 3: "the only exception"
    assert consent_notes("representative_with_permission") == consent_notes("parent_or_carer") == [said]
    assert consent_notes("self") == []


# 4.1: for someone complaining for another, the lead says "the complaint was made", as the questions did
FOR_SOMEONE_ELSE_LATE_CASES = [
    ({"happened": "2025-06-10", "found_out": "2025-06-10", "complained": "2026-07-01", "stage": "stage1"},
     "2026-07-03",
     "The complaint was made more than 12 months after the problem happened on Tuesday 10 June 2025. We normally "
     "only look at complaints made within 12 months. We can still accept a complaint made later if there is a good "
     "reason, so tell us why it is late."),
    ({"happened": "2025-06-10", "found_out": "2025-06-10", "complained": "2026-07-01", "stage": "stage1",
      "stage_received": "2026-07-01", "responded": "2026-07-10"},
     "2026-07-20",
     "If you are not happy with our reply, ask for stage 2 by Friday 7 August 2026, in 14 working days. "
     "The complaint was made more than 12 months after the problem happened on Tuesday 10 June 2025. This is normally "
     "outside the policy, but we have already replied at stage 1. If our reply said the complaint was too late, tell "
     "us why it could not be made sooner."),
]


@pytest.mark.parametrize("changes,as_at,message", FOR_SOMEONE_ELSE_LATE_CASES)
@pytest.mark.parametrize("complainant", ["representative_with_permission", "parent_or_carer"])
def test_for_someone_else_the_time_limit_says_the_complaint_was_made(R, complaint, complainant, changes, as_at, message):
    res = result(R, complaint(complainant=complainant, **changes), today=datetime.date.fromisoformat(as_at))
    assert res["message"] == message
    assert res["for_someone_else"] is True
    # The fact alone, which the page shows as the warning; none once we have answered (no warning then)
    assert res["time_limit"]["late_text"] == (None if changes.get("responded") else
                                              "The complaint was made more than 12 months after the problem "
                                              "happened on Tuesday 10 June 2025.")


def test_in_time_for_someone_else(R, complaint):
    res = result(R, complaint(complainant="representative_with_permission", stage="stage1"))
    assert res["time_limit"]["message"] == "The complaint was made within 12 months of when the problem happened."
    assert result(R, complaint(stage="stage1"))["time_limit"]["message"] == \
        "You complained within 12 months of when the problem happened."


def test_the_ombudsman_limit_is_its_usual_limit_not_a_last_day(R, complaint):
    # 13.1: "would normally expect ... within 12 months of when the complainant first knew".
    res = result(R, complaint(happened="2025-11-20", found_out="2025-12-01", stage="stage1"))
    limit = by_id(res["timeline"])["ombudsman_limit"]
    # 12 months: its status counts calendar days, and the sentence under the dates says what they are
    assert limit["status_text"].endswith("calendar days") and res["counting_text"].endswith(
        " Where a status says calendar days, every day counts, including weekends and bank holidays.")
    assert limit["label"] == ("The Ombudsman's usual time limit (12 months from when you found out about the "
                              "problem)")
    assert limit["date"] == "2026-12-01"
    assert res["ombudsman"]["time_limit"]["counts_from_text"] == "you found out about the problem"


def test_for_someone_else_the_limits_count_from_when_you_or_they_found_out(R, complaint):
    # 13.1 (the Ombudsman), App. 1-2 (social care): from when the problem was known of. For another
    # person (4.1), the one who found out may be either of them.
    res = result(R, complaint(complainant="parent_or_carer", service="children_social_care",
                              happened="2025-11-20", found_out="2025-12-01", stage="stage1"))
    assert by_id(res["timeline"])["ombudsman_limit"]["label"] == (
        "The Ombudsman's usual time limit (12 months from when you or they found out about the problem)")
    assert res["ombudsman"]["time_limit"]["counts_from_text"] == "you or they found out about the problem"
    limit = res["time_limit"]
    assert (limit["from_event_text"], limit["counts_from_text"]) == (
        "you or they found out about the problem",
        "the problem happened or, if later, when you or they found out about it")
    # Counted from when it happened (9.1), a later discovery is the reason to give
    late = result(R, complaint(complainant="representative_with_permission", happened="2025-01-10",
                               found_out="2025-12-01", complained="2026-03-02", stage="stage1"),
                  today=datetime.date(2026, 3, 3))
    assert late["time_limit"]["message"].endswith(
        " For example, tell us that neither of you knew about the problem until Monday 1 December 2025.")


def test_a_complaint_about_how_an_appeal_was_run_is_given_who_to_complain_to(R, complaint):
    # 9.1: the outcome of an appeal is outside the policy; "how processes were conducted" is not.
    [item] = result(R, complaint(out_of_scope=["appeal_outcome"]))["out_of_scope"]
    assert "If you think we ran the process badly, you can complain to us about that." in item["where_to_go"]
    assert [c["name"] for c in item["contacts"]] == ["Speak Up (Coventry City Council complaints)"]


# 11.2 and 12.2: if we cannot reply in time, we send an update with a new date. Complaint received
# Tuesday 10 March 2026: the policy's date is Tuesday 24 March (10 working days); the update gave
# Tuesday 14 April (after Easter). (new date, our response, as at, status, note)
NEW_DATE_CASES = [
    ("2026-04-14", None, "2026-04-08", "in 4 working days",
     "The date from the council's update. The usual date was Tuesday 24 March 2026."),
    ("2026-04-14", None, "2026-04-16", "overdue by 2 working days",
     "The date from the council's update. The usual date was Tuesday 24 March 2026."),
    # Once we replied, the row still says where its date came from (the update) and what the usual one was.
    ("2026-04-14", "2026-04-10", "2026-04-20", "done", "We replied on Friday 10 April 2026. The date shown is the "
     "new date from our update. The usual date was Tuesday 24 March 2026."),
    ("2026-04-14", "2026-04-16", "2026-04-20", "done, 2 working days late",
     "We replied on Thursday 16 April 2026, 2 working days after Tuesday 14 April 2026, the new date in our update. "
     "The usual date was Tuesday 24 March 2026."),
    ("2026-04-14", None, "2026-03-26", "in 11 working days",  # Easter between
     "The date from the council's update. The usual date was Tuesday 24 March 2026."),
]


@pytest.mark.parametrize("new_date,responded,as_at,status_text,note", NEW_DATE_CASES)
def test_an_update_with_a_new_date_moves_our_response_date(R, complaint, new_date, responded, as_at, status_text,
                                                            note):
    answers = complaint(stage="stage1", new_date=new_date, responded=responded)
    res = result(R, answers, today=datetime.date.fromisoformat(as_at))
    respond = by_id(res["timeline"])["respond"]
    assert (respond["status_text"], respond["note"]) == (status_text, note)
    assert respond["date"] == new_date
    assert respond["rule"] == "the new date in the council's update; usually within 10 working days"  # not 10 from receipt
    overdue = [o["text"] for o in res["overdue"] if o["item"] == "respond"]
    if status_text.startswith("overdue"):
        assert overdue == ["Our reply is overdue by 2 working days. The new date in our update was Tuesday "
                           "14 April 2026. Contact Speak Up to ask when you "
                           "will get it. If you are still waiting, you can complain to the Local Government and "
                           "Social Care Ombudsman. The Ombudsman normally expects you to go through all our "
                           "stages first. It can make an exception, for example if waiting could cause someone harm. "
                           "If you are not sure, ask the Ombudsman's advice team."]
    else:
        assert overdue == []


def test_the_new_date_is_asked_only_where_the_policy_gives_one(R, complaint):
    # Corporate stages 1 and 2 (11.2, 12.2); not adults' (App. 2) or children's (App. 1: 'up to' instead).
    for service, stages in [("council_service", ["stage1", "stage2"]), ("adults_social_care", []),
                            ("children_social_care", [])]:
        answers = complaint(service=service)
        step = decide(R, answers, TODAY)
        assert step["question"]["id"] == "stage"
        fields = {f["id"]: f for f in step["question"]["fields"]}
        assert fields.get("new_date", {}).get("stages", []) == stages, service
        if stages:
            # Named by stage, as our reply is: stage 1's update is not the one asked about at stage 2
            assert fields["new_date"]["label_by_stage"] == {
                "stage1": "New date in our update at stage 1", "stage2": "New date in our update at stage 2"}
    step = decide(R, complaint(stage="stage1", new_date="2026-03-01"), TODAY)
    assert [e["message"] for e in step["errors"]] == [
        "New date in our update at stage 1 must be the same as or after the date you complained"]
    # 11.2: complained 10 March 2026, so our response was due 24 March; an update's date comes later
    step = decide(R, complaint(stage="stage1", new_date="2026-03-24"), TODAY)
    assert [(e["field"], e["message"]) for e in step["errors"]] == [
        ("new_date-day", "New date in our update at stage 1 must be after 24 March 2026, the date our reply was "
                         "first due")]


@pytest.mark.parametrize("service,stage,section", [("council_service", "stage1", "10.4"),
                                                   ("children_social_care", "stage1", "App. 1 para 5"),
                                                   ("children_social_care", "stage2", "App. 1 para 5")])
def test_asking_for_the_next_stage_may_meet_informal_resolution_first(R, complaint, service, stage, section):
    # 10.4: "before progressing to the next stage ... consider whether it might be possible to settle
    # the complaint informally"; App. 1 para 5: informal attempts "should continue wherever possible".
    received = {"stage_received": "2026-03-20"} if stage != "stage1" else {}
    res = result(R, complaint(service=service, stage=stage, responded="2026-04-30", **received))
    informal = by_id(res["timeline"])["escalate"]["informal_first"]
    assert informal["section"] == section and "try again to sort out your complaint informally" in informal["text"]


@pytest.mark.parametrize("complainant", ["parent_or_carer", "child_or_young_person"])
def test_a_parent_or_a_child_can_complain(R, complaint, complainant):
    # 4.1: "someone acting on behalf of the child or young person, such as a parent, carer ..."
    for service in ("children_social_care", "council_service"):
        res = result(R, complaint(service=service, complainant=complainant, stage="stage1"))
        assert res["outcome"] == "complaint"
    if complainant == "parent_or_carer":  # 4.2: permission, if they can give it
        assert any("If they are old enough to decide for themselves, we may ask if they agree." in n["text"]
                   for n in res["notes"])


def test_a_new_date_not_after_the_policy_s_changes_nothing(R):
    """The forms refuse one (an update is sent because we cannot reply in time); the timeline, which
    the API and the command line also reach, keeps the policy's date and words (11.2)."""
    from navigator.timeline import stage_timeline
    corporate = R.procedures["corporate"]
    received, as_at = datetime.date(2026, 3, 10), datetime.date(2026, 3, 26)
    plain = stage_timeline(R, corporate, corporate.stages[0], received, as_at)
    early = stage_timeline(R, corporate, corporate.stages[0], received, as_at, new_date=datetime.date(2026, 3, 20))
    assert early == plain
    assert by_id(early["items"])["respond"]["status_text"] == "overdue by 2 working days"


def test_on_another_day_the_lead_says_which_day_it_is_true_on(R, complaint):
    # 11.2: received Tuesday 10 March 2026, due Tuesday 24 March; as at Thursday 26 March, 2 working days late
    answers = complaint(stage="stage1", as_at={"day": "26", "month": "3", "year": "2026"})
    res = result(R, answers)
    assert res["message"].startswith("On Thursday 26 March 2026, our reply was overdue by 2 working days. ")
    res = result(R, complaint(stage="stage1"), today=datetime.date(2026, 3, 26))
    assert res["message"].startswith("Our reply is overdue by 2 working days. ")
    # A day still to come: true only if no reply comes before it
    res = result(R, complaint(stage="stage1", as_at="2026-03-26"), today=datetime.date(2026, 3, 25))
    assert res["message"].startswith("On Thursday 26 March 2026, our reply will be overdue by 2 working days, "
                                     "if it has not come by then. ")


def test_a_complaint_not_made_yet_and_out_of_time_is_told_so_in_its_own_terms(R, complaint):
    # 9.1: happened 1 June 2025; as at 23 November 2026, more than 12 months ago
    res = result(R, complaint(happened="2025-06-01", found_out="2025-06-01", complained_yet="no", complained=None))
    # Out of time first: it is what to act on, and the lead is shown as a warning (advocate's review)
    assert res["message"] == (
        "It is more than 12 months since the problem happened on Sunday 1 June 2025. We normally only look at "
        "complaints made within 12 months. We can still accept a complaint made later if there is a good reason, so "
        "tell us why it is late. If you make a formal complaint today, this is what happens under the corporate "
        "complaints procedure.")
    assert res["time_limit"]["late_text"] == "It is more than 12 months since the problem happened on Sunday 1 June 2025."
    in_time = result(R, complaint(happened="2026-11-02", found_out="2026-11-02", complained_yet="no", complained=None))
    assert in_time["time_limit"]["late_text"] is None
    # 9.1: what to put in the complaint, for "What to do next"; none in time, or once made
    assert res["time_limit"]["give_reason"] == "When you complain, say why you could not complain sooner."
    assert in_time["time_limit"]["give_reason"] is None
    made_late = result(R, complaint(happened="2025-06-01", found_out="2025-06-01", complained="2026-07-01",
                                    stage="stage1"))["time_limit"]
    assert made_late["late_text"] and made_late["give_reason"] is None  # made: the lead says what to do
    assert in_time["message"].startswith("If you make a formal complaint today, this is what happens under the "
                                         "corporate complaints procedure. You ")


def test_the_date_you_complained_is_the_date_we_received_it(R, complaint):
    # 14.1, 11.2: our dates count from the day we receive the complaint; a letter arrives days later.
    step = decide(R, {k: v for k, v in complaint().items() if k not in ("complained", "stage")}, TODAY)
    [field] = [f for f in step["question"]["fields"] if f["id"] == "complained"]
    assert field["hint"] == ("The date you first made a formal complaint to us. If you posted it, give the date it "
                             "arrived. If you do not know, give the date you posted it. For example, 27 3 2026.")


def test_the_stage_question_helps_you_find_your_stage(R, complaint):
    step = decide(R, complaint(service="children_social_care"), TODAY)
    stage = step["question"]
    assert stage["id"] == "stage"
    assert stage["hint"] == ("Our last letter or email about your complaint should say which stage it is at. If you "
                             "have not asked us to take it further, it is at stage 1.")
    fields = {f["id"]: f for f in stage["fields"]}
    assert fields["stage_received"]["label"] == "Date you asked for this stage"
    # Under the chosen stage, named as its errors name it (App. 1 para 6: stages 2 and 3)
    assert fields["stage_received"]["label_by_stage"] == {"stage2": "Date you asked for stage 2",
                                                          "stage3": "Date you asked for stage 3"}
    assert fields["responded"]["label_by_stage"]["stage2"] == "Date of our reply at stage 2"
    # App. 1 para 6c: the panel meets before our reply, so its date is asked first
    assert [f["id"] for f in stage["fields"]].index("panel") < [f["id"] for f in stage["fields"]].index("responded")
    # Adults' social care has one stage (App. 2 para 7): nothing to tell apart
    adults = {f["id"]: f for f in decide(R, complaint(service="adults_social_care"), TODAY)["question"]["fields"]}
    assert adults["responded"]["label"] == "Date of our reply" and "label_by_stage" not in adults["responded"]
    # 12.2: counted "from receipt of the request", so a posted request counts from the day it arrived;
    # and an example, as GOV.UK's date input gives one
    assert fields["stage_received"]["hint"] == ("If you posted it, give the date it arrived. If you do not know, give "
                                                "the date you posted it. For example, 27 3 2026.")
    # App. 1 para 6a and 6b: the longer time, and when it applies, as a sentence
    assert fields["extended"]["hint_by_stage"] == {
        "stage1": "Select this if we wrote to say we need up to 20 working days. We can take that long if the "
                  "complaint is complex.",
        "stage2": "Select this if we wrote to say we need up to 65 working days. We can take that long if the "
                  "investigation needs longer."}


def test_someone_acting_for_another_is_told_what_we_need(R, complaint):
    # 4.1: a representative may complain for someone unable or unwilling to; 4.2: not without permission,
    # nor if not acting in their best interests.
    res = result(R, complaint(complainant="representative_with_permission", stage="stage1"))
    [note] = [n for n in res["notes"] if n["section"] == "4.1, 4.2"]
    assert "send us their agreement" in note["text"] and "best interests" in note["text"]
    res = decide(R, complaint(complainant="representative_without_permission"), TODAY)["result"]
    assert res["outcome"] == "not_permitted" and res["answer"]["heading"] == "You need their permission first"


def test_the_ombudsman_is_explained_at_first_mention(R, complaint):
    res = result(R, complaint(stage="stage1"))
    assert res["ombudsman"]["about"] == R.ombudsman.about
    assert "free and independent of the council" in res["ombudsman"]["about"]


def test_a_late_social_care_complaint_is_counted_from_when_you_found_out_in_your_terms(R, complaint):
    # App. 1 / the social care regulations: 12 months from the later of when it happened and when you found
    # out. The message names the one that counts for you, with its date, not the rule's "or, if later".
    res = result(R, complaint(service="children_social_care", happened="2024-01-10", found_out="2025-03-01",
                              complained_yet="no", complained=None))
    assert res["time_limit"]["from_event"] == "found_out"
    assert ("It is more than 12 months since you found out about the problem on Saturday 1 March 2025. We normally "
            "only look at complaints made within 12 months.") in res["message"]
    assert "if later" not in res["message"]


def test_a_reply_date_past_the_working_day_data_is_said_first(R, complaint):
    # App. 1 para 6b: we said stage 2 needs longer (up to 65 working days), which runs past 31 December 2036.
    answers = complaint(service="children_social_care", happened="2036-10-01", found_out="2036-10-01",
                        complained="2036-10-05", stage="stage2", stage_received="2036-11-03", extended="yes")
    res = result(R, answers, today=datetime.date(2036, 11, 5))
    assert res["message"].startswith("We cannot work out when our reply is due. We can only work out dates up to "
                                     "31 December 2036. "), res["message"]


@pytest.mark.parametrize("changes,today,lead", [
    # App. 2 para 7: received Monday 2 November 2026, the aim is 20 working days
    ({"service": "adults_social_care", "complained": "2026-11-02", "stage": "stage1"}, "2026-11-23",
     "We aim to reply by Monday 30 November 2026, in 5 working days. "),
    ({"service": "adults_social_care", "complained": "2026-11-02", "stage": "stage1"}, "2026-11-30",
     "We aim to reply today, Monday 30 November 2026. "),
    # App. 1 para 6b: an aim of 25 working days "but they can take up to sixty-five": both dates, read aloud
    ({"service": "children_social_care", "complained": "2026-06-10", "stage": "stage2",
      "stage_received": "2026-11-02"}, "2026-11-24",
     "We aim to reply by Monday 7 December 2026, in 9 working days. It can take up to 65 working days if the "
     "investigation needs longer, so until Thursday 4 February 2027. "),
    # 11.2: received Tuesday 10 March 2026, due Tuesday 24 March
    ({"stage": "stage1"}, "2026-03-20", "Our reply is due by Tuesday 24 March 2026, in 2 working days. "),
    ({"stage": "stage1"}, "2026-03-24", "Our reply is due today, Tuesday 24 March 2026. "),
])
def test_the_lead_says_when_our_reply_is_due_before_it_is_late(R, complaint, changes, today, lead):
    """The question people come with, "is the council late?", answered first: not yet, and when."""
    res = result(R, complaint(**changes), today=datetime.date.fromisoformat(today))
    assert res["message"].startswith(lead), res["message"]
    assert res["message"].endswith(res["time_limit"]["message"])


@pytest.mark.parametrize("changes", [
    # 7.1: the company replies first; our dates apply once we deal with it ourselves
    {"service": "contractor", "stage": "stage1", "complained": "2026-11-16"},
    # App. 1 6c: 15 working days from the panel's findings, and the panel has no date yet
    {"service": "children_social_care", "stage": "stage3", "stage_received": "2026-11-02"},
])
def test_no_due_date_leads_where_there_is_no_firm_one(R, complaint, changes):
    recent = {"happened": "2026-11-02", "found_out": "2026-11-02", "complained": "2026-11-02"}
    res = result(R, complaint(**{**recent, **changes}), today=datetime.date(2026, 11, 23))
    assert res["message"] == res["time_limit"]["message"], res["message"]
    assert by_id(res["timeline"])["respond"]["status"] == "upcoming"  # a date to come, not led with


def test_the_letter_says_who_the_complaint_is_for_as_navigator_yaml_words_it(R, complaint):
    # 4.1, 4.2: someone acting for another names them; the words are content (navigator.yaml letter_line)
    said = {c.id: result(R, complaint(complainant=c.id, stage="stage1"))["letter_line"] for c in R.complainant_types
            if not c.answer}
    assert said == {"self": None, "child_or_young_person": None,
                    "representative_with_permission": "I am acting for [their name]. [Say that they agreed, or why "
                                                      "they cannot complain themselves.]",
                    "parent_or_carer": "The complaint is about [the child or young person's name]."}
