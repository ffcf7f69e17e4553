"""One source of truth: a figure changed in the YAML changes every table and
page that shows it, and the old figure is left only in the verbatim policy."""
from __future__ import annotations

import re

from bs4 import BeautifulSoup

from sitebuild import replace_in, run_build


def visible_text(html: str) -> str:
    """The page's words, as on a wide screen: without the column names a table shows in each cell on a phone."""
    soup = BeautifulSoup(html, "html.parser")
    for label in soup.select(".cell-label"):
        label.decompose()
    return " ".join(soup.get_text(" ").split())


# The site writes a figure in digits, or in words with the `words` filter ("twenty-five working days",
# hyphenated as the policy writes them); an editor may type either. These are the figures these tests
# change, in words.
IN_WORDS = {20: "twenty", 23: "twenty-three", 25: "twenty-five", 27: "twenty-seven", 65: "sixty-five"}


def figure(n: int) -> str:
    """A regular expression for ``n`` as a figure, in digits or in words ("twenty-five" or "twenty five")."""
    return rf"(?:\b{n}\b|\b{IN_WORDS[n].replace('-', '[- ]')}\b)"


def days(n: int, up_to: int | None = None) -> re.Pattern:
    """``n`` working days, or ``n`` to ``up_to`` working days, in digits or in words."""
    rest = rf"(?: to {figure(up_to)})?" if up_to else r"(?: to [\w-]+)?"
    return re.compile(rf"{figure(n)}{rest} working days", re.IGNORECASE)


# 12.2: the Stage 2 review's reply, in the places that show it, with {} for the figure
STAGE_2_REPLY = [
    ("timescales/index.html", "Stage 2: Service investigation review No set time We reply within {} working days 12.2"),
    ("timescales/index.html", "Stage 2 reply: {} working days"),
    ("what-happens-next/index.html", "We will reply within {} working days of getting your request"),
    ("send-iass/index.html", "We will reply within {} working days of getting your request"),
]


def test_changing_a_figure_changes_every_page(content_copy, tmp_path):
    # Stage 2 (service investigation review) reply: 20 working days (12.2) -> 23.
    replace_in(content_copy / "procedures/corporate.yaml", '    respond: {working_days: 20, section: "12.2"}',
               '    respond: {working_days: 23, section: "12.2"}')
    site = tmp_path / "site"
    result = run_build(content_copy, site)
    assert result.returncode == 0, result.stderr

    for page, sentence in STAGE_2_REPLY:
        words = visible_text((site / page).read_text(encoding="utf-8"))
        assert sentence.format(23) in words, page
        # and the old figure has gone from the same place, in digits or in words
        old = re.escape(sentence).replace(r"\{\}", figure(20))
        assert not re.search(old, words, re.IGNORECASE), f"{page} still says {sentence.format(20)!r}"
    rules = (site / "navigator/rules.json").read_text(encoding="utf-8")
    assert '"working_days":23,"section":"12.2"' in rules
    assert '"working_days":20,"section":"12.2"' not in rules


def test_the_old_figure_is_left_only_in_the_verbatim_policy(content_copy, tmp_path):
    """Children's stage 2 aim of 25 working days (App. 1 para 6b) -> 27. "25" may survive only in the policy text."""
    replace_in(content_copy / "procedures/children.yaml", "respond: {working_days: 25, up_to: 65,",
               "respond: {working_days: 27, up_to: 65,")
    site = tmp_path / "site"
    assert run_build(content_copy, site).returncode == 0

    pages_with_27 = set()
    for page in site.rglob("*.html"):
        relative = str(page.relative_to(site))
        words = visible_text(page.read_text(encoding="utf-8"))
        # "25" or "twenty-five" as a figure of days (not part of a date like 25 December or a phone number).
        if days(25).search(words):
            assert relative == "policy/index.html", \
                f"the old figure is still on {relative}: {days(25).search(words).group(0)!r}"
        if days(27, 65).search(words):
            pages_with_27.add(relative)
    assert {"childrens-social-care/index.html", "timescales/index.html",
            "navigator/children-social-care/index.html"} <= pages_with_27
    # The verbatim policy keeps its own words; its Appendix 3 table is from the data.
    policy = visible_text((site / "policy/index.html").read_text(encoding="utf-8"))
    assert "twenty-five working days" in policy
    assert "Stage 2 reply: aim for 27 working days (up to 65 if the investigation needs longer)" in policy


def test_the_working_days_example_follows_the_counting_convention(content_copy, tmp_path):
    """calendar.yaml's receipt setting changes the worked example (DOMAIN: counting working days)."""
    site = tmp_path / "site"
    assert run_build(content_copy, site).returncode == 0
    day0 = visible_text((site / "working-days/index.html").read_text(encoding="utf-8"))
    # Easter 2026: received Saturday 4 April; Monday 6 April is Easter Monday.
    assert "Working day 1 is Tuesday 7 April 2026." in day0
    assert "This is true whatever day it arrives, even if it is a weekend or a bank holiday." in day0

    replace_in(content_copy / "calendar.yaml", "receipt: day0", "receipt: next_working_day")
    assert run_build(content_copy, site).returncode == 0
    shifted = visible_text((site / "working-days/index.html").read_text(encoding="utf-8"))
    assert "Working day 1 is Wednesday 8 April 2026." in shifted
    # The rule in words changes with it: the page must not say one thing and count another.
    assert "whatever day it arrives" not in shifted
    assert ("If your complaint, letter or request arrives on a weekend, a bank holiday or a day the council is "
            "closed, we treat it as arriving on the next working day.") in shifted


def test_the_first_question_is_worded_once(monkeypatch, tmp_path):
    """The navigator page shows its first question before Python loads, and without JavaScript, in
    the words the navigator uses for it (navigator/flow.py): reword it there and the page follows."""
    import datetime

    from generator.build import build
    from navigator import flow
    from sitebuild import CONTENT

    monkeypatch.setitem(flow.TEXT, "service", ("What went wrong?", None, "Select what went wrong"))
    build(CONTENT, tmp_path / "site", datetime.date(2026, 11, 23), runtime=False)
    page = (tmp_path / "site" / "navigator" / "index.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(page, "html.parser")
    assert soup.select_one("#navigator-form .step-heading").get_text() == "What went wrong?"
    assert soup.select_one("#navigator-static h2").get_text() == "What went wrong?"
    assert "What is your complaint about?" not in page


def test_the_figures_in_words_are_the_sites_words():
    """The tests above look for the words the site's `words` filter writes."""
    from generator.shortcodes import number_in_words
    assert {n: number_in_words(n) for n in IN_WORDS} == IN_WORDS


def test_the_page_drops_the_same_stage_answers_as_python():
    """navigator.js drops a question's answers when you change it; for the stage question that list must
    be navigator/flow.py's (a detail missing from it, such as new_date, would outlive a changed stage)."""
    import json
    from pathlib import Path

    from navigator.flow import STAGE_DETAILS
    script = (Path(__file__).resolve().parents[2] / "generator/static/navigator.js").read_text(encoding="utf-8")
    keys = re.search(r"stage: (\[[^\]]*\])", script).group(1)
    assert json.loads(keys) == ["stage", *STAGE_DETAILS]
