#!/usr/bin/env node
// Run Python under Pyodide in Node, loading it exactly as the browser worker
// (generator/static/navigator-worker.js) does: pyodide.mjs + pyodide.asm.* +
// the trimmed python_stdlib.zip + pyodide-lock.json + the navigator wheel, all
// from a runtime directory prepared by `python -m generator.runtime`.
//
// Commands (RUNTIME defaults to site/pyodide):
//   smoke   [--runtime DIR] --requests FILE.json
//       Trimmed stdlib zip (as shipped). Imports every navigator module and calls
//       navigator.browser.handle() on each request (a JSON list of request
//       objects or strings); fails if anything raises or a reply is not JSON.
//       This is what catches a lazy import missing from the trimmed zip.
//   run     [--runtime DIR] [--full-stdlib] FILE.py
//       Runs a Python file (navigator already installed).
//   pytest  [--runtime DIR] --wheels DIR --tests DIR [--rules FILE] [-- PYTEST_ARGS...]
//       Full stock stdlib (pytest needs modules the trimmed zip lacks). Unpacks
//       every *.whl in --wheels into site-packages, copies --tests into the
//       in-memory FS and runs pytest there; navigator is imported from its wheel.
//   trace   [--runtime DIR] --requests FILE.json --out FILE [--extra a,b,c]
//       Full stock stdlib. Does the browser flow (install the wheel, import, handle,
//       plus importing every stdlib module named in an import statement anywhere
//       in the navigator sources, plus --extra) and writes the sorted names of
//       the modules that were loaded from the stdlib zip. Used to regenerate
//       generator/runtime_stdlib_modules.txt.
//   compile-stdlib --modules FILE --out ZIP
//       Stock Pyodide from node_modules. Compiles the listed modules (docstrings and
//       instruction columns left out, see loadCompiler) from the
//       stock stdlib zip with Pyodide's own Python (so the .pyc magic matches)
//       into a deterministic zip of unchecked-hash .pyc files only.
// Exit status is non-zero on any failure.

import { readFileSync, writeFileSync, readdirSync, statSync, existsSync, mkdirSync } from "node:fs";
import { join, resolve, dirname, basename } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const HERE = dirname(fileURLToPath(import.meta.url));
const STOCK = resolve(HERE, "..", "node_modules", "pyodide");
const ZIP_PREFIX = "/lib/python314.zip/";

function parseArgs(argv) {
  const opts = { _: [], rest: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--") { opts.rest = argv.slice(i + 1); break; }
    if (a === "--full-stdlib") { opts.fullStdlib = true; continue; }
    if (a.startsWith("--")) { opts[a.slice(2)] = argv[++i]; continue; }
    opts._.push(a);
  }
  return opts;
}

function fail(msg) {
  console.error(`pyodide_run: ${msg}`);
  process.exit(1);
}

// Stock Pyodide set up to compile what the browser imports. PYTHONNODEBUGRANGES leaves out of
// each code object the column of every instruction (used only to draw ^^^ under the failing part
// of a line in a traceback): the stdlib zip is then a quarter smaller once compressed (0.77 ->
// 0.57 MB), and line numbers in tracebacks are kept.
async function loadCompiler() {
  if (!existsSync(join(STOCK, "pyodide.mjs"))) fail("node_modules/pyodide is missing: run `npm ci` (make does this)");
  const { loadPyodide } = await import(pathToFileURL(join(STOCK, "pyodide.mjs")).href);
  const py = await loadPyodide({
    indexURL: STOCK + "/", packages: [], env: { HOME: "/home/pyodide", PYTHONNODEBUGRANGES: "1" },
  });
  const columns = py.runPython("[c for _, _, c, _ in compile('x = 1', '', 'exec').co_positions()]").toJs();
  if (columns.some((c) => c !== undefined)) fail("Pyodide ignored PYTHONNODEBUGRANGES");
  return py;
}

