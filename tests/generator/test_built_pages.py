"""The built site: every page parses, has its landmarks, one h1, headings in
order, tables with captions and header scope, and every internal link and
anchor resolves (issue 2, "Accessible pages" and "Tests")."""
from __future__ import annotations

import copy
import datetime
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

from sitebuild import BUILD_DATE, CONTENT


def html_pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if "pyodide" not in p.parts)


@pytest.fixture(scope="module")
def soups(built_site):
    return {str(p.relative_to(built_site)): BeautifulSoup(p.read_text(encoding="utf-8"), "html.parser")
            for p in html_pages(built_site)}


def test_every_guidance_page_is_built(built_site):
    for md in (CONTENT / "pages").glob("*.md"):
        out = "index.html" if md.stem == "index" else f"{md.stem}/index.html"
        assert (built_site / out).is_file(), out
    for generated in ["policy/index.html", "timescales/index.html", "404.html", "sitemap.xml",
                      "navigator/index.html", "navigator/rules.json"]:
        assert (built_site / generated).is_file(), generated


class StrictParser(HTMLParser):
    """Fails on unbalanced tags, which html.parser would otherwise forgive.

    The only end tags that may be missing are those HTML lets an author leave out, where it lets them
    (HTML Living Standard, "Optional tags"): a <p> ends when a block starts, an <li>, <dt>, <dd>,
    <option>, <tr>, <td> or <th> when its next sibling starts or its parent ends, and <html>, <head>
    and <body> may be left open at the end. Every other element must be closed, and nothing closed
    that is not open.
    """

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
    P_ENDED_BY = {"address", "article", "aside", "blockquote", "details", "dialog", "div", "dl", "fieldset",
                  "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup",
                  "hr", "main", "menu", "nav", "ol", "p", "pre", "search", "section", "table", "ul"}
    ENDED_BY_SIBLING = {"li": {"li"}, "dt": {"dt", "dd"}, "dd": {"dt", "dd"}, "option": {"option", "optgroup"},
                        "tr": {"tr"}, "td": {"td", "th", "tr"}, "th": {"td", "th", "tr"}}
    ENDED_BY_PARENT = {"p", "li", "dt", "dd", "option", "tr", "td", "th"}
    OPEN_AT_END = {"html", "head", "body"}

    def __init__(self):
        super().__init__()
        self.stack: list[str] = []
        self.problems: list[str] = []

    def handle_starttag(self, tag, attrs):
        while self.stack and (tag in self.ENDED_BY_SIBLING.get(self.stack[-1], ())
                              or (self.stack[-1] == "p" and tag in self.P_ENDED_BY)):
            self.stack.pop()
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if tag in self.VOID:
            return
        if tag in self.stack:  # the parent ends: so do its children that may be left open
            while self.stack[-1] != tag and self.stack[-1] in self.ENDED_BY_PARENT:
                self.stack.pop()
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> closes <{self.stack[-1] if self.stack else 'nothing'}> at {self.getpos()}")
        else:
            self.stack.pop()

    def close(self):
        super().close()
        left = [t for t in self.stack if t not in self.OPEN_AT_END | self.ENDED_BY_PARENT]
        if left:
            self.problems.append(f"never closed: {', '.join(f'<{t}>' for t in left)}")


@pytest.mark.parametrize("html,problems", [
    ("<ul><li>one<li>two</ul><p>a<div>b</div><dl><dt>t<dd>d</dl>", []),
    ("<table><tr><td>1<td>2<tr><td>3</table>", []),
    ("<html><body><p>the end", []),
    ("<p>one</p></p>", ["</p> closes <nothing> at (1, 10)"]),
    ("<ul><li><span>one</li></ul>", ["</li> closes <span> at (1, 17)", "</ul> closes <span> at (1, 22)",
                                     "never closed: <ul>, <span>"]),
    ("<main><div>never closed", ["never closed: <main>, <div>"]),
])
def test_the_strict_parser(html, problems):
    parser = StrictParser()
    parser.feed(html)
    parser.close()
    assert parser.problems == problems


