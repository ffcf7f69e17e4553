"""The site's pages: where each one lives and how its Markdown becomes HTML.

Every page is a directory with an ``index.html`` (``what-is-a-complaint/``),
and every link between pages is relative, so the site works from any
sub-path of any web server. The one exception is the 404 page (:data:`NOT_FOUND`).
"""
from __future__ import annotations

import collections
import difflib
import functools
import posixpath
import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from .content import Content, Page, lines_outside_code
from .exceptions import ContentError

MD_LINK = re.compile(r"\]\(([^)\s]+?\.md)(#[^)\s]*)?\)")
HOME = ""
GENERATED = {"policy": "policy/", "timescales": "timescales/", "navigator": "navigator/",
             "working-days-calculator": "navigator/working-days/"}
"""Pages the build makes itself, which Markdown can link to as ``policy.md`` and so on."""


@dataclass
class SitePage:
    """One page of the built site."""

    path: str                # "" for home, else "what-is-a-complaint/"
    title: str
    description: str
    template: str = "page.html"
    body_html: str = ""
    toc: list[dict] = field(default_factory=list)
    parent: str | None = HOME  # the path of the breadcrumb parent; None for home
    source: Page | None = None
    extra: dict = field(default_factory=dict)

    @property
    def output_file(self) -> str:
        return self.path + "index.html"


NOT_FOUND = "404.html"
"""The page a web server sends for any address that has no page. It is served at that address,
at any depth, so its links cannot be relative: they are absolute paths under the address the
site is published at (``base_url`` in site.yaml), as MkDocs does for its 404 page."""


def site_path(base_url: str) -> str:
    """The path part of the address the site is published at: "/complaints-guidance/"."""
    return urlsplit(base_url).path or "/"


def url_for(slug: str) -> str:
    """The site path of a content page by its slug (index is home)."""
    return HOME if slug == "index" else f"{slug}/"


def relative_url(from_path: str, to_path: str) -> str:
    """A link from the page at ``from_path`` to ``to_path`` ("" is home)."""
    rel = posixpath.relpath("/" + to_path, "/" + from_path) if to_path != from_path else "."
    if to_path.endswith("/") or to_path == HOME:
        rel = rel.rstrip("/") + "/"
    if rel == "./":
        return "./"
    return rel


# Every way a page's text can link somewhere: [text](target "title"), a reference [name]: target, <a href="target">
LINK_TARGETS = (re.compile(r"\]\(\s*<?([^)\s>]*)>?(?:\s+[\"'(][^)]*)?\s*\)"),
                re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S*?)>?(?:\s+[\"'(].*)?$"),
                re.compile(r"<a\s[^>]*href=[\"']([^\"']*)[\"']", re.IGNORECASE))
OFF_SITE = re.compile(r"(https?:|mailto:|tel:|#)", re.IGNORECASE)


def check_links(content: Content) -> list[ContentError]:
    """Every link to another page of the site names its Markdown file, and the page exists.

    Other sites, email addresses, phone numbers and anchors on the same page are left alone (anchors
    in other pages are checked by ``make check``, which sees the built headings).
    """
    # A page whose file is there but could not be read has its own error; a link to it is not another.
    on_disk = {path.stem for path in (content.root / "pages").glob("*.md")} if content.root else set()
    slugs = {p.slug for p in content.pages} | on_disk | set(GENERATED)
    errors = []
    for page in [p for p in (*content.pages, content.policy_page) if p is not None]:
        for offset, line in lines_outside_code(page.body):
            for form, pattern in enumerate(LINK_TARGETS):
                for match in pattern.finditer(line):
                    message = _link_problem(match.group(1), slugs)
                    if not message and not OFF_SITE.match(match.group(1)) and not (form == 0 and MD_LINK.match(match.group(0))):
                        # render_markdown makes the address from this one form only
                        message = (f"write the link to '{match.group(1)}' as [text]({match.group(1)}), with no title "
                                   "or spaces, so the build can make the right address.")
                    if message:
                        errors.append(ContentError(page.file, page.body_line + offset, message))
            for match in SPACED_LINK.finditer(line):
                # Markdown shows this as it is typed, brackets and all: the link is lost without a word
                errors.append(ContentError(page.file, page.body_line + offset, (
                    f"'{match.group(0)}' has a space between ']' and '(', so it would be published as it is, not "
                    f"as a link. Write [{match.group(1)}]({match.group(2)}).")))
    return errors


