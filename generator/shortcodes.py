"""Shortcodes: how page text refers to figures in the YAML.

Inline, anywhere in a line::

    We reply within {{ corporate.stage1.respond }}.          -> 10 working days
    {{ children.stage1.respond | range }}     -> 10 working days (up to 20 if the complaint is complex)
    {{ contacts.speak_up.phone }}   {{ policy.review.due | date }}

Block, alone on a line::

    {{ contact: lgsco }}    {{ table: timescales_children }}
    {{ list: corporate.stage2.grounds }}    {{ example: working_days }}    {{ example: counting_rule }}

A path starts at ``policy``, ``calendar``, ``contacts``, ``services``,
``out_of_scope``, ``navigator``, ``ombudsman`` or a procedure id
(``corporate``, ``adults``, ``children``). Inside a thing, a list item can be
named by its id, and a procedure's stages by their ids directly
(``corporate.stage1``), as can the Ombudsman's steps (``ombudsman.investigation``).
"""
from __future__ import annotations

import dataclasses
import difflib
import datetime
import re
from typing import Any, Callable

from navigator.dates import plural

from . import schema
from .exceptions import ContentError
from .phones import PHONE_NUMBER, tel_href
from .validate import is_partial

from .content import PROCEDURE_IDS

# No brace inside: "{{ a.b} and {{ c.d }}" is one unclosed shortcode and one good one, not one that
# runs from the first "{{" to the last "}}".
SHORTCODE = re.compile(r"\{\{\s*([^{}]*?)\s*\}\}")
# A path in single braces, "{ children.stage2.respond }", would be published as it is. (Markdown's
# own braces, {: .class} and {#id}, start with ':', '#' or '.', never a letter and a dot.)
SINGLE_BRACES = re.compile(r"\{\s*[a-z][a-z0-9_]*(?:\.[a-z0-9_]+)+\s*(?:\|\s*[a-z]+\s*)?\}")
BLOCK = re.compile(r"^(contact|table|list|example)\s*:\s*(\S+)$")
TABLES = ("appendix3", "appendix4", "timescales_corporate", "timescales_adults", "timescales_children",
          "timescales_corporate_formal", "timescales_adults_formal", "timescales_children_formal",
          "timescales_ombudsman", "out_of_scope", "bank_holidays_this_year", "bank_holidays_next_year",
          "closure_days")
EXAMPLES = ("working_days", "counting_rule")
FILTERS = ("number", "words", "range", "date", "link")

_UNITS = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
          "fifteen sixteen seventeen eighteen nineteen").split()
_TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()


def number_in_words(n: int) -> str:
    """0 to 999 in words, hyphenated as the policy writes them ("sixty-five")."""
    if n < 20:
        return _UNITS[n]
    if n < 100:
        tens, units = divmod(n, 10)
        return _TENS[tens] + (f"-{_UNITS[units]}" if units else "")
    hundreds, rest = divmod(n, 100)
    return f"{_UNITS[hundreds]} hundred" + (f" and {number_in_words(rest)}" if rest else "")


def gov_date(d: datetime.date) -> str:
    """A date as GOV.UK writes it: 31 January 2025."""
    return f"{d.day} {d:%B %Y}"


class Unknowable(LookupError):
    """The path runs through content that could not be read; its file's own error says why."""


UNREADABLE = object()
"""Stands in for a content file that could not be read at all."""


def namespace(content) -> dict[str, Any]:
    """The roots a shortcode path can start from."""
    ns: dict[str, Any] = {
        "policy": content.policy,
        "calendar": content.calendar,
        "contacts": content.contacts,
        "services": content.services,
        "out_of_scope": content.out_of_scope,
        "navigator": content.navigator,
        "ombudsman": content.ombudsman,
    }
    ns.update({pid: UNREADABLE for pid in PROCEDURE_IDS})
    ns.update(content.procedures)
    return {key: UNREADABLE if value is None else value for key, value in ns.items()}


def resolve(ns: dict[str, Any], dotted: str):
    """The value at ``dotted``; LookupError naming the first part that does not exist."""
    value: Any = ns
    walked = []
    for part in dotted.split("."):
        if value is UNREADABLE or is_partial(value):
            child = _child(value, part) if value is not UNREADABLE else _NOTHING
            if child is _NOTHING or child is None:
                raise Unknowable(dotted)
        child = _child(value, part)
        if child is _NOTHING:
            where = ".".join(walked) or "the content"
            close = difflib.get_close_matches(part, _names(value), n=1)
            hint = f". Did you mean '{'.'.join([*walked, close[0]])}'?" if close else ""
            raise LookupError(f"'{dotted}' does not exist: {where} has no '{part}'{hint}")
        value = child
        walked.append(part)
    return value