def test_pages_parse_with_balanced_tags(built_site):
    for page in html_pages(built_site):
        parser = StrictParser()
        parser.feed(page.read_text(encoding="utf-8"))
        parser.close()
        assert not parser.problems, f"{page}: {parser.problems[:3]}"


def test_landmarks_language_skip_link_and_one_h1(soups):
    for name, soup in soups.items():
        assert soup.html["lang"] == "en-GB", name
        assert soup.title and soup.title.get_text(strip=True), name
        assert len(soup.find_all("main")) == 1, name
        assert soup.find("header") and soup.find("footer"), name
        skip = soup.find("a", class_="skip-link")
        assert skip and skip["href"] == "#main" and soup.find(id="main").name == "main", name
        # One h1 on screen: the navigator keeps each step's heading in a hidden container until it is shown.
        visible_h1 = [h for h in soup.find_all("h1") if not h.find_parent(attrs={"hidden": True})]
        assert len(visible_h1) == 1, name
        assert soup.find("meta", attrs={"name": "viewport"}), name


def test_titles_are_unique(soups):
    titles = {}
    for name, soup in soups.items():
        title = soup.title.get_text(strip=True)
        assert title not in titles, f"{name} and {titles.get(title)} share the title {title!r}"
        titles[title] = name


def test_headings_go_down_one_level_at_a_time(soups):
    for name, soup in soups.items():
        levels = [int(h.name[1]) for h in soup.find_all(["h1", "h2", "h3", "h4", "h5", "h6"])]
        # The footer's visually hidden h2 comes after the main content: check main, then the footer.
        main_levels = [int(h.name[1]) for h in soup.find("main").find_all(["h1", "h2", "h3", "h4", "h5", "h6"])]
        assert main_levels[0] == 1, name
        for before, after in zip(main_levels, main_levels[1:]):
            assert after <= before + 1, f"{name}: h{before} is followed by h{after}"
        assert levels[0] == 1, name


def test_tables_have_captions_and_header_scope(soups):
    tables = 0
    for name, soup in soups.items():
        for table in soup.find_all("table"):
            tables += 1
            # A table written in Markdown has no caption; its region is named after the heading above it.
            named = table.caption.get_text(strip=True) if table.caption else table.parent.get("aria-label")
            assert named, name
            for th in table.find_all("th"):
                assert th.get("scope") in ("col", "row"), f"{name}: {th}"
    assert tables >= 10


def test_long_pages_have_an_on_this_page_list(soups):
    for name in ["what-happens-next/index.html", "policy/index.html", "timescales/index.html"]:
        nav = soups[name].find("nav", attrs={"aria-labelledby": "contents-title"})
        assert nav and len(nav.find_all("a")) >= 3, name


def test_breadcrumbs_and_footer(soups):
    from generator.content import load_content
    from generator.shortcodes import gov_date
    policy = load_content(CONTENT, pages=False).policy
    for name, soup in soups.items():
        footer = " ".join(soup.find("footer").get_text(" ").split())
        assert f"version {policy.version}" in footer, name
        # Built on 23 November 2026, after the review fell due (20.1: annual; the policy is of January 2024)
        assert f"Its review was due by {gov_date(policy.review.due)}." in footer, name
        if name not in ("index.html", "404.html"):
            crumbs = soup.find("nav", attrs={"aria-label": "Breadcrumb"})
            assert crumbs and crumbs.find("a").get_text() == "Home", name
    deep = soups["navigator/council-service/index.html"].find("nav", attrs={"aria-label": "Breadcrumb"})
    assert [a.get_text() for a in deep.find_all("a")] == ["Home", "Check which complaints procedure applies"]


