"""Prepare the browser runtime: a self-hosted, trimmed Pyodide plus the navigator wheel.

``prepare_runtime(out_dir)`` writes into ``out_dir`` (``<site>/pyodide/``) only what the
browser worker (``generator/static/navigator-worker.js``) loads:

* ``pyodide.mjs``, ``pyodide.asm.mjs``, ``pyodide.asm.wasm`` - copied from
  ``node_modules/pyodide`` after checking each file's sha256 against
  ``generator/runtime_pyodide_files.json`` (recorded from the npm tarball whose sha512 is
  the ``integrity`` in ``package-lock.json``; see ``record_upstream_manifest``);
* ``python_stdlib.zip`` - only the modules in ``generator/runtime_stdlib_modules.txt``,
  as .pyc compiled by Pyodide's own Python under Node (start-up then skips compiling the
  stdlib: ~0.8 s instead of ~2.5 s), without docstrings or instruction columns (a quarter
  smaller once compressed; tracebacks keep their line numbers);
* ``navigator-<version>-py3-none-any.whl`` - built here from ``navigator/`` (stdlib zipfile);
* ``pyodide-lock.json`` - made by ``pyodide lockfile add-wheels`` (from ``.venv-tools``),
  listing the navigator wheel and nothing else, so nothing can ask the server for a
  package Pyodide's npm release does not ship;
* ``manifest.json`` - ``{file: {"size": n, "sha256": hex}}`` of the files above.

The slow steps (compiling under Node, add-wheels) are cached in ``cache_dir``, keyed by
the Pyodide version and the hashes of the module list / navigator sources, so a normal
build only verifies and copies (a few tens of ms).

Command line (``python -m generator.runtime ...``)::

    prepare OUT_DIR [--cache-dir build/runtime] [--navigator-src navigator]
    trace [--navigator-src navigator] [--requests generator/runtime_smoke_requests.json]
        regenerate generator/runtime_stdlib_modules.txt (needs npm ci + .venv-tools)
    test-wheels [--dest build/pyodide-test-wheels]
        download the pinned pure-python wheels for `tools/pyodide_run.mjs pytest`
    record-upstream
        re-record generator/runtime_pyodide_files.json after a Pyodide upgrade (npm pack)

Failures raise ``RuntimeSetupError`` - a ``SystemExit`` carrying one line - so a build
that does not catch it still ends with that line and no traceback.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
import zipfile
from pathlib import Path

from .files import atomic_write

REPO = Path(__file__).resolve().parent.parent
HERE = Path(__file__).resolve().parent
NODE_MODULES = REPO / "node_modules"
MODULE_LIST = HERE / "runtime_stdlib_modules.txt"
UPSTREAM_MANIFEST = HERE / "runtime_pyodide_files.json"
SMOKE_REQUESTS = HERE / "runtime_smoke_requests.json"
TOOLS_VENV = REPO / ".venv-tools"
NODE_SCRIPT = REPO / "tools" / "pyodide_run.mjs"
TEST_REQUIREMENTS = REPO / "tools" / "pyodide-test-requirements.txt"

# Files copied unchanged from node_modules/pyodide (a module worker needs the .mjs only).
PYODIDE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm")
# Also verified (used as inputs: compiled from / lockfile info taken from).
PYODIDE_INPUTS = ("python_stdlib.zip", "pyodide-lock.json", "package.json")
# Imported by the trace besides what the navigator imports: codecs looked up by name at
# run time, which no import statement shows.
TRACE_EXTRA = ("encodings.ascii", "encodings.latin_1", "encodings.utf_8_sig")
# Command-line-only modules of the navigator package, left out of the browser wheel (and so
# their imports, e.g. argparse, out of the trimmed stdlib).
WHEEL_EXCLUDE = ("__main__.py", "cli.py")
# How build_wheel lays the wheel out; part of its cache key, so a change here rebuilds it.
WHEEL_LAYOUT = "2: stored entries, __pycache__ .pyc beside each source"
NPM_HINT = "run `npm ci` (make does this)"
TOOLS_HINT = ("create it: python3.12 -m venv .venv-tools && "
              ".venv-tools/bin/pip install -r requirements-tools.txt (make does this)")


class RuntimeSetupError(SystemExit):
    """One-line, traceback-free failure (exit status 1 when not caught)."""

    def __init__(self, message: str):
        super().__init__(f"runtime: {message}")
        self.message = message

    def __str__(self) -> str:
        return str(self.code)


# --- small helpers ------------------------------------------------------------------------

def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _run(cmd: list[str], what: str, **kw) -> subprocess.CompletedProcess:
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, **kw)
    except FileNotFoundError:
        raise RuntimeSetupError(f"{what}: `{cmd[0]}` not found")
    if proc.returncode != 0:
        lines = (proc.stderr or proc.stdout).strip().splitlines() or ["(no output)"]
        raise RuntimeSetupError(f"{what} failed: {lines[-1]}")
    return proc


# --- the npm package ----------------------------------------------------------------------

def pyodide_package_dir(node_modules: Path = NODE_MODULES) -> Path:
    pkg = Path(node_modules) / "pyodide"
    if not (pkg / "package.json").is_file() or not (pkg / "pyodide.asm.wasm").is_file():
        raise RuntimeSetupError(f"{pkg} is missing: {NPM_HINT}")
    return pkg


def pyodide_version(pkg: Path) -> str:
    return json.loads((pkg / "package.json").read_text())["version"]


def lock_integrity(package_lock: Path = REPO / "package-lock.json") -> str:
    lock = json.loads(package_lock.read_text())
    return lock["packages"]["node_modules/pyodide"]["integrity"]


def verify_pyodide_files(pkg: Path, manifest_path: Path = UPSTREAM_MANIFEST,
                         names=PYODIDE_FILES + PYODIDE_INPUTS) -> dict[str, str]:
    """Check node_modules/pyodide against the recorded per-file sha256; return name -> sha256."""
    recorded = json.loads(manifest_path.read_text())
    version = pyodide_version(pkg)
    if recorded["version"] != version:
        raise RuntimeSetupError(
            f"node_modules/pyodide is {version} but {manifest_path.name} records "
            f"{recorded['version']}: {NPM_HINT}, or after an upgrade `python -m generator.runtime record-upstream`")
    if (REPO / "package-lock.json").is_file() and lock_integrity() != recorded["integrity"]:
        raise RuntimeSetupError(f"package-lock.json's pyodide integrity differs from {manifest_path.name}: "
                                "run `python -m generator.runtime record-upstream`")
    hashes = {}
    for name in names:
        digest = sha256_file(pkg / name)
        if digest != recorded["files"].get(name):
            raise RuntimeSetupError(f"node_modules/pyodide/{name} does not match its recorded sha256: {NPM_HINT}")
        hashes[name] = digest
    return hashes


def record_upstream_manifest(version: str | None = None, out: Path = UPSTREAM_MANIFEST) -> dict:
    """Fetch the pyodide tarball with `npm pack`, check its sha512 against package-lock.json's
    integrity, and record the sha256 of each file in it. Run after upgrading Pyodide."""
    integrity = lock_integrity()
    if version is None:
        version = json.loads((REPO / "package-lock.json").read_text())["packages"]["node_modules/pyodide"]["version"]
    with tempfile.TemporaryDirectory() as tmp:
        proc = _run(["npm", "pack", f"pyodide@{version}", "--json", "--pack-destination", tmp], "npm pack", cwd=tmp)
        tgz = Path(tmp) / json.loads(proc.stdout)[0]["filename"]
        algo, _, b64 = integrity.partition("-")
        actual = base64.b64encode(hashlib.new(algo, tgz.read_bytes()).digest()).decode()
        if actual != b64:
            raise RuntimeSetupError(f"npm pack pyodide@{version}: tarball does not match package-lock.json integrity")
        files = {}
        with tarfile.open(tgz) as tar:
            for member in tar.getmembers():
                if member.isfile():
                    files[member.name.removeprefix("package/")] = sha256_bytes(tar.extractfile(member).read())
    data = {"package": "pyodide", "version": version, "integrity": integrity,
            "note": "sha256 of each file of the npm tarball whose sha512 is `integrity`; "
                    "regenerate with `python -m generator.runtime record-upstream`",
            "files": dict(sorted(files.items()))}
    atomic_write(Path(out), (json.dumps(data, indent=1) + "\n").encode())
    return data


# --- the navigator wheel ------------------------------------------------------------------

def navigator_files(src: Path) -> list[Path]:
    """Files shipped in the wheel: everything in the package but caches, tests and the CLI."""
    src = Path(src)
    if not (src / "__init__.py").is_file() or not (src / "browser.py").is_file():
        raise RuntimeSetupError(f"{src} is not the navigator package (needs __init__.py and browser.py)")
    out = []
    for path in sorted(src.rglob("*")):
        rel = path.relative_to(src)
        if not path.is_file() or any(p in ("__pycache__", "tests") or p.startswith(".") for p in rel.parts):
            continue
        if path.suffix in (".pyc", ".pyo") or path.name == "conftest.py" or path.name.startswith("test_"):
            continue
        if rel.as_posix() in WHEEL_EXCLUDE:
            continue
        out.append(path)
    return out


def navigator_version(src: Path) -> str:
    m = re.search(r"""^__version__\s*=\s*["']([^"']+)["']""", (Path(src) / "__init__.py").read_text(), re.M)
    return m.group(1) if m else "0.0.0"


def navigator_hash(src: Path) -> str:
    h = hashlib.sha256()
    for path in navigator_files(src):
        h.update(path.relative_to(src).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


def build_wheel(src: Path, dest_dir: Path, compiled: Path | None = None) -> Path:
    """A reproducible pure-python py3-none-any wheel of the navigator package.

    ``compiled`` is a folder of ``__pycache__`` files made by Pyodide's own Python
    (see :func:`compile_navigator`); each one whose source is shipped goes in beside it,
    so the browser imports the navigator without compiling it first.
    """
    src, dest_dir = Path(src), Path(dest_dir)
    version = navigator_version(src)
    dist = f"navigator-{version}.dist-info"
    files = navigator_files(src)
    entries = [(f"navigator/{p.relative_to(src).as_posix()}", p.read_bytes()) for p in files]
    if compiled is not None:
        shipped = {p.relative_to(src).with_suffix("").as_posix() for p in files if p.suffix == ".py"}
        for pyc in sorted(Path(compiled).rglob("*.pyc")):
            rel = pyc.relative_to(compiled)
            module = (rel.parent.parent / rel.name.split(".")[0]).as_posix().lstrip("./")
            if module in shipped:
                entries.append((f"navigator/{rel.as_posix()}", pyc.read_bytes()))
    entries.append((f"{dist}/METADATA", (
        "Metadata-Version: 2.1\nName: navigator\n"
        f"Version: {version}\nSummary: Complaints navigator (browser entry point: navigator.browser.handle)\n"
        "Requires-Python: >=3.11\n").encode()))
    entries.append((f"{dist}/WHEEL", (
        "Wheel-Version: 1.0\nGenerator: generator.runtime\nRoot-Is-Purelib: true\nTag: py3-none-any\n").encode()))
    entries.append((f"{dist}/top_level.txt", b"navigator\n"))
    record = "".join(
        f"{name},sha256={base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b'=').decode()},{len(data)}\n"
        for name, data in entries) + f"{dist}/RECORD,,\n"
    entries.append((f"{dist}/RECORD", record.encode()))
    dest_dir.mkdir(parents=True, exist_ok=True)
    wheel = dest_dir / f"navigator-{version}-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as zf:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            # Stored, not deflated: the web server compresses the whole file better than
            # zip does file by file, and the browser has nothing to inflate.
            info.compress_type = zipfile.ZIP_STORED
            info.external_attr = 0o644 << 16
            zf.writestr(info, data)
    return wheel


# --- lockfile -----------------------------------------------------------------------------

def compile_navigator(src: Path, out_dir: Path) -> Path:
    """Compile the navigator with Pyodide's Python under Node (the .pyc must match its Python)."""
    _run([node_executable(), str(NODE_SCRIPT), "compile-package", "--src", str(src), "--out", str(out_dir)],
         "compiling the navigator under Node", cwd=REPO)
    return out_dir


