"""Checks on the built site: links and anchors, external links, the Nu HTML
Checker (vnu), axe-core, reflow at 320 pixels wide, and that no reviewer note was published."""
from __future__ import annotations

import json
import posixpath
import re
import shutil
import subprocess
import sys
import threading
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlsplit

from bs4 import BeautifulSoup

from ..content import Content
from ..pages import NOT_FOUND, site_path
from ..phones import is_tel_link_number
from .report import ERROR, Report

REPO = Path(__file__).resolve().parents[2]
VNU_JAR = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def html_files(site: Path) -> list[str]:
    return sorted(str(p.relative_to(site)) for p in site.rglob("*.html") if "pyodide" not in p.parts)


class Sources:
    """Which content file each built page comes from, to point the team at the right file and line."""

    def __init__(self, content: Content):
        self.pages = {("index.html" if p.slug == "index" else f"{p.slug}/index.html"): p for p in content.pages}
        self.pages["policy/index.html"] = content.policy_page
        self.published_at = site_path(content.site.base_url)

    def place(self, built: str, *needles: str) -> tuple[str, int]:
        page = self.pages.get(built)
        if page is None:
            return f"site/{built}", 0
        lines = page.body.split("\n")
        slugs = [f"({n.split('#')[0].rstrip('/').split('/')[-1] or 'index'}.md" for n in needles
                 if n and not urlsplit(n).scheme and not n.startswith("#")]
        for needle in [*needles, *slugs]:
            if not needle:
                continue
            for offset, line in enumerate(lines):
                if needle in line:
                    return page.file, page.body_line + offset
        return page.file, 0


def check_links(site: Path, sources: Sources, report: Report) -> None:
    soups = {name: BeautifulSoup((site / name).read_text(encoding="utf-8"), "html.parser") for name in html_files(site)}
    ids = {name: {el["id"] for el in soup.find_all(id=True)} for name, soup in soups.items()}
    for name, soup in soups.items():
        for a in soup.find_all(["a", "link"], href=True):
            href = a["href"]
            parts = urlsplit(href)
            if parts.scheme or href.startswith("//"):
                _check_external(name, href, a, sources, report)
                continue
            text = " ".join(a.get_text(" ").split())
            link = href
            if name == NOT_FOUND and not href.startswith("#"):
                # Served at any address, it links by absolute path under the site's own (see pages.NOT_FOUND).
                if not href.startswith(sources.published_at):
                    report.add(f"site/{name}", 0, ERROR,
                               f"the link \"{text or href}\" ({href}) on {name} does not start with "
                               f"{sources.published_at}, the path of the address the site is published at "
                               "(base_url in content/site.yaml).",
                               "Link with {{ root }} or url() in the template.", "site")
                    continue
                link = "./" + href.removeprefix(sources.published_at)
            path, fragment = urldefrag(link)
            path = unquote(path)
            target = posixpath.normpath(posixpath.join(posixpath.dirname(name), path)) if path else name
            if path and (path.endswith("/") or path == "."):
                target = posixpath.join(target, "index.html")
            target = target.removeprefix("./")
            if target.startswith("..") or not (site / target).is_file():
                file, line = sources.place(name, f"]({href.split('#')[0]}", text)
                report.add(file, line, ERROR, f"the link \"{text or href}\" ({href}) on {name} goes to a page that does not exist.",
                           "Correct the link so it names a page of the site.", "site")
                continue
            if fragment and target.endswith(".html"):
                if target not in ids:
                    ids[target] = {el["id"] for el in BeautifulSoup((site / target).read_text(encoding="utf-8"),
                                                                    "html.parser").find_all(id=True)}
                if fragment not in ids[target]:
                    file, line = sources.place(name, f"#{fragment}", text)
                    report.add(file, line, ERROR,
                               f"the link \"{text or href}\" ({href}) on {name} goes to #{fragment}, which is not on {target}.",
                               f"Use a heading id that {target} has, or remove the #{fragment} part.", "site")


