"""What browser tests share: build the site, serve it on localhost, launch Debian's Chromium.

Playwright's own browser download does not work on this machine, so tests
drive /usr/bin/chromium (installed by `make test` from Debian's packages).
"""
from __future__ import annotations

import contextlib
import datetime
import sys
import threading
from pathlib import Path

from sitebuild import BUILD_DATE, CONTENT, REPO

sys.path.insert(0, str(REPO / "tools"))
from serve import make_server  # noqa: E402

from generator.check.axe import launch_chromium  # noqa: E402,F401  (the browser tests and make check share it)


def build_site(site: Path, content: Path = CONTENT, today: str = BUILD_DATE) -> Path:
    """The whole site, runtime included, as it would be published."""
    from generator.build import build
    build(content, site, datetime.date.fromisoformat(today), runtime=True)
    return site


@contextlib.contextmanager
def serving(directory: Path):
    """Serve ``directory`` on 127.0.0.1 (a free port); yield its base address."""
    server = make_server(directory, 0, quiet=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        host, port = server.server_address[:2]
        yield f"http://{host}:{port}/"
    finally:
        server.shutdown()
        server.server_close()


def eventually(page, async_predicate: str, arg=None, seconds: float = 30) -> None:
    """Poll an async predicate (wait_for_function would treat its Promise as already true)."""
    for _ in range(int(seconds * 4)):
        if page.evaluate(async_predicate, arg):
            return
        page.wait_for_timeout(250)
    raise AssertionError(f"never true: {async_predicate}")
