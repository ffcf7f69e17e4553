"""The shape of everything in ``content/``, declared once.

Each class is one kind of thing in a content file; each field has a docstring
that says what it means. :mod:`generator.validate` reads these declarations to
check the YAML, and uses the first line of a field's docstring in its messages
("'respond' is missing here: how many working days we have to reply").

Fields whose metadata has ``ref`` name another thing by its id (a contact, a
procedure, ...); :mod:`generator.content` checks those references exist.
Fields whose metadata has ``key`` are spelled differently in YAML (``from``
is a Python keyword). Fields declared with :func:`between` must be a whole
number in that range. A class with a ``problems()`` method checks what one field
cannot check alone (a range the right way round, a contact with some way to
reach it); validate calls it once the class is complete. Fields declared with :func:`internal` are for the policy
team only: they are checked like any other, but never published (the build
leaves them out of the navigator's ``rules.json``).
"""
from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from typing import Literal, Optional

from .phones import PHONE_NUMBER, uk_length_problem

Date = datetime.date


def ref(kind: str, **kwargs):
    """A field holding the id of a ``kind`` ("contacts", "procedures", ...)."""
    return field(metadata={"ref": kind}, **kwargs)


def between(lowest: int, highest: int, **kwargs):
    """A whole number from ``lowest`` to ``highest``: no figure in the policy is 0, negative or absurd."""
    return field(metadata={"min": lowest, "max": highest}, **kwargs)


def internal(**kwargs):
    """A field for the policy team's eyes only, such as where a detail comes from (it may quote a
    reviewer note): never published."""
    return field(metadata={"internal": True}, **kwargs)


# --- policy.yaml -------------------------------------------------------------

@dataclass(kw_only=True)
class Review:
    every_months: int = between(1, 120)
    """How often the policy must be reviewed, in months."""
    section: str
    """The policy section that sets the review period."""
    due: Date
    """The date the next review is due."""


@dataclass(kw_only=True)
class Policy:
    title: str
    """The policy's full title, as on its cover."""
    council: str
    """The council that publishes the policy."""
    version: str
    """The policy's version, shown in every page footer."""
    date: Date
    """The date of this version of the policy."""
    status: Literal["draft", "approved"]
    """Whether the policy is a draft or approved; drafts are marked on every page."""
    review: Review
    """When the policy is next reviewed."""

    def problems(self):
        if isinstance(self.date, datetime.date) and isinstance(self.review.due, datetime.date) \
                and self.review.due <= self.date:
            return [(("review", "due"), f"'due' ({self.review.due.isoformat()}) is not after the policy's date "
                                        f"({self.date.isoformat()}): the next review comes after this version, "
                                        f"usually {self.review.every_months} months after it.")]
        return []


# --- site.yaml ------------------------------------------------------------------

@dataclass(kw_only=True)
class Site:
    base_url: str
    """The address the site is published at, ending in /; used in sitemap.xml and for the 404 page's links."""


# --- calendar.yaml -----------------------------------------------------------

@dataclass(kw_only=True)
class Convention:
    receipt: Literal["day0", "next_working_day"]
    """How to count from the day something arrives: day0 (that day is day 0 whatever it is) or next_working_day (a non-working day counts as received on the next working day)."""
    source: str = internal()
    """Where this way of counting comes from."""


@dataclass(kw_only=True)
class BankHolidaySource:
    country: str
    """The country code the holidays package uses, GB."""
    subdivision: str
    """The part of the country, ENG for England."""
    first_year: int = between(2000, 2100)
    """The first year of bank holiday data to publish."""
    years_after_build: int = between(1, 30)
    """How many years after the build year the data must cover."""


@dataclass(kw_only=True)
class ClosureDay:
    date: Date
    """A day the council is closed that is not a bank holiday."""
    reason: str
    """Why the council is closed, in a few words."""


@dataclass(kw_only=True)
class Calendar:
    convention: Convention
    """How working days are counted."""
    bank_holidays: BankHolidaySource
    """Which bank holidays count, and for which years."""
    closure_days: list[ClosureDay] = field(default_factory=list)
    """Council closure days, which do not count as working days (none if left blank)."""

    def problems(self):
        seen, out = set(), []
        for n, day in enumerate(self.closure_days):
            if isinstance(day.date, datetime.date) and day.date in seen:
                # Harmless to the counting, but usually a typing slip for another day.
                out.append((("closure_days", n, "date"), f"{day.date.isoformat()} is listed twice as a closure "
                                                        "day: remove one, or correct its date."))
            seen.add(day.date)
        return out


# --- contacts.yaml -----------------------------------------------------------