// Load Pyodide from a prepared runtime dir the way the browser worker does.
async function loadRuntime(dir, { fullStdlib = false } = {}) {
  dir = resolve(dir);
  for (const f of ["pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json"]) {
    if (!existsSync(join(dir, f))) fail(`${join(dir, f)} is missing: run \`python -m generator.runtime prepare ${dir}\` first`);
  }
  const stdLibURL = fullStdlib ? join(STOCK, "python_stdlib.zip") : join(dir, "python_stdlib.zip");
  const { loadPyodide } = await import(pathToFileURL(join(dir, "pyodide.mjs")).href);
  const t0 = performance.now();
  const py = await loadPyodide({
    indexURL: dir + "/",
    stdLibURL,
    lockFileURL: join(dir, "pyodide-lock.json"),
    packageCacheDir: dir + "/",
    packages: [],
    checkAPIVersion: true,
  });
  const tLoad = performance.now() - t0;
  // Installed exactly as the browser worker installs it (checked against the lockfile's sha256).
  const { installWheel } = await import(pathToFileURL(join(HERE, "..", "generator", "static", "install-wheel.js")).href);
  try {
    await installWheel(py, pathToFileURL(dir + "/"), "navigator");
  } catch (error) {
    fail(`installing the navigator wheel failed: ${error.message}`);
  }
  const tReady = performance.now() - t0;
  console.error(`pyodide_run: loadPyodide ${tLoad.toFixed(0)} ms, +navigator ${tReady.toFixed(0)} ms (${fullStdlib ? "stock" : "trimmed"} stdlib)`);
  return py;
}

function readRequests(file) {
  if (!file) fail("--requests FILE.json is required");
  const reqs = JSON.parse(readFileSync(file, "utf8"));
  if (!Array.isArray(reqs)) fail(`${file}: expected a JSON list of requests`);
  return reqs.map((r) => (typeof r === "string" ? r : JSON.stringify(r)));
}

// Python helpers shared by smoke and trace.
const PY_IMPORT_ALL = `
import importlib, pkgutil, sys
import navigator, navigator.browser
_nav_modules = ["navigator"] + [m.name for m in pkgutil.walk_packages(navigator.__path__, "navigator.")
                                if not m.name.endswith(".__main__")]
for _m in _nav_modules:
    importlib.import_module(_m)
`;

// Absolute import statements anywhere in the navigator's sources, even inside functions.
const PY_SOURCE_IMPORTS = `
import ast, importlib.util
def _source_import_names(with_from_names=True):
    names = set()
    for m in _nav_modules:
        tree = ast.parse(importlib.util.find_spec(m).loader.get_source(m) or "")
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names.update(a.name for a in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module)
                if with_from_names:
                    names.update(f"{node.module}.{a.name}" for a in node.names)
    return {n for n in names if n.split(".")[0] != "navigator"}
`;

const PY_HANDLE_ALL = `
import json, traceback
def _run_requests(reqs):
    bad = 0
    for r in reqs:
        try:
            out = navigator.browser.handle(r)
            if not isinstance(out, str):
                raise TypeError(f"handle() returned {type(out).__name__}, not str")
            json.loads(out)
            print(f"ok   {r[:70]} -> {out[:70]}")
        except BaseException:
            bad += 1
            print(f"FAIL {r[:70]}")
            traceback.print_exc()
    return bad
`;

async function cmdSmoke(o) {
  const reqs = readRequests(o.requests);
  const py = await loadRuntime(o.runtime ?? "site/pyodide");
  py.globals.set("_reqs", py.toPy(reqs));
  try {
    py.runPython(PY_IMPORT_ALL + PY_SOURCE_IMPORTS + PY_HANDLE_ALL);
    // Every module the sources name must import (catches lazy imports no request reaches).
    const missing = py.runPython(`
_missing = []
for _n in sorted(_source_import_names(with_from_names=False)):
    try:
        importlib.import_module(_n)
    except ImportError as e:
        _missing.append(f"{_n} ({e})")
"\\n".join(_missing)`);
    for (const m of missing ? missing.split("\n") : []) console.log(`FAIL import ${m} (add it: python -m generator.runtime trace)`);
    const bad = py.runPython("_run_requests(_reqs)") + (missing ? missing.split("\n").length : 0);
    const n = py.runPython("len(_nav_modules)");
    const total = reqs.length + (missing ? missing.split("\n").length : 0);
    console.log(`smoke: trimmed stdlib, ${n} navigator modules imported, ${reqs.length} requests`);
    console.log(`smoke: ${total - bad} passed, ${bad} failed`);
    return bad ? 1 : 0;
  } catch (e) {
    console.error(String(e));
    console.log("smoke: import error under the trimmed stdlib");
    console.log("smoke: 0 passed, 1 failed");
    return 1;
  }
}

