"""The build leaves a Brotli copy beside each file worth compressing, for servers that send
them as they are (generator/precompress.py; issue 4, "5 MB or less compressed")."""
from __future__ import annotations

import os

import brotli

from generator import precompress


def test_every_copy_is_the_file_it_stands_for(built_site):
    copies = sorted(built_site.rglob("*.br"))
    assert copies, "the build wrote no Brotli copies"
    for copy in copies:
        original = copy.with_name(copy.name.removesuffix(".br"))
        assert brotli.decompress(copy.read_bytes()) == original.read_bytes(), copy


def test_pages_styles_scripts_and_data_have_copies(built_site):
    for name in ("index.html", "policy/index.html", "navigator/index.html", "assets/site.css",
                 "assets/navigator.js", "navigator/rules.json", "sw.js"):
        assert (built_site / (name + ".br")).is_file(), name


def test_files_that_would_not_shrink_get_none(tmp_path):
    (tmp_path / "tiny.html").write_text("<p>hi</p>")  # under MIN_BYTES
    (tmp_path / "noise.json").write_bytes(os.urandom(4096))  # random bytes do not compress
    (tmp_path / "photo.png").write_bytes(b"\x89PNG" + b"\0" * 5000)  # not a type worth compressing
    assert precompress.precompress_site(tmp_path, tmp_path / "cache") == []
    assert not list(tmp_path.rglob("*.br"))


def test_the_runtime_is_compressed_once_then_taken_from_the_cache(tmp_path, monkeypatch):
    site, cache = tmp_path / "site", tmp_path / "cache"
    (site / "pyodide").mkdir(parents=True)
    wasm = b"\0asm" + b"\1\2\3\4" * 50_000
    (site / "pyodide" / "pyodide.asm.wasm").write_bytes(wasm)
    calls = []
    real = brotli.compress
    monkeypatch.setattr(precompress.brotli, "compress", lambda data, quality, lgwin: calls.append(quality) or real(data, quality=quality, lgwin=lgwin))
    precompress.precompress_site(site, cache)
    assert calls == [precompress.RUNTIME_QUALITY]
    (site / "pyodide" / "pyodide.asm.wasm.br").unlink()
    precompress.precompress_site(site, cache)  # a second build: nothing compressed again
    assert calls == [precompress.RUNTIME_QUALITY]
    assert brotli.decompress((site / "pyodide" / "pyodide.asm.wasm.br").read_bytes()) == wasm


def test_the_service_worker_precaches_no_copies(built_site):
    sw = (built_site / "sw.js").read_text()
    assert ".br\"" not in sw
