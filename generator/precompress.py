"""Brotli copies of the site's files, for web servers that send them as they are.

A browser that accepts Brotli (every current one: over HTTPS, and on localhost) can be sent
``x.br`` with ``Content-Encoding: br`` in place of ``x``. tools/serve.py does so; for other
servers see the README ("Publishing"). Brotli at its slowest setting makes the Python
runtime about a fifth smaller than gzip does, but takes half a minute, far too slow for a
server to do per request. So it is done here, once: the runtime's copies are cached in
``build/`` by the hash of what they compress; the pages change at every build and get a fast
setting that is nearly as small.

Files that do not shrink by at least 5% (images already compressed, tiny files) get no copy,
and a server then sends the file itself.
"""
from __future__ import annotations

import concurrent.futures
import hashlib
import os
from pathlib import Path

import brotli

from .files import atomic_write

SUFFIX = ".br"
COMPRESSIBLE = frozenset({".html", ".css", ".js", ".mjs", ".json", ".svg", ".xml", ".txt", ".ics",
                          ".wasm", ".zip", ".whl"})
"""File types worth compressing: text, WebAssembly, and zips whose entries are stored."""
MIN_BYTES = 1024
"""Smaller files gain too little to be worth a second copy."""
PAGE_QUALITY = 8
"""Brotli setting for pages, styles and scripts: 0.01 s for the whole site; 9 would take 0.03 s and
11 0.4 s, too slow for a build that must beat MkDocs, for 13% less."""
RUNTIME_QUALITY = 11
"""Brotli's best, for the runtime (pyodide/): 30 s once per runtime, then cached."""
RUNTIME_DIR = "pyodide/"


def brotli_copy(path: Path, quality: int, cache_dir: Path | None = None) -> Path | None:
    """Write ``path.br`` next to ``path`` if it is worth it; return it (or None).

    With ``cache_dir``, the compressed bytes are kept there under the hash of the input, so
    the same input is compressed only once.
    """
    if path.suffix not in COMPRESSIBLE:
        return None
    data = path.read_bytes()
    if len(data) < MIN_BYTES:
        return None
    packed = None
    cached = None
    if cache_dir is not None:
        cached = cache_dir / f"{hashlib.sha256(data).hexdigest()}-q{quality}{SUFFIX}"
        if cached.is_file():
            packed = cached.read_bytes()
    if packed is None:
        # A window no bigger than the file: same size out, and far less to set up per file.
        packed = brotli.compress(data, quality=quality, lgwin=max(16, min(24, len(data).bit_length() + 1)))
        if cached is not None:
            atomic_write(cached, packed)
    if len(packed) > 0.95 * len(data):
        return None
    out = path.with_name(path.name + SUFFIX)
    out.write_bytes(packed)
    return out


def precompress_site(site: Path, runtime_cache: Path) -> list[Path]:
    """A Brotli copy of every file in ``site`` worth one; the runtime's from ``runtime_cache``.

    Files are compressed in parallel (Brotli lets go of the GIL while it works).
    """
    def copy(path: Path) -> Path | None:
        in_runtime = path.relative_to(site).as_posix().startswith(RUNTIME_DIR)
        return brotli_copy(path, RUNTIME_QUALITY if in_runtime else PAGE_QUALITY,
                           runtime_cache if in_runtime else None)

    files = [p for p in sorted(site.rglob("*")) if p.is_file() and p.suffix != SUFFIX]
    files.sort(key=lambda p: -p.stat().st_size)  # the slowest first, so they do not finish last
    with concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        return [c for c in pool.map(copy, files) if c is not None]
