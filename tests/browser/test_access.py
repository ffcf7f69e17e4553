"""Keyboard only, JavaScript off, and Exit this page."""
from __future__ import annotations

from navsupport import CHILDREN, current_question, open_navigator, step, to_result, wait_step


def tab_to(page, selector: str, limit: int = 40) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"document.activeElement.matches({selector!r})"):
            return
    raise AssertionError(f"Tab never reached {selector}")


def press_and_wait(page, key: str) -> None:
    before = step(page)
    page.keyboard.press(key)
    wait_step(page, before)


def choose_with_arrows(page, name: str, value: str) -> None:
    """Tab into a radio group and move to ``value`` with the arrow keys, as keyboard users do."""
    tab_to(page, f"input[name={name}]")
    page.keyboard.press("Space")
    for _ in range(12):
        if page.evaluate("document.activeElement.value") == value:
            break
        page.keyboard.press("ArrowDown")
    assert page.evaluate(f"document.querySelector('input[name={name}]:checked').value") == value


def type_date(page, day: str, month: str, year: str, first_field: str | None = None) -> None:
    """Type a date into day, month and year, Tab after each (from ``first_field``, or where focus is)."""
    if first_field:
        tab_to(page, first_field)
    for value in (day, month, year):
        page.keyboard.type(value)
        page.keyboard.press("Tab")


def choose_and_continue(page, name: str, value: str) -> None:
    choose_with_arrows(page, name, value)
    tab_to(page, "button[type=submit]")
    press_and_wait(page, "Enter")


def see_the_result_by_keyboard(page) -> str:
    """From "Check your answers", tab to "See your result" and press Enter; the result's heading."""
    assert page.inner_text("h1") == "Check your answers"
    tab_to(page, "#see-result")
    press_and_wait(page, "Enter")
    return page.inner_text(".result h1")


def test_keyboard_only(fresh_page):
    page = fresh_page
    open_navigator(page)
    radios = [("service", "council_service"), ("request_type", "complaint"), ("complainant", "self")]
    for name, _ in radios:
        tab_to(page, f"input[name={name}]")
        page.keyboard.press("Space")
        assert page.evaluate("document.activeElement.checked")
        tab_to(page, "button[type=submit]")
        press_and_wait(page, "Enter")
        assert page.evaluate("document.activeElement.tagName") == "H1"
    tab_to(page, "input[value=none]")
    page.keyboard.press("Space")
    tab_to(page, "button[type=submit]")
    press_and_wait(page, "Enter")
    type_date(page, "2", "3", "2026", first_field="#happened-day")
    type_date(page, "2", "3", "2026")
    assert page.evaluate("document.activeElement.matches('button[type=submit]')")
    press_and_wait(page, "Enter")
    # Tab reaches the first radio of a group with nothing selected; these answers are all first options
    for name in ("complained_yet", "complained", "stage"):
        if name == "complained":
            type_date(page, "10", "3", "2026", first_field="#complained-day")
        else:
            tab_to(page, f"input[name={name}]")
            page.keyboard.press("Space")
            tab_to(page, "button[type=submit]")
        press_and_wait(page, "Enter")
    assert see_the_result_by_keyboard(page) == "Corporate complaints procedure"