def test_no_request_to_another_site(soups):
    """Styles, scripts, images and fonts all come from the site itself."""
    for name, soup in soups.items():
        for tag, attr in [("link", "href"), ("script", "src"), ("img", "src"), ("iframe", "src"), ("source", "src")]:
            for element in soup.find_all(tag):
                value = element.get(attr)
                if value:
                    assert not urlsplit(value).scheme and not value.startswith("//"), f"{name}: {element}"
        assert not soup.find("style") and not soup.find(attrs={"style": True}), name


def test_every_internal_link_and_anchor_resolves(built_site, soups):
    """The link check `make check` runs (generator/check/site.py; its own tests plant broken links), on the real site."""
    from generator.check.report import Report
    from generator.check.site import Sources, check_links
    from generator.content import load_content

    report = Report(today=datetime.date.fromisoformat(BUILD_DATE))
    check_links(built_site, Sources(load_content(CONTENT)), report)
    assert [(f.file, f.line, f.message) for f in report.errors] == []
    internal = [a for soup in soups.values() for a in soup.find_all("a", href=True)
                if not urlsplit(a["href"]).scheme and not a["href"].startswith("//")]
    assert len(internal) > 200


def test_sitemap_lists_every_page(built_site):
    tree = ET.parse(built_site / "sitemap.xml")
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locations = [loc.text for loc in tree.getroot().findall("s:url/s:loc", ns)]
    assert len(locations) == len(set(locations)) >= 20
    assert all(loc.startswith("https://") for loc in locations)
    assert any(loc.endswith("/what-is-a-complaint/") for loc in locations)


def test_wide_tables_scroll_in_a_region_a_keyboard_can_reach(soups):
    """At 320 px a table may scroll sideways (WCAG 1.4.10 allows it for data tables), so its
    scrolling region must take focus and have a name (2.1.1). A table shown row by row on a phone
    (.table-stack) never scrolls, and is still a table for screen readers (tests/browser/test_reflow.py)."""
    for name, soup in soups.items():
        for table in soup.find_all("table"):
            if "table-stack" in table.get("class", []):
                assert table.find_parent("div", class_="table-scroll") is None, name  # a tab stop for nothing
                continue
            region = table.find_parent("div", class_="table-scroll")
            assert region is not None, f"{name}: {table.caption}"
            assert region.get("tabindex") == "0" and region.get("role") == "region", name
            if table.caption:
                assert region.get("aria-label") == table.caption.get_text(" ", strip=True), name
            else:
                assert region.get("aria-label", "").startswith("Table"), name


def test_a_table_written_in_markdown_scrolls_in_a_region_named_after_its_heading(content_copy, tmp_path):
    """A table the policy team writes in Markdown gets what the generated tables have (WCAG 1.4.10, 2.1.1)."""
    from sitebuild import run_build
    page = content_copy / "pages" / "ombudsman.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n## Fees and costs\n\n| Step | Cost |\n|---|---|\n"
                    "| Asking the Ombudsman | Free |\n\n| Step | Time |\n|---|---|\n| Reply | 12 weeks |\n",
                    encoding="utf-8")
    site = tmp_path / "site"
    assert run_build(content_copy, site).returncode == 0
    soup = BeautifulSoup((site / "ombudsman" / "index.html").read_text(encoding="utf-8"), "html.parser")
    written = soup.find_all("table")[-2:]  # the page's own table comes first
    regions = [table.parent for table in written]
    assert [(r.name, r.get("class"), r.get("role"), r.get("tabindex"), r.get("aria-label")) for r in regions] == [
        ("div", ["table-scroll"], "region", "0", "Table: Fees and costs"),
        ("div", ["table-scroll"], "region", "0", "Table: Fees and costs (2)")]
    assert [th.get("scope") for table in written for th in table.find_all("th")] == ["col"] * 4
    assert all(table.get("class") == ["table"] for table in written)


