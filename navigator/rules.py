"""A typed, read-only view of the rule data.

The rule data is the plain JSON the build derives from ``content/``
(``generator.ruledata.rule_data``). :func:`load_rules` checks its shape once
and turns it into frozen objects, so the rest of the navigator reads
``procedure.stages[0].respond.working_days`` rather than dictionary keys,
and a malformed file fails here with :class:`RulesError` naming the key.

Nothing in the navigator types a figure, contact or label: they all come
from here.

The records are ``NamedTuple``s rather than frozen dataclasses. Both are
read-only, but a dataclass compiles its generated methods when its module is
imported: under Pyodide the eleven here cost about 45 ms of the navigator's
first start in the browser, and the named tuples about 5 ms.
"""
from __future__ import annotations

from types import MappingProxyType
from typing import Any, Mapping, NamedTuple

from .calendar import WorkingCalendar
from .dates import plural

SERVICE_RECOVERY_DECIDES = "service_recovery_decides"
"""A service option's ``procedure`` when the Service Recovery Team decides (10.5)."""


class RulesError(ValueError):
    """The rule data is missing something or has the wrong shape."""


class Contact(NamedTuple):
    id: str
    name: str
    phone: str | None
    email: str | None
    web: str | None
    post: tuple[str, ...]
    short_name: str | None = None  # for a sentence or a letter: "Contact Speak Up"

    @property
    def called(self) -> str:
        """The name for a sentence."""
        return self.short_name or self.name

    def as_json(self) -> dict:
        return {"id": self.id, "name": self.name, "short_name": self.called, "phone": self.phone,
                "email": self.email, "web": self.web, "post": list(self.post)}


class Timescale(NamedTuple):
    """"Within ``working_days``" (or up to ``up_to`` ``up_to_when``), counted ``from`` received or the panel."""
    working_days: int
    up_to: int | None
    up_to_when: str | None
    counted_from: str
    section: str
    aim: bool = False  # the policy gives this time as an aim ("the aim is to respond within"), not a limit


class TimeLimit(NamedTuple):
    months: int
    counts_from: str  # happened | found_out | later_of_happened_and_found_out
    section: str
    discretion: str


class Stage(NamedTuple):
    id: str
    number: int
    name: str
    respond: Timescale
    acknowledge: Timescale | None
    panel_within: Timescale | None
    if_late: str | None
    if_late_section: str | None
    grounds: tuple[str, ...]
    grounds_section: str | None
    after: str | None
    after_contact: str | None
    after_section: str | None
    new_date_if_late: bool = False


class Procedure(NamedTuple):
    id: str
    name: str
    short_name: str
    section: str
    contact: str
    time_limit: TimeLimit
    escalate_within: Timescale
    stages: tuple[Stage, ...]
    notes: tuple[tuple[str, str], ...]  # (text, section): court proceedings, advocacy
    informal: tuple[str, str] | None = None  # (text, section): informal resolution, offered first (10.4)
    informal_before_next: tuple[str, str] | None = None  # (text, section): and again before the next stage
    consent: tuple[str, str] | None = None  # (text, section): for someone complaining for another (App. 1-2)

    def stage(self, stage_id: str) -> Stage | None:
        return next((s for s in self.stages if s.id == stage_id), None)

    def stage_after(self, stage: Stage) -> Stage | None:
        index = self.stages.index(stage)
        return self.stages[index + 1] if index + 1 < len(self.stages) else None


class Ombudsman(NamedTuple):
    name: str
    short_name: str
    contact: str
    section: str
    time_limit: TimeLimit
    after_all_stages: str
    after_all_stages_section: str
    about: str = ""


class Service(NamedTuple):
    id: str
    name: str
    procedure: str
    contact: str
    first_step: str
    only_about: str | None
    also_contact: tuple[str, ...]


class OutOfScope(NamedTuple):
    id: str
    question: str
    section: str
    why: str
    where_to_go: str
    contacts: tuple[str, ...]


