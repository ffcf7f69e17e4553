"""`make check` (python -m generator check): the policy team's review report."""
from __future__ import annotations

import datetime
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import TODAY, line_of
from sitebuild import replace_in
from sitebuild import CONTENT, REPO, run_build

from generator.check import run_check
from generator.check.consistency import find_timescales, number_value
from generator.content import load_content


def check_cli(content: Path, tmp_path: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator", "check", "--content", str(content), "--today", TODAY,
                           "--report", str(tmp_path / "review"), *extra],
                          cwd=REPO, capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="session")
def problem_report(problem_tree):
    return run_check(problem_tree, datetime.date.fromisoformat(TODAY))


@pytest.fixture(scope="session")
def real_report():
    return run_check(CONTENT, datetime.date.fromisoformat(TODAY))


def test_one_line_for_each_problem(problem_tree, problem_report):
    c = problem_tree
    index = c / "pages/index.md"
    open_notes = [n["id"] for n in yaml.safe_load((c / "review_notes.yaml").read_text(encoding="utf-8"))
                  if n["status"] == "open"]
    assert "GH6" in open_notes and len(open_notes) > 1
    expected = [
        f"content/policy/policy.md:{line_of(c / 'policy/policy.md', 'twelve working days')}: error: the policy says "
        f"\"twelve working days\" (section 11.2) but content/procedures/corporate.yaml:"
        f"{line_of(c / 'procedures/corporate.yaml', 'respond: {working_days: 10')} says 10 working days "
        f"(stages.stage1.respond).",
        f"content/policy/policy.md:{line_of(c / 'policy/policy.md', 'within 28 days')}: error: a timescale in the "
        f"policy that the data does not know: \"28 days\" (section 17.7).",
        f"content/policy_timescales.yaml:{line_of(c / 'policy_timescales.yaml', '16.1')}: error: section 16.1 of the "
        f"policy no longer says \"five working days\": it has 0 timescales, this table lists 1.",
        f"content/discrepancies.yaml:{line_of(c / 'discrepancies.yaml', 'value: 4')}: warning: this explained "
        f"discrepancy is out of date: it records 4 for procedures/children.yaml stages.stage1.acknowledge, but "
        f"content/procedures/children.yaml:{line_of(c / 'procedures/children.yaml', 'acknowledge: {working_days: 3')} "
        f"now says 3 working days.",
        "content/policy.yaml:10: warning: the policy's review was due on 2025-01-31 and has passed "
        "(section 20.1: reviewed every 12 months).",
        # one line for every open note, at the first (the notes listed at the end say what each is)
        f"content/review_notes.yaml:{line_of(c / 'review_notes.yaml', 'status: open')}: warning: "
        f"{len(open_notes)} reviewer notes are still open: {', '.join(open_notes)} (listed at the end of this report).",
        "content/pages/privacy.md:5: warning: this page was last reviewed on 2025-06-30, over a year ago.",
        f"content/review_notes.yaml:{line_of(c / 'review_notes.yaml', 'Reword for clarity')}: error: the text of "
        f"reviewer note GH6 appears on the published page index.html.",
        f"content/pages/index.md:{line_of(index, 'section-99')}: error: the link \"Read section 99 of the policy\" "
        f"(policy/#section-99) on index.html goes to #section-99, which is not on policy/index.html.",
        f"content/pages/index.md:{line_of(index, 'http:/www')}: error: the link \"Our old page\" (http:/www.example) "
        f"on index.html is not a well-formed web address.",
        f"content/pages/index.md:{line_of(index, 'utilise')}: warning: \"utilise\" is on the list of words to avoid.",
        f"content/pages/index.md:{line_of(index, 'If you are not happy with the way')}: warning: a long sentence "
        f"(36 words): \"If you are not happy with ...\".",
        "content/pages/withdrawing-a-complaint.md:6: warning: the page reads at grade 2.2; its budget is 1 "
        "(Flesch-Kincaid).",
        "content/calendar.yaml:16: warning: the bank holiday data ends on 2028-12-31, less than 5 years from today: "
        "the navigator cannot count working days after that.",
        "content/calendar.yaml:22: warning: the closure day 2027-01-02 is a Saturday, so it is not a working day anyway.",
        "content/calendar.yaml:23: warning: the closure day 2026-12-25 is a bank holiday (Christmas Day), so it is "
        "not a working day anyway.",
        # the Nu HTML Checker and axe-core
        f"content/pages/index.md:{line_of(index, 'twice')}: error: not valid HTML on index.html line "
        f"{problem_line(problem_report, 'Duplicate ID')}: Duplicate ID “twice”.",
        f"content/pages/index.md:{line_of(index, '[](how-to-complain.md)')}: error: accessibility (link-name) on "
        f"index.html: Links must have discernible text. Element: <a href=\"how-to-complain/\"></a>",
        f"content/pages/index.md:{line_of(index, 'Recommendations')}: error: reflow on index.html: 320 pixels "
        f"wide (a small phone, or 400% zoom), the page scrolls sideways by "
        f"{reflow_over(problem_report)} pixels. Widest element: <table><tbody><tr><td>Acknowledgement</td><td>Investigation"
        f"</td><td>Responsibilities</td><td>Recommendations</td></tr></",
    ]
    lines = [str(f) for f in problem_report.findings]
    for line in expected:
        assert line in lines, f"missing: {line}\n" + "\n".join(lines)
    text = problem_report.text()
    for line in expected:
        assert line in text
    assert "Fix: Make them agree" in text and "Fix: Split it into sentences" in text


