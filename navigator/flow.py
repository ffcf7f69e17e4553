"""Routing: which question comes next, and which answers no longer apply.

This module knows the order of the questions and when the flow ends early.
It does no policy maths (that is :mod:`navigator.timeline`, driven from
:mod:`navigator.decide`), in the way GOV.UK's smart answers keep flows apart
from calculators.

Answers are a flat dict of form fields, keyed by field id::

    service          a service option id                       (radios)
    request_type     a request type id                         (radios)
    complainant      a complainant type id                     (radios)
    out_of_scope     list of out-of-scope ids, or ["none"]     (checkboxes)
    happened, found_out                                        (dates)
    complained_yet   "yes" or "no"                             (radios)
    complained                                                 (date)
    stage            a stage id of the procedure, and with it  (stage)
      stage_received, responded, panel (dates; only responded and panel
      may be left blank) and extended ("yes" if we said it needs longer)
    as_at            optional date to work things out from (default today)

A key that is absent means the question has not been asked yet; a key that
is present but blank is an answer to check (and gives "Select ..." or
"Enter ..."). :func:`walk` follows the questions in order with the answers
given, drops answers to questions the path no longer reaches (and stage
details that do not apply to the stage chosen), and stops at the first
question that is unanswered or wrong, or at the end.

Question titles and error wording are the navigator's own words; every
option, label, figure and contact comes from the rule data.
"""
from __future__ import annotations

import datetime

from . import answers as A
from .calendar import DateOutOfRange
from .dates import plural
from .rules import SERVICE_RECOVERY_DECIDES, Rules
from .timeline import first_due

NONE_OF_THESE = "none"
YES, NO = "yes", "no"

# The fixed wording of each question: title, hint, and the message when nothing is chosen.
# The first question's title is also built into the navigator page (generator/navigator_pages.py),
# which shows that question before Python loads and without JavaScript.
TEXT = {
    "service": ("What is your complaint about?", None, "Select what your complaint is about"),
    # The answers are kinds of message ("A comment or suggestion"), as the pages without JavaScript list them.
    "request_type": ("Which of these is it?", None, "Select which of these it is"),
    "complainant": ("Who is the complaint for?", None, "Select who the complaint is for"),
    "out_of_scope": ("Is it about any of these?", "Select all that apply.",
                     "Select if it is about any of these, or select ‘None of these’"),
    "problem_dates": ("When did the problem happen?", None, None),
    "complained_yet": ("Have you already made a formal complaint to us?", None,
                       "Select yes if you have already made a formal complaint to us"),
    "complained": ("When did you complain?", None, None),
    "stage": ("Where is your complaint now?",
              "Our last letter or email about your complaint should say which stage it is at. If you have not "
              "asked us to take it further, it is at stage 1.", "Select where your complaint is now"),
}
BOTH_MESSAGE = "Select ‘None of these’ on its own, or select what it is about"
# A procedure with one stage (adults', App. 2 para 7): nothing to choose, so the stage question asks only
# about our reply (re-test: one radio, already chosen, under "Where is your complaint now?").
ONE_STAGE_TITLE = "Have we replied to your complaint?"
ONE_STAGE_TITLE_FOR_SOMEONE_ELSE = "Have we replied to the complaint?"

