"""`make serve`: the live preview rebuilds on save, reloads the page, and keeps the last good pages."""
from __future__ import annotations

import io
import json
import threading
import time
import urllib.error
import urllib.request

import pytest

from sitebuild import replace_in

from generator.preview import Preview, make_preview_server


@pytest.fixture
def preview(content_copy, tmp_path):
    p = Preview(content_copy, tmp_path / "preview", runtime=False, out=io.StringIO())
    assert p.rebuild()
    server = make_preview_server(p, 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    observer = p.watch()
    p.url = f"http://127.0.0.1:{server.server_address[1]}/"
    yield p
    observer.stop()
    server.shutdown()
    server.server_close()


def get(url):
    with urllib.request.urlopen(url) as resp:
        return resp.headers["Content-Type"], resp.read().decode()


def wait_for(condition, seconds=10):
    end = time.time() + seconds
    while time.time() < end:
        if condition():
            return True
        time.sleep(0.1)
    return False


def status(p):
    return json.loads(get(p.url + "__preview/status")[1])


def test_preview_injects_reload_script_and_serves_it(preview):
    mime, html = get(preview.url)
    assert '<script src="/__preview/reload.js" defer></script>\n</head>' in html
    mime, js = get(preview.url + "__preview/reload.js")
    assert mime == "text/javascript" and "location.reload()" in js
    assert status(preview) == {"version": 1, "error": None}
    assert "__preview" not in (preview.site / "index.html").read_text()  # never in a build


def test_broken_save_shows_error_and_keeps_last_good_pages(preview, content_copy):
    good = get(preview.url + "ombudsman/")[1]
    replace_in(content_copy / "procedures/corporate.yaml", "    if_late: If we cannot", "    if_lat: If we cannot")
    assert wait_for(lambda: status(preview)["error"])
    assert "content/procedures/corporate.yaml:" in status(preview)["error"]
    assert status(preview)["version"] == 1
    assert get(preview.url + "ombudsman/")[1] == good
    replace_in(content_copy / "procedures/corporate.yaml", "    if_lat: If we cannot", "    if_late: If we cannot")
    replace_in(content_copy / "pages/ombudsman.md", "title: ", "title: Changed ")
    assert wait_for(lambda: status(preview)["version"] >= 2 and status(preview)["error"] is None)
    assert "Changed " in get(preview.url + "ombudsman/")[1]


@pytest.mark.browser
def test_a_save_reloads_the_open_page_with_the_new_figure(preview, content_copy):
    """The whole loop in Chromium: edit the YAML, and the open page reloads itself with the new figure."""
    from playwright.sync_api import sync_playwright

    from browser_env import launch_chromium

    with sync_playwright() as p:
        browser = launch_chromium(p)
        page = browser.new_page()
        page.goto(preview.url + "timescales/")
        for _ in range(3):  # time for a service worker to install and take control, if one would
            page.wait_for_timeout(1000)
            page.reload()
        assert "Stage 2: Service investigation review\tNo set time\tWe reply within 20 working days" in page.locator("main").inner_text()
        version = status(preview)["version"]
        replace_in(content_copy / "procedures/corporate.yaml", 'respond: {working_days: 20, section: "12.2"}',
                   'respond: {working_days: 23, section: "12.2"}')
        assert wait_for(lambda: status(preview)["version"] > version, seconds=20)
        page.wait_for_function("() => document.querySelector('main').innerText.includes("
                               "'Stage 2: Service investigation review\\tNo set time\\tWe reply within 23 working days')",
                               timeout=20_000)
        browser.close()


def test_the_preview_has_no_offline_cache(preview):
    """The published site's service worker serves pages from its cache; in the preview that could show an
    earlier build, so the preview answers /sw.js with a worker that deletes our caches and unregisters."""
    for address in ("sw.js", "complaints-guidance/sw.js"):  # the site is also served at its published path
        mime, js = get(preview.url + address)
        assert mime == "text/javascript"
        assert "registration.unregister()" in js and "caches.delete" in js, address
    assert "precache" in (preview.site / "sw.js").read_text()  # the built file itself is the real one


def test_a_missing_address_gets_the_404_page_and_the_published_path_works(preview):
    """As the host will: any address with no page gets the site's 404 page (reloading with the others),
    and the site is also served at base_url's path, where that page links (generator/pages.py NOT_FOUND)."""
    with pytest.raises(urllib.error.HTTPError) as error:
        get(preview.url + "how-to-complain/no-such-page/")
    assert error.value.code == 404
    html = error.value.read().decode()
    assert "<h1>Page not found</h1>" in html and '<script src="/__preview/reload.js" defer></script>' in html
    assert 'href="/complaints-guidance/assets/site.css"' in html
    assert get(preview.url + "complaints-guidance/assets/site.css")[0] == "text/css"
    assert get(preview.url + "complaints-guidance/how-to-complain/")[1] == get(preview.url + "how-to-complain/")[1]
