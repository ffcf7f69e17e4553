"""Page build speed (against MkDocs on the same Markdown) and page weight.

Run by `make bench`; prints figures and compares them with bench/budget.yaml.
"""
from __future__ import annotations

import gzip
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
RUNS = 5

# Both builds may write their .pyc files, as they would on the policy team's
# machine. With PYTHONDONTWRITEBYTECODE set (as on this machine), our modules
# were compiled from source on every run, while MkDocs' came compiled from
# its install: about 40 ms that only we paid.
BUILD_ENV = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}


def timed(cmd: list[str], cwd: Path) -> float:
    started = time.perf_counter()
    subprocess.run(cmd, cwd=cwd, check=True, capture_output=True, env=BUILD_ENV)
    return time.perf_counter() - started


def median_time(cmd: list[str], cwd: Path) -> float:
    timed(cmd, cwd)  # warm the disk cache and .pyc files, for both tools alike
    return statistics.median(timed(cmd, cwd) for _ in range(RUNS))


def mkdocs_project(workdir: Path) -> Path:
    """The same Markdown pages (guidance and policy) as a plain MkDocs project."""
    docs = workdir / "docs"
    docs.mkdir(parents=True)
    for page in sorted((REPO / "content" / "pages").glob("*.md")) + [REPO / "content/policy/policy.md"]:
        shutil.copy(page, docs / page.name)
    (workdir / "mkdocs.yml").write_text("site_name: Complaints\nmarkdown_extensions: [attr_list, tables, toc]\n")
    return workdir


def measure_build() -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        ours = median_time([sys.executable, "-m", "generator", "build", "--no-runtime", "--site", str(tmp / "site")], REPO)
        project = mkdocs_project(tmp / "mk")
        theirs = median_time([sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", str(tmp / "mksite")], project)
    return {"ours": ours, "mkdocs": theirs}


def measure_page_weight(site: Path) -> dict[str, float]:
    css = gzip.compress((site / "assets/site.css").read_bytes(), 9)
    sizes = {}
    for page in sorted((REPO / "content" / "pages").glob("*.md")):
        html = site / ("index.html" if page.stem == "index" else f"{page.stem}/index.html")
        sizes[page.stem] = (len(gzip.compress(html.read_bytes(), 9)) + len(css)) / 1024
    return sizes


def report(budget: dict) -> list[str]:
    lines, over = [], []
    build = measure_build()
    ok = build["ours"] <= budget["pages_build_seconds"]
    lines.append(f"page build: {build['ours']:.2f} s (budget {budget['pages_build_seconds']:.2f} s) {'ok' if ok else 'OVER'}")
    ratio = build["mkdocs"] / build["ours"]
    faster = build["ours"] < build["mkdocs"]
    lines.append(f"MkDocs, same Markdown pages: {build['mkdocs']:.2f} s; ours is {ratio:.1f}x as fast "
                 f"{'ok' if faster else 'OVER'}")
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        subprocess.run([sys.executable, "-m", "generator", "build", "--no-runtime", "--site", str(site)],
                       cwd=REPO, check=True, capture_output=True)
        sizes = measure_page_weight(site)
    heaviest = max(sizes, key=sizes.get)
    ok_size = sizes[heaviest] <= budget["guidance_page_kb_compressed"]
    lines.append(f"heaviest guidance page ({heaviest}), HTML + CSS gzip: {sizes[heaviest]:.1f} KB "
                 f"(budget {budget['guidance_page_kb_compressed']} KB) {'ok' if ok_size else 'OVER'}")
    lines.append(f"median guidance page: {statistics.median(sizes.values()):.1f} KB")
    return lines
