"""Taking the result away: "Copy as text" (and its fallback when the browser will not copy),
and the print layout (issue 4, "Taking the answer away")."""
from __future__ import annotations

from navsupport import CORPORATE_OVERDUE, api_next, timeline_rows, to_result


def test_copy_as_text_puts_the_whole_result_on_the_clipboard(fresh_page, site_dir):
    page = fresh_page
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    to_result(page, CORPORATE_OVERDUE)  # opens the navigator
    page.click("#copy-text")
    page.wait_for_selector(".copy-status")
    assert page.inner_text(".copy-status") == "Copied. You can paste the result into an email or a document."
    text = page.evaluate("navigator.clipboard.readText()")
    assert text.startswith(page.inner_text(".result h1").upper() + "\n")  # headings in capitals, as plain text does
    for item in api_next(site_dir, CORPORATE_OVERDUE)["result"]["timeline"]:  # every stage, with its date and status as the page shows them
        assert f"- {item['label']}: " in text
        if item["date_text"]:
            assert item["date_text"] in text
        assert f"Status: {item['status_text']}." in text
    assert "<" not in text  # text, not HTML


def test_when_the_browser_will_not_copy_the_text_is_there_to_select(fresh_page):
    page = fresh_page
    page.add_init_script("navigator.clipboard.writeText = () => Promise.reject(new Error('denied'));")
    to_result(page, CORPORATE_OVERDUE)  # opens the navigator
    page.click("#copy-text")
    page.wait_for_selector("#copy-fallback")
    assert page.inner_text(".copy-status") == "Your browser did not let us copy. Select the text below and copy it."
    assert page.input_value("#copy-fallback").startswith(page.inner_text(".result h1").upper() + "\n")
    assert page.evaluate("document.activeElement.id") == "copy-fallback"  # selected, ready to copy


def test_the_print_layout_keeps_the_result_and_drops_the_controls(page):
    to_result(page, CORPORATE_OVERDUE)
    rows = timeline_rows(page)
    page.emulate_media(media="print")
    try:
        for selector in (".header", ".footer", ".take-away", ".exit-this-page", ".exit-this-page-hint", ".back-link", "#start-again",
                         ".as-at", "button"):
            for element in page.query_selector_all(selector):
                assert not element.is_visible(), f"{selector} is printed"
        assert page.is_visible(".result h1")
        assert page.is_visible("table.timeline")
        assert timeline_rows(page) == rows
        overdue = page.query_selector("table.timeline .status-overdue")
        assert overdue and overdue.evaluate("e => getComputedStyle(e).textDecorationLine") == "underline"  # not colour alone
    finally:
        page.emulate_media(media="screen")