def test_keyboard_only_with_other_options_and_a_change_link(fresh_page):
    """Arrow keys choose options further down a group; a Change link on "Check your answers" goes back
    to the question with the answer kept, and changing it leads to the new result, asking again only
    what no longer applies."""
    page = fresh_page
    open_navigator(page)
    for name, value in [("service", "adults_social_care"), ("request_type", "complaint"),
                        ("complainant", "representative_with_permission")]:
        choose_and_continue(page, name, value)
    tab_to(page, "input[value=none]")
    page.keyboard.press("Space")
    tab_to(page, "button[type=submit]")
    press_and_wait(page, "Enter")
    type_date(page, "1", "10", "2026", first_field="#happened-day")
    type_date(page, "5", "10", "2026")  # found out: the next field
    press_and_wait(page, "Enter")
    choose_and_continue(page, "complained_yet", "yes")
    type_date(page, "2", "11", "2026", first_field="#complained-day")
    press_and_wait(page, "Enter")
    # one stage (App. 2 para 7): nothing to choose; our reply's date is the first field, left blank
    tab_to(page, "#responded-day")
    tab_to(page, "button[type=submit]")
    press_and_wait(page, "Enter")
    assert see_the_result_by_keyboard(page) == "Adults' social care complaints procedure"
    tab_to(page, "a.back-link")
    press_and_wait(page, "Enter")
    assert page.inner_text("h1") == "Check your answers"

    tab_to(page, "a[href='#q=service']")
    assert "Change your answer to:" in page.evaluate("document.activeElement.innerText").replace("\n", " ")
    press_and_wait(page, "Enter")
    assert page.evaluate("document.activeElement.tagName") == "H1"
    assert page.evaluate("document.querySelector('input[name=service]:checked').value") == "adults_social_care"
    choose_and_continue(page, "service", "children_social_care")
    # The stage belonged to the adults' procedure (children's has its own, with its own questions),
    # so it is asked again; the answers before it still apply. (For someone else: "the complaint", 4.1.)
    assert page.inner_text("h1") == "Where is the complaint now?"
    choose_and_continue(page, "stage", "stage1")
    assert page.inner_text("h1") == "Check your answers"
    assert page.evaluate("document.activeElement.tagName") == "H1"
    assert see_the_result_by_keyboard(page) == "Children's social care complaints procedure"


def test_without_javascript_the_links_lead_to_the_answers(browser, base_url):
    ctx = browser.new_context(java_script_enabled=False, base_url=base_url)
    try:
        page = ctx.new_page()
        page.goto("navigator/")
        assert page.is_hidden("#navigator-form")
        page.click("#navigator-static a:has-text('A council service')")
        page.wait_for_url("**/navigator/council-service/")  # the click returns once the navigation commits,
        page.wait_for_load_state("domcontentloaded")         # perhaps before the new page's title is parsed
        assert "corporate complaints procedure" in page.title()
        assert page.get_attribute(".exit-this-page-button", "href") == "https://www.bbc.co.uk/weather"
        assert page.get_attribute(".exit-this-page-button", "role") is None  # a link, which Enter follows
        # Pressing Shift does nothing without JavaScript, so the page must not say it does.
        assert page.is_hidden(".exit-this-page-hint")
    finally:
        ctx.close()


def test_exit_this_page(fresh_page, context):
    page = fresh_page
    # never leave for real: answer the neutral site's address locally
    context.route("https://www.bbc.co.uk/**", lambda route: route.fulfill(body="<title>Weather</title>",
                                                                          content_type="text/html"))
    open_navigator(page)
    button = page.locator(".exit-this-page-button")
    assert button.get_attribute("href") == "https://www.bbc.co.uk/weather"
    assert "Exit this page" in button.inner_text()
    assert page.is_visible(".exit-this-page-hint")
    # Moving back through the page with Shift+Tab is not pressing Shift: no countdown is announced,
    # and three of them do not leave the page.
    page.focus("#navigator-view form.navigator-form button[type=submit]")
    for _ in range(3):
        page.keyboard.press("Shift+Tab")
    assert page.inner_text(".exit-this-page-live") == ""
    assert "/navigator/" in page.url
    for _ in range(3):
        page.keyboard.press("Shift")
    page.wait_for_url("https://www.bbc.co.uk/weather")
    page.goto("navigator/working-days/")
    page.click(".exit-this-page-button")
    page.wait_for_url("https://www.bbc.co.uk/weather")
    # It looks like a button, and is one to a screen reader and a keyboard: Space leaves, as Enter does
    # (on a link, Space scrolled the page instead).
    for key in ("Space", "Enter"):
        page.goto("childrens-social-care/")
        assert page.get_by_role("button", name="Emergency Exit this page").count() == 1
        page.focus(".exit-this-page-button")
        page.keyboard.press(key)
        page.wait_for_url("https://www.bbc.co.uk/weather")


