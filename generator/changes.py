"""What changed in this review: the published "What changed" page, and the snapshot it compares with.

When the policy team publishes, ``python -m generator snapshot`` records every
timescale and time limit in ``content/snapshot/published.yaml``, with the date.
Every build compares the content with that snapshot and writes
``what-changed/``: one plain sentence per figure that differs ("Children's
social care, stage 2: we now aim to reply within 27 working days (was 25)."),
or, if nothing differs, that nothing has changed since the snapshot's date.
"""
from __future__ import annotations

import datetime
from pathlib import Path

import yaml

from navigator.timeline import COUNTS_FROM_TEXT

from .exceptions import ContentError, ContentErrors
from .yamlfile import FAST_LOADER, parse_yaml

from .content import Content
from .pages import SitePage

SNAPSHOT = Path("snapshot") / "published.yaml"
KINDS = {"acknowledge": "acknowledge", "respond": "respond", "panel_within": "panel",
         "aim": "informal", "escalate_within": "escalate", "time_limit": "time_limit", "step": "step"}


def _timescale(t) -> dict:
    out = {"working_days": t.working_days}
    if t.up_to is not None:
        out["up_to"] = t.up_to
    if t.start != "received":
        out["from"] = t.start
    return out


def figures(content: Content) -> dict[str, dict]:
    """Every timescale and time limit, keyed "children.stage2.respond", with a label and kind."""
    out: dict[str, dict] = {}
    for pid, p in content.procedures.items():
        name = p.short_name[:1].upper() + p.short_name[1:] + ("" if p.statutory else " complaints")
        if p.informal.aim:
            out[f"{pid}.informal.aim"] = {"label": f"{name}, informal resolution", "kind": "informal",
                                          **_timescale(p.informal.aim)}
        out[f"{pid}.escalate_within"] = {"label": name, "kind": "escalate", **_timescale(p.escalate_within)}
        out[f"{pid}.time_limit"] = {"label": name, "kind": "time_limit", "months": p.time_limit.months,
                                    "counts_from": p.time_limit.counts_from}
        for s in p.stages:
            label = f"{name}, stage {s.number}" if len(p.stages) > 1 else name
            for field in ("acknowledge", "panel_within", "respond"):
                t = getattr(s, field)
                if t is not None:
                    out[f"{pid}.{s.id}.{field}"] = {"label": label, "kind": KINDS[field], **_timescale(t)}
    o = content.ombudsman
    out["ombudsman.time_limit"] = {"label": "The Ombudsman", "kind": "time_limit", "months": o.time_limit.months,
                                   "counts_from": o.time_limit.counts_from}
    for step in o.steps:
        out[f"ombudsman.{step.id}"] = {"label": f"The Ombudsman, {step.name[:1].lower() + step.name[1:]}",
                                       "kind": "step", **_timescale(step)}
    return out


# In the navigator's words, as on the timescales page.
COUNTS_FROM = {key: f"when {text}" for key, text in COUNTS_FROM_TEXT.items()}


def _days(f: dict) -> str:
    text = f"{f['working_days']} working day{'s' * (f['working_days'] != 1)}"
    if "up_to" in f:
        text = f"{f['working_days']} to {f['up_to']} working days" if f.get("kind") == "step" else \
            f"{text}, up to {f['up_to']}"
    if f.get("from") == "panel":
        text += " after the panel"
    return text


def _was(new: dict, old: dict) -> str:
    if "months" in old:
        return f"{old['months']}"
    if old.get("up_to") == new.get("up_to") and old.get("from") == new.get("from"):
        return f"{old['working_days']}"
    return _days(old)


