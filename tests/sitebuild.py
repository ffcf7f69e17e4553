"""Helpers for tests that build the site: run the build as the policy team does."""
from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CONTENT = REPO / "content"
BUILD_DATE = "2026-11-23"


def run_build(content: Path, site: Path, *extra: str) -> subprocess.CompletedProcess:
    """`python -m generator build` as the policy team runs it (pages only, a fixed date)."""
    return subprocess.run([sys.executable, "-m", "generator", "build", "--no-runtime", "--today", BUILD_DATE,
                           "--content", str(content), "--site", str(site), *extra],
                          cwd=REPO, capture_output=True, text=True, timeout=120)


def tree_digest(root: Path) -> dict[str, str]:
    """Every file under ``root`` and a hash of its bytes."""
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}




def replace_in(path: Path, old: str, new: str) -> None:
    """Change the first ``old`` in a content file to ``new``; the test's own text must still be there."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"test fixture out of date: {old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
