"""After the first visit the site and its Python runtime work offline, and a new
build replaces the old cache cleanly (issue 4, "Taking the answer away")."""
from __future__ import annotations

import shutil

import pytest
from playwright.sync_api import sync_playwright

from browser_env import build_site, launch_chromium, serving
from sitebuild import CONTENT

pytestmark = pytest.mark.browser

WAIT_FOR_CONTROL = "async () => { await navigator.serviceWorker.ready; return !!navigator.serviceWorker.controller; }"
OUR_CACHES = "async () => (await caches.keys()).filter((k) => k.startsWith('complaints-guidance-')).sort()"


def eventually(page, async_predicate: str, arg=None, seconds: float = 30) -> None:
    """Poll an async predicate (wait_for_function would treat its Promise as already true)."""
    for _ in range(int(seconds * 4)):
        if page.evaluate(async_predicate, arg):
            return
        page.wait_for_timeout(250)
    raise AssertionError(f"never true: {async_predicate}")


def first_visit(context, url: str):
    """Open ``url`` in a new page and wait until the service worker it installs controls it."""
    page = context.new_page()
    page.goto(url)
    page.evaluate(WAIT_FOR_CONTROL)
    page.reload()
    page.wait_for_function("() => navigator.serviceWorker && navigator.serviceWorker.controller", timeout=30_000)
    return page


def test_guidance_pages_work_offline_after_the_first_visit(tmp_path):
    site = build_site(tmp_path / "site")
    with serving(site) as base, sync_playwright() as p:
        browser = launch_chromium(p)
        context = browser.new_context()
        page = first_visit(context, base)
        context.set_offline(True)
        page.goto(base + "what-happens-next/")
        assert page.locator("h1").inner_text() == "What happens after you complain"
        page.goto(base + "timescales/")
        assert "working days" in page.locator("main").inner_text()
        assert page.evaluate("getComputedStyle(document.body).fontFamily").startswith("Arial")  # the CSS too
        browser.close()


def test_the_navigator_runtime_is_served_offline_on_a_second_visit(tmp_path):
    site = build_site(tmp_path / "site")
    with serving(site) as base, sync_playwright() as p:
        browser = launch_chromium(p)
        context = browser.new_context()
        page = first_visit(context, base + "navigator/")
        # Under the service worker, load the runtime files as the navigator does.
        files = ["pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json"]
        wheel = next(p.name for p in (site / "pyodide").glob("*.whl"))
        sizes = page.evaluate("async (names) => Promise.all(names.map(async (n) => "
                              "(await (await fetch('../pyodide/' + n)).arrayBuffer()).byteLength))", files + [wheel])
        assert sizes == [(site / "pyodide" / name).stat().st_size for name in files + [wheel]]
        context.set_offline(True)
        page.reload()
        # Python itself starts offline, from the cache, in a module worker as on the real page.
        reply = page.evaluate("""async () => {
            const worker = new Worker('../assets/navigator-worker.js', {type: 'module'});
            const ready = await new Promise((resolve) => worker.addEventListener('message', (e) => {
                if ('ready' in e.data) resolve(e.data);
            }));
            if (!ready.ready) return {error: ready.error};
            return await new Promise((resolve) => {
                worker.addEventListener('message', (e) => { if (e.data.id === 1) resolve(e.data); });
                worker.postMessage({id: 1, request: {action: 'add', date: '2026-04-04', days: 3}});
            });
        }""")
        assert "error" not in reply, reply
        browser.close()
    assert '"kind": "error"' in reply["response"] or '"kind":"error"' in reply["response"]  # no rules loaded yet
    assert "load" in reply["response"]


def test_a_new_build_replaces_the_old_cache(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    site = build_site(tmp_path / "site", content)
    with serving(site) as base, sync_playwright() as p:
        browser = launch_chromium(p)
        context = browser.new_context()
        page = first_visit(context, base + "timescales/")
        first = page.evaluate(OUR_CACHES)
        assert len([c for c in first if "-pages-" in c]) == 1

        # The policy team changes a figure and publishes again.
        corporate = content / "procedures/corporate.yaml"
        corporate.write_text(corporate.read_text().replace('respond: {working_days: 20, section: "12.2"}',
                                                          'respond: {working_days: 23, section: "12.2"}'))
        build_site(site, content)
        page.evaluate("async () => (await navigator.serviceWorker.getRegistration()).update()")
        old_pages = next(c for c in first if "-pages-" in c)
        eventually(page, "async (old) => { const reg = await navigator.serviceWorker.getRegistration();"
                         " const keys = await caches.keys();"
                         " return !reg.installing && !reg.waiting && !keys.includes(old)"
                         " && keys.filter((k) => k.includes('-pages-')).length === 1; }", old_pages)
        page.reload()
        assert "23 working days" in page.locator("main").inner_text()
        browser.close()