def tools_pyodide_cli(tools_venv: Path = TOOLS_VENV) -> Path:
    cli = Path(tools_venv) / "bin" / "pyodide"
    if not cli.is_file():
        raise RuntimeSetupError(f"{cli} is missing: {TOOLS_HINT}")
    return cli


def make_lockfile(wheel: Path, stock_lock: Path, out_lock: Path, tools_venv: Path = TOOLS_VENV) -> Path:
    """`pyodide lockfile add-wheels` onto an empty lockfile with the stock `info` block, so the
    result lists the navigator and nothing else (file_name relative to the lockfile)."""
    cli = tools_pyodide_cli(tools_venv)
    info = json.loads(Path(stock_lock).read_text())["info"]
    with tempfile.TemporaryDirectory() as tmp:
        empty = Path(tmp) / "empty-lock.json"
        empty.write_text(json.dumps({"info": info, "packages": {}}))
        _run([str(cli), "lockfile", "add-wheels", "--input", str(empty), "--output", str(out_lock),
              "--base-path", str(Path(wheel).parent), str(wheel)], "pyodide lockfile add-wheels")
    verify_lockfile(out_lock, wheel, info)
    return out_lock


def verify_lockfile(lock_path: Path, wheel: Path, info: dict | None = None) -> dict:
    lock = json.loads(Path(lock_path).read_text())
    pkgs = lock.get("packages", {})
    if set(pkgs) != {"navigator"}:
        raise RuntimeSetupError(f"{lock_path}: expected only the navigator package, found {sorted(pkgs)}")
    entry = pkgs["navigator"]
    if entry.get("file_name") != Path(wheel).name:
        raise RuntimeSetupError(f"{lock_path}: file_name {entry.get('file_name')!r} is not {Path(wheel).name!r}")
    if entry.get("sha256") != sha256_file(wheel):
        raise RuntimeSetupError(f"{lock_path}: sha256 of the navigator wheel does not match the file")
    if "navigator" not in entry.get("imports", []) or entry.get("depends"):
        raise RuntimeSetupError(f"{lock_path}: navigator entry has imports={entry.get('imports')} "
                                f"depends={entry.get('depends')}")
    if info is not None and lock.get("info") != info:
        raise RuntimeSetupError(f"{lock_path}: info block differs from Pyodide's own lockfile")
    return lock


