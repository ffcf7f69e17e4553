"""``make check``: everything the policy team must know before publishing.

:func:`run_check` builds the content into a temporary folder and runs every
check on it: the content schema, the policy text against the data, review
dates and notes, links, HTML validity, accessibility (axe-core), plain English
and the calendar. It returns a :class:`~generator.check.report.Report`; the
command line prints it, writes it as HTML (``build/review/index.html``) and
exits 1 if there is an error, if a check could not run (Java or Chromium
missing), or, with ``--strict``, if there is a warning. A check left out on
request (``--no-browser``) does not make it fail, but the last line names it.
"""
from __future__ import annotations

import datetime
import json
import tempfile
from pathlib import Path

from ..exceptions import BuildError, ContentErrors
from .report import ERROR, WARNING, Report

NOT_LOADED = "everything else: the check stops when the content cannot be read. Fix the errors above and run it again."
NOT_BUILT = ("the built site (links, HTML, accessibility, reflow) and plain English: the site could not be built. "
             "Fix the errors above and run it again.")


def run_check(content_dir: Path, today: datetime.date | None = None, browser: bool = True) -> Report:
    from ..build import build
    from ..content import load_content
    from . import consistency, dates, plain, site
    from .data import load_check_data

    today = today or datetime.date.today()
    report = Report(today)
    content_dir = Path(content_dir)
    check_data, errors = load_check_data(content_dir)
    for e in errors:
        report.add(e.file, e.line, ERROR, e.message)
    report.discrepancies = check_data.discrepancies
    try:
        content = load_content(content_dir)
    except ContentErrors as exc:
        for e in exc.errors:
            report.add(e.file, e.line, ERROR, e.message)
        report.stopped = NOT_LOADED
        return report
    report.notes = content.review_notes
    report.changes, report.published = changed_figures(content)
    check_kept_for_people_at_risk(content, report)
    consistency.check_consistency(content, check_data, report)
    consistency.check_typed_figures(content, report)
    check_snapshot(content_dir, report)
    check_unread_files(content_dir, content, check_data, report)
    dates.check_review_dates(content, today, report)
    try:
        dates.check_calendar(content, today, report)
    except BuildError as exc:  # the holidays package is missing
        report.add(str(content_dir), 0, ERROR, f"the calendar could not be checked: {exc}")
        report.stopped = NOT_BUILT
        return report
    with tempfile.TemporaryDirectory(prefix="check-") as tmp:
        out = Path(tmp) / "site"
        try:
            result = build(content_dir, out, today, runtime=False)
        except BuildError as exc:
            report.add(str(content_dir), 0, ERROR, f"the site could not be built: {exc}")
            report.stopped = NOT_BUILT
            return report
        except ContentErrors as exc:
            for e in exc.errors:
                report.add(e.file, e.line, ERROR, e.message)
            report.stopped = NOT_BUILT
            return report
        report.built_pages = result.pages
        sources = site.Sources(content)
        site.check_links(out, sources, report)
        site.check_notes_not_published(content, out, report)
        plain.check_plain_english(content, out, check_data.words, report)
        if browser:
            site.check_vnu(out, sources, report)
            site.check_axe(out, sources, report)
        else:
            report.skipped_as_asked.append("HTML validity, accessibility and reflow (--no-browser)")
    return report


def write_html(report: Report, out_dir: Path, strict: bool = False) -> Path:
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / "index.html"
    path.write_text(report.html(strict), encoding="utf-8")
    return path


def changed_figures(content) -> tuple[list[str], object]:
    """What the "What changed" page will list, and the date it compares with: every figure that differs
    from the last publication. Not a warning: a review changes figures on purpose. But a figure the
    policy text does not state (the Ombudsman's steps, say) is checked by nothing else, so the list is
    where a slip shows ("this now takes 200 working days")."""
    from ..changes import changes, load_snapshot
    try:
        snapshot = load_snapshot(content.root)
    except ContentErrors:
        return [], None  # the build reports it
    if not snapshot:
        return [], None  # check_snapshot warns
    return changes(content, snapshot), snapshot.get("published")