def sentence(new: dict | None, old: dict | None) -> str | None:
    """One plain sentence for a figure that differs, or None if it is the same."""
    def core(f):
        return {k: v for k, v in f.items() if k not in ("label", "kind")}
    if new and old and core(new) == core(old):
        return None
    f = new or old
    label = f["label"]
    if new is None:
        return f"{label}: this step no longer applies (it was {_days(old) if 'working_days' in old else ''})."\
            .replace(" ()", "")
    kind = new["kind"]
    if kind == "time_limit":
        text = f"you now have {new['months']} months to complain"
        if old and old["months"] == new["months"]:
            text = f"the {new['months']} months to complain now count from {COUNTS_FROM[new['counts_from']]}"
            return f"{label}: {text} (was from {COUNTS_FROM[old['counts_from']]})."
        return f"{label}: {text}" + (f" (was {old['months']})." if old else " (new).")
    what = {"acknowledge": "we now acknowledge your complaint within {}",
            "respond": "we now aim to reply within {}",
            "panel": "the review panel now meets within {}",
            "informal": "we now aim to sort things out informally within {}",
            "escalate": "you now have {} to ask for the next stage",
            "step": "this now takes {}"}[kind].format(_days(new))
    return f"{label}: {what}" + (f" (was {_was(new, old)})." if old else " (new).")


def load_snapshot(content_root: Path) -> dict | None:
    path = Path(content_root) / SNAPSHOT
    if not path.is_file():
        return None
    text = path.read_text(encoding="utf-8")
    name = f"{Path(content_root).name}/{SNAPSHOT.as_posix()}"  # as messages name content files
    try:
        data = yaml.load(text, Loader=FAST_LOADER)  # libyaml: a tenth of the time
    except yaml.YAMLError:
        # Only now read it slowly, for the line and a message an editor can act on.
        _, errors = parse_yaml(text, name)
        raise ContentErrors(errors or [ContentError(name, 1, "this is not valid YAML.")]) from None
    if not isinstance(data, dict):
        raise ContentErrors([ContentError(name, 1, "this should be the snapshot written by `python -m generator "
                                                   "snapshot`. Restore it from the last published version.")])
    return data


def changes(content: Content, snapshot: dict) -> list[str]:
    old, new = snapshot.get("figures") or {}, figures(content)
    return [s for key in [*new, *(k for k in old if k not in new)]
            if (s := sentence(new.get(key), old.get(key)))]


def what_changed_page(content: Content, build_date: datetime.date) -> SitePage:
    snapshot = load_snapshot(content.root)
    published = snapshot.get("published") if snapshot else None
    return SitePage("what-changed/", "What changed in this review",
                    "The timescales and rules that are different since the last published version.",
                    template="what_changed.html",
                    extra={"changes": changes(content, snapshot) if snapshot else [],
                           "published": published, "updated": build_date})


def for_people_at_risk(content: Content) -> dict[str, dict]:
    """What each page shows for someone who may be at risk at home: the "Exit this page" button and the
    warning at the top, keyed by the page's file ("content/pages/adults-social-care.md"). Only pages
    with either. Nothing in the content says which pages need them, so ``make check`` compares this
    with the last publication: a page that lost one is a warning."""
    out: dict[str, dict] = {}
    for page in sorted(content.pages, key=lambda p: p.file):
        shown = {}
        if page.meta.exit_this_page:
            shown["exit_this_page"] = True
        if page.meta.warning:
            shown["warning"] = page.meta.warning
        if shown:
            out[Path(page.file).name] = shown
    return out


def take_snapshot(content: Content, today: datetime.date) -> Path:
    path = Path(content.root) / SNAPSHOT
    path.parent.mkdir(parents=True, exist_ok=True)
    data = {k: {kk: vv for kk, vv in v.items()} for k, v in figures(content).items()}
    header = ("# The figures as last published: the 'What changed in this review' page compares the content\n"
              "# with this, and `make check` the pages' Exit button and warning (for_people_at_risk).\n"
              "# Made by `python -m generator snapshot` when the site is published; do not edit.\n")
    path.write_text(header + yaml.safe_dump({"published": today, "policy_version": content.policy.version,
                                             "figures": data, "for_people_at_risk": for_people_at_risk(content)},
                                            sort_keys=False, allow_unicode=True),
                    encoding="utf-8")
    return path


def main(args) -> int:
    """``python -m generator snapshot``: record today's figures as the published ones."""
    import sys
    from .content import load_content
    from .exceptions import ContentErrors
    try:
        content = load_content(args.content)
    except ContentErrors as errors:
        for error in errors.errors:
            print(error, file=sys.stderr)
        print("No snapshot taken: fix the content first.", file=sys.stderr)
        return 1
    today = args.today or datetime.date.today()
    path = take_snapshot(content, today)
    print(f"Recorded {len(figures(content))} figures as published on {today.isoformat()} in {path}.")
    return 0
