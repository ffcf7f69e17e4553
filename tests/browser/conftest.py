"""Browser tests: the built site, served locally, driven in Debian's Chromium by Playwright.

One build (with the Pyodide runtime, ``today`` fixed at 2026-11-23) and one server for the
session; one browser per module. Flow tests share one page per module (the navigator starts
again in place, so Python loads once); tests that route requests or need a cold start get a
new context (``fresh_page``).
"""
from __future__ import annotations

import datetime
import sys
import threading
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
for extra in (REPO, REPO / "tools"):
    if str(extra) not in sys.path:
        sys.path.insert(0, str(extra))

TODAY = "2026-11-23"

playwright_sync = pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory) -> Path:
    from generator.build import build
    site = tmp_path_factory.mktemp("browser") / "site"
    build(REPO / "content", site, datetime.date.fromisoformat(TODAY), runtime=True)
    return site


@pytest.fixture(scope="session")
def published_at() -> str:
    """The path of the address the site is published at (base_url): "/complaints-guidance/"."""
    from generator.content import load_content
    from generator.pages import site_path
    return site_path(load_content(REPO / "content").site.base_url)


@pytest.fixture(scope="session")
def base_url(site_dir, published_at):
    """The site at /, and also at its published path, where the 404 page links (generator/pages.py NOT_FOUND)."""
    from serve import make_server
    server = make_server(site_dir, 0, quiet=True, published_at=published_at)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    host, port = server.server_address[:2]
    yield f"http://{host}:{port}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def browser():
    """One browser per test module (module scope, not session: other browser tests in this folder
    start their own Playwright, which cannot run while another sync Playwright is open)."""
    from generator.check.axe import launch_chromium
    with playwright_sync.sync_playwright() as p:
        b = launch_chromium(p)
        yield b
        b.close()


def _watch(pg):
    pg.problems = []
    pg.on("pageerror", lambda e: pg.problems.append(f"pageerror: {e}"))
    pg.on("console", lambda m: pg.problems.append(f"console {m.type}: {m.text}")
          if m.type == "error" and not m.text.startswith("Failed to load resource") else None)
    pg.on("response", lambda r: pg.problems.append(f"HTTP {r.status}: {r.url}")
          if r.status >= 400 and not r.url.endswith("/favicon.ico") else None)
    pg.on("dialog", lambda d: (pg.problems.append(f"dialog: {d.message}"), d.dismiss()))
    return pg


@pytest.fixture
def context(browser, base_url):
    """A new context (cold storage and caches): for tests that route requests or need a fresh worker."""
    ctx = browser.new_context(accept_downloads=True, base_url=base_url)
    yield ctx
    ctx.close()


@pytest.fixture
def fresh_page(context):
    """A page of its own that fails the test on any JavaScript error, failed request or dialog."""
    pg = _watch(context.new_page())
    yield pg
    assert pg.problems == []


@pytest.fixture(scope="module")
def _shared(browser, base_url):
    ctx = browser.new_context(accept_downloads=True, base_url=base_url)
    pg = _watch(ctx.new_page())
    pg.reusable = True
    yield pg
    ctx.close()


@pytest.fixture
def page(_shared):
    """One page shared by the flow tests, so Python loads once: navsupport.open_navigator resets the
    navigator in place (as "Start again" does) instead of reloading. Same checks as fresh_page."""
    _shared.problems.clear()
    yield _shared
    assert _shared.problems == []


@pytest.fixture
def axe_page(browser, base_url):
    """A page in a context that may inject axe-core (CSP bypassed for the injected script only)."""
    ctx = browser.new_context(bypass_csp=True, base_url=base_url)
    pg = ctx.new_page()
    pg.problems = []
    pg.on("pageerror", lambda e: pg.problems.append(f"pageerror: {e}"))
    yield pg
    ctx.close()
    assert pg.problems == []


# What the page was doing when a browser test failed, for a failure that will not come back on
# demand (CI once timed out on a visible radio: Playwright's "stable" check never returned).
# Read with a polling timer, not requestAnimationFrame, and with a deadline, so that a page that
# has stopped drawing frames still answers, and a page that answers nothing does not hang here.
PAGE_STATE_JS = """() => new Promise((resolve) => {
    const nav = document.querySelector('#navigator');
    const state = {url: location.href, visibility: document.visibilityState, focused: document.hasFocus(),
        navigator: nav ? {...nav.dataset} : null, active: document.activeElement?.outerHTML.slice(0, 120),
        status: document.querySelector('#navigator-status:not([hidden])')?.innerText ?? null};
    let settled = false;
    requestAnimationFrame(() => { if (!settled) { settled = true; resolve({...state, frames: 'drawing'}); } });
    setTimeout(() => { if (!settled) { settled = true; resolve({...state, frames: 'none in 2 s'}); } }, 2000);
})"""


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.when != "call" or not report.failed:
        return
    for name in ("fresh_page", "page", "axe_page"):
        pg = item.funcargs.get(name) if hasattr(item, "funcargs") else None
        if pg is None or pg.is_closed():
            continue
        try:
            handle = pg.wait_for_function(f"({PAGE_STATE_JS})()", polling=100, timeout=5000)
            report.sections.append((f"page state ({name})", repr(handle.json_value())))
        except Exception as error:  # the page could not answer: that is the finding
            report.sections.append((f"page state ({name})", f"the page did not answer: {error}"))
