"""Prove the prepared runtime works in real Chromium, and time a cold load.

    .venv/bin/python tools/runtime_browser_check.py [--runtime site/pyodide]
        [--requests generator/runtime_smoke_requests.json] [--runs 3]

Builds a throwaway page in a temp dir (CSP without inline script or eval: only
'wasm-unsafe-eval'), copies the runtime and generator/static/navigator-worker.js (with install-wheel.js) next to
it, serves it with tools/serve.py, and in a fresh browser context per run (cold HTTP and
wasm caches) starts the module worker, waits for {ready}, sends each request and checks
every reply is {id, response} with a JSON response. Prints the cold-load times; exits
non-zero on any failure. Needs Debian's chromium (apt-get install -y chromium) and
playwright (in requirements-dev.txt).
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO / "tools"), str(REPO)]
from serve import make_server  # noqa: E402

from generator.check.axe import launch_chromium  # noqa: E402

PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>runtime check</title>
<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; connect-src 'self'">
<link rel="icon" href="data:,">
<script type="module" src="check.js"></script></head><body><pre id="out">loading</pre></body></html>
"""

CHECK_JS = """
const t0 = performance.now();
const requests = await (await fetch("requests.json")).json();
const worker = new Worker(new URL("static/navigator-worker.js?pyodide=../pyodide/", document.baseURI), { type: "module" });
const waiting = new Map();
let next = 0;
const ask = (request) => new Promise((resolve) => { const id = ++next; waiting.set(id, resolve); worker.postMessage({ id, request }); });
worker.addEventListener("error", (e) => { window.check = { error: `worker error: ${e.message}` }; });
worker.addEventListener("message", async ({ data }) => {
  if (!("ready" in data)) { waiting.get(data.id)?.(data); waiting.delete(data.id); return; }
  if (!data.ready) { window.check = { error: data.error }; return; }
  const pageMs = Math.round(performance.now() - t0);
  const replies = [];
  for (const r of requests) replies.push(await ask(r));
  window.check = { workerMs: data.ms, pageMs, totalMs: Math.round(performance.now() - t0), replies };
  document.getElementById("out").textContent = JSON.stringify(window.check, null, 1);
});
"""


def build_page(runtime: Path, requests: Path, dest: Path) -> None:
    shutil.copytree(runtime, dest / "pyodide")
    (dest / "static").mkdir()
    for script in ("navigator-worker.js", "install-wheel.js"):  # the worker and the module it imports
        shutil.copyfile(REPO / "generator" / "static" / script, dest / "static" / script)
    shutil.copyfile(requests, dest / "requests.json")
    (dest / "index.html").write_text(PAGE)
    (dest / "check.js").write_text(CHECK_JS)


def check(url: str, runs: int, timeout: float = 60.0) -> int:
    from playwright.sync_api import sync_playwright

    failures = 0
    with sync_playwright() as p:
        browser = launch_chromium(p)
        for run in range(runs):
            context = browser.new_context()  # fresh: nothing cached
            page = context.new_page()
            problems: list[str] = []
            page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
            page.on("response", lambda r: r.status >= 400 and problems.append(f"HTTP {r.status} {r.url}"))
            start = time.perf_counter()
            page.goto(url)
            result = None
            while result is None and time.perf_counter() - start < timeout:
                result = page.evaluate("() => window.check ?? null")  # CDP evaluate: not blocked by the CSP
                if result is None:
                    time.sleep(0.02)
            context.close()
            if result is None:
                problems.append(f"no result after {timeout:.0f} s")
            elif "error" in result:
                problems.append(result["error"])
            else:
                for reply in result["replies"]:
                    if "response" not in reply:
                        problems.append(f"request {reply['id']}: {reply.get('error')}")
                    else:
                        json.loads(reply["response"])
                print(f"run {run + 1}: worker ready {result['workerMs']} ms, page ready {result['pageMs']} ms, "
                      f"{len(result['replies'])} replies by {result['totalMs']} ms")
            for problem in problems:
                print(f"run {run + 1}: FAIL {problem}")
            failures += bool(problems)
        browser.close()
    print(f"browser: {runs - failures} passed, {failures} failed")
    return 1 if failures else 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runtime", type=Path, default=REPO / "site" / "pyodide")
    ap.add_argument("--requests", type=Path, default=REPO / "generator" / "runtime_smoke_requests.json")
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args(argv)
    if not (args.runtime / "manifest.json").is_file():
        print(f"browser: {args.runtime} is not a prepared runtime (python -m generator.runtime prepare ...)")
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        build_page(args.runtime, args.requests, Path(tmp))
        server = make_server(Path(tmp), 0, quiet=True)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            return check(f"http://127.0.0.1:{server.server_address[1]}/", args.runs)
        finally:
            server.shutdown()
            server.server_close()


if __name__ == "__main__":
    sys.exit(main())
