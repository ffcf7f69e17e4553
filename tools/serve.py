"""Tiny static server for the built site: `python tools/serve.py site --port 8000`.

Serves DIRECTORY on 127.0.0.1 with explicit MIME types (Pyodide hangs if .wasm is not
served as application/wasm; module scripts need a JavaScript type). Stdlib only.
Used by `make serve` and the browser tests (`--port 0` picks a free port; the chosen
address is printed as the first line: "serving DIR at http://127.0.0.1:PORT/").
"""

from __future__ import annotations

import argparse
import functools
import sys
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

MIME_TYPES = {
    ".wasm": "application/wasm",
    ".mjs": "text/javascript",
    ".js": "text/javascript",
    ".json": "application/json",
    ".ics": "text/calendar",
    ".html": "text/html; charset=utf-8",
    ".css": "text/css",
    ".svg": "image/svg+xml",
    ".txt": "text/plain; charset=utf-8",
    ".xml": "application/xml",
    ".zip": "application/zip",
    ".whl": "application/zip",
    ".map": "application/json",
    ".woff2": "font/woff2",
}


class Handler(SimpleHTTPRequestHandler):
    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, **MIME_TYPES}

    def end_headers(self):
        self.send_header("Cache-Control", "no-cache")
        self.send_header("X-Content-Type-Options", "nosniff")
        super().end_headers()

    def log_message(self, format, *args):
        if not self.server.quiet:
            super().log_message(format, *args)


def make_server(directory: Path, port: int = 8000, quiet: bool = False) -> ThreadingHTTPServer:
    handler = functools.partial(Handler, directory=str(directory))
    server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    server.quiet = quiet
    return server


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("directory", type=Path, nargs="?", default=Path("site"))
    ap.add_argument("--port", type=int, default=8000, help="0 = any free port")
    ap.add_argument("--quiet", action="store_true", help="no request log")
    args = ap.parse_args(argv)
    if not args.directory.is_dir():
        print(f"serve: {args.directory} is not a directory (build the site first: make site)", file=sys.stderr)
        return 1
    try:
        server = make_server(args.directory, args.port, args.quiet)
    except OSError as e:
        print(f"serve: cannot listen on 127.0.0.1:{args.port}: {e.strerror} (try --port 0)", file=sys.stderr)
        return 1
    host, port = server.server_address[:2]
    print(f"serving {args.directory} at http://{host}:{port}/", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
