"""The policy's maths: time limits and each stage's dates.

Every figure comes from the rule data (:mod:`navigator.rules`); each item
carries the section it comes from. Working days are counted with the content's
convention (:meth:`WorkingCalendar.due_date`). Everything here is pure: dates
and rules in, JSON-able dicts out.

An item's ``status`` is relative to the "as at" date:

- ``done``: it has happened (we responded, you asked, the panel met)
- ``done_late``: we responded, but ``working_days`` working days after the date due
- ``open``: you can do it (go to the Ombudsman): now, once we have responded; or, on another day than
  today, if our late reply has not come by then
- ``due_today``
- ``upcoming``: in ``working_days`` working days
- ``overdue``: the date passed ``working_days`` working days ago
- ``past_aim``: our reply is not sent, and the date we aimed for (App. 1 para 6b, App. 2 para 7: "the
  aim is to respond within") passed ``working_days`` working days ago. Not ``overdue``: an aim is not
  a limit. Where the policy also gives a longest time ("up to 65"), past that it is ``overdue``,
  counted from that date.
- ``passed``: the date passed ``working_days`` working days ago, and whether the
  thing happened is not known (we never ask whether an acknowledgement came, so
  we cannot call it overdue), or it was yours to do (the usual last day to ask for the
  next stage or to go to the Ombudsman: later is still possible, with a reason)
- ``waiting``: it cannot be dated until something else happens (for example
  the usual last day to ask for the next stage, before our response)
- ``unknown``: the date is beyond the working-day data (``status_text`` says so)
"""
from __future__ import annotations

import datetime

from .calendar import DateOutOfRange, WorkingCalendar
from .dates import add_months, long_date, plural
from .rules import Procedure, Rules, Stage, TimeLimit, Timescale


def limit_starts(limit: TimeLimit, happened: datetime.date, found_out: datetime.date | None) -> datetime.date:
    """The date a 12-month (or other) limit counts from, per its ``counts_from``."""
    found_out = found_out or happened
    if limit.counts_from == "happened":
        return happened
    if limit.counts_from == "found_out":
        return found_out
    return max(happened, found_out)


# How each time limit's start is said (content: time_limit.counts_from).
COUNTS_FROM_TEXT = {
    "happened": "the problem happened",
    "found_out": "you found out about the problem",
    "later_of_happened_and_found_out": "the problem happened or, if later, when you found out about it",
}
# The same, for someone complaining for another person (4.1): either of them may have found out first.
COUNTS_FROM_TEXT_FOR_SOMEONE_ELSE = {
    "happened": "the problem happened",
    "found_out": "you or they found out about the problem",
    "later_of_happened_and_found_out": "the problem happened or, if later, when you or they found out about it",
}


def counts_from_text(counts_from: str, for_someone_else: bool = False) -> str:
    """When a time limit starts, said for whoever is answering."""
    return (COUNTS_FROM_TEXT_FOR_SOMEONE_ELSE if for_someone_else else COUNTS_FROM_TEXT)[counts_from]


def time_limit(limit: TimeLimit, happened: datetime.date, found_out: datetime.date | None,
               complained: datetime.date, for_someone_else: bool = False) -> dict:
    """Whether a complaint made on ``complained`` is within ``limit``; the limit's last day.
    ``for_someone_else``: the texts say "you or they found out" (4.1)."""
    start = limit_starts(limit, happened, found_out)
    last_day = add_months(start, limit.months)
    # Which of the two the limit counts from for you, to say it in your terms ("since you found out
    # about the problem on ..."), not as the rule does ("... or, if later, when you found out").
    from_event = "happened" if limit.counts_from == "happened" or start == happened else "found_out"
    return {"months": limit.months, "counts_from": limit.counts_from, "from_date": start.isoformat(),
            "from_event": from_event, "from_event_text": counts_from_text(from_event, for_someone_else),
            "from_date_text": long_date(start),
            "counts_from_text": counts_from_text(limit.counts_from, for_someone_else),
            "last_day": last_day.isoformat(),
            "last_day_text": long_date(last_day), "in_time": complained <= last_day,
            "section": limit.section, "discretion": limit.discretion}


