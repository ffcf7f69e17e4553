"""The browser the tests, `make check` and `make bench` launch (generator/check/axe.py): our
--disable-features must keep every feature Playwright disables, because Chromium obeys only the
last such switch. A Playwright upgrade that disables more fails here until the list is updated."""
from __future__ import annotations

import os
import uuid

from playwright.sync_api import sync_playwright

from generator.check.axe import OMNIBOX_WEBUI_FEATURES, launch_chromium


def browser_command_lines(marker: str) -> list[list[str]]:
    lines = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                args = f.read().decode(errors="replace").split("\0")
        except OSError:
            continue
        if marker in args and not any(a.startswith("--type=") for a in args):
            lines.append(args)
    return lines


def test_our_disabled_features_keep_playwrights_and_add_the_omnibox_popup(monkeypatch):
    marker = f"--complaints-guidance-test={uuid.uuid4().hex}"  # Chromium ignores unknown switches
    from generator.check import axe
    monkeypatch.setattr(axe, "CHROMIUM_ARGS", [*axe.CHROMIUM_ARGS, marker])
    with sync_playwright() as p:
        browser = launch_chromium(p)
        try:
            [args] = browser_command_lines(marker)
        finally:
            browser.close()
    switches = [a.removeprefix("--disable-features=").split(",") for a in args if a.startswith("--disable-features=")]
    playwrights, obeyed = switches[0], switches[-1]
    assert len(switches) == 2, switches  # Playwright's, then ours
    assert set(playwrights) <= set(obeyed), set(playwrights) - set(obeyed)
    assert set(OMNIBOX_WEBUI_FEATURES) <= set(obeyed)
