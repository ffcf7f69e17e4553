"""`make bench`: measure speed and size, print each figure beside its budget.

Figures over budget are marked OVER; the command still exits 0, because a
benchmark reports, it does not gate (timing assertions do not belong in tests).
"""
from __future__ import annotations

import sys
from pathlib import Path

import yaml

from bench import pages

BUDGET = Path(__file__).with_name("budget.yaml")


def main() -> int:
    budget = yaml.safe_load(BUDGET.read_text())
    print("Pages")
    for line in pages.report(budget):
        print("  " + line)
    try:
        from bench import navigator
    except ImportError:
        print("Navigator in the browser: not measured (bench/navigator.py is not there yet)")
    else:
        print("Navigator in the browser (headless Chromium, localhost)")
        for line in navigator.report(budget):
            print("  " + line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
