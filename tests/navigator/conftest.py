"""The navigator's fixtures: the rule data, and answers for a complaint.

``rules`` loads JSON from the path in ``NAVIGATOR_RULES_JSON`` if set (so the
suite runs inside Pyodide, which has no PyYAML or holidays); otherwise it
derives the rule data from content/ with a fixed build date, 2026-11-23.
"""
from __future__ import annotations

import copy
import datetime
import json
import os
import sys
from pathlib import Path

import pytest

from navigator.rules import load_rules

BUILD_DATE = datetime.date(2026, 11, 23)
REPO = Path(__file__).resolve().parents[2]


def _derive() -> dict:
    if str(REPO) not in sys.path:
        sys.path.insert(0, str(REPO))
    from generator.content import load_content
    from generator.ruledata import rule_data
    return rule_data(load_content(REPO / "content", pages=False), BUILD_DATE)


@pytest.fixture(scope="session")
def _rules_data() -> dict:
    path = os.environ.get("NAVIGATOR_RULES_JSON")
    if path:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    return _derive()


@pytest.fixture
def rules(_rules_data) -> dict:
    """The rule data as plain JSON-able dicts; a fresh copy each test may change."""
    return copy.deepcopy(_rules_data)


@pytest.fixture(scope="session")
def R(_rules_data):
    """The typed rules (read-only)."""
    return load_rules(_rules_data)


@pytest.fixture
def complaint():
    """Answers for a complaint about a council service, up to the stage question; override with keywords."""
    def make(**changes):
        answers = {"service": "council_service", "request_type": "complaint", "complainant": "self",
                   "out_of_scope": ["none"], "happened": "2026-03-02", "found_out": "2026-03-02",
                   "complained_yet": "yes", "complained": "2026-03-10"}
        answers.update(changes)
        return {k: v for k, v in answers.items() if v is not None}
    return make