def _names(value) -> list[str]:
    """What a path can name next inside ``value``, for "Did you mean"."""
    if isinstance(value, dict):
        return [str(k) for k in value]
    if isinstance(value, list):
        return [item.id for item in value if isinstance(getattr(item, "id", None), str)]
    if dataclasses.is_dataclass(value):
        names = [f.metadata.get("key", f.name) for f in dataclasses.fields(value)]
        for f in dataclasses.fields(value):
            if isinstance(getattr(value, f.name), list):
                names += _names(getattr(value, f.name))
        return names
    return []


_NOTHING = object()


def _child(value, part: str):
    if isinstance(value, dict):
        return value.get(part, _NOTHING)
    if isinstance(value, list):
        for item in value:
            if getattr(item, "id", None) == part:
                return item
        return _NOTHING
    if dataclasses.is_dataclass(value):
        for f in dataclasses.fields(value):
            if f.metadata.get("key", f.name) == part:
                return getattr(value, f.name)
        # A procedure's stages and the Ombudsman's steps, by id.
        for f in dataclasses.fields(value):
            items = getattr(value, f.name)
            if isinstance(items, list):
                found = _child(items, part)
                if found is not _NOTHING:
                    return found
    return _NOTHING


def timescale_text(t: schema.Timescale) -> str:
    """A timescale with its longest time, as the tables show it (the ``days`` macro, the ``range`` filter).

    An aim that may be extended on a condition keeps the aim first: "25 working days (up to 65 if the
    investigation needs longer)", because "25 to 65" hides the aim (content/discrepancies.yaml,
    children-stage2-respond-range). A range with no condition stays a range: "1 to 3 working days".
    """
    if t.up_to is not None and not t.up_to_when:
        return f"{t.working_days} to {t.up_to} working days"
    text = plural(t.working_days)
    if t.up_to is not None:
        text += f" (up to {t.up_to} {t.up_to_when})"
    return text


def format_value(value, filter_name: str | None) -> str:
    """The text a shortcode shows; ValueError if the filter does not fit the value."""
    if isinstance(value, schema.Timescale):
        if filter_name == "range":
            return timescale_text(value)
        if filter_name == "number":
            return str(value.working_days)
        if filter_name == "words":
            return f"{number_in_words(value.working_days)} working days"
        if filter_name is None:
            return plural(value.working_days)
    elif isinstance(value, schema.TimeLimit):
        if filter_name == "number":
            return str(value.months)
        if filter_name == "words":
            return f"{number_in_words(value.months)} months"
        if filter_name is None:
            return f"{value.months} months"
    elif isinstance(value, bool):
        pass
    elif isinstance(value, int):
        if filter_name in (None, "number"):
            return str(value)
        if filter_name == "words":
            return number_in_words(value)
    elif isinstance(value, datetime.date):
        if filter_name in (None, "date"):
            return gov_date(value)
    elif isinstance(value, str):
        if filter_name is None:
            return value
        if filter_name == "link":
            # A web address, or an email or phone number that opens the mail app or dials on a phone.
            if value.startswith(("https://", "http://")):
                text = value.split("://", 1)[1].rstrip("/")
                return f"[{text}]({value}){{: .address }}"  # its words are its address: printed once (site.css)
            if schema.EMAIL_ADDRESS.fullmatch(value):
                return f"[{value}](mailto:{value})"
            if PHONE_NUMBER.fullmatch(value.strip()):
                return f"[{value}]({tel_href(value)})"
            raise ValueError(f"'{value}' is not a web address starting https://, an email address or a phone "
                             "number, so it cannot be a link")
    what = type(value).__name__ if not isinstance(value, (list, dict)) else "a list of things"
    if filter_name is None:
        raise ValueError(f"this names {what}, which cannot be shown inline; use a block shortcode such as "
                         "'{{ list: ... }}' or name one item inside it")
    raise ValueError(f"the filter '{filter_name}' does not work on {what}. Filters: {', '.join(FILTERS)}")


def _parse(code: str):
    """('block', kind, arg) or ('inline', path, filter)."""
    block = BLOCK.match(code)
    if block:
        return "block", block.group(1), block.group(2)
    path, _, filt = (part.strip() for part in code.partition("|"))
    return "inline", path, filt or None


