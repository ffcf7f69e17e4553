// navigator-worker.js - module Web Worker that runs the navigator (Python, stdlib only)
// under the self-hosted Pyodide prepared by generator/runtime.py in <site>/pyodide/.
//
// Start it from the page (no inline script needed):
//   const worker = new Worker(new URL("static/navigator-worker.js?pyodide=../pyodide/", document.baseURI),
//                             { type: "module" });
//   worker.postMessage({ rules: new URL("navigator/rules.json", document.baseURI).href });  // optional
// `?pyodide=` is the runtime directory, relative to this file (default "../pyodide/"). A service
// worker that serves this script from its cache drops the query, so keep to the default there.
// A first {rules: URL} message has the rule data fetched while Python starts and loaded before
// `ready` (rulesLoaded: true), so the page need not send {action: "load"} itself.
//
// Messages:
//   page -> worker  {rules: URL}                (optional, first) fetch and load these rules at start
//   worker -> page  {ready: true, ms, snapshot, rulesLoaded}
//                                               Python and the navigator are loaded (ms since start);
//                                               snapshot: "used", "saved" or "none" (see below)
//                   {ready: false, error, compileFailed}
//                                               loading failed; every request will get {id, error}.
//                                               compileFailed: the WebAssembly came but would not compile or link
//   page -> worker  {id, request}               request: a JSON string (or an object, JSON-encoded here)
//   worker -> page  {id, response}              response: the JSON string from navigator.browser.handle
//                   {id, error}                 handle raised (the Python exception's last line)
// Requests sent before `ready` are queued; replies come in request order.
//
// Start-up snapshot. Most of Pyodide's start is Python initialising itself, the same work on
// every visit. So on the first visit this worker takes a memory snapshot of the interpreter
// just after the navigator is imported (before any answer is handled, so it holds none) and
// keeps it in Cache Storage; later visits restore it instead of starting Python afresh.
// The cache is named after the runtime's version, which the build writes below (as it names the
// service worker's runtime cache), so a new runtime never meets an old snapshot, and the service
// worker deletes old ones. Any failure to restore deletes the snapshot and starts Python the
// ordinary way. Snapshots use Pyodide's experimental `_makeSnapshot`/`_loadSnapshot` options
// (pinned version).
//
// Runtime files from the cache. Once the service worker has cached the runtime, this worker reads
// its files (the WebAssembly, the stdlib zip, the lock file and the wheel) from that cache itself
// rather than through the service worker, which took about three times as long per byte: 30-70 ms
// of a later visit's start in A/B runs. Pyodide fetches with the global `fetch` and has no option for
// how, so `fetch` is wrapped here, for files of the runtime only; anything not in the cache, or
// fetched with an integrity check, goes to the network (and the service worker) as before.
// (Pyodide's two JavaScript modules are imported, so they still come through the service worker.)

const params = new URL(self.location.href).searchParams;
const base = new URL(params.get("pyodide") ?? "../pyodide/", self.location.href);
const started = performance.now();
const SNAPSHOT_CACHE_PREFIX = "complaints-guidance-snapshot-"; // generator/offline.py SNAPSHOT_CACHE_PREFIX
const RUNTIME_CACHE_PREFIX = "complaints-guidance-runtime-"; // generator/offline.py RUNTIME_CACHE_PREFIX
const SNAPSHOT_FORMAT = "1";
// The runtime's version, written here by the build (generator/offline.py stamp_worker). Left
// empty, as in the source: the version is unknown, and no snapshot is kept.
const RUNTIME_VERSION = "";

const networkFetch = self.fetch.bind(self);
self.fetch = fetchForPyodide;

// The WebAssembly (9.6 MB, 2.8 MB as sent) is fetched and compiled from this worker's first moment.
// Left to Pyodide, the request went out only after its modules had loaded, the snapshot cache had
// been looked in and its 1.2 MB runtime module had started to run: 150 ms later in a trace of a first
// visit. In 30 alternating first visits each, Python was then ready about 45 ms sooner (mean 992
// against 1039 ms; later visits unchanged). Pyodide still asks for the file and instantiates it as
// usual: its request gets this response, and instantiateStreaming (below) is given the module
// compiled from it instead of compiling the file a second time.
const wasmURL = new URL("pyodide.asm.wasm", base).href;
const earlyWasm = { response: null, module: null, taken: false };
if (typeof self.WebAssembly?.compileStreaming === "function") { // else Pyodide fetches it as usual
  earlyWasm.response = fetchRuntimeFromCache(wasmURL);
  earlyWasm.module = WebAssembly.compileStreaming(earlyWasm.response);
  earlyWasm.response.catch(() => {});
  earlyWasm.module.catch(() => {}); // each failure is met in instantiateStreaming, below
}

