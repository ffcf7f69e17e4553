"""What the check found, and the two ways it is shown: the terminal and an HTML page."""
from __future__ import annotations

import datetime
import html
from collections import defaultdict
from dataclasses import dataclass, field

ERROR, WARNING = "error", "warning"

TOPICS = {
    "content": "Content that cannot be built",
    "consistency": "The policy text and the data",
    "review": "Review dates and notes",
    "site": "The built site (links, HTML, accessibility)",
    "plain": "Plain English",
    "calendar": "Calendar",
}


@dataclass(frozen=True, order=True)
class Finding:
    """One problem at one place. ``line`` is 0 when the problem is about the whole file."""

    file: str
    line: int
    severity: str
    message: str
    fix: str = ""
    topic: str = "content"

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.severity}: {self.message}"


@dataclass
class Report:
    today: datetime.date
    findings: list[Finding] = field(default_factory=list)
    discrepancies: list = field(default_factory=list)        # data.Discrepancy
    notes: list = field(default_factory=list)                # schema.ReviewNote
    changes: list = field(default_factory=list)              # sentences, as on the "What changed" page
    published: object = None                                 # the date of the snapshot they compare with
    readability: list[dict] = field(default_factory=list)    # {page, file, grade, budget, long, words}
    skipped: list[str] = field(default_factory=list)         # checks that could not run, and why
    skipped_as_asked: list[str] = field(default_factory=list)  # checks left out on request (--no-browser)
    stopped: str = ""                                        # why the later checks did not run (errors first)
    built_pages: int = 0

    def add(self, file: str, line: int, severity: str, message: str, fix: str = "", topic: str = "content") -> None:
        self.findings.append(Finding(file, line, severity, message, fix, topic))

    @property
    def errors(self) -> list[Finding]:
        return sorted({f for f in self.findings if f.severity == ERROR})

    @property
    def warnings(self) -> list[Finding]:
        return sorted({f for f in self.findings if f.severity == WARNING})

    def failed(self, strict: bool = False) -> bool:
        """Errors, a check that could not run (not ready: nobody knows what it would have found), or,
        with --strict, warnings. A check left out on request does not fail it; the summary names it."""
        return bool(self.errors or self.skipped or (strict and self.warnings))

    def by_file(self) -> dict[str, list[Finding]]:
        groups: dict[str, list[Finding]] = defaultdict(list)
        for f in sorted(set(self.findings), key=lambda f: (f.file, f.line, f.severity, f.message)):
            groups[f.file].append(f)
        return dict(sorted(groups.items()))

    def summary(self, strict: bool = False) -> str:
        e, w, s = len(self.errors), len(self.warnings), len(self.skipped)
        could_not_run = (f"{s} check{'s' * (s != 1)} could not run: "
                         + "; ".join(reason.rstrip(".") for reason in self.skipped) + ".")
        verdict = ("Not ready to publish: fix the errors above." + (f" Also, {could_not_run}" if s else "") if e else
                   f"Not ready to publish: {could_not_run}" if s else
                   "Not ready to publish (--strict): deal with the warnings above." if strict and w else
                   # Left out on request (--no-browser, while editing): not a failure, but not "ready" either.
                   "No errors in what was checked" + ("; read the warnings above" if w else "") +
                   ". Before you publish, run the check again without --no-browser." if self.skipped_as_asked else
                   "Ready to publish" + (": no errors; read the warnings above." if w else ": nothing to fix."))
        asked = "".join(f" Not checked, as asked: {reason.rstrip('.')}." for reason in self.skipped_as_asked)
        return f"{e} error{'s' * (e != 1)}, {w} warning{'s' * (w != 1)}.{asked} {verdict}"

    # --- terminal ---------------------------------------------------------------

    def text(self, strict: bool = False, html_path: str | None = None) -> str:
        out = [f"Review of content/ on {self.today.isoformat()}", ""]
        for file, findings in self.by_file().items():
            out.append(file)
            last_fix = None
            for f in findings:
                out.append(f"  {f}")
                if f.fix and f.fix != last_fix:
                    out.append(f"      Fix: {f.fix}")
                last_fix = f.fix
            out.append("")
        if self.changes:
            since = f" on {self.published.isoformat()}" if self.published else ""
            out.append(f"Changed since the last publication{since} (the 'What changed' page will say so; check "
                       "each is meant):")
            out.extend(f"  {c}" for c in self.changes)
            out.append("")
        if self.discrepancies:
            out.append("Known discrepancies (explained in content/discrepancies.yaml):")
            for d in self.discrepancies:
                out.append(f"  {d.id} [{d.status}] {d.about}. The site follows: {d.wins}.")
            out.append("")
        if self.notes:
            open_notes = [n for n in self.notes if n.status == "open"]
            out.append(f"Reviewer notes (content/review_notes.yaml): {len(open_notes)} open, "
                       f"{len(self.notes) - len(open_notes)} done.")
            for n in self.notes:
                text = n.text if len(n.text) <= 70 else n.text[:67] + "..."
                out.append(f"  {n.id:<5} {n.status:<5} ({n.section}) {text}")
            out.append("")
        if self.stopped:
            out.append(f"Not checked: {self.stopped}")
        for s in self.skipped:
            out.append(f"Not checked (it could not run): {s}")
        for s in self.skipped_as_asked:
            out.append(f"Not checked, as asked: {s}")
        if html_path:
            out.append(f"The full report is in {html_path}")
        out.append(self.summary(strict))
        return "\n".join(out) + "\n"

    # --- HTML ---------------------------------------------------------------------

    def html(self, strict: bool = False) -> str:
        e = html.escape
        parts = [f"<h1>Review of the complaints guidance content</h1>",
                 f"<p>Checked on {e(self.today.strftime('%-d %B %Y'))}. <strong>{e(self.summary(strict))}</strong></p>"]
        if self.stopped:
            parts.append(f"<p>Not checked: {e(self.stopped)}</p>")
        for s in self.skipped:
            parts.append(f"<p>Not checked (it could not run): {e(s)}</p>")
        for s in self.skipped_as_asked:
            parts.append(f"<p>Not checked, as asked: {e(s)}</p>")
        parts.append("<h2>Problems, by file</h2>")
        groups = self.by_file()
        if not groups:
            parts.append("<p>None.</p>")
        for file, findings in groups.items():
            parts.append(f"<h3>{e(file)}</h3><table><caption>Problems in {e(file)}</caption>"
                         "<thead><tr><th scope=\"col\">Line</th><th scope=\"col\">Kind</th>"
                         "<th scope=\"col\">Problem</th><th scope=\"col\">How to fix it</th></tr></thead><tbody>")
            for f in findings:
                parts.append(f"<tr class=\"{f.severity}\"><td>{f.line}</td><td>{f.severity}</td>"
                             f"<td>{e(f.message)}</td><td>{e(f.fix)}</td></tr>")
            parts.append("</tbody></table>")
        if self.changes:
            since = f" on {e(self.published.isoformat())}" if self.published else ""
            parts.append(f"<h2>Changed since the last publication{since}</h2><p>The &lsquo;What changed&rsquo; page "
                         "will say these. Check each is meant.</p><ul>")
            parts.extend(f"<li>{e(c)}</li>" for c in self.changes)
            parts.append("</ul>")
        parts.append("<h2>Known discrepancies</h2><p>Places where the policy, the data and other published pages "
                     "differ, each explained in <code>content/discrepancies.yaml</code>.</p>")
        for d in self.discrepancies:
            parts.append(f"<h3>{e(d.about)} ({e(d.status)})</h3><ul>")
            parts.extend(f"<li>{e(s.source)}: {e(s.says)}</li>" for s in d.sources)
            parts.append(f"</ul><p><strong>The site follows: {e(d.wins)}.</strong> {e(d.why)}</p>")
        parts.append("<h2>Reviewer notes</h2><p>From <code>content/review_notes.yaml</code>. These are never "
                     "published.</p><table><caption>Reviewer notes and their status</caption><thead><tr>"
                     "<th scope=\"col\">Note</th><th scope=\"col\">Section</th><th scope=\"col\">Status</th>"
                     "<th scope=\"col\">Note</th><th scope=\"col\">How it was dealt with</th></tr></thead><tbody>")
        for n in self.notes:
            parts.append(f"<tr><td>{e(n.id)}</td><td>{e(n.section)}</td><td>{e(n.status)}</td>"
                         f"<td>{e(n.text)}</td><td>{e(n.resolution or '')}</td></tr>")
        parts.append("</tbody></table>")
        parts.append("<h2>Readability of each guidance page</h2><table><caption>Flesch-Kincaid grade of each "
                     "page's text</caption><thead><tr><th scope=\"col\">Page</th><th scope=\"col\">Grade</th>"
                     "<th scope=\"col\">Most allowed</th><th scope=\"col\">Sentences over 25 words</th>"
                     "<th scope=\"col\">Words to avoid</th></tr></thead><tbody>")
        for r in self.readability:
            budget = "" if r["budget"] is None else f"{r['budget']:g}"
            parts.append(f"<tr><td>{e(r['file'])}</td><td>{r['grade']:.1f}</td><td>{budget}</td>"
                         f"<td>{r['long']}</td><td>{e(', '.join(r['words']))}</td></tr>")
        parts.append("</tbody></table>")
        body = "\n".join(parts)
        return ("<!DOCTYPE html>\n<html lang=\"en-GB\"><head><meta charset=\"utf-8\">"
                "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                "<title>Content review report</title><style>"
                "body{font-family:Arial,sans-serif;max-width:60em;margin:1em auto;padding:0 1em;line-height:1.4}"
                "table{border-collapse:collapse;width:100%;margin-bottom:1.5em}th,td{border:1px solid #888;"
                "padding:.3em;text-align:left;vertical-align:top}caption{text-align:left;font-weight:bold}"
                "tr.error td:nth-child(2){color:#a00;font-weight:bold}"
                "</style></head><body><main>\n" + body + "\n</main></body></html>\n")
