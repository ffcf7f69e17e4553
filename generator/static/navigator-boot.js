// navigator-boot.js - start the navigator's Python worker as early as the page allows.
//
// Loaded with <script async> in the <head> of the pages that use the navigator, so the worker
// (and with it Pyodide's download and start) begins while the page itself is still arriving,
// instead of after the page's module scripts. navigator-client.js adopts the worker from
// window.navigatorBoot; messages that arrive before then are kept and handed over in order.
// If this script fails or is missing, navigator-client.js starts the worker itself. An async
// script may also run after the page's modules: then the client has started the worker and
// left {taken: true} in window.navigatorBoot, and this script does nothing.
(function () {
  "use strict";
  if (window.navigatorBoot || typeof Worker !== "function" || typeof WebAssembly !== "object") return;
  try {
    var here = document.currentScript.src;
    var url = new URL("navigator-worker.js", here);
    var worker = new Worker(url, { type: "module" });
    worker.postMessage({ rules: new URL("../navigator/rules.json", here).href });
    var early = [];
    var keep = function (event) { early.push(event); };
    worker.addEventListener("message", keep);
    worker.addEventListener("error", keep);
    window.navigatorBoot = { worker: worker, early: early, keep: keep, url: url.href };
  } catch (error) {
    // navigator-client.js will try again and report any failure on the page.
  }
})();