def test_the_content_security_policy_allows_only_the_site_itself(soups):
    """Issue 4: only the site's own origin, plus 'wasm-unsafe-eval' for Pyodide; no inline script."""
    for name, soup in soups.items():
        policy = soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]
        directives = dict(d.strip().split(" ", 1) for d in policy.split(";") if d.strip())
        for directive, sources in directives.items():
            allowed = {"'self'", "'none'"} | ({"'wasm-unsafe-eval'"} if directive == "script-src" else set())
            assert set(sources.split()) <= allowed, f"{name}: {directive} {sources}"
        assert "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy
        assert directives["script-src"] == "'self' 'wasm-unsafe-eval'"
        assert not soup.find("script", src=False) or all(
            s.get("type") == "application/json" for s in soup.find_all("script", src=False)), name


def test_the_404_page_links_under_the_published_address(content_copy, tmp_path):
    """It is served at any missing address, at any depth, so it cannot link relatively: every link and
    file on it is an absolute path under base_url's (generator/pages.py NOT_FOUND). Moving the site moves them."""
    from sitebuild import replace_in, run_build
    replace_in(content_copy / "site.yaml", "base_url: https://www.coventry.gov.uk/complaints-guidance/",
               "base_url: https://www.example.gov.uk/help/complaints/")
    site = tmp_path / "site"
    assert run_build(content_copy, site).returncode == 0
    soup = BeautifulSoup((site / "404.html").read_text(encoding="utf-8"), "html.parser")
    addresses = [el.get("href") or el.get("src") for el in soup.find_all(["a", "link", "script"])]
    assert addresses == ["/help/complaints/assets/site.css", "/help/complaints/assets/favicon.svg", "#main",
                         "/help/complaints/", "/help/complaints/", "tel:0800269851", "/help/complaints/accessibility/",
                         "/help/complaints/privacy/", "/help/complaints/policy/", "/help/complaints/timescales/",
                         "/help/complaints/what-changed/", "/help/complaints/assets/offline.js"]
    other = BeautifulSoup((site / "how-to-complain/index.html").read_text(encoding="utf-8"), "html.parser")
    assert other.find("link", rel="stylesheet")["href"] == "../assets/site.css"  # the other pages stay relative


def test_the_footer_gives_the_next_review_date_until_it_has_passed(tmp_path):
    import datetime
    from generator.build import build
    from generator.content import load_content
    from generator.shortcodes import gov_date
    due = load_content(CONTENT, pages=False).policy.review.due
    for day, words in ((due, f"Next review due {gov_date(due)}."),
                       (due + datetime.timedelta(days=1), f"Its review was due by {gov_date(due)}.")):
        site = tmp_path / day.isoformat()
        build(CONTENT, site, day, runtime=False)
        footer = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser").find("footer")
        assert words in " ".join(footer.get_text(" ").split()), day


def test_only_procedures_with_a_next_stage_give_a_time_to_ask_for_it(soups):
    """12.4's 20 working days are for asking for the next stage; adults' social care has one formal
    stage, then the Service Recovery Team (App. 2 para 7-8), so its table has no such row."""
    tables = {table.caption.get_text(): table for table in soups["timescales/index.html"].find_all("table")
              if table.caption}
    asks = {caption.split(":")[0]: any(th.get_text() == "Asking for the next stage" for th in table.find_all("th"))
            for caption, table in tables.items() if caption.endswith("timescales in working days")}
    assert asks == {"Corporate complaints procedure": True, "Adults' social care complaints procedure": False,
                    "Children's social care complaints procedure": True}


@pytest.mark.parametrize("procedure, starts", [
    ("corporate", "(complaints policy section 9.1). The 12 months count from when the problem happened."),  # 9.1
    # 9.1 sets the months; the later start comes from the social care complaints rules, which the sentence
    # names (review: read after "section 9.1", it seemed to say 9.1 counts from when you found out)
    ("adults", "(complaints policy section 9.1). Under the social care complaints rules, the 12 months count from "
               "when the problem happened or, if later, when you found out about it"),
    ("children", "(complaints policy section 9.1). Under the social care complaints rules, the 12 months count "
                 "from when the problem happened or, if later, when you found out about it"),
])
def test_the_timescales_page_says_when_each_time_limit_starts(soups, procedure, starts):
    heading = soups["timescales/index.html"].find("h2", id=procedure)
    limit = next(p for p in heading.find_all_next("p") if "months to complain" in p.get_text())
    assert starts in " ".join(limit.get_text().split())