EXAMPLE_DATE = "For example, 27 3 2026."  # GOV.UK date input: an example in each date question's hint
# Date fields: label (starts error messages), the message when empty, hint.
DATE_FIELDS = {
    "happened": ("Date the problem happened", "Enter the date the problem happened",
                 f"{EXAMPLE_DATE} If you are not sure, give your best guess."),
    "found_out": ("Date you found out about the problem", "Enter the date you found out about the problem",
                  "Leave this blank if you found out on the day it happened."),
    "complained": ("Date you complained", "Enter the date you complained",
                   # Our dates count from the day we receive it (14.1, 11.2): a letter arrives days later.
                   f"The date you first made a formal complaint to us. If you posted it, give the date it arrived. "
                   f"If you do not know, give the date you posted it. {EXAMPLE_DATE}"),
    "responded": ("Date of our reply", "Enter the date of our reply",
                  "Leave this blank if we have not replied yet."),
    # 11.2, 12.2: "an update with an estimate of the timescale for a response"
    "new_date": ("New date in our update", "Enter the new date in our update",
                 "If we sent you an update saying we need longer, enter the date it said you would get our "
                 "reply by. Leave this blank if not."),
    "panel": ("Date of the review panel", "Enter the date of the review panel",
              "Leave this blank if you do not know it yet."),
    "as_at": ("Date to work out the statuses on", "Enter the date to work out the statuses on", None),  # its label in navigator.js asAtForm
}
EARLIER_TEXT = {"happened": "the date the problem happened", "found_out": "the date you found out about the problem",
                "complained": "the date you complained"}

# For someone complaining for another person (navigator.yaml, for_someone_else): the questions about
# the complaint once made do not assume "you" made it, since either of them may have (4.1).
FOR_SOMEONE_ELSE_TEXT = {
    "complained_yet": ("Has a formal complaint already been made to us?", None,
                       "Select yes if a formal complaint has already been made to us"),
    "complained": ("When was the complaint made?", None, None),
    "stage": ("Where is the complaint now?",
              "Our last letter or email about the complaint should say which stage it is at. If no one has "
              "asked us to take it further, it is at stage 1.", "Select where the complaint is now"),
}
FOR_SOMEONE_ELSE_DATE_FIELDS = {
    # 9.1, 13.1: the time limits count from when the problem was known of, by either of them.
    "found_out": ("Date you or they found out about the problem",
                  "Enter the date you or they found out about the problem",
                  "The date you, or the person the complaint is for, first knew about it, whichever was "
                  "earlier. Leave this blank if it was the day it happened."),
    "complained": ("Date the complaint was made", "Enter the date the complaint was made",
                   f"The date a formal complaint was first made to us. If it was posted, give the date it arrived. "
                   f"If you do not know, give the date it was posted. {EXAMPLE_DATE}"),
}
FOR_SOMEONE_ELSE_EARLIER_TEXT = {"complained": "the date the complaint was made",
                                 "found_out": "the date you or they found out about the problem"}
ORDER = ("service", "request_type", "complainant", "out_of_scope", "problem_dates", "complained_yet",
         "complained", "stage")
STAGE_DETAILS = ("stage_received", "new_date", "responded", "extended", "panel")


def for_someone_else(values: dict) -> bool:
    """Whether the answers so far say the complaint is for someone else (the complainant question)."""
    complainant = values.get("complainant")
    return bool(complainant and complainant.for_someone_else)


def _worded(usual: dict, other: dict, key: str, values: dict):
    """``usual[key]``, or ``other``'s wording of it for someone complaining for another person."""
    return other.get(key, usual[key]) if for_someone_else(values) else usual[key]


def _with_one_stage(rules: Rules | None, values: dict) -> bool:
    """Whether the answers lead to a procedure with one stage (adults', App. 2 para 7), whose stage
    question asks only about our reply."""
    procedure = rules.procedures.get(values.get("procedure")) if rules is not None else None
    return procedure is not None and len(procedure.stages) == 1


def _text(qid: str, values: dict, rules: Rules | None = None) -> tuple[str, str | None, str | None]:
    """Question ``qid``'s title, hint and message when nothing is chosen, for whoever is answering
    (``rules``: to ask the stage question of a procedure with one stage as such)."""
    title, hint, select = _worded(TEXT, FOR_SOMEONE_ELSE_TEXT, qid, values)
    if qid == "stage" and _with_one_stage(rules, values):
        return (ONE_STAGE_TITLE_FOR_SOMEONE_ELSE if for_someone_else(values) else ONE_STAGE_TITLE), None, select
    return title, hint, select