async function cmdTrace(o) {
  if (!o.out) fail("--out FILE is required");
  const reqs = readRequests(o.requests);
  const py = await loadRuntime(o.runtime ?? "site/pyodide", { fullStdlib: true });
  py.globals.set("_reqs", py.toPy(reqs));
  py.globals.set("_extra", py.toPy((o.extra ?? "").split(",").filter(Boolean)));
  py.runPython(PY_IMPORT_ALL + PY_SOURCE_IMPORTS + PY_HANDLE_ALL + `
if _run_requests(_reqs):
    raise SystemExit("trace: a request failed (see above)")
# Also import every module named in an import statement anywhere in the navigator's
# sources (lazy imports inside functions included), so its stdlib closure is traced.
for _n in sorted(_source_import_names() | set(_extra)):
    try:
        importlib.import_module(_n)
    except ImportError:
        pass  # "from x import name" where name is not a module
_traced = sorted(
    n for n, m in list(sys.modules.items())
    if ((getattr(getattr(m, "__spec__", None), "origin", None) or "").startswith("${ZIP_PREFIX}"))
)
`);
  const mods = py.runPython("'\\n'.join(_traced)");
  writeFileSync(o.out, mods + "\n");
  console.log(`trace: ${mods.split("\n").length} stdlib modules -> ${o.out}`);
  return 0;
}