NOT_KEPT = ("For your safety, we do not keep your answers once you leave or reload this page. "
            "Start the questions again below.")


def test_after_exit_this_page_back_shows_no_answers(fresh_page, context):
    """Social care complaints can involve people at risk at home: "Exit this page" then Back must not
    bring the answers back, from history entries or from the back-forward cache."""
    page = fresh_page
    context.route("https://www.bbc.co.uk/**", lambda route: route.fulfill(body="<title>Weather</title>",
                                                                          content_type="text/html"))
    to_result(page, CHILDREN)
    assert "Wednesday 10 June 2026" in page.inner_text("#navigator-view")
    page.click(".exit-this-page-button")
    page.wait_for_url("https://www.bbc.co.uk/weather")
    # Exit replaced the result's entry; Back goes to "Check your answers", then to the last question.
    for back in range(2):
        page.go_back()
        page.wait_for_selector("#navigator[data-enhanced]")
        page.wait_for_function("() => !document.body.classList.contains('exiting') && "
                               "document.querySelector('#navigator-view').innerText.includes('What is your complaint about')")
        text = page.inner_text("main")
        assert "10 June 2026" not in text and "Check your answers" not in text, (back, text)
        if back == 0:
            assert NOT_KEPT in page.inner_text("#navigator-status")


def test_a_reload_part_way_through_says_the_answers_were_not_kept(fresh_page):
    page = fresh_page
    to_result(page, CHILDREN)
    page.reload()
    page.wait_for_selector("#navigator[data-enhanced]")
    assert NOT_KEPT in page.inner_text("#navigator-status")
    assert current_question(page) == "service"
    assert "10 June 2026" not in page.inner_text("main")
    assert page.inner_text("#navigator-live") == NOT_KEPT  # announced, not only shown


def test_a_link_to_a_step_without_answers_says_how_to_share(fresh_page):
    page = fresh_page
    page.goto("navigator/#result")
    page.wait_for_selector("#navigator[data-enhanced]")
    assert ("The link you followed does not contain answers. To share answers, use \u201cCopy a link to these answers\u201d "
            "on the result page.") in page.inner_text("#navigator-status")


def test_the_stage_radios_say_whether_they_show_more_questions(fresh_page):
    """GOV.UK conditional reveal: a radio that reveals questions names them (aria-controls; not
    aria-expanded, which a radio may not carry)."""
    from navsupport import CORPORATE_OVERDUE, answer_all, submit
    page = fresh_page
    open_navigator(page)
    answer_all(page, CORPORATE_OVERDUE, stop_at="stage")
    radios = page.locator("input[name=stage]")
    assert radios.count() == 2
    for i in range(2):
        assert radios.nth(i).get_attribute("aria-controls") == "stage-details"
        assert radios.nth(i).get_attribute("aria-expanded") is None
    assert page.is_hidden("#stage_received-day")
    page.check("input[name=stage][value=stage1]")
    # an update at stage 1 is not the one asked about at stage 2 (11.2, 12.2), so each says which it is
    assert page.inner_text("[data-field=new_date] legend") == "New date in our update at stage 1"
    page.check("input[name=stage][value=stage2]")
    assert page.inner_text("[data-field=new_date] legend") == "New date in our update at stage 2"
    assert page.is_visible("#stage_received-day")
    # Straight under the stage it is about, not under the last one
    under = "document.querySelector('#stage-details').previousElementSibling.querySelector('input').value"
    assert page.evaluate(under) == "stage2"
    page.fill("#stage_received-day", "3")
    day = page.query_selector("#stage_received-day")
    page.check("input[name=stage][value=stage1]")
    assert page.evaluate(under) == "stage1"
    assert day.evaluate("input => input.isConnected")  # moved, not made again
    # Shown again with stage 2 chosen (here after an error: no date), the details are under stage 2 too
    page.check("input[name=stage][value=stage2]")
    page.fill("#stage_received-day", "")
    submit(page)
    assert page.is_visible(".error-summary") and page.is_checked("input[name=stage][value=stage2]")
    assert page.evaluate(under) == "stage2"