def test_appendix_4_sends_adults_to_the_service_recovery_team_before_the_ombudsman(soups):
    # App. 2 para 8: after the one formal stage, further concerns go to the Service Recovery Team.
    heading = next(h for h in soups["policy/index.html"].find_all("h3")
                   if h.get_text() == "Adults' social care complaints procedure")
    steps = [" ".join(li.get_text().split()) for li in heading.find_next("ol").find_all("li")]
    assert "Service Recovery Team" in steps[-2] and "Ombudsman" in steps[-1]


def test_the_appendix_3_summary_says_which_replies_are_aims(soups):
    """As the procedure tables do: adults' stage 1 (App. 2 para 7) and children's stage 2 (App. 1 6b)
    are aims; the corporate replies (11.2, 12.2) are not."""
    table = next(t for t in soups["policy/index.html"].find_all("table")
                 if t.caption and t.caption.get_text().startswith("Appendix 3"))
    columns = [th.get_text() for th in table.thead.find_all("th")][1:]
    timescales = next(tr for tr in table.tbody.find_all("tr") if tr.th.get_text() == "Timescales")
    replies = {column: [" ".join(li.get_text().split()) for li in td.find_all("li") if " reply:" in li.get_text()]
               for column, td in zip(columns, timescales.find_all("td"))}
    assert replies["Corporate complaints procedure"] == ["Stage 1 reply: 10 working days", "Stage 2 reply: 20 working days"]
    assert replies["Adults' social care complaints procedure"] == ["Stage 1 reply: aim for 20 working days"]
    assert replies["Children's social care complaints procedure"] == [
        "Stage 1 reply: 10 working days (up to 20 if the complaint is complex)",
        "Stage 2 reply: aim for 25 working days (up to 65 if the investigation needs longer)",
        "Stage 3 reply: 15 working days after the panel"]


@pytest.mark.parametrize("page", ["send-iass/index.html", "broad-park-house/index.html"])
def test_pages_whose_first_step_is_someone_elses_show_the_formal_stages_only(soups, page):
    # SEND IASS (page 001) and Broad Park House (page 000) have their own informal first step, so the
    # Resident Experience team's informal aim (10.1) is not theirs.
    [table] = [t for t in soups[page].find_all("table") if "timescales" in t.caption.get_text()]
    assert table.caption.get_text() == "Corporate complaints procedure: timescales of the formal stages, in working days"
    assert [th.get_text() for th in table.find_all("th", scope="row")][0].startswith("Stage 1")
    full = [t for t in soups["timescales/index.html"].find_all("table")
            if t.caption.get_text() == "Corporate complaints procedure: timescales in working days"]
    assert full[0].find("th", scope="row").get_text() == "Informal resolution"


def test_a_range_with_no_condition_stays_a_range(soups):
    # App. 3, the Ombudsman's steps as the council summarises them: "1-3" is a range, not an aim of 1.
    text = " ".join(soups["timescales/index.html"].get_text(" ").split())
    assert "Enquiry and assessment 1 to 3 working days" in text
    assert "Draft decision 5 to 10 working days" in text
    assert "25 working days (up to 65 if the investigation needs longer)" in text  # an aim and a longest time


def test_a_web_server_running_as_another_user_can_read_the_whole_site(built_site):
    # The build writes some files through mkstemp/mkdtemp, which make them private.
    for path in [built_site, *built_site.rglob("*")]:
        need = 0o555 if path.is_dir() else 0o444
        assert path.stat().st_mode & need == need, f"{path.relative_to(built_site)} is not readable by others"


def cell_text(td) -> str:
    """A cell's words without the column name shown in front of it on a phone (.cell-label)."""
    td = copy.copy(td)
    for label in td.select(".cell-label"):
        label.decompose()
    return td.get_text(" ", strip=True)


