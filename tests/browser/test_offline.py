"""After the first visit the site and its Python runtime work offline, and a new
build replaces the old cache cleanly (issue 4, "Taking the answer away")."""
from __future__ import annotations

import contextlib
import json
import re
import shutil

import pytest
from playwright.sync_api import sync_playwright

from browser_env import build_site, eventually, launch_chromium, serving
from sitebuild import CONTENT, replace_in

pytestmark = pytest.mark.browser

# A worker that never installs must fail the test, not hang it (navigator.serviceWorker.ready never settles)
WAIT_FOR_CONTROL = ("async () => { await Promise.race([navigator.serviceWorker.ready, new Promise((_, no) => "
                    "setTimeout(() => no(new Error('no service worker became ready within 30 s')), 30000))]);"
                    " return !!navigator.serviceWorker.controller; }")
RUNTIME_CACHED = ("async (files) => { const names = await caches.keys();"
                  " const runtime = names.find((n) => n.startsWith('complaints-guidance-runtime-'));"
                  " if (!runtime) return false; const cache = await caches.open(runtime);"
                  " const hits = await Promise.all(files.map((f) => cache.match(new URL('../' + f, location.href))));"
                  " return hits.every(Boolean); }")
OUR_CACHES = "async () => (await caches.keys()).filter((k) => k.startsWith('complaints-guidance-')).sort()"


@contextlib.contextmanager
def site_and_browser(site):
    """The site served on localhost, and Debian's Chromium to visit it, closed afterwards."""
    with serving(site) as base, sync_playwright() as p:
        browser = launch_chromium(p)
        try:
            yield base, browser
        finally:
            browser.close()


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
    with site_and_browser(site) as (base, browser):
        context = browser.new_context()
        page = first_visit(context, base)
        context.set_offline(True)
        page.goto(base + "what-happens-next/")
        assert page.locator("h1").inner_text() == "What happens after you complain"
        page.goto(base + "timescales/")
        assert "working days" in page.locator("main").inner_text()
        assert page.evaluate("getComputedStyle(document.body).fontFamily").startswith("Arial")  # the CSS too
        # An address typed without its last slash goes to the page, as the server sends it there online
        page.goto(base + "what-happens-next")
        assert page.url == base + "what-happens-next/"
        assert page.locator("h1").inner_text() == "What happens after you complain"
        # and an address with no page is still a 404, with the site's own page
        response = page.goto(base + "no-such-page/")
        assert response.status == 404 and page.locator("h1").inner_text() == "Page not found"


def test_only_this_builds_runtime_files_are_kept(tmp_path):
    """The runtime's file names are the same in every build, so the browser's HTTP cache, or a page of
    the last build still open, can hand the service worker the last build's bytes; it keeps a file
    only if its SHA-256 is the one this build lists. Here the build lists another hash for the wheel."""
    site = build_site(tmp_path / "site")
    sw = site / "sw.js"
    wheel = next(name for name in json.loads((site / "pyodide" / "manifest.json").read_text()) if name.endswith(".whl"))
    text = sw.read_text()
    listed = re.search(rf'"pyodide/{re.escape(wheel)}": "([0-9a-f]{{64}})"', text)
    sw.write_text(text.replace(listed.group(0), listed.group(0).replace(listed.group(1), "0" * 64)))
    sw.with_name("sw.js.br").unlink(missing_ok=True)  # tools/serve.py would send the build's Brotli copy
    others = [f"pyodide/{name}" for name in json.loads((site / "pyodide" / "manifest.json").read_text())
              if name != wheel]
    with site_and_browser(site) as (base, browser):
        page = browser.new_context().new_page()
        page.goto(base + "navigator/")
        page.wait_for_selector("#navigator[data-state=ready]", state="attached", timeout=60_000)
        eventually(page, RUNTIME_CACHED, others)  # the wheel comes first in the list, so it has been tried
        assert not page.evaluate(RUNTIME_CACHED, [f"pyodide/{wheel}"])


def test_the_navigator_works_offline_on_a_second_visit(tmp_path):
    """Visit the navigator once, as a resident would; then with no network it still loads Python and answers."""
    site = build_site(tmp_path / "site")
    runtime = sorted(f"pyodide/{name}" for name in json.loads((site / "pyodide" / "manifest.json").read_text()))
    with site_and_browser(site) as (base, browser):
        context = browser.new_context()
        page = context.new_page()
        page.goto(base + "navigator/")
        page.wait_for_selector("#navigator[data-state=ready]", state="attached", timeout=60_000)
        # The page registers the service worker once Python is ready, and asks it to keep the runtime.
        eventually(page, RUNTIME_CACHED, runtime)
        context.set_offline(True)
        page.reload()
        page.wait_for_selector("#navigator[data-state=ready]", state="attached", timeout=60_000)
        page.check("input[name=service][value=council_service]")
        page.click("#navigator-view form.navigator-form button[type=submit]")
        page.wait_for_function("() => document.querySelector('#navigator-view form.navigator-form')"
                               "?.dataset.question === 'request_type'", timeout=30_000)