def reflow_over(report) -> str:
    message = next(f.message for f in report.findings if f.message.startswith("reflow"))
    over = message.split("scrolls sideways by ")[1].split(" ")[0]
    assert int(over) > 100
    return over


def problem_line(report, needle):
    message = next(f.message for f in report.findings if needle in f.message)
    return message.split(" line ")[1].split(":")[0]


def test_fixture_has_nothing_unexpected(problem_report):
    """Every error in the fixture report is one the fixture planted."""
    planted = ["twelve working days", "28 days", "16.1", "GH6", "section-99", "http:/www.example", "twice",
               "link-name", "Recommendations"]
    for f in problem_report.errors:
        assert any(p in f.message for p in planted), str(f)


def test_real_content_passes(real_report, tmp_path):
    assert real_report.errors == [], "\n".join(map(str, real_report.errors))
    assert not real_report.skipped, real_report.skipped
    assert real_report.built_pages > 30
    ids = {d.id for d in real_report.discrepancies}
    assert {"children-stage1-acknowledge", "children-stage2-respond-range", "children-stage3-panel-and-response",
            "policy-draft", "policy-review-overdue"} <= ids
    assert {f"GH{i}" for i in range(1, 26)} <= {n.id for n in real_report.notes}
    text = real_report.text()
    assert "content/policy.yaml:10: warning: the policy's review was due on 2025-01-31" in text
    assert "GH4   open  (3.1)" in text and "GH1   done  (2.1)" in text
    assert "children-stage2-respond-range [open]" in text
    html = real_report.html()
    assert "Reviewer notes" in html and "Known discrepancies" in html and "Readability" in html


def test_cli_exit_codes_and_html_report(tmp_path):
    result = check_cli(CONTENT, tmp_path, "--no-browser")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.rstrip().endswith("No errors in what was checked; read the warnings above. Before you "
                                           "publish, run the check again without --no-browser.")
    report = tmp_path / "review" / "index.html"
    assert report.is_file() and "<h1>Review of the complaints guidance content</h1>" in report.read_text()
    strict = check_cli(CONTENT, tmp_path, "--no-browser", "--strict")
    assert strict.returncode == 1 and "Not ready to publish (--strict)" in strict.stdout


