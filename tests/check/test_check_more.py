"""`make check`: which element makes a page scroll sideways, checks that could not run, figures typed
into a guidance page, where invalid HTML is; and the navigator's command line without the holidays package."""
from __future__ import annotations

import argparse
import datetime
import subprocess
import sys
import threading
from pathlib import Path

from conftest import TODAY, line_of
from sitebuild import CONTENT, REPO, replace_in, run_build

from generator import check
from generator.check import consistency, site
from generator.check.report import Report
from generator.content import load_content

WIDE_TABLES = """
## Costs

| Acknowledgement | Investigation | Responsibilities | Recommendations |
|-----------------|---------------|------------------|-----------------|
| Acknowledgement | Investigation | Responsibilities | Recommendations |

<table><tr><td>Acknowledgement</td><td>Investigation</td><td>Responsibilities</td><td>Recommendations</td></tr></table>
"""


def test_reflow_names_the_element_that_makes_the_page_scroll(content_copy, tmp_path):
    """A Markdown table scrolls in its own region, so it is not what makes the page scroll sideways,
    even though it sticks out first: the raw HTML table after it is, and its line is the one named."""
    from playwright.sync_api import sync_playwright
    from generator.check.axe import launch_chromium
    sys.path.insert(0, str(REPO / "tools"))
    from serve import make_server

    index = content_copy / "pages/index.md"
    index.write_text(index.read_text(encoding="utf-8") + WIDE_TABLES, encoding="utf-8")
    built = tmp_path / "site"
    assert run_build(content_copy, built).returncode == 0
    sources = site.Sources(load_content(content_copy))
    server = make_server(built, 0, quiet=True, published_at=sources.published_at)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    report = Report(datetime.date.fromisoformat(TODAY))
    try:
        with sync_playwright() as p:
            browser = launch_chromium(p)
            page = browser.new_page()
            page.goto(f"http://127.0.0.1:{server.server_address[1]}/", wait_until="load")
            site.check_reflow(page, "index.html", sources, report)
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    [finding] = report.findings
    assert finding.file == "content/pages/index.md"
    assert finding.line == line_of(index, "<table>")
    assert ("Widest element: <table><tbody><tr><td>Acknowledgement</td><td>Investigation</td>"
            in finding.message), finding.message


def check_args(tmp_path, **extra) -> argparse.Namespace:
    return argparse.Namespace(content=CONTENT, today=datetime.date.fromisoformat(TODAY), strict=False,
                              report=tmp_path / "review", no_browser=False, **extra)


def test_a_check_that_could_not_run_means_not_ready(monkeypatch, tmp_path, capsys):
    """Without Java the HTML is not checked: the last line must not say "Ready to publish", and the
    command exits 1."""
    monkeypatch.setattr(site.shutil, "which", lambda name: None)
    report = Report(datetime.date.fromisoformat(TODAY))
    site.check_vnu(tmp_path, None, report)
    assert report.skipped == ["HTML validity (needs Java: apt-get install default-jre-headless)"]
    assert report.failed()
    monkeypatch.setattr(check, "run_check", lambda *args, **kwargs: report)
    assert check.main(check_args(tmp_path)) == 1
    out = capsys.readouterr().out.splitlines()
    assert "Not checked (it could not run): HTML validity (needs Java: apt-get install default-jre-headless)" in out
    assert out[-1] == ("0 errors, 0 warnings. Not ready to publish: 1 check could not run: HTML validity "
                       "(needs Java: apt-get install default-jre-headless).")
    report.add("content/pages/index.md", 3, "error", "something")
    assert report.summary().endswith("Not ready to publish: fix the errors above. Also, 1 check could not run: "
                                     "HTML validity (needs Java: apt-get install default-jre-headless).")
    assert "Ready to publish" not in (tmp_path / "review/index.html").read_text().replace("Not ready to publish", "")


