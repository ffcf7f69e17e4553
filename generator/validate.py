"""Check plain YAML data against a dataclass from :mod:`generator.schema`.

:func:`build` turns data into dataclass instances, collecting a
:class:`~generator.exceptions.ContentError` for every problem instead of
stopping at the first, so one run lists them all.
"""
from __future__ import annotations

import ast
import dataclasses
import datetime
import difflib
import functools
import inspect
import re
import textwrap
import types
import typing
from typing import Any, Literal

from .exceptions import ContentError
from .yamlfile import LocatedData

MISSING = object()
"""Returned by convert() for a value too broken to use."""


@functools.cache
def field_docs(cls) -> dict[str, str]:
    """The docstring under each field of ``cls`` (and its bases)."""
    docs: dict[str, str] = {}
    for klass in reversed(cls.__mro__):
        if not dataclasses.is_dataclass(klass):
            continue
        tree = ast.parse(textwrap.dedent(inspect.getsource(klass)))
        body = tree.body[0].body
        for stmt, following in zip(body, body[1:]):
            if (isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name)
                    and isinstance(following, ast.Expr) and isinstance(following.value, ast.Constant)
                    and isinstance(following.value.value, str)):
                docs[stmt.target.id] = following.value.value.strip()
    return docs


@functools.cache
def _type_hints(cls) -> dict:
    return typing.get_type_hints(cls)


def yaml_key(f: dataclasses.Field) -> str:
    return f.metadata.get("key", f.name)


def build(cls, data: Any, located: LocatedData, path: tuple, errors: list[ContentError], what: str):
    """Make a ``cls`` from ``data`` at ``path``; add any problems to ``errors``.

    ``what`` names the thing for messages, for example 'stage "stage1"'.
    Returns None if the data is not a mapping at all, and a partial instance
    (see :func:`partial`) if some fields were unusable.
    """
    if not isinstance(data, dict):
        errors.append(located.error(path, f"{what} should be a set of 'key: value' lines, not {_describe(data)}."))
        return None
    hints = _type_hints(cls)
    fields = {yaml_key(f): f for f in dataclasses.fields(cls)}
    for key in data:
        if key not in fields:
            close = difflib.get_close_matches(key, fields, n=1)
            hint = f" Did you mean '{close[0]}'?" if close else ""
            errors.append(located.error(path + (key,), f"'{key}' is not a setting {what} can have.{hint} "
                                        f"It can have: {', '.join(fields)}."))
    values = {}
    ok = True
    for key, f in fields.items():
        if key not in data:
            if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
                doc = field_docs(cls).get(f.name, "").rstrip(".")  # read lazily: only errors need it
                errors.append(located.error(path, f"{what} is missing '{key}': {doc[:1].lower()}{doc[1:]}."))
                ok = False
            continue
        raw, hint = data[key], hints[f.name]
        has_default = f.default is not dataclasses.MISSING or f.default_factory is not dataclasses.MISSING
        if raw is None and typing.get_origin(hint) is list and f.default_factory is list:
            # "closure_days:" with nothing under it (the example there commented out): none. Only for
            # a list that may be empty (its default is []): a blank list of choices is a mistake.
            value = []
        elif raw is None or (isinstance(raw, str) and not raw.strip()):
            # Present but blank: an optional thing would silently go missing from the pages (a contact
            # card without its phone number), a required one would be published blank.
            errors.append(located.error(path + (key,), f"'{key}' is empty: write what it should be"
                                        + (", or delete the line if there is none." if has_default else ".")))
            ok = False
            continue
        else:
            value = convert(hint, raw, located, path + (key,), errors, f"'{key}'")
        if value is MISSING:
            ok = False
            continue
        if "min" in f.metadata and value is not None and not f.metadata["min"] <= value <= f.metadata["max"]:
            errors.append(located.error(path + (key,), f"'{key}' should be from {f.metadata['min']} to "
                                        f"{f.metadata['max']}, not {value}."))
            ok = False
            continue
        values[f.name] = value
    if ok:
        obj = cls(**values)
        for where, message in getattr(obj, "problems", lambda: [])():
            errors.append(located.error(path + where, message))
        return obj
    return partial(cls, values)


def partial(cls, values: dict):
    """A ``cls`` with only the fields that were usable, so later checks (references,
    shortcodes) can still run and report their own problems in the same run."""
    obj = cls.__new__(cls)
    for f in dataclasses.fields(cls):
        object.__setattr__(obj, f.name, values.get(f.name))
    object.__setattr__(obj, "_partial", True)
    return obj