SPACED_LINK = re.compile(r"\[([^\]\n]+)\]\s+\(([^)\s]+\.md(?:#[^)\s]*)?|https?://[^)\s]+|mailto:[^)\s]+|tel:[^)\s]+)\)")
"""A link with a space between its text and its address: "[text] (who-can-complain.md)"."""


def _link_problem(target: str, slugs: set[str]) -> str | None:
    if not target:
        return "this link has no address."
    if OFF_SITE.match(target):
        return None
    file = target.split("#", 1)[0]
    if not file.endswith(".md") or "/" in file:
        return (f"the link to '{target}' should name the page's file, like who-can-complain.md, so the build can "
                "check it and make the right address.")
    if file[:-3] not in slugs:
        # Only a near miss is a likely typo: for a page deleted or renamed, a distant "Did you mean"
        # (who-can-complain -> how-to-complain) would send the link to the wrong page.
        close = difflib.get_close_matches(file[:-3], sorted(slugs), n=1, cutoff=0.85)
        hint = f" Did you mean '{close[0]}.md'?" if close else ""
        return (f"the link to '{file}' goes nowhere: there is no page content/pages/{file}.{hint} If that page "
                "was renamed or deleted, change the link or take it out.")
    return None


class TableRegions(Treeprocessor):
    """Put each Markdown table in a region that scrolls sideways by itself, as the tables made from
    the data are (templates/blocks.html ``scrolling``): a wide table must not make a phone's whole
    page scroll sideways (WCAG 1.4.10). The region takes focus, so a keyboard can scroll it, and is
    named after the heading above the table."""

    def run(self, root):
        heading, seen = "", collections.Counter()
        for index, element in enumerate(list(root)):
            if element.tag in ("h2", "h3", "h4"):
                heading = "".join(element.itertext()).strip()
            elif element.tag == "table":
                element.set("class", "table")
                for header in element.iterfind("thead/tr/th"):
                    header.set("scope", "col")
                name = f"Table: {heading}" if heading else "Table"
                seen[name] += 1
                if seen[name] > 1:  # each region a name of its own
                    name = f"{name} ({seen[name]})"
                region = etree.Element("div", {"class": "table-scroll", "role": "region", "tabindex": "0",
                                               "aria-label": name})
                root.remove(element)
                region.append(element)
                root.insert(index, region)


class TableRegionsExtension(Extension):
    def extendMarkdown(self, md):
        md.treeprocessors.register(TableRegions(md), "table_regions", 15)  # after inline Markdown (20)


@functools.cache
def _markdown() -> markdown.Markdown:
    """One Markdown converter, reset between pages: setting up its extensions is the slow part."""
    # Extension objects, not names: a name makes Markdown search every installed package's
    # entry points first (importlib.metadata, a tenth of the whole build).
    from markdown.extensions.attr_list import AttrListExtension
    from markdown.extensions.sane_lists import SaneListExtension
    from markdown.extensions.tables import TableExtension
    from markdown.extensions.toc import TocExtension
    return markdown.Markdown(extensions=[AttrListExtension(), TableExtension(), SaneListExtension(),
                                         TocExtension(toc_depth="2-3"), TableRegionsExtension()])


def render_markdown(text: str, from_path: str) -> tuple[str, list[dict]]:
    """HTML and the list of level-2 headings (for "On this page")."""
    def rewrite(match):
        slug = match.group(1)[:-3]
        target = GENERATED.get(slug) or url_for(slug)
        return f"]({relative_url(from_path, target)}{match.group(2) or ''})"

    text = MD_LINK.sub(rewrite, text)
    md = _markdown()
    html = md.reset().convert(text)
    toc = [{"id": t["id"], "name": t["name"]} for t in md.toc_tokens]
    return html, toc
