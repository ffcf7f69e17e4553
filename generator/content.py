"""Load everything in ``content/`` and validate it, once.

:func:`load_content` is the only way the build, the checks and the navigator's
command line read content. It either returns a complete, cross-checked
:class:`Content` or raises :class:`ContentErrors` listing every problem in
every file, each with its line.
"""
from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import schema
from .exceptions import ContentError, ContentErrors
from .validate import MISSING, build, convert, partial
from .yamlfile import LocatedData, conflict_error, parse_yaml

PROCEDURE_IDS = ("corporate", "adults", "children")
SERVICE_RECOVERY_DECIDES = "service_recovery_decides"


# The build makes these pages itself (generator/pages.py GENERATED, what-changed/) or uses these
# folders for its own files; a Markdown page with one of these names would be overwritten.
RESERVED_SLUGS = frozenset({"policy", "timescales", "navigator", "working-days-calculator", "what-changed",
                            "assets", "pyodide", "sw", "sitemap", "404"})


@dataclass
class Page:
    """A Markdown page: its front matter, its body and where the body starts."""

    slug: str
    file: str
    meta: schema.PageMeta
    body: str
    body_line: int  # the file line of the body's first line


@dataclass
class Content:
    root: Path
    policy: schema.Policy
    site: schema.Site
    calendar: schema.Calendar
    contacts: dict[str, schema.Contact]
    procedures: dict[str, schema.Procedure]
    ombudsman: schema.Ombudsman
    services: dict[str, schema.Service]
    out_of_scope: list[schema.OutOfScope]
    navigator: schema.Navigator
    review_notes: list[schema.ReviewNote]
    pages: list[Page]
    policy_page: Page
    sources: dict[str, LocatedData] = field(default_factory=dict, repr=False)


class ContentReader:
    """Collects located data and errors while the content is read."""

    def __init__(self, root: Path):
        self.root = root
        self.errors: list[ContentError] = []
        self.sources: dict[str, LocatedData] = {}

    def name(self, path: Path) -> str:
        try:
            return str(path.relative_to(self.root.parent))
        except ValueError:
            return str(path)

    def read_text(self, path: Path) -> str | None:
        if not path.is_file():
            self.errors.append(ContentError(self.name(path), 0, "this file is missing. Restore it from the last published version."))
            return None
        try:
            return path.read_text(encoding="utf-8")
        except UnicodeDecodeError as exc:
            line = path.read_bytes()[: exc.start].count(b"\n") + 1
            self.errors.append(ContentError(self.name(path), line, "this file has a character that is not UTF-8 text. Save it as UTF-8."))
            return None

    def yaml(self, relative: str) -> LocatedData | None:
        path = self.root / relative
        text = self.read_text(path)
        if text is None:
            return None
        located, errors = parse_yaml(text, self.name(path))
        self.errors.extend(errors)
        if located is not None:
            self.sources[located.file] = located
        return located

    def typed(self, relative: str, tp, what: str):
        located = self.yaml(relative)
        if located is None:
            return None
        value = convert(tp, located.data, located, (), self.errors, what)
        return None if value is MISSING else value

    def page(self, path: Path, slug: str, guidance: bool = True) -> Page | None:
        """The page at ``path``. A page whose front matter is wrong is still returned, with a partial
        ``meta``, so its body is checked (and links to it work) in the same run; the build stops anyway."""
        text = self.read_text(path)
        if text is None:
            return None
        name = self.name(path)
        text = text.removeprefix("\ufeff")  # a byte order mark, which some editors add: harmless
        if guidance:  # (the policy page's place is fixed)
            problem = self._page_name_problem(path, slug)
            if problem:
                self.errors.append(ContentError(name, 1, problem))
        opening = re.match(r"---[ \t]*\n", text)
        if not opening:
            self.errors.append(ContentError(name, 1, "the page must start with a front matter block: a line '---', "
                                            "the title and other settings, then another '---'."))
            return None
        closing = re.compile(r"\n---[ \t]*\n").search(text, opening.end() - 1)
        if closing is None:
            self.errors.append(ContentError(name, 1, "the front matter block has no closing '---' line."))
            return None
        header = text[opening.end():closing.start() + 1]
        body, body_line = text[closing.end():], header.count("\n") + 3
        conflict = conflict_error(body, name, line_offset=body_line - 1)
        if conflict:
            self.errors.append(conflict)
        # (a merge conflict's "=======" under a line is not a heading: that error says what it is)
        self.errors.extend(markup_errors(body, name, body_line, underlines=conflict is None))
        located, errors = parse_yaml(header, name, line_offset=1)
        self.errors.extend(errors)
        meta = None
        if located is not None:
            self.sources[name] = located
            meta = build(schema.PageMeta, located.data, located, (), self.errors, "the page's front matter")
            for key, value in (located.data or {}).items() if isinstance(located.data, dict) else ():
                if isinstance(value, str) and "{{" in value:
                    self.errors.append(located.error((key,), f"'{key}' has a shortcode: shortcodes work in the page "
                                                     "text, not in its front matter. Write the words here."))
        return Page(slug, name, meta if meta is not None else partial(schema.PageMeta, {}), body, body_line)

    @staticmethod
    def _page_name_problem(path: Path, slug: str) -> str | None:
        if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug):
            return (f"'{path.name}' is not a usable page file name: use lowercase letters and digits, with '-' "
                    "between words, like how-to-complain.md.")
        if slug in RESERVED_SLUGS:
            return (f"the build makes a page called '{slug}' itself, so this one would be lost. "
                    "Give this file another name.")
        return None


