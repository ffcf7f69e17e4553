"""The .ics download: RFC 5545 shape, and the same dates as the navigator's Python API."""
from __future__ import annotations

import re

from navsupport import ADULTS, CHILDREN, CORPORATE_OVERDUE, api_next, date, show_as_at, to_result

# Complained on Monday 16 November 2026: our stage 1 response is due on 30 November, after today (23 November)
CORPORATE_NOT_LATE = {**CORPORATE_OVERDUE, "happened": date("2026-11-02"), "found_out": date("2026-11-02"),
                      "complained": date("2026-11-16")}
# Complained on 2 November 2026, our stage 1 response came on 20 November: stage 2 can be asked for until 18 December
CORPORATE_ANSWERED = {**CORPORATE_OVERDUE, "happened": date("2026-10-26"), "found_out": date("2026-10-26"),
                      "complained": date("2026-11-02"), "responded": date("2026-11-20")}


def unfold(text: str) -> list[str]:
    return text.replace("\r\n ", "").split("\r\n")


def download(page) -> bytes:
    with page.expect_download() as info:
        page.click("#download-ics")
    d = info.value
    assert d.suggested_filename == "complaint-dates.ics"
    return open(d.path(), "rb").read()


def parse_events(lines: list[str]) -> list[dict]:
    """Each VEVENT's properties, and its VALARMs as a list under "alarms"."""
    events, current, alarm = [], None, None
    for line in lines:
        if line == "BEGIN:VEVENT":
            current = {"alarms": []}
        elif line == "END:VEVENT":
            events.append(current)
            current = None
        elif line == "BEGIN:VALARM":
            alarm = {}
        elif line == "END:VALARM":
            current["alarms"].append(alarm)
            alarm = None
        elif ":" in line and (alarm if alarm is not None else current) is not None:
            key, value = line.split(":", 1)
            (alarm if alarm is not None else current)[key] = value
    return events


def test_ics_matches_the_api(page, site_dir):
    for answers in (CORPORATE_OVERDUE, CHILDREN):
        to_result(page, answers)
        raw = download(page)
        text = raw.decode("utf-8")
        assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
        assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
        lines = unfold(text)
        assert lines[0] == "BEGIN:VCALENDAR" and "VERSION:2.0" in lines and any(l.startswith("PRODID:") for l in lines)
        assert lines[-2] == "END:VCALENDAR"
        events = parse_events(lines)
        for e in events:
            assert {"UID", "DTSTAMP", "DTSTART;VALUE=DATE", "SUMMARY"} <= set(e)
            assert re.fullmatch(r"\d{8}T\d{6}Z", e["DTSTAMP"])
            assert re.fullmatch(r"\d{8}", e["DTSTART;VALUE=DATE"])
            assert not re.search(r"(?<!\\)[,;]", e["DESCRIPTION"])  # escaped per RFC 5545
            # Read in your own calendar, where "we" and "our" would read as you
            assert not re.search(r"\b(we|us|our)\b", e["SUMMARY"] + " " + e["DESCRIPTION"], re.IGNORECASE), e
            # A reminder at 9am on the day, showing the title (RFC 5545 3.6.6: DISPLAY needs a DESCRIPTION)
            assert {"ACTION": "DISPLAY", "DESCRIPTION": e["SUMMARY"], "TRIGGER": "PT9H"} in e["alarms"], e
        result = api_next(site_dir, answers)["result"]
        # Dates still to come only; and the last day of a range (App. 1 para 6b: 25, up to 65) as well
        def in_calendar(item):
            """In your own calendar "we" reads as you: the council's steps say who."""
            return item.get("calendar_label") or item["label"]
        expected = {(i["date"].replace("-", ""), in_calendar(i)) for i in result["timeline"]
                    if i["date"] and i["id"] != "received" and i["status"] in ("upcoming", "due_today")}
        expected |= {(i["maximum_date"].replace("-", ""), i["calendar_label_latest"])
                     for i in result["timeline"]
                     if i.get("maximum_date") and not i.get("extended") and i["maximum_date"] != i["date"]
                     and i["maximum_date"] >= result["as_at"] and not i["status"].startswith("done")}
        got = {(e["DTSTART;VALUE=DATE"], e["SUMMARY"].replace("\\,", ",").replace("\\;", ";")) for e in events}
        assert got == expected and expected
        assert len({e["UID"] for e in events}) == len(events)
        assert all(date >= result["as_at"].replace("-", "") for date, _ in got)  # nothing already gone
        if answers is CHILDREN:
            # Stage 2 received 1 October 2026: the 25-day aim (5 November) has gone; 65 runs to 5 January 2027
            assert ("20270105", "The latest the council can reply to your request for stage 2, if it takes "
                                "longer") in got
            # An advocate with several families tells them apart by the complaint's date
            assert all("Complaint made on Wednesday 10 June 2026." in e["DESCRIPTION"] for e in events)
            assert not any(date == "20261105" for date, _ in got)


