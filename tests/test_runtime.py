"""Tests for generator/runtime.py (prepare the browser runtime), run under CPython.

They use a small stand-in navigator package so they do not depend on the real one, and
share the build/runtime cache, so only a first run pays for compiling under Node.
Needs `npm ci` and .venv-tools (make does both); without them the tests that need them
are skipped locally and fail under CI.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from generator import runtime  # noqa: E402

HAVE_NPM = (REPO / "node_modules" / "pyodide" / "pyodide.asm.wasm").is_file()
HAVE_TOOLS = (REPO / ".venv-tools" / "bin" / "pyodide").is_file()
needs_runtime = pytest.mark.skipif(
    not (HAVE_NPM and HAVE_TOOLS) and not os.environ.get("CI"),
    reason="needs `npm ci` and .venv-tools (make does this)")

EXPECTED = {"pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip",
            "navigator-0.3.0-py3-none-any.whl", "pyodide-lock.json"}

FAKE_BROWSER = '''
import json
def handle(request_json: str) -> str:
    req = json.loads(request_json)
    return json.dumps({"ok": True, "echo": req})
'''


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="session")
def nav_src(tmp_path_factory) -> Path:
    src = tmp_path_factory.mktemp("navsrc") / "navigator"
    (src / "tests").mkdir(parents=True)
    (src / "__init__.py").write_text('__version__ = "0.3.0"\n')
    (src / "browser.py").write_text(FAKE_BROWSER)
    (src / "data.json").write_text('{"x": 1}\n')
    (src / "tests" / "test_x.py").write_text("def test_x(): pass\n")
    (src / "__pycache__").mkdir()
    (src / "__pycache__" / "browser.cpython-311.pyc").write_bytes(b"junk")
    return src


@pytest.fixture(scope="session")
def prepared(tmp_path_factory, nav_src):
    out = tmp_path_factory.mktemp("site") / "pyodide"
    manifest = runtime.prepare_runtime(out, REPO / "build" / "runtime", nav_src)
    return out, manifest


@needs_runtime
def test_only_the_runtime_files_are_written(prepared):
    out, manifest = prepared
    assert set(manifest) == EXPECTED
    assert {p.name for p in out.iterdir()} == EXPECTED | {"manifest.json"}
    assert json.loads((out / "manifest.json").read_text()) == manifest


@needs_runtime
def test_sizes_are_sane(prepared):
    out, manifest = prepared
    for name, entry in manifest.items():
        assert entry["size"] == (out / name).stat().st_size > 0
    assert manifest["pyodide.asm.wasm"]["size"] > 5_000_000
    # Stored (the server compresses it) and trimmed: fewer modules than the stock zip.
    stock = zipfile.ZipFile(REPO / "node_modules" / "pyodide" / "python_stdlib.zip")
    trimmed = zipfile.ZipFile(out / "python_stdlib.zip")
    assert 50 < len(trimmed.namelist()) < len(stock.namelist()) / 2
    assert 300_000 < manifest["python_stdlib.zip"]["size"] < 4_000_000
    assert manifest["navigator-0.3.0-py3-none-any.whl"]["size"] < 100_000


@needs_runtime
def test_stdlib_zip_is_precompiled_and_complete(prepared):
    out, _ = prepared
    names = set(zipfile.ZipFile(out / "python_stdlib.zip").namelist())
    assert names and all(n.endswith(".pyc") for n in names)
    for module in runtime.read_module_list():
        path = module.replace(".", "/")
        assert f"{path}.pyc" in names or f"{path}/__init__.pyc" in names, module
    for needed in ("json/__init__.pyc", "pyodide/_package_loader.pyc", "encodings/utf_8.pyc"):
        assert needed in names


@needs_runtime
def test_manifest_and_lockfile_hashes_match_files(prepared):
    out, manifest = prepared
    for name, entry in manifest.items():
        assert sha256(out / name) == entry["sha256"], name
    lock = json.loads((out / "pyodide-lock.json").read_text())
    assert set(lock["packages"]) == {"navigator"}
    entry = lock["packages"]["navigator"]
    assert entry["file_name"] == "navigator-0.3.0-py3-none-any.whl"
    assert entry["sha256"] == sha256(out / entry["file_name"])
    assert entry["imports"] == ["navigator"] and entry["depends"] == []
    stock = json.loads((REPO / "node_modules" / "pyodide" / "pyodide-lock.json").read_text())
    assert lock["info"] == stock["info"]


@needs_runtime
def test_copied_pyodide_files_match_the_recorded_upstream_hashes(prepared):
    out, manifest = prepared
    recorded = json.loads(runtime.UPSTREAM_MANIFEST.read_text())
    assert recorded["integrity"] == runtime.lock_integrity()
    for name in runtime.PYODIDE_FILES:
        assert manifest[name]["sha256"] == recorded["files"][name]


@needs_runtime
def test_wheel_installs_and_imports_under_cpython(prepared, tmp_path):
    out, _ = prepared
    wheel = out / "navigator-0.3.0-py3-none-any.whl"
    names = zipfile.ZipFile(wheel).namelist()
    assert "navigator/data.json" in names
    assert not any("tests/" in n for n in names)
    # Precompiled by Pyodide's Python, each beside the source it was compiled from.
    cached = [n for n in names if "__pycache__" in n]
    assert cached and all(n.endswith(".cpython-314.pyc") for n in cached)
    for n in cached:
        source = n.replace("__pycache__/", "").split(".")[0] + ".py"
        assert source in names, n
    target = tmp_path / "site-packages"
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-index", "--no-deps",
                    "--disable-pip-version-check", "--target", str(target), str(wheel)], check=True)
    code = ("import json, navigator.browser as b; "
            "print(b.handle(json.dumps({'q': 1})))")
    res = subprocess.run([sys.executable, "-c", code], env={**os.environ, "PYTHONPATH": str(target)},
                         capture_output=True, text=True, check=True, cwd=tmp_path)
    assert json.loads(res.stdout) == {"ok": True, "echo": {"q": 1}}


def test_wheel_is_reproducible(nav_src, tmp_path):
    a = runtime.build_wheel(nav_src, tmp_path / "a")
    b = runtime.build_wheel(nav_src, tmp_path / "b")
    assert a.name == "navigator-0.3.0-py3-none-any.whl"
    assert a.read_bytes() == b.read_bytes()


@needs_runtime
def test_second_build_only_copies(prepared, nav_src, tmp_path):
    t = time.perf_counter()
    again = runtime.prepare_runtime(tmp_path / "pyodide", REPO / "build" / "runtime", nav_src)
    assert time.perf_counter() - t < 0.5
    assert again == prepared[1]


def test_missing_node_modules_is_a_one_line_error(tmp_path, nav_src):
    with pytest.raises(runtime.RuntimeSetupError) as exc:
        runtime.prepare_runtime(tmp_path / "out", tmp_path / "cache", nav_src, node_modules=tmp_path / "nm")
    assert "run `npm ci` (make does this)" in str(exc.value)
    assert exc.value.code != 0
    res = subprocess.run([sys.executable, "-m", "generator.runtime", "prepare", str(tmp_path / "out"),
                          "--node-modules", str(tmp_path / "nm"), "--navigator-src", str(nav_src)],
                         cwd=REPO, capture_output=True, text=True)
    assert res.returncode == 1
    assert "Traceback" not in res.stderr
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1 and "run `npm ci` (make does this)" in lines[0]


@needs_runtime
def test_tampered_node_modules_file_is_refused(tmp_path, nav_src):
    nm = tmp_path / "node_modules" / "pyodide"
    nm.mkdir(parents=True)
    src = REPO / "node_modules" / "pyodide"
    for name in runtime.PYODIDE_FILES + runtime.PYODIDE_INPUTS:
        (nm / name).write_bytes((src / name).read_bytes())
    with open(nm / "pyodide.mjs", "ab") as f:
        f.write(b"\n// tampered\n")
    with pytest.raises(runtime.RuntimeSetupError, match="pyodide.mjs does not match"):
        runtime.prepare_runtime(tmp_path / "out", tmp_path / "cache", nav_src, node_modules=tmp_path / "node_modules")


@needs_runtime
def test_a_web_server_running_as_another_user_can_read_every_file(prepared):
    out, _ = prepared
    for path in out.iterdir():
        assert path.stat().st_mode & 0o444 == 0o444, f"{path.name} is not readable by others"