/** `fetch` for Pyodide: the WebAssembly's early response once, then fetchRuntimeFromCache. */
function fetchForPyodide(resource, options) {
  if (!earlyWasm.taken && earlyWasm.module && !options?.integrity && String(resource) === wasmURL) {
    earlyWasm.taken = true;
    return earlyWasm.response; // the same promise, so instantiateStreaming knows it
  }
  return fetchRuntimeFromCache(resource, options);
}

/** instantiateStreaming for the early response: instantiate the module compiled from it. */
function instantiateEarly(source, imports) {
  if (!earlyWasm.module || source !== earlyWasm.response) return null;
  return earlyWasm.module.then(async (module) => ({ module, instance: await WebAssembly.instantiate(module, imports) }));
}

// Pyodide catches a failure to fetch or compile its WebAssembly, logs "wasm instantiation failed!"
// and never settles: the page would wait for its time-out and then call the start slow, not failed.
// So WebAssembly's two instantiate functions are wrapped here, and start() fails with them.
let wasmFailed;
const wasmFailure = new Promise((_, reject) => { wasmFailed = reject; });
wasmFailure.catch(() => {}); // met in start()
for (const name of ["instantiateStreaming", "instantiate"]) {
  const original = WebAssembly[name];
  if (typeof original !== "function") continue;
  WebAssembly[name] = function (...args) {
    const result = (name === "instantiateStreaming" && instantiateEarly(...args)) || original.apply(this, args);
    result.catch((error) => {
      const failure = new Error(`the WebAssembly did not load (${lastLine(error)})`);
      // Fetched but not compiled or linked: this browser may lack something the runtime needs, or
      // the download was damaged (a fetch failing, or the wrong type, is a TypeError: the connection
      // or the server). The page cannot tell which, and says both.
      failure.compileFailed = error instanceof WebAssembly.CompileError || error instanceof WebAssembly.LinkError;
      wasmFailed(failure);
    });
    return result;
  };
}

/** `fetch`, but a file of the runtime comes from the service worker's runtime cache if it is there. */
async function fetchRuntimeFromCache(resource, options) {
  const request = new Request(resource, options);
  const url = new URL(request.url);
  if (RUNTIME_VERSION && self.caches && request.method === "GET" && !request.integrity &&
      url.origin === base.origin && url.pathname.startsWith(base.pathname)) {
    // Keyed as the service worker keys it (sw.js cacheKey); a cache that is not there is not created.
    const key = url.origin + url.pathname;
    const cached = await caches.match(key, { cacheName: RUNTIME_CACHE_PREFIX + RUNTIME_VERSION }).catch(() => null);
    if (cached) return cached;
  }
  return networkFetch(request);
}

// Started at once, in parallel with the WebAssembly (above): Pyodide's two modules, its lock file,
// the wheel (checked against the lock's sha256), the snapshot if this browser kept one, and (on the
// page's first message) the rules.
// (install-wheel.js is imported here, not statically, so the fetches start one round trip sooner.)
const pyodideModule = import(new URL("pyodide.mjs", base).href);
// Pyodide's runtime module, 1.2 MB of JavaScript. loadPyodide would import it only after its own
// set-up; handed over as `createPyodideModule`, it is fetched and parsed while the rest arrives.
const runtimeModule = import(new URL("pyodide.asm.mjs", base).href);
const lockFile = fetchJSON(new URL("pyodide-lock.json", base)); // read once, for the wheel and Pyodide
const wheelModule = import("./install-wheel.js");
const wheelFiles = wheelModule.then(({ fetchCheckedWheel }) => fetchCheckedWheel(base, "navigator", lockFile));
let rulesText = null;
const snapshotStore = canKeepSnapshots() ? snapshotStoreFor(RUNTIME_VERSION) : null;
// The kept snapshot, if any, read as soon as it is found: {bytes: a promise of its bytes}, or null.
const savedSnapshot = snapshotStore
  ? snapshotStore.find().then((response) => response && { bytes: readSnapshot(response) }).catch(() => null)
  : Promise.resolve(null); // no snapshot is no failure
