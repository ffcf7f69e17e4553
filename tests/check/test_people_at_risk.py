"""`make check`: the "Exit this page" button and the warning at the top of the social care pages are
there for people at risk at home. Nothing else says which pages need them, so losing one since the
last publication (content/snapshot/published.yaml) is a warning."""
from __future__ import annotations

import datetime

from conftest import TODAY
from sitebuild import CONTENT, replace_in

from generator import check
from generator.check.report import Report
from generator.content import load_content


def findings(content_dir):
    report = Report(datetime.date.fromisoformat(TODAY))
    check.check_kept_for_people_at_risk(load_content(content_dir), report)
    return [(f.file, f.line, f.message, f.fix) for f in report.warnings]


def test_the_published_pages_keep_them():
    assert findings(CONTENT) == []


def test_a_deleted_exit_button_or_warning_is_warned_about(content_copy):
    replace_in(content_copy / "pages/adults-social-care.md", "exit_this_page: true\n", "")
    replace_in(content_copy / "pages/childrens-social-care.md",
               "warning: If a child is in danger right now, call 999.\n", "")
    [exit_button, warning] = findings(content_copy)
    assert exit_button[:3] == ("content/pages/adults-social-care.md", 1,
                               "this page had the 'Exit this page' button when the pages were last published "
                               "(23 November 2026), and now it does not.")
    assert "put `exit_this_page: true` back at the top" in exit_button[3]
    assert warning[:3] == ("content/pages/childrens-social-care.md", 1,
                           'this page had the warning "If a child is in danger right now, call 999." at the top '
                           "when the pages were last published (23 November 2026), and now it does not.")
    # quoted, so it is valid YAML pasted back whatever it says (a ": " in it would not be)
    assert 'put `warning: "If a child is in danger right now, call 999."` back at the top' in warning[3]


def test_a_renamed_page_is_warned_about(content_copy):
    (content_copy / "pages/broad-park-house.md").rename(content_copy / "pages/bph.md")
    for page in (content_copy / "pages").glob("*.md"):  # the links mended, as the build asks
        page.write_text(page.read_text(encoding="utf-8").replace("broad-park-house.md", "bph.md"), encoding="utf-8")
    replace_in(content_copy / "pages/bph.md", "exit_this_page: true\n", "")
    [(file, line, message, fix)] = findings(content_copy)
    assert (file, line) == ("content/pages/broad-park-house.md", 0)
    assert message == ("this page had the 'Exit this page' button and a warning at the top when the pages were "
                       "last published (23 November 2026), and it is not there any more.")
    assert fix == ("If it was renamed or its content moved to another page, give that page the same lines at the "
                   "top: `exit_this_page: true` and `warning: \"If a child is in danger right now, call 999.\"`. "
                   "Someone at risk at home may be reading it.")


def test_a_snapshot_from_before_pages_were_recorded_warns_about_nothing(content_copy):
    snapshot = content_copy / "snapshot/published.yaml"
    text = snapshot.read_text(encoding="utf-8")
    snapshot.write_text(text[:text.index("for_people_at_risk:")], encoding="utf-8")
    replace_in(content_copy / "pages/adults-social-care.md", "exit_this_page: true\n", "")
    assert findings(content_copy) == []
