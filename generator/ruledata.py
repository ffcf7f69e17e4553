"""The rule data the navigator reads: the validated content as plain JSON.

The site publishes this as ``navigator/rules.json``; the navigator's command
line derives it afresh from ``content/`` each time. Both come from
:func:`rule_data`, so the browser and the command line never disagree.

Bank holidays are taken from the ``holidays`` package here, at build time,
because importing ``holidays`` in the browser would cost over a second.
"""
from __future__ import annotations

import dataclasses
import datetime
import importlib.util
import json
import sys
from pathlib import Path
from typing import Any

from .content import Content
from .exceptions import BuildError, ContentError, ContentErrors

CACHE = Path(__file__).resolve().parent.parent / "build" / "cache"

FORMAT = 1
"""Bumped when the shape of the rule data changes."""


def bank_holidays(calendar, build_year: int) -> dict[datetime.date, str]:
    """Bank holidays from ``first_year`` to the build year plus ``years_after_build``, inclusive.

    The answer depends only on these settings and the holidays package's
    version, so it is cached in build/cache: importing the package and
    computing twenty years of holidays is most of a page build's time.
    """
    source = calendar.bank_holidays
    last_year = build_year + source.years_after_build
    key = f"{source.country}-{source.subdivision}-{source.first_year}-{last_year}-{_holidays_version()}"
    cached = CACHE / f"bank-holidays-{key}.json"
    if cached.is_file():
        return days_off({datetime.date.fromisoformat(d): name for d, name in json.loads(cached.read_text()).items()})
    import holidays

    found = holidays.country_holidays(source.country, subdiv=source.subdivision,
                                      years=range(source.first_year, last_year + 1), language="en_GB")
    result = dict(sorted(found.items()))
    CACHE.mkdir(parents=True, exist_ok=True)
    cached.write_text(json.dumps({d.isoformat(): name for d, name in result.items()}, indent=0))
    return days_off(result)


def days_off(found: dict[datetime.date, str]) -> dict[datetime.date, str]:
    """The bank holidays that take a working day off, named as GOV.UK names them.

    A bank holiday on a Saturday or Sunday takes no working day off; its substitute day, the
    next weekday, does. The holidays package lists both, and calls the substitute "Boxing Day
    (observed)"; GOV.UK lists only the weekday, as "Boxing Day (substitute day)". Weekends are
    never working days, so leaving out weekend dates changes no count, only what the lists of
    closed days show (the working-days page, the calculator, the navigator).
    """
    return {day: name.replace("(observed)", "(substitute day)") for day, name in found.items() if day.weekday() < 5}


def _bank_holidays_or_error(content: Content, build_date: datetime.date) -> dict[datetime.date, str]:
    """bank_holidays, or calendar.yaml's line if the holidays package does not know its region.

    Checked here, not when calendar.yaml is validated: only a cache miss imports the package (slow).
    """
    try:
        return bank_holidays(content.calendar, build_date.year)
    except NotImplementedError as exc:
        source = content.calendar.bank_holidays
        name = str((content.root / "calendar.yaml").relative_to(content.root.parent))
        message = (f"the holidays package does not know country '{source.country}' with subdivision "
                   f"'{source.subdivision}' ({exc}). For England use country GB, subdivision ENG.")
        located = content.sources.get(name)
        raise ContentErrors([located.error(("bank_holidays", "subdivision"), message) if located
                             else ContentError(name, 1, message)]) from None


def calendar_range(calendar, build_year: int) -> tuple[datetime.date, datetime.date]:
    """The first and last dates the working-day data covers."""
    source = calendar.bank_holidays
    return (datetime.date(source.first_year, 1, 1),
            datetime.date(build_year + source.years_after_build, 12, 31))


def _holidays_version() -> str:
    """The installed holidays package's version, read without importing it (the import is slow).

    BuildError, one sentence, if this Python does not have the package (the navigator's command line
    run with the system python3, say): the build and the command line print it without a traceback.
    """
    spec = importlib.util.find_spec("holidays")
    if spec is None or spec.origin is None:
        raise BuildError(f"the holidays package, which gives the bank holidays, is not installed for this Python "
                         f"({sys.executable}). Run make deps, then use .venv/bin/python "
                         "(or: pip install -r requirements.txt).")
    site_packages = Path(spec.origin).parent.parent
    for dist_info in site_packages.glob("holidays-*.dist-info"):
        return dist_info.name.removeprefix("holidays-").removesuffix(".dist-info")
    return "unknown"


def rule_data(content: Content, build_date: datetime.date) -> dict[str, Any]:
    """Everything the navigator needs, as JSON-able data (dates as ISO strings)."""
    first, last = calendar_range(content.calendar, build_date.year)
    return {
        "format": FORMAT,
        "built": build_date.isoformat(),
        "policy": _plain(content.policy),
        "calendar": {
            "receipt": content.calendar.convention.receipt,
            "first_date": first.isoformat(),
            "last_date": last.isoformat(),
            "bank_holidays": {d.isoformat(): name for d, name in _bank_holidays_or_error(content, build_date).items()},
            "closure_days": {c.date.isoformat(): c.reason for c in content.calendar.closure_days},
        },
        "contacts": _plain(content.contacts),
        "procedures": _plain(content.procedures),
        "ombudsman": _plain(content.ombudsman),
        "services": _plain(content.services),
        "out_of_scope": _plain(content.out_of_scope),
        "navigator": _plain(content.navigator),
    }


def _plain(value):
    """Dataclasses to dicts (with YAML's key names, leaving out internal fields), dates to ISO strings."""
    if dataclasses.is_dataclass(value):
        return {f.metadata.get("key", f.name): _plain(getattr(value, f.name)) for f in dataclasses.fields(value)
                if not f.metadata.get("internal")}
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value
