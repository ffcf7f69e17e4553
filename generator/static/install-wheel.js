// install-wheel.js - put a pure-Python wheel into Pyodide's site-packages, checked first.
//
//   import { installWheel } from "./install-wheel.js";
//   await installWheel(pyodide, runtimeBaseURL, "navigator");
// or, to fetch and check the wheel while Pyodide is still starting:
//   const files = fetchCheckedWheel(runtimeBaseURL, "navigator");  // no Python needed
//   writeWheel(await loadPyodide(...), await files);
//
// The wheel's file name and sha256 come from pyodide-lock.json, which the build made with
// pyodide-build's `pyodide lockfile add-wheels`. The wheel is refused unless its SHA-256 matches.
// This does what pyodide.loadPackage does for one pure-Python wheel, without the Python modules
// loadPackage imports (tarfile, email, importlib.metadata), which would cost every visitor ~75 KB
// and ~40 ms. The browser worker and tools/pyodide_run.mjs (the tests) both use this file.

function hex(buffer) {
  return Array.from(new Uint8Array(buffer), (b) => b.toString(16).padStart(2, "0")).join("");
}

async function fetchBytes(url) {
  if (url.protocol === "file:") {  // Node, running the tests
    const { readFile } = await import("node:fs/promises");
    return new Uint8Array(await readFile(url));
  }
  const response = await fetch(url, { credentials: "same-origin" });
  if (!response.ok) throw new Error(`${url.pathname}: ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

async function inflateRaw(bytes) {
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate-raw"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

// The files in a zip archive, read from its central directory: [[name, bytes], ...].
export async function unzip(bytes) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let end = bytes.length - 22;
  while (end >= 0 && view.getUint32(end, true) !== 0x06054b50) end--;
  if (end < 0) throw new Error("not a zip file");
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const files = [];
  const decoder = new TextDecoder();
  for (let i = 0; i < count; i++) {
    if (view.getUint32(at, true) !== 0x02014b50) throw new Error("bad zip central directory");
    const method = view.getUint16(at + 10, true);
    const size = view.getUint32(at + 20, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const local = view.getUint32(at + 42, true);
    const name = decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength));
    at += 46 + nameLength + extraLength + commentLength;
    if (name.endsWith("/")) continue;
    const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    const data = bytes.subarray(start, start + size);
    if (method === 0) files.push([name, data]);
    else if (method === 8) files.push([name, await inflateRaw(data)]);
    else throw new Error(`${name}: unsupported zip method ${method}`);
  }
  return files;
}

/** The wheel's files, [[path, bytes], ...], once its SHA-256 matches pyodide-lock.json. Needs no Python.
 * `lockFile`: pyodide-lock.json already read (an object, or a promise of one), else it is fetched. */
export async function fetchCheckedWheel(base, name, lockFile = null) {
  const lock = lockFile
    ? await lockFile
    : JSON.parse(new TextDecoder().decode(await fetchBytes(new URL("pyodide-lock.json", base))));
  const entry = lock.packages?.[name];
  if (!entry || !entry.file_name || !entry.sha256) throw new Error(`${name} is not in pyodide-lock.json`);
  const wheel = await fetchBytes(new URL(entry.file_name, base));
  const digest = hex(await crypto.subtle.digest("SHA-256", wheel));
  if (digest !== entry.sha256) throw new Error(`${entry.file_name} does not match its sha256 in pyodide-lock.json`);
  return unzip(wheel);
}

/** Write checked wheel files into site-packages and make the import system see them. */
export function writeWheel(pyodide, files) {
  const sitePackages = pyodide.runPython("import site; site.getsitepackages()[0]");
  for (const [path, data] of files) {
    const target = `${sitePackages}/${path}`;
    pyodide.FS.mkdirTree(target.slice(0, target.lastIndexOf("/")));
    pyodide.FS.writeFile(target, data);
  }
  // Only site-packages' own finder forgets its listing. importlib.invalidate_caches() would do
  // the same and also import importlib.metadata and email (~70 KB, tens of milliseconds).
  pyodide.runPython(`import sys
_finder = sys.path_importer_cache.get(${JSON.stringify(sitePackages)})
if _finder is not None:
    _finder.invalidate_caches()
del _finder`);
}

export async function installWheel(pyodide, base, name) {
  writeWheel(pyodide, await fetchCheckedWheel(base, name));
}