def _earlier_text(name: str, values: dict) -> str:
    """An earlier date as error messages name it ("the date you complained")."""
    return _worded(EARLIER_TEXT, FOR_SOMEONE_ELSE_EARLIER_TEXT, name, values)


def _asked_for(stage: str, values: dict) -> str:
    """"you asked for stage 2" or, for someone else, "stage 2 was asked for" (``stage``: "stage 2", "this stage")."""
    return f"{stage} was asked for" if for_someone_else(values) else f"you asked for {stage}"


def _stage_received_text(stage, values: dict) -> str:
    return f"the date {_asked_for(f'stage {stage.number}', values)}"


def _date_label(name: str, stage=None, values: dict | None = None) -> tuple[str, str, str | None]:
    values = values or {}
    if name == "stage_received":
        asked = _asked_for(f"stage {stage.number}", values)
        # 12.2 "from receipt of the request"
        posted = ("If the request was posted, give the date it arrived. If you do not know, give the date it was "
                  "posted." if for_someone_else(values) else
                  "If you posted it, give the date it arrived. If you do not know, give the date you posted it.")
        return f"Date {asked}", f"Enter the date {asked}", f"{posted} {EXAMPLE_DATE}"
    return _worded(DATE_FIELDS, FOR_SOMEONE_ELSE_DATE_FIELDS, name, values)


def _stage_label(name: str, procedure, stage) -> str:
    """"Date of our reply at stage 2" or "New date in our update at stage 2" where there is more than one
    stage: our reply (or update) at stage 1 is not the one asked about at stage 2 (re-test: a parent at
    stage 2 might give the stage 1 reply's date)."""
    label = DATE_FIELDS[name][0]
    return f"{label} at stage {stage.number}" if len(procedure.stages) > 1 else label


def _longer_hint(respond) -> str:
    """Under "We told you we need longer": when the longer time applies, as a sentence."""
    text = f"Select this if we wrote to say we need up to {plural(respond.up_to)}."
    return text + (f" We can take that long {respond.up_to_when}." if respond.up_to_when else "")


def _date_field(name: str, optional: bool = False, stage=None, stages=None, values: dict | None = None) -> dict:
    label, _, hint = _date_label(name, stage, values)
    field = {"id": name, "type": "date", "label": label, "hint": hint, "optional": optional,
             "inputs": [f"{name}-{p}" for p in A.PARTS]}
    if stages is not None:
        field["stages"] = stages
    return field


def procedure_for(rules: Rules, option) -> str | None:
    """The procedure id a service option leads to (or SERVICE_RECOVERY_DECIDES, or None if out of scope)."""
    if option.service:
        return rules.services[option.service].procedure
    return option.procedure


# ---- question definitions -------------------------------------------------

def _radios(qid, options, values: dict | None = None) -> dict:
    title, hint, _ = _text(qid, values or {})
    return {"id": qid, "type": "radios", "title": title, "hint": hint, "options": options, "fields": []}


def first_question(rules: Rules) -> dict:
    """The service question, complete, so the build can render it without Python in the browser."""
    return question(rules, "service", {})


