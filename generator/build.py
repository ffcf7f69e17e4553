"""The build, as a linear recipe: load and validate all content, render every
page, write the site to a temporary directory, and only then replace ``site/``.

If any step fails, ``site/`` is left exactly as it was.
"""
from __future__ import annotations

import datetime
import json
import os
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from html import escape as html_escape

import jinja2
from markupsafe import escape

from . import blocks, pages, phones, shortcodes
from .content import Content, load_content
from .changes import what_changed_page
from .exceptions import BuildError
from .navigator_pages import navigator_pages, web_name
from .offline import stamp_worker, write_service_worker
from .precompress import precompress_site
from .ruledata import rule_data
from navigator.timeline import COUNTS_FROM_TEXT

HERE = Path(__file__).parent
SITE_NAME = "Complaints, comments and compliments"
CSP = ("default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self'; "
       "connect-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'")


@dataclass
class BuildResult:
    site_dir: Path
    pages: int
    seconds: float
    published_at: str = "/"
    """The path of the address the site is published at (site.yaml base_url), where its 404 page links."""


def build(content_dir: Path, site_dir: Path, build_date: datetime.date | None = None,
          runtime: bool = True) -> BuildResult:
    """Build ``content_dir`` into ``site_dir``. Raises ContentErrors or BuildError."""
    started = time.perf_counter()
    # An explicit --today is also the navigator's "today" (data-today on its pages), so tests and
    # reviews see fixed dates; a normal build leaves it out and the browser uses the user's clock.
    fixed_today = build_date.isoformat() if build_date else ""
    build_date = build_date or datetime.date.today()
    content = load_content(content_dir)
    data = rule_data(content, build_date)
    env = template_environment()
    env.globals["fixed_today"] = fixed_today
    env.globals["build_date"] = build_date  # the footer says a review date has passed
    site_pages = collect_pages(content, build_date)
    published_at = pages.site_path(content.site.base_url)
    render_bodies(site_pages, content, data, env, build_date)
    with staging_directory(site_dir) as staging:
        write_pages(staging, site_pages, content, env, published_at)
        write_data(staging, data)
        write_static(staging)
        write_sitemap(staging, site_pages, content.site.base_url)
        if runtime:
            write_runtime(staging / "pyodide")
        stamp_worker(staging)
        write_service_worker(staging)
        precompress_site(staging, runtime_cache=HERE.parent / "build" / "brotli")
    return BuildResult(site_dir, len(site_pages), time.perf_counter() - started, published_at)


# --- render ------------------------------------------------------------------------

def template_environment() -> jinja2.Environment:
    cache = HERE.parent / "build" / "jinja-cache"  # compiled templates; Jinja checks they are up to date
    cache.mkdir(parents=True, exist_ok=True)
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(HERE / "templates"), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                             bytecode_cache=jinja2.FileSystemBytecodeCache(str(cache)))
    # counts_from: when a time limit starts, in the words the navigator's result uses
    env.globals.update(gov_date=shortcodes.gov_date, timescale_text=shortcodes.timescale_text,
                       tel_href=phones.tel_href, site_name=SITE_NAME, csp=CSP, counts_from=COUNTS_FROM_TEXT)
    env.filters["web_name"] = web_name  # an answer's page, an out-of-scope item's anchor
    return env


def collect_pages(content: Content, build_date: datetime.date) -> list[pages.SitePage]:
    """Every page of the site, in the order of the page list."""
    result = []
    for page in sorted(content.pages, key=lambda p: (p.meta.order, p.slug)):
        result.append(pages.SitePage(pages.url_for(page.slug), page.meta.title, page.meta.description,
                                     parent=None if page.slug == "index" else pages.HOME, source=page))
    policy = content.policy_page
    result.append(pages.SitePage("policy/", content.policy.title, policy.meta.description, source=policy))
    result.append(pages.SitePage("timescales/", "Complaint timescales",
                                 "Every timescale in the complaints policy, in one place.", template="timescales.html"))
    result.append(what_changed_page(content, build_date))
    result.append(pages.SitePage(pages.NOT_FOUND, "Page not found", "This page does not exist.", template="404.html",
                                 parent=None))
    result.extend(navigator_pages(content))
    return result


def render_bodies(site_pages, content: Content, data: dict, env: jinja2.Environment,
                  build_date: datetime.date) -> None:
    """Expand shortcodes and turn Markdown into HTML for every content page."""
    ns = shortcodes.namespace(content)
    macros = env.get_template("blocks.html").make_module(blocks.block_context(content, data, build_date, ns))

    def render_block(kind: str, arg: str) -> str:
        return str(block_html(macros, ns, kind, arg, build_date))

    for page in site_pages:
        if page.source is None:
            continue
        text = shortcodes.expand(page.source.body, ns, render_block, lambda s: str(escape(s)))
        page.body_html, page.toc = pages.render_markdown(text, page.path)
    env.globals["blocks"] = macros


