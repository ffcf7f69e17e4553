"""Whole flows through the navigator, checked against the Python API for the same answers."""
from __future__ import annotations

import pytest

from navsupport import (ADULTS, date, BROAD_PARK, CHILDREN, CORPORATE_OVERDUE, OUT_OF_TIME, SEND_IASS, api_next,
                        click_to_next_view, open_navigator, step, submit, timeline_rows, to_result, wait_step,
                        current_question, fill_question, answer_all, show_as_at)


def check_against_api(page, site_dir, answers):
    expected = api_next(site_dir, answers)
    assert expected["kind"] == "result"
    result = expected["result"]
    rows = timeline_rows(page)
    assert [r["id"] for r in rows] == [i["id"] for i in result["timeline"]]
    for row, item in zip(rows, result["timeline"]):
        assert (row["status"], row["note"]) == (item["status_text"], item.get("note"))
        if item["date_text"]:
            assert row["date"].startswith(item["date_text"])
    return result


@pytest.mark.parametrize("answers,heading", [
    (CORPORATE_OVERDUE, "Corporate complaints procedure"),
    (ADULTS, "Adults' social care complaints procedure"),
    (CHILDREN, "Children's social care complaints procedure"),
])
def test_each_procedure(page, site_dir, answers, heading):
    to_result(page, answers)
    assert page.inner_text(".result h1") == heading
    assert page.title().startswith(f"Result: {heading} - ")
    assert page.evaluate("document.activeElement.tagName") == "H1"
    check_against_api(page, site_dir, answers)
    page.wait_for_function("h => document.querySelector('#navigator-live').textContent === h",
                           arg=f"Your result: {heading}")


def test_overdue_response_says_what_to_do(page, site_dir):
    to_result(page, CORPORATE_OVERDUE)
    warning = page.inner_text(".warning-box")
    assert "Our reply is overdue by 169 working days" in warning
    assert "0800 269851" in warning
    assert "overdue by 169 working days" in page.inner_text("tr[data-item=respond]")
    letter = page.inner_text("#letter")
    grounds = api_next(site_dir, CORPORATE_OVERDUE)["result"]["timeline"][3]["grounds"]
    for ground in grounds:
        assert ground in page.inner_text(".result")  # the policy's grounds, as the rule data words them
    assert "stage 2: Service investigation review" in letter and "10 March 2026" in letter
    # A sentence and a letter use the contact's short name, not the card's title
    assert "To: Speak Up, speakup@coventry.gov.uk" in letter and "Dear Speak Up team," in letter
    assert "Our reply is late. Contact Speak Up to ask when you will get it:" in page.inner_text(".result")
    # 11.2: what to do with an update's new date, if we sent one
    assert ("If we cannot reply in time, we should send you an update with a new date. If we did, add that date "
            "to your answers and we will work out the dates from it.") in warning


def test_children_range_is_shown(page, site_dir):
    to_result(page, CHILDREN)
    assert " to " in page.inner_text("tr[data-item=respond] td:nth-child(2)")
    assert "up to 65 working days" in page.inner_text("tr[data-item=respond]")
    # The letter asking for stage 3 gives the date of the complaint, not of the request for stage 2 (1 October)
    assert "I made a complaint on Wednesday 10 June 2026." in page.inner_text("#letter")
    # App. 1 para 6b: asked for on 1 October 2026, the 25-day aim was Thursday 5 November; as at 23 November
    # the reply is past that aim, but not overdue: it can take up to 65 working days.
    assert "past our aim by 12 working days" in page.inner_text("tr[data-item=respond]")
    assert "overdue" not in page.inner_text(".result")
    assert "We aimed to reply by Thursday 5 November 2026." in page.inner_text(".warning-box")
    assert "We have not replied by the date we aimed for. Contact Speak Up" in page.inner_text(".result")
    # App. 1 para 6c, App. 3: what asking for stage 3 sets going, before the letter that asks for it
    text = page.inner_text(".result")
    said = text.index("If you ask for stage 3, we will acknowledge your request within 2 working days. The review "
                      "panel will meet within 30 working days of your request. We will reply within 15 working days of "
                      "the panel's findings.")
    assert said < text.index("A letter to ask for stage 3")