def question(rules: Rules, qid: str, values: dict) -> dict:
    """The definition of question ``qid`` given the answers so far (``values`` as :func:`walk` builds them)."""
    if qid == "service":
        return _radios(qid, [{"value": o.id, "label": o.label, "hint": None} for o in rules.service_options])
    if qid in ("request_type", "complainant"):
        choices = rules.request_types if qid == "request_type" else rules.complainant_types
        return _radios(qid, [{"value": c.id, "label": c.label, "hint": c.hint} for c in choices])
    if qid == "complained_yet":
        return _radios(qid, [{"value": YES, "label": "Yes", "hint": None},
                             {"value": NO, "label": "No, not yet", "hint": None}], values)
    title, hint, _ = _text(qid, values, rules)
    if qid == "out_of_scope":
        options = [{"value": i.id, "label": i.question, "hint": None} for i in rules.out_of_scope]
        options.append({"value": NONE_OF_THESE, "label": "None of these", "hint": None, "exclusive": True})
        return {"id": qid, "type": "checkboxes", "title": title, "hint": hint, "options": options, "fields": []}
    if qid == "problem_dates":
        return {"id": qid, "type": "dates", "title": title, "hint": hint, "options": [],
                "fields": [_date_field("happened"), _date_field("found_out", values=values)]}
    if qid == "complained":
        return {"id": qid, "type": "date", "title": title, "hint": hint, "options": [],
                "fields": [_date_field("complained", values=values)]}
    if qid == "stage":
        procedure = rules.procedures[values["procedure"]]
        options, fields = [], []
        later = [s.id for s in procedure.stages[1:]]
        for s in procedure.stages:
            options.append({"value": s.id, "label": f"Stage {s.number}: {s.name}", "hint": None})
        if later:
            fields.append(_date_field("stage_received", stage=procedure.stages[1], stages=later, values=values))
            # Under the chosen stage, the label names it, as its errors do ("Enter the date you asked for
            # stage 3"); "this stage" is for a page that cannot change it.
            fields[-1]["label"] = f"Date {_asked_for('this stage', values)}"
            fields[-1]["label_by_stage"] = {s.id: _date_label("stage_received", s, values)[0]
                                            for s in procedure.stages[1:]}
        updates = [s.id for s in procedure.stages if s.new_date_if_late]
        if updates:
            fields.append(_date_field("new_date", optional=True, stages=updates))
            if len(procedure.stages) > 1:
                fields[-1]["label_by_stage"] = {s: _stage_label("new_date", procedure, procedure.stage(s))
                                                for s in updates}
        panels = [s.id for s in procedure.stages if s.panel_within is not None]
        if panels:  # before our reply, which follows the panel's findings (App. 1 para 6c)
            fields.append(_date_field("panel", optional=True, stages=panels))
        fields.append(_date_field("responded", optional=True, stages=[s.id for s in procedure.stages]))
        if len(procedure.stages) > 1:
            fields[-1]["label_by_stage"] = {s.id: _stage_label("responded", procedure, s) for s in procedure.stages}
        longer = [s for s in procedure.stages if s.respond.up_to is not None]
        if longer:
            fields.append({"id": "extended", "type": "checkbox", "label": "We told you we need longer", "hint": None,
                           "optional": True, "inputs": ["extended"], "value": YES, "stages": [s.id for s in longer],
                           "hint_by_stage": {s.id: _longer_hint(s.respond) for s in longer}})
        return {"id": qid, "type": "stage", "title": title, "hint": hint, "options": options, "fields": fields}
    raise KeyError(qid)


# ---- checking one question's answers --------------------------------------

def _check(rules: Rules, qid: str, raw: dict, values: dict, today: datetime.date) -> tuple[dict, list]:
    """Parsed values and errors for question ``qid``."""
    select = _text(qid, values, rules)[2]
    if qid == "service":
        value, err = A.read_choice(raw.get(qid), [o.id for o in rules.service_options], qid, qid, select)
        if err:
            return {}, [err]
        option = rules.option(value)
        return {"service": option, "procedure": procedure_for(rules, option)}, []
    if qid in ("request_type", "complainant"):
        choices = rules.request_types if qid == "request_type" else rules.complainant_types
        value, err = A.read_choice(raw.get(qid), [c.id for c in choices], qid, qid, select)
        return ({}, [err]) if err else ({qid: next(c for c in choices if c.id == value)}, [])
    if qid == "complained_yet":
        value, err = A.read_choice(raw.get(qid), [YES, NO], qid, qid, select)
        return ({}, [err]) if err else ({qid: value == YES}, [])
    if qid == "out_of_scope":
        value, err = A.read_choices(raw.get(qid), [i.id for i in rules.out_of_scope], NONE_OF_THESE, qid, qid,
                                    select, BOTH_MESSAGE)
        return ({}, [err]) if err else ({qid: [rules.out_of_scope_item(i) for i in value]}, [])
    if qid == "problem_dates":
        values, errors = _check_dates(qid, raw, today, rules, [("happened", []), ("found_out", ["happened"])],
                                      values, optional=("found_out",))
        if values.get("happened") and values.get("found_out") is None:
            values["found_out"] = values["happened"]  # blank: found out the day it happened, as its hint says
        return values, errors
    if qid == "complained":
        return _check_dates(qid, raw, today, rules, [("complained", ["happened", "found_out"])], values,
                            calendar=True)
    if qid == "stage":
        return _check_stage(rules, raw, values, today)
    raise KeyError(qid)


