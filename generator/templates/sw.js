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
    const cache = await caches.open(SETTINGS.pages_cache);
    await cache.addAll(SETTINGS.precache.map((url) => new Request(new URL(url, SCOPE), { cache: "reload" })));
    await self.skipWaiting();
  })());
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    const keep = new Set([SETTINGS.pages_cache, SETTINGS.runtime_cache, SETTINGS.snapshot_cache]);
    for (const name of await caches.keys()) {
      if (name.startsWith(SETTINGS.prefix) && !keep.has(name)) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

// The address a file is cached under: no query, no fragment, and "x/index.html" as "x/".
function cacheKey(url) {
  const key = new URL(url.pathname.replace(/\/index\.html$/, "/"), url.origin);
  return key.href;
}

async function respond(request, url) {
  const key = cacheKey(url);
  // caches.match with a cacheName never creates a cache: a worker that a newer build has replaced
  // must not bring back the caches the newer one deleted.
  const page = await caches.match(key, { cacheName: SETTINGS.pages_cache });
  if (page) return page;
  if (url.pathname.startsWith(RUNTIME_PATH)) {
    const cached = await caches.match(key, { cacheName: SETTINGS.runtime_cache });
    if (cached) return cached;
    const response = await fetch(request);
    const current = !self.serviceWorker || self.registration.active === self.serviceWorker; // older browsers lack self.serviceWorker
    if (response.ok && current) {
      await (await caches.open(SETTINGS.runtime_cache)).put(key, response.clone());
    }
    return response;
  }
  try {
    return await fetch(request);
  } catch (error) {
    if (request.mode === "navigate") {
      const notFound = await caches.match(new URL("404.html", SCOPE).href, { cacheName: SETTINGS.pages_cache });
      if (notFound) return notFound;
    }
    throw error;
  }
}

// The navigator page asks for this once Python has started: the runtime files are then in the
// browser's HTTP cache, so copying them into ours downloads nothing again.
self.addEventListener("message", (event) => {
  if (event.data?.type !== "cache-runtime") return;
  event.waitUntil((async () => {
    const cache = await caches.open(SETTINGS.runtime_cache);
    for (const file of SETTINGS.runtime) {
      const url = new URL(file, SCOPE).href;
      if (await cache.match(url)) continue;
      const response = await fetch(url, { cache: "force-cache" });
      if (response.ok) await cache.put(url, response);
    }
  })());
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== SCOPE.origin || !url.pathname.startsWith(SCOPE.pathname)) return;
  event.respondWith(respond(request, url));
});