def _check_external(name, href, a, sources, report):
    parts = urlsplit(href)
    text = " ".join(a.get_text(" ").split())
    problem = None
    if parts.scheme in ("http", "https"):
        host = parts.hostname or ""
        if not re.fullmatch(r"[a-z0-9-]+(\.[a-z0-9-]+)+", host, re.IGNORECASE) or " " in href:
            problem = "is not a well-formed web address"
    elif parts.scheme == "mailto":
        if not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", unquote(parts.path)):
            problem = "is not a well-formed email address"
    elif parts.scheme == "tel":
        number = unquote(parts.path)
        if not is_tel_link_number(number):
            problem = "is not a well-formed phone number"
    else:
        problem = f"uses '{parts.scheme}:', which browsers may not open"
    if problem:
        file, line = sources.place(name, href, text)
        report.add(file, line, ERROR, f"the link \"{text or href}\" ({href}) on {name} {problem}.",
                   "Correct the address (external links are not visited by the check, only read).", "site")


def check_notes_not_published(content: Content, site: Path, report: Report) -> None:
    texts = {}
    for name in html_files(site):
        soup = BeautifulSoup((site / name).read_text(encoding="utf-8"), "html.parser")
        texts[name] = " ".join(soup.get_text(" ").split()).lower()
    notes_file = f"{content.root.name}/review_notes.yaml"
    located = content.sources.get(notes_file)
    for i, note in enumerate(content.review_notes):
        needle = " ".join(note.text.split()).lower()
        for name, text in texts.items():
            if len(needle) >= 12 and needle in text:
                report.add(notes_file, located.line((i, "text")) if located else 0, ERROR,
                           f"the text of reviewer note {note.id} appears on the published page {name}.",
                           "Reviewer notes must never be published: reword the page.", "review")


def check_vnu(site: Path, sources: Sources, report: Report) -> None:
    java = shutil.which("java")
    if not java:
        report.skipped.append("HTML validity (needs Java: apt-get install default-jre-headless)")
        return
    if not VNU_JAR.is_file():
        report.skipped.append("HTML validity (needs node_modules/vnu-jar: run make deps)")
        return
    files = [str(site / n) for n in html_files(site)]
    proc = subprocess.run([java, "-jar", str(VNU_JAR), "--errors-only", "--format", "json", *files],
                          capture_output=True, text=True, timeout=300)
    try:
        messages = json.loads(proc.stderr or proc.stdout or "{}").get("messages", [])
    except json.JSONDecodeError:
        report.skipped.append(f"HTML validity (the Nu HTML Checker failed: {(proc.stderr or '').strip()[:200]})")
        return
    for m in messages:
        url = m.get("url", "")
        built = str(Path(unquote(urlsplit(url).path)).relative_to(site.resolve())) if url.startswith("file:") else url
        extract = (m.get("extract") or "").strip()
        file, line = sources.place(built, *re.findall(r'(?:id|href)="([^"]+)"', extract),
                                   *_markup_around(m, site / built))
        where = f"{built} line {m.get('lastLine', '?')}"
        report.add(file, line, ERROR, f"not valid HTML on {where}: {m.get('message', '').strip()}",
                   "If the page's Markdown has raw HTML, correct it: usually a tag is not closed, tags are closed "
                   "in the wrong order, or a block such as <div> or <table> is inside a line of text. Otherwise "
                   "the template is wrong (ask the site's developers).", "site")


def _markup_around(message: dict, built_file: Path) -> list[str]:
    """Where to look for a Nu message in the page's Markdown: raw HTML reaches the built page as it was
    typed, so its built line (without the paragraph Markdown wraps it in), or failing that the part of
    the checker's extract on the same line as the fault, is in the source too."""
    needles = []
    try:
        built_line = built_file.read_text(encoding="utf-8").split("\n")[int(message["lastLine"]) - 1].strip()
        needles.append(re.sub(r"^<p>(.*)</p>$", r"\1", built_line))
    except (OSError, KeyError, ValueError, IndexError):
        pass
    extract, start = message.get("extract") or "", int(message.get("hiliteStart") or 0)
    end = extract.find("\n", start + int(message.get("hiliteLength") or 0))
    needles.append(extract[extract.rfind("\n", 0, start) + 1:None if end == -1 else end].strip())
    return [n for n in needles if len(n) >= 8]  # shorter pieces ("</p>") are everywhere