def block_html(macros, ns: dict, kind: str, arg: str, build_date: datetime.date):
    """The HTML for one checked block shortcode, from its macro in blocks.html."""
    if kind == "contact":
        return macros.contact(arg)
    if kind == "list":
        return macros.list_of(shortcodes.resolve(ns, arg))
    if kind == "example":
        return getattr(macros, f"example_{arg}")()
    if arg == "timescales_ombudsman":
        return macros.timescales_ombudsman()
    if arg.startswith("timescales_"):
        procedure, _, formal = arg.removeprefix("timescales_").partition("_")
        return macros.timescales(procedure, informal=formal != "formal")
    if arg.startswith("bank_holidays_"):
        return macros.bank_holidays(build_date.year + (arg == "bank_holidays_next_year"))
    return getattr(macros, {"out_of_scope": "out_of_scope_table", "closure_days": "closure_days_table"}.get(arg, arg))()


def breadcrumbs(page: pages.SitePage, by_path: dict[str, pages.SitePage]) -> list[dict]:
    crumbs = []
    parent = page.parent
    while parent is not None:
        target = by_path[parent]
        crumbs.insert(0, {"url": pages.relative_url(page.path, parent), "title": "Home" if parent == "" else target.title})
        parent = target.parent
    return crumbs


# --- write ---------------------------------------------------------------------------

class staging_directory:
    """Write the new site beside the old one; swap it in only if everything worked."""

    def __init__(self, site_dir: Path):
        self.site_dir = Path(site_dir)

    def __enter__(self) -> Path:
        self.site_dir.parent.mkdir(parents=True, exist_ok=True)
        self.staging = Path(tempfile.mkdtemp(prefix=f".{self.site_dir.name}-new-", dir=self.site_dir.parent))
        self.staging.chmod(0o755)  # mkdtemp makes it private; a web server must be able to read it
        return self.staging

    def __exit__(self, exc_type, exc, tb):
        if exc_type is not None:
            shutil.rmtree(self.staging, ignore_errors=True)
            return False
        old = self.site_dir.with_name(f".{self.site_dir.name}-old-{os.getpid()}")
        if self.site_dir.exists():
            os.replace(self.site_dir, old)
        os.replace(self.staging, self.site_dir)
        shutil.rmtree(old, ignore_errors=True)
        return False


def write_pages(staging: Path, site_pages, content: Content, env: jinja2.Environment, published_at: str) -> None:
    """Every page; the 404 page links by absolute paths under ``published_at`` (pages.NOT_FOUND)."""
    by_path = {p.path: p for p in site_pages}
    nav = [p for p in site_pages if p.source is not None and p.source in content.pages and p.path]
    for page in site_pages:
        if page.path == pages.NOT_FOUND:
            root = published_at
            url = lambda target: published_at + target  # noqa: E731
        else:
            root = pages.relative_url(page.path, pages.HOME) if page.path else ""
            url = lambda target, _from=page.path: pages.relative_url(_from, target)  # noqa: E731
        html = env.get_template(page.template).render(
            page=page, policy=content.policy, contacts=content.contacts, content=content, root=root,
            breadcrumbs=breadcrumbs(page, by_path), guidance_pages=nav, url=url, **page.extra)
        out = staging / (page.path if page.path.endswith(".html") else page.output_file)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(html, encoding="utf-8")


def write_data(staging: Path, data: dict) -> None:
    out = staging / "navigator" / "rules.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def write_static(staging: Path) -> None:
    shutil.copytree(HERE / "static", staging / "assets", dirs_exist_ok=True)


def write_runtime(out_dir: Path) -> None:
    """The in-browser Python runtime (checked copies; the slow preparation is cached in build/)."""
    from .runtime import RuntimeSetupError, prepare_runtime
    repo = HERE.parent
    try:
        prepare_runtime(out_dir, cache_dir=repo / "build" / "runtime", navigator_src=repo / "navigator")
    except RuntimeSetupError as error:
        raise BuildError(f"the in-browser Python runtime could not be prepared: {error.message}") from None


def write_sitemap(staging: Path, site_pages, base_url: str) -> None:
    """sitemap.xml: the one place that needs full addresses (from site.yaml)."""
    entries = "".join(f"<url><loc>{html_escape(base_url + p.path, quote=False)}</loc></url>" for p in site_pages
                      if not p.path.endswith(".html"))
    (staging / "sitemap.xml").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}</urlset>\n', encoding="utf-8")
