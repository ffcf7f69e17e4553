"""Share links restore answers and result; any fragment is data, never markup or script."""
from __future__ import annotations

import base64
import json

from navsupport import ADULTS, click_to_next_view, open_navigator, timeline_rows, to_result


def b64(data) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).decode().rstrip("=")


def test_share_link_restores_the_result(page, browser, base_url):
    to_result(page, ADULTS)
    url = page.input_value("#share-url")
    assert url.startswith(base_url + "navigator/#a=") and "?" not in url
    rows = timeline_rows(page)
    other = browser.new_context(base_url=base_url)
    try:
        p2 = other.new_page()
        p2.goto(url)
        p2.wait_for_selector(".result h1", timeout=30_000)
        assert p2.inner_text(".result h1") == "Adults' social care complaints procedure"
        assert timeline_rows(p2) == rows
    finally:
        other.close()


def test_copy_a_link_copies_it_and_says_so_where_you_are(page):
    # It was a link to the answers' own address: following it drew the result again, took focus back to
    # the top, and left nothing to copy (accessibility review).
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    to_result(page, ADULTS)
    before = page.url
    page.focus("#copy-link")
    page.keyboard.press("Enter")
    page.wait_for_selector("#copy-link-status")
    assert page.evaluate("navigator.clipboard.readText()") == page.input_value("#share-url")
    said = "Copied. Anyone you send the link to can see these answers."
    assert page.inner_text("#copy-link-status") == said
    assert page.evaluate("document.querySelector('#copy-link').parentElement.nextElementSibling.id") == "copy-link-status"
    page.wait_for_function("text => document.getElementById('navigator-live').textContent === text", arg=said)
    assert page.evaluate("document.activeElement.id") == "copy-link" and page.url == before


def test_when_the_browser_will_not_copy_the_link_is_selected_to_copy(fresh_page):
    page = fresh_page
    page.add_init_script("navigator.clipboard.writeText = () => Promise.reject(new Error('denied'));")
    to_result(page, ADULTS)
    page.click("#copy-link")
    page.wait_for_selector("#copy-link-status")
    assert page.inner_text("#copy-link-status") == "Your browser did not let us copy. Select the link below and copy it."
    assert page.evaluate("document.activeElement.id") == "share-url"
    assert page.evaluate("(() => { const i = document.activeElement; return i.selectionEnd - i.selectionStart; })()") == len(
        page.input_value("#share-url"))


def no_injection(page):
    assert page.evaluate("document.querySelectorAll('main img, main script').length") == 0
    assert page.evaluate("typeof window.pwned") == "undefined"


def test_hostile_fragment_that_is_not_base64(fresh_page):
    page = fresh_page
    open_navigator(page, "#a=<img src=x onerror=alert(1)>")
    page.wait_for_selector("#navigator-status:has-text('does not contain answers we can read')")
    assert page.is_visible("input[name=service]")
    no_injection(page)


def test_hostile_json_is_shown_as_text(fresh_page):
    page = fresh_page
    evil = "<script>window.pwned=1</script><img src=x onerror=alert(1)>"
    answers = {"service": "council_service", "request_type": "complaint", "complainant": "self",
               "out_of_scope": ["none"], "happened": {"day": evil, "month": "3", "year": "2026"},
               "found_out": {"day": "2", "month": "3", "year": "2026"}}
    open_navigator(page, "#a=" + b64(answers))
    page.wait_for_selector(".error-summary", timeout=30_000)
    assert page.inner_text(".error-summary a") == "Date the problem happened must be a real date"
    assert page.input_value("#happened-day") == evil
    no_injection(page)


def test_hostile_choice_and_plain_fragment(fresh_page):
    page = fresh_page
    open_navigator(page, "#a=" + b64({"service": "<img src=x onerror=alert(1)>"}))
    page.wait_for_selector(".error-summary", timeout=30_000)
    assert page.inner_text(".error-summary a") == "Select what your complaint is about"
    no_injection(page)
    open_navigator(page, "#<img src=x onerror=alert(1)>")
    assert page.is_visible("input[name=service]")
    no_injection(page)
    open_navigator(page, "#a=" + b64(["not", "an", "object"]))
    page.wait_for_selector("#navigator-status:has-text('does not contain answers we can read')")


def test_from_a_shared_result_change_then_back_leads_back_to_the_result(fresh_page):
    """A shared link opens on the result with no history behind it: the first question, reached by its
    Change link, still has a Back link, and it goes back to the result."""
    page = fresh_page
    open_navigator(page, "#a=" + b64(ADULTS))
    page.wait_for_selector(".result h1", timeout=30_000)
    click_to_next_view(page, ".summary-list a:has-text('your answer to: What is your complaint about?')")
    assert page.inner_text("h1") == "What is your complaint about?"
    click_to_next_view(page, "#navigator-view a.back-link")
    assert page.inner_text("h1") == "Adults' social care complaints procedure"


def test_a_link_whose_as_at_date_cannot_be_worked_out_still_opens_the_result(fresh_page):
    """The other answers are good: the result opens as at today, with the error at the date's boxes."""
    page = fresh_page
    open_navigator(page, "#a=" + b64({**ADULTS, "as_at": {"day": "1", "month": "1", "year": "2099"}}))
    page.wait_for_selector(".result h1", timeout=30_000)
    assert page.inner_text(".result h1") == "Adults' social care complaints procedure"
    assert page.inner_text(".error-summary a").startswith("We can only work out dates up to")
    assert page.input_value("#as_at-year") == "2099"


def test_a_wrong_as_at_date_is_not_put_in_the_share_link(page):
    to_result(page, ADULTS)
    good = page.input_value("#share-url")
    for part, value in (("day", "31"), ("month", "2"), ("year", "2026")):
        page.fill(f"#as_at-{part}", value)
    page.click("#as-at-form button")
    page.wait_for_selector(".error-summary", timeout=30_000)
    assert page.inner_text(".error-summary a") == "Date to work out the statuses on must be a real date"
    # GOV.UK: the error starts with the field's own label (typed in navigator.js and in navigator/flow.py)
    legend = page.inner_text("#as-at-form legend").strip()
    assert page.inner_text(".error-summary a").startswith(legend + " "), legend
    assert page.input_value("#as_at-day") == "31"  # kept, to correct
    assert page.input_value("#share-url") == good


def test_deeply_nested_data_in_a_link_is_refused_before_python_sees_it(fresh_page):
    """Thousands of nested lists overflow the WebAssembly stack in Pyodide's JSON reader."""
    page = fresh_page
    fatal = []
    page.on("console", lambda m: fatal.append(m.text) if "fatal error" in m.text else None)
    nested = '{"service": ' + "[" * 3000 + "]" * 3000 + "}"  # 6 KB: under the link's length limit
    open_navigator(page, "#a=" + base64.urlsafe_b64encode(nested.encode()).decode().rstrip("="))
    page.wait_for_selector("#navigator-status:has-text('does not contain answers we can read')")
    page.wait_for_selector("#navigator[data-state=ready]", state="attached", timeout=60_000)
    assert not fatal
