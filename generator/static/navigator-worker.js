// navigator-worker.js - module Web Worker that runs the navigator (Python, stdlib only)
// under the self-hosted Pyodide prepared by generator/runtime.py in <site>/pyodide/.
//
// Start it from the page (no inline script needed):
//   const worker = new Worker(new URL("static/navigator-worker.js?pyodide=../pyodide/", document.baseURI),
//                             { type: "module" });
// `?pyodide=` is the runtime directory, relative to this file (default "../pyodide/").
//
// Messages:
//   worker -> page  {ready: true, ms}           Python and the navigator are loaded (ms since start)
//                   {ready: false, error}       loading failed; every request will get {id, error}
//   page -> worker  {id, request}               request: a JSON string (or an object, JSON-encoded here)
//   worker -> page  {id, response}              response: the JSON string from navigator.browser.handle
//                   {id, error}                 handle raised (the Python exception's last line)
// Requests sent before `ready` are queued; replies come in request order.

import { installWheel } from "./install-wheel.js";

const params = new URL(self.location.href).searchParams;
const base = new URL(params.get("pyodide") ?? "../pyodide/", self.location.href);
const started = performance.now();

async function start() {
  const { loadPyodide } = await import(new URL("pyodide.mjs", base).href);
  const pyodide = await loadPyodide({
    indexURL: base.href,
    stdLibURL: new URL("python_stdlib.zip", base).href, // trimmed, precompiled .pyc
    lockFileURL: new URL("pyodide-lock.json", base).href, // lists the navigator wheel only
    packages: [],
    stdout: (line) => console.log(line),
    stderr: (line) => console.warn(line),
  });
  // The navigator wheel, checked against its sha256 in the lockfile before it is used.
  await installWheel(pyodide, base, "navigator");
  return pyodide.pyimport("navigator.browser").handle;
}

function lastLine(error) {
  const lines = String(error?.message ?? error).trim().split("\n");
  return lines[lines.length - 1];
}

const handleReady = start();
handleReady.then(
  () => self.postMessage({ ready: true, ms: Math.round(performance.now() - started) }),
  (error) => self.postMessage({ ready: false, error: lastLine(error) }),
);

let queue = Promise.resolve();
self.addEventListener("message", (event) => {
  const { id, request } = event.data ?? {};
  queue = queue.then(async () => {
    try {
      const handle = await handleReady;
      const json = typeof request === "string" ? request : JSON.stringify(request);
      self.postMessage({ id, response: handle(json) });
    } catch (error) {
      self.postMessage({ id, error: lastLine(error) });
    }
  });
});