def test_timescale_tables_say_each_step_in_a_whole_sentence_and_cite_each_section_once(soups):
    tables = {table.caption.get_text(): table for table in soups["timescales/index.html"].find_all("table")
              if table.caption}
    children = next(t for caption, t in tables.items() if caption.startswith("Children"))
    rows = {tr.th.get_text(" ", strip=True): [cell_text(td) for td in tr.find_all("td")]
            for tr in children.tbody.find_all("tr")}
    # App. 1 para 6a gives both stage 1 figures; App. 3 the 10 to 20 (App. 1 para 6c and App. 3, the panel)
    assert rows["Stage 1: Local resolution"][1:] == [
        "We reply within 10 working days (up to 20 if the complaint is complex)", "App. 1 para 6a; App. 3"]
    # App. 3's 30 days count from the request; the 15 from the panel (App. 1 para 6c)
    assert rows["Stage 3: Review panel"][1:] == [
        "The panel meets within 30 working days of your request. We reply within 15 working days of the panel's findings",
        "App. 1 para 6c; App. 3"]
    # App. 1 para 6b: "The aim is to respond ... within twenty-five working days, but they can take up to sixty-five"
    assert rows["Stage 2: Investigation"][1] == \
        "We aim to reply within 25 working days (up to 65 if the investigation needs longer)"
    # 12.4: "Ordinarily ... twenty working days"
    assert rows["Asking for the next stage"][1:] == [
        "You ask within 20 working days of our reply. If you need longer, tell us why", "12.4"]
    # App. 2 para 7: "the aim is to provide a response within twenty working days"; para 8 repeats both figures
    adults = next(t for caption, t in tables.items() if caption.startswith("Adults"))
    assert [cell_text(td) for td in adults.tbody.find("tr").find_all("td")] == [
        "3 working days", "We aim to reply within 20 working days", "App. 2 para 7-8"]
    corporate = next(t for caption, t in tables.items() if caption.startswith("Corporate"))
    informal = corporate.tbody.find("tr")
    assert [cell_text(td) for td in informal.find_all("td")] == [
        "No set time", "We aim to sort it out within 3 working days", "10.1"]  # 10.1: "will try"
    for table in tables.values():
        for tr in table.find_all("tr"):
            cells = tr.find_all("td")
            if cells:
                cited = cells[-1].get_text(strip=True).split("; ")
                assert len(cited) == len(set(cited)), cited


def test_the_pages_without_javascript_say_what_to_do_if_the_response_is_late_or_you_are_still_unhappy(soups):
    """These are also the fallback when Python cannot run: they must not stop at the last stage."""
    from generator.content import load_content
    ombudsman = load_content(CONTENT, pages=False).ombudsman
    for name in ("council-service", "adults-social-care", "children-social-care", "send-iass", "social-care-unsure"):
        text = " ".join(soups[f"navigator/{name}/index.html"].find("main").get_text(" ").split())
        assert "If our reply is late, contact Speak Up to ask when you will get it." in text, name
        assert f"you can complain to the {ombudsman.name} (complaints policy section 13.2). " \
               f"{ombudsman.after_all_stages.text}" in text, name
        # 13.1 "would normally expect": a usual limit, and how to give the reason for going later
        assert "The Ombudsman usually expects a complaint within 12 months of when you found out about the " \
               "problem (complaints policy section 13.1)." in text, name
        assert "If you go later, tell the Ombudsman why" in text, name
    adults = " ".join(soups["navigator/adults-social-care/index.html"].find("main").get_text(" ").split())
    assert "contact the Service Recovery Team" in adults and "Complaints policy section App. 2 para 8." in adults