def load_content(root: Path | str, pages: bool = True) -> Content:
    """Read and check all of ``root`` (normally ``content/``).

    With ``pages=False`` only the rule data (the YAML the navigator needs) is
    read: the navigator's command line should not fail on a typo in a page.
    Raises ContentErrors with every problem found, in file and line order.
    """
    root = Path(root)
    load = ContentReader(root)
    policy = load.typed("policy.yaml", schema.Policy, "the policy")
    site = load.typed("site.yaml", schema.Site, "the site settings")
    calendar = load.typed("calendar.yaml", schema.Calendar, "the calendar")
    contacts = load.typed("contacts.yaml", dict[str, schema.Contact], "the contacts")
    procedures = {}
    for pid in PROCEDURE_IDS:
        procedure = load.typed(f"procedures/{pid}.yaml", schema.Procedure, f"the {pid} procedure")
        if procedure is not None and procedure.id is not None:
            procedures[pid] = procedure
            if procedure.id != pid:
                load.errors.append(load.sources[load.name(root / f"procedures/{pid}.yaml")].error(
                    ("id",), f"the id should be '{pid}', the same as the file name."))
    extra = sorted(p.stem for p in (root / "procedures").glob("*.yaml") if p.stem not in PROCEDURE_IDS)
    for stem in extra:
        load.errors.append(ContentError(load.name(root / f"procedures/{stem}.yaml"), 1,
                                        f"'{stem}' is not a procedure the site knows. The procedures are: "
                                        f"{', '.join(PROCEDURE_IDS)}."))
    ombudsman = load.typed("ombudsman.yaml", schema.Ombudsman, "the Ombudsman")
    services = load.typed("services.yaml", dict[str, schema.Service], "the services")
    out_of_scope = load.typed("out_of_scope.yaml", list[schema.OutOfScope], "the out-of-scope list")
    navigator = load.typed("navigator.yaml", schema.Navigator, "the navigator questions")
    if pages:
        review_notes = load.typed("review_notes.yaml", list[schema.ReviewNote], "the review notes")
        page_list = [p for p in (load.page(path, path.stem) for path in sorted((root / "pages").glob("*.md"))) if p]
        policy_page = load.page(root / "policy" / "policy.md", "policy", guidance=False)
        if not (root / "pages" / "index.md").is_file():
            load.errors.append(ContentError(load.name(root / "pages" / "index.md"), 0, "this file is missing: it is "
                                            "the home page. Restore it from the last published version."))
    else:
        review_notes, page_list, policy_page = [], [], _NO_PAGE

    if site is not None and site.base_url and not re.fullmatch(r"https://[^\s/]+/(\S*/)?", site.base_url):
        load.errors.append(load.sources[load.name(root / "site.yaml")].error(
            ("base_url",), "base_url should be a full address starting https:// and ending in /."))
    parts = dict(policy=policy, site=site, calendar=calendar, contacts=contacts, procedures=procedures,
                 ombudsman=ombudsman, services=services, out_of_scope=out_of_scope,
                 navigator=navigator, review_notes=review_notes, pages=page_list, policy_page=policy_page)
    _check_references(parts, load)
    content = Content(root=root, sources=load.sources, **parts)
    _check_unique_ids(content, load)
    if pages:
        from .pages import check_links
        from .shortcodes import check_pages
        load.errors.extend(check_pages(content))
        load.errors.extend(check_links(content))
    if load.errors:
        raise ContentErrors(load.errors)
    return content