# --- stdlib zip ---------------------------------------------------------------------------

def read_module_list(path: Path = MODULE_LIST) -> list[str]:
    names = [line.split("#", 1)[0].strip() for line in Path(path).read_text().splitlines()]
    return sorted({n for n in names if n})


def node_executable() -> str:
    node = shutil.which("node")
    if not node:
        raise RuntimeSetupError("`node` is not on PATH (Node 20 is needed to compile the stdlib)")
    return node


def compile_stdlib(modules_file: Path, out_zip: Path) -> Path:
    """Compile the listed modules with Pyodide's Python under Node into a .pyc-only zip."""
    _run([node_executable(), str(NODE_SCRIPT), "compile-stdlib", "--modules", str(modules_file),
          "--out", str(out_zip)], "compiling the stdlib under Node", cwd=REPO)
    return out_zip


def trace_modules(navigator_src: Path = REPO / "navigator", requests: Path = SMOKE_REQUESTS,
                  out: Path = MODULE_LIST, node_modules: Path = NODE_MODULES,
                  tools_venv: Path = TOOLS_VENV) -> list[str]:
    """Regenerate the module list: run the browser flow under Pyodide (stock stdlib) and keep
    the stdlib modules that got imported."""
    pkg = pyodide_package_dir(node_modules)
    with tempfile.TemporaryDirectory() as tmp:
        rt = Path(tmp)
        for name in PYODIDE_FILES:
            shutil.copyfile(pkg / name, rt / name)
        shutil.copyfile(pkg / "python_stdlib.zip", rt / "python_stdlib.zip")  # unused (--full-stdlib)
        wheel = build_wheel(navigator_src, rt)
        make_lockfile(wheel, pkg / "pyodide-lock.json", rt / "pyodide-lock.json", tools_venv)
        traced = rt / "traced.txt"
        _run([node_executable(), str(NODE_SCRIPT), "trace", "--runtime", str(rt), "--requests", str(requests),
              "--out", str(traced), "--extra", ",".join(TRACE_EXTRA)], "tracing imports under Pyodide", cwd=REPO)
        names = read_module_list(traced)
    header = (
        f"# Stdlib modules shipped in <site>/pyodide/python_stdlib.zip (Pyodide {pyodide_version(pkg)}).\n"
        "# Generated, do not edit by hand: the modules Pyodide's bootstrap, installing the navigator wheel,\n"
        "# importing every navigator module, navigator.browser.handle() on the smoke requests, and\n"
        "# every import statement in the navigator sources actually imported under Pyodide.\n"
        "# Regenerate (needs `npm ci` and .venv-tools) after changing the navigator's imports or Pyodide:\n"
        "#   python -m generator.runtime trace\n"
        "# then check with: node tools/pyodide_run.mjs smoke --runtime site/pyodide "
        "--requests generator/runtime_smoke_requests.json\n")
    atomic_write(Path(out), (header + "".join(f"{n}\n" for n in names)).encode())
    return names


