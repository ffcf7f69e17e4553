"""tools/serve.py serves the MIME types the browser runtime depends on."""

from __future__ import annotations

import socket
import sys
import threading
import urllib.request
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))
from serve import make_server  # noqa: E402


@pytest.fixture
def base_url(tmp_path):
    for name in ("a.wasm", "a.mjs", "a.js", "a.json", "a.ics", "index.html"):
        (tmp_path / name).write_bytes(b"x")
    server = make_server(tmp_path, 0, quiet=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("name, mime", [
    ("a.wasm", "application/wasm"),  # anything else makes loadPyodide hang
    ("a.mjs", "text/javascript"),
    ("a.js", "text/javascript"),
    ("a.json", "application/json"),
    ("a.ics", "text/calendar"),
    ("index.html", "text/html; charset=utf-8"),
])
def test_mime_types(base_url, name, mime):
    with urllib.request.urlopen(base_url + name) as resp:
        assert resp.headers["Content-Type"] == mime


# --- Brotli copies (generator/precompress.py writes them; issue 4, "5 MB or less compressed") ---

@pytest.fixture
def brotli_site(tmp_path):
    import brotli
    (tmp_path / "navigator").mkdir()
    files = {"a.wasm": b"\0asm" + bytes(range(256)) * 40, "navigator/index.html": b"<p>" + b"words " * 400,
             "plain.js": b"let x = 1;\n" * 200}
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    for name in ("a.wasm", "navigator/index.html"):  # plain.js has no copy: sent as it is
        (tmp_path / (name + ".br")).write_bytes(brotli.compress(files[name]))
    server = make_server(tmp_path, 0, quiet=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/", files
    server.shutdown()
    server.server_close()


def fetch(url: str, accept_encoding: str | None):
    request = urllib.request.Request(url, headers={"Accept-Encoding": accept_encoding} if accept_encoding else {})
    with urllib.request.urlopen(request) as resp:
        return resp.headers, resp.read()


@pytest.mark.parametrize("path, name, mime", [
    ("a.wasm", "a.wasm", "application/wasm"),
    ("navigator/", "navigator/index.html", "text/html; charset=utf-8"),  # a folder's index page too
])
def test_a_browser_that_accepts_brotli_gets_the_brotli_copy(brotli_site, path, name, mime):
    import brotli
    base, files = brotli_site
    headers, body = fetch(base + path, "gzip, deflate, br, zstd")  # what Chromium sends
    assert headers["Content-Encoding"] == "br"
    assert headers["Content-Type"] == mime  # the type of the file, not of a .br
    assert headers["Vary"] == "Accept-Encoding"
    assert int(headers["Content-Length"]) == len(body) < len(files[name])
    assert brotli.decompress(body) == files[name]


@pytest.mark.parametrize("accept_encoding", [None, "gzip, deflate", "gzip, br;q=0"])
def test_others_get_the_file_itself(brotli_site, accept_encoding):
    base, files = brotli_site
    headers, body = fetch(base + "a.wasm", accept_encoding)
    assert headers["Content-Encoding"] is None
    assert headers["Content-Type"] == "application/wasm"
    assert body == files["a.wasm"]


def test_a_file_without_a_brotli_copy_is_sent_as_it_is(brotli_site):
    base, files = brotli_site
    headers, body = fetch(base + "plain.js", "br")
    assert headers["Content-Encoding"] is None and body == files["plain.js"]


# --- the 404 page and the published path (generator/pages.py NOT_FOUND) ---

@pytest.fixture
def published_site(tmp_path):
    (tmp_path / "how-to-complain").mkdir()
    (tmp_path / "how-to-complain" / "index.html").write_text("<h1>How to complain</h1>")
    (tmp_path / "404.html").write_text("<h1>Page not found</h1>")
    server = make_server(tmp_path, 0, quiet=True, published_at="/complaints-guidance/")
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


def status_and_body(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url) as resp:
            return resp.status, resp.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


@pytest.mark.parametrize("path, status, body", [
    ("how-to-complain/", 200, "<h1>How to complain</h1>"),
    ("complaints-guidance/how-to-complain/", 200, "<h1>How to complain</h1>"),  # as published
    ("how-to-complain/no-such-page", 404, "<h1>Page not found</h1>"),  # the site's own 404 page
    ("complaints-guidance/a/b/c/", 404, "<h1>Page not found</h1>"),
    ("complaints-guidancex/how-to-complain/", 404, "<h1>Page not found</h1>"),  # not the published path
])
def test_the_site_is_served_as_published_with_its_404_page(published_site, path, status, body):
    assert status_and_body(published_site + path) == (status, body)


def test_without_a_404_page_a_missing_address_gets_the_usual_404(base_url):
    status, body = status_and_body(base_url + "no-such-page")
    assert status == 404 and "Page not found" not in body


def test_each_response_is_sent_at_once_without_waiting_for_an_ack(tmp_path):
    """TCP_NODELAY on every connection, as production servers set it: with Nagle's algorithm a
    small file's body waits for the browser's delayed ACK of its headers, ~40 ms a file."""
    (tmp_path / "a.js").write_bytes(b"x")
    server = make_server(tmp_path, 0, quiet=True)
    nodelay = []
    handle = server.finish_request

    def finish_request(request, client_address):
        handle(request, client_address)
        nodelay.append(request.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))

    server.finish_request = finish_request
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        assert status_and_body(f"http://127.0.0.1:{server.server_address[1]}/a.js") == (200, "x")
    finally:
        server.shutdown()
        server.server_close()
    assert nodelay and all(nodelay)