def test_changed_policy_figure_without_data_fails(content_copy, tmp_path):
    policy = content_copy / "policy/policy.md"
    replace_in(policy, "within twenty-five working days", "within twenty-seven working days")
    result = check_cli(content_copy, tmp_path, "--no-browser")
    assert result.returncode == 1
    line = line_of(policy, "twenty-seven")
    assert (f"content/policy/policy.md:{line}: error: the policy says \"twenty-seven working days\" "
            f"(section App. 1 para 6b) but content/procedures/children.yaml:"
            f"{line_of(content_copy / 'procedures/children.yaml', 'respond: {working_days: 25')} says 25 working days "
            f"(stages.stage2.respond).") in result.stdout
    # ... and with the matching change to the data it passes, and the change is published
    replace_in(content_copy / "procedures/children.yaml", "respond: {working_days: 25,", "respond: {working_days: 27,")
    assert check_cli(content_copy, tmp_path, "--no-browser").returncode == 0
    site = tmp_path / "site"
    assert run_build(content_copy, site).returncode == 0
    page = (site / "what-changed/index.html").read_text()
    assert ("Children's social care, stage 2: we now aim to reply within 27 working days, up to 65 (was 25)."
            in page.replace("&#39;", "'"))
    assert "Since the version published on 23 November 2026" in page


def test_a_file_the_build_does_not_read_is_named(content_copy, tmp_path):
    """A page saved as .markdown, in a folder of its own, or at the top of content/ is not published."""
    page = (content_copy / "pages/privacy.md").read_text(encoding="utf-8")
    (content_copy / "pages/new-page.markdown").write_text(page, encoding="utf-8")
    (content_copy / "pages/old").mkdir()
    (content_copy / "pages/old/privacy.md").write_text(page, encoding="utf-8")
    (content_copy / "privacy.md").write_text(page, encoding="utf-8")
    (content_copy / "pages/.privacy.md.swp").write_text("editor", encoding="utf-8")  # an editor's: left alone
    result = check_cli(content_copy, tmp_path, "--no-browser")
    unread = [line.strip() for line in result.stdout.splitlines() if "the build does not read this file" in line]
    assert unread == [f"content/{name}:0: warning: the build does not read this file, so nothing in it is published."
                      for name in ("pages/new-page.markdown", "pages/old/privacy.md", "privacy.md")]


def test_a_review_date_after_today_is_an_error(content_copy, tmp_path):
    """The page shows "Page last reviewed ...": 2062 for 2026 is a slip a resident would see."""
    page = content_copy / "pages/privacy.md"
    replace_in(page, "last_reviewed: 2026-11-23", "last_reviewed: 2062-11-23")
    result = check_cli(content_copy, tmp_path, "--no-browser")
    assert result.returncode == 1
    assert (f"content/pages/privacy.md:{line_of(page, 'last_reviewed')}: error: last_reviewed is 2062-11-23, after "
            "today: the page shows it.") in result.stdout


def test_a_figure_in_brackets_after_the_words_is_one_timescale(content_copy, tmp_path):
    """Councils often write "ten (10) working days": one timescale (11.2), not none."""
    policy = content_copy / "policy/policy.md"
    replace_in(policy, "will respond within ten working days", "will respond within ten (10) working days")
    assert check_cli(content_copy, tmp_path, "--no-browser").returncode == 0
    replace_in(policy, "ten (10) working days", "ten (12) working days")
    result = check_cli(content_copy, tmp_path, "--no-browser")
    assert result.returncode == 1
    assert (f"content/policy/policy.md:{line_of(policy, 'ten (12)')}: error: the policy says \"ten (12) working "
            "days\" (section 11.2): the words and the figure in brackets are not the same number.") in result.stdout


def test_schema_errors_all_at_once(content_copy, tmp_path):
    replace_in(content_copy / "procedures/corporate.yaml", "    if_late: If we cannot", "    if_lat: If we cannot")
    replace_in(content_copy / "services.yaml", "  contact: send_iass\n", "  contact: send_ias\n")
    build = run_build(content_copy, tmp_path / "site")
    errors = [line for line in build.stderr.splitlines() if line.startswith("content/")]
    assert len(errors) == 2
    result = check_cli(content_copy, tmp_path, "--no-browser")
    assert result.returncode == 1
    for line in errors:
        file_line, message = line.split(": ", 1)
        assert f"{file_line}: error: {message}" in result.stdout