# --- cache --------------------------------------------------------------------------------

def _key(*parts: str) -> str:
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()[:20]


def cached_stdlib_zip(cache_dir: Path, version: str, stock_zip_sha: str, modules_file: Path) -> Path:
    modules = read_module_list(modules_file)
    key = _key("stdlib", version, stock_zip_sha, sha256_file(NODE_SCRIPT), *modules)  # the script compiles it
    target = Path(cache_dir) / f"python_stdlib-{version}-{key}.zip"
    if not target.is_file():
        target.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=target.parent) as tmp:
            mods = Path(tmp) / "modules.txt"
            mods.write_text("".join(f"{m}\n" for m in modules))
            compile_stdlib(mods, Path(tmp) / "stdlib.zip")
            check_stdlib_zip(Path(tmp) / "stdlib.zip", modules)
            os.replace(Path(tmp) / "stdlib.zip", target)
    return target


def check_stdlib_zip(path: Path, modules: list[str]) -> None:
    with zipfile.ZipFile(path) as zf:
        names = set(zf.namelist())
    missing = [m for m in modules
               if f"{m.replace('.', '/')}.pyc" not in names and f"{m.replace('.', '/')}/__init__.pyc" not in names]
    if missing or any(not n.endswith(".pyc") for n in names):
        raise RuntimeSetupError(f"{path}: bad stdlib zip (missing {missing[:5]})")