EMAIL_ADDRESS = re.compile(r"[^\s@,;]+@[^\s@,;]+\.[a-z]{2,}", re.IGNORECASE)
"""An email address as a contact gives it (the shortcode filter ``link`` makes it a mailto: link)."""
@dataclass(kw_only=True)
class Contact:
    name: str
    """The name of the team or organisation."""
    short_name: Optional[str] = None
    """What a sentence or a letter calls it, if shorter than ``name``: "Contact Speak Up", "Dear Speak Up"."""
    source: str = internal()
    """Where these details come from (a policy section or a published page)."""
    phone: Optional[str] = None
    """A phone number, written as people dial it."""
    email: Optional[str] = None
    """An email address."""
    web: Optional[str] = None
    """A web address starting https://."""
    post: Optional[list[str]] = None
    """A postal address, one line per item."""

    def problems(self):
        out = []
        if not (self.phone or self.email or self.web or self.post):
            out.append(((), f"the contact '{self.name}' has no way to reach it: give a phone, email, web or post."))
        if self.web and re.match(r"https?://", self.web) and re.search(r"\s", self.web.strip()):
            out.append((("web",), f"'{self.web}' has a space in it: a web address has none. Check it."))
        elif self.web and not re.fullmatch(r"https?://[^\s/]+\S*", self.web):
            out.append((("web",), f"'web' should be a full address starting https://, not '{self.web}'."))
        if self.email and (problem := _email_problem(self.email)):
            out.append((("email",), problem))
        if self.phone and not PHONE_NUMBER.fullmatch(self.phone.strip()):
            out.append((("phone",), f"'{self.phone}' is not a phone number as people dial it, like \"0800 269851\"."))
        elif self.phone and (problem := uk_length_problem(self.phone)):
            out.append((("phone",), problem))
        return out


def _email_problem(email: str) -> str | None:
    """What is wrong with an email address as typed, in words that say what to do; None if nothing."""
    if email.lower().startswith("mailto:"):
        return f"'{email}': write the address alone, without 'mailto:'. The site makes it a link itself."
    if "@" not in email:
        return f"'{email}' has no @: an email address looks like \"speakup@coventry.gov.uk\"."
    if not EMAIL_ADDRESS.fullmatch(email):
        return f"'{email}' is not an email address: check it for a comma or space."
    return None


# --- procedures/*.yaml and ombudsman.yaml --------------------------------------

@dataclass(kw_only=True)
class Timescale:
    working_days: int = between(1, 260)
    """How many working days (counted as calendar.yaml says)."""
    section: str
    """The policy section this figure comes from, for example "11.2"."""
    up_to: Optional[int] = between(1, 260, default=None)
    """The longest it can take, where the policy gives a range (for example 10, up to 20)."""
    up_to_when: Optional[str] = None
    """When the longer time applies, for example "if the complaint is complex"."""
    start: Literal["received", "panel"] = field(default="received", metadata={"key": "from"})
    """What the days count from: the day the stage's request is received (default) or the day of the review panel."""
    aim: bool = False
    """true where the policy gives this time as an aim ("the aim is to respond within"), not a promise: the
    tables then say "We aim to reply within". The navigator's dates are the same either way, but a reply
    not sent by then is "past our aim", not "overdue" (only the ``up_to`` time, if any, is a limit)."""

    def problems(self):
        if self.up_to is not None and self.up_to <= self.working_days:
            return [(("up_to",), f"'up_to' ({self.up_to}) should be more than 'working_days' ({self.working_days}): "
                                 "it is the longest time, the other the usual one.")]
        if self.up_to_when and self.up_to is None:
            return [(("up_to_when",), "'up_to_when' says when the longer time applies, but there is no 'up_to'.")]
        return []


@dataclass(kw_only=True)
class TimeLimit:
    months: int = between(1, 120)
    """How many calendar months you have to complain."""
    counts_from: Literal["happened", "found_out", "later_of_happened_and_found_out"]
    """What the months count from: when it happened, when you found out, or whichever is later."""
    section: str
    """The policy section that sets the limit."""
    counts_from_source: Optional[str] = None
    """Where the counting comes from, if not from ``section``, as the pages name it: "the social care
    complaints rules" gives "Under the social care complaints rules, the 12 months count from ..."
    (9.1 sets the months, but counts from when it happened)."""
    discretion: str
    """When a late complaint can still be accepted, in plain words."""


@dataclass(kw_only=True)
class Note:
    text: str
    """A rule in plain words."""
    section: Optional[str] = None
    """The policy section it comes from; left out where the policy does not say it (a YAML comment
    then says where it comes from)."""


