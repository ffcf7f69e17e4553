"""``python -m generator build|serve|check``: what ``make site``, ``make serve`` and ``make check`` call.

Content problems are printed one per line as ``file:line: message`` and the
command exits 1, with no traceback; ``site/`` is left as it was.
"""
from __future__ import annotations

import argparse
import datetime
import sys
from pathlib import Path

from .exceptions import BuildError, ContentErrors


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    build_cmd = sub.add_parser("build", help="build content/ into site/")
    build_cmd.add_argument("--content", type=Path, default=Path("content"))
    build_cmd.add_argument("--site", type=Path, default=Path("site"))
    build_cmd.add_argument("--today", type=datetime.date.fromisoformat, default=None,
                           help="build as if today were this date (YYYY-MM-DD)")
    build_cmd.add_argument("--no-runtime", action="store_true",
                           help="skip copying the in-browser Python runtime (pages only)")
    check_cmd = sub.add_parser("check", help="the policy team's review report (make check)")
    check_cmd.add_argument("--content", type=Path, default=Path("content"))
    check_cmd.add_argument("--today", type=datetime.date.fromisoformat, default=None,
                           help="check as if today were this date (YYYY-MM-DD)")
    check_cmd.add_argument("--strict", action="store_true", help="fail on warnings too")
    check_cmd.add_argument("--report", type=Path, default=Path("build/review"),
                           help="where to write the HTML report (default build/review/)")
    check_cmd.add_argument("--no-browser", action="store_true", help="skip the checks that need Java or Chromium: HTML validity, accessibility (axe-core) and reflow")
    snap_cmd = sub.add_parser("snapshot", help="record the published figures for the 'What changed' page")
    snap_cmd.add_argument("--content", type=Path, default=Path("content"))
    snap_cmd.add_argument("--today", type=datetime.date.fromisoformat, default=None,
                          help="the publication date to record (default today)")
    serve_cmd = sub.add_parser("serve", help="live preview: rebuild on every save and reload the browser")
    serve_cmd.add_argument("--content", type=Path, default=Path("content"))
    serve_cmd.add_argument("--site", type=Path, default=Path("build/preview"))
    serve_cmd.add_argument("--port", type=int, default=8000, help="0 = any free port")
    serve_cmd.add_argument("--no-runtime", action="store_true", help="skip the in-browser Python runtime")
    args = parser.parse_args(argv)

    if args.command == "check":
        from .check import main as check_main
        return check_main(args)
    if args.command == "snapshot":
        from .changes import main as snapshot_main
        return snapshot_main(args)
    if args.command == "serve":
        from .preview import main as preview_main
        return preview_main(args)

    if args.command == "build":
        from .build import build
        try:
            result = build(args.content, args.site, args.today, runtime=not args.no_runtime)
        except ContentErrors as errors:
            for error in errors.errors:
                print(error, file=sys.stderr)
            count = len(errors.errors)
            print(f"The site was not built: {count} problem{'s' if count != 1 else ''} in content/. "
                  f"{args.site}/ is unchanged.", file=sys.stderr)
            return 1
        except BuildError as error:
            print(f"The site was not built: {error} {args.site}/ is unchanged.", file=sys.stderr)
            return 1
        print(f"Built {result.pages} pages into {result.site_dir}/ in {result.seconds:.2f} s.")
        return 0
    return 2


def run(argv: list[str] | None = None) -> int:
    """``main``, but a package missing from this Python is one line saying what to do, not a traceback
    (the usual cause: the system's python3 instead of the project's .venv/bin/python)."""
    try:
        return main(argv)
    except ModuleNotFoundError as error:
        if error.name and error.name.split(".")[0] in ("generator", "navigator"):
            raise  # our own code: a real bug, keep the traceback
        print(f"python -m generator: the {error.name} package is not installed for this Python ({sys.executable}). "
              "Run make deps, then use .venv/bin/python (or: pip install -r requirements.txt -r requirements-dev.txt).",
              file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(run())