def test_the_pages_without_javascript_say_what_is_not_a_complaint_from_the_navigator_s_own_words(soups):
    """3.3, 8.1, 8.2: the same answers the navigator gives, with where to find the contact."""
    from generator.content import load_content
    request_types = load_content(CONTENT, pages=False).navigator.request_types
    answers = [rt for rt in request_types if rt.answer]
    assert len(answers) == 3
    for name in ("council-service", "send-iass", "adults-social-care"):
        items = {li.find("strong").get_text(): " ".join(li.get_text(" ").split())
                 for li in soups[f"navigator/{name}/index.html"].select("main li") if li.find("strong")}
        for rt in answers:
            assert rt.answer in items[f"{rt.label}."], name
        assert "The contact details are under How to complain, below." in items["A comment or suggestion."], name
    council = soups["navigator/council-service/index.html"]
    first_request = "Asking for a service, or reporting a problem, for the first time."
    # Its contact card in its own item: after the list it read as the last item's (resident's review)
    item = next(li for li in council.select("main li") if li.find("strong", string=first_request))
    assert [c.get_text() for c in item.select(".contact-name")] == ["Coventry City Council"]  # ask the service (3.3)
    assert [c.get_text() for c in council.select(".contact-name")][:2] == [
        "Coventry City Council", "Speak Up (Coventry City Council complaints)"]  # then how to complain
    send_iass = {li.find("strong").get_text(): li.get_text() for li in soups["navigator/send-iass/index.html"].select("main li")
                 if li.find("strong")}
    assert "The contact details are under First step, above." in send_iass[
        "Asking for a service, or reporting a problem, for the first time."]


def test_the_pages_without_javascript_list_everything_the_procedure_cannot_deal_with(soups):
    """9.1: each answer page lists every out-of-scope answer the questions with JavaScript ask about,
    each linked to where to go instead; "such as a school" left out the parking ticket and its deadline."""
    from generator.content import load_content
    out_of_scope = load_content(CONTENT, pages=False).out_of_scope
    targets = {h2["id"] for h2 in soups["navigator/cannot-deal-with/index.html"].select("main h2[id]")}
    for name in ("council-service", "contractor", "adults-social-care", "send-iass", "broad-park-house"):
        soup = soups[f"navigator/{name}/index.html"]
        before = soup.find("h2", string="Before you complain").find_next("ul")
        links = {a.get_text(): a["href"] for a in before.select("a")}
        assert list(links) == [item.question for item in out_of_scope], name
        assert all(href.startswith("../cannot-deal-with/#") and href.split("#")[1] in targets
                   for href in links.values()), name
    assert "You want to challenge a parking ticket (a penalty charge notice)" in links
    # The first step's other contacts say what they are, as with JavaScript
    park = soups["navigator/broad-park-house/index.html"]
    assert [h.get_text() for h in park.select("main h2, main h3")][:3] == [
        "First step", "You can also contact", "Before you complain"]
    # A school's complaint is one the school deals with, not "not dealt with as a complaint"
    assert soups["navigator/school/index.html"].h1.get_text() == "A school: where to complain instead"


def test_the_social_care_pages_say_who_to_call_now_with_numbers_that_can_be_tapped(soups):
    # Someone worried that a person is being harmed, on a phone: 101 as a tel: link, from contacts.yaml
    for name in ("adults-social-care", "childrens-social-care"):
        help_now = soups[f"{name}/index.html"].find("h2", string=lambda t: t and t.startswith("Get help now"))
        links = {a.get_text(): a["href"] for a in help_now.find_next("p").select("a")}
        assert links == {"www.coventry.gov.uk": "https://www.coventry.gov.uk", "101": "tel:101"}, name


def test_where_the_service_recovery_team_decides_each_process_is_folded_away(soups):
    # 10.5: three procedures in full ran to seven phone screens before "If our reply is late".
    page = soups["navigator/social-care-unsure/index.html"]
    details = page.select("main details.details")
    assert [d.summary.get_text(strip=True) for d in details] == [
        "Adults' social care complaints procedure", "Children's social care complaints procedure",
        "Corporate complaints procedure"]
    assert all(d.find("table") and "open" not in d.attrs for d in details)  # each timetable inside, closed
    assert not soups["navigator/adults-social-care/index.html"].select("main details")  # one process: shown


