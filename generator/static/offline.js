// Registers the service worker (site root/sw.js) so the site and the navigator work offline
// after the first visit. The pages work without it: this only adds offline use.
if ("serviceWorker" in navigator && document.currentScript) {
  const root = new URL("../", document.currentScript.src);
  navigator.serviceWorker.register(new URL("sw.js", root), { scope: root.pathname }).catch(() => {
    // Offline use is an extra; a browser that refuses it still has the whole site online.
  });
}
