"""How the navigator's Python starts (issue 4, "Speed and size"): one worker, started from the
page's <head>; on later visits from a start-up snapshot kept in the browser, which gives the
same answers as a fresh start, holds no one's answers, and is thrown away when damaged; Brotli
copies of the runtime on the wire."""
from __future__ import annotations

import json

import pytest

from browser_env import eventually
from navsupport import CORPORATE_OVERDUE, timeline_rows, to_result, wait_ready

pytestmark = pytest.mark.browser

SNAPSHOT_KEPT = """async () => {
    const name = (await caches.keys()).find((n) => n.startsWith('complaints-guidance-snapshot-'));
    return !!name && (await (await caches.open(name)).keys()).length === 1;
}"""
DAMAGE_SNAPSHOT = """async (bytes) => {
    const name = (await caches.keys()).find((n) => n.startsWith('complaints-guidance-snapshot-'));
    const cache = await caches.open(name);
    const [key] = await cache.keys();
    await cache.put(key, new Response(new Uint8Array(bytes)));
}"""
NOT_A_FILE_OF_PAGES = [1, 2, 3, 4, 5, 6, 7, 8, 9]
PAGES_BUT_NOT_A_SNAPSHOT = [0, 4, 0, 0, 0, 0, 0, 0]  # 1024 bytes of zeros, stored as no pages
SNAPSHOT_BYTES = """async () => {
    const name = (await caches.keys()).find((n) => n.startsWith('complaints-guidance-snapshot-'));
    const cache = await caches.open(name);
    const [key] = await cache.keys();
    return Array.from(new Uint8Array(await (await cache.match(key)).arrayBuffer()));
}"""


def snapshot_state(page) -> str:
    return page.get_attribute("#navigator", "data-snapshot")


def result_of(page) -> tuple[str, list[dict]]:
    to_result(page, CORPORATE_OVERDUE)
    return page.inner_text(".result h1"), timeline_rows(page)


COUNT_WORKERS = """(() => {
    const Real = window.Worker; window.startedWorkers = [];
    window.Worker = function (url, options) { window.startedWorkers.push(new Error().stack); return new Real(url, options); };
})();"""


def delayed(page, pattern: str, ms: int) -> None:
    """Hold back one script by ``ms`` (the async head script and the page's modules may run in either order)."""
    def handle(route):
        page.wait_for_timeout(ms)
        route.continue_()
    page.route(pattern, handle)


@pytest.mark.parametrize("late, starter", [
    ("**/assets/navigator.js", "navigator-boot.js"),       # the usual order: the head script first
    ("**/assets/navigator-boot.js", "navigator-client.js"),  # the head script last: it must start no second worker
])
def test_exactly_one_worker_whichever_script_runs_first(fresh_page, late, starter):
    page = fresh_page
    page.add_init_script(COUNT_WORKERS)
    delayed(page, late, 400)
    page.goto("navigator/")
    wait_ready(page)
    page.wait_for_timeout(500)  # the late script has run by now
    stacks = page.evaluate("window.startedWorkers")
    assert len(stacks) == 1 and starter in stacks[0], stacks
    assert result_of(page)[0]


def test_without_the_head_script_the_page_starts_the_worker_itself(fresh_page):
    page = fresh_page
    page.route("**/navigator-boot.js", lambda route: route.fulfill(status=200, body="",
                                                                  content_type="text/javascript"))
    page.goto("navigator/")
    wait_ready(page)
    assert result_of(page)[0]


def test_a_later_visit_restores_the_snapshot_and_answers_the_same(fresh_page):
    page = fresh_page
    page.goto("navigator/")
    wait_ready(page)
    assert snapshot_state(page) == "saved"
    fresh = result_of(page)
    eventually(page, SNAPSHOT_KEPT)

    page.goto("about:blank")
    page.goto("navigator/")
    wait_ready(page)
    assert snapshot_state(page) == "used"
    assert result_of(page) == fresh


def test_the_snapshot_is_taken_before_any_answer(fresh_page):
    """It is kept on the device: it must hold none of the resident's answers."""
    page = fresh_page
    page.goto("navigator/")
    wait_ready(page)
    to_result(page, CORPORATE_OVERDUE)  # answered before the snapshot is written to the cache
    eventually(page, SNAPSHOT_KEPT)
    kept = bytes(page.evaluate(SNAPSHOT_BYTES))
    assert b"2026-03-10" not in kept and b"council_service" in kept  # the rules are in it; the answers not


@pytest.mark.parametrize("damage", [NOT_A_FILE_OF_PAGES, PAGES_BUT_NOT_A_SNAPSHOT])
def test_a_damaged_snapshot_is_replaced_by_a_fresh_start(fresh_page, damage):
    page = fresh_page
    page.goto("navigator/")
    wait_ready(page)
    eventually(page, SNAPSHOT_KEPT)
    page.evaluate(DAMAGE_SNAPSHOT, damage)

    page.goto("about:blank")
    page.goto("navigator/")
    wait_ready(page)
    assert snapshot_state(page) == "saved"  # started afresh, and took a new one
    assert result_of(page)[0]
    eventually(page, SNAPSHOT_KEPT)
    page.goto("about:blank")
    page.goto("navigator/")
    wait_ready(page)
    assert snapshot_state(page) == "used"