def first_words(html: str, count: int = 4) -> str:
    """The first words of an element's text, to find its line in the page's source."""
    return " ".join(re.sub(r"<[^>]+>", " ", html).split()[:count])


NARROW = {"width": 320, "height": 640}
"""WCAG 2.2, 1.4.10 Reflow: 320 CSS pixels wide (a small phone, or 1280 pixels at 400% zoom), a page
must not scroll sideways."""
WIDEST = """() => {
    const root = document.documentElement;
    const over = Math.ceil(root.scrollWidth - root.clientWidth);
    if (over <= 0) return null;
    // An element inside one that clips or scrolls sideways by itself (a Markdown table's region)
    // cannot make the page scroll; if that container sticks out, it is itself the culprit.
    const contained = (element) => {
        for (let a = element.parentElement; a && a !== document.body; a = a.parentElement) {
            if (getComputedStyle(a).overflowX !== "visible") return true;
        }
        return false;
    };
    const out = [...document.body.querySelectorAll("*")].filter(
        (element) => element.getBoundingClientRect().right > root.clientWidth + 0.5 && !contained(element));
    // The outermost element that sticks out, to show; the last one, usually the innermost, to find the line by.
    const last = out.length ? out[out.length - 1] : null;
    return { over, html: out.length ? out[0].outerHTML : "", text: last ? last.textContent : "",
             inner: last ? last.outerHTML.split("\\n")[0] : "" };
}"""


def check_axe(site: Path, sources: Sources, report: Report) -> None:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        report.skipped.append("accessibility and reflow (needs Playwright: run make deps)")
        return
    from .axe import AXE_JS, CHROMIUM, launch_chromium, run_axe
    if not Path(CHROMIUM).exists() or not AXE_JS.is_file():
        report.skipped.append("accessibility and reflow (needs /usr/bin/chromium and node_modules/axe-core: "
                              "make check installs them)")
        return
    sys.path.insert(0, str(REPO / "tools"))
    from serve import make_server
    server = make_server(site, 0, quiet=True, published_at=sources.published_at)  # the 404 page's styles are there
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        with sync_playwright() as p:
            browser = launch_chromium(p)
            context = browser.new_context(bypass_csp=True)
            context.route("**/pyodide/**", lambda route: route.abort())  # the runtime is not needed for the check
            page = context.new_page()
            for name in html_files(site):
                page.goto(base + name.removesuffix("index.html"), wait_until="load")
                for v in run_axe(page):
                    for node in v["nodes"]:
                        snippet = node["html"][:120]
                        hrefs = re.findall(r'href="([^"]+)"', snippet)
                        text = first_words(snippet)
                        empty = [f"[]({h.rstrip('/').split('/')[-1] or 'index'}.md" for h in hrefs] if not text else []
                        file, line = sources.place(name, *empty, *hrefs, text)
                        report.add(file, line, ERROR,
                                   f"accessibility ({v['id']}) on {name}: {v['help']}. Element: {snippet}",
                                   f"See {v['helpUrl']}", "site")
                check_reflow(page, name, sources, report)
            browser.close()
    finally:
        server.shutdown()
        server.server_close()


def check_reflow(page, name: str, sources: Sources, report: Report) -> None:
    """The page, already loaded, at 320 pixels wide: it must not scroll sideways."""
    wide = page.viewport_size
    page.set_viewport_size(NARROW)
    try:
        found = page.evaluate(WIDEST)
    finally:
        page.set_viewport_size(wide)
    if found:
        snippet = found["html"][:120]
        # Raw HTML in a page's Markdown is published as written, so its innermost element (such as
        # <td>Recommendations</td>) names its line better than its words, which may be elsewhere too.
        file, line = sources.place(name, found["inner"], first_words(found["text"]), first_words(found["html"]))
        report.add(file, line, ERROR,
                   f"reflow on {name}: {NARROW['width']} pixels wide (a small phone, or 400% zoom), the page "
                   f"scrolls sideways by {found['over']} pixels. Widest element: {snippet}",
                   "Make it fit: a table written in Markdown scrolls by itself, but an HTML table, a long line "
                   "of code or anything with a fixed width does not. See https://www.w3.org/WAI/WCAG22/"
                   "Understanding/reflow.html", "site")