def test_your_own_deadlines_remind_you_a_week_before_and_every_event_says_who_to_contact(page):
    """12.4: asking for stage 2 within 20 working days of the reply (Friday 18 December 2026) is yours to
    do, as is the Ombudsman's 12 months (13): a reminder a week before as well as on the day. The
    council's steps name Speak Up (10.4), the Ombudsman's its own line, with every way in contacts.yaml."""
    to_result(page, CORPORATE_ANSWERED)
    events = parse_events(unfold(download(page).decode()))
    ask = next(e for e in events if e["UID"].endswith("-escalate@complaints-navigator"))
    limit = next(e for e in events if e["UID"].endswith("-ombudsman_limit@complaints-navigator"))
    assert ask["DTSTART;VALUE=DATE"] == "20261218"
    for mine in (ask, limit):
        assert [a["TRIGGER"] for a in mine["alarms"]] == ["-P6DT15H", "PT9H"], mine
    assert ask["DESCRIPTION"].endswith(
        "Speak Up: 0800 269851\\, speakup@coventry.gov.uk\\, https://www.coventry.gov.uk/speakup.")
    assert limit["DESCRIPTION"].endswith("Local Government and Social Care Ombudsman: 0300 061 0614\\, "
                                         "https://www.lgo.org.uk/making-a-complaint/.")
    assert "This stage was asked for" not in limit["DESCRIPTION"]
    # The council's steps: a reminder on the day only. Complained 16 November: our reply is due 30 November (11.2)
    to_result(page, CORPORATE_NOT_LATE)
    reply = next(e for e in parse_events(unfold(download(page).decode()))
                 if e["UID"].endswith("-respond@complaints-navigator"))
    assert reply["DTSTART;VALUE=DATE"] == "20261130"
    assert [a["TRIGGER"] for a in reply["alarms"]] == ["PT9H"]
    assert reply["DESCRIPTION"].endswith("Speak Up: 0800 269851\\, speakup@coventry.gov.uk\\, "
                                         "https://www.coventry.gov.uk/speakup.")


def test_a_reminder_a_week_before_is_left_out_once_that_day_has_gone(page):
    """Our reply came on Monday 26 October 2026: the 20 working days to ask for stage 2 (12.4) end today,
    23 November; a reminder on 16 November would show as missed."""
    to_result(page, {**CORPORATE_ANSWERED, "happened": date("2026-10-05"), "found_out": date("2026-10-05"),
                     "complained": date("2026-10-12"), "responded": date("2026-10-26")})
    ask = next(e for e in parse_events(unfold(download(page).decode()))
               if e["UID"].endswith("-escalate@complaints-navigator"))
    assert ask["DTSTART;VALUE=DATE"] == "20261123"
    assert [a["TRIGGER"] for a in ask["alarms"]] == ["PT9H"]


def test_with_several_possible_procedures_each_event_says_which(page):
    # 10.5: the Service Recovery Team decides; the diary must not hold three identical titles.
    answers = {**ADULTS, "service": "social_care_unsure"}
    answers.pop("stage")
    to_result(page, answers)
    lines = unfold(download(page).decode("utf-8"))
    summaries = [line.split(":", 1)[1].replace("\\,", ",") for line in lines if line.startswith("SUMMARY:")]
    assert summaries and len(summaries) == len(set(summaries)), summaries
    # The Ombudsman's 12 months (13.1) are the same for all three: one event, with
    # one set of reminders, not three
    ombudsman = [s for s in summaries if "Ombudsman" in s]
    assert len(ombudsman) == 1 and not ombudsman[0].split(": ")[0].endswith("procedure"), summaries
    assert all(s.split(": ")[0].endswith("procedure") for s in summaries if s not in ombudsman), summaries


def test_the_file_holds_the_dates_still_to_come_whatever_date_the_statuses_are_worked_out_at(page):
    """An advocate looks ahead to a meeting on 4 December: our reply, due on 30 November, is then
    "overdue", but it has not happened yet, so the diary still needs it. The file is the same file."""
    to_result(page, ADULTS)
    before = [line for line in unfold(download(page).decode()) if not line.startswith("DTSTAMP")]
    assert any(line == "DTSTART;VALUE=DATE:20261130" for line in before)
    show_as_at(page, "2026-12-04")
    assert "past our aim" in page.inner_text("tr[data-item=respond]")  # App. 2 para 7: an aim
    assert [line for line in unfold(download(page).decode()) if not line.startswith("DTSTAMP")] == before