def test_the_navigator_without_javascript_says_it_cannot_work_out_dates(soups):
    # Its lead promises dates, which only the questions with JavaScript work out.
    lead = soups["navigator/index.html"].select_one("#navigator-intro .lead").get_text()
    assert lead == "Find out which complaints process applies to you, how long each stage takes, and who to contact."
    static = soups["navigator/index.html"].select_one("#navigator-static")
    said = " ".join(static.p.get_text(" ").split())
    assert said.startswith("This list shows which process applies to your complaint, its timescales and who to "
                           "contact. It cannot work out the dates for your complaint.")
    from generator.content import load_content
    from generator.phones import tel_href
    speak_up = load_content(CONTENT, pages=False).contacts["speak_up"]
    assert [a["href"] for a in static.p.select("a")] == ["../working-days/", tel_href(speak_up.phone)]


def test_exit_this_page_is_on_the_social_care_pages(soups):
    """GOV.UK "Exit this page" on every navigator page and on the guidance pages someone at risk at home
    may be reading (front matter exit_this_page: true), with its script; not on the others."""
    def has_exit(soup):
        button = soup.select_one(".exit-this-page-button")
        script = soup.find("script", src=lambda src: src and src.endswith("assets/exit-this-page.js"))
        assert (button is None) == (script is None)
        return button is not None
    for address in ["childrens-social-care/index.html", "adults-social-care/index.html",
                    "broad-park-house/index.html", "navigator/index.html", "navigator/children-social-care/index.html"]:
        assert has_exit(soups[address]), address
    for address in ["index.html", "timescales/index.html", "policy/index.html"]:
        assert not has_exit(soups[address]), address


@pytest.mark.parametrize("address,warning", [
    ("index.html", "If someone is in danger right now, call 999."),
    ("childrens-social-care/index.html", "If a child is in danger right now, call 999."),
    ("adults-social-care/index.html", "If someone is in danger right now, call 999."),
    ("broad-park-house/index.html", "If a child is in danger right now, call 999."),
    ("navigator/children-social-care/index.html", "If a child is in danger right now, call 999."),
    ("navigator/adults-social-care/index.html", "If someone is in danger right now, call 999."),
    ("navigator/social-care-unsure/index.html", "If someone is in danger right now, call 999."),
    ("navigator/broad-park-house/index.html", "If a child is in danger right now, call 999."),
])
def test_what_to_do_at_once_comes_before_the_contents_and_every_heading(soups, address, warning):
    """Front matter `warning` (pages) and a service option's `warning` (navigator.yaml): on a phone the
    list of contents would push "call 999" off the first screen, so it comes first, as GOV.UK warning
    text, read out as a warning."""
    main = soups[address].find("main")
    found = main.select_one(".warning-text")
    assert found is not None and found.get_text() == "Warning: " + warning
    later = main.select_one("nav.contents, h2")
    assert later is None or found.sourceline < later.sourceline or (
        found.sourceline == later.sourceline and found.sourcepos < later.sourcepos)
    assert soups["how-to-complain/index.html"].select_one("main .warning-text") is None  # only where it is set


def test_every_speak_up_phone_number_and_email_can_be_tapped(soups):
    """On a phone, a number you cannot tap is one you have to copy by hand: in page text the contacts'
    numbers and emails are written with | link (README), and the contact cards link them too."""
    import yaml
    contacts = yaml.safe_load((CONTENT / "contacts.yaml").read_text())
    speak_up = [contacts["speak_up"]["phone"], contacts["speak_up"]["email"]]
    for address, soup in soups.items():
        main = soup.find("main")
        if main is None or address.startswith("policy/"):  # the policy is published as it is
            continue
        for text in main.find_all(string=lambda s: any(v in s for v in speak_up)):
            assert text.find_parent("a") is not None, f"{address}: {text.strip()!r} is not a link"