def test_out_of_time_is_never_a_flat_no(page, site_dir):
    to_result(page, OUT_OF_TIME)
    text = page.inner_text(".result")
    # The fact is the warning; what you can still do follows as ordinary text (a screen of bold on a phone)
    warning = page.locator(".result .warning-text")
    assert warning.count() == 1
    assert warning.text_content() == "Warning: It is more than 12 months since the problem happened on Sunday 1 June 2025."
    assert warning.evaluate("p => p.nextElementSibling.textContent") == (
        "We normally only look at complaints made within 12 months. We can still accept a complaint made later if "
        "there is a good reason, so tell us why it is late. If you make a formal complaint today, this is what "
        "happens under the corporate complaints procedure.")
    # and where you act on it, what to say (9.1)
    said = "When you complain, say why you could not complain sooner."
    assert text.index("To complain, or if that does not put") < text.index(said) < text.index("The Local Government")
    # 9.1 "unless there is good/serious reason": a usual limit, not a last day
    assert ("The usual time limit is 12 months (complaints policy section 9.1). For you, it ran from Sunday 1 June "
            "2025, so until Monday 1 June 2026.") in text
    check_against_api(page, site_dir, OUT_OF_TIME)
    # Not complained yet: the dates are for a complaint made today, so no other day is offered
    assert page.locator("#as-at-form").count() == 0
    # Where the Service Recovery Team decides (10.5), what to say in the complaint too
    to_result(page, {**OUT_OF_TIME, "service": "social_care_unsure"})
    text = page.inner_text(".result")
    assert text.index("Make your complaint in the usual way.") < text.index(said)
    assert text.count(said) == 1


def test_out_of_scope_school(page):
    to_result(page, {"service": "school"})
    assert page.inner_text(".result h1") == "The complaints procedure cannot deal with this"
    assert "head teacher" in page.inner_text(".result")


def test_out_of_scope_from_the_list(page):
    to_result(page, {"service": "council_service", "request_type": "complaint", "complainant": "self",
                     "out_of_scope": ["data_protection_foi"]})
    text = page.inner_text(".result")
    assert "Information Commissioner's Office" in text and "0303 123 1113" in text


def test_not_a_complaint(page):
    to_result(page, {"service": "council_service", "request_type": "first_request"})
    assert page.inner_text(".result h1") == "Ask the service first"  # navigator.yaml: the answer's heading
    assert "Ask the service or report the problem first" in page.inner_text(".result")


def test_a_comment_says_who_to_send_it_to(page):
    """8.1 and 5.2: comments go to Speak Up, like complaints."""
    to_result(page, {"service": "council_service", "request_type": "comment"})
    assert page.inner_text(".result h1") == "How to send a comment"
    assert page.title().startswith("Result: How to send a comment - ")
    card = page.locator(".result .contact")
    assert card.locator(".contact-name").inner_text() == "Speak Up (Coventry City Council complaints)"
    # the same words as the pages' contact blocks
    assert card.locator("li").all_inner_texts() == ["Telephone: 0800 269851", "Email: speakup@coventry.gov.uk",
                                                    "Online: www.coventry.gov.uk/speakup"]


def test_send_iass_first_step(page, site_dir):
    to_result(page, SEND_IASS)
    text = page.inner_text(".result")
    assert "First step: SEND Information, Advice and Support Service (SEND IASS)" in text
    assert "SEND IASS manager" in text and "024 7669 4307" in text
    check_against_api(page, site_dir, SEND_IASS)


def test_after_a_formal_complaint_the_first_step_is_not_asked_for_again(page):
    # Broad Park House guide: speak to staff first; once the formal complaint is made, that step is
    # behind you, but its contacts (Ofsted, the Children's Rights Officer) still help.
    to_result(page, {**BROAD_PARK, "complained_yet": "yes", "complained": date("2026-11-10"), "stage": "stage1"})
    text = page.inner_text(".result")
    assert "First step" not in text and "Speak to staff at Broad Park House" not in text
    assert "You have already made a formal complaint. These contacts can still help:" in text
    for contact in ("Broad Park House", "Ofsted", "Independent Children's Rights Officer"):
        assert contact in text
    # the dates first: once the complaint is made, they are what this page is for
    headings = page.locator(".result h2").all_inner_texts()
    assert headings.index("Time limit and dates") < headings.index("Broad Park House (children's services)") \
        == len(headings) - 1
    # how the dates were counted, beside them, with the page that says it at length
    counting = page.locator(".result p", has_text="We do not count the day something arrives")
    assert counting.locator("a").get_attribute("href") == "../working-days/"
    # in a new tab, said in the link: the answers are not kept once you leave the page (re-test)
    assert counting.locator("a").inner_text() == "How we count working days (opens in new tab)"
    assert counting.locator("a").get_attribute("target") == "_blank"


def test_asking_for_the_next_stage_says_we_may_try_informally_first(page, site_dir):
    # 10.4: "before progressing to the next stage ... consider whether it might be possible to settle
    # the complaint informally"
    to_result(page, {**CORPORATE_OVERDUE, "responded": date("2026-03-20")})
    assert ("When you ask for stage 2, we may first try again to sort out your complaint informally. If that "
            "does not work, stage 2 goes ahead. (complaints policy section 10.4)") \
        in page.inner_text(".result")