_NO_PAGE = Page("", "", None, "", 0)  # stands in for the policy page when pages are not read


# --- cross references ----------------------------------------------------------

def _check_references(parts: dict[str, Any], load: ContentReader) -> None:
    """Every id that names another thing must name one that exists."""
    # None: that file could not be read, and has its own error; checking against it would only add false ones.
    known = {
        "contacts": None if parts["contacts"] is None else set(parts["contacts"]),
        "procedures": set(PROCEDURE_IDS),
        "procedures_or_sr": set(PROCEDURE_IDS) | {SERVICE_RECOVERY_DECIDES},
        "services": None if parts["services"] is None else set(parts["services"]),
        "out_of_scope": None if parts["out_of_scope"] is None else {item.id for item in parts["out_of_scope"]},
    }
    checks = [("ombudsman.yaml", parts["ombudsman"]), ("services.yaml", parts["services"]),
              ("out_of_scope.yaml", parts["out_of_scope"]), ("navigator.yaml", parts["navigator"])]
    checks += [(f"procedures/{pid}.yaml", proc) for pid, proc in parts["procedures"].items()]
    for relative, value in checks:
        if value is None:
            continue
        located = load.sources.get(load.name(load.root / relative))
        for path, kind, ident in _references(value, ()):
            if ident is not None and known[kind] is not None and ident not in known[kind]:
                noun = {"contacts": "contact in contacts.yaml", "procedures": "procedure",
                        "procedures_or_sr": "procedure", "services": "service in services.yaml",
                        "out_of_scope": "entry in out_of_scope.yaml"}[kind]
                choices = ", ".join(sorted(known[kind]))
                load.errors.append(located.error(path, f"'{ident}' is not a {noun}. Use one of: {choices}."))
    navigator = parts["navigator"]
    located = load.sources.get(load.name(load.root / "navigator.yaml"))
    if navigator is not None and located is not None:
        for i, option in enumerate(navigator.service_options or []):
            targets = [t for t in (option.procedure, option.service, option.out_of_scope) if t]
            if len(targets) != 1:
                load.errors.append(located.error(("service_options", i),
                                                 f"the answer '{option.id}' must lead to exactly one of: procedure, "
                                                 "service or out_of_scope."))


def _references(value, path):
    """Yield (path, kind, id) for every reference field inside ``value``."""
    if dataclasses.is_dataclass(value):
        for f in dataclasses.fields(value):
            child = getattr(value, f.name)
            key = f.metadata.get("key", f.name)
            kind = f.metadata.get("ref")
            if kind:
                if isinstance(child, list):
                    for i, ident in enumerate(child):
                        yield path + (key, i), kind, ident
                else:
                    yield path + (key,), kind, child
            else:
                yield from _references(child, path + (key,))
    elif isinstance(value, dict):
        for key, child in value.items():
            yield from _references(child, path + (key,))
    elif isinstance(value, list):
        for i, child in enumerate(value):
            yield from _references(child, path + (i,))


