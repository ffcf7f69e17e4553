"""The 404 page: a mistyped or old address, at any depth under where the site is published, gets
a page that looks like the rest of the site, says what to do, and links back to the start.

The host sends 404.html for any address with no page, at that address (as tools/serve.py does
here), so relative links on it would point somewhere else at every depth. Its links are absolute
paths under base_url's path (generator/pages.py NOT_FOUND); the test server serves the site there.
"""
from __future__ import annotations

import pytest


@pytest.mark.parametrize("address", [
    "no-such-page",
    "how-to-complain/no-such-page/",
    "navigator/a/b/c/d",
])
def test_a_missing_address_gets_the_404_page_styled_and_with_working_links(context, base_url, published_at,
                                                                             address):
    page = context.new_page()
    origin = base_url.rstrip("/")
    failed = []  # anything but the page itself
    page.on("response", lambda r: failed.append(f"{r.status} {r.url}")
            if r.status >= 400 and r.request.resource_type != "document" else None)
    response = page.goto(origin + published_at + address)
    assert response.status == 404
    assert page.title().startswith("Page not found - ")
    assert page.locator("h1").inner_text() == "Page not found"
    page.wait_for_load_state("load")
    assert failed == []  # its stylesheet, icon and script all found
    # The site's stylesheet applies: the skip link is off screen until focused.
    assert page.evaluate("getComputedStyle(document.querySelector('.skip-link')).position") == "absolute"

    page.get_by_role("link", name="go to the start of the complaints guidance").click()
    page.wait_for_load_state("load")
    assert page.url == origin + published_at
    assert page.locator("h1").inner_text() != "Page not found"
    page.go_back()
    page.get_by_role("link", name="Full complaints policy").click()
    page.wait_for_load_state("load")
    assert page.url == origin + published_at + "policy/"