def test_broad_park_house_contacts(page):
    to_result(page, BROAD_PARK)
    text = page.inner_text(".result")
    for contact in ("Broad Park House", "Ofsted", "Independent Children's Rights Officer"):
        assert contact in text


def test_change_an_answer_drops_answers_that_no_longer_apply(page):
    answers = {**CORPORATE_OVERDUE, "stage": "stage2", "stage_received": CORPORATE_OVERDUE["complained"]}
    open_navigator(page)
    answer_all(page, answers)
    assert "Stage 2" in page.inner_text(".summary-list")
    click_to_next_view(page, ".summary-list a:has-text('your answer to: What is your complaint about?')")
    assert page.is_checked("input[name=service][value=council_service]")
    # The first question, reached by Change, is a question like the others: its title, and Back.
    assert page.title().startswith("What is your complaint about? - Check which complaints procedure applies")
    click_to_next_view(page, "#navigator-view a.back-link")
    assert page.inner_text("h1") == "Check your answers"
    click_to_next_view(page, ".summary-list a:has-text('your answer to: What is your complaint about?')")
    page.check("input[name=service][value=adults_social_care]")
    submit(page)
    # stage 2 does not exist in the adults' procedure: that question is asked again, and says why
    assert current_question(page) == "stage"
    again = "You changed an earlier answer, so answer this question again."
    assert page.inner_text("#removed-answers") == again
    # read on from the heading focus moves to, not passed by above it
    assert page.evaluate("document.querySelector('#removed-answers').previousElementSibling.tagName") == "LEGEND"
    page.wait_for_function("text => document.getElementById('navigator-live').textContent === text", arg=again)
    fill_question(page, "stage", {"stage": "stage1"})
    submit(page)
    summary = page.inner_text(".summary-list")
    # (one stage: asked as "Have we replied to your complaint?", App. 2 para 7)
    assert "Social care for an adult" in summary and "Have we replied to your complaint?\nNo, not yet" in summary
    assert "10 March 2026" in summary
    assert page.locator("#removed-answers").count() == 0  # said once, where it happened
    # Start again: the first question, titled as every question is (it kept the page's own title)
    click_to_next_view(page, "text=See your result")
    click_to_next_view(page, "#start-again")
    assert current_question(page) == "service"
    assert page.title().startswith("What is your complaint about? - Check which complaints procedure applies")


def test_a_changed_answer_says_which_answers_it_removed(page):
    # GOV.UK "check answers": answers that vanish from the list unannounced leave a screen reader user
    # (and anyone not looking closely) unsure what happened (accessibility review).
    open_navigator(page)
    answer_all(page, CORPORATE_OVERDUE)
    click_to_next_view(page, ".summary-list a:has-text('your answer to: Have you already made a formal complaint')")
    fill_question(page, "complained_yet", {"complained_yet": "no"})
    submit(page)
    assert page.inner_text("h1") == "Check your answers"
    assert page.inner_text("#removed-answers p") == "These answers no longer apply, so we removed them:"
    assert page.locator("#removed-answers li").all_inner_texts() == ["When did you complain?",
                                                                     "Where is your complaint now?"]
    removed = "These answers no longer apply, so we removed them: When did you complain?; Where is your complaint now?"
    assert page.evaluate("document.activeElement.textContent") == "Check your answers"  # focus as before, then said
    page.wait_for_function("text => document.getElementById('navigator-live').textContent === text", arg=removed)
    assert "When did you complain?" not in page.inner_text(".summary-list")
    # A change that removes nothing says nothing
    click_to_next_view(page, ".summary-list a:has-text('your answer to: Who is the complaint for?')")
    fill_question(page, "complainant", {"complainant": "self"})
    submit(page)
    assert page.inner_text("h1") == "Check your answers" and page.locator("#removed-answers").count() == 0


def test_browser_back_and_forward(page):
    open_navigator(page)
    fill_question(page, "service", CORPORATE_OVERDUE)
    submit(page)
    fill_question(page, "request_type", CORPORATE_OVERDUE)
    submit(page)
    assert page.url.endswith("#q=complainant")
    before = step(page)
    page.go_back()
    wait_step(page, before)
    assert current_question(page) == "request_type" and page.is_checked("input[value=complaint]")
    click_to_next_view(page, ".back-link")
    assert current_question(page) == "service"
    before = step(page)
    page.go_forward()
    wait_step(page, before)
    assert current_question(page) == "request_type"
    assert "?" not in page.url