def counting_text(calendar: WorkingCalendar) -> str:
    """How the dates are counted, in two sentences under the result's dates (the site's "How we count
    working days" page says it at length, from the same convention)."""
    days = "Working days are Monday to Friday, except bank holidays and days the council is closed."
    if calendar.receipt == "next_working_day":
        return (f"{days} If something arrives on a day that is not a working day, we treat it as arriving on the "
                "next working day. We start counting on the working day after that.")
    return f"{days} We do not count the day something arrives, even a weekend or bank holiday. We start counting on the next working day."


CALENDAR_DAYS_TEXT = "Where a status says calendar days, every day counts, including weekends and bank holidays."
"""Said under the dates when a status counts calendar days (the Ombudsman's months, a date on a day off)."""


def calendar_days(n: int) -> str:
    """"1 calendar day", "4 calendar days": beside working days in one table, "days" alone is unclear."""
    return f"{n} calendar day" if n == 1 else f"{n} calendar days"


def status(calendar: WorkingCalendar, date: datetime.date | None, as_at: datetime.date, done: bool = False,
           known: bool = True, in_days: bool = False) -> dict:
    """``status``, ``working_days`` and ``status_text`` for an item dated ``date``.

    ``known`` is False when the user was not asked whether the item happened: a past
    date is then ``passed``, not ``overdue``. ``in_days``: the date is a number of months
    on (the Ombudsman's usual 12 months, 13.1), so its status counts days, not working days.
    """
    if done:
        return {"status": "done", "working_days": None, "status_text": "done"}
    if date is None:
        return {"status": "waiting", "working_days": None, "status_text": "not yet"}
    if date == as_at:
        return {"status": "due_today", "working_days": 0, "status_text": "due today"}
    if in_days:  # a limit you may still go past, with a reason (13.1): never "overdue"
        days = abs((date - as_at).days)
        if date > as_at:
            return {"status": "upcoming", "working_days": None, "days": days, "status_text": f"in {calendar_days(days)}"}
        return {"status": "passed", "working_days": None, "days": days, "status_text": f"passed {calendar_days(days)} ago"}
    try:
        n = calendar.working_days_between(min(date, as_at), max(date, as_at))
    except DateOutOfRange:
        n = None
    if date > as_at:
        if n == 0:
            # A date not counted in working days (a new date we gave, the panel's) may fall on a weekend
            # or bank holiday with no working day before it: still to come, and "in 0 working days"
            # would read as today.
            days = (date - as_at).days
            return {"status": "upcoming", "working_days": 0, "days": days, "status_text": f"in {calendar_days(days)}"}
        return {"status": "upcoming", "working_days": n, "status_text": f"in {plural(n)}" if n is not None else "upcoming"}
    # n is 0 when the date has passed but no working day has ended since (due on a Friday, seen on
    # the Saturday): "overdue by 0 working days" would read as not overdue.
    if not known:
        text = f"passed {plural(n)} ago" if n else "passed"
        return {"status": "passed", "working_days": n, "status_text": text}
    text = f"overdue by {plural(n)}" if n else "overdue"
    return {"status": "overdue", "working_days": n, "status_text": text}


def _item(calendar, as_at, item_id, label, date, section, who, *, done=False, known=True, rule=None,
          in_days=False, **extra) -> dict:
    item = {"id": item_id, "label": label, "date": date.isoformat() if date else None,
            "date_text": long_date(date) if date else None, "section": section, "who": who, "rule": rule}
    item.update(status(calendar, date, as_at, done, known, in_days))
    item.update(extra)
    return item


