"""Reflow (WCAG 2.2, 1.4.10): 320 CSS pixels wide, as on a small phone, nothing scrolls sideways,
on any page or at any step of the navigator. Most of the guidance pages' tables scroll inside their
own region; the what-we-cannot-deal-with table and the navigator's timeline show each row as a block
and stay tables for screen readers."""
from __future__ import annotations

import pytest

from navsupport import CHILDREN, CORPORATE_OVERDUE, click_to_next_view, current_question, fill_question, submit

NARROW = {"width": 320, "height": 640}


def sideways(page) -> int:
    """How far the page scrolls sideways, in CSS pixels: 0 when it reflows."""
    return page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")


def test_every_page_reflows_at_320_pixels(fresh_page, site_dir):
    page = fresh_page
    page.set_viewport_size(NARROW)
    addresses = sorted(p.relative_to(site_dir).as_posix().removesuffix("index.html") for p in site_dir.rglob("*.html"))
    assert len(addresses) > 20
    wide = {}
    for address in addresses:
        page.goto(address)
        if sideways(page):
            wide[address] = sideways(page)
    assert wide == {}


@pytest.mark.parametrize("answers,text_size", [(CORPORATE_OVERDUE, "100%"), (CHILDREN, "100%"), (CHILDREN, "200%")],
                         ids=["corporate, overdue", "children's, stage 2", "children's, stage 2, text at 200%"])
def test_the_navigator_reflows_at_every_step_and_its_timeline_stays_a_table(fresh_page, answers, text_size):
    page = fresh_page
    page.set_viewport_size(NARROW)
    page.goto("navigator/")
    page.wait_for_selector("#navigator[data-enhanced]")
    # Text made larger in the browser's settings (1.4.4): a question's legend used to be as wide as its
    # longest word ("complained"), past the edge of the screen.
    page.evaluate("size => { document.documentElement.style.fontSize = size; }", text_size)  # CSSOM: CSP allows it
    submit(page)  # nothing chosen: the error summary and the error message must fit too
    assert page.is_visible(".error-summary") and sideways(page) == 0
    asked = []
    while (question := current_question(page)) is not None:
        assert sideways(page) == 0, question
        # A choice's hint sits under its label, not squeezed into a column beside it
        beside = page.evaluate("""() => [...document.querySelectorAll('#navigator-view .choice')]
            .filter(c => c.querySelector('.hint'))
            .filter(c => c.querySelector('.hint').getBoundingClientRect().top < c.querySelector('label').getBoundingClientRect().bottom - 8)
            .map(c => c.querySelector('label').textContent)""")
        assert beside == [], (question, beside)
        asked.append(question)
        fill_question(page, question, answers)
        submit(page)
        assert len(asked) < 12
    assert page.inner_text("h1") == "Check your answers" and sideways(page) == 0
    click_to_next_view(page, "text=See your result")
    page.wait_for_selector(".result h1")
    assert sideways(page) == 0

    # Each stage is a block, each cell with its label in front.
    respond = page.locator("table.timeline tr[data-item=respond] td")
    assert [respond.nth(i).inner_text().split(":")[0] for i in range(3)] == ["Date", "Timescale", "Status"]
    # A step with no timescale says so in words: a dash is read as "dash", or not at all
    assert page.locator("table.timeline tr[data-item=received] td").nth(1).inner_text() == "Timescale: Does not apply"

    # Still a table, with its headers, and without the visible labels (the column headers say the same).
    heard = still_a_table(page)
    assert sum(1 for n in heard if n.get("role", {}).get("value") == "cell") >= 9
    labels = [n for n in heard if n.get("name", {}).get("value", "").strip() in ("Date:", "Timescale:", "Status:")]
    assert labels == []


def still_a_table(page) -> list[dict]:
    """Chromium's accessibility tree, which screen readers read, has every table, column header, row
    header and cell of the page, however CSS displays them. Returns the tree's nodes."""
    nodes = page.context.new_cdp_session(page).send("Accessibility.getFullAXTree")["nodes"]
    heard = [n for n in nodes if not n.get("ignored")]
    roles = [n.get("role", {}).get("value") for n in heard]
    in_dom = page.evaluate("""() => ({
        table: document.querySelectorAll("table").length,
        columnheader: document.querySelectorAll("th[scope=col]").length,
        rowheader: document.querySelectorAll("th[scope=row]").length,
        cell: document.querySelectorAll("td").length})""")
    assert {role: roles.count(role) for role in in_dom} == in_dom
    return heard


def test_the_guidance_tables_are_read_row_by_row_on_a_phone(fresh_page):
    # Two columns in 320 px made the first a word or two wide, 19 lines for one row's header; in the
    # four-column stage tables "How long" was one word a line and "Policy section" was cut off.
    page = fresh_page
    for address, tables in (("what-we-cannot-deal-with/", 1), ("what-happens-next/", 3), ("childrens-social-care/", 1),
                            ("navigator/send-iass/", 1)):
        page.set_viewport_size(NARROW)
        page.goto(address)
        rows = page.evaluate("""() => [...document.querySelectorAll("table.table-stack tbody tr")].map(tr => {
            const cells = [...tr.children].map(c => c.getBoundingClientRect());
            return cells.every((c, i) => i === 0 || (c.top >= cells[i - 1].bottom && c.width === cells[0].width)); })""")
        assert page.locator("table.table-stack").count() >= tables and len(rows) >= 3 and all(rows), address
        header_height = 'document.querySelector("table.table-stack thead").getBoundingClientRect().height'
        assert page.evaluate(header_height) <= 1, address  # hidden but for screen readers
        heard = still_a_table(page)
        # Each cell's visible label is for the eye: screen readers hear the column's header instead
        assert not [n for n in heard if n.get("name", {}).get("value", "").strip() in ("How long:", "Policy section:")]
        if address == "what-happens-next/":
            assert page.locator("table.table-stack tbody tr td").first.inner_text() == "We acknowledge within: No set time"
        # On a wider screen it is a table of columns again, without the labels
        page.set_viewport_size({"width": 1024, "height": 768})
        assert page.evaluate("""() => { const tr = document.querySelector("table.table-stack tbody tr");
            return tr.querySelector("th").getBoundingClientRect().top === tr.querySelector("td").getBoundingClientRect().top; }""")
        assert page.evaluate(header_height) > 20 and not page.locator(".cell-label").first.is_visible(), address
