"""Taking the result away: "Copy as text" (and its fallback when the browser will not copy),
and the print layout (issue 4, "Taking the answer away")."""
from __future__ import annotations

from navsupport import (CHILDREN, CORPORATE_OVERDUE, api_next, date, show_as_at, timeline_rows,
                        to_result)


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
    # each timescale named as its column is, not a sentence starting "within" (re-test)
    assert "\n- We acknowledge your complaint: Friday 13 March 2026. Timescale: within 3 working days (" in text
    assert "Friday 13 March 2026. within" not in text
    assert "<" not in text  # text, not HTML
    # What an advocate keeps on file with it: the answers, when, the link back, and that the policy is a draft
    assert "\nYOUR ANSWERS\n- What is your complaint about? " in text
    assert "\nWorked out on Monday 23 November 2026. These answers: http" in text and "/navigator/#" in text
    assert text.endswith("This guidance is based on a draft policy (2024.1). Some details may change.")
    # Statuses worked out as at another day: the text says which
    show_as_at(page, "2026-12-04")
    page.click("#copy-text")
    page.wait_for_function("() => document.querySelector('.copy-status')")
    text = page.evaluate("navigator.clipboard.readText()")
    assert "\nWorked out on Monday 23 November 2026, with statuses as at Friday 4 December 2026. These answers: " in text


def test_when_the_browser_will_not_copy_the_text_is_there_to_select(fresh_page):
    page = fresh_page
    page.add_init_script("navigator.clipboard.writeText = () => Promise.reject(new Error('denied'));")
    to_result(page, CORPORATE_OVERDUE)  # opens the navigator
    page.click("#copy-text")
    page.wait_for_selector("#copy-result-fallback")
    assert page.inner_text(".copy-status") == "Your browser did not let us copy. Select the text below and copy it."
    assert page.input_value("#copy-result-fallback").startswith(page.inner_text(".result h1").upper() + "\n")
    assert page.evaluate("document.activeElement.id") == "copy-result-fallback"  # selected, ready to copy


def test_copy_the_letter_copies_the_letter_alone_and_says_so_beside_the_button(fresh_page):
    """On a phone, selecting just the letter is fiddly, and "Copy as text" copies the whole result."""
    page = fresh_page
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    to_result(page, CORPORATE_OVERDUE)
    page.click("#copy-letter")
    page.wait_for_selector("#copy-letter-status")
    # Said where the person is looking: straight after the button
    assert page.evaluate("document.querySelector('#copy-letter').parentElement.nextElementSibling.id") == (
        "copy-letter-status")
    assert page.inner_text("#copy-letter-status") == "Copied. You can paste the letter into an email."
    # and heard: a status added and filled at once is often not read out, so the page's live region says it
    page.wait_for_function("() => document.getElementById('navigator-live').textContent === "
                           "'Copied. You can paste the letter into an email.'")
    text = page.evaluate("navigator.clipboard.readText()")
    # The body alone, paragraphs apart, as in an email: its To and Subject are shown above it, not pasted in
    assert text.startswith("Dear Speak Up team,\n\nI made a complaint on Tuesday 10 March 2026.")
    assert "To:" not in text and "Subject:" not in text
    assert text.endswith("Yours sincerely,\n[your name and how you would like us to contact you]")
    assert "To: Speak Up, speakup@coventry.gov.uk" in page.inner_text("#letter")
    # which stage, and which reply: one colon in the subject, the reply named by its stage
    assert "Subject: Request for stage 2 of my complaint (service investigation review)" in page.inner_text("#letter")
    assert "You sent me your reply at stage 1 on " in text
    assert "Status:" not in text  # not the dates: the letter alone
    # 12.1: the instruction about the grounds is in square brackets, so it is not sent as written
    assert ("I am asking for this because: [Keep the reasons that apply, delete the others, and say what "
            "happened (complaints policy section 12.1).]") in text
    assert "To put things right, I would like you to [say what you would like us to do]." in text


