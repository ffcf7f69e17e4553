// Service worker for the complaints guidance site, written by generator/offline.py at each build.
// Pages, styles and data are precached on install (they are small); the Python runtime is cached
// the first time the navigator fetches it. Each build has its own cache names, and activating a
// new build's worker deletes every older cache of ours (the navigator worker's start-up snapshot
// of Python included: it is kept only while the runtime it was taken from is current).
const SETTINGS = /*SETTINGS*/{};
const SCOPE = new URL(self.registration.scope);
const RUNTIME_PATH = new URL("pyodide/", SCOPE).pathname;

self.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    await precachePages();
    await self.skipWaiting();
  })());
});

// Every page, style, script and data file of this build, all or none, each script, style and data file
// checked against the hash the build wrote. While a new build is being uploaded, or where a proxy still
// holds the last one, the server can send some files of each: cached together, offline they would be a
// navigator whose script does not match its data. So one such file that is not this build's fails the
// install: the browser keeps the worker it had (with its own complete cache), or none, and tries again
// on a later visit. Pages themselves (HTML) are not checked: hosts often rewrite them (hiding email
// addresses, rewriting http:// links), and a check that failed every time would leave everyone with a
// worker on the build they first cached (generator/offline.py precache_hashes).
async function precachePages() {
  const checked = await Promise.all(Object.entries(SETTINGS.precache).map(async ([url, expected]) => {
    const request = new Request(new URL(url, SCOPE), { cache: "reload" });
    const response = await fetch(request);
    if (!response.ok) throw new Error(`${url}: ${response.status}`);
    if (expected && await sha256Of(response) !== expected) {
      throw new Error(`${url}: not this build's copy`);
    }
    return [request, response];
  }));
  const cache = await caches.open(SETTINGS.pages_cache);
  try {
    await Promise.all(checked.map(([request, response]) => cache.put(request, response)));
  } catch (error) {
    await caches.delete(SETTINGS.pages_cache); // none rather than some (storage full, say)
    throw error;
  }
}

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    await deleteOlderCaches();
    await self.clients.claim();
  })());
});

// Every cache of ours but this build's: run when this build's worker takes over.
async function deleteOlderCaches() {
  const keep = new Set([SETTINGS.pages_cache, SETTINGS.runtime_cache, SETTINGS.snapshot_cache]);
  for (const name of await caches.keys()) {
    if (name.startsWith(SETTINGS.prefix) && !keep.has(name)) await caches.delete(name);
  }
}

// Other builds' start-up snapshots: a page of an older build, still open, can write its snapshot into
// a cache this worker deleted on taking over. Only snapshots: a newer build may be installing its own
// pages and runtime caches right now, and only while this worker is the one in charge.
async function deleteOtherSnapshots() {
  if (!isCurrent() || self.registration.installing || self.registration.waiting) return;
  for (const name of await caches.keys()) {
    if (name.startsWith(SETTINGS.snapshot_prefix) && name !== SETTINGS.snapshot_cache) await caches.delete(name);
  }
}

function isCurrent() {
  return !self.serviceWorker || self.registration.active === self.serviceWorker; // older browsers lack self.serviceWorker
}

/** The sha256 of a response's body, in hex, as the build writes it; the response can still be read. */
async function sha256Of(response) {
  const digest = await crypto.subtle.digest("SHA-256", await response.clone().arrayBuffer());
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

// Keep a runtime file only if it is this build's: its name is the same in every build, so the
// browser's HTTP cache, or a request from a page of the last build, can bring the old one.
// "kept", "other" (not this build's bytes, or not a whole file) or "replaced" (a newer build's worker
// has taken over: this one must not bring back a cache that one deleted).
async function keepRuntimeFile(key, response) {
  const path = new URL(key).pathname.slice(SCOPE.pathname.length);
  const expected = SETTINGS.runtime_sha256[path];
  if (!isCurrent()) return "replaced";
  if (!expected || !response.ok) return "other";
  if (await sha256Of(response) !== expected) return "other";
  if (!isCurrent()) return "replaced"; // reading and hashing 10 MB takes a while
  await (await caches.open(SETTINGS.runtime_cache)).put(key, response);
  return "kept";
}

// The address a file is cached under: no query, no fragment, and "x/index.html" as "x/".
function cacheKey(url) {
  const key = new URL(url.pathname.replace(/\/index\.html$/, "/"), url.origin);
  return key.href;
}

async function respond(event, request, url) {
  const key = cacheKey(url);
  // caches.match with a cacheName never creates a cache: a worker that a newer build has replaced
  // must not bring back the caches the newer one deleted.
  const page = await caches.match(key, { cacheName: SETTINGS.pages_cache });
  if (page) return page;
  if (request.mode === "navigate" && !key.endsWith("/") &&
      await caches.match(key + "/", { cacheName: SETTINGS.pages_cache })) {
    // As the server does (query kept), so the page's relative links work.
    return Response.redirect(new URL(url.pathname + "/" + url.search, url.origin).href, 301);
  }
  if (url.pathname.startsWith(RUNTIME_PATH)) {
    const cached = await caches.match(key, { cacheName: SETTINGS.runtime_cache });
    if (cached) return cached;
    const response = await fetch(request);
    // Checked and kept after the page has its copy: checking first would hold up its start.
    event.waitUntil(keepRuntimeFile(key, response.clone()).catch(() => "other"));
    return response;
  }
  try {
    return await fetch(request);
  } catch (error) {
    if (request.mode === "navigate") {
      const notFound = await caches.match(new URL("404.html", SCOPE).href, { cacheName: SETTINGS.pages_cache });
      // Cached as 404.html's own (200) response: offline, a missing page is still a 404.
      if (notFound) return new Response(notFound.body, { status: 404, statusText: "Not Found", headers: notFound.headers });
    }
    throw error;
  }
}

// The navigator page asks for this once Python has started: the runtime files are then in the
// browser's HTTP cache, so copying them into ours downloads nothing again. A copy there that is not
// this build's (the names never change) is fetched again, and kept only if it is this build's.
self.addEventListener("message", (event) => {
  if (event.data?.type !== "cache-runtime") return;
  event.waitUntil((async () => {
    for (const file of SETTINGS.runtime) {
      const url = new URL(file, SCOPE).href;
      if (await caches.match(url, { cacheName: SETTINGS.runtime_cache })) continue;
      let kept = await keepRuntimeFile(url, await fetch(url, { cache: "force-cache" }));
      if (kept === "other") kept = await keepRuntimeFile(url, await fetch(url, { cache: "no-cache" }));
      if (kept === "replaced") return;
    }
    await deleteOtherSnapshots();
  })());
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== SCOPE.origin || !url.pathname.startsWith(SCOPE.pathname)) return;
  event.respondWith(respond(event, request, url));
});
