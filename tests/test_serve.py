"""tools/serve.py serves the MIME types the browser runtime depends on."""

from __future__ import annotations

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