def test_every_policy_timescale_is_found():
    found = find_timescales(load_content(CONTENT))
    says = [(f.section, f.says) for f in found]
    assert ("App. 1 para 6b", "twenty-five working days") in says
    assert ("App. 1 para 6b", "3 days") in says and ("13.1", "12 months") in says
    assert [number_value(w) for w in ["ten", "twenty-five", "sixty five", "30", "fifteen"]] == [10, 25, 65, 30, 15]


def test_report_is_never_in_site(tmp_path):
    """`make check` runs `python -m generator check` with no --report, from the top of the checkout: the
    HTML report goes to build/review/ (the Makefile and README say so), never into site/, which
    `make site` builds and which is published. Run as make does, in a folder standing for a checkout
    that has a built site/, so that it works on a clean clone too."""
    checkout = tmp_path / "checkout"
    published = checkout / "site" / "index.html"
    published.parent.mkdir(parents=True)
    published.write_text("the published site", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "generator", "check", "--content", str(CONTENT), "--today", TODAY,
                             "--no-browser"], cwd=checkout, env={**os.environ, "PYTHONPATH": str(REPO)},
                            capture_output=True, text=True, timeout=300)
    # the real content has no errors, and a check left out on request does not fail the run
    assert result.returncode == 0, result.stdout + result.stderr
    written = {str(p.relative_to(checkout)) for p in checkout.rglob("*") if p.is_file()}
    assert written == {"site/index.html", "build/review/index.html"}
    report = checkout / "build" / "review" / "index.html"
    assert "<h1>Review of the complaints guidance content</h1>" in report.read_text(encoding="utf-8")
    assert published.read_text(encoding="utf-8") == "the published site"


def test_no_review_note_is_published(built_site):
    notes = load_content(CONTENT).review_notes
    text = " ".join(p.read_text(encoding="utf-8") for p in built_site.rglob("*.html"))
    for note in notes:
        assert note.text not in text, note.id


def test_what_is_for_the_policy_team_stays_out_of_the_navigators_data(built_site):
    """rules.json is published too: no reviewer note (by its text or its id), no internal source
    (a contact's source once quoted reviewer note GH14) and no mention of the team's DOMAIN notes."""
    import re
    content = load_content(CONTENT)
    published = (built_site / "navigator" / "rules.json").read_text(encoding="utf-8")
    for note in content.review_notes:
        assert note.text not in published, note.id
        assert not re.search(rf"\b{note.id}\b", published), note.id
    assert '"source"' not in published  # contacts', services' and the calendar's
    assert "DOMAIN" not in published


@pytest.mark.parametrize("link, message", [
    ("/complaints-guidance/no-such-page/", 'the link "Old page" (/complaints-guidance/no-such-page/) on 404.html '
     "goes to a page that does not exist."),
    ("/no-such-page/", 'the link "Old page" (/no-such-page/) on 404.html does not start with /complaints-guidance/, '
     "the path of the address the site is published at (base_url in content/site.yaml)."),
    ("no-such-page/", 'the link "Old page" (no-such-page/) on 404.html does not start with /complaints-guidance/, '
     "the path of the address the site is published at (base_url in content/site.yaml)."),
])
def test_the_404_pages_links_are_checked_under_the_published_path(built_site, tmp_path, link, message):
    """The 404 page links by absolute path under base_url's (generator/pages.py NOT_FOUND); the check
    follows them there, and a relative link on it, which breaks at any depth, is an error."""
    import shutil
    from generator.check.report import Report
    from generator.check.site import Sources, check_links
    site = shutil.copytree(built_site, tmp_path / "site")
    not_found = site / "404.html"
    not_found.write_text(not_found.read_text().replace("</main>", f'<a href="{link}">Old page</a></main>'))
    report = Report(datetime.date.fromisoformat(TODAY))
    check_links(site, Sources(load_content(CONTENT)), report)
    assert [str(f) for f in report.findings] == [f"site/404.html:0: error: {message}"]