def test_the_date_under_a_stage_names_that_stage_as_its_error_does(fresh_page):
    """Children's social care has two later stages (App. 1 para 6): the one date field under them
    says which stage it means, in the words its error uses."""
    from navsupport import answer_all, submit
    page = fresh_page
    open_navigator(page)
    answer_all(page, CHILDREN, stop_at="stage")
    legend = "[data-field=stage_received] legend"
    page.check("input[name=stage][value=stage2]")
    assert page.inner_text(legend) == "Date you asked for stage 2"
    page.check("input[name=stage][value=stage3]")
    assert page.inner_text(legend) == "Date you asked for stage 3"
    # our reply at this stage, not the one before (re-test: a parent at stage 2 might give stage 1's)
    assert page.inner_text("[data-field=responded] legend") == "Date of our reply at stage 3"
    submit(page)
    assert page.inner_text(legend) == "Date you asked for stage 3"
    assert page.text_content("#stage_received-error") == "Error: Enter the date you asked for stage 3"


def test_each_stage_keeps_its_own_details(fresh_page):
    """Re-test: a parent who changed stage 2 to stage 3 found stage 2's date under "Date you asked for
    stage 3", and every stage 3 date was worked out from it. Our reply at one stage is not our reply at
    another either. Each stage keeps what was given for it; another starts blank."""
    from navsupport import answer_all, click_to_next_view, current_question, fill_date, submit
    page = fresh_page
    open_navigator(page)
    answer_all(page, {**CHILDREN, "responded": "2026-11-02"})
    assert page.inner_text("h1") == "Check your answers"
    click_to_next_view(page, "#navigator-view a[href$='q=stage']")
    assert current_question(page) == "stage"
    assert page.input_value("#stage_received-day") == "1"  # 1 October 2026, for stage 2
    page.check("input[name=stage][value=stage3]")
    for field in ("stage_received", "responded"):
        assert page.input_value(f"#{field}-day") == "", field
    fill_date(page, "stage_received", "2026-11-20")
    fill_date(page, "panel", "2026-11-23")
    page.check("input[name=stage][value=stage2]")  # back: stage 2's own, as given
    assert [page.input_value(f"#{f}-day") for f in ("stage_received", "responded")] == ["1", "2"]
    page.check("input[name=stage][value=stage3]")
    assert [page.input_value(f"#{f}-day") for f in ("stage_received", "panel")] == ["20", "23"]
    # Shown again after an error at stage 3 (no date), stage 2's are still its own; and what was said
    # about stage 3's details goes when another stage is chosen
    page.fill("#stage_received-day", "")
    submit(page)
    assert page.is_visible(".error-summary") and page.is_visible("#stage_received-error")
    page.check("input[name=stage][value=stage2]")
    assert [page.input_value(f"#{f}-day") for f in ("stage_received", "responded")] == ["1", "2"]
    assert page.query_selector("#stage_received-error") is None and page.query_selector(".error-summary") is None
    assert page.query_selector("#stage-details .form-group-error, #stage-details .input-error") is None
    assert page.query_selector("#stage-details [aria-invalid]") is None and not page.title().startswith("Error:")
    assert "stage_received-error" not in (page.get_attribute("[data-field=stage_received] fieldset",
                                                             "aria-describedby") or "")