def _check_dates(qid, raw, today, rules, names, earlier_values=None, calendar=False, optional=()):
    """``earlier_values``: the answers before (their dates, and who the complaint is for, for the wording)."""
    values, errors = {}, []
    earlier_values = earlier_values or {}
    known = dict(earlier_values)
    for name, after in names:
        label, enter, _ = _date_label(name, values=earlier_values)
        if name in optional and A.date_is_blank(raw.get(name)):
            values[name] = None
            continue
        d, err = A.read_date(raw.get(name), qid, name, label, enter)
        err = err or A.not_after(d, today, qid, name, label)
        if not err and calendar:
            err = A.in_calendar(d, rules.calendar, qid, name)
        for earlier in after:
            if not err and known.get(earlier):
                err = A.not_before(d, known[earlier], qid, name, label, _earlier_text(earlier, earlier_values))
        if err:
            errors.append(err)
        else:
            values[name] = known[name] = d
    return values, errors


def _check_stage(rules, raw, values, today):
    qid = "stage"
    procedure = rules.procedures[values["procedure"]]
    given = raw.get(qid)
    if _with_one_stage(rules, values) and not given:  # asked as "Have we replied ...?": nothing to choose
        given = procedure.stages[0].id
    stage_id, err = A.read_choice(given, [s.id for s in procedure.stages], qid, qid, _text(qid, values, rules)[2])
    if err:
        return {}, [err]
    stage = procedure.stage(stage_id)
    first = stage is procedure.stages[0]
    out = {"stage": stage, "first_stage": first, "stage_received": values["complained"], "responded": None,
           "extended": False, "panel": None, "new_date": None}
    errors = []
    received_text = _earlier_text("complained", values)
    if not first:
        label, enter, _ = _date_label("stage_received", stage, values)
        d, err = A.read_date(raw.get("stage_received"), qid, "stage_received", label, enter)
        err = (err or A.not_after(d, today, qid, "stage_received", label)
               or A.in_calendar(d, rules.calendar, qid, "stage_received")
               or A.not_before(d, values["complained"], qid, "stage_received", label, received_text))
        if err:
            errors.append(err)
        else:
            out["stage_received"] = d
        received_text = _stage_received_text(stage, values)
    for name in ("new_date", "panel", "responded"):  # as the fields are shown, so the errors are in that order
        if name == "panel" and stage.panel_within is None or name == "new_date" and not stage.new_date_if_late:
            continue
        if A.date_is_blank(raw.get(name)):
            continue
        label, enter, _ = DATE_FIELDS[name]
        if name in ("responded", "new_date"):
            label = _stage_label(name, procedure, stage)  # as the field is labelled under this stage
        d, err = A.read_date(raw.get(name), qid, name, label, enter)
        if not err and name == "responded":
            err = A.not_after(d, today, qid, name, label)
        err = err or A.in_calendar(d, rules.calendar, qid, name)
        if not err and out["stage_received"] and not errors:
            err = A.not_before(d, out["stage_received"], qid, name, label, received_text)
        if err:
            errors.append(err)
        else:
            out[name] = d
    if not errors and out["new_date"]:
        # An update is sent because we cannot reply in time: its date is after the one the policy gives.
        try:
            usual = first_due(rules.calendar, stage, out["stage_received"])
        except DateOutOfRange:
            usual = None
        if usual and out["new_date"] <= usual:
            errors.append(A.error(qid, "new_date-day", f"{_stage_label('new_date', procedure, stage)} must be after "
                                  f"{A.date_text(usual)}, the date our reply was first due"))
    if not errors and out["panel"] and out["responded"]:
        # App. 1 para 6c: the response follows the panel's findings
        err = A.not_before(out["responded"], out["panel"], qid, "responded", _stage_label("responded", procedure, stage),
                           "the date of the review panel")
        if err:
            errors.append(err)
    if stage.respond.up_to is not None:
        out["extended"] = raw.get("extended") in (YES, True, "true", "on")
    return ({}, errors) if errors else (out, [])