class Option(NamedTuple):
    """A service option: leads to exactly one of a procedure, a service or an out-of-scope entry."""
    id: str
    label: str
    section: str | None
    note: str | None
    procedure: str | None
    service: str | None
    out_of_scope: str | None
    warning: str | None = None  # what to do at once (call 999), shown first with the answer
    others_reply_first: bool = False  # 7.1: a contractor replies first; our dates come after


class Choice(NamedTuple):
    """A request type or complainant type; ``answer`` set means the flow ends with it."""
    id: str
    label: str
    section: str | None
    hint: str | None
    answer: str | None
    note: str | None
    contact: str | None = None
    service_contact: bool = False
    heading: str | None = None
    letter_line: str | None = None  # who the complaint is for, in the letter asking for the next stage
    for_someone_else: bool = False  # the questions after it ask about "the complaint", not "you"


class Rules(NamedTuple):
    calendar: WorkingCalendar
    contacts: Mapping[str, Contact]
    procedures: Mapping[str, Procedure]
    ombudsman: Ombudsman
    services: Mapping[str, Service]
    out_of_scope: tuple[OutOfScope, ...]
    service_options: tuple[Option, ...]
    request_types: tuple[Choice, ...]
    complainant_types: tuple[Choice, ...]

    def contact(self, contact_id: str | None) -> dict | None:
        found = self.contacts.get(contact_id) if contact_id else None
        return found.as_json() if found else None

    def option(self, option_id) -> Option | None:
        return next((o for o in self.service_options if o.id == option_id), None)

    def out_of_scope_item(self, item_id) -> OutOfScope | None:
        return next((o for o in self.out_of_scope if o.id == item_id), None)


def load_rules(data: Any) -> Rules:
    """Check the rule data's shape and return the read-only view (RulesError if it is wrong)."""
    try:
        return _rules(data)
    except RulesError:
        raise
    except (KeyError, TypeError, ValueError, AttributeError, IndexError) as e:
        raise RulesError(f"The rule data is not valid: {type(e).__name__}: {e}") from None


def _rules(data: dict) -> Rules:
    if not isinstance(data, dict):
        raise RulesError("The rule data must be a JSON object")
    contacts = {cid: Contact(cid, _text(c["name"]), c.get("phone"), c.get("email"), c.get("web"),
                             tuple(c.get("post") or ()), c.get("short_name")) for cid, c in data["contacts"].items()}
    procedures = {pid: _procedure(pid, p) for pid, p in data["procedures"].items()}
    o = data["ombudsman"]
    ombudsman = Ombudsman(_text(o["name"]), _text(o.get("short_name") or o["name"]), o["contact"],
                          str(o.get("section") or ""), _time_limit(o["time_limit"]),
                          (o.get("after_all_stages") or {}).get("text") or "",
                          (o.get("after_all_stages") or {}).get("section") or "", o.get("about") or "")
    services = {sid: Service(sid, _text(s["name"]), s["procedure"], s["contact"], _text(s["first_step"]),
                             s.get("only_about"), tuple(s.get("also_contact") or ()))
                for sid, s in data["services"].items()}
    out_of_scope = tuple(OutOfScope(i["id"], _text(i["question"]), str(i.get("section") or ""), _text(i["why"]),
                                    _text(i["where_to_go"]), tuple(i.get("contacts") or ()))
                         for i in data["out_of_scope"])
    nav = data["navigator"]
    options = tuple(Option(o["id"], _text(o["label"]), o.get("section"), o.get("note"), o.get("procedure"),
                           o.get("service"), o.get("out_of_scope"), o.get("warning"), bool(o.get("others_reply_first")))
                    for o in nav["service_options"])
    rules = Rules(WorkingCalendar.from_data(data["calendar"]), MappingProxyType(contacts),
                  MappingProxyType(procedures), ombudsman, MappingProxyType(services), out_of_scope, options,
                  tuple(_choice(c) for c in nav["request_types"]),
                  tuple(_choice(c) for c in nav["complainant_types"]))
    _check_references(rules)
    return rules


def _text(value) -> str:
    if not isinstance(value, str) or not value:
        raise RulesError(f"The rule data has {value!r} where it needs some text")
    return value


def _int(value) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise RulesError(f"The rule data has {value!r} where it needs a whole number of 0 or more")
    return value