async function cmdCompile(o) {
  if (!o.modules || !o.out) fail("--modules FILE and --out ZIP are required");
  const names = readFileSync(o.modules, "utf8").split("\n").map((l) => l.replace(/#.*/, "").trim()).filter(Boolean);
  const py = await loadCompiler();
  py.globals.set("_names", py.toPy(names));
  const missing = py.runPython(`
import importlib.util, zipfile
from importlib._bootstrap_external import _code_to_hash_pyc
src = zipfile.ZipFile("/lib/python314.zip")
have = set(src.namelist())
missing = []
entries = []
for name in sorted(set(_names)):
    base = name.replace(".", "/")
    for cand in (base + "/__init__.py", base + ".py"):
        if cand in have:
            break
    else:
        missing.append(name)
        continue
    source = src.read(cand)
    # optimize=2 drops docstrings (and asserts): about a fifth of the bytes, and the browser downloads them all.
    code = compile(source, "${ZIP_PREFIX}" + cand, "exec", dont_inherit=True, optimize=2)
    entries.append((cand + "c", _code_to_hash_pyc(code, importlib.util.source_hash(source), False)))
with zipfile.ZipFile("/tmp/stdlib.zip", "w") as out:
    for arc, data in sorted(entries):
        info = zipfile.ZipInfo(arc, date_time=(1980, 1, 1, 0, 0, 0))
        # Stored, not deflated: the web server compresses the whole file better than zip does entry by
        # entry, and zipimport then reads each module without inflating it.
        info.compress_type = zipfile.ZIP_STORED
        info.external_attr = 0o644 << 16
        out.writestr(info, data)
"\\n".join(missing)
`);
  if (missing) fail(`not in Pyodide's stdlib zip: ${missing.split("\n").join(", ")}`);
  writeFileSync(o.out, py.FS.readFile("/tmp/stdlib.zip"));
  console.log(`compile-stdlib: ${names.length} modules -> ${o.out} (${statSync(o.out).size} bytes)`);
  return 0;
}

function copyTree(py, hostDir, fsDir) {
  py.FS.mkdirTree(fsDir);
  for (const name of readdirSync(hostDir)) {
    if (name === "__pycache__" || name === ".hypothesis" || name === ".pytest_cache") continue;
    const h = join(hostDir, name);
    const f = `${fsDir}/${name}`;
    if (statSync(h).isDirectory()) copyTree(py, h, f);
    else py.FS.writeFile(f, readFileSync(h));
  }
}

// compile-package --src DIR --out DIR: compile each .py under DIR with Pyodide's own Python into
// DIR/__pycache__/NAME.cpython-314.pyc (hash-based, unchecked), as the installed package will find
// them in site-packages; the browser then imports the navigator without compiling it.
async function cmdCompilePackage(o) {
  if (!o.src || !o.out) fail("--src DIR and --out DIR are required");
  const files = [];
  const walk = (dir, rel) => {
    for (const name of readdirSync(dir)) {
      if (name === "__pycache__") continue;
      const h = join(dir, name);
      if (statSync(h).isDirectory()) walk(h, `${rel}${name}/`);
      else if (name.endsWith(".py")) files.push([`${rel}${name}`, readFileSync(h, "utf8")]);
    }
  };
  walk(resolve(o.src), "");
  const py = await loadCompiler();
  py.globals.set("_files", py.toPy(files));
  py.globals.set("_package", basename(resolve(o.src)));
  const compiled = py.runPython(`
import importlib.util, site, sys
from importlib._bootstrap_external import _code_to_hash_pyc
_out = []
_root = site.getsitepackages()[0] + "/" + _package + "/"
for _rel, _src in _files:
    _code = compile(_src, _root + _rel, "exec", dont_inherit=True)
    _pyc = _code_to_hash_pyc(_code, importlib.util.source_hash(_src.encode()), False)
    _dir, _, _name = _rel.rpartition("/")
    _target = (_dir + "/" if _dir else "") + "__pycache__/" + _name[:-3] + "." + sys.implementation.cache_tag + ".pyc"
    _out.append((_target, _pyc))
_out`).toJs();
  for (const [target, data] of compiled) {
    const dest = join(resolve(o.out), target);
    mkdirSync(dirname(dest), { recursive: true });
    writeFileSync(dest, data);
  }
  console.log(`compile-package: ${compiled.length} modules -> ${o.out}`);
  return 0;
}

async function cmdPytest(o) {
  if (!o.wheels || !o.tests) fail("--wheels DIR and --tests DIR are required");
  const wheels = readdirSync(o.wheels).filter((f) => f.endsWith(".whl"));
  if (!wheels.length) fail(`no wheels in ${o.wheels}`);
  const py = await loadRuntime(o.runtime ?? "site/pyodide", { fullStdlib: true });
  py.FS.mkdirTree("/tmp/wheels");
  for (const w of wheels) py.FS.writeFile(`/tmp/wheels/${w}`, readFileSync(join(o.wheels, w)));
  const testsName = basename(resolve(o.tests));
  copyTree(py, resolve(o.tests), `/src/${testsName}`);
  // The tests read the rule data from NAVIGATOR_RULES_JSON (PyYAML and holidays are not in Pyodide).
  if (o.rules) py.FS.writeFile("/src/rules.json", readFileSync(o.rules));
  py.globals.set("_rules", o.rules ? "/src/rules.json" : "");
  py.globals.set("_args", py.toPy(["-q", "-p", "no:cacheprovider", testsName, ...o.rest]));
  const rc = await py.runPythonAsync(`
import glob, importlib, os, site, sys, zipfile
sp = site.getsitepackages()[0]
for w in sorted(glob.glob("/tmp/wheels/*.whl")):
    zipfile.ZipFile(w).extractall(sp)
importlib.invalidate_caches()
if _rules:
    os.environ["NAVIGATOR_RULES_JSON"] = _rules
os.chdir("/src")
sys.path[:] = [p for p in sys.path if p not in ("", "/src")]  # test the wheel, not a source tree
import navigator, pytest
print(f"navigator from {navigator.__file__}; pytest {pytest.__version__} under Pyodide {sys.version.split()[0]}")
int(pytest.main(list(_args)))
`);
  return rc;
}

async function cmdRun(o) {
  const file = o._[0];
  if (!file) fail("run: give a Python file");
  const py = await loadRuntime(o.runtime ?? "site/pyodide", { fullStdlib: !!o.fullStdlib });
  py.globals.set("_src", readFileSync(file, "utf8"));
  py.globals.set("_filename", resolve(file));
  // Run like `python FILE`: SystemExit gives the exit status, other errors print a traceback.
  return py.runPython(`
import sys, traceback
_rc = 0
try:
    exec(compile(_src, _filename, "exec"), {"__name__": "__main__", "__file__": _filename})
except SystemExit as e:
    if e.code is None or isinstance(e.code, int):
        _rc = e.code or 0
    else:
        print(e.code, file=sys.stderr)
        _rc = 1
except BaseException:
    traceback.print_exc()
    _rc = 1
_rc`);
}

const [cmd, ...argv] = process.argv.slice(2);
const o = parseArgs(argv);
const commands = { smoke: cmdSmoke, trace: cmdTrace, "compile-stdlib": cmdCompile, "compile-package": cmdCompilePackage, pytest: cmdPytest, run: cmdRun };
if (!commands[cmd]) fail(`usage: pyodide_run.mjs {${Object.keys(commands).join("|")}} [options] (see the header of this file)`);
try {
  process.exit(await commands[cmd](o));
} catch (e) {
  console.error(e && e.message ? e.message : String(e));
  process.exit(1);
}
