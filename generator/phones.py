"""Phone numbers as the content writes them: "0800 269851 (free)", "024 7683 3333 ext 12",
"+44 24 7683 3333", "101". What counts as one, the number a tel: link dials, and whether a UK
number has the right number of digits. The schema, the shortcodes' ``link`` filter and ``make check``
all read them here, so they agree on what a number is.
"""
from __future__ import annotations

import re

SHORT_NUMBERS = ("101", "111", "112", "999")
"""The UK's three-digit numbers: police (not an emergency), NHS, and the emergency services."""

PHONE_NUMBER = re.compile(r"(?:" + "|".join(SHORT_NUMBERS) + r")|"
                          r"\(?\+?[0-9][0-9 ()-]{6,}(\s*ext\.?\s*[0-9]+)?(\s*\([^)]*\))?", re.IGNORECASE)
"""A phone number as people dial it: "0800 269851", "+44 24 7683 3333", "(024) 7661 5254",
"024 7683 3333 ext 12", "0800 269851 (free)", "101" (the filter ``link`` makes it a tel: link)."""

ELEVEN_DIGITS = ("02", "03", "07")
"""Numbers starting 02 (like Coventry's 024), 03 or 07 always have 11 digits; 01 and 08 may have 10."""


def number_to_dial(phone: str) -> str:
    """The number as written, without an extension or a note in brackets: "0800 269851 (free)" and
    "024 7683 3333 ext 12" give "0800 269851" and "024 7683 3333". (Brackets with no letters in them,
    as in "(024) 7661 5254", are part of the number.)"""
    number = re.split(r"\s*ext", phone.strip(), flags=re.IGNORECASE)[0]
    return re.sub(r"\s*\([^)]*[a-z][^)]*\)\s*$", "", number, flags=re.IGNORECASE)


def tel_href(phone: str) -> str:
    """A tel: address for a phone number as people write it: digits and + only."""
    return "tel:" + re.sub(r"[^0-9+]", "", number_to_dial(phone))


def dialled_digits(phone: str) -> str:
    """The digits dialled within the UK, +44 as 0: to tell whether two ways of writing a number are one."""
    digits = tel_href(phone).removeprefix("tel:")
    return "0" + digits[3:] if digits.startswith("+44") else digits.lstrip("+")


def is_tel_link_number(number: str) -> bool:
    """Whether a tel: link's address (typed into a page, or made by ``tel_href``) can be dialled."""
    return bool(re.fullmatch(r"\+?[0-9 ]{6,}", number)) or number in SHORT_NUMBERS


def uk_length_problem(phone: str) -> str | None:
    """A UK number has 10 or 11 digits from its 0 (9 or 10 after +44): a digit missing or one too many
    would still look like a phone number, and residents would ring the wrong one. What is wrong, in
    words that say what to do; None if nothing is (or the number is another country's)."""
    number = number_to_dial(phone)
    number = re.sub(r"^1800[12]\s+", "", number)  # Relay UK's prefix, before the number itself
    number = re.sub(r"^\+44\s*\(0\)\s*", "+44 ", number)  # "+44 (0)24 ...": the 0 is not dialled from abroad
    digits = re.sub(r"\D", "", number)
    international = number.lstrip("(").startswith("+")
    if re.fullmatch(r"116\d{3}|08001111", digits) or digits in SHORT_NUMBERS:  # 116 123, Childline 0800 1111, 101
        return None
    if international:
        if not digits.startswith("44"):
            return None  # another country's number: not checked
        national = len(digits) - 2
        ok = national in (9, 10)
    else:
        national = len(digits)
        ok = digits.startswith("0") and national in (10, 11)
    start = "0" + digits[2:3] if international else digits[:2]
    if ok and start in ELEVEN_DIGITS and national + international != 11:  # +44 drops the 0
        return (f"'{phone}' has a digit missing: a number starting {start} has 11 digits from its 0, like "
                "\"024 7683 3333\".")
    if ok:
        return None
    if not international and not digits.startswith("0"):
        return f"'{phone}' does not start with 0: write the number in full, with its area code, like \"024 7683 3333\"."
    return (f"'{phone}' has {national} digits: a UK phone number has 10 or 11, starting with 0, like "
            "\"024 7683 3333\". Check it for a digit missing or one too many.")