@dataclass(kw_only=True)
class Informal:
    description: str
    """What informal resolution means for this procedure."""
    aim: Optional[Timescale] = None
    """How quickly the council aims to resolve things informally, if the policy says."""
    before_next_stage: Optional[Note] = None
    """What happens when you ask for the next stage, if we try to settle it informally first (10.4)."""
    formal_on_request: Optional[Note] = None
    """That you can have a formal complaint straight away if you ask (10.2), said after the description."""


@dataclass(kw_only=True)
class Stage:
    id: str
    """A short id used in shortcodes and the navigator, for example stage1."""
    number: int = between(1, 9)
    """The stage's number (1, 2, 3)."""
    name: str
    """The stage's name, for example "Service investigation"."""
    respond: Timescale
    """How many working days we have to reply at this stage."""
    acknowledge: Optional[Timescale] = None
    """How many working days we have to acknowledge the complaint at this stage."""
    panel_within: Optional[Timescale] = None
    """How many working days until the review panel meets (review panel stages only)."""
    if_late: Optional[str] = None
    """What we do if we cannot reply in time. The navigator says it when our reply is overdue and no
    update's new date was given, so it can say what to do with one."""
    if_late_section: Optional[str] = None
    """The policy section for if_late."""
    new_date_if_late: bool = False
    """If we cannot reply in time, we send an update with a new date (11.2, 12.2): the navigator asks
    for that date and measures our reply against it."""
    grounds: Optional[list[str]] = None
    """The reasons you can give to ask for this stage, if the policy limits them."""
    grounds_section: Optional[str] = None
    """The policy section that lists the grounds."""
    after: Optional[str] = None
    """What you can do after this stage, if it is special."""
    after_contact: Optional[str] = ref("contacts", default=None)
    """Who to contact after this stage (a contact id)."""
    after_section: Optional[str] = None
    """The policy section for after."""


@dataclass(kw_only=True)
class Procedure:
    id: str
    """The procedure's id: corporate, adults or children."""
    name: str
    """The procedure's full name."""
    short_name: str
    """A short name used inside sentences."""
    applies_to: str
    """Which services it covers, in plain words."""
    section: str
    """The policy section that sets it out."""
    contact: str = ref("contacts")
    """Who to contact to complain (a contact id)."""
    informal: Informal
    """Informal resolution before the formal stages."""
    time_limit: TimeLimit
    """How long after the problem you can complain."""
    escalate_within: Timescale
    """How long you have after our reply to ask for the next stage."""
    stages: list[Stage]
    """The formal stages, in order."""
    next: Literal["ombudsman"]
    """Where you can go after the last stage."""
    statutory: bool = False
    """Whether this is a statutory (social care) procedure."""
    court_proceedings: Optional[Note] = None
    """What happens if there are court proceedings."""
    consent: Optional[Note] = None
    """What consent is needed to share someone's information."""
    advocacy: Optional[Note] = None
    """Help from an advocate that comes with this procedure (a child's free independent advocate under the
    children's procedure). The navigator tells everyone whose complaint goes under it."""

    def problems(self):
        if not self.stages:
            return [(("stages",), "a procedure needs at least one stage.")]
        numbers = [stage.number for stage in self.stages]
        if None in numbers:  # a stage with a bad number has its own error already
            return []
        if numbers != list(range(1, len(numbers) + 1)):
            return [(("stages",), f"the stages are numbered {', '.join(map(str, numbers))}: number them "
                                  f"{', '.join(map(str, range(1, len(numbers) + 1)))}, in order.")]
        return []


@dataclass(kw_only=True)
class OmbudsmanStep(Timescale):
    id: str
    """A short id for the step."""
    name: str
    """The step's name."""


@dataclass(kw_only=True)
class Ombudsman:
    name: str
    """The Ombudsman's full name."""
    short_name: str
    """A short name used inside sentences."""
    about: str
    """What the Ombudsman is, in a sentence or two, for someone who has not heard of it."""
    contact: str = ref("contacts")
    """The Ombudsman's contact details (a contact id)."""
    section: str
    """The policy section about the Ombudsman."""
    time_limit: TimeLimit
    """How long you have to go to the Ombudsman."""
    after_all_stages: Note
    """That the Ombudsman normally expects you to finish our procedure first."""
    steps: list[OmbudsmanStep]
    """The Ombudsman's own steps and how long each takes."""


# --- services.yaml, out_of_scope.yaml, navigator.yaml --------------------------