# ---- the walk -------------------------------------------------------------

def _applies(qid: str, values: dict) -> bool:
    if qid == "complained":
        return values.get("complained_yet") is True
    if qid == "stage":
        return values.get("complained_yet") is True and values.get("procedure") != SERVICE_RECOVERY_DECIDES
    return True


def _ends_after(qid: str, values: dict) -> bool:
    if qid == "service":
        return bool(values["service"].out_of_scope)
    if qid in ("request_type", "complainant"):
        return bool(values[qid].answer)
    if qid == "out_of_scope":
        return bool(values["out_of_scope"])
    return False


def _keys(qid: str, values: dict, rules: Rules, raw: dict) -> list[str]:
    """The answer keys question ``qid`` owns, given the answers before it."""
    if qid == "problem_dates":
        return ["happened", "found_out"]
    if qid != "stage":
        return [qid]
    stage = rules.procedures[values["procedure"]].stage(raw.get("stage")) if isinstance(raw.get("stage"), str) else None
    if stage is None:
        return ["stage"]
    keys = ["stage", "responded"]
    if stage is not rules.procedures[values["procedure"]].stages[0]:
        keys.append("stage_received")
    if stage.respond.up_to is not None:
        keys.append("extended")
    if stage.new_date_if_late:
        keys.append("new_date")
    if stage.panel_within is not None:
        keys.append("panel")
    return keys


def _answered(qid: str, raw: dict, values: dict, rules: Rules) -> bool:
    if qid == "problem_dates":
        return "happened" in raw or "found_out" in raw
    if qid == "stage":
        # a stage that is not in this procedure (an earlier answer changed) is asked again
        value = raw.get("stage")
        procedure = rules.procedures[values["procedure"]]
        # Every procedure has a "stage2", so the stage also records its procedure: a stage answered
        # for another one (the service was changed) is asked again, not taken as this one's.
        if raw.get("stage_procedure") not in (None, procedure.id):
            return False
        # Without that record (an older link, the API), a stage of another procedure only is asked
        # again too. Any other value is read: one that is no stage at all is an error, as for any
        # radio question (a hand-edited link can send one).
        if (raw.get("stage_procedure") is None and isinstance(value, str) and procedure.stage(value) is None
                and any(p.stage(value) for p in rules.procedures.values())):
            return False
        return "stage" in raw
    return qid in raw


def walk(rules: Rules, raw: dict, today: datetime.date) -> dict:
    """Follow the questions with ``raw`` answers.

    Returns ``{"kind": "question"|"errors"|"result", "question": id or None,
    "errors": [...], "values": parsed answers, "path": [ids answered],
    "answers": the answers that still apply}``.
    """
    if not isinstance(raw, dict):
        raw = {}
    values: dict = {}
    path: list[str] = []
    kept: dict = {}
    for qid in ORDER:
        if not _applies(qid, values):
            continue
        keys = _keys(qid, values, rules, raw)
        if not _answered(qid, raw, values, rules):
            return _step("question", qid, [], values, path, kept, raw)
        parsed, errors = _check(rules, qid, raw, values, today)
        if errors:
            kept.update({k: raw[k] for k in keys if k in raw})
            return _step("errors", qid, errors, values, path, kept, raw)
        values.update(parsed)
        kept.update({k: raw[k] for k in keys if k in raw})
        if qid == "stage":
            kept["stage_procedure"] = values["procedure"]
        path.append(qid)
        if _ends_after(qid, values):
            break
    return _step("result", None, [], values, path, kept, raw)