def cached_navigator(cache_dir: Path, version: str, navigator_src: Path, stock_lock: Path,
                     tools_venv: Path = TOOLS_VENV) -> tuple[Path, Path]:
    """(wheel, lockfile) from the cache, made on a miss."""
    tools_pin = (REPO / "requirements-tools.txt")
    key = _key("navigator", WHEEL_LAYOUT, version, navigator_hash(navigator_src), sha256_file(stock_lock),
               sha256_file(tools_pin) if tools_pin.is_file() else "", sha256_file(NODE_SCRIPT))
    entry = Path(cache_dir) / f"navigator-{key}"
    if not (entry / "pyodide-lock.json").is_file():
        entry.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(dir=entry.parent, prefix=".tmp-"))
        try:
            compiled = compile_navigator(navigator_src, tmp / "compiled")
            wheel = build_wheel(navigator_src, tmp, compiled)
            shutil.rmtree(compiled)
            make_lockfile(wheel, stock_lock, tmp / "pyodide-lock.json", tools_venv)
            shutil.rmtree(entry, ignore_errors=True)
            os.replace(tmp, entry)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    wheels = list(entry.glob("*.whl"))
    if len(wheels) != 1:
        raise RuntimeSetupError(f"{entry}: corrupt cache entry (delete {cache_dir})")
    return wheels[0], entry / "pyodide-lock.json"


# --- the public entry point ---------------------------------------------------------------

def _copy(src: Path, dst: Path, digest: str | None = None) -> dict:
    shutil.copyfile(src, dst)
    return {"size": dst.stat().st_size, "sha256": digest or sha256_file(dst)}


