"""Block shortcodes: tables, contact cards, lists and worked examples, drawn from the data.

Each block is a Jinja macro in ``templates/blocks.html``; this module only
gathers the data each one needs.
"""
from __future__ import annotations

import datetime

from .content import Content
from .shortcodes import gov_date, resolve


def cited(*timescales) -> list[str]:
    """The sections these timescales come from, each once, in order ("App. 1 para 6a" twice is once)."""
    out: list[str] = []
    for t in timescales:
        if t:
            out += [part.strip() for part in t.section.split(";") if part.strip() not in out]
    return out


def timescale_rows(procedure) -> list[dict]:
    """One row per stage: what happens, acknowledgement, reply, where it comes from."""
    rows = []
    if procedure.informal.aim:
        # 10.1: the team "will try and resolve issues within three working days": an aim, not a reply date
        rows.append({"stage": "Informal resolution", "acknowledge": None, "aim": True,
                     "respond": procedure.informal.aim, "panel": None, "sections": cited(procedure.informal.aim)})
    for stage in procedure.stages:
        rows.append({"stage": f"Stage {stage.number}: {stage.name}", "acknowledge": stage.acknowledge, "aim": False,
                     "respond": stage.respond, "panel": stage.panel_within,
                     "sections": cited(stage.acknowledge, stage.panel_within, stage.respond)})
    return rows


def holidays_in_year(rule_data: dict, year: int) -> list[tuple[datetime.date, str]]:
    days = rule_data["calendar"]["bank_holidays"]
    return [(datetime.date.fromisoformat(d), name) for d, name in days.items() if d.startswith(f"{year}-")]


def block_context(content: Content, rule_data: dict, build_date: datetime.date, ns: dict) -> dict:
    """What the block macros read."""
    return {
        "content": content,
        "procedures": content.procedures,
        "calendar": content.calendar,
        "ombudsman": content.ombudsman,
        "contacts": content.contacts,
        "rows": {pid: timescale_rows(p) for pid, p in content.procedures.items()},
        "this_year": build_date.year,
        "holidays": {build_date.year: holidays_in_year(rule_data, build_date.year),
                     build_date.year + 1: holidays_in_year(rule_data, build_date.year + 1)},
        "closure_days": content.calendar.closure_days,
        "gov_date": gov_date,
        "resolve": lambda path: resolve(ns, path),
        "example": working_days_example(content, rule_data, build_date),
    }


def working_days_example(content: Content, rule_data: dict, build_date: datetime.date) -> dict | None:
    """A worked example over this year's Easter weekend, counted by the navigator itself.

    Uses the Saturday before Easter Monday, so the example crosses two bank
    holidays and a weekend, whatever the year.
    """
    from navigator.calendar import WorkingCalendar

    calendar = WorkingCalendar.from_data(rule_data["calendar"])
    easter_mondays = [d for d, name in holidays_in_year(rule_data, build_date.year) if name == "Easter Monday"]
    if not easter_mondays:
        return None
    received = easter_mondays[0] - datetime.timedelta(days=2)
    stage = content.procedures["corporate"].stages[0]
    # due_date applies the content's counting convention (calendar.yaml receipt).
    days = [calendar.due_date(received, n) for n in range(1, stage.acknowledge.working_days + 1)]
    return {"received": received, "days": days, "acknowledge": stage.acknowledge,
            "respond": stage.respond, "respond_due": calendar.due_date(received, stage.respond.working_days),
            "receipt": content.calendar.convention.receipt}
