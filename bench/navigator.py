"""The navigator in headless Chromium on localhost: how fast, how heavy.

- questions interactive: navigation start to the `navigator-interactive` mark
  (the first question is usable; it is in the static HTML);
- Python ready: navigation start to the `navigator-python-ready` mark (the
  navigator is imported and the first result can be computed), cold (empty
  caches) and from the service worker's cache on a second visit;
- answer to result: one `next` request that yields a result, through the
  page's own worker, median of 20;
- transfer: everything the navigator page fetched over the network, as the
  bytes Chromium received from tools/serve.py (which sends the build's Brotli
  copies); beside it, the same files gzip-compressed, for a server that only
  gzips;
- the tutorials' way, for comparison: stock `loadPyodide()` from the npm
  package, then loading the `holidays` wheel and importing it.

Each timing is the median of the visits; the fastest and the slowest single visit are printed
beside it, because on a small shared machine they differ by a fifth or more.
"""
from __future__ import annotations

import gzip
import statistics
import subprocess
import sys
import tempfile
from urllib.parse import urlsplit
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO / "tests"), str(REPO / "tools")]
from browser_env import build_site, launch_chromium, serving  # noqa: E402

WHEELS = REPO / "build" / "bench-wheels"
TUTORIAL_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>tutorial</title>
<script type="module" src="tutorial.js"></script></head><body></body></html>"""
TUTORIAL_JS = """
const started = performance.now();
const { loadPyodide } = await import("./pyodide/pyodide.mjs");
const pyodide = await loadPyodide({ indexURL: new URL("./pyodide/", location.href).href });
await pyodide.loadPackage(WHEELS.map((w) => new URL("./wheels/" + w, location.href).href));
pyodide.runPython("import holidays; holidays.country_holidays('GB', subdiv='ENG', years=2026)");
window.tutorialMs = performance.now() - started;
"""

RESULT_ANSWERS = {"service": "council_service", "request_type": "complaint", "complainant": "self",
                  "out_of_scope": ["none"], "happened": "2026-03-02", "found_out": "2026-03-02",
                  "complained_yet": "yes", "complained": "2026-03-10", "stage": "stage1",
                  "stage_received": "2026-03-10"}


def mark(page, name: str, timeout_ms: int = 30_000) -> float:
    """When the page set the mark. Waited for by a PerformanceObserver, not by polling: on two
    cores, polling every frame would take CPU from the start it is timing."""
    return page.evaluate("""([name, timeout]) => new Promise((resolve, reject) => {
        const found = () => performance.getEntriesByName(name)[0];
        if (found()) return resolve(found().startTime);
        const observer = new PerformanceObserver(() => {
            if (found()) { observer.disconnect(); resolve(found().startTime); }
        });
        observer.observe({ type: "mark", buffered: true });
        setTimeout(() => reject(new Error(`no ${name} mark within ${timeout} ms`)), timeout);
    })""", [name, timeout_ms])


def answer_to_result_ms(page) -> float:
    """Round trips of a result-giving request through a worker like the page's, after it is ready."""
    return page.evaluate("""async (answers) => {
        const worker = new Worker('../assets/navigator-worker.js', {type: 'module'});
        let next = 0;
        const ask = (request) => new Promise((resolve) => {
            const id = ++next;
            const listen = (e) => { if (e.data.id === id) { worker.removeEventListener('message', listen); resolve(e.data); } };
            worker.addEventListener('message', listen);
            worker.postMessage({id, request});
        });
        const rules = await (await fetch('rules.json')).json();
        await ask({action: 'load', rules});
        const times = [];
        for (let i = 0; i < 21; i++) {
            const t = performance.now();
            const reply = await ask({action: 'next', today: '2026-11-23', answers});
            if (!reply.response.includes('"result"')) throw new Error(reply.response.slice(0, 200));
            if (i) times.push(performance.now() - t);
        }
        worker.terminate();
        times.sort((a, b) => a - b);
        return times[Math.floor(times.length / 2)];
    }""", RESULT_ANSWERS)


def tutorial_ms(browser) -> float:
    """Stock loadPyodide() and the holidays wheel, served from localhost like our site."""
    WHEELS.mkdir(parents=True, exist_ok=True)
    subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--only-binary=:all:",
                    "-d", str(WHEELS), "holidays==0.108", "python-dateutil==2.9.0.post0", "six==1.17.0"],
                   check=True, capture_output=True)
    wheels = sorted(w.name for w in WHEELS.glob("*.whl"))
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "pyodide").symlink_to(REPO / "node_modules" / "pyodide")
        (root / "wheels").symlink_to(WHEELS)
        (root / "index.html").write_text(TUTORIAL_PAGE)
        (root / "tutorial.js").write_text(f"const WHEELS = {wheels!r};\n" + TUTORIAL_JS)
        with serving(root) as base:
            context = browser.new_context()
            page = context.new_page()
            page.goto(base)
            page.wait_for_function("() => window.tutorialMs !== undefined", timeout=120_000)
            ms = page.evaluate("window.tutorialMs")
            context.close()
    return ms