def test_back_and_on_again_shows_what_was_typed_without_its_errors(fresh_page):
    """GOV.UK: a page's errors follow submitting it. Re-test: Back from a stage question with an error,
    then Continue, showed that error at once, and lost the stage 3 details typed since it."""
    from navsupport import answer_all, click_to_next_view, current_question, fill_date, submit
    page = fresh_page
    open_navigator(page)
    answer_all(page, CHILDREN, stop_at="stage")
    page.check("input[name=stage][value=stage2]")
    fill_date(page, "stage_received", {"day": "31", "month": "2", "year": "2026"})
    submit(page)
    assert page.is_visible(".error-summary")
    page.check("input[name=stage][value=stage3]")
    fill_date(page, "stage_received", "2026-10-05")
    click_to_next_view(page, "a.back-link")
    assert current_question(page) == "complained"
    submit(page)
    page.wait_for_selector("input[name=stage]")
    assert page.query_selector(".error-summary") is None and not page.title().startswith("Error:")
    assert page.is_checked("input[name=stage][value=stage3]")
    assert [page.input_value(f"#stage_received-{p}") for p in ("day", "month", "year")] == ["5", "10", "2026"]
    page.check("input[name=stage][value=stage2]")  # and stage 2's, as typed
    assert [page.input_value(f"#stage_received-{p}") for p in ("day", "month", "year")] == ["31", "2", "2026"]
    # Submitted again, it is checked again
    submit(page)
    assert page.is_visible("#stage_received-error")
    # An accepted answer is not replaced by one typed and then left by Back (GOV.UK "Check answers")
    fill_date(page, "stage_received", "2026-10-01")
    submit(page)
    assert page.inner_text("h1") == "Check your answers"
    click_to_next_view(page, ".summary-list a[href$='q=stage']")  # Change
    fill_date(page, "stage_received", "2026-10-09")
    click_to_next_view(page, "a.back-link")
    assert page.inner_text("h1") == "Check your answers"
    click_to_next_view(page, ".summary-list a[href$='q=stage']")
    assert page.input_value("#stage_received-day") == "1"


def test_a_procedure_with_one_stage_asks_only_about_our_reply(fresh_page):
    """Adults' social care has one formal stage (App. 2 para 7): nothing to choose, so the question asks
    about our reply alone (re-test: one radio, already chosen, under "Where is the complaint now?")."""
    from navsupport import ADULTS, answer_all, fill_date, submit
    page = fresh_page
    open_navigator(page)
    answer_all(page, ADULTS, stop_at="stage")
    assert page.inner_text("h1") == "Have we replied to the complaint?"  # ADULTS: for someone else (4.1)
    assert page.locator("input[name=stage]").count() == 1 and page.is_checked("input[name=stage][value=stage1]")
    assert page.is_hidden("input[name=stage]") and page.is_visible("#responded-day")
    assert page.inner_text("[data-field=responded] legend") == "Date of our reply"
    fill_date(page, "responded", "2026-11-20")
    submit(page)
    assert page.inner_text("h1") == "Check your answers"
    row = page.locator(".summary-list div", has_text="Have we replied to the complaint?")
    assert row.locator("dd").first.inner_text() == "Yes, on 20 November 2026"


def test_a_new_question_is_said_once_by_the_focus_on_its_heading(fresh_page):
    """The heading takes focus, which a screen reader reads; the live region stays quiet, or the
    question would be said twice. (A result is also announced, with "Your result:", as the issue asks.)"""
    page = fresh_page
    open_navigator(page)
    page.wait_for_selector("#navigator[data-state=ready]", state="attached")
    before = step(page)
    page.check("input[name=service][value=council_service]")
    page.click("#navigator-view button[type=submit]")
    wait_step(page, before)
    assert page.evaluate("document.activeElement.textContent") == "Which of these is it?"
    assert page.inner_text("#navigator-live") == ""


def test_the_focused_heading_is_outlined_for_keyboard_users_only(fresh_page):
    """After Continue by keyboard, the focus outline shows where you are; after a tap or click it does
    not, where a yellow box around the question reads as a highlight or an error."""
    page = fresh_page
    open_navigator(page)
    page.check("input[value=council_service]")
    before = step(page)
    page.click("button[type=submit]")  # a pointer
    wait_step(page, before)
    outline = "getComputedStyle(document.activeElement).outlineStyle"
    assert page.evaluate("document.activeElement.tagName") == "H1" and page.evaluate(outline) == "none"
    choose_with_arrows(page, "request_type", "complaint")
    tab_to(page, "button[type=submit]")
    press_and_wait(page, "Enter")  # the keyboard
    assert page.evaluate("document.activeElement.tagName") == "H1" and page.evaluate(outline) == "solid"