def is_partial(value) -> bool:
    return getattr(value, "_partial", False)


def convert(tp, value, located, path, errors, what):
    """Check ``value`` is of type ``tp``; return it converted, or MISSING."""
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin in (typing.Union, types.UnionType):
        if value is None and type(None) in args:
            return None
        (inner,) = [a for a in args if a is not type(None)]
        return convert(inner, value, located, path, errors, what)
    if origin is Literal:
        if value in args:
            return value
        return _bad(located, path, errors, what, "one of: " + ", ".join(map(str, args)), value)
    if origin is list:
        if not isinstance(value, list):
            return _bad(located, path, errors, what, "a list (lines starting with '- ')", value)
        items = [convert(args[0], item, located, path + (i,), errors, _item_name(item, i, what))
                 for i, item in enumerate(value)]
        return MISSING if any(i is MISSING for i in items) else items
    if origin is dict:
        if not isinstance(value, dict):
            return _bad(located, path, errors, what, "a set of 'id:' entries", value)
        items = {}
        for key, item in value.items():
            if not re.fullmatch(r"[a-z][a-z0-9_]*", key):
                errors.append(located.error(path + (key,), f"'{key}' is not a usable id: use lowercase letters, "
                                            "digits and _ only, starting with a letter."))
            items[key] = convert(args[1], item, located, path + (key,), errors, f"'{key}'")
        return MISSING if any(i is MISSING for i in items.values()) else items
    if dataclasses.is_dataclass(tp):
        result = build(tp, value, located, path, errors, what)
        return MISSING if result is None else result
    if tp is bool:
        return value if isinstance(value, bool) else _bad(located, path, errors, what, "true or false", value)
    if tp is int:
        ok = isinstance(value, int) and not isinstance(value, bool)
        if not ok and isinstance(value, str) and value.strip().isdigit():
            errors.append(located.error(path, f"{what} should be a whole number without quotes: write {value.strip()}, "
                                        f"not '{value}'."))
            return MISSING
        return value if ok else _bad(located, path, errors, what, "a whole number, like 10", value)
    if tp is float:
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
        return float(value) if ok else _bad(located, path, errors, what, "a number, like 8", value)
    if tp is datetime.date:
        ok = isinstance(value, datetime.date) and not isinstance(value, datetime.datetime)
        if not ok and isinstance(value, str) and (m := re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", value.strip())):
            # Written the right way, but not a day there is: YAML leaves it as text.
            year, month, day = map(int, m.groups())
            try:
                datetime.date(year, month, day)
            except ValueError:
                pass
            else:  # "2026-11-23" in quotes: text, not a date
                errors.append(located.error(path, f"{what} should be a date without quotes: write {value.strip()}, "
                                            f"not '{value}'."))
                return MISSING
            if 1 <= month <= 12:
                month_name = datetime.date(2000, month, 1).strftime("%B")
                errors.append(located.error(path, f"{what} is not a real date: {month_name} {year} has no {day}"
                                            f"{_ordinal_suffix(day)}."))
                return MISSING
        return value if ok else _bad(located, path, errors, what, "a date written like 2025-01-31", value)
    if tp is str:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            # YAML reads 12.10 as the number 12.1 and 03000610614 as an octal number: never guess the text.
            errors.append(located.error(path, f"{what} should be text in quotes, like \"12.10\" or \"0300 061 0614\": "
                                        "without quotes, a number loses its leading and trailing zeros."))
            return MISSING
        return value if isinstance(value, str) else _bad(located, path, errors, what, "text", value)
    raise TypeError(f"schema uses a type validate.py does not know: {tp!r}")


def _ordinal_suffix(n: int) -> str:
    return "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


def _item_name(item, index: int, list_name: str) -> str:
    """How messages name a list item: by its id when it has one."""
    if isinstance(item, dict) and isinstance(item.get("id"), str):
        return f"the entry '{item['id']}' in {list_name}"
    return f"entry {index + 1} in {list_name}"


def _bad(located, path, errors, what, expected, value):
    errors.append(located.error(path, f"{what} should be {expected}, not {_describe(value)}."))
    return MISSING


def _describe(value) -> str:
    if value is None:
        return "empty"
    if isinstance(value, bool):  # YAML reads yes, no, on, off, true and false as these
        return f"{str(value).lower()} (put text in quotes)"
    if isinstance(value, dict):
        return "a set of 'key: value' lines"
    if isinstance(value, list):
        return "a list"
    return repr(str(value)) if not isinstance(value, str) else repr(value)