def _step(kind, qid, errors, values, path, kept, raw) -> dict:
    if "as_at" in raw and not A.date_is_blank(raw["as_at"]) and values.get("complained_yet") is True:
        kept["as_at"] = raw["as_at"]  # see read_as_at: only a complaint made has statuses on another day
    return {"kind": kind, "question": qid, "errors": errors, "values": values, "path": path, "answers": kept}


def read_as_at(rules: Rules, raw: dict, today: datetime.date, values: dict | None = None):
    """The date to work out from: the ``as_at`` answer if given, else today; (date, errors).
    With a complaint made, not before it: the dates would describe a complaint not yet made.
    Without one, always today: the dates are for a complaint made today, and on a later day they
    would call a reply to a complaint no one has made "overdue"."""
    value = raw.get("as_at") if isinstance(raw, dict) else None
    label, enter, _ = DATE_FIELDS["as_at"]
    if A.date_is_blank(value) or (values is not None and values.get("complained_yet") is not True):
        d = today
    else:
        d, err = A.read_date(value, "as_at", "as_at", label, enter)
        if err:
            return None, [err]
    values = values or {}
    err = A.in_calendar(d, rules.calendar, "as_at", "as_at")
    if not err and values.get("complained_yet"):
        if values.get("stage") and not values.get("first_stage"):
            err = A.not_before(d, values["stage_received"], "as_at", "as_at", label,
                               _stage_received_text(values["stage"], values))
        else:
            err = A.not_before(d, values["complained"], "as_at", "as_at", label, _earlier_text("complained", values))
    return (None, [err]) if err else (d, [])


# ---- check your answers ---------------------------------------------------

def summary(rules: Rules, step: dict) -> list[dict]:
    """One row per answered question, for a GOV.UK "check your answers" list."""
    values = step["values"]
    rows = []
    for qid in step["path"]:
        rows.append({"question": qid, "title": question_title(rules, qid, values), "answer_text": _answer_text(rules, qid, values)})
    return rows


def question_title(rules, qid, values) -> str:
    return _text(qid, values, rules)[0]


def _answer_text(rules: Rules, qid: str, values: dict) -> str:
    if qid == "service":
        return values["service"].label
    if qid in ("request_type", "complainant"):
        return values[qid].label
    if qid == "out_of_scope":
        return "; ".join(i.question for i in values[qid]) or "None of these"
    if qid == "problem_dates":
        return (f"It happened on {A.date_text(values['happened'])}; "
                f"{'you or they' if for_someone_else(values) else 'you'} found out on "
                f"{A.date_text(values['found_out'])}")
    if qid == "complained_yet":
        return "Yes" if values[qid] else "No, not yet"
    if qid == "complained":
        return A.date_text(values["complained"])
    if qid == "stage":
        stage = values["stage"]
        if _with_one_stage(rules, values):  # asked as "Have we replied ...?": the answer is about our reply alone
            return f"Yes, on {A.date_text(values['responded'])}" if values.get("responded") else "No, not yet"
        parts = [f"Stage {stage.number}: {stage.name}"]
        if not values["first_stage"]:
            parts.append(f"asked for on {A.date_text(values['stage_received'])}")
        if values.get("panel"):
            parts.append(f"panel on {A.date_text(values['panel'])}")
        if values.get("extended"):
            parts.append("we said we need longer")
        if values.get("new_date"):
            parts.append(f"new date in our update, {A.date_text(values['new_date'])}")
        parts.append(f"our reply on {A.date_text(values['responded'])}" if values.get("responded")
                     else "no reply yet")
        return "; ".join(parts)
    return ""