def test_the_letter_for_someone_acting_for_another_does_not_say_who_made_the_complaint(page):
    """4.1: either of them may have made it; the questions asked "When was the complaint made?"."""
    to_result(page, {**CORPORATE_OVERDUE, "complainant": "representative_with_permission"})
    letter = page.inner_text("#letter")
    assert "Subject: Request for stage 2 of a complaint (service investigation review)" in letter
    assert ("A complaint was made on Tuesday 10 March 2026. The reference is [the reference, if there is one]. "
            "I am acting for [their name].") in letter
    assert "I ask you to take the complaint to stage 2" in letter
    assert "I made a complaint" not in letter and "my complaint" not in letter
    assert "The complaint was made within 12 months" in page.inner_text(".result")


def test_the_print_layout_keeps_the_result_and_drops_the_controls(page):
    to_result(page, CORPORATE_OVERDUE)
    rows = timeline_rows(page)
    page.emulate_media(media="print")
    try:
        for selector in (".footer-links", ".breadcrumbs", ".take-away", ".exit-this-page", ".exit-this-page-hint", ".back-link",
                         "#start-again", ".as-at", "button"):
            for element in page.query_selector_all(selector):
                assert not element.is_visible(), f"{selector} is printed"
        # A printout travels alone: who it is from, that the policy is a draft, and which version
        assert " ".join(page.inner_text(".header").split()).startswith("Coventry City Council Complaints")
        assert "This guidance is based on a draft policy" in page.inner_text(".phase-banner")
        assert "Based on the" in page.inner_text(".footer")
        assert page.is_visible(".result h1")
        assert page.is_visible("table.timeline")
        assert timeline_rows(page) == rows
        overdue = page.query_selector("table.timeline .status-overdue")
        assert overdue and overdue.evaluate("e => getComputedStyle(e).textDecorationLine") == "underline"  # not colour alone
    finally:
        page.emulate_media(media="screen")


def test_printed_pages_fit_their_tables_and_say_where_they_come_from(fresh_page):
    # On paper nothing scrolls: Appendix 3's table ran 100 px off an A4 page (about 680 CSS px wide).
    page = fresh_page
    page.set_viewport_size({"width": 680, "height": 1000})
    page.emulate_media(media="print")
    try:
        for address in ("timescales/", "policy/", "what-happens-next/", "childrens-social-care/"):
            page.goto(address)
            past_the_edge = page.evaluate("""() => [...document.querySelectorAll('table')]
                .filter(t => t.getBoundingClientRect().right > innerWidth).map(t => t.caption?.textContent)""")
            assert past_the_edge == [], address
            assert page.is_visible(".phase-banner") and page.is_visible(".header"), address
        # An email's words, or a web link's that are its address, are on the paper already: not printed twice
        page.goto("how-to-complain/")
        doubled = page.evaluate("""() => [...document.querySelectorAll('main a[href^="mailto:"], main a.address')]
            .map(a => getComputedStyle(a, '::after').content).filter(c => c !== 'none' && c !== 'normal')""")
        assert doubled == [] and page.locator("main a.address").count() >= 1
        # Folded text is printed open: the three processes' timescales, not three headings alone
        page.goto("navigator/social-care-unsure/")
        assert page.locator("main details table").count() == 3
        assert all(page.locator("main details table").nth(i).is_visible() for i in range(3))
    finally:
        page.emulate_media(media="screen")