RUNTIME_KEPT = """async () => {
    const name = (await caches.keys()).find((n) => n.startsWith('complaints-guidance-runtime-'));
    const kept = name ? (await (await caches.open(name)).keys()).map((r) => r.url.split('/').pop()) : [];
    return ['pyodide.asm.wasm', 'python_stdlib.zip', 'pyodide-lock.json'].every((f) => kept.includes(f));
}"""


def test_a_later_visit_reads_the_runtime_from_the_cache_not_through_the_service_worker(fresh_page):
    """Through the service worker a file took about three times as long per byte (navigator-worker.js)."""
    page = fresh_page
    page.goto("navigator/")
    wait_ready(page)
    eventually(page, SNAPSHOT_KEPT)
    eventually(page, RUNTIME_KEPT)
    requested = []
    page.context.on("request", lambda r: requested.append(r.url.rsplit("/", 1)[-1]) if "/pyodide/" in r.url else None)

    page.goto("about:blank")
    page.goto("navigator/")
    wait_ready(page)
    assert snapshot_state(page) == "used"
    assert sorted(set(requested)) == ["pyodide.asm.mjs", "pyodide.mjs"]  # imported, so through the service worker
    assert result_of(page)[0]


def test_the_webassembly_is_asked_for_as_the_worker_starts_and_once(fresh_page):
    """Its download and compiling go on while Pyodide's JavaScript loads (make bench: Python ready about
    45 ms sooner on a first visit). Pyodide's module is held back here: if only Pyodide asked for the
    file, it would not be asked for at all while held. Pyodide is then given that response, not a second one."""
    page = fresh_page
    held, wasm = [], []
    page.context.route("**/pyodide/pyodide.mjs", lambda route: held.append(route))
    page.context.on("request", lambda r: wasm.append(r) if r.url.endswith("/pyodide/pyodide.asm.wasm") else None)
    page.goto("navigator/")
    for _ in range(40):
        if held and wasm:
            break
        page.wait_for_timeout(250)
    asked_while_held = len(wasm)
    held[0].continue_()
    page.context.unroute("**/pyodide/pyodide.mjs")
    wait_ready(page)
    page.wait_for_timeout(2000)  # the service worker keeps its own copy once Python is ready
    assert asked_while_held == 1
    assert [r.service_worker is None for r in wasm].count(True) == 1
    assert result_of(page)[0]


def test_the_runtime_comes_as_brotli(fresh_page):
    page = fresh_page
    encodings = {}
    page.context.on("response", lambda r: encodings.__setitem__(r.url.rsplit("/", 1)[-1], r.headers.get("content-encoding")))
    page.goto("navigator/")
    wait_ready(page)
    for name in ("pyodide.asm.wasm", "pyodide.asm.mjs", "python_stdlib.zip", "navigator-1.0.0-py3-none-any.whl"):
        assert encodings.get(name) == "br", (name, encodings.get(name))


def test_the_snapshot_is_kept_in_the_cache_the_service_worker_keeps(fresh_page, site_dir):
    """The worker names its cache after the runtime as generator/offline.py does, so a new build
    keeps the snapshot while the runtime is the same and deletes it when the runtime changes."""
    sw = (site_dir / "sw.js").read_text(encoding="utf-8")
    settings = json.loads(sw[sw.index("const SETTINGS = ") + len("const SETTINGS = "):sw.index(";\nconst SCOPE")])
    page = fresh_page
    page.goto("navigator/")
    wait_ready(page)
    eventually(page, SNAPSHOT_KEPT)
    names = page.evaluate("caches.keys()")
    assert settings["snapshot_cache"] in names
    assert settings["snapshot_cache"].removeprefix("complaints-guidance-snapshot-") == \
        settings["runtime_cache"].removeprefix("complaints-guidance-runtime-")


def test_a_worker_that_fails_before_the_page_is_set_up_still_leads_to_the_static_answers(fresh_page):
    """The head script's worker may fail before the page's modules run; the page must still set
    itself up first and then offer the fallback (a CI run once caught the fallback being hidden)."""
    page = fresh_page
    page.context.route("**/pyodide/pyodide.mjs", lambda route: route.abort())
    delayed(page, "**/assets/navigator.js", 400)
    page.goto("navigator/")
    page.wait_for_selector("#navigator-status:has-text('The questions are not working')", timeout=20_000)
    assert page.is_visible("#navigator-static a[href='council-service/']")
    page.problems.clear()  # the aborted request is the point of the test
