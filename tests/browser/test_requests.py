"""Nothing leaves the browser: every request any page makes goes to the site's own
origin (no CDN, fonts, analytics or package index), including everything
Pyodide loads for the navigator (issue 4, "Runtime, self-hosted and checked")."""
from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import sync_playwright

from browser_env import build_site, launch_chromium, serving

pytestmark = pytest.mark.browser
PYTHON_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return build_site(tmp_path_factory.mktemp("requests") / "site")


def test_every_request_stays_on_the_sites_origin(site):
    pages = [p.relative_to(site).as_posix().removesuffix("index.html")
             for p in sorted(site.rglob("index.html")) if "pyodide" not in p.parts]
    with serving(site) as base, sync_playwright() as p:
        browser = launch_chromium(p)
        context = browser.new_context(service_workers="block")
        seen: list[str] = []
        context.on("request", lambda request: seen.append(request.url))
        # Workers' requests go through the context too; record them all.
        page = context.new_page()
        for path in pages:
            page.goto(base + path, wait_until="load")
        # The navigator loads Python: wait until every runtime file has been asked for.
        page.goto(base + "navigator/", wait_until="load")
        page.wait_for_function("() => performance.getEntriesByType('resource').length > 0")
        deadline_ms = 30_000
        page.wait_for_timeout(100)
        for _ in range(deadline_ms // 250):
            if all(any(url.endswith(name) for url in seen) for name in (*PYTHON_FILES, ".whl")):
                break
            page.wait_for_timeout(250)
        browser.close()
    origin = urlsplit(base).netloc
    elsewhere = sorted({url for url in seen if urlsplit(url).scheme not in ("data", "blob")
                        and urlsplit(url).netloc != origin})
    assert not elsewhere, f"requests to other origins: {elsewhere}"
    assert len(seen) > len(pages)
    missing = [name for name in PYTHON_FILES if not any(url.endswith(name) for url in seen)]
    assert not missing, f"the navigator page never loaded {missing}: is Python started as the page loads?"
    assert any(url.endswith(".whl") for url in seen), "the navigator wheel was not loaded"