def test_a_check_left_out_on_request_is_named_in_the_last_line(tmp_path):
    result = subprocess.run([sys.executable, "-m", "generator", "check", "--content", str(CONTENT), "--today", TODAY,
                             "--report", str(tmp_path / "review"), "--no-browser"],
                            cwd=REPO, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines()[-1].endswith(
        " warnings. Not checked, as asked: HTML validity, accessibility and reflow (--no-browser). "
        "No errors in what was checked; read the warnings above. Before you publish, run the check again "
        "without --no-browser.")
    assert "Ready to publish" not in result.stdout


TYPED = """
We reply within 10 working days. Call 0800 269851.

You have twelve months to complain, or 3 calendar days. Email [us](mailto:SpeakUp@coventry.gov.uk).

Call {{ contacts.lgsco.phone }} within {{ ombudsman.time_limit }}, up to {{ children.stage1.respond.up_to }} working days.
"""


def typed_into_a_page(content_copy, text: str) -> Report:
    """check_typed_figures, after ``text`` is added to the end of a guidance page."""
    page = content_copy / "pages/how-to-complain.md"
    page.write_text(page.read_text(encoding="utf-8") + text, encoding="utf-8")
    report = Report(datetime.date.fromisoformat(TODAY))
    consistency.check_typed_figures(load_content(content_copy), report)
    return report


def test_figures_typed_into_a_guidance_page_are_warned_about(content_copy):
    policy = content_copy / "policy/policy.md"
    policy.write_text(policy.read_text(encoding="utf-8") + "\nCall 0800 269851 within 10 working days.\n",
                      encoding="utf-8")
    report = typed_into_a_page(content_copy, TYPED)
    page = content_copy / "pages/how-to-complain.md"
    first, second = line_of(page, "We reply within 10"), line_of(page, "twelve months")
    f = "content/pages/how-to-complain.md"
    assert sorted((x.line, x.message, x.fix) for x in report.findings) == sorted([
        (first, 'a timescale typed into the page: "10 working days". If the data changes, the page will not.',
         "If it is one of our timescales, write the shortcode for the figure it means, so the page changes when "
         "the data does: {{ corporate.stage1.respond }} or {{ children.stage1.respond }} or "
         "{{ ombudsman.draft_decision.up_to }} working days. If it is something else that happens to have the same "
         "number, leave it."),
        (first, 'a phone number typed into the page: "0800 269851", the phone of Speak Up (Coventry City Council '
                "complaints) in content/contacts.yaml. If that changes, the page will not.",
         "Write {{ contacts.speak_up.phone | link }} instead."),
        (second, 'a timescale typed into the page: "twelve months". If the data changes, the page will not.',
         "If it is one of our timescales, write the shortcode for the figure it means, so the page changes when "
         "the data does: {{ corporate.time_limit | words }} or {{ adults.time_limit | words }} or "
         "{{ children.time_limit | words }} (or one of 2 more with that figure). If it is something else that "
         "happens to have the same number, leave it."),
        (second, 'a timescale typed into the page: "3 calendar days". If the data changes, the page will not.',
         "No figure in the data is 3 calendar days: if this is one of our timescales, put it in the data "
         "(content/procedures/*.yaml or ombudsman.yaml) and write its shortcode, such as "
         "{{ corporate.stage1.respond }}; otherwise write it without a number."),
        (second, 'an email address typed into the page: "SpeakUp@coventry.gov.uk", the email of Speak Up '
                 "(Coventry City Council complaints) in content/contacts.yaml. If that changes, the page will not.",
         "Write {{ contacts.speak_up.email | link }} instead."),
    ])
    assert {x.file for x in report.findings} == {f} and {x.severity for x in report.findings} == {"warning"}


def test_a_phone_number_that_is_no_contacts_is_warned_about_in_pages_and_the_policy(content_copy):
    # The annual review changed Speak Up's number in contacts.yaml: the policy (5.2) still gave the old
    # one, and an old number typed into a page went unnoticed (policy team's trial run).
    replace_in(content_copy / "contacts.yaml", "phone: 0800 269851", "phone: 0800 269852")
    report = typed_into_a_page(content_copy, "\nOr call 0800 269851, or email complaints@coventry.gov.uk.\n"
                                             "Call [024 7611 1111](tel:02476111111), or [Complaints@Coventry.gov.uk]"
                                             "(mailto:complaints@coventry.gov.uk).\n")
    page, policy = content_copy / "pages/how-to-complain.md", content_copy / "policy/policy.md"

    def not_a_contact(needle, what, field, says):
        return ("content/pages/how-to-complain.md", line_of(page, needle),
                f'{what} typed into the page: "{says}". It is not the {field} of any contact in '
                "content/contacts.yaml, so it may be out of date or mistyped.",
                "Check it. If it belongs to a contact, put it in content/contacts.yaml and write its shortcode, for "
                f"example {{{{ contacts.speak_up.{field} | link }}}}.")

    assert sorted((x.file, x.line, x.message, x.fix) for x in report.findings) == sorted([
        not_a_contact("Or call 0800 269851", "a phone number", "phone", "0800 269851"),
        not_a_contact("Or call 0800 269851", "an email address", "email", "complaints@coventry.gov.uk"),
        # once each, though typed twice in the line (the link's words and its address)
        not_a_contact("Call [024 7611 1111]", "a phone number", "phone", "024 7611 1111"),
        not_a_contact("Call [024 7611 1111]", "an email address", "email", "Complaints@Coventry.gov.uk"),
        ("content/policy/policy.md", line_of(policy, "telephoning 0800 269851"),
         'the policy gives a phone number that is not the phone of any contact in content/contacts.yaml: '
         '"0800 269851". If a contact\'s phone has changed, this is the old one.',
         "Check it. If it is out of date, correct it here with the policy owner's agreement (the policy is "
         "published as approved), or add it to content/contacts.yaml if it is still right."),
    ])


def test_the_pages_as_they_are_have_no_typed_figures():
    report = Report(datetime.date.fromisoformat(TODAY))
    consistency.check_typed_figures(load_content(CONTENT), report)
    assert report.findings == []


def test_each_suggested_shortcode_shows_the_figure(content_copy, tmp_path):
    """What the warning suggests writing shows the same words as were typed."""
    page = content_copy / "pages/how-to-complain.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nA: {{ corporate.stage1.respond | words }}. "
                    "B: {{ ombudsman.draft_decision.up_to }} working days. C: {{ corporate.time_limit | words }}. "
                    "D: {{ policy.review.every_months }} months.\n", encoding="utf-8")
    assert run_build(content_copy, tmp_path / "site").returncode == 0
    html = (tmp_path / "site/how-to-complain/index.html").read_text(encoding="utf-8")
    assert "A: ten working days. B: 10 working days. C: twelve months. D: 12 months." in html


