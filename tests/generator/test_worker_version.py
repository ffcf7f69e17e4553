"""The runtime's version, written into the navigator's worker so it can name its start-up
snapshot's cache without fetching anything first (generator/offline.py stamp_worker), and the
same name the service worker keeps (issue 4, "a new build replaces the old cache cleanly")."""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from generator import offline
from generator.exceptions import BuildError

STATIC_WORKER = Path(offline.__file__).parent / "static" / "navigator-worker.js"


def site_with_worker(tmp_path: Path, manifest: dict | None) -> Path:
    """A site with the worker and, unless None, a runtime manifest of {file name: its sha256}."""
    site = tmp_path / "site"
    (site / "assets").mkdir(parents=True)
    shutil.copy(STATIC_WORKER, site / offline.WORKER)
    if manifest is not None:
        (site / "pyodide").mkdir()
        (site / "pyodide" / "manifest.json").write_text(json.dumps(
            {name: {"size": 1, "sha256": sha256} for name, sha256 in manifest.items()}))
    return site


def worker_version(site: Path) -> str:
    return re.search(r'^const RUNTIME_VERSION = "(.*)";$', (site / offline.WORKER).read_text(), re.M).group(1)


def worker_constant(site: Path, name: str) -> str:
    return re.search(rf'^const {name} = "(.*)";', (site / offline.WORKER).read_text(), re.M).group(1)


def test_the_worker_names_the_snapshot_and_runtime_caches_as_the_service_worker_does(tmp_path):
    site = site_with_worker(tmp_path, {"pyodide.asm.wasm": "ab12"})
    offline.stamp_worker(site)
    settings = offline.write_service_worker(site)
    assert worker_version(site) == offline.runtime_version(site) != ""
    snapshot_cache = worker_constant(site, "SNAPSHOT_CACHE_PREFIX") + worker_version(site)
    runtime_cache = worker_constant(site, "RUNTIME_CACHE_PREFIX") + worker_version(site)
    assert (snapshot_cache, runtime_cache) == (settings["snapshot_cache"], settings["runtime_cache"])
    # and the service worker keeps a runtime file only if it has the hash the manifest lists
    assert settings["runtime_sha256"] == {"pyodide/pyodide.asm.wasm": "ab12"}


def test_a_new_runtime_gives_the_worker_a_new_version(tmp_path):
    first = site_with_worker(tmp_path / "1", {"pyodide.asm.wasm": "ab12"})
    second = site_with_worker(tmp_path / "2", {"pyodide.asm.wasm": "cd34"})
    offline.stamp_worker(first)
    offline.stamp_worker(second)
    assert worker_version(first) != worker_version(second)


def test_without_the_runtime_the_worker_keeps_no_snapshot(tmp_path):
    site = site_with_worker(tmp_path, manifest=None)
    offline.stamp_worker(site)
    assert worker_version(site) == ""  # navigator-worker.js: an empty version keeps no snapshot


def test_a_worker_without_the_version_line_stops_the_build(tmp_path):
    site = site_with_worker(tmp_path, {"pyodide.asm.wasm": "ab12"})
    worker = site / offline.WORKER
    worker.write_text(worker.read_text().replace(offline.WORKER_VERSION_LINE, "const RUNTIME_VERSION = 'x';"))
    with pytest.raises(BuildError) as raised:
        offline.stamp_worker(site)
    assert str(raised.value) == ("assets/navigator-worker.js must contain the line "
                                 "'const RUNTIME_VERSION = \"\";' exactly once")
