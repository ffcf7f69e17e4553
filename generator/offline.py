"""Offline use: a service worker that serves the site, and the Python runtime,
after the first visit.

The build writes ``sw.js`` at the site's root with two versions baked in:

- the *pages* version, a hash of every page, style, script and data file. The
  worker precaches these small files when it installs.
- the *runtime* version, a hash of the Pyodide runtime's manifest. The runtime
  (about 12 MB) is cached only when the navigator page asks for it, after
  Python has started there (from the browser's HTTP cache, so nothing is
  downloaded twice). Someone reading a guidance page on a phone never
  downloads it by surprise. The navigator's worker also keeps a start-up
  snapshot of Python in a cache named after the same version (see
  ``static/navigator-worker.js``); the service worker only keeps it or deletes it.

A new build changes ``sw.js``, so browsers install the new worker, which
deletes every cache of ours that the new build does not use.
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

CACHE_PREFIX = "complaints-guidance-"
SNAPSHOT_CACHE_PREFIX = f"{CACHE_PREFIX}snapshot-"
"""The navigator worker's start-up snapshot cache is this plus the runtime version (navigator-worker.js)."""
TEMPLATE = Path(__file__).parent / "templates" / "sw.js"


def page_url(relative: str) -> str:
    """The address a page is fetched by: ``x/index.html`` is fetched as ``x/``."""
    if relative == "index.html":
        return "./"
    if relative.endswith("/index.html"):
        return relative.removesuffix("index.html")
    return relative


def write_service_worker(site: Path) -> dict:
    """Write ``site/sw.js`` listing what it precaches; return its versions and list."""
    precache: dict[str, str] = {}
    for path in sorted(site.rglob("*")):
        relative = path.relative_to(site).as_posix()
        if path.is_file() and not relative.startswith("pyodide/") and relative != "sw.js":
            precache[page_url(relative)] = hashlib.sha256(path.read_bytes()).hexdigest()
    pages_version = hashlib.sha256(json.dumps(precache, sort_keys=True).encode()).hexdigest()[:16]
    manifest = site / "pyodide" / "manifest.json"
    runtime_version = hashlib.sha256(manifest.read_bytes()).hexdigest()[:16] if manifest.is_file() else "none"
    # The manifest too: the navigator's worker names its start-up snapshot after it, offline as well.
    runtime_files = (sorted(f"pyodide/{name}" for name in [*json.loads(manifest.read_text()), manifest.name])
                     if manifest.is_file() else [])
    settings = {
        "pages_cache": f"{CACHE_PREFIX}pages-{pages_version}",
        "runtime_cache": f"{CACHE_PREFIX}runtime-{runtime_version}",
        "snapshot_cache": f"{SNAPSHOT_CACHE_PREFIX}{runtime_version}",
        "prefix": CACHE_PREFIX,
        "precache": sorted(precache),
        "runtime": runtime_files,
    }
    script = TEMPLATE.read_text(encoding="utf-8").replace("/*SETTINGS*/{}", json.dumps(settings, indent=1))
    (site / "sw.js").write_text(script, encoding="utf-8")
    return settings