def test_caching_the_runtime_deletes_an_old_snapshot_and_nothing_a_newer_build_may_be_making(tmp_path):
    """A page of the last build, still open, can write its start-up snapshot after this build's worker
    deleted the old caches; the next runtime caching removes it. But a newer build may be installing
    its own caches at that moment, so nothing else is deleted then."""
    site = build_site(tmp_path / "site")
    runtime = sorted(f"pyodide/{name}" for name in json.loads((site / "pyodide" / "manifest.json").read_text()))
    with site_and_browser(site) as (base, browser):
        page = browser.new_context().new_page()
        page.goto(base + "navigator/")
        page.wait_for_selector("#navigator[data-state=ready]", state="attached", timeout=60_000)
        eventually(page, RUNTIME_CACHED, runtime)
        page.evaluate("""async () => {
            await caches.open('complaints-guidance-snapshot-0123456789abcdef');
            await caches.open('complaints-guidance-pages-from-a-newer-build');
            (await navigator.serviceWorker.ready).active.postMessage({ type: 'cache-runtime' });
        }""")
        eventually(page, "async () => !(await caches.has('complaints-guidance-snapshot-0123456789abcdef'))")
        assert page.evaluate("caches.has('complaints-guidance-pages-from-a-newer-build')")


def test_a_new_build_replaces_the_old_cache(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    site = build_site(tmp_path / "site", content)
    with site_and_browser(site) as (base, browser):
        context = browser.new_context()
        page = first_visit(context, base + "timescales/")
        first = page.evaluate(OUR_CACHES)
        assert len([c for c in first if "-pages-" in c]) == 1

        # The policy team changes a figure and publishes again.
        replace_in(content / "procedures/corporate.yaml", 'respond: {working_days: 20, section: "12.2"}',
                   'respond: {working_days: 23, section: "12.2"}')
        build_site(site, content)
        page.evaluate("async () => (await navigator.serviceWorker.getRegistration()).update()")
        old_pages = next(c for c in first if "-pages-" in c)
        eventually(page, "async (old) => { const reg = await navigator.serviceWorker.getRegistration();"
                         " const keys = await caches.keys();"
                         " return !reg.installing && !reg.waiting && !keys.includes(old)"
                         " && keys.filter((k) => k.includes('-pages-')).length === 1; }", old_pages)
        page.reload()
        assert "23 working days" in page.locator("main").inner_text()


def test_a_host_that_rewrites_pages_still_gets_offline_use(tmp_path):
    """Hosts often rewrite HTML (hiding email addresses, rewriting http:// links): a page that is not
    byte for byte the build's is still cached. Only scripts, styles and data are checked, or a check
    failing on every visit would keep everyone on the build they first cached, online too."""
    site = build_site(tmp_path / "site")
    page_file = site / "what-happens-next" / "index.html"
    page_file.write_text(page_file.read_text(encoding="utf-8").replace(
        "</body>", "<!-- added by the host --></body>"), encoding="utf-8")
    (site / "what-happens-next" / "index.html.br").unlink()  # so the server sends the rewritten page
    with site_and_browser(site) as (base, browser):
        context = browser.new_context()
        page = first_visit(context, base)
        context.set_offline(True)
        page.goto(base + "what-happens-next/")
        assert page.locator("h1").inner_text() == "What happens after you complain"
        assert "added by the host" in page.content()


def test_a_build_half_uploaded_is_not_cached(tmp_path):
    """While a new build is being uploaded the server sends files of both builds. Cached together,
    offline they would be the new navigator's script with the old rules (or the reverse); so the new
    worker caches nothing unless every file is the one its build hashed, and the old one stays."""
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    site = build_site(tmp_path / "site", content)
    old_site = tmp_path / "old-site"
    shutil.copytree(site, old_site)
    with site_and_browser(site) as (base, browser):
        context = browser.new_context()
        page = first_visit(context, base + "timescales/")
        first = page.evaluate(OUR_CACHES)

        # The new build is uploaded, but for the rules, which are still the old build's.
        replace_in(content / "procedures/corporate.yaml", 'respond: {working_days: 20, section: "12.2"}',
                   'respond: {working_days: 23, section: "12.2"}')
        build_site(site, content)
        late = [site / "navigator" / "rules.json", site / "navigator" / "rules.json.br"]
        for path in late:
            shutil.copy(old_site / path.relative_to(site), path)
        update = ("async () => { const reg = await navigator.serviceWorker.getRegistration(); await reg.update();"
                  " return reg.active.scriptURL; }")
        active = page.evaluate(update)
        eventually(page, "async () => { const reg = await navigator.serviceWorker.getRegistration();"
                         " return !reg.installing && !reg.waiting; }")
        assert page.evaluate(OUR_CACHES) == first  # the old build's caches, whole; nothing of the new one
        context.set_offline(True)
        page.reload()
        assert "20 working days" in page.locator("main").inner_text()  # the old build, all of a piece
        assert page.evaluate("navigator.serviceWorker.controller.scriptURL") == active

        # The upload finishes: the next check installs the new build.
        context.set_offline(False)
        build_site(site, content)
        page.evaluate(update)
        eventually(page, "async (old) => { const reg = await navigator.serviceWorker.getRegistration();"
                         " const keys = await caches.keys(); return !reg.installing && !reg.waiting"
                         " && keys.filter((k) => k.includes('-pages-')).length === 1 && !keys.includes(old); }",
                   next(c for c in first if "-pages-" in c))
        context.set_offline(True)
        page.reload()
        assert "23 working days" in page.locator("main").inner_text()