def test_as_at_date_changes_statuses(page, site_dir):
    to_result(page, ADULTS)
    # Social care (navigator.yaml warning): what to do at once comes first, under the heading
    assert page.locator(".result .warning-text").first.text_content() == (
        "Warning: If someone is in danger right now, call 999.")
    assert page.evaluate("document.querySelector('.result h1').nextElementSibling.textContent") == (
        "Warning: If someone is in danger right now, call 999.")
    assert "in 5 working days" in page.inner_text("tr[data-item=respond]")
    # The tables' "App. 2 para 7-8", said in words
    assert "aim: within 20 working days (complaints policy, appendix 2, paragraph 7-8)" in page.inner_text(
        "tr[data-item=respond]")
    show_as_at(page, "2026-12-04")
    expected = api_next(site_dir, {**ADULTS, "as_at": {"day": "4", "month": "12", "year": "2026"}})["result"]
    respond = next(i for i in expected["timeline"] if i["id"] == "respond")
    assert respond["status_text"] == "past our aim by 4 working days"  # App. 2 para 7: "the aim is"
    assert respond["status_text"] in page.inner_text("tr[data-item=respond]")
    assert "Friday 4 December 2026" in page.inner_text("table.timeline caption")
    # A day still to come (today is 23 November 2026): what will be so then, if no reply comes first
    text = page.inner_text(".result")
    assert ("If we have not replied by Friday 4 December 2026, our reply will then be past our aim by 4 working "
            "days.") in text
    assert page.query_selector("#chase-letter") is None  # it may yet come by then: no letter saying it has not
    # App. 2 para 8: the Service Recovery Team is for after our reply, which has not come
    assert ("Once you have our reply: if you are still unhappy, contact the Service Recovery Team to see if your "
            "further concerns can be resolved.") in text
    assert "We have not replied yet." not in text
    assert page.evaluate("document.activeElement.id") == "dates"
    # as at the due date itself
    show_as_at(page, "2026-11-30")
    assert "due today" in page.inner_text("tr[data-item=respond]")


def test_answering_before_python_is_ready(fresh_page, context):
    page = fresh_page
    held = []
    context.route("**/navigator/rules.json", lambda route: held.append(route))
    open_navigator(page)
    page.check("input[name=service][value=council_service]")
    page.click("#navigator-form button")
    page.wait_for_selector("#navigator-status:has-text('Getting ready to check your answer')")
    page.wait_for_function("() => document.querySelector('#navigator-live').textContent.includes('Getting ready to check your answer')")
    held[0].continue_()
    page.wait_for_selector("h1:has-text('Which of these is it?')", timeout=30_000)
    assert page.is_hidden("#navigator-status")


def test_python_failing_offers_the_static_answers(fresh_page, context):
    page = fresh_page
    context.route("**/pyodide/pyodide.mjs", lambda route: route.abort())
    open_navigator(page)
    page.wait_for_selector("#navigator-status:has-text('The questions are not working')", timeout=20_000)
    assert page.is_visible("#navigator-static a[href='council-service/']")
    assert page.is_visible("#navigator-status a[href='../timescales/']")
    page.problems.clear()


def _served_as_text(route):
    """The real WebAssembly, with the wrong type (a server that does not know .wasm)."""
    try:
        response = route.fetch()
        route.fulfill(status=200, body=response.body(), content_type="text/plain")
    except Exception:  # noqa: BLE001 -- the service worker's precache copy, still on its way as the test ends
        pass


COULD_NOT_LOAD = "The questions could not load. You can try reloading the page later."
COULD_NOT_START = ("The questions could not start. Try reloading the page. If that does not help, this browser "
                   "cannot run them.")


@pytest.mark.parametrize("wasm,said", [
    pytest.param(lambda route: route.abort(), COULD_NOT_LOAD, id="connection-lost"),
    pytest.param(lambda route: route.fulfill(status=404, body="not here"), COULD_NOT_LOAD, id="missing"),
    pytest.param(_served_as_text, COULD_NOT_LOAD, id="wrong-type"),
    # bytes that arrive but do not compile: a damaged download, or a browser lacking a WebAssembly
    # feature; the page cannot tell which
    pytest.param(lambda route: route.fulfill(status=200, body=b"\0asm\x01\0\0\0\xff",
                                             content_type="application/wasm"), COULD_NOT_START, id="does-not-compile"),
])
def test_the_webassembly_failing_to_load_says_so_at_once(fresh_page, context, wasm, said):
    """Pyodide swallows this failure and would wait for ever: the page must not call it slow 12 s later.
    The form, which cannot go on, goes; the page's heading and the list of answers stay, and the
    notice takes the focus."""
    page = fresh_page
    context.route("**/pyodide/pyodide.asm.wasm", wasm)
    open_navigator(page)
    page.wait_for_selector("#navigator[data-state=failed]", state="attached", timeout=8_000)
    assert page.inner_text("#navigator-status p") == (
        f"{said} You can still find out which procedure applies and when we should reply.")
    assert page.is_hidden("#navigator-form") and page.is_hidden("#navigator-view")
    assert [h.inner_text() for h in page.query_selector_all("main h1, main h2")][:3] == [
        "Check which complaints procedure applies", "The questions are not working", "What is your complaint about?"]
    assert page.evaluate("document.activeElement.textContent") == "The questions are not working"
    assert page.is_visible("#navigator-static a[href='council-service/']")
    page.problems.clear()