NO_HOLIDAYS = """
import runpy, sys
sys.modules["holidays"] = None  # as if the package were not installed
sys.argv = ["navigator", "add", "2026-04-04", "3"]
runpy.run_module("navigator", run_name="__main__")
"""


def test_navigator_command_line_without_the_holidays_package(tmp_path):
    """A Python without the holidays package (the system python3, say): one line saying what is missing
    and how to get it, exit status 2, no traceback. The build says the same in its one line."""
    result = subprocess.run([sys.executable, "-c", NO_HOLIDAYS], cwd=REPO, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 2, result.stderr
    assert result.stderr == (f"navigator: the holidays package, which gives the bank holidays, is not installed for "
                             f"this Python ({sys.executable}). Run make deps, then use .venv/bin/python "
                             "(or: pip install -r requirements.txt).\n")
    build = subprocess.run([sys.executable, "-c", "import sys, runpy; sys.modules['holidays'] = None; "
                            f"sys.argv = ['generator', 'build', '--no-runtime', '--site', {str(tmp_path / 'site')!r}]; "
                            "runpy.run_module('generator', run_name='__main__')"],
                           cwd=REPO, capture_output=True, text=True, timeout=120)
    assert build.returncode == 1 and "Traceback" not in build.stderr, build.stderr
    assert build.stderr.startswith("The site was not built: the holidays package, which gives the bank holidays, "
                                   "is not installed")


def test_a_missing_snapshot_is_warned_about(content_copy):
    """Without it, 'What changed' says this is the first published version: wrong if the file was lost."""
    (content_copy / "snapshot" / "published.yaml").unlink()
    report = Report(datetime.date.fromisoformat(TODAY))
    check.check_snapshot(content_copy, report)
    [finding] = report.warnings
    assert (finding.file, finding.line) == ("content/snapshot/published.yaml", 0)
    assert finding.message == ("there is no snapshot of the published figures, so the 'What changed' page says "
                               "this is the first published version of these pages.")
    assert "git checkout -- content/snapshot/published.yaml" in finding.fix
    report = Report(datetime.date.fromisoformat(TODAY))
    check.check_snapshot(CONTENT, report)  # the repository's content has one
    assert report.warnings == []


def test_other_ways_of_typing_a_figure_are_warned_about_too(content_copy):
    report = typed_into_a_page(content_copy, "\nThere is a 12-month limit. We reply in 28 days.\n"
                                             "Call [0800 269851](tel:0800269851).\n")
    said = sorted(x.message.split(". If")[0] for x in report.findings)
    assert said == ['a phone number typed into the page: "0800 269851", the phone of Speak Up (Coventry City '
                    "Council complaints) in content/contacts.yaml",  # once: not again for the tel: link
                    'a timescale typed into the page: "12-month"',
                    'a timescale typed into the page: "28 days"']


def test_an_age_opening_hours_and_no_one_day_are_not_timescales(content_copy):
    report = typed_into_a_page(content_copy, "\nIf you are under 18 years old, we are open 7 days a week, and no "
                                             "one day is busier.\n")
    assert report.findings == []


def test_the_report_lists_what_changed_since_the_last_publication(content_copy):
    # A figure the policy text does not state is checked by nothing else: the policy team's trial run made
    # the Ombudsman's investigation 200 working days and got "Ready to publish" without a word.
    replace_in(content_copy / "ombudsman.yaml", "{id: investigation, name: Investigation, working_days: 20,",
               "{id: investigation, name: Investigation, working_days: 200,")
    report = check.run_check(content_copy, datetime.date.fromisoformat(TODAY), browser=False)
    assert report.changes == ["The Ombudsman, investigation: this now takes 200 working days (was 20)."]
    text = report.text()
    assert (f"Changed since the last publication on {report.published.isoformat()} (the 'What changed' page will "
            "say so; check each is meant):\n  The Ombudsman, investigation: this now takes 200 working days "
            "(was 20).\n") in text
    assert not report.errors  # a review changes figures on purpose: listed, not an error
    unchanged = check.run_check(CONTENT, datetime.date.fromisoformat(TODAY), browser=False)
    assert unchanged.changes == [] and "Changed since" not in unchanged.text()


BAD_MARKUP = """
<p>Ring us <div class="callout">today</div> please.</p>

Some <b>bold <i>text</b></i> here.
"""


def test_invalid_html_in_a_page_is_placed_at_its_line(content_copy, tmp_path):
    """The Nu checker names the built page's line; the report names the line of the Markdown it came from
    (before, 0 unless the fault had an id or a link in it)."""
    page = content_copy / "pages/ombudsman.md"
    page.write_text(page.read_text(encoding="utf-8") + BAD_MARKUP, encoding="utf-8")
    assert run_build(content_copy, tmp_path / "site").returncode == 0
    report = Report(datetime.date.fromisoformat(TODAY))
    site.check_vnu(tmp_path / "site", site.Sources(load_content(content_copy)), report)
    assert [(f.file, f.line, f.message.split(": ", 1)[1]) for f in report.errors] == [
        ("content/pages/ombudsman.md", line_of(page, "Ring us"), "No “p” element in scope but a “p” end tag seen."),
        ("content/pages/ombudsman.md", line_of(page, "bold"), "End tag “b” violates nesting rules."),
        ("content/pages/ombudsman.md", line_of(page, "bold"), "No “i” element in scope but a “i” end tag seen."),
    ]
    assert "tags are closed in the wrong order" in report.errors[0].fix