def prepare_runtime(out_dir: Path, cache_dir: Path = Path("build/runtime"),
                    navigator_src: Path = Path("navigator"), *,
                    node_modules: Path = NODE_MODULES, modules_file: Path = MODULE_LIST,
                    tools_venv: Path = TOOLS_VENV) -> dict:
    """Write the browser runtime into out_dir; return {file: {"size", "sha256"}} (also in manifest.json)."""
    out_dir, cache_dir = Path(out_dir), Path(cache_dir)
    pkg = pyodide_package_dir(node_modules)
    upstream = verify_pyodide_files(pkg)
    version = pyodide_version(pkg)
    stdlib = cached_stdlib_zip(cache_dir, version, upstream["python_stdlib.zip"], modules_file)
    wheel, lock = cached_navigator(cache_dir, version, navigator_src, pkg / "pyodide-lock.json", tools_venv)
    verify_lockfile(lock, wheel)

    out_dir.mkdir(parents=True, exist_ok=True)
    manifest = {}
    for name in PYODIDE_FILES:
        manifest[name] = _copy(pkg / name, out_dir / name, upstream[name])
    manifest["python_stdlib.zip"] = _copy(stdlib, out_dir / "python_stdlib.zip")
    manifest[wheel.name] = _copy(wheel, out_dir / wheel.name)
    manifest["pyodide-lock.json"] = _copy(lock, out_dir / "pyodide-lock.json")
    verify_lockfile(out_dir / "pyodide-lock.json", out_dir / wheel.name)

    old = out_dir / "manifest.json"
    if old.is_file():  # remove files an earlier build wrote that are no longer shipped (e.g. old wheels)
        for name in json.loads(old.read_text()):
            if name not in manifest and "/" not in name and (out_dir / name).is_file():
                (out_dir / name).unlink()
    manifest = dict(sorted(manifest.items()))
    atomic_write(old, (json.dumps(manifest, indent=1) + "\n").encode())
    return manifest


def download_test_wheels(dest: Path = REPO / "build" / "pyodide-test-wheels",
                         requirements: Path = TEST_REQUIREMENTS) -> Path:
    """Pinned pure-python wheels for running pytest under Pyodide (cached: skipped when present)."""
    dest = Path(dest)
    stamp = dest / f".done-{sha256_file(requirements)[:16]}"
    if not stamp.is_file():
        shutil.rmtree(dest, ignore_errors=True)
        _run([sys.executable, "-m", "pip", "download", "--quiet", "--only-binary=:all:", "--no-deps",
              "--python-version", "3.14", "--platform", "any", "-d", str(dest), "-r", str(requirements)],
             "pip download (test wheels)")
        stamp.write_text("")
    return dest


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m generator.runtime", description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("prepare", help="write the runtime into OUT_DIR (e.g. site/pyodide)")
    p.add_argument("out_dir", type=Path)
    p.add_argument("--cache-dir", type=Path, default=Path("build/runtime"))
    p.add_argument("--navigator-src", type=Path, default=Path("navigator"))
    p.add_argument("--node-modules", type=Path, default=NODE_MODULES)
    t = sub.add_parser("trace", help=f"regenerate {MODULE_LIST.relative_to(REPO)}")
    t.add_argument("--navigator-src", type=Path, default=REPO / "navigator")
    t.add_argument("--requests", type=Path, default=SMOKE_REQUESTS)
    t.add_argument("--out", type=Path, default=MODULE_LIST)
    w = sub.add_parser("test-wheels", help="download pinned wheels for pytest under Pyodide")
    w.add_argument("--dest", type=Path, default=REPO / "build" / "pyodide-test-wheels")
    sub.add_parser("record-upstream", help=f"re-record {UPSTREAM_MANIFEST.relative_to(REPO)} (npm pack)")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    if args.cmd == "prepare":
        manifest = prepare_runtime(args.out_dir, args.cache_dir, args.navigator_src,
                                   node_modules=args.node_modules)
        total = sum(v["size"] for v in manifest.values())
        print(f"runtime: {len(manifest)} files, {total / 1e6:.1f} MB -> {args.out_dir} "
              f"in {time.perf_counter() - t0:.2f} s")
    elif args.cmd == "trace":
        names = trace_modules(args.navigator_src, args.requests, args.out)
        print(f"runtime: {len(names)} stdlib modules -> {args.out}")
    elif args.cmd == "test-wheels":
        print(download_test_wheels(args.dest))
    else:
        data = record_upstream_manifest()
        print(f"runtime: recorded {len(data['files'])} files of pyodide {data['version']} -> {UPSTREAM_MANIFEST}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