@pytest.mark.parametrize("fragment", ["", "#a=eyJzZXJ2aWNlIjoiY291bmNpbF9zZXJ2aWNlIn0"])  # and a share link
def test_a_browser_without_webassembly_is_told_so(browser, base_url, fragment):
    """The notice, under the page's heading, and the list of answers: nothing hides them afterwards."""
    ctx = browser.new_context(base_url=base_url)
    try:
        ctx.add_init_script("delete globalThis.WebAssembly")
        page = ctx.new_page()
        page.goto("navigator/" + fragment)
        page.wait_for_selector("#navigator[data-state=failed]", state="attached", timeout=8_000)
        page.wait_for_timeout(500)  # anything the page does after failing (a share link's request) has run
        assert page.inner_text("#navigator-status p").startswith("The questions cannot run in this browser.")
        assert [h.inner_text() for h in page.query_selector_all("main h1, main h2") if h.is_visible()][:3] == [
            "Check which complaints procedure applies", "The questions are not working",
            "What is your complaint about?"]
        assert page.is_visible("#navigator-static a[href='council-service/']")
    finally:
        ctx.close()


def test_python_ready_after_a_slow_start_leaves_one_set_of_questions(fresh_page, context):
    """On a slow line the fallback shows the static list (after 12 s); once Python is ready, the
    live questions are the only ones on screen."""
    page = fresh_page
    held = []
    context.route("**/pyodide/pyodide.asm.wasm", lambda route: held.append(route))
    open_navigator(page)
    page.wait_for_selector("#navigator-status:has-text('taking longer than usual')", timeout=30_000)
    # The questions may yet work: no "not working" heading above them, and their choices not twice
    assert page.locator("#navigator-status h2").count() == 0
    assert page.is_hidden("#navigator-static")
    page.click("#navigator-status a:has-text('Choose what your complaint is about from a list')")
    assert page.is_visible("#navigator-static a[href='council-service/']")
    assert held, "the WebAssembly was not asked for"
    for route in held:
        route.continue_()
    context.unroute("**/pyodide/pyodide.asm.wasm")
    page.wait_for_selector("#navigator[data-state=ready]", timeout=30_000)
    assert page.is_hidden("#navigator-static") and page.is_hidden("#navigator-status")
    assert page.locator("text=What is your complaint about >> visible=true").count() == 1


def test_a_late_response_is_shown_as_late_even_once_it_came(page, site_dir):
    # 11.2: complaint received Tuesday 10 March 2026, reply due Tuesday 24 March; it came on Good Friday, 3 April: 7 working days late.
    answers = {**CORPORATE_OVERDUE, "responded": date("2026-04-03")}
    to_result(page, answers)
    check_against_api(page, site_dir, answers)
    row = page.inner_text("tr[data-item=respond]")
    assert "done, 7 working days late" in row
    # the date it counts from, named (re-test: beside a row of two dates, it did not say which)
    assert ("We replied on Friday 3 April 2026, 7 working days after Tuesday 24 March 2026, the date the policy "
            "gives.") in row
    assert not page.locator(".warning-box.overdue").count()


def test_not_sure_which_social_care_after_complaining_calls_no_reply_overdue(page, site_dir):
    # 10.5: the Service Recovery Team decides the procedure; we never asked whether a reply came.
    answers = {**ADULTS, "service": "social_care_unsure"}
    answers.pop("stage")
    to_result(page, answers)
    assert not page.locator(".warning-box.overdue").count()
    text = page.inner_text(".result")
    assert "The Service Recovery Team will tell you which procedure it uses for your complaint" in text
    assert "Make your complaint in the usual way" not in text


def test_a_complaint_not_made_yet_is_told_about_informal_resolution_first(page, site_dir):
    to_result(page, OUT_OF_TIME)  # complained_yet: no
    informal = api_next(site_dir, OUT_OF_TIME)["result"]["informal"]
    assert f"{informal['text']} (complaints policy section {informal['section']})" in page.inner_text(".result")