@dataclass(kw_only=True)
class Service:
    name: str
    """The service's name."""
    procedure: str = ref("procedures")
    """The procedure that follows the first step (a procedure id)."""
    contact: str = ref("contacts")
    """Who to contact for the first step (a contact id)."""
    first_step: str
    """What to do first, in plain words."""
    source: str = internal()
    """Where this comes from."""
    only_about: Optional[str] = None
    """What complaints this route is limited to."""
    also_contact: list[str] = ref("contacts", default_factory=list)
    """Other contacts to show (contact ids)."""


@dataclass(kw_only=True)
class OutOfScope:
    id: str
    """A short id for this kind of matter."""
    question: str
    """How the navigator asks about it."""
    section: str
    """The policy section that puts it outside the policy."""
    why: str
    """Why the complaints policy does not cover it."""
    where_to_go: str
    """Where to go instead, in plain words."""
    contacts: list[str] = ref("contacts", default_factory=list)
    """Contacts to show with it (contact ids)."""


@dataclass(kw_only=True)
class ServiceOption:
    id: str
    """A short id for the answer."""
    label: str
    """The answer as the navigator shows it."""
    section: Optional[str] = None
    """The policy section that decides where this goes."""
    note: Optional[str] = None
    """Something to tell the person who chose this."""
    warning: Optional[str] = None
    """What to do at once, shown first with the answer as a warning: for social care, calling 999 when
    someone is in danger. A complaint takes weeks; this must not wait for it."""
    others_reply_first: bool = False
    """true where another organisation looks at the complaint and replies first (7.1: a company that runs
    the service for us). Our dates then apply only once we deal with it, so the result does not open
    with when our reply is due."""
    procedure: Optional[str] = ref("procedures_or_sr", default=None)
    """The procedure for this answer, or service_recovery_decides."""
    service: Optional[str] = ref("services", default=None)
    """A service with its own first step (a service id)."""
    out_of_scope: Optional[str] = ref("out_of_scope", default=None)
    """An out-of-scope entry (an out_of_scope id)."""


@dataclass(kw_only=True)
class Choice:
    id: str
    """A short id for the answer."""
    label: str
    """The answer as the navigator shows it."""
    section: str
    """The policy section behind it."""
    hint: Optional[str] = None
    """Extra words under the answer."""
    answer: Optional[str] = None
    """What to tell someone who picks it, when it ends the questions."""
    heading: Optional[str] = None
    """The result's heading for that answer, if not "This is not a complaint" (say what to do)."""
    note: Optional[str] = None
    """Something to tell the person who chose this."""
    contact: Optional[str] = ref("contacts", default=None)
    """Who to contact, shown with the answer when it ends the questions (a contact id)."""
    service_contact: bool = False
    """Show the service's own contact with the answer instead of ``contact``, when the service chosen
    has one (services.yaml): for answers that send you to the service itself first."""
    letter_line: Optional[str] = None
    """For who the complaint is for: what the navigator's letter asking for the next stage says about
    them, when it is not the writer ("I am acting for [their name]."). Square brackets for what the
    writer fills in."""
    for_someone_else: bool = False
    """The person answering is complaining for someone else: the later questions then ask "When was
    the complaint made?", not "When did you complain?", since either of them may have made it."""


@dataclass(kw_only=True)
class Navigator:
    service_options: list[ServiceOption]
    """The answers to "what is it about?"."""
    request_types: list[Choice]
    """The answers to "what do you want to do?"."""
    complainant_types: list[Choice]
    """The answers to "who is the complaint for?"."""


# --- pages and notes --------------------------------------------------------------

@dataclass(kw_only=True)
class PageMeta:
    title: str
    """The page title: the only h1, and the browser tab."""
    description: str
    """One sentence saying what the page helps you do."""
    last_reviewed: Date
    """When someone last checked the page against the policy."""
    order: int = 100
    """Where the page comes in the list of guidance pages."""
    readability_grade_max: Optional[float] = None
    """The highest Flesch-Kincaid grade allowed for this page (8 for resident pages)."""
    exit_this_page: bool = False
    """true to show GOV.UK's "Exit this page" button, as on every navigator page: for pages someone at
    risk at home may be reading, such as the social care pages."""
    warning: Optional[str] = None
    """One sentence shown at the top, after the description and above the list of contents, in GOV.UK's
    warning text style: what someone must do at once, such as calling 999 when a child is in danger. On
    a phone, the contents list would otherwise push it off the first screen."""


@dataclass(kw_only=True)
class ReviewNote:
    id: str
    """The note's id, for example GH7."""
    who: str
    """Who wrote the note."""
    section: str
    """The policy section it is about."""
    text: str
    """What the note says."""
    status: Literal["open", "done"]
    """open until someone has dealt with it, then done."""
    resolution: Optional[str] = None
    """How it was dealt with."""
