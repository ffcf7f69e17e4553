// navigator-client.js - talks to navigator-worker.js (Python under Pyodide) for the page.
//
//   const client = new NavigatorClient({ timeoutMs: 12000, onState });
//   const reply = await client.ask({ action: "next", today, answers });   // waits until ready
//
// onState(state, detail) is called with "ready" ({ms, workerMs}), "slow" (the timeout passed; it
// may still become ready) or "failed" ({reason}). Requests made before "ready" wait for it; if
// loading fails they reject. The worker and rules.json are found relative to this file, so any
// page can use it.

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
      this._fail("This browser cannot run the calculator (it does not support WebAssembly).");
      return;
    }
    this.timer = setTimeout(() => {
      if (this.state === "starting") { this.state = "slow"; this.onState("slow", {}); }
    }, timeoutMs);
    const rules = fetch(RULES_URL, { credentials: "same-origin" })
      .then((r) => { if (!r.ok) throw new Error(`rules.json: ${r.status}`); return r.json(); });
    let workerReady;
    const workerUp = new Promise((resolve, reject) => { workerReady = { resolve, reject }; });
    try {
      this.worker = new Worker(WORKER_URL, { type: "module" });
    } catch (error) {
      this._fail("The calculator could not start in this browser.");
      return;
    }
    this.worker.addEventListener("error", () => workerReady.reject(new Error("worker error")));
    this.worker.addEventListener("message", ({ data }) => {
      if (data && "ready" in data) {
        if (data.ready) workerReady.resolve(data.ms); else workerReady.reject(new Error(data.error));
        return;
      }
      const waiting = this.pending.get(data?.id);
      if (!waiting) return;
      this.pending.delete(data.id);
      if ("response" in data) {
        try { waiting.resolve(JSON.parse(data.response)); } catch (e) { waiting.reject(e); }
      } else waiting.reject(new Error(data.error));
    });
    Promise.all([workerUp, rules]).then(async ([workerMs, ruleData]) => {
      const loaded = await this._send({ action: "load", rules: ruleData });
      if (loaded.kind !== "loaded") throw new Error(loaded.message);
      clearTimeout(this.timer);
      this.state = "ready";
      this.workerMs = workerMs;
      this.readyMs = Math.round(performance.now() - this.started);
      this._resolve();
      this.onState("ready", { ms: this.readyMs, workerMs });
    }).catch(() => this._fail("The calculator could not start in this browser."));
  }

  _fail(reason) {
    clearTimeout(this.timer);
    if (this.state === "failed") return;
    this.state = "failed";
    this._reject(new Error(reason));
    for (const waiting of this.pending.values()) waiting.reject(new Error(reason));
    this.pending.clear();
    this.onState("failed", { reason });
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