def problems(code: str, ns: dict[str, Any], alone_on_line: bool) -> str | None:
    """What is wrong with one shortcode, or None."""
    form, a, b = _parse(code)
    if form == "block":
        if not alone_on_line:
            return f"'{a}:' shortcodes must be alone on their own line"
        if a == "table" and b not in TABLES:
            return f"there is no table called '{b}'. Tables: {', '.join(TABLES)}"
        if a == "example" and b not in EXAMPLES:
            return f"there is no example called '{b}'. Examples: {', '.join(EXAMPLES)}"
        if a == "contact" and ns["contacts"] is not UNREADABLE and b not in ns["contacts"]:
            return f"there is no contact '{b}' in contacts.yaml. Contacts: {', '.join(ns['contacts'])}"
        if a == "list":
            try:
                value = resolve(ns, b)
            except Unknowable:
                return None
            except LookupError as exc:
                return str(exc)
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                return f"'{b}' is not a list of sentences"
        return None
    if not re.fullmatch(r"[a-z0-9_]+(\.[a-z0-9_]+)*", a):
        return f"'{a}' is not a shortcode. Write a path like corporate.stage1.respond"
    if b is not None and b not in FILTERS:
        return f"there is no filter '{b}'. Filters: {', '.join(FILTERS)}"
    try:
        value = resolve(ns, a)
        if value is None:
            return f"'{a}' is not set in the content, so it cannot be shown"
        format_value(value, b)
    except Unknowable:
        return None
    except ValueError as exc:
        if b == "link" and re.fullmatch(r"contacts\.[a-z0-9_]+\.(email|phone|web)", a):
            # contacts.yaml's own check has said what is wrong with it, at its line: one mistake, one
            # message, not one more for every page that shows it (schema.Contact.problems)
            return None
        return str(exc.args[0])
    except LookupError as exc:
        return str(exc.args[0])
    return None


def check_text(text: str, file: str, first_line: int, ns: dict[str, Any]) -> list[ContentError]:
    """Every bad shortcode in ``text``, whose first line is ``first_line`` of ``file``."""
    errors = []
    for offset, line in enumerate(text.split("\n")):
        for match in SHORTCODE.finditer(line):
            alone = line.strip() == match.group(0)
            problem = problems(match.group(1), ns, alone)
            if problem:
                errors.append(ContentError(file, first_line + offset, f"the shortcode {match.group(0)} is wrong: "
                                           f"{problem}{'' if problem.endswith('?') else '.'}"))
        # What is left once the good shortcodes are taken out would be published as it is.
        rest = SHORTCODE.sub("\0", line)
        if "{{" in rest:
            errors.append(ContentError(file, first_line + offset,
                                       "a shortcode is not closed: every '{{' needs a '}}' on the same line."))
        elif "}}" in rest:
            errors.append(ContentError(file, first_line + offset,
                                       "a shortcode is not opened: every '}}' needs a '{{' before it on the same "
                                       "line."))
        elif "{\0" in rest or "\0}" in rest:
            errors.append(ContentError(file, first_line + offset,
                                       "a shortcode has a brace too many: write two on each side, like "
                                       "{{ corporate.stage1.respond }}."))
        else:
            for match in SINGLE_BRACES.finditer(rest):
                errors.append(ContentError(file, first_line + offset,
                                           f"{match.group(0)} has one brace on each side, so it would be published "
                                           "as it is: a shortcode needs two, like {{ corporate.stage1.respond }}."))
    return errors


def check_pages(content) -> list[ContentError]:
    ns = namespace(content)
    errors = []
    for page in [*content.pages, content.policy_page]:
        if page is not None:
            errors.extend(check_text(page.body, page.file, page.body_line, ns))
    return errors


def expand(text: str, ns: dict[str, Any], render_block: Callable[[str, str], str], escape: Callable[[str], str]) -> str:
    """Replace every shortcode in checked text: blocks with HTML, inline ones with escaped text."""
    out = []
    for line in text.split("\n"):
        stripped = line.strip()
        whole = SHORTCODE.fullmatch(stripped)
        if whole and _parse(whole.group(1))[0] == "block":
            _, kind, arg = _parse(whole.group(1))
            out.append("\n" + render_block(kind, arg) + "\n")
            continue

        def inline(match):
            _, path, filt = _parse(match.group(1))
            text = format_value(resolve(ns, path), filt)
            return text if filt == "link" else escape(text)

        out.append(SHORTCODE.sub(inline, line))
    return "\n".join(out)
