"""Answers in, a result out.

:func:`decide` is the navigator's whole decision in one pure call: it walks
the questions (:mod:`navigator.flow`) and, once every question on the path
is answered, works out the result with :mod:`navigator.timeline`. It never
raises for bad answers: they come back as field-specific errors.
"""
from __future__ import annotations

import datetime

from . import flow
from .calendar import DateOutOfRange
from .dates import add_months, long_date
from .rules import SERVICE_RECOVERY_DECIDES, Procedure, Rules
from .timeline import CALENDAR_DAYS_TEXT, counting_text, stage_timeline, time_limit, up_to_text



def decide(rules: Rules, raw_answers, today: datetime.date) -> dict:
    """The next step for these answers.

    One of ``{"kind": "question", "question": {...}, "answers", "summary"}``,
    ``{"kind": "errors", "question": id, "errors": [...], "definition": {...}, "answers", "summary"}``
    or ``{"kind": "result", "result": {...}, "answers", "summary"}``.
    """
    step = flow.walk(rules, raw_answers, today)
    out = {"kind": step["kind"], "answers": step["answers"], "summary": flow.summary(rules, step)}
    if step["kind"] == "question":
        out["question"] = flow.question(rules, step["question"], step["values"])
    elif step["kind"] == "errors":
        out.update(question=step["question"], errors=step["errors"],
                   definition=flow.question(rules, step["question"], step["values"]))
    else:
        as_at, errors = flow.read_as_at(rules, raw_answers, today, step["values"])
        if errors:
            out.update(kind="errors", question="as_at", errors=errors, definition=None)
        else:
            try:
                out["result"] = result(rules, step["values"], today, as_at)
            except (DateOutOfRange, OverflowError):
                # a date so late that a 12-month limit or a timescale runs past the working-day data
                beyond = DateOutOfRange(rules.calendar.last + datetime.timedelta(days=1), rules.calendar.first,
                                        rules.calendar.last)
                out.update(kind="errors", question="as_at", definition=None,
                           errors=[{"question": "as_at", "field": "as_at-day", "message": str(beyond)}])
    return out


def _contacts(rules: Rules, ids) -> list[dict]:
    return [c for c in (rules.contact(i) for i in ids) if c]


def _answer_contacts(rules: Rules, choice, option) -> list[dict]:
    """Who to contact about an answer that ends the questions: the service itself, when the answer
    sends you there and the service has a contact of its own (SEND IASS, Broad Park House)."""
    if choice.service_contact and option.service:
        return _contacts(rules, [rules.services[option.service].contact])
    return _contacts(rules, [choice.contact] if choice.contact else [])


def _out_of_scope_json(rules: Rules, item) -> dict:
    return {"id": item.id, "question": item.question, "section": item.section, "why": item.why,
            "where_to_go": item.where_to_go, "contacts": _contacts(rules, item.contacts)}


def _late_text(check: dict, complained: bool, for_someone_else: bool = False) -> str:
    """The out-of-time fact alone, in your words and dates: the part of the message the page shows
    as a warning (the rest, what you can still do, is read as ordinary text)."""
    made = "The complaint was made" if for_someone_else else "You complained"
    when = f"{check['from_event_text']} on {check['from_date_text']}"
    return (f"{made} more than {check['months']} months after {when}." if complained else
            f"It is more than {check['months']} months since {when}.")


def _limit_message(check: dict, complained: bool, found_out_later: datetime.date | None = None,
                   answered: int | None = None, for_someone_else: bool = False) -> str:
    """The time-limit sentence. Out of time is never a flat no: it says we may still accept it, and
    how to give the reason; a later discovery is the reason most people have (9.1). For someone
    complaining for another person, "the complaint was made", as the questions asked it (4.1)."""
    months = check["months"]
    made = "The complaint was made" if for_someone_else else "You complained"
    why_late = ("tell us why it could not be made sooner" if for_someone_else
                else "tell us why you could not complain sooner")
    start = check["from_event_text"]  # the event the limit counts from for you: "you found out about the problem"
    when = f"{start} on {check['from_date_text']}"
    if check["in_time"]:
        if complained:
            return f"{made} within {months} months of when {start}."
        return f"You have until {check['last_day_text']} to complain ({months} months from when {start})."
    if answered is not None:
        # We responded (at this stage, or at the one before it): no warning, but a response can
        # itself say the complaint was too late, and then the reason is still to give.
        return (f"{made} more than {months} months after {when}. This is normally outside "
                f"the policy, but we have already replied at stage {answered}. "
                f"If our reply said {'the' if for_someone_else else 'your'} complaint was too late, {why_late}.")
    # Your situation first, in your words and dates; the usual rule; then that it is not a flat no.
    late = _late_text(check, complained, for_someone_else)
    late += f" We normally only look at complaints made within {months} months"
    discretion = check["discretion"].strip()
    if discretion[:1].islower():  # a clause: "unless there is a good reason ..."
        message = f"{late}, {discretion.rstrip('.')}. {why_late[0].upper()}{why_late[1:]}."
    else:
        message = f"{late}. {discretion}"
    if found_out_later:
        when = long_date(found_out_later)
        message += (f" For example, tell us that neither of you knew about the problem until {when}." if for_someone_else
                    else f" For example, tell us that you only found out about the problem on {when}.")
    return message


