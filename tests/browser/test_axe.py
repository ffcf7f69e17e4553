"""axe-core finds no WCAG 2.2 AA violation in any state of the navigator or the calculator."""
from __future__ import annotations

from generator.check.axe import run_axe
from navsupport import ADULTS, answer_all, click_to_next_view, open_navigator, submit


def clean(page):
    violations = run_axe(page)
    assert violations == [], [(v["id"], v["nodes"][0]["target"], v["help"]) for v in violations]


def test_navigator_states(axe_page):
    page = axe_page
    open_navigator(page)
    clean(page)  # the first question
    submit(page)
    clean(page)  # error state
    answer_all(page, ADULTS, stop_at="problem_dates")
    page.fill("#happened-day", "31")
    page.fill("#happened-month", "2")
    page.fill("#happened-year", "2026")
    submit(page)
    clean(page)  # date error state
    answer_all(page, ADULTS)
    clean(page)  # check your answers, then the stage question's conditional fields already passed
    click_to_next_view(page, "text=See your result")
    clean(page)  # result
    page.fill("#as_at-day", "40")
    click_to_next_view(page, "#as-at-form button")
    assert page.is_visible(".error-summary")
    clean(page)  # result with an "as at" error


def test_stage_question(axe_page):
    page = axe_page
    open_navigator(page)
    answer_all(page, {**ADULTS, "service": "children_social_care"}, stop_at="stage")
    page.check("input[name=stage][value=stage3]")
    clean(page)


def test_calculator_and_static_pages(axe_page):
    page = axe_page
    page.goto("navigator/working-days/")
    page.wait_for_selector("#calculator[data-enhanced]")
    clean(page)
    page.click("#add-form button[type=submit]")
    page.wait_for_selector(".error-summary", timeout=30_000)
    clean(page)
    page.goto("navigator/council-service/")
    clean(page)