def first_due(calendar: WorkingCalendar, stage: Stage, received: datetime.date) -> datetime.date:
    """The date the policy gives for our response to ``stage``, received on ``received`` (a stage whose
    response counts from receipt, as every stage with ``new_date_if_late`` does): an update's new date
    must be later than this."""
    return calendar.due_date(received, stage.respond.working_days)


def _team(rules: Rules, procedure: Procedure) -> str:
    """The name of the team to contact about this procedure, for a sentence."""
    contact = rules.contacts.get(procedure.contact)
    return contact.called if contact else "us"


def _ombudsman(rules: Rules) -> str:
    """The Ombudsman's name, for a sentence."""
    contact = rules.contacts.get(rules.ombudsman.contact)
    return contact.name if contact else rules.ombudsman.name


def _flag(rules: Rules, procedure: Procedure, item_id: str, section: str, text: str, kind: str = "late") -> dict:
    """Something the council is late with, what to do, and who to contact (``overdue`` in the timeline).

    ``kind`` is ``late``, or ``past_aim`` for a reply not sent by the date the policy gives as an aim."""
    return {"item": item_id, "kind": kind, "text": text, "contact": rules.contact(procedure.contact),
            "ombudsman_contact": rules.contact(rules.ombudsman.contact), "section": section}


def _unknown(item_id, label, section, who, error: DateOutOfRange) -> dict:
    return {"id": item_id, "label": label, "date": None, "date_text": None, "section": section, "who": who,
            "rule": None, "status": "unknown", "working_days": None, "status_text": str(error)}


def _late_reply_opens_ombudsman(rules: Rules, respond_item: dict, as_at: datetime.date, when: str) -> dict:
    """Why you can go to the Ombudsman before our last reply comes: it is late, as at ``as_at``.
    ``when`` is "today", "ahead" (an advocate's day still to come: only if it has not come by then) or
    "past" (a day gone). The row's status and note ("by then": the row shows the date), and the same
    as a sentence of its own, with the date, for "What to do next"."""
    name = rules.ombudsman.short_name
    was = "We aimed to reply" if respond_item.get("aim") else "Our reply was due"
    if when == "ahead":
        # The status says on what, and the note which day: "then" beside the row's date (our reply's) read as
        # that date, "you can do this on <the day looked at>" as if not before it, and "open" said nothing
        # (re-tests).
        then = f"If it has not come by {long_date(as_at)}, you can go to the {name} then."
        status_text = "you can do this if our reply has not come"
    elif when == "past":
        then = f"If you were still waiting for it on {long_date(as_at)}, you could go to the {name} then."
        status_text = "you could do this if our reply had not come"
    else:
        then, status_text = f"If you are still waiting for it, you can go to the {name} now.", "you can do this now"
    # Today, "by then" is the row's date; on another day the status names that day, so the note names ours.
    by = "then" if when == "today" else respond_item["date_text"]
    return {"status": "open", "working_days": None, "status_text": status_text, "note": f"{was} by {by}. {then}",
            "late_text": f"{was} by {respond_item['date_text']}. {then}"}


def up_to_text(respond: Timescale, longest: datetime.date | None) -> str:
    """The longer time an aim allows (App. 1 para 6b: "but they can take up to sixty-five working days"),
    with its last day if known: "It can take up to 65 working days if the investigation needs longer,
    so until Thursday 4 February 2027." """
    when = f" {respond.up_to_when}" if respond.up_to_when else ""
    until = f", so until {long_date(longest)}" if longest else ""
    return f"It can take up to {plural(respond.up_to)}{when}{until}."


def _letter_late_text(late_by: int | None, past_longest: bool, aiming: bool, updated: bool, respond: Timescale,
                      missed_date: datetime.date) -> str | None:
    """For the letter asking for the next stage, in the complainant's voice: the reply came late, which
    is itself a ground (12.1, procedures not properly applied). None if it was not late: on time, or
    after an aim but within the longer time the policy allows (App. 1 para 6b). ``missed_date``: the
    date it is counted from, named, as the letter has no table beside it (re-test)."""
    if late_by is None or (aiming and not past_longest):
        return None
    days = f"{plural(late_by)} " if late_by else ""
    if past_longest:
        return f"Your reply came {days}after {long_date(missed_date)}, the end of the {plural(respond.up_to)} it can take."
    missed = "the new date in your update" if updated else "the date the complaints policy gives"
    return f"Your reply came {days}after {long_date(missed_date)}, {missed}."


