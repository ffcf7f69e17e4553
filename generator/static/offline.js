// Registers the service worker (site root/sw.js) so the site and the navigator work offline
// after the first visit. The pages work without it: this only adds offline use.
//
// Installing it downloads every page, so it waits: until the page has loaded, and on the
// navigator until Python is ready (or has failed), so the two do not compete for the device.
if ("serviceWorker" in navigator && document.currentScript) {
  const root = new URL("../", document.currentScript.src);
  const onNavigator = () => document.getElementById("navigator") !== null;
  let started = false;
  const register = () => {
    if (started) return;
    started = true;
    navigator.serviceWorker.register(new URL("sw.js", root), { scope: root.pathname })
      .then(() => navigator.serviceWorker.ready)
      .then((registration) => {
        // The navigator has just loaded Python: keep the runtime for offline use too.
        if (onNavigator()) registration.active?.postMessage({ type: "cache-runtime" });
      })
      .catch(() => {
        // Offline use is an extra; a browser that refuses it still has the whole site online.
      });
  };
  window.addEventListener("load", () => {
    if (!onNavigator()) return register();
    document.addEventListener("navigator-settled", register, { once: true });
    setTimeout(register, 15000);
  });
}