def test_deadlines_already_gone_are_not_written_as_instructions(page, site_dir):
    # 12.4: response Friday 20 March 2026, so the usual last day to ask for stage 2 was Tuesday 21 April
    # (Good Friday and Easter Monday in between); as at 23 November it has passed.
    to_result(page, {**CORPORATE_OVERDUE, "responded": date("2026-03-20")})
    text = page.inner_text(".result")
    assert ("The usual time to ask for stage 2: Service investigation review ended on Tuesday 21 April 2026. "
            "You can still ask after this date, saying why you could not ask sooner.") in text
    assert "ask for stage 2: Service investigation review by" not in text
    assert "passed" in page.inner_text("tr[data-item=escalate]")
    # 13.1: 12 months from 1 June 2025, when they found out: gone by 23 November 2026
    to_result(page, OUT_OF_TIME)
    text = page.inner_text(".result")
    assert "For you, the 12 months ended on Monday 1 June 2026 (from Sunday 1 June 2025; complaints policy " \
           "section 13.1)." in text
    assert "Ombudsman. The Ombudsman is free and independent of the council." in text  # said at first mention
    assert "Go to the Ombudsman by" not in text


def test_the_ombudsman_limit_is_not_an_instruction_while_our_stages_are_open(page):
    # 13.1 and 13.2: at stage 3, with our response due after the Ombudsman's usual 12 months end
    # (found out 1 December 2025), the page must not tell you to go to the Ombudsman by then.
    answers = {**CHILDREN, "happened": date("2025-11-20"), "found_out": date("2025-12-01"),
               "complained": date("2026-01-12"), "stage": "stage3", "stage_received": date("2026-10-20"),
               "panel": date("2026-12-01")}
    to_result(page, answers)
    text = page.inner_text(".result")
    assert "Go to the Ombudsman by" not in text
    assert ("The Ombudsman usually expects a complaint within 12 months of when you found out about the problem. "
            "For you, the 12 months end on Tuesday 1 December 2026 (from Monday 1 December 2025; complaints policy "
            "section 13.1).") in text
    # an example that fits whoever reads it, including someone who has not complained yet (re-test)
    assert "If you go later, tell the Ombudsman why. For example, if you were still going through the " \
           "council's complaints procedure, say so." in text
    assert "If you are not sure, ask the Ombudsman's advice team." in text  # 13.2


def test_an_update_with_a_new_date_in_the_browser(page, site_dir):
    # 11.2: complaint received Tuesday 10 March 2026, due Tuesday 24 March; our update gave Tuesday 14 April
    answers = {**CORPORATE_OVERDUE, "new_date": date("2026-04-14")}
    to_result(page, answers)
    check_against_api(page, site_dir, answers)
    [row] = [r for r in timeline_rows(page) if r["id"] == "respond"]
    assert row["date"] == "Tuesday 14 April 2026"
    # the date itself is in the row; no "we", as the note goes in a calendar too
    assert row["note"] == "The date from the council's update. The usual date was Tuesday 24 March 2026."
    assert "new date in our update, 14 April 2026" in page.inner_text(".summary-list")


def test_the_letter_says_a_late_reply_was_late_and_who_it_is_for(page, site_dir):
    """12.1: a reply after the policy's date is a ground (procedures not properly applied), so the letter
    says so; and someone acting for another (4.1, 4.2) is told to name them (advocate's review)."""
    answers = {**CORPORATE_OVERDUE, "complainant": "representative_with_permission", "responded": date("2026-04-14")}
    to_result(page, answers)
    respond = next(i for i in api_next(site_dir, answers)["result"]["timeline"] if i["id"] == "respond")
    assert respond["status"] == "done_late"
    letter = page.inner_text("#letter")
    # either of them may have made the complaint, so not "sent me" (4.1)
    assert (f"You sent your reply at stage 1 on Tuesday 14 April 2026. Your reply came {respond['working_days']} working "
            "days after Tuesday 24 March 2026, the date the complaints policy gives. I am not happy with your reply"
            ) in letter
    assert "I am acting for [their name]. [Say that they agreed, or why they cannot complain themselves.]" in letter
    to_result(page, {**CORPORATE_OVERDUE, "responded": date("2026-03-20")})  # on time, and for yourself
    letter = page.inner_text("#letter")
    assert "Your reply came" not in letter and "acting for" not in letter


def test_when_the_last_reply_is_late_what_to_do_next_says_you_need_not_wait(page):
    """13: adults' social care has one stage; with no reply by the aim (App. 2 para 7), the warning, the
    Ombudsman's row and "What to do next" all say you can go now (re-test: the last still said after our reply)."""
    to_result(page, {**ADULTS, "complained": date("2026-10-01"), "happened": date("2026-09-20"),
                     "found_out": date("2026-09-20")})
    then = "If you are still waiting for it, you can go to the Ombudsman now."
    assert f"We aimed to reply by then. {then}" in page.inner_text("tr[data-item=ombudsman]")  # the row has the date
    section = page.locator(".result h3", has_text="The Local Government and Social Care Ombudsman")
    # away from the table, the date itself (diff review: "by then" had nothing to refer to)
    assert section.evaluate("h => h.nextElementSibling.textContent") == f"We aimed to reply by Thursday 29 October 2026. {then}"