def _within(t: Timescale, extended: bool = False) -> str:
    text = f"within {plural(t.working_days)}"
    if t.counted_from == "panel":
        text += " of the panel's findings"  # App. 1 para 6c: "After the panel has concluded its findings"
    if t.aim:
        text = f"aim: {text}"
    if t.up_to is not None:
        text += f", or up to {plural(t.up_to)}" + (f" {t.up_to_when}" if t.up_to_when else "")
    return text


def next_stage_text(stage: Stage) -> str:
    """What asking for ``stage`` sets going, from its timescales, so you know before you ask: "If you ask
    for stage 3, we will acknowledge your request within 2 working days. The review panel will meet
    within 30 working days of your request. We will reply within 15 working days of the panel's findings." """
    respond = stage.respond
    of = " of the panel's findings" if respond.counted_from == "panel" else " of your request"
    reply = f"{'We aim to reply' if respond.aim else 'We will reply'} within {plural(respond.working_days)}{of}"
    if respond.up_to is None:
        reply += "."
    elif respond.aim:  # App. 1 para 6b: an aim, "but they can take up to sixty-five working days"
        reply += f". {up_to_text(respond, None)}"
    else:  # App. 1 para 6a: "up to 20 if the complaint is complex"
        reply += f", or up to {plural(respond.up_to)}" + (f" {respond.up_to_when}." if respond.up_to_when else ".")
    sentences = []
    if stage.acknowledge:
        sentences.append(f"We will acknowledge your request within {plural(stage.acknowledge.working_days)}.")
    if stage.panel_within:
        sentences.append(f"The review panel will meet within {plural(stage.panel_within.working_days)} of your request.")
    sentences.append(reply)
    first = sentences[0]
    return f"If you ask for stage {stage.number}, {first[0].lower()}{first[1:]} {' '.join(sentences[1:])}".strip()


