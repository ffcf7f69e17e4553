"""Review dates and the calendar: what is out of date (warnings)."""
from __future__ import annotations

import datetime

from ..content import Content
from ..ruledata import bank_holidays, calendar_range
from .report import ERROR, WARNING, Report

COVERAGE_YEARS = 5


def years_before(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def check_review_dates(content: Content, today: datetime.date, report: Report) -> None:
    root = content.root.name
    policy = content.sources.get(f"{root}/policy.yaml")
    review = content.policy.review
    if review.due < today:
        report.add(policy.file, policy.line(("review", "due")), WARNING,
                   f"the policy's review was due on {review.due.isoformat()} and has passed "
                   f"(section {review.section}: reviewed every {review.every_months} months).",
                   "Review the policy, then set review.due to the next review date.", "review")
    # One warning for all the open notes, not one each: thirty of them buried the warnings that matter
    # (the policy team's trial run missed a discrepancy gone out of date among them).
    notes = content.sources.get(f"{root}/review_notes.yaml")
    still_open = [(i, note) for i, note in enumerate(content.review_notes) if note.status == "open"]
    if still_open:
        first, _ = still_open[0]
        count = f"{len(still_open)} reviewer note{'s are' if len(still_open) > 1 else ' is'}"
        report.add(notes.file, notes.line((first, "status")), WARNING,
                   f"{count} still open: {', '.join(note.id for _, note in still_open)} (listed at the end of this "
                   "report).", "Deal with each, then set its status: done and say how in its resolution.", "review")
    year_ago = years_before(today, 1)
    for page in [*content.pages, content.policy_page]:
        meta = content.sources[page.file]
        if page.meta.last_reviewed > today:
            # "Page last reviewed 23 November 2062" is shown on the page: a slip in the year, usually.
            report.add(page.file, meta.line(("last_reviewed",)), ERROR,
                       f"last_reviewed is {page.meta.last_reviewed.isoformat()}, after today: the page shows it.",
                       "Set last_reviewed to the day you checked the page.", "review")
        elif page.meta.last_reviewed < year_ago:
            report.add(page.file, meta.line(("last_reviewed",)), WARNING,
                       f"this page was last reviewed on {page.meta.last_reviewed.isoformat()}, over a year ago.",
                       "Check the page against the policy, then set last_reviewed to today's date.", "review")


def check_calendar(content: Content, today: datetime.date, report: Report) -> None:
    root = content.root.name
    located = content.sources.get(f"{root}/calendar.yaml")
    calendar = content.calendar
    _, last = calendar_range(calendar, today.year)
    if last < years_before(today, -COVERAGE_YEARS):
        report.add(located.file, located.line(("bank_holidays", "years_after_build")), WARNING,
                   f"the bank holiday data ends on {last.isoformat()}, less than {COVERAGE_YEARS} years from today: "
                   "the navigator cannot count working days after that.",
                   f"Set years_after_build to at least {COVERAGE_YEARS}.", "calendar")
    years = {c.date.year for c in calendar.closure_days}
    holidays = bank_holidays(calendar, max(years | {today.year}) - calendar.bank_holidays.years_after_build)
    for i, closure in enumerate(calendar.closure_days):
        day = closure.date
        why = ("a " + day.strftime("%A") if day.weekday() >= 5 else
               f"a bank holiday ({holidays[day]})" if day in holidays else None)
        if why:
            report.add(located.file, located.line(("closure_days", i, "date")), WARNING,
                       f"the closure day {day.isoformat()} is {why}, so it is not a working day anyway.",
                       "Check the date; remove it if the council is not closing on an extra day.", "calendar")