def _check_unique_ids(content: Content, load: ContentReader) -> None:
    """Ids inside one list must differ, or shortcodes and answers would be ambiguous."""
    lists = [("out_of_scope.yaml", (), content.out_of_scope),
             ("navigator.yaml", ("service_options",), getattr(content.navigator, "service_options", None)),
             ("navigator.yaml", ("request_types",), getattr(content.navigator, "request_types", None)),
             ("navigator.yaml", ("complainant_types",), getattr(content.navigator, "complainant_types", None)),
             ("review_notes.yaml", (), content.review_notes),
             ("ombudsman.yaml", ("steps",), getattr(content.ombudsman, "steps", None))]
    lists += [(f"procedures/{pid}.yaml", ("stages",), p.stages) for pid, p in content.procedures.items()]
    for relative, path, items in lists:
        located = load.sources.get(load.name(load.root / relative))
        if located is None:  # not read: pages=False
            continue
        seen = set()
        for i, item in enumerate(items or []):
            if item is None or item.id is None:
                continue
            # Used in addresses (navigator/<id>/) and shortcodes; review notes keep the reviewers' own ids (GH14).
            if relative != "review_notes.yaml" and not re.fullmatch(r"[a-z][a-z0-9_]*", item.id):
                load.errors.append(located.error(path + (i, "id"), f"'{item.id}' is not a usable id: use lowercase "
                                                 "letters, digits and _ only, starting with a letter."))
            if item.id in seen:
                load.errors.append(located.error(path + (i, "id"), f"the id '{item.id}' is used twice in this list."))
            seen.add(item.id)


BLOCKED = [
    # The site's Content-Security-Policy (build.CSP) allows only its own scripts, styles and images:
    # anything else would be published and never work.
    (re.compile(r"<(script|iframe|object|embed|video|audio|style)\b", re.IGNORECASE),
     lambda m: f"a page cannot have <{m.group(1).lower()}>: the site's security settings block it, so it would never "
               "work. Take it out; for a video or form, link to it instead."),
    (re.compile(r"<[a-z][^>]*\sstyle\s*=", re.IGNORECASE),
     lambda m: "a page cannot set its own style (style=\"...\"): the site's security settings block it, so it would "
               "have no effect. Take it out; the site's stylesheet sets how pages look."),
    (re.compile(r"!\[[^\]]*\]\(\s*https?://|<img\b[^>]*\bsrc\s*=\s*[\"']?https?://", re.IGNORECASE),
     lambda m: "a page cannot show an image from another site: the site's security settings block it, so it would "
               "not appear. Take it out, or link to it instead."),
]
TOP_HEADING = re.compile(r"#[ \t]+(.*)")
UNDERLINED_TOP_HEADING = re.compile(r"=+[ \t]*")


def lines_outside_code(body: str):
    """(offset, line) for each line of a page's Markdown that is not inside a ``` code block."""
    in_code = False
    for offset, line in enumerate(body.split("\n")):
        if line.lstrip().startswith("```"):
            in_code = not in_code
        if not in_code:
            yield offset, line


def markup_errors(body: str, file: str, body_line: int, underlines: bool = True) -> list[ContentError]:
    """What a page's Markdown may not have, each at its line (not inside a ``` code block): anything the
    site's security settings block, and a top-level heading, since the page's title is its one h1
    (WCAG 1.3.1; a second also broke the page's contents list)."""
    errors = []
    lines = body.split("\n")
    for offset, line in lines_outside_code(body):
        at = body_line + offset
        for pattern, message in BLOCKED:
            errors.extend(ContentError(file, at, message(m)) for m in pattern.finditer(line))
        heading = None
        if top := TOP_HEADING.fullmatch(line.rstrip()):
            heading = top.group(1).strip()
        elif underlines and UNDERLINED_TOP_HEADING.fullmatch(line) and offset and lines[offset - 1].strip():
            heading, at = lines[offset - 1].strip(), at - 1  # "Title" underlined with "===="
        if heading:
            errors.append(ContentError(file, at, f"'# {heading}' is a top-level heading, but the page's title is "
                                                 f"its only one. Write '## {heading}' for a section."))
    return errors
