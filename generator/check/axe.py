"""Run axe-core in a Playwright page: ``run_axe(page) -> list of violations``.

Reusable by any browser test (the navigator's tests use it too)::

    from generator.check.axe import launch_chromium, run_axe
    with sync_playwright() as p:
        browser = launch_chromium(p)
        context = browser.new_context(bypass_csp=True)   # the pages' CSP forbids injected scripts
        page = context.new_page(); page.goto(url)
        assert run_axe(page) == []

Each violation is axe's own dict (``id``, ``impact``, ``help``, ``helpUrl``,
``nodes`` with ``target`` and ``html``).
"""
from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
AXE_JS = REPO / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = "/usr/bin/chromium"
PLAYWRIGHT_DISABLED_FEATURES = [
    "AvoidUnnecessaryBeforeUnloadCheckSync", "DestroyProfileOnBrowserClose", "HttpsUpgrades",
    "HttpsFirstBalancedModeAutoEnable", "LensOverlay", "MediaRouter", "PaintHolding",
    "ThirdPartyStoragePartitioning", "AvoidCorsURLLoaderRestartOnRedirect", "TcpPortRandomizationWin",
    "OptimizationHints", "NetworkTimeServiceQuerying", "AimEnabled", "PreconnectToSearch",
    "msForceBrowserSignIn", "msEdgeUpdateLaunchServicesPreferredVersion"]
"""What Playwright disables itself (playwright-core's chromiumSwitches.ts, 1.65). Chromium obeys only
the last --disable-features switch, so ours repeats them (tests/test_chromium_launch.py checks)."""
OMNIBOX_WEBUI_FEATURES = ["WebUIOmniboxPopup", "WebUIOmniboxFullPopup", "WebUIOmniboxAimPopup"]
"""Chromium 156 loads the omnibox's popup, a WebUI page, in a renderer of its own for each new
window, and Playwright opens a window for each context. On this 2-core machine that took about 2 s
of CPU in the first second of every page the tests load and the bench times (a first visit to the
navigator was ~25% slower). A person's browser did that long before they open our page."""
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run",
                 "--disable-features=" + ",".join(PLAYWRIGHT_DISABLED_FEATURES + OMNIBOX_WEBUI_FEATURES)]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def launch_chromium(playwright):
    """The system Chromium (Playwright's own download does not work here), headless."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


def run_axe(page, tags: list[str] | None = None, best_practice: bool = False) -> list[dict]:
    """axe-core's violations on ``page`` for WCAG 2.2 AA (and best practice if asked).

    The page's context must have been made with ``bypass_csp=True``.
    """
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=AXE_JS.read_text(encoding="utf-8"))
    run_only = list(tags or WCAG_TAGS) + (["best-practice"] if best_practice else [])
    result = page.evaluate("""async (tags) => {
        const r = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
        return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
            nodes: v.nodes.map(n => ({target: n.target, html: n.html, summary: n.failureSummary}))}));
    }""", run_only)
    return result