def _base(values: dict, as_at: datetime.date) -> dict:
    option = values["service"]
    return {
        "outcome": None, "message": None, "as_at": as_at.isoformat(), "as_at_text": long_date(as_at),
        # Statuses on another day ("as at") are offered only for a complaint already made.
        "complaint_made": values.get("complained_yet") is True,
        "service": {"id": option.id, "label": option.label, "note": option.note, "section": option.section,
                    "warning": option.warning},
        "answer": None, "out_of_scope": [], "procedure": None, "service_recovery_decides": None,
        "first_step": None, "time_limit": None, "timeline": [], "overdue": [], "ombudsman": None,
        "possible_procedures": [], "notes": [], "letter_line": None, "for_someone_else": False,
    }


def result(rules: Rules, values: dict, today: datetime.date, as_at: datetime.date) -> dict:
    """The result for a complete, checked set of answers (``values`` from :func:`flow.walk`)."""
    res = _result(rules, values, today, as_at)
    items = [*res["timeline"], *(i for p in res["possible_procedures"] for i in p["timeline"])]
    if any(i.get("days") is not None for i in items):  # a status in calendar days beside working days
        res["counting_text"] += f" {CALENDAR_DAYS_TEXT}"
    return res


def _result(rules: Rules, values: dict, today: datetime.date, as_at: datetime.date) -> dict:
    res = _base(values, as_at)
    res["as_at_is_ahead"] = as_at > today  # an advocate's day still to come: "will be", not "is"
    res["counting_text"] = counting_text(rules.calendar)
    option = values["service"]
    res["convention"] = rules.calendar.receipt
    if option.out_of_scope:
        items = [rules.out_of_scope_item(option.out_of_scope)]
    else:
        items = values.get("out_of_scope") or []
    if items:
        res.update(outcome="out_of_scope", out_of_scope=[_out_of_scope_json(rules, i) for i in items],
                   # Some can come back to us: how an appeal was run, a matter once the court case ends.
                   message=("Our complaints procedure cannot deal with this, or cannot deal with it yet. "
                            "Here is where to go instead."))
        return res
    for key, outcome in (("request_type", "not_a_complaint"), ("complainant", "not_permitted")):
        choice = values.get(key)
        if choice and choice.answer:
            res.update(outcome=outcome, message=choice.answer,
                       answer={"text": choice.answer, "section": choice.section, "heading": choice.heading,
                               "contacts": _answer_contacts(rules, choice, option)})
            return res

    res["outcome"] = "complaint"
    complainant = values.get("complainant")
    if complainant and complainant.note:
        res["notes"].append({"text": complainant.note, "section": complainant.section})
    # Who the complaint is for, in the letter asking for the next stage (navigator.yaml)
    res["letter_line"] = complainant.letter_line if complainant else None
    res["for_someone_else"] = flow.for_someone_else(values)  # the letter: "A complaint was made on ...", not "I made"
    if option.note and values["procedure"] != SERVICE_RECOVERY_DECIDES:  # there, the message says it (below)
        res["notes"].append({"text": option.note, "section": option.section})
    if option.service:
        service = rules.services[option.service]
        res["first_step"] = {"service": service.name, "text": service.first_step,
                             "contact": rules.contact(service.contact), "only_about": service.only_about,
                             "also_contact": _contacts(rules, service.also_contact),
                             # A formal complaint made: the first step is behind you; its contacts still help.
                             "behind_you": bool(values.get("complained_yet"))}

    complained = values["complained"] if values.get("complained_yet") else None
    happened, found_out = values["happened"], values["found_out"]
    o = rules.ombudsman
    res["ombudsman"] = {"name": o.name, "short_name": o.short_name, "about": o.about, "section": o.section,
                        "contact": rules.contact(o.contact),
                        "after_all_stages": o.after_all_stages, "after_all_stages_section": o.after_all_stages_section,
                        "time_limit": time_limit(o.time_limit, happened, found_out, as_at,
                                                 res["for_someone_else"])}

    if values["procedure"] == SERVICE_RECOVERY_DECIDES:
        res["service_recovery_decides"] = {"text": option.note, "section": option.section}
        res["message"] = (option.note or "") + " Until then, below are the dates under each process it could use."
        for procedure in rules.procedures.values():
            # Not asked whether we replied (which procedure would?), so no reply is called overdue.
            res["possible_procedures"].append(_procedure_result(rules, procedure, values, complained, today, as_at,
                                                                response_known=False))
        return res

    procedure = rules.procedures[values["procedure"]]
    res.update(_procedure_result(rules, procedure, values, complained, today, as_at))
    res["notes"].extend({"text": t, "section": s} for t, s in procedure.notes)
    if procedure.consent and res["for_someone_else"]:  # App. 1-2: about their information, so only then
        res["notes"].append({"text": procedure.consent[0], "section": procedure.consent[1]})
    if not complained and procedure.informal and not res.get("first_step"):  # SEND IASS: its own first step
        # 10.4: informal resolution is offered first; a complaint not yet made has not had it.
        text, section = procedure.informal
        res["informal"] = {"text": text,
                           "section": section}
    if not complained:
        # "formal": the dates are for a formal complaint; we first try to put it right informally (10.1, 10.2),
        # which "What to do next" says (re-test: the dates and that advice seemed to disagree)
        framing = f"If you make a formal complaint today, this is what happens under the {procedure.name.lower()}."
        # Out of time, that comes first: it is what to act on (say why it is late), and the lead is a warning.
        res["message"] = (f"{framing} {res['time_limit']['message']}" if res["time_limit"]["in_time"]
                          else f"{res['time_limit']['message']} {framing}")
    else:
        res["message"] = res["time_limit"]["message"]
        respond = next((i for i in res["timeline"] if i["id"] == "respond"), None)
        if respond and respond["status"] == "unknown":
            # Past the working-day data: say so first, or an advocate may read no warning as on time.
            what = "whether our reply came on time" if values.get("responded") else "when our reply is due"
            res["message"] = f"We cannot work out {what}. {respond['status_text']}. {res['message']}"
        elif respond and respond["status"] in ("overdue", "past_aim"):
            # The main fact first: on a phone the warning is a screen and a half further down. On
            # another day than today (an advocate's "as at"), it says which day it is true on; a day
            # still to come only if no reply has come by then.
            status_text = respond["status_text"]
            if as_at == today:
                lead = f"Our reply is {status_text}."
            elif as_at > today:
                lead = f"On {long_date(as_at)}, our reply will be {status_text}, if it has not come by then."
            else:
                lead = f"On {long_date(as_at)}, our reply was {status_text}."
            res["message"] = f"{lead} {res['message']}"
        elif (respond and as_at == today and respond["status"] in ("upcoming", "due_today")
              and (res["time_limit"]["in_time"] or res["time_limit"]["answered"])
              and not option.others_reply_first
              and not (procedure.stage(res["procedure"]["current_stage"]).respond.counted_from == "panel"
                       and not values.get("panel"))):
            # "Is the council late?" answered first, as the late case is: not yet, and when it would be.
            # Not when it is not yet a firm date: out of time (that warning is what to act on first), a
            # company replying first (7.1), or 15 working days from a panel's findings not yet dated (App. 1 6c).
            if respond["status"] == "due_today":
                lead = (f"We aim to reply today, {respond['date_text']}." if respond.get("aim") else
                        f"Our reply is due today, {respond['date_text']}.")
            else:
                lead = (f"We aim to reply by {respond['date_text']}, {respond['status_text']}." if respond.get("aim")
                        else f"Our reply is due by {respond['date_text']}, {respond['status_text']}.")
            if respond.get("aim") and respond.get("maximum_date"):
                # App. 1 para 6b "but they can take up to sixty-five working days": with the aim, or an advocate
                # reading the lead aloud gives one date where the policy gives two.
                timescale = procedure.stage(res["procedure"]["current_stage"]).respond
                lead += f" {up_to_text(timescale, datetime.date.fromisoformat(respond['maximum_date']))}"
            res["message"] = f"{lead} {res['message']}"
        elif lead := _next_stage_lead(res["timeline"], procedure, res["procedure"]["current_stage"], as_at, today):
            res["message"] = f"{lead} {res['message']}"
    return res