def test_once_made_in_time_the_time_limit_has_no_last_day_to_act_by(page):
    """9.1: made in time, the limit's last day is not a deadline any more; beside the Ombudsman's 12 months
    (13.1) it read as a new one (re-test, a parent at stage 3)."""
    to_result(page, CHILDREN)
    text = page.inner_text(".result")
    assert ("The usual time limit is 12 months (complaints policy section 9.1). For you, it counts from Monday 1 June "
            "2026, and you complained within it.") in text
    assert "so until Tuesday 1 June 2027" not in text
    to_result(page, {**ADULTS, "found_out": date("2026-10-01")})  # acting for another (4.1)
    text = page.inner_text(".result")
    assert "For this complaint, it counts from Thursday 1 October 2026, and the complaint was made within it." in text
    assert "For this complaint, the 12 months end on Friday 1 October 2027" in text and "For you," not in text


def test_at_the_last_stage_what_to_do_next_says_to_wait_for_our_reply_first(page):
    """13.2: the Ombudsman normally comes after our last stage. While its reply is still to come (and
    not late), "What to do next" says to wait for it, and who to ask meanwhile, before the Ombudsman."""
    to_result(page, {**CORPORATE_OVERDUE, "stage": "stage2", "stage_received": date("2026-11-10")})
    text = page.inner_text(".result")
    wait = "Wait for our reply at stage 2. If you have a question about your complaint before then, contact Speak Up:"
    assert wait in text
    assert text.index("What to do next") < text.index(wait) < text.index(
        "If you are still unhappy after our reply at stage 2, you can complain to the")
    assert "0800 269851" in text[text.index(wait):]
    # Adults' social care has one stage (App. 2 para 7), as the Ombudsman's paragraph names it; someone acting
    # for another is asked about "the" complaint
    to_result(page, ADULTS)
    text = page.inner_text(".result")
    assert "Wait for our reply at stage 1. If you have a question about the complaint before then, contact" in text
    assert "If you are still unhappy after our reply at stage 1, you can complain to the" in text
    # Once it has come, the Ombudsman is next; once it is late, that is said instead (above)
    to_result(page, {**CORPORATE_OVERDUE, "stage": "stage2", "stage_received": date("2026-11-10"),
                     "responded": date("2026-11-20")})
    assert "Wait for our reply" not in page.inner_text(".result")
    to_result(page, {**CORPORATE_OVERDUE, "stage": "stage2", "stage_received": date("2026-10-01")})
    assert "Our reply is late." in page.inner_text(".result")
    assert "Wait for our reply" not in page.inner_text(".result")


def test_out_of_time_under_each_possible_procedure_the_warning_is_the_fact_alone(page, site_dir):
    """10.5: where the Service Recovery Team decides, each possible procedure's time limit is given under
    its dates; out of time, each warning is the fact, and what you can still do is ordinary text."""
    answers = {**ADULTS, "service": "social_care_unsure", "happened": date("2025-01-05"),
               "found_out": date("2025-01-05"), "complained": date("2026-03-10")}
    to_result(page, answers)
    result = api_next(site_dir, answers)["result"]
    facts = [p["time_limit"]["late_text"] for p in result["possible_procedures"]]
    assert len(facts) == 3 and all(facts)
    warnings = page.locator(".result .warning-text").all_text_contents()
    assert [w for w in warnings if "12 months" in w] == [f"Warning: {fact}" for fact in facts]
    assert not any("We normally only look at" in w for w in warnings)
    assert page.inner_text(".result").count("We normally only look at complaints made within 12 months.") == 3


def test_a_reply_given_in_the_answers_is_not_waited_for_on_an_earlier_day(page):
    """App. 2 para 8: with our reply given (20 November), the statuses as at a day before it (10 November)
    show it still to come, but "What to do next" does not tell you to wait for a reply you have."""
    to_result(page, {**ADULTS, "responded": date("2026-11-20")})
    show_as_at(page, "2026-11-10")
    text = page.inner_text(".result")
    assert "Tuesday 10 November 2026" in page.inner_text("table.timeline caption")
    assert "Wait for our reply" not in text and "Once you have our reply" not in text
    assert ("If you are still unhappy, contact the Service Recovery Team to see if your further concerns can be "
            "resolved.") in text