[runtimeModule, lockFile, wheelFiles].forEach((p) => p.catch(() => {})); // each failure is met later

async function fetchOk(url) {
  const response = await fetch(url, { credentials: "same-origin" });
  if (!response.ok) throw new Error(`${url.pathname}: ${response.status}`);
  return response;
}

async function fetchJSON(url) {
  return (await fetchOk(url)).json();
}

async function fetchText(url) {
  return (await fetchOk(url)).text();
}

function pyodideOptions(extra) {
  return {
    indexURL: base.href,
    stdLibURL: new URL("python_stdlib.zip", base).href, // trimmed, precompiled .pyc
    lockFileContents: lockFile, // lists the navigator wheel only
    packageBaseUrl: base.href,
    createPyodideModule: (settings) => runtimeModule.then((module) => module.default(settings)),
    packages: [],
    stdout: (line) => console.log(line),
    stderr: (line) => console.warn(line),
    ...extra,
  };
}

async function start() {
  const { loadPyodide } = await pyodideModule;
  const snapshot = await savedSnapshot;
  let loaded = null;
  if (snapshot) {
    try {
      // Pyodide fetches the runtime while the snapshot is still being read (it takes a promise).
      loaded = await importNavigator(await loadPyodide(pyodideOptions({ _loadSnapshot: snapshot.bytes })), "used");
    } catch (error) {
      console.warn(`navigator: start-up snapshot not usable, starting afresh (${lastLine(error)})`);
      await snapshotStore.remove();
    }
  }
  if (!loaded) {
    const pyodide = await loadPyodide(pyodideOptions(snapshotStore ? { _makeSnapshot: true } : {}));
    loaded = await importNavigator(pyodide, snapshotStore ? "saved" : "none", snapshotStore);
  }
  loaded.rulesLoaded = rulesText !== null;
  if (loaded.rulesLoaded) {
    const reply = JSON.parse(loaded.handle(`{"action": "load", "rules": ${await rulesText}}`));
    if (reply.kind !== "loaded") throw new Error(reply.message ?? "the rules did not load");
  }
  return loaded;
}

// Install the wheel and import the navigator. A restored snapshot has the navigator imported
// already (one without it is not used), so there the wheel's files are written just after `ready`:
// nothing in the navigator imports lazily, and the files only back tracebacks and introspection.
// `afterReady` runs once `ready` is sent (see below).
async function importNavigator(pyodide, snapshotState, store = null) {
  const { writeWheel } = await wheelModule;
  if (snapshotState !== "used") writeWheel(pyodide, await wheelFiles);
  const handle = pyodide.pyimport("navigator.browser").handle;
  let afterReady = () => {};
  if (snapshotState === "used") {
    afterReady = () => wheelFiles.then((files) => writeWheel(pyodide, files))
      .catch((error) => console.warn(`navigator: the wheel's files were not written (${lastLine(error)})`));
  } else if (store) {
    afterReady = () => store.write(pyodide.makeMemorySnapshot());
  }
  return { handle, snapshotState, afterReady };
}

// ---- the snapshot's keeping place -------------------------------------------------------------
// A snapshot is the interpreter's whole memory (about 30 MB, mostly zeros). It is kept as its
// non-zero 64 KiB pages only (about 12 MB), with a small index, and rebuilt on reading.

const PAGE = 65536;

function canKeepSnapshots() {
  if (!RUNTIME_VERSION || !self.caches) return false; // unbuilt, or no Cache Storage (not a secure context)
  return !(self.navigator?.deviceMemory && self.navigator.deviceMemory < 2); // taking one needs ~45 MB
}