def _next_stage_lead(timeline: list, procedure: Procedure, stage_id: str, as_at: datetime.date,
                     today: datetime.date) -> str | None:
    """Our reply has come and there is a next stage: by when to ask for it (12.4), first. Re-test: a
    grandmother's date to ask for stage 2 was three phone screens down, under a sentence about the
    time limit she had met."""
    by_id = {i["id"]: i for i in timeline}
    respond, escalate = by_id.get("respond"), by_id.get("escalate")
    if as_at != today or not respond or not escalate or respond["status"] not in ("done", "done_late"):
        return None
    following = procedure.stage_after(procedure.stage(stage_id)).number  # an escalate row: there is one
    if escalate["status"] == "due_today":
        return f"If you are not happy with our reply, ask for stage {following} today, {escalate['date_text']}."
    if escalate["status"] == "upcoming":
        return (f"If you are not happy with our reply, ask for stage {following} by {escalate['date_text']}, "
                f"{escalate['status_text']}.")
    if escalate["status"] == "passed":
        return (f"The usual time to ask for stage {following} ended on {escalate['date_text']}. If you are not happy "
                "with our reply, you can still ask. Say why you could not ask sooner.")
    return None


def _procedure_result(rules, procedure: Procedure, values, complained, today, as_at, response_known=True) -> dict:
    """Procedure, time limit and timeline; a complaint not yet made is treated as made today."""
    made_on = complained or today
    someone_else = flow.for_someone_else(values)
    check = time_limit(procedure.time_limit, values["happened"], values["found_out"], made_on, someone_else)
    stage = values.get("stage") or procedure.stages[0]
    # Counted from when it happened (corporate, 9.1), a later discovery is the good reason to give,
    # if the complaint came within the same time of it.
    found_out = values["found_out"]
    found_out_later = (found_out if check["counts_from"] == "happened" and found_out and found_out > values["happened"]
                       and made_on <= add_months(found_out, procedure.time_limit.months) else None)
    # The number of the last stage we responded at (as at the date): this one, or the one before it.
    responded = values.get("responded")
    answered = None
    if complained is not None and responded is not None and responded <= as_at:
        answered = stage.number
    elif complained is not None and stage is not procedure.stages[0]:
        answered = procedure.stages[procedure.stages.index(stage) - 1].number
    check["message"] = _limit_message(check, complained is not None, found_out_later, answered, someone_else)
    check["answered"] = answered is not None
    # Out of time and not yet answered: the fact the page shows as its warning (within the message)
    check["late_text"] = (None if check["in_time"] or answered is not None else
                          _late_text(check, complained is not None, someone_else))
    # Not made yet and out of time: what to put in it, for "What to do next" (9.1 "unless there is good
    # reason"; re-test: only the warning at the top said so)
    check["give_reason"] = (None if not check["late_text"] or complained is not None else
                            "When the complaint is made, say why it could not be made sooner." if someone_else else
                            "When you complain, say why you could not complain sooner.")
    timeline = stage_timeline(rules, procedure, stage, values.get("stage_received") or made_on, as_at,
                              responded=values.get("responded"), extended=values.get("extended", False),
                              panel=values.get("panel"), new_date=values.get("new_date"),
                              happened=values["happened"], found_out=values["found_out"],
                              made=complained is not None, response_known=response_known, today=today,
                              for_someone_else=someone_else)
    return {"complained_text": long_date(complained) if complained else None,
            "complained": complained.isoformat() if complained else None,
            "procedure": {"id": procedure.id, "name": procedure.name, "section": procedure.section,
                          "contact": rules.contact(procedure.contact),
                          "stages": [{"id": s.id, "number": s.number, "name": s.name} for s in procedure.stages],
                          "current_stage": stage.id},
            "time_limit": check, "timeline": timeline["items"], "overdue": timeline["overdue"]}
