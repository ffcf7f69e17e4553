"""Offline use: a service worker that serves the site, and the Python runtime,
after the first visit.

The build writes ``sw.js`` at the site's root with two versions baked in:

- the *pages* version, a hash of every page, style, script and data file. The
  worker precaches these small files when it installs, all or none, each
  script, style and data file checked against its hash (``precache_hashes``).
- the *runtime* version, a hash of the Pyodide runtime's manifest. The runtime
  (about 12 MB) is cached only when the navigator page asks for it, after
  Python has started there (from the browser's HTTP cache, so nothing is
  downloaded twice). Someone reading a guidance page on a phone never
  downloads it by surprise. The navigator's worker also keeps a start-up
  snapshot of Python in a cache named after the same version (see
  ``static/navigator-worker.js``); the service worker only keeps it or deletes it.
  The build writes the version into the worker's script too (``stamp_worker``),
  so the worker knows its snapshot's name without fetching anything first.

A new build changes ``sw.js``, so browsers install the new worker, which
deletes every cache of ours that the new build does not use.
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

from .exceptions import BuildError

CACHE_PREFIX = "complaints-guidance-"
SNAPSHOT_CACHE_PREFIX = f"{CACHE_PREFIX}snapshot-"
"""The navigator worker's start-up snapshot cache is this plus the runtime version (navigator-worker.js)."""
RUNTIME_CACHE_PREFIX = f"{CACHE_PREFIX}runtime-"
"""The runtime's cache is this plus the runtime version; the navigator worker reads it too (navigator-worker.js)."""
TEMPLATE = Path(__file__).parent / "templates" / "sw.js"
WORKER = "assets/navigator-worker.js"
WORKER_VERSION_LINE = 'const RUNTIME_VERSION = "";'
"""The line in the navigator's worker that stamp_worker fills in."""


def page_url(relative: str) -> str:
    """The address a page is fetched by: ``x/index.html`` is fetched as ``x/``."""
    if relative == "index.html":
        return "./"
    if relative.endswith("/index.html"):
        return relative.removesuffix("index.html")
    return relative


def runtime_version(site: Path) -> str:
    """A hash of the runtime's manifest: it changes whenever any runtime file does."""
    manifest = site / "pyodide" / "manifest.json"
    return hashlib.sha256(manifest.read_bytes()).hexdigest()[:16] if manifest.is_file() else "none"


def stamp_worker(site: Path) -> None:
    """Write the runtime's version into the navigator's worker, which names its snapshot cache after it.

    A site built without the runtime keeps the empty version, and its worker keeps no snapshot.
    Run before write_service_worker, which hashes the worker with the other pages.
    """
    if not (site / "pyodide" / "manifest.json").is_file():
        return
    worker = site / WORKER
    script = worker.read_text(encoding="utf-8")
    if script.count(WORKER_VERSION_LINE) != 1:
        raise BuildError(f"{WORKER} must contain the line {WORKER_VERSION_LINE!r} exactly once")
    version_line = WORKER_VERSION_LINE.replace('""', json.dumps(runtime_version(site)))
    worker.write_text(script.replace(WORKER_VERSION_LINE, version_line), encoding="utf-8")


def precache_hashes(precache: dict[str, str]) -> dict[str, str | None]:
    """The hash the service worker checks each precached file against, or None for a page (HTML).

    A server part-way through an upload can send two builds' files, and the navigator's script with
    the other build's rules would be cached together for offline use; so scripts, styles and data are
    checked. Pages are not: hosts often rewrite HTML (hiding email addresses, rewriting http:// links),
    and a check that failed on every visit would keep everyone on the build they first cached."""
    return {url: None if url.endswith(("/", ".html")) else sha for url, sha in sorted(precache.items())}


def write_service_worker(site: Path) -> dict:
    """Write ``site/sw.js`` listing what it precaches; return its versions and list."""
    precache: dict[str, str] = {}
    for path in sorted(site.rglob("*")):
        relative = path.relative_to(site).as_posix()
        if path.is_file() and not relative.startswith("pyodide/") and relative != "sw.js":
            precache[page_url(relative)] = hashlib.sha256(path.read_bytes()).hexdigest()
    pages_version = hashlib.sha256(json.dumps(precache, sort_keys=True).encode()).hexdigest()[:16]
    manifest = site / "pyodide" / "manifest.json"
    version = runtime_version(site)
    runtime_sha256 = ({f"pyodide/{name}": entry["sha256"] for name, entry in sorted(json.loads(manifest.read_text()).items())}
                      if manifest.is_file() else {})
    settings = {
        "pages_cache": f"{CACHE_PREFIX}pages-{pages_version}",
        "runtime_cache": f"{RUNTIME_CACHE_PREFIX}{version}",
        "snapshot_cache": f"{SNAPSHOT_CACHE_PREFIX}{version}",
        "snapshot_prefix": SNAPSHOT_CACHE_PREFIX,
        "prefix": CACHE_PREFIX,
        # What is precached, each with the sha256 it is checked against (null: not checked)
        "precache": precache_hashes(precache),
        "runtime": list(runtime_sha256),
        # Checked before a runtime file goes into the cache: the file names stay the same from build to
        # build, so the browser's HTTP cache (or a page of the last build) can hand over the old bytes.
        "runtime_sha256": runtime_sha256,
    }
    script = TEMPLATE.read_text(encoding="utf-8").replace("/*SETTINGS*/{}", json.dumps(settings, indent=1))
    (site / "sw.js").write_text(script, encoding="utf-8")
    return settings