def stage_timeline(rules: Rules, procedure: Procedure, stage: Stage, received: datetime.date, as_at: datetime.date,
                   *, responded: datetime.date | None = None, extended: bool = False,
                   panel: datetime.date | None = None, new_date: datetime.date | None = None,
                   happened: datetime.date | None = None,
                   found_out: datetime.date | None = None, made: bool = True,
                   response_known: bool = True, today: datetime.date | None = None,
                   for_someone_else: bool = False) -> dict:
    """The dates for one stage received on ``received``, plus what comes after it.

    ``new_date`` is the date an update from us gave when we could not reply in time (11.2, 12.2):
    our response is then measured against it, though never against a date before the policy's.

    ``made`` is False for a complaint not made yet: the dates are then for one made on ``received``
    (today), and nothing is shown as received. ``response_known`` is False when the user was not
    asked whether we responded (10.5: the procedure is not chosen yet), so a past date is
    ``passed``, never ``overdue``. ``today``, if given and before ``as_at``, makes the warnings
    say what will be late on that day if nothing comes before it, not that it is late.

    Something done after the "as at" date had not happened as at that date, so it is not ``done``.

    Returns ``{"items": [...], "overdue": [...]}``; ``overdue`` flags a council
    response that is late, with what to do.
    """
    cal = rules.calendar
    items, overdue = [], []
    first = stage is procedure.stages[0]
    what = "your complaint" if first else f"your request for stage {stage.number}"

    has_responded = responded is not None and responded <= as_at

    def add(item_id, label, section, who, make):
        try:
            items.append(make())
        except DateOutOfRange as e:
            items.append(_unknown(item_id, label, section, who, e))
            return None
        return items[-1]

    if made:
        add("received", f"We received {what}", None, "you",
            lambda: _item(cal, as_at, "received", f"We received {what}", received, None, "you",
                          done=received <= as_at))
    else:
        label = f"If you make a formal complaint today, we receive {what}"
        add("received", label, None, "you",
            lambda: {**_item(cal, as_at, "received", label, received, None, "you"),
                     "status": "waiting", "working_days": None, "status_text": "not made yet"})
    if stage.acknowledge:
        ack = stage.acknowledge
        label = f"We acknowledge {what}"
        add("acknowledge", label, ack.section, "council",
            lambda: _item(cal, as_at, "acknowledge", label, cal.due_date(received, ack.working_days), ack.section,
                          "council", done=has_responded, known=False, rule=_within(ack),
                          # in your own calendar "we" would read as you
                          calendar_label=f"The council should acknowledge {what} by this date",
                          note=None if has_responded else
                          # no "us": this goes in your own calendar too (navigator-result.js events)
                          f"If you have not heard anything by then, contact {_team(rules, procedure)}."))

    panel_by = None
    if stage.panel_within:
        pw = stage.panel_within
        label = "The review panel meets"
        # Our reply at this stage follows the panel's findings (App. 1 6c): with it, the panel has met.
        panel_met = panel <= as_at if panel is not None else has_responded
        panel_item = add("panel", label, pw.section, "council",
                         lambda: _item(cal, as_at, "panel", label, panel or cal.due_date(received, pw.working_days),
                                       pw.section, "council", done=panel_met,
                                       rule=_within(pw), panel_by=cal.due_date(received, pw.working_days).isoformat(),
                                       # without the panel's own date, the date is its last day, not a meeting
                                       calendar_label=None if panel else "The review panel should meet by this date"))
        if panel_item:
            panel_by = datetime.date.fromisoformat(panel_item["panel_by"])
            if panel is None and has_responded:
                panel_item["note"] = ("Our reply follows the panel's findings, so it has met. "
                                      "The date shown is the latest it could meet.")
            if panel and panel > panel_by:
                verb = "met on" if panel <= as_at else "is set for"
                panel_item["note"] = f"Later than the policy allows (by {long_date(panel_by)})."
                overdue.append(_flag(rules, procedure, "panel", pw.section,
                                     f"The review panel {verb} {long_date(panel)}. That is later than the policy "
                                     f"allows: it should meet within {plural(pw.working_days)}, by "
                                     f"{long_date(panel_by)}. Contact {_team(rules, procedure)} to ask why."))
            elif panel is None and not has_responded and panel_item["status"] == "overdue":
                # No date given, and the last day for the panel has gone: we cannot know it has met.
                overdue.append(_flag(rules, procedure, "panel", pw.section,
                                     f"The review panel should have met by {long_date(panel_by)}, within "
                                     f"{plural(pw.working_days)} of your request. If it has not met, or you "
                                     f"have not been given its date, contact {_team(rules, procedure)} to ask why."))

    respond = stage.respond
    label = f"We send our reply to {what}"
    can_update = new_date is not None and stage.new_date_if_late

    def make_respond():
        if respond.counted_from == "panel":
            if panel is None and panel_by is None:  # the panel-by date was beyond the calendar too
                raise DateOutOfRange(cal.last + datetime.timedelta(days=1), cal.first, cal.last)
            start = panel or panel_by
            standard = cal.due_date(start, respond.working_days)
        else:
            start = received
            standard = first_due(cal, stage, received)
        beyond_note = None
        try:
            maximum = cal.due_date(start, respond.up_to) if respond.up_to is not None else None
        except DateOutOfRange as e:
            if extended:  # the date in force is the longest time, and it is past the data
                raise
            # The usual date (or the aim) is still known, and still measured; only the longest is not.
            maximum = None
            # No "we": this note goes in your own calendar too.
            beyond_note = (f"Dates after {long_date(cal.last, weekday=False)} cannot be worked out yet, so the longest "
                           f"time, {plural(respond.up_to)}, is not shown.")
        deadline = maximum if (extended and maximum) else standard
        note = None
        if respond.counted_from == "panel":
            # App. 1 para 6c counts from the panel's findings, which we are not told: from the panel's
            # own date, the reply is due no sooner than this.
            note = ("Counted from the panel's date. If its findings come later, the reply is due later."
                    if panel is not None else
                    "Counted from the last day the panel can meet. If it meets later, or its findings come later, "
                    "the reply is due later.")
        # An update is sent because we cannot reply in time, so its date is later than the policy's;
        # one that is not (the forms refuse it) changes nothing.
        updated = can_update and new_date > standard
        update_note = None
        if updated:
            deadline = new_date
            # No "we": this note goes in your own calendar too. The row shows the new date itself.
            update_note = note = f"The date from the council's update. The usual date was {long_date(standard)}."
        # An aim (App. 1 para 6b, App. 2 para 7) is measured as an aim only while it is the date in
        # force: not once we said we need the longer time, nor against an update's new date.
        aiming = respond.aim and not updated and not (extended and maximum)
        late_by = None
        past_longest = aiming and maximum is not None and has_responded and responded > maximum
        if has_responded:
            note = f"We replied on {long_date(responded)}."
            if past_longest:
                # After the aim's longest time too (App. 1 6b "up to sixty-five"): late, counted from it.
                late_by = cal.working_days_between(maximum, responded)
                note = (f"We replied on {long_date(responded)}, {plural(late_by) + ' ' if late_by else ''}after "
                        f"{long_date(maximum)}, the end of the {plural(respond.up_to)} it can take.")
            elif responded > deadline:
                late_by = cal.working_days_between(deadline, responded)
                promised = ("the date we aimed for" if aiming else
                            "the new date in our update" if updated else "the date the policy gives")
                # The date named: beside a row showing two dates (10, up to 20), "after the date the policy
                # gives" did not say which it counted from (re-test)
                note = (f"We replied on {long_date(responded)}, "
                        f"{plural(late_by) + ' ' if late_by else ''}after {long_date(deadline)}, {promised}")
                if maximum and not extended and responded <= maximum:
                    if aiming:  # "but they can take up to sixty-five working days"
                        note += f", within the {plural(respond.up_to)} it can take"
                    else:  # "10, up to 20 if complex": within the longer time, late only if we did not say so
                        note += f", but within the {plural(respond.up_to)} we can take if we told you it needed longer"
                note += "."
            if update_note:  # the row shows the update's date: say where it came from (if not said), and the usual one
                note += ("" if late_by is not None else " The date shown is the new date from our update.") + \
                    f" The usual date was {long_date(standard)}."
        if beyond_note:
            note = f"{note} {beyond_note}" if note else beyond_note
        item = _item(cal, as_at, "respond", label, deadline, respond.section, "council", done=has_responded,
                     # A deadline, not an event: in a calendar, "sends its reply" read as the reply coming that day.
                     calendar_label=(f"The council aims to reply to {what} by this date" if aiming else
                                     f"The council should reply to {what} by this date"),
                     calendar_label_latest=(f"The latest the council can reply to {what}, if it takes longer"
                                            if maximum else None),
                     responded_text=long_date(responded) if has_responded else None,
                     known=response_known, standard_date=standard.isoformat(),
                     rule=f"the new date in the council's update; usually {_within(respond)}" if updated
                     else _within(respond),  # no "our": the timescale goes in your own calendar too
                     maximum_date=maximum.isoformat() if maximum else None, extended=bool(extended and maximum),
                     if_late=stage.if_late, if_late_section=stage.if_late_section, note=note,
                     new_date=new_date.isoformat() if updated else None, aim=aiming,
                     letter_late_text=_letter_late_text(late_by, past_longest, aiming, updated, respond,
                                                        maximum if past_longest else deadline))
        if late_by is not None:
            # Done, but late: an advocate needs to see a past delay, not only a present one.
            after = "after our aim" if aiming and not past_longest else "late"
            item.update(status="done_late", working_days=late_by,
                        status_text=f"done, {plural(late_by)} {after}" if late_by else f"done {after}")
        elif aiming and item["status"] == "overdue":
            if maximum and as_at > maximum:
                # Past the longest time too: that one is a limit, so overdue, counted from it. The row
                # shows the aim's date, so the status says which date it counts from.
                item.update(status(cal, maximum, as_at))
                item["status_text"] += f", counted from {long_date(maximum)}"
            else:
                n = item["working_days"]
                item.update(status="past_aim",
                            status_text=f"past our aim by {plural(n)}" if n else "past our aim")
        return item

    respond_item = add("respond", label, respond.section, "council", make_respond)
    # An advocate's day still to come: true on that day only if no reply has come by then.
    ahead = today is not None and as_at > today
    # The longest time, if the policy gives one ("up to 65 if the investigation needs longer"), and its
    # end; None when it runs past the working-day data, so it is still to come but has no date.
    when = f" {respond.up_to_when}" if respond.up_to_when else ""
    longest = (datetime.date.fromisoformat(respond_item["maximum_date"])
               if respond_item and respond_item.get("maximum_date") else None)
    if respond_item and respond_item["status"] == "past_aim":
        text = f"We aimed to reply by {respond_item['date_text']}."
        # On a day still to come, how far past it then, as an overdue reply says it (re-test: "we will be past
        # our aim" read as if it were not already, when the aim had gone by before today).
        text += (f" On {long_date(as_at)}, our reply will be {respond_item['status_text']}, if it has not come by "
                 "then." if ahead
                 else f" We had not replied by {long_date(as_at)}." if today is not None and as_at < today
                 else " We have not replied yet.")
        if respond.up_to is not None:
            # App. 1 para 6b: "they can take up to sixty-five working days. The complainant will be kept
            # informed of the anticipated timescales for completion and the reasons for any delay."
            text += (f" {up_to_text(respond, longest)}"
                     " We should tell you why it is taking longer and when to expect our reply."
                     f" If we have not, contact {_team(rules, procedure)}.")
        else:
            text += (f" Contact {_team(rules, procedure)} to ask when you will get it. If you are still waiting,"
                     f" you can complain to the {_ombudsman(rules)}.")
        overdue.append(_flag(rules, procedure, "respond", respond.section, text, kind="past_aim"))
    if respond_item and respond_item["status"] == "overdue":
        text = (f"On {long_date(as_at)}, our reply will be {respond_item['status_text']}, if it has not come by then."
                if ahead else f"On {long_date(as_at)}, our reply was {respond_item['status_text']}."
                if today is not None and as_at < today else f"Our reply is {respond_item['status_text']}.")
        if respond_item.get("new_date"):
            text += f" The new date in our update was {respond_item['date_text']}."
        text += f" Contact {_team(rules, procedure)} to ask when you will get it."
        if stage.if_late and not respond_item.get("new_date"):  # "we send you an update": you have had it
            text += f" {stage.if_late}"
        if respond.up_to is not None and not respond_item.get("extended"):
            # "10, up to 20 if complex" (App. 1 6a): past the 10 is late unless we told you it needs
            # longer, so say how long it can take then, before pointing to the Ombudsman. (Past an aim's
            # longest time, App. 1 6b, only the second sentence below applies.)
            if longest is None or longest >= as_at:  # not ended (or past the data, so not ended either)
                until = f" (until {long_date(longest)})" if longest else ""
                text += f" We can take up to {plural(respond.up_to)}{when}{until}, but only if we told you so."
            elif respond.aim:  # the aim's longest time (App. 1 6b), which the overdue days count from
                text += f" The longest time we can take is {plural(respond.up_to)}."  # its end: in the status
            else:
                # Both counts, each with its date: the status counts from the usual date, in the row.
                since = cal.working_days_between(longest, as_at)
                text += (f" Even if we told you it needed longer, the longest we can take, {plural(respond.up_to)},"
                         f" ended on {long_date(longest)}" + (f", {plural(since)} ago." if since else "."))
        text += f" If you are still waiting, you can complain to the {_ombudsman(rules)}."
        if procedure.stage_after(stage) and rules.ombudsman.after_all_stages:
            # 13.2: tell the complainant the Ombudsman normally expects every stage first.
            text += f" {rules.ombudsman.after_all_stages}"
        overdue.append(_flag(rules, procedure, "respond", stage.if_late_section or respond.section, text))

    following = procedure.stage_after(stage)
    esc = procedure.escalate_within
    if following:
        # 12.4 "Ordinarily ... twenty working days": the usual last day, not a door that shuts.
        stage_name = f"stage {following.number}: {following.name}"
        label = f"Usual last day to ask for {stage_name}"
        add("escalate", label, esc.section, "you",
            lambda: _item(cal, as_at, "escalate", label,
                          cal.due_date(responded, esc.working_days) if has_responded else None,
                          esc.section, "you", known=False, rule=f"{_within(esc)} of the date of the reply",
                          stage_name=stage_name, next_stage_text=next_stage_text(following),
                          grounds=list(following.grounds), grounds_section=following.grounds_section,
                          # 10.4, App. 1 para 5: informal resolution is tried again before each stage
                          informal_first=dict(zip(("text", "section"), procedure.informal_before_next))
                          if procedure.informal_before_next else None,
                          note="You can still ask after this date, saying why you could not ask sooner."
                          if has_responded else None))
    else:
        label = f"You can go to the {rules.ombudsman.name}"
        # Our last reply late (as at): the warning above says that if you are still waiting, you can
        # complain to the Ombudsman, so the row says so too ("not yet" beside it contradicted it).
        # Not when the reply counts from a panel whose date we do not know (App. 1 6c): its date is not firm.
        late = (not has_responded and respond_item is not None and respond_item["status"] in ("overdue", "past_aim")
                and not (respond.counted_from == "panel" and panel is None))
        opened = responded if has_responded else (datetime.date.fromisoformat(respond_item["date"]) if late else None)
        when = "ahead" if ahead else "past" if today is not None and as_at < today else "today"
        if when == "ahead" and opened and opened < today:
            when = "today"  # late already today: you need not wait for the day looked at (re-test)
        add("ombudsman", label, rules.ombudsman.section, "you",
            lambda: {**_item(cal, as_at, "ombudsman", label, opened, rules.ombudsman.section, "you",
                             after=stage.after, after_contact=rules.contact(stage.after_contact),
                             after_section=stage.after_section),
                     # Something you may do, not something done: "done" read as if you had gone already.
                     **({"status": "open", "working_days": None, "status_text": "you can do this now"}
                        if has_responded else {}),
                     **(_late_reply_opens_ombudsman(rules, respond_item, as_at, when) if late else {})})
    if found_out is not None or happened is not None:
        limit = rules.ombudsman.time_limit
        # 13.1 "would normally expect": the Ombudsman's usual limit, not a last day (it has discretion).
        label = (f"The {rules.ombudsman.short_name}'s usual time limit "
                 f"({limit.months} months from when {counts_from_text(limit.counts_from, for_someone_else)})")
        add("ombudsman_limit", label, limit.section, "you",
            lambda: _item(cal, as_at, "ombudsman_limit", label, add_months(limit_starts(limit, happened or found_out, found_out),
                                                                           limit.months),
                          limit.section, "you", known=False, rule=f"{limit.months} months", in_days=True,
                          note=limit.discretion))  # never a flat "passed": also in the calendar file and JSON
    return {"items": items, "overdue": overdue}