function snapshotStoreFor(version) {
  const name = SNAPSHOT_CACHE_PREFIX + version;
  const key = new URL(`snapshot-v${SNAPSHOT_FORMAT}.bin`, base).href;
  return {
    /** The kept snapshot as a Response (read it with unpackPages), or null. */
    async find() {
      return (await caches.match(key, { cacheName: name })) ?? null; // creates no cache
    },
    write(snapshot) {
      // After `ready`, when the page is quiet: the copy above is already taken.
      setTimeout(() => {
        caches.open(name).then((cache) => cache.put(key, new Response(packPages(snapshot))))
          .catch((error) => console.warn(`navigator: start-up snapshot not kept (${lastLine(error)})`));
      }, 1000);
    },
    async remove() {
      await caches.delete(name).catch(() => {});
    },
  };
}

function readSnapshot(response) {
  const bytes = response.arrayBuffer().then((buffer) => unpackPages(new Uint8Array(buffer)));
  bytes.catch(() => {}); // Pyodide awaits it later; its failure is caught there, not unhandled
  return bytes;
}

// [u32 total length][u32 page count][u32 page numbers...][pages...]
function packPages(bytes) {
  let aligned = bytes;
  if (bytes.byteOffset % 4 || bytes.byteLength % 4) {
    aligned = new Uint8Array(Math.ceil(bytes.byteLength / 4) * 4);
    aligned.set(bytes);
  }
  const words = new Uint32Array(aligned.buffer, aligned.byteOffset, aligned.byteLength / 4);
  const pages = [];
  for (let page = 0; page * PAGE < bytes.byteLength; page++) {
    const from = (page * PAGE) / 4;
    const to = Math.min(from + PAGE / 4, words.length);
    for (let i = from; i < to; i++) if (words[i]) { pages.push(page); break; }
  }
  const head = new Uint32Array([bytes.byteLength, pages.length, ...pages]);
  const out = new Uint8Array(head.byteLength + pages.length * PAGE);
  out.set(new Uint8Array(head.buffer));
  pages.forEach((page, n) => out.set(bytes.subarray(page * PAGE, (page + 1) * PAGE), head.byteLength + n * PAGE));
  return out;
}

function unpackPages(packed) {
  const view = new DataView(packed.buffer, packed.byteOffset, packed.byteLength);
  const length = view.getUint32(0, true);
  const count = view.getUint32(4, true);
  const bytes = new Uint8Array(length);
  const dataStart = 8 + 4 * count;
  if (packed.byteLength !== dataStart + count * PAGE) throw new Error("snapshot file is damaged");
  for (let n = 0; n < count; n++) {
    const page = view.getUint32(8 + 4 * n, true);
    const chunk = packed.subarray(dataStart + n * PAGE, dataStart + (n + 1) * PAGE);
    bytes.set(chunk.subarray(0, Math.max(0, Math.min(PAGE, length - page * PAGE))), page * PAGE);
  }
  return bytes;
}

// -------------------------------------------------------------------------------------------------

function lastLine(error) {
  const lines = String(error?.message ?? error).trim().split("\n");
  return lines[lines.length - 1];
}

const handleReady = Promise.race([start(), wasmFailure]);
handleReady.then(
  ({ snapshotState, afterReady, rulesLoaded }) => {
    self.postMessage({ ready: true, ms: Math.round(performance.now() - started), snapshot: snapshotState, rulesLoaded });
    // Synchronously, so no request has been handled: a snapshot taken here holds no one's answers.
    try {
      afterReady();
    } catch (error) {
      console.warn(`navigator: no start-up snapshot (${lastLine(error)})`);
    }
  },
  (error) => self.postMessage({ ready: false, error: lastLine(error), compileFailed: Boolean(error?.compileFailed) }),
);

let queue = Promise.resolve();
self.addEventListener("message", (event) => {
  if (typeof event.data?.rules === "string" && rulesText === null) {
    rulesText = fetchText(new URL(event.data.rules, self.location.href));
    rulesText.catch(() => {});
    return;
  }
  const { id, request } = event.data ?? {};
  queue = queue.then(async () => {
    try {
      const { handle } = await handleReady;
      const json = typeof request === "string" ? request : JSON.stringify(request);
      self.postMessage({ id, response: handle(json) });
    } catch (error) {
      self.postMessage({ id, error: lastLine(error) });
    }
  });
});