def test_a_late_reply_has_a_letter_asking_when_it_will_come(fresh_page):
    """11.2: our stage 1 reply was due 10 working days after 10 March 2026 (24 March). "Contact Speak Up to
    ask when you will get it", written out for someone who would rather write (re-test: only the letter
    for the next stage was offered, with nothing yet to disagree with)."""
    page = fresh_page
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    to_result(page, CORPORATE_OVERDUE)
    section = page.inner_text(".result")
    assert section.index("Our reply is late.") < section.index("A letter to ask when you will get our reply")
    assert "Subject: My complaint: when will you reply?" in page.inner_text("#chase-letter")
    page.click("#copy-chase")
    page.wait_for_selector("#copy-chase-status")
    assert page.evaluate("navigator.clipboard.readText()") == (
        "Dear Speak Up team,\n\n"
        "I made a complaint on Tuesday 10 March 2026. My reference is [your reference, if you have one].\n\n"
        "Your reply was due by Tuesday 24 March 2026. It has not come yet.\n\n"
        "Please tell me when you will reply, and why it is taking longer.\n\n"
        "Yours sincerely,\n[your name and how you would like us to contact you]")
    assert "LETTER TO ASK WHEN OUR REPLY WILL COME" not in page.evaluate("navigator.clipboard.readText()")
    # Two letters, two buttons told apart by what they copy; only the last "Copied." stays (re-test)
    assert page.inner_text("#copy-letter") == "Copy the letter asking for stage 2"
    page.click("#copy-letter")
    page.wait_for_selector("#copy-letter-status")
    assert page.inner_text("#copy-chase-status") == ""
    # Looked at on a day to come, but late already today: the letter is still offered
    show_as_at(page, "2026-12-01")
    assert page.query_selector("#chase-letter") is not None


def test_the_letter_about_a_late_reply_at_a_later_stage_for_someone_else(page):
    """App. 1 para 6b: stage 2 asked for 1 July 2026; aimed for 25 working days (5 August), and up to 65
    (29 September) has gone by too. For a parent (4.1), "the complaint", "we"."""
    to_result(page, {**CHILDREN, "complainant": "parent_or_carer", "stage_received": date("2026-07-01")})
    letter = page.inner_text("#chase-letter")
    assert "Subject: A complaint: when will you reply?" in letter
    assert ("Stage 2 was asked for on Wednesday 1 July 2026. You aimed to reply by Wednesday 5 August 2026. The "
            "longest time the complaints policy allows has passed too. It has not come yet.") in letter
    assert "Please tell me when you will reply" in letter
    # 11.2: with an update's new date, that is the date missed
    to_result(page, {**CORPORATE_OVERDUE, "new_date": date("2026-04-14")})
    assert "Your update said the reply would come by Tuesday 14 April 2026. It has not come yet." in page.inner_text(
        "#chase-letter")
    # Not late: no such letter
    to_result(page, {**CHILDREN, "stage_received": date("2026-11-02")})
    assert page.query_selector("#chase-letter") is None and page.query_selector("#copy-chase") is None


def test_the_next_stage_letter_asked_for_late_has_a_place_for_why(page):
    """12.4 "ordinarily": our reply came 20 March 2026, so the usual 20 working days to ask for stage 2 have
    gone; the page says to say why, and so does the letter."""
    to_result(page, {**CORPORATE_OVERDUE, "responded": date("2026-03-20")})
    assert "I am asking later than usual because [say why you could not ask sooner]." in page.inner_text("#letter")
    to_result(page, {**CORPORATE_OVERDUE, "responded": date("2026-11-20")})
    assert "later than usual" not in page.inner_text("#letter")


def test_a_reply_that_came_is_not_chased_on_a_day_before_it(page):
    """11.2: due 24 March 2026, came 14 April; as at 1 April it was late, but it has come since: no
    "Our reply is late. Contact ... to ask when you will get it", and no letter asking."""
    to_result(page, {**CORPORATE_OVERDUE, "responded": date("2026-04-14")})
    show_as_at(page, "2026-04-01")
    text = page.inner_text(".result")
    assert "overdue" in page.inner_text("tr[data-item=respond]")
    assert "to ask when you will get it:" not in text and page.query_selector("#chase-letter") is None
    assert page.query_selector("#letter") is not None