RUNS = 5
"""Cold and cached visits are each timed this many times, in fresh browser contexts; the median is printed."""


def visit(browser, base: str, site: Path, record_sizes: bool = False) -> dict:
    """One cold visit to the navigator (a new context: empty caches), then a second one from the service worker.

    The transfer counts every response that came over the network during the first visit, to the page, its
    worker or the service worker precaching the site: the body bytes as received (encoded), plus headers.
    Beside it, each distinct address once at the size of its file gzip-compressed.
    """
    context = browser.new_context()
    received = []

    def record(response):
        if not response.from_service_worker:
            received.append(response)

    if record_sizes:
        context.on("response", record)
    page = context.new_page()
    page.goto(base + "navigator/")
    found = {"interactive": mark(page, "navigator-interactive"), "ready_cold": mark(page, "navigator-python-ready")}
    page.wait_for_timeout(3000)  # the service worker's precache, and the start-up snapshot kept (no network)
    if record_sizes:
        sizes = [r.request.sizes() for r in received]
        found["transfer_mb"] = sum(s["responseBodySize"] + s["responseHeadersSize"] for s in sizes) / 1_000_000
        found["transfer_gzip_mb"] = sum(compressed_size(site, p) for p in {urlsplit(r.url).path for r in received}) / 1e6
        found["brotli_files"] = sum(1 for r in received if r.headers.get("content-encoding") == "br")
        found["result"] = answer_to_result_ms(page)
    page.evaluate("async () => { await navigator.serviceWorker.ready; }")
    page.goto(base + "navigator/")  # second visit: now served by the service worker
    found["ready_cached"] = mark(page, "navigator-python-ready")
    found["snapshot_used"] = page.evaluate("document.getElementById('navigator').dataset.snapshot") == "used"
    context.close()
    return found


def compressed_size(site: Path, path: str) -> int:
    """The gzip size of the file a site path names (a folder means its index.html); 0 if none."""
    file = site / path.lstrip("/")
    if file.is_dir():
        file = file / "index.html"
    return len(gzip.compress(file.read_bytes(), 6)) if file.is_file() else 0


def measure() -> dict:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        site = build_site(Path(tmp) / "site")
        with serving(site) as base, sync_playwright() as p:
            browser = launch_chromium(p)
            visits = [visit(browser, base, site, record_sizes=(i == 0)) for i in range(RUNS)]
            tutorial = statistics.median(tutorial_ms(browser) for _ in range(3))  # slow; 3 is enough for a ratio
            browser.close()
    timed = ("interactive", "ready_cold", "ready_cached")
    median = {key: statistics.median(v[key] for v in visits) for key in timed}
    median["spread"] = {key: (min(v[key] for v in visits), max(v[key] for v in visits)) for key in timed}
    first = visits[0]
    median["snapshot_used"] = sum(v["snapshot_used"] for v in visits)
    return {**median, "result": first["result"], "transfer_mb": first["transfer_mb"],
            "transfer_gzip_mb": first["transfer_gzip_mb"], "brotli_files": first["brotli_files"], "tutorial": tutorial}


def report(budget: dict) -> list[str]:
    m = measure()

    def line(label, value, limit, unit, key=None):
        spread = f" (single visits: {m['spread'][key][0]:.0f}-{m['spread'][key][1]:.0f} {unit})" if key else ""
        return f"{label}: {value:.0f} {unit} (budget {limit} {unit}) {'ok' if value <= limit else 'OVER'}{spread}"

    return [
        f"(median of {RUNS} visits, each in a fresh browser context)",
        line("questions interactive, cold", m["interactive"], budget["navigator_questions_interactive_ms"], "ms",
             "interactive"),
        line("Python ready, cold", m["ready_cold"], budget["navigator_python_ready_cold_ms"], "ms", "ready_cold"),
        line("Python ready, from the service worker cache", m["ready_cached"],
             budget["navigator_python_ready_cached_ms"], "ms", "ready_cached"),
        f"  start-up snapshot restored in {m['snapshot_used']} of {RUNS} later visits",
        f"answer to result: {m['result']:.1f} ms (budget {budget['navigator_answer_to_result_ms']} ms) "
        f"{'ok' if m['result'] <= budget['navigator_answer_to_result_ms'] else 'OVER'}",
        f"navigator page transfer, as received ({m['brotli_files']} files as Brotli): {m['transfer_mb']:.2f} MB "
        f"(budget {budget['navigator_page_transfer_mb_compressed']} MB) "
        f"{'ok' if m['transfer_mb'] <= budget['navigator_page_transfer_mb_compressed'] else 'OVER'}",
        f"  the same files from a server that only gzips: {m['transfer_gzip_mb']:.2f} MB",
        f"the tutorials' way (stock loadPyodide + holidays wheel): {m['tutorial']:.0f} ms; "
        f"ours is {m['ready_cold'] / m['tutorial']:.2f} of that",
    ]