def check_kept_for_people_at_risk(content, report: Report) -> None:
    """The "Exit this page" button and the warning at the top are on the social care pages because
    someone at risk at home may be reading them. Nothing else says which pages need them, so one that
    a page had when it was last published, and has lost, is a warning: deleting a line of front
    matter, or renaming the page, would otherwise drop it without a word."""
    from ..changes import for_people_at_risk, load_snapshot
    try:
        snapshot = load_snapshot(content.root)
    except ContentErrors:
        return  # the build reports it
    published = (snapshot or {}).get("for_people_at_risk")
    if not isinstance(published, dict):
        return  # no snapshot (check_snapshot warns), or one taken before pages were recorded
    now = for_people_at_risk(content)
    folder = f"{content.root.name}/pages"
    when = f"when the pages were last published ({_long_date(snapshot.get('published'))})"
    for name, was in published.items():
        if not isinstance(was, dict):
            continue
        file, has = f"{folder}/{name}", now.get(name, {})
        if not (content.root / "pages" / name).is_file():
            shown = " and ".join(x for x in ("the 'Exit this page' button" if was.get("exit_this_page") else "",
                                              "a warning at the top" if was.get("warning") else "") if x)
            report.add(file, 0, WARNING, f"this page had {shown} {when}, and it is not there any more.",
                       fix="If it was renamed or its content moved to another page, give that page the same "
                           f"lines at the top: {_front_matter(was)}. Someone at risk at home may be reading it.")
            continue
        if was.get("exit_this_page") and not has.get("exit_this_page"):
            report.add(file, 1, WARNING, f"this page had the 'Exit this page' button {when}, and now it does not.",
                       fix="Someone at risk at home may be reading this page. If the line was deleted by mistake, "
                           "put `exit_this_page: true` back at the top. If the button was taken off on purpose, "
                           "take a new snapshot when you publish (see the README).")
        if was.get("warning") and not has.get("warning"):
            report.add(file, 1, WARNING, f'this page had the warning "{was["warning"]}" at the top {when}, '
                                         "and now it does not.",
                       fix=f"If the line was deleted by mistake, put `warning: {json.dumps(was['warning'])}` back at the top. "
                           "If it was taken off on purpose, take a new snapshot when you publish (see the README).")


def _front_matter(shown: dict) -> str:
    lines = (["exit_this_page: true"] if shown.get("exit_this_page") else []) + \
        ([f"warning: {json.dumps(shown['warning'])}"] if shown.get("warning") else [])  # quoted: valid YAML whatever it says
    return " and ".join(f"`{line}`" for line in lines)


def _long_date(value) -> str:
    from navigator.dates import long_date
    return long_date(value, weekday=False) if isinstance(value, datetime.date) else str(value)


def check_snapshot(content_dir: Path, report: Report) -> None:
    """Without the snapshot of the last published figures, "What changed" says this is the first
    published version: true once, and wrong if the file was deleted or lost."""
    from ..changes import SNAPSHOT
    if not (content_dir / SNAPSHOT).is_file():
        report.add(f"{content_dir.name}/{SNAPSHOT.as_posix()}", 0, WARNING,
                   "there is no snapshot of the published figures, so the 'What changed' page says this is the "
                   "first published version of these pages.",
                   fix="If these pages were published before, restore the file from git "
                       f"(git checkout -- {content_dir.name}/{SNAPSHOT.as_posix()}). If not, take the snapshot when "
                       "you publish (see the README).")


def check_unread_files(content_dir: Path, content, check_data, report: Report) -> None:
    """A file in content/ that nothing reads is a page or a setting that is silently not published:
    a page saved as .markdown, in a folder of its own, or at the top of content/."""
    from ..changes import SNAPSHOT
    root = content_dir.name
    read = {*content.sources, *(f"{root}/{name}" for name in check_data.sources), f"{root}/{SNAPSHOT.as_posix()}"}
    for path in sorted(content_dir.rglob("*")):
        relative = path.relative_to(content_dir)
        if path.is_dir() or any(part.startswith(".") for part in relative.parts) or path.name.endswith("~"):
            continue  # hidden files and editors' backups
        name = f"{root}/{relative.as_posix()}"
        if name not in read:
            report.add(name, 0, WARNING, "the build does not read this file, so nothing in it is published.",
                       fix="A guidance page goes straight in content/pages/ and its name ends in .md. If the file "
                           "is not needed, delete it.")


def main(args) -> int:
    """``python -m generator check``: print the report, write the HTML, exit 1 on errors."""
    import sys
    report = run_check(args.content, args.today, browser=not args.no_browser)
    path = write_html(report, args.report, args.strict)
    sys.stdout.write(report.text(args.strict, str(path)))
    return 1 if report.failed(args.strict) else 0
