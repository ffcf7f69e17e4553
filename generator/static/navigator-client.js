// navigator-client.js - talks to navigator-worker.js (Python under Pyodide) for the page.
//
//   const client = new NavigatorClient({ timeoutMs: 12000, onState });
//   const reply = await client.ask({ action: "next", today, answers });   // waits until ready
//
// onState(state, detail) is called with "ready" ({ms, workerMs, snapshot}), "slow" (the timeout passed; it
// may still become ready) or "failed" ({reason, unsupported, compileFailed}: unsupported if this browser has no
// WebAssembly or workers; compileFailed if the WebAssembly came but would not compile, a browser too old or a
// damaged download; neither if loading failed). Requests made before "ready" wait for it; if
// loading fails they reject. The worker and rules.json are found relative to this file, so any
// page can use it; the worker loads the rules before it says it is ready.

const WORKER_URL = new URL("navigator-worker.js", import.meta.url);
const RULES_URL = new URL("../navigator/rules.json", import.meta.url);

export class NavigatorClient {
  constructor({ timeoutMs = 12000, onState = () => {} } = {}) {
    this.onState = onState;
    this.state = "starting";
    this.started = performance.now();
    this.pending = new Map();
    this.nextId = 1;
    this.ready = new Promise((resolve, reject) => { this._resolve = resolve; this._reject = reject; });
    this.ready.catch(() => {});
    if (typeof WebAssembly !== "object" || typeof Worker !== "function") {
      this._fail("This browser cannot run the calculator (it does not support WebAssembly).", { unsupported: true });
      return;
    }
    this.timer = setTimeout(() => {
      if (this.state === "starting") { this.state = "slow"; this.onState("slow", {}); }
    }, timeoutMs);
    // The worker fetches the rules itself while Python starts, and loads them before `ready`.
    // navigator-boot.js may have started it already, from the page's <head>.
    const boot = globalThis.navigatorBoot;
    globalThis.navigatorBoot = { taken: true }; // so a late navigator-boot.js starts no second worker
    const adopt = boot?.worker && boot.url === WORKER_URL.href;
    if (adopt) {
      this.worker = boot.worker;
    } else {
      try {
        this.worker = new Worker(WORKER_URL, { type: "module" });
      } catch (error) {
        this._fail("The calculator could not start in this browser.");
        return;
      }
      this.worker.postMessage({ rules: RULES_URL.href });
    }
    const onError = () => {
      if (this.state !== "ready") this._fail("The calculator could not start in this browser.");
    };
    const onMessage = ({ data }) => {
      if (data && "ready" in data) {
        if (data.ready && data.rulesLoaded) this._ready(data);
        else if (data.ready) this._loadRulesThenReady(data);
        else this._fail("The calculator could not start in this browser.", { compileFailed: Boolean(data.compileFailed) });
        return;
      }
      const waiting = this.pending.get(data?.id);
      if (!waiting) return;
      this.pending.delete(data.id);
      if ("response" in data) {
        try { waiting.resolve(JSON.parse(data.response)); } catch (e) { waiting.reject(e); }
      } else waiting.reject(new Error(data.error));
    };
    const listen = () => {
      this.worker.addEventListener("error", onError);
      this.worker.addEventListener("message", onMessage);
    };
    if (!adopt) {
      listen();
      return;
    }
    // Take the boot script's worker over in a later task, as a new worker's first message would
    // arrive: the page finishes setting itself up before it hears "ready" or "failed". Until
    // then the boot script's listener goes on keeping messages; none is lost or reordered.
    setTimeout(() => {
      boot.worker.removeEventListener("message", boot.keep);
      boot.worker.removeEventListener("error", boot.keep);
      listen();
      for (const event of boot.early) (event.type === "message" ? onMessage : onError)(event);
    }, 0);
  }

  // Only if the worker did not load the rules itself (it was started without the {rules} message).
  async _loadRulesThenReady(data) {
    try {
      const response = await fetch(RULES_URL, { credentials: "same-origin" });
      if (!response.ok) throw new Error(`rules.json: ${response.status}`);
      const loaded = await this._send({ action: "load", rules: await response.json() });
      if (loaded.kind !== "loaded") throw new Error(loaded.message);
      this._ready(data);
    } catch (error) {
      this._fail("The calculator could not start in this browser.");
    }
  }

  _ready({ ms, snapshot }) {
    if (this.state === "failed") return;
    clearTimeout(this.timer);
    this.state = "ready";
    this.workerMs = ms;
    this.readyMs = Math.round(performance.now() - this.started);
    this._resolve();
    this.onState("ready", { ms: this.readyMs, workerMs: ms, snapshot });
  }

  _fail(reason, { unsupported = false, compileFailed = false } = {}) {
    clearTimeout(this.timer);
    if (this.state === "failed") return;
    this.state = "failed";
    this._reject(new Error(reason));
    for (const waiting of this.pending.values()) waiting.reject(new Error(reason));
    this.pending.clear();
    this.onState("failed", { reason, unsupported, compileFailed });
  }

  _send(request) {
    return new Promise((resolve, reject) => {
      const id = this.nextId++;
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, request: JSON.stringify(request) });
    });
  }

  /** One request to navigator.browser.handle; resolves with its reply (after the rules are loaded). */
  async ask(request) {
    await this.ready;
    return this._send(request);
  }
}
