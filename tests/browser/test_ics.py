"""The .ics download: RFC 5545 shape, and the same dates as the navigator's Python API."""
from __future__ import annotations

import re

from navsupport import ADULTS, CHILDREN, CORPORATE_OVERDUE, api_next, to_result


def unfold(text: str) -> list[str]:
    return text.replace("\r\n ", "").split("\r\n")


def download(page) -> bytes:
    with page.expect_download() as info:
        page.click("#download-ics")
    d = info.value
    assert d.suggested_filename == "complaint-dates.ics"
    return open(d.path(), "rb").read()


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
        events, current = [], None
        for line in lines:
            if line == "BEGIN:VEVENT":
                current = {}
            elif line == "END:VEVENT":
                events.append(current)
                current = None
            elif current is not None and ":" in line:
                key, value = line.split(":", 1)
                current[key] = value
        for e in events:
            assert {"UID", "DTSTAMP", "DTSTART;VALUE=DATE", "SUMMARY"} <= set(e)
            assert re.fullmatch(r"\d{8}T\d{6}Z", e["DTSTAMP"])
            assert re.fullmatch(r"\d{8}", e["DTSTART;VALUE=DATE"])
            assert not re.search(r"(?<!\\)[,;]", e["DESCRIPTION"])  # escaped per RFC 5545
        result = api_next(site_dir, answers)["result"]
        # Dates still to come only; and the last day of a range (App. 1 para 6b: 25, up to 65) as well
        expected = {(i["date"].replace("-", ""), i["label"]) for i in result["timeline"]
                    if i["date"] and i["id"] != "received" and i["status"] in ("upcoming", "due_today")}
        expected |= {(i["maximum_date"].replace("-", ""), f"{i['label']} (at the latest, if it takes longer)")
                     for i in result["timeline"]
                     if i.get("maximum_date") and not i.get("extended") and i["maximum_date"] != i["date"]
                     and i["maximum_date"] >= result["as_at"] and not i["status"].startswith("done")}
        got = {(e["DTSTART;VALUE=DATE"], e["SUMMARY"].replace("\\,", ",").replace("\\;", ";")) for e in events}
        assert got == expected and expected
        assert len({e["UID"] for e in events}) == len(events)
        assert all(date >= result["as_at"].replace("-", "") for date, _ in got)  # nothing already gone
        if answers is CHILDREN:
            # Stage 2 received 1 October 2026: the 25-day aim (5 November) has gone; 65 runs to 5 January 2027
            assert ("20270105", "We send our response to your request for stage 2 (at the latest, if it takes longer)") in got
            assert not any(date == "20261105" for date, _ in got)


def test_with_several_possible_procedures_each_event_says_which(page):
    # 10.5: the Service Recovery Team decides; the diary must not hold three identical titles.
    answers = {**ADULTS, "service": "social_care_unsure"}
    answers.pop("stage")
    to_result(page, answers)
    lines = unfold(download(page).decode("utf-8"))
    summaries = [line.split(":", 1)[1].replace("\\,", ",") for line in lines if line.startswith("SUMMARY:")]
    assert summaries and len(summaries) == len(set(summaries)), summaries
    assert all(s.split(": ")[0].endswith("procedure") for s in summaries), summaries
