"""The rule records are declared twice: generator/schema.py (which validates content/) and
navigator/rules.py (which reads the published rules.json, stdlib only, in the browser too). A field
added to one and not the other would be validated and then never read, or read and never published.
This table says where they differ on purpose; any other difference fails, naming the field."""
from __future__ import annotations

import dataclasses

import pytest

from generator import schema
from navigator import rules

# (schema class, navigator record, {schema field: why the navigator does without it},
#  {navigator field: where it comes from instead})
SHAPES = [
    ("Contact", "Contact", {"source": "where the details came from, for the policy team"},
     {"id": "its key in contacts.yaml"}),
    ("Timescale", "Timescale", {"start": "published as counted_from"},
     {"counted_from": "the schema's start"}),
    ("TimeLimit", "TimeLimit", {"counts_from_source": "page text (the navigator says what the limit counts from for you)"}, {}),
    ("Stage", "Stage", {}, {}),
    ("Procedure", "Procedure",
     {"applies_to": "page text", "statutory": "page text", "next": "the stages' order says it",
      "court_proceedings": "read into notes", "advocacy": "read into notes"},
     {"informal_before_next": "the informal block's before_next", "notes": "court_proceedings, advocacy"}),
    ("Ombudsman", "Ombudsman", {"steps": "the timescales table only"},
     {"after_all_stages_section": "the section of after_all_stages"}),
    ("Service", "Service", {"source": "where the details came from, for the policy team"},
     {"id": "its key in services.yaml"}),
    ("OutOfScope", "OutOfScope", {}, {}),
    ("ServiceOption", "Option", {}, {}),
    ("Choice", "Choice", {}, {}),
]


@pytest.mark.parametrize("schema_name, record_name, schema_only, record_only", SHAPES,
                         ids=[s[0] for s in SHAPES])
def test_the_navigator_reads_every_field_the_schema_declares(schema_name, record_name, schema_only, record_only):
    declared = {f.name for f in dataclasses.fields(getattr(schema, schema_name))}
    read = set(getattr(rules, record_name)._fields)
    unread = declared - read - set(schema_only)
    assert not unread, (f"schema.{schema_name} declares {sorted(unread)}, which navigator/rules.py {record_name} "
                        "does not read: add it there, or list it in SHAPES with why the navigator does without it")
    undeclared = read - declared - set(record_only)
    assert not undeclared, (f"navigator/rules.py {record_name} reads {sorted(undeclared)}, which schema.{schema_name} "
                            "does not declare: declare it there (with a docstring), or list it in SHAPES")
    stale = (set(schema_only) - declared) | (set(record_only) - read)
    assert not stale, f"SHAPES lists {sorted(stale)} for {schema_name}, which no longer exist"


def test_every_navigator_record_is_in_the_table():
    """A record added to navigator/rules.py is checked against the schema too (Rules is the whole set)."""
    records = {name for name, obj in vars(rules).items()
               if isinstance(obj, type) and issubclass(obj, tuple) and hasattr(obj, "_fields") and name != "Rules"}
    assert records == {record for _, record, _, _ in SHAPES}
