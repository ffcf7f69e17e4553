"""Does the policy text say the same as the data?

The policy (``content/policy/policy.md``) states timescales in words and
digits: "within ten working days", "twenty-five working days", "within 3
days", "12 months". :func:`find_timescales` finds every one and names the
section it is in ("11.2", "App. 1 para 6b"). ``content/policy_timescales.yaml``
lists, section by section and in the order they appear, what each one
describes: a figure in the data, or a known discrepancy. The check matches
them in order and reports:

- a figure that differs from the policy text (error, naming both places);
- a timescale the table does not know (error);
- a table entry the policy no longer says (error);
- a discrepancy entry whose data figure no longer says what it records (warning).
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from ..content import Content
from ..phones import dialled_digits
from .data import CheckData
from .report import ERROR, WARNING, Report

ONES = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
        "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_NUMBER = (r"\d+|(?:" + "|".join(TENS[2:]) + r")(?:[- ](?:" + "|".join(ONES[1:10]) + r"))?|"
           + "|".join(sorted(ONES, key=len, reverse=True)))
# "ten working days", and "ten (10) working days" as councils often write it: one timescale, not none.
TIMESCALE = re.compile(rf"\b(?P<number>{_NUMBER})(?:\s*\((?P<digits>\d+)\))?\s+"
                       rf"(?P<unit>(?:working\s+|calendar\s+)?(?:day|week|month|year)s?)\b", re.IGNORECASE)


def number_value(words: str) -> int:
    """12, "ten", "twenty-five", "sixty five" as a number."""
    words = words.lower()
    if words.isdigit():
        return int(words)
    total = 0
    for part in re.split(r"[- ]", words):
        total += ONES.index(part) if part in ONES else TENS.index(part) * 10
    return total


def unit_of(unit: str) -> str:
    """"working days", "days", "months", ... (plural, single spaces, lower case)."""
    unit = " ".join(unit.lower().split())
    return unit if unit.endswith("s") else unit + "s"


@dataclass
class Found:
    section: str
    says: str
    value: int
    unit: str
    line: int
    in_brackets: int | None = None  # the figure in "ten (10) working days"


HEADING = re.compile(r"^##\s+(?:(\d+)\.|Appendix\s+(\d+))")
SUBHEADING = re.compile(r"^###\s+([a-z])\.\s")
PARAGRAPH = re.compile(r"^\*\*(\d+(?:\.\d+)?)\.?\*\*")


def find_timescales(content: Content) -> list[Found]:
    """Every timescale in the policy text, with its section and file line."""
    page = content.policy_page
    chapter, para, sub = "", "", ""
    appendix = False
    found = []
    for offset, line in enumerate(page.body.split("\n")):
        if m := HEADING.match(line):
            appendix = m.group(2) is not None
            chapter, para, sub = (f"App. {m.group(2)}" if appendix else m.group(1)), "", ""
            continue
        if m := SUBHEADING.match(line):
            sub = m.group(1)
            continue
        if m := PARAGRAPH.match(line):
            para, sub = m.group(1), ""
        if line.lstrip().startswith("{{") or line.startswith("#"):
            continue
        if appendix:
            section = f"{chapter} para {para}{sub}" if para else chapter
        else:
            section = para or chapter
        for m in TIMESCALE.finditer(line):
            digits = int(m.group("digits")) if m.group("digits") else None
            found.append(Found(section, " ".join(m.group(0).split()), number_value(m.group("number")),
                               unit_of(m.group("unit")), page.body_line + offset, digits))
    return found


def resolve_figure(content: Content, figure: str):
    """("procedures/children.yaml", located data, path tuple, value) for "file dotted.path", or an error string."""
    try:
        relative, dotted = figure.split(None, 1)
    except ValueError:
        return f"'{figure}' should be a data file and a path, for example 'procedures/corporate.yaml stages.stage1.respond.working_days'."
    name = f"{content.root.name}/{relative}"
    located = content.sources.get(name)
    if located is None:
        return f"'{relative}' is not a data file in content/."
    data, path = located.data, ()
    for key in dotted.split("."):
        if isinstance(data, list):
            matches = [i for i, item in enumerate(data) if isinstance(item, dict) and str(item.get("id")) == key]
            if not matches and key.isdigit() and int(key) < len(data):
                matches = [int(key)]
            if not matches:
                return f"'{key}' is not an id in the list at '{'.'.join(map(str, path))}' in {relative}."
            data, path = data[matches[0]], path + (matches[0],)
        elif isinstance(data, dict) and key in data:
            data, path = data[key], path + (key,)
        else:
            return f"{relative} has no '{dotted}' (no '{key}' there)."
    if isinstance(data, dict) and "working_days" in data:
        data, path = data["working_days"], path + ("working_days",)
    if not isinstance(data, int):
        return f"'{dotted}' in {relative} is not a number."
    unit = "months" if path[-1] == "months" else "working days"
    return name, located, path, data, unit


def check_consistency(content: Content, check_data: CheckData, report: Report) -> None:
    policy_file = content.policy_page.file
    table = check_data.sources.get("policy_timescales.yaml")
    table_file = table.file if table else "content/policy_timescales.yaml"
    discrepancies = {d.id: d for d in check_data.discrepancies}
    entries = defaultdict(list)
    for i, entry in enumerate(check_data.timescales):
        entries[entry.section].append((i, entry))
    found = defaultdict(list)
    for f in find_timescales(content):
        found[f.section].append(f)
        if f.in_brackets is not None and f.in_brackets != f.value:
            report.add(policy_file, f.line, ERROR,
                       f"the policy says \"{f.says}\" (section {f.section}): the words and the figure in brackets "
                       "are not the same number.", "Correct whichever is wrong.", "consistency")

    def table_line(i, *path):
        return table.line((i, *path)) if table else 0

    for section in sorted(set(entries) | set(found)):
        said, listed = found.get(section, []), entries.get(section, [])
        for f, (i, entry) in zip(said, listed):
            _check_pair(content, f, i, entry, discrepancies, policy_file, table_file, table_line, report)
        for f in said[len(listed):]:
            report.add(policy_file, f.line, ERROR,
                       f"a timescale in the policy that the data does not know: \"{f.says}\" (section {section}).",
                       f"Add an entry for section {section} to {table_file} (in the order the policy says them) "
                       "naming the figure it describes, or a discrepancy that explains it.", "consistency")
        for i, entry in listed[len(said):]:
            report.add(table_file, table_line(i), ERROR,
                       f"section {section} of the policy no longer says \"{entry.says}\": "
                       f"it has {len(said)} timescale{'s' * (len(said) != 1)}, this table lists {len(listed)}.",
                       f"Remove this entry, or put the timescale back in {policy_file}.", "consistency")

    for i, d in enumerate(check_data.discrepancies):
        if d.figure and d.value is not None and d.status == "open":
            resolved = resolve_figure(content, d.figure)
            if isinstance(resolved, tuple) and resolved[3] != d.value:
                name, located, path, value, unit = resolved
                dfile = check_data.sources["discrepancies.yaml"]
                report.add(dfile.file, dfile.line((i, "value")), WARNING,
                           f"this explained discrepancy is out of date: it records {d.value} for {d.figure}, "
                           f"but {name}:{located.line(path)} now says {value} {unit}.",
                           "Check which figure is right and update the data or this entry.", "consistency")
    for i, entry in enumerate(check_data.timescales):
        if entry.discrepancy and entry.discrepancy not in discrepancies:
            report.add(table_file, table_line(i, "discrepancy"), ERROR,
                       f"'{entry.discrepancy}' is not an entry in discrepancies.yaml.",
                       f"Use one of: {', '.join(sorted(discrepancies))}.", "consistency")


def _check_pair(content, f: Found, i, entry, discrepancies, policy_file, table_file, table_line, report):
    if not entry.figure:
        if not entry.discrepancy:
            report.add(table_file, table_line(i), ERROR,
                       f"the entry for \"{entry.says}\" (section {entry.section}) names neither a figure nor a discrepancy.",
                       "Add 'figure:' (the data it describes) or 'discrepancy:' (why the data differs).", "consistency")
        return
    resolved = resolve_figure(content, entry.figure)
    if isinstance(resolved, str):
        report.add(table_file, table_line(i, "figure"), ERROR, resolved,
                   "Correct the figure path: a file in content/ and the keys to the number.", "consistency")
        return
    name, located, path, value, unit = resolved
    if value == f.value and unit == f.unit:
        return
    if entry.discrepancy in discrepancies:
        return  # explained in discrepancies.yaml, and listed in the report
    yaml_line = located.line(path)
    report.add(policy_file, f.line, ERROR,
               f"the policy says \"{f.says}\" (section {f.section}) but {name}:{yaml_line} says {value} {unit} "
               f"({entry.figure.split(None, 1)[1]}).",
               f"Make them agree: change the policy text or the figure in {name}. If the difference is "
               f"intended, add a discrepancy to content/discrepancies.yaml and name it in {table_file}.",
               "consistency")


# --- figures typed into a guidance page ------------------------------------------------------------

# "10 working days", "twelve months", "a 12-month limit", "28 days", "2 weeks", "1 year"; not an age
# ("18 years old"), opening hours ("7 days a week") or "no one day".
TYPED_TIMESCALE = re.compile(rf"(?<!\bno )\b(?P<number>{_NUMBER})(?:\s+|-)(?P<unit>(?:working|calendar)\s+days?|"
                             r"days?(?!\s+a\s+week)|weeks?|months?|years?(?![\s-]+old))\b", re.IGNORECASE)
PHONE = re.compile(r"(?<![\w/])\+?\(?\d[\d ()-]{6,}\d")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
SHORTCODE = re.compile(r"\{\{.*?\}\}")


def data_figures(content: Content) -> list[tuple[str, int, str]]:
    """Every timescale in the data as (shortcode path, number, unit): ("corporate.stage1.respond", 10,
    "working days"), ("corporate.stage1.respond.up_to", 20, ...), ("corporate.time_limit", 12, "months")."""
    from ..schema import TimeLimit, Timescale
    from ..shortcodes import namespace
    import dataclasses
    found = []

    def walk(value, path):
        if isinstance(value, Timescale):
            found.append((path, value.working_days, "working days"))
            if value.up_to is not None:
                found.append((f"{path}.up_to", value.up_to, "working days"))
        elif isinstance(value, TimeLimit):
            found.append((path, value.months, "months"))
        elif isinstance(value, dict):
            for key, item in value.items():
                walk(item, f"{path}.{key}" if path else key)
        elif dataclasses.is_dataclass(value) and not isinstance(value, type):
            for f in dataclasses.fields(value):
                item = getattr(value, f.name)
                key = f.metadata.get("key", f.name)
                if isinstance(item, list):  # a procedure's stages, the Ombudsman's steps: by id, directly
                    for element in item:
                        if getattr(element, "id", None):
                            walk(element, f"{path}.{element.id}")
                elif isinstance(item, int) and not isinstance(item, bool) and key.endswith("months"):
                    found.append((f"{path}.{key}", item, "months"))  # policy.review.every_months
                else:
                    walk(item, f"{path}.{key}")

    for root, value in namespace(content).items():
        walk(value, root)
    first = {"corporate": 0, "adults": 1, "children": 2, "ombudsman": 3}  # the procedures' own figures first
    return sorted(found, key=lambda f: first.get(f[0].split(".")[0], 4))


def _shortcode_for(path: str, unit: str, in_words: bool) -> str:
    """The shortcode that shows a figure as the page typed it ("10 working days", "ten working days")."""
    words = " | words" if in_words else ""
    if path.endswith((".up_to", ".every_months")):  # a bare number: the unit stays in the text
        return f"{{{{ {path}{words} }}}} {unit}"
    return f"{{{{ {path}{words} }}}}"


def check_typed_figures(content: Content, report: Report) -> None:
    """Warn about a timescale, or a contact's phone number or email, typed into a guidance page
    (content/pages/*.md) instead of a shortcode: when the data changes, the page would not. A phone
    number or email that is no contact's is warned about too: it may be an old one, or mistyped.

    Only the Markdown outside ``{{ ... }}`` is read. The policy (content/policy/policy.md) is
    published as it was approved, so its timescales are checked by check_consistency instead, and
    only its phone numbers and emails here: one that is no contact's is probably a contact's old one."""
    figures = data_figures(content)
    contacts_file = f"{content.root.name}/contacts.yaml"
    phones = {dialled_digits(c.phone): cid for cid, c in content.contacts.items() if c.phone}
    emails = {c.email.lower(): cid for cid, c in content.contacts.items() if c.email}
    for page in sorted(content.pages, key=lambda p: p.file):
        for offset, raw in enumerate(page.body.split("\n")):
            line_no = page.body_line + offset
            line = SHORTCODE.sub(" ", raw)
            text = re.sub(r"\]\([^)]*\)|\{#[^}]*\}", " ", line)  # not link targets or heading ids
            for m in TYPED_TIMESCALE.finditer(text):
                says = " ".join(m.group(0).split())
                value, unit = number_value(m.group("number")), unit_of(m.group("unit"))
                matches = [path for path, v, u in figures if v == value and u == unit]
                in_words = not m.group("number").isdigit()
                if matches:
                    shown = [_shortcode_for(p, unit, in_words) for p in matches[:3]]
                    more = f" (or one of {len(matches) - 3} more with that figure)" if len(matches) > 3 else ""
                    fix = (f"If it is one of our timescales, write the shortcode for the figure it means, so the page "
                           f"changes when the data does: {' or '.join(shown)}{more}. If it is something else that "
                           "happens to have the same number, leave it.")
                else:
                    fix = ("No figure in the data is " + f"{value} {unit}" + ": if this is one of our timescales, "
                           "put it in the data (content/procedures/*.yaml or ombudsman.yaml) and write its "
                           "shortcode, such as {{ corporate.stage1.respond }}; otherwise write it without a number.")
                report.add(page.file, line_no, WARNING,
                           f"a timescale typed into the page: \"{says}\". If the data changes, the page will not.",
                           fix, "consistency")
            for says, cid, field, what in _typed_contacts(line, phones, emails):
                if cid:
                    report.add(page.file, line_no, WARNING,
                               f"{what} typed into the page: \"{says}\", the {field} of {content.contacts[cid].name} "
                               f"in {contacts_file}. If that changes, the page will not.",
                               f"Write {{{{ contacts.{cid}.{field} | link }}}} instead.", "consistency")
                else:
                    report.add(page.file, line_no, WARNING,
                               f"{what} typed into the page: \"{says}\". It is not the {field} of any contact in "
                               f"{contacts_file}, so it may be out of date or mistyped.",
                               f"Check it. If it belongs to a contact, put it in {contacts_file} and write its "
                               f"shortcode, for example {{{{ contacts.speak_up.{field} | link }}}}.", "consistency")
    _check_policy_contacts(content, phones, emails, contacts_file, report)


def _typed_contacts(line: str, phones: dict, emails: dict) -> list[tuple[str, str | None, str, str]]:
    """Each phone number and email address in ``line``, once: (as typed, the contact id it is or None,
    field, what). Once, as dialled or in lower case: "[0800 269851](tel:0800269851)" is one number typed."""
    typed = {}
    for m in PHONE.finditer(line):
        if len(dialled := dialled_digits(m.group(0))) >= 9:
            typed.setdefault(("phone", dialled), (m.group(0).strip(), phones.get(dialled), "phone", "a phone number"))
    for m in EMAIL.finditer(line):
        address = m.group(0).lower()
        typed.setdefault(("email", address), (m.group(0), emails.get(address), "email", "an email address"))
    return list(typed.values())


def _check_policy_contacts(content: Content, phones: dict, emails: dict, contacts_file: str, report: Report) -> None:
    """The policy is published as approved, so its phone numbers and emails are typed in. One that is no
    contact's is probably a contact's old one: changing contacts.yaml does not change the policy."""
    policy = content.policy_page
    for offset, line in enumerate(policy.body.split("\n")):
        for says, cid, field, what in _typed_contacts(SHORTCODE.sub(" ", line), phones, emails):
            if cid:
                continue
            report.add(policy.file, policy.body_line + offset, WARNING,
                       f"the policy gives {what} that is not the {field} of any contact in {contacts_file}: "
                       f"\"{says}\". If a contact's {field} has changed, this is the old one.",
                       f"Check it. If it is out of date, correct it here with the policy owner's agreement (the policy "
                       f"is published as approved), or add it to {contacts_file} if it is still right.", "consistency")