def test_an_event_keeps_its_uid_when_an_update_moves_its_date(page):
    """11.2: an update with a new date moves our reply; downloaded again, the file must replace
    the old event, so the UID names the complaint and the step, not the date."""
    def uids(answers):
        to_result(page, answers)
        events = {}
        for line in unfold(download(page).decode()):
            if line.startswith("UID:"):
                uid = line[4:]
            elif line.startswith("DTSTART;VALUE=DATE:"):
                events[uid] = line.split(":")[1]
        return events

    before = uids(CORPORATE_NOT_LATE)
    after = uids({**CORPORATE_NOT_LATE, "new_date": date("2027-01-15")})
    moved = [uid for uid in before if "-respond" in uid]
    assert moved and all(after[uid] == "20270115" for uid in moved if not uid.endswith("-latest@complaints-navigator"))
    assert before.keys() == after.keys()
    # and another complaint, made the next day, is another set of events
    other = uids({**CORPORATE_NOT_LATE, "complained": date("2026-11-17")})
    assert not other.keys() & before.keys()


def test_a_past_as_at_date_does_not_hide_a_date_still_to_come(page):
    """As at 10 November our reply had not come, so there was no date yet to ask for stage 2; today
    there is (12.4), and the diary needs it."""
    to_result(page, CORPORATE_ANSWERED)
    before = [line for line in unfold(download(page).decode()) if not line.startswith("DTSTAMP")]
    assert "DTSTART;VALUE=DATE:20261218" in before
    show_as_at(page, "2026-11-10")
    assert [line for line in unfold(download(page).decode()) if not line.startswith("DTSTAMP")] == before


def test_a_date_typed_with_a_leading_zero_is_the_same_complaint(page):
    def uids(answers):
        to_result(page, answers)
        return [line for line in unfold(download(page).decode()) if line.startswith("UID:")]
    assert uids(CORPORATE_ANSWERED) == uids({**CORPORATE_ANSWERED,
                                             "complained": {"day": "02", "month": "11", "year": "2026"}})


def test_when_no_date_is_still_to_come_the_button_says_so(page):
    """Worked out as at a day in 2024, our reply was still to come; today every date has gone."""
    to_result(page, {**CORPORATE_OVERDUE, "happened": date("2024-01-02"), "found_out": date("2024-01-02"),
                     "complained": date("2024-02-01"), "responded": date("2024-02-12")})
    assert not page.query_selector("#download-ics")  # nothing to come, as at today
    show_as_at(page, "2024-02-05")
    assert "in 8 working days" in page.inner_text("tr[data-item=respond]")  # due Thursday 15 February 2024
    page.click("#download-ics")
    page.wait_for_selector(".ics-status")
    assert page.inner_text(".ics-status") == "There are no dates still to come to put in a calendar."


def test_a_month_typed_as_a_word_gives_the_same_calendar_ids(page):
    """A re-download replaces the events of the same complaint (RFC 5545 UID), however its dates were typed;
    two complaints never share ids."""
    def uids(answers):
        to_result(page, answers)
        return sorted(line for line in unfold(download(page).decode("utf-8")) if line.startswith("UID:"))
    typed_as_number = uids(CORPORATE_NOT_LATE)
    assert typed_as_number and all("2026-11-16" in uid for uid in typed_as_number)
    assert uids({**CORPORATE_NOT_LATE, "complained": {"day": "16", "month": "Nov", "year": "2026"}}) == typed_as_number


def test_before_the_complaint_is_made_each_event_says_the_day_its_dates_assume(page):
    """Not complained yet: the dates assume a formal complaint made today, as the page says ("If you
    make a formal complaint today"); in a calendar, the event must say so too."""
    not_yet = {**CORPORATE_OVERDUE, "happened": date("2026-11-02"), "found_out": date("2026-11-02"),
               "complained_yet": "no"}
    del not_yet["complained"], not_yet["stage"]
    to_result(page, not_yet)
    events = parse_events(unfold(download(page).decode()))
    assumes = "These dates assume you make a formal complaint on Monday 23 November 2026."
    ours = [e for e in events if "Ombudsman" not in e["SUMMARY"]]
    assert ours and all(assumes in e["DESCRIPTION"] for e in ours)
    # The Ombudsman's 12 months count from the problem, whenever you complain (13.1)
    assert any("Ombudsman" in e["SUMMARY"] for e in events)
    assert all(assumes not in e["DESCRIPTION"] for e in events if "Ombudsman" in e["SUMMARY"])


def test_at_a_later_stage_each_event_says_when_that_stage_was_asked_for(page):
    """App. 1: stage 2's dates count from the request for stage 2 (1 October 2026), not the complaint (10 June)."""
    to_result(page, CHILDREN)
    descriptions = [line for line in unfold(download(page).decode()) if line.startswith("DESCRIPTION:")]
    stage = [d for d in descriptions if "This stage was asked for on Thursday 1 October 2026." in d]
    assert stage and all("Complaint made on Wednesday 10 June 2026." in d for d in stage)
