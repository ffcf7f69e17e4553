"""Command line for advocates and the policy team.

Every command reads the current ``content/`` (or ``--content DIR``) and
derives the rule data afresh, so it always agrees with the content. Dates
are ``YYYY-MM-DD``. Add ``--json`` for machine-readable output. Bad input
exits with status 2 and a one-line message; content errors print one
``file:line: message`` line each.

    python -m navigator add 2026-04-04 10
    python -m navigator between 2026-12-24 2027-01-04
    python -m navigator holidays 2026
    python -m navigator timeline --procedure children --received 2026-05-01 --stage stage3
"""
from __future__ import annotations

import argparse
import datetime
import json
import sys
from pathlib import Path

from .calendar import DateOutOfRange
from .dates import long_date, parse_iso, plural
from .rules import RulesError, load_rules
from .timeline import first_due, stage_timeline

REPO = Path(__file__).resolve().parent.parent


class Usage(Exception):
    """Bad input: printed as one line, exit status 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message):
        raise Usage(message)


def _date(text: str) -> datetime.date:
    try:
        return parse_iso(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a real date in the form YYYY-MM-DD") from None


def _count(text: str) -> int:
    if not text.isdigit():
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of working days")
    return int(text)


def _year(text: str) -> int:
    if not (text.isdigit() and len(text) == 4):
        raise argparse.ArgumentTypeError(f"{text!r} is not a year, for example 2026")
    return int(text)


def parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--content", default=str(REPO / "content"), metavar="DIR",
                        help="the content folder to read (default: the repository's content/)")
    common.add_argument("--json", action="store_true", help="print JSON instead of text")
    p = _Parser(prog="python -m navigator", description="Working days and complaint timelines from content/.")
    sub = p.add_subparsers(dest="command", required=True, parser_class=_Parser)
    a = sub.add_parser("add", parents=[common], help="the date N working days after DATE (the content's convention)")
    a.add_argument("date", type=_date)
    a.add_argument("days", type=_count)
    b = sub.add_parser("between", parents=[common], help="working days after START up to and including END")
    b.add_argument("start", type=_date)
    b.add_argument("end", type=_date)
    h = sub.add_parser("holidays", parents=[common], help="bank holidays and closure days in YEAR")
    h.add_argument("year", type=_year)
    t = sub.add_parser("timeline", parents=[common], help="the dates for one stage of a procedure")
    t.add_argument("--procedure", required=True, help="corporate, adults or children")
    t.add_argument("--received", required=True, type=_date, help="the date we received the complaint or request")
    t.add_argument("--stage", help="stage id, for example stage2 (default: the first stage)")
    t.add_argument("--responded", type=_date, help="the date of our reply, if we have replied")
    t.add_argument("--complex", action="store_true", help="we said the complaint is complex or needs longer")
    t.add_argument("--panel", type=_date, help="the review panel's date (children's stage 3)")
    t.add_argument("--new-date", type=_date, help="the new date in an update from us, if we said we need longer "
                                                  "(corporate stages, 11.2, 12.2)")
    t.add_argument("--as-at", type=_date, help="work out statuses as at this date (default: today)")
    t.add_argument("--found-out", type=_date, help="when you found out (gives the Ombudsman's 12-month date)")
    return p


def load(content_dir: str):
    """The rule data for ``content_dir``, derived now (imports the build code lazily)."""
    root = Path(content_dir)
    if not root.is_dir():
        raise Usage(f"{content_dir} is not a folder")
    if str(REPO) not in sys.path:
        sys.path.insert(0, str(REPO))
    try:
        from generator.content import load_content
        from generator.ruledata import rule_data
    except ImportError as e:
        raise Usage(f"the command line needs the build's packages ({e.name}): pip install -r requirements.txt") from None
    return load_rules(rule_data(load_content(root, pages=False), datetime.date.today()))


def main(argv=None, out=None) -> int:
    out = out or sys.stdout
    try:
        args = parser().parse_args(argv)
        rules = load(args.content)
        reply, text = _run(args, rules)
    except Usage as e:
        print(f"navigator: {e}", file=sys.stderr)
        return 2
    except (DateOutOfRange, RulesError) as e:
        print(f"navigator: {e}", file=sys.stderr)
        return 2
    except Exception as e:  # noqa: BLE001
        errors = getattr(e, "errors", None)
        if type(e).__name__ == "ContentErrors" and errors:
            for err in errors:
                print(str(err), file=sys.stderr)
            return 2
        if type(e).__name__ in ("BuildError", "ContentErrors"):
            print(f"navigator: {e}", file=sys.stderr)
            return 2
        raise
    print(json.dumps(reply, indent=2) if args.json else text, file=out)
    return 0


def _closed(days) -> list[dict]:
    return [{"date": d.isoformat(), "date_text": long_date(d), "reason": r} for d, r in days]


def _run(args, rules):
    cal = rules.calendar
    if args.command == "add":
        d = cal.due_date(args.date, args.days)
        reply = {"date": d.isoformat(), "date_text": long_date(d), "from": args.date.isoformat(),
                 "working_days": args.days, "receipt": cal.receipt}
        day0 = cal.received_on(args.date)
        if day0 != args.date:  # the "next working day" convention: count from the day it counts as received
            return reply, (f"{long_date(d)} is {plural(args.days)} after {long_date(day0)}, the day something "
                           f"received on {long_date(args.date)} counts as received ({_convention(cal)})")
        return reply, f"{long_date(d)} is {plural(args.days)} after {long_date(args.date)} ({_convention(cal)})"
    if args.command == "between":
        if args.end < args.start:
            raise Usage("END must be the same as or after START")
        n = cal.working_days_between(args.start, args.end)
        closed = cal.closed_days_skipped(args.start, args.end)
        reply = {"start": args.start.isoformat(), "end": args.end.isoformat(), "working_days": n,
                 "closed": _closed(closed)}
        lines = [f"{plural(n)} after {long_date(args.start)} up to and including {long_date(args.end)}"]
        lines += [f"  {long_date(d)}: {r}" for d, r in closed]
        return reply, "\n".join(lines)
    if args.command == "holidays":
        closed = cal.holidays_in_year(args.year)
        reply = {"year": args.year, "closed": _closed(closed)}
        return reply, "\n".join([f"Bank holidays and closure days in {args.year}:"]
                                + [f"  {long_date(d)}: {r}" for d, r in closed])
    return _timeline(args, rules)


def _convention(cal) -> str:
    if cal.receipt == "next_working_day":
        return "something received on a non-working day counts as received on the next working day"
    return "the day received is day 0"


def _timeline(args, rules):
    procedure = rules.procedures.get(args.procedure)
    if procedure is None:
        raise Usage(f"unknown procedure {args.procedure!r}: use one of {', '.join(rules.procedures)}")
    stage = procedure.stage(args.stage) if args.stage else procedure.stages[0]
    if stage is None:
        raise Usage(f"the {procedure.id} procedure has no stage {args.stage!r}: use one of "
                    f"{', '.join(s.id for s in procedure.stages)}")
    # The same checks as the browser's questions (navigator/flow.py), as one-line messages.
    if args.responded and args.responded < args.received:
        raise Usage("--responded must be the same as or after --received")
    if args.panel and args.panel < args.received:
        raise Usage("--panel must be the same as or after --received")
    if args.panel and args.responded and args.responded < args.panel:
        raise Usage("--responded must be the same as or after --panel")
    if args.found_out and args.found_out > args.received:
        raise Usage("--found-out must be the same as or before --received")
    if args.panel and not stage.panel_within:
        raise Usage(f"--panel: {stage.id} of the {procedure.id} procedure has no review panel")
    if args.complex and stage.respond.up_to is None:
        raise Usage(f"--complex: {stage.id} of the {procedure.id} procedure has no longer time to extend to")
    if args.new_date and not stage.new_date_if_late:
        raise Usage(f"--new-date: {stage.id} of the {procedure.id} procedure gives no new date in an update")
    as_at = args.as_at or datetime.date.today()
    rules.calendar.check(as_at)
    if args.new_date:
        rules.calendar.check(args.new_date)
        usual = first_due(rules.calendar, stage, args.received)
        if args.new_date <= usual:
            # 11.2, 12.2: an update is sent because we cannot reply by the usual date
            raise Usage(f"--new-date must be after {usual.isoformat()}, the date our reply was first due")
    found = stage_timeline(rules, procedure, stage, args.received, as_at, responded=args.responded,
                           extended=args.complex, panel=args.panel, new_date=args.new_date,
                           found_out=args.found_out, today=datetime.date.today())
    reply = {"procedure": procedure.id, "procedure_name": procedure.name, "stage": stage.id,
             "received": args.received.isoformat(), "as_at": as_at.isoformat(), "receipt": rules.calendar.receipt,
             "items": found["items"], "overdue": found["overdue"]}
    lines = [f"{procedure.name}: stage {stage.number}, {stage.name}",
             f"As at {long_date(as_at)}; {_convention(rules.calendar)}", ""]
    for item in found["items"]:
        when = item["date_text"] or "-"
        rule = f" ({item['rule']}, {item['section']})" if item["rule"] and item["section"] else ""
        lines.append(f"  {when:<28} {item['label']}{rule}: {item['status_text']}")
        if item.get("note"):
            lines.append(f"  {'':<28}   {item['note']}")
        # Where the policy gives a range, show the other end of it too.
        other = item.get("standard_date") if item.get("extended") else item.get("maximum_date")
        if other and other != item["date"]:
            which = "the usual date, without the extension" if item.get("extended") else "at the latest, if it takes longer"
            lines.append(f"  {long_date(datetime.date.fromisoformat(other)):<28}   ({which})")
    for flag in found["overdue"]:
        lines += ["", flag["text"]]
    return reply, "\n".join(lines)
