"""A content tree with one of each problem ``make check`` finds, made from a copy of content/.

Each edit below plants exactly one problem; the tests expect the exact report line for each.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from sitebuild import CONTENT, replace_in

TODAY = "2026-11-23"

INDEX_EXTRA = """
[Read section 99 of the policy](policy.md#section-99)

[Our old page](http:/www.example)

<p>Two things: <span id="twice">one</span> and <span id="twice">two</span>.</p>

[](how-to-complain.md)

We will utilise what you tell us to make services better.

If you are not happy with the way that we dealt with your complaint about a council service you can ask us again and we will look at everything that you told us before we reply.

Reword for clarity.

<table><tr><td>Acknowledgement</td><td>Investigation</td><td>Responsibilities</td><td>Recommendations</td></tr></table>
"""


def line_of(path: Path, needle: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in {path}")


def make_problem_tree(target: Path) -> Path:
    shutil.copytree(CONTENT, target)
    # the policy text and the data disagree (corporate stage 1: the data says 10)
    replace_in(target / "policy/policy.md", "will respond within ten working days", "will respond within twelve working days")
    # a timescale in the policy that the table does not know
    replace_in(target / "policy/policy.md", "the provision, within a stated timescale of any service",
               "the provision, within 28 days of any service")
    # a table entry the policy no longer says
    (target / "policy_timescales.yaml").write_text((target / "policy_timescales.yaml").read_text(encoding="utf-8")
                                                   + '- {section: "16.1", says: five working days, '
                                                     'figure: procedures/corporate.yaml stages.stage1.respond}\n',
                                                   encoding="utf-8")
    # an explained discrepancy that the data no longer matches
    replace_in(target / "discrepancies.yaml", "  figure: procedures/children.yaml stages.stage1.acknowledge\n  value: 3",
               "  figure: procedures/children.yaml stages.stage1.acknowledge\n  value: 4")
    # a page not reviewed for over a year; a page over its readability budget
    replace_in(target / "pages/privacy.md", "last_reviewed: 2026-11-23", "last_reviewed: 2025-06-30")
    replace_in(target / "pages/withdrawing-a-complaint.md", "readability_grade_max: 8", "readability_grade_max: 1")
    # broken anchor, malformed external link, invalid HTML, an empty link (axe), a word to avoid,
    # a long sentence, a reviewer note's text on a published page, and an HTML table too wide for a phone
    (target / "pages/index.md").write_text((target / "pages/index.md").read_text(encoding="utf-8") + INDEX_EXTRA,
                                           encoding="utf-8")
    # bank holiday data ending too soon; closure days on a weekend and on a bank holiday
    replace_in(target / "calendar.yaml", "years_after_build: 10", "years_after_build: 2")
    replace_in(target / "calendar.yaml", "closure_days:\n",
               "closure_days:\n  - {date: 2027-01-02, reason: Saturday}\n  - {date: 2026-12-25, reason: Christmas}\n")
    return target


@pytest.fixture(scope="session")
def problem_tree(tmp_path_factory) -> Path:
    return make_problem_tree(tmp_path_factory.mktemp("problems") / "content")