def _timescale(t: dict | None) -> Timescale | None:
    if t is None:
        return None
    up_to = t.get("up_to")
    return Timescale(_int(t["working_days"]), None if up_to is None else _int(up_to), t.get("up_to_when"),
                     t.get("from") or "received", str(t.get("section") or ""), bool(t.get("aim")))


def _time_limit(t: dict) -> TimeLimit:
    if t["counts_from"] not in ("happened", "found_out", "later_of_happened_and_found_out"):
        raise RulesError(f"The rule data has an unknown time limit counts_from: {t['counts_from']!r}")
    return TimeLimit(_int(t["months"]), t["counts_from"], str(t.get("section") or ""), _text(t["discretion"]))


def _procedure(pid: str, p: dict) -> Procedure:
    stages = tuple(Stage(s["id"], _int(s["number"]), _text(s["name"]), _timescale(s["respond"]),
                         _timescale(s.get("acknowledge")), _timescale(s.get("panel_within")), s.get("if_late"),
                         s.get("if_late_section"), tuple(s.get("grounds") or ()), s.get("grounds_section"),
                         s.get("after"), s.get("after_contact"), s.get("after_section"),
                         bool(s.get("new_date_if_late")))
                   for s in p["stages"])
    if not stages:
        raise RulesError(f"The {pid} procedure has no stages")
    notes = tuple((n["text"], str(n.get("section") or "")) for n in (p.get("court_proceedings"), p.get("advocacy")) if n)
    consent = (_text(p["consent"]["text"]), str(p["consent"].get("section") or "")) if p.get("consent") else None
    informal = None
    if (p.get("informal") or {}).get("description"):
        aim = _timescale(p["informal"].get("aim"))
        text = _text(p["informal"]["description"])
        if aim:  # 10.1: "will try": an aim, not a reply date
            text += f" We aim to do this within {plural(aim.working_days)}."
        formal = p["informal"].get("formal_on_request")
        if formal:  # 10.2: "If the resident insists ... it will be logged and treated as such"
            text += f" {_text(formal['text'])}"
        sections = [aim.section if aim else str(p.get("section") or "")] + ([str(formal.get("section") or "")] if formal else [])
        informal = (text, ", ".join(s for s in sections if s))
    before = (p.get("informal") or {}).get("before_next_stage")
    informal_before_next = (_text(before["text"]), str(before.get("section") or "")) if before else None
    return Procedure(pid, _text(p["name"]), _text(p.get("short_name") or p["name"]), str(p.get("section") or ""),
                     p["contact"], _time_limit(p["time_limit"]), _timescale(p["escalate_within"]), stages, notes,
                     informal, informal_before_next, consent)


def _choice(c: dict) -> Choice:
    return Choice(c["id"], _text(c["label"]), c.get("section"), c.get("hint"), c.get("answer"), c.get("note"),
                  c.get("contact"), bool(c.get("service_contact")), c.get("heading"), c.get("letter_line"),
                  bool(c.get("for_someone_else")))


def _check_references(rules: Rules) -> None:
    for option in rules.service_options:
        targets = [t for t in (option.procedure, option.service, option.out_of_scope) if t]
        if len(targets) != 1:
            raise RulesError(f"Service option {option.id!r} must lead to exactly one procedure, service or out-of-scope entry")
        if option.procedure and option.procedure != SERVICE_RECOVERY_DECIDES and option.procedure not in rules.procedures:
            raise RulesError(f"Service option {option.id!r} names an unknown procedure {option.procedure!r}")
        if option.service and option.service not in rules.services:
            raise RulesError(f"Service option {option.id!r} names an unknown service {option.service!r}")
        if option.out_of_scope and not rules.out_of_scope_item(option.out_of_scope):
            raise RulesError(f"Service option {option.id!r} names an unknown out-of-scope entry {option.out_of_scope!r}")
    for service in rules.services.values():
        if service.procedure not in rules.procedures:
            raise RulesError(f"Service {service.id!r} names an unknown procedure {service.procedure!r}")
    if not rules.service_options or not rules.request_types or not rules.complainant_types:
        raise RulesError("The rule data's navigator questions need at least one option each")
