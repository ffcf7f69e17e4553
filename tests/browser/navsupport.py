"""Helpers for driving the navigator page, and the same answers through the Python API."""
from __future__ import annotations

import json
from pathlib import Path

from navigator import browser as nav_browser

TODAY = "2026-11-23"


def api(site_dir: Path, request: dict) -> dict:
    """The navigator's reply in CPython, with the built site's rules.json (what the page loads)."""
    rules = json.loads((site_dir / "navigator" / "rules.json").read_text(encoding="utf-8"))
    return json.loads(nav_browser.handle(json.dumps({**request, "rules": rules})))


def api_next(site_dir: Path, answers: dict) -> dict:
    return api(site_dir, {"action": "next", "today": TODAY, "answers": answers})


def date(iso: str) -> dict:
    y, m, d = iso.split("-")
    return {"day": str(int(d)), "month": str(int(m)), "year": y}


def step(page) -> int:
    return int(page.get_attribute("#navigator", "data-step") or 0)


def wait_step(page, before: int, timeout: float = 30_000) -> None:
    page.wait_for_function(f"() => Number(document.querySelector('#navigator').dataset.step || 0) > {before}",
                           timeout=timeout)


def open_navigator(page, fragment: str = "") -> None:
    """Open the navigator; on the shared page, start again in place (Python stays loaded)."""
    if (not fragment and getattr(page, "reusable", False) and page.url.split("#")[0].endswith("/navigator/")
            and page.query_selector("#navigator[data-state=ready]")):
        before = step(page)
        page.evaluate("location.hash = 'reset'")
        page.evaluate("location.hash = ''")
        wait_step(page, before)
        assert current_question(page) == "service"
        return
    page.goto("navigator/" + fragment)
    page.wait_for_selector("#navigator[data-enhanced]")


def wait_ready(page, timeout: float = 30_000) -> None:
    page.wait_for_selector("#navigator[data-state=ready]", state="attached", timeout=timeout)


def current_question(page) -> str | None:
    form = page.query_selector("#navigator-view form.navigator-form")
    return form.get_attribute("data-question") if form else None


def fill_date(page, name: str, value) -> None:
    value = date(value) if isinstance(value, str) else value
    for part in ("day", "month", "year"):
        page.fill(f"#{name}-{part}", value[part])


def fill_question(page, qid: str, answers: dict) -> None:
    """Fill the visible question ``qid`` from ``answers`` (flat answers, as the Python API takes)."""
    if qid == "out_of_scope":
        for value in answers[qid]:
            page.check(f"input[name=out_of_scope][value={value}]")
    elif qid == "problem_dates":
        fill_date(page, "happened", answers["happened"])
        fill_date(page, "found_out", answers["found_out"])
    elif qid == "complained":
        fill_date(page, "complained", answers["complained"])
    else:
        page.check(f"input[name={qid}][value={answers[qid]}]")
        if qid == "stage":
            for name in ("stage_received", "new_date", "responded", "panel"):
                if name in answers:
                    fill_date(page, name, answers[name])
            if answers.get("extended") == "yes":
                page.check("#extended")


def show_as_at(page, iso: str) -> None:
    """Work out the statuses on another day: the result's "Date to work out the statuses on"."""
    fill_date(page, "as_at", iso)
    click_to_next_view(page, "#as-at-form button")


def click_to_next_view(page, selector: str) -> None:
    """Click ``selector`` and wait until the navigator shows the next view (its step counter moves)."""
    before = step(page)
    page.click(selector)
    wait_step(page, before)


def submit(page) -> None:
    click_to_next_view(page, "#navigator-view form.navigator-form button[type=submit]")


def answer_all(page, answers: dict, stop_at: str | None = None) -> None:
    """Answer every question the page asks, to "Check your answers" (or until ``stop_at``)."""
    for _ in range(12):
        qid = current_question(page)
        if qid is None or qid == stop_at:
            return
        fill_question(page, qid, answers)
        submit(page)
        assert not page.is_visible(".error-summary"), page.inner_text(".error-summary")
    raise AssertionError("too many questions")


def to_result(page, answers: dict) -> None:
    open_navigator(page)
    answer_all(page, answers)
    assert page.inner_text("h1") == "Check your answers"
    click_to_next_view(page, "text=See your result")
    page.wait_for_selector(".result h1")


def timeline_rows(page) -> list[dict]:
    """Each row: its item id, date, status and note (the note is in the status cell, after the status)."""
    return page.eval_on_selector_all("table.timeline tbody tr", """rows => rows.map(r => ({
        id: r.dataset.item, date: r.cells[1].innerText.trim(), status: r.cells[3].querySelector('.status').innerText.trim(),
        note: r.cells[3].querySelector('.item-note')?.innerText.trim() ?? null}))""")


CORPORATE_OVERDUE = {
    "service": "council_service", "request_type": "complaint", "complainant": "self", "out_of_scope": ["none"],
    "happened": date("2026-03-02"), "found_out": date("2026-03-02"), "complained_yet": "yes",
    "complained": date("2026-03-10"), "stage": "stage1",
}
ADULTS = {
    "service": "adults_social_care", "request_type": "complaint", "complainant": "representative_with_permission",
    "out_of_scope": ["none"], "happened": date("2026-10-01"), "found_out": date("2026-10-05"),
    "complained_yet": "yes", "complained": date("2026-11-02"), "stage": "stage1",
}
CHILDREN = {
    "service": "children_social_care", "request_type": "complaint", "complainant": "child_or_young_person",
    "out_of_scope": ["none"], "happened": date("2026-06-01"), "found_out": date("2026-06-01"),
    "complained_yet": "yes", "complained": date("2026-06-10"), "stage": "stage2",
    "stage_received": date("2026-10-01"),
}
OUT_OF_TIME = {
    "service": "council_service", "request_type": "complaint", "complainant": "self", "out_of_scope": ["none"],
    "happened": date("2025-06-01"), "found_out": date("2025-06-01"), "complained_yet": "no",
}
SEND_IASS = {
    "service": "send_iass", "request_type": "complaint", "complainant": "self", "out_of_scope": ["none"],
    "happened": date("2026-11-02"), "found_out": date("2026-11-02"), "complained_yet": "no",
}
BROAD_PARK = {**SEND_IASS, "service": "broad_park_house"}