def test_for_someone_else_the_found_out_date_is_theirs_or_yours(page):
    """9.1, 13.1, 4.1: the time limits count from when the problem was known of. Someone acting for
    another was asked for the date "you found out", when the person it is for may have known first."""
    open_navigator(page)
    answer_all(page, ADULTS, stop_at="problem_dates")
    assert page.inner_text("#found_out-day >> xpath=ancestor::fieldset[1]/legend") == \
        "Date you or they found out about the problem"
    to_result(page, ADULTS)
    assert ("The Ombudsman usually expects a complaint within 12 months of when you or they found out about the "
            "problem. For this complaint, the 12 months end on") in page.inner_text(".result")


def test_a_changed_answer_keeps_the_day_the_statuses_are_worked_out_on(page, site_dir):
    """An advocate's meeting date ("as at") stays through a Change, or says why it cannot (re-test: it went
    back to today without a word)."""
    to_result(page, CORPORATE_OVERDUE)
    show_as_at(page, "2026-12-04")
    click_to_next_view(page, ".summary-list a[href$='q=complained']")  # Change
    fill_question(page, "complained", {"complained": date("2026-03-12")})
    submit(page)
    answer_all(page, CORPORATE_OVERDUE)  # anything asked again
    click_to_next_view(page, "#see-result")
    expected = api_next(site_dir, {**CORPORATE_OVERDUE, "complained": date("2026-03-12"),
                                   "as_at": date("2026-12-04")})["result"]
    respond = next(i for i in expected["timeline"] if i["id"] == "respond")
    assert respond["status_text"] in page.inner_text("tr[data-item=respond]")
    assert page.input_value("#as_at-day") == "4" and "Now showing Friday 4 December 2026" in page.inner_text("#as-at-form")
    # A day before the complaint as it now is: in its boxes, with its error, over the result as at today
    show_as_at(page, "2026-03-20")
    click_to_next_view(page, ".summary-list a[href$='q=complained']")
    fill_question(page, "complained", {"complained": date("2026-03-25")})
    submit(page)
    answer_all(page, {**CORPORATE_OVERDUE, "complained": date("2026-03-25")})
    click_to_next_view(page, "#see-result")
    assert page.text_content("#as_at-error") == ("Error: Date to work out the statuses on must be the same as or "
                                                 "after the date you complained")
    assert page.is_visible(".error-summary") and page.input_value("#as_at-day") == "20"
    page.go_back()  # the result was a step in history, as any result is
    page.wait_for_selector("h1:text('Check your answers')")


def test_the_kept_day_is_the_one_last_shown_and_stays_for_another_look(page, site_dir):
    """Review: "See your result" a second time (after Back) went back to today, and a day cleared on the
    result came back after a Change."""
    to_result(page, CORPORATE_OVERDUE)
    show_as_at(page, "2026-12-04")
    click_to_next_view(page, ".summary-list a[href$='q=complained']")
    submit(page)  # the same date
    answer_all(page, CORPORATE_OVERDUE)
    click_to_next_view(page, "#see-result")
    assert "Now showing Friday 4 December 2026" in page.inner_text("#as-at-form")
    page.go_back()
    page.wait_for_selector("h1:text('Check your answers')")
    click_to_next_view(page, "#see-result")
    assert "Now showing Friday 4 December 2026" in page.inner_text("#as-at-form")
    # cleared on the result: today from then on
    for part in ("day", "month", "year"):
        page.fill(f"#as_at-{part}", "")
    click_to_next_view(page, "#as-at-form button")
    assert "Now showing Monday 23 November 2026" in page.inner_text("#as-at-form")
    click_to_next_view(page, ".summary-list a[href$='q=complained']")
    submit(page)
    answer_all(page, CORPORATE_OVERDUE)
    click_to_next_view(page, "#see-result")
    assert "Now showing Monday 23 November 2026" in page.inner_text("#as-at-form")


def test_an_error_on_an_earlier_question_keeps_what_was_typed_on_a_later_one(page):
    """Review: a date put right to the same as before counted as a changed answer, so what had been
    typed on the next question (left by Back) was forgotten."""
    open_navigator(page)
    answer_all(page, CHILDREN, stop_at="stage")
    page.check("input[name=stage][value=stage2]")
    fill_question(page, "stage", {"stage": "stage2", "stage_received": date("2026-10-05")})
    click_to_next_view(page, "a.back-link")
    fill_question(page, "complained", {"complained": {"day": "31", "month": "2", "year": "2026"}})
    submit(page)
    assert page.is_visible(".error-summary")
    fill_question(page, "complained", CHILDREN)
    submit(page)
    assert page.is_checked("input[name=stage][value=stage2]")
    assert page.input_value("#stage_received-day") == "5"
