"""Tiny static server for the built site: `python tools/serve.py site --port 8000`.

Serves DIRECTORY on 127.0.0.1 with explicit MIME types (Pyodide hangs if .wasm is not
served as application/wasm; module scripts need a JavaScript type). Where the build left a
Brotli copy (``x.br``, see generator/precompress.py) and the browser accepts Brotli, sends it
with ``Content-Encoding: br``, as a production server set up for it would. An address with
no file gets the site's 404.html, with status 404, as the host must be set up to send; and
``--published-at /complaints-guidance/`` also serves the site under that path, as published,
because the 404 page links there (see generator/pages.py NOT_FOUND). Stdlib only.
Used by `make serve` and the browser tests (`--port 0` picks a free port; the chosen
address is printed as the first line: "serving DIR at http://127.0.0.1:PORT/").
"""

from __future__ import annotations

import argparse
import email.utils
import functools
import os
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
    protocol_version = "HTTP/1.1"  # keep-alive, as production servers do: one connection for many files
    # TCP_NODELAY, as production servers set it (nginx's tcp_nodelay is on by default). Without it a
    # response's body waits for the browser's delayed ACK of its headers: about 40 ms a file.
    disable_nagle_algorithm = True
    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, **MIME_TYPES}

    @property
    def published_at(self) -> str:
        """The path the site is published at, where it is also served (make_server's argument)."""
        return self.server.published_at

    def translate_path(self, path):
        """Also serve the site under the path it is published at (the 404 page links there)."""
        at = self.published_at
        address = path.split("?", 1)[0].split("#", 1)[0]
        if at != "/" and (address + "/").startswith(at):
            path = "/" + path[len(at):]
        return super().translate_path(path)

    def send_head(self):
        """The Brotli copy of a file, if there is one and the browser takes it; the site's 404 page
        (with status 404) for an address that has no file, as the host is set up to do; else as usual."""
        path = self.translate_path(self.path)
        not_found = os.path.join(self.directory, "404.html")
        if not os.path.exists(path) and os.path.isfile(not_found):
            return self.send_not_found(not_found)
        if os.path.isdir(path):
            if not self.path.split("?", 1)[0].endswith("/"):
                return super().send_head()  # the redirect to the address with a slash
            path = os.path.join(path, "index.html")
        brotli_copy = path + ".br"
        if not (self.accepts("br") and os.path.isfile(path) and os.path.isfile(brotli_copy)):
            return super().send_head()
        f = open(brotli_copy, "rb")
        try:
            stat = os.fstat(f.fileno())
            self.send_response(200)
            self.send_header("Content-Type", self.guess_type(path))
            self.send_header("Content-Encoding", "br")
            self.send_header("Vary", "Accept-Encoding")
            self.send_header("Content-Length", str(stat.st_size))
            self.send_header("Last-Modified", email.utils.formatdate(stat.st_mtime, usegmt=True))
            self.end_headers()
            return f
        except BaseException:
            f.close()
            raise

    def send_not_found(self, page: str):
        f = open(page, "rb")
        self.send_response(404)
        self.send_header("Content-Type", MIME_TYPES[".html"])
        self.send_header("Content-Length", str(os.fstat(f.fileno()).st_size))
        self.end_headers()
        return f

    def accepts(self, coding: str) -> bool:
        """Whether the request's Accept-Encoding allows ``coding`` (q=0 refuses it)."""
        for part in self.headers.get("Accept-Encoding", "").split(","):
            name, _, params = part.strip().partition(";")
            if name.strip().lower() == coding:
                return params.replace(" ", "").lower() not in ("q=0", "q=0.0", "q=0.00", "q=0.000")
        return False

    def end_headers(self):
        self.send_header("Cache-Control", "no-cache")
        self.send_header("X-Content-Type-Options", "nosniff")
        super().end_headers()

    def log_message(self, format, *args):
        if not self.server.quiet:
            super().log_message(format, *args)


class Server(ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        """A browser that leaves a page mid-download closes the connection: not an error."""
        if not isinstance(sys.exc_info()[1], (ConnectionResetError, BrokenPipeError)):
            super().handle_error(request, client_address)


def make_server(directory: Path, port: int = 8000, quiet: bool = False,
                published_at: str = "/") -> ThreadingHTTPServer:
    """A server for ``directory`` at / and also at ``published_at`` (the path of the site's base_url)."""
    handler = functools.partial(Handler, directory=str(directory))
    server = Server(("127.0.0.1", port), handler)
    server.quiet = quiet
    server.published_at = published_at
    return server


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("directory", type=Path, nargs="?", default=Path("site"))
    ap.add_argument("--port", type=int, default=8000, help="0 = any free port")
    ap.add_argument("--quiet", action="store_true", help="no request log")
    ap.add_argument("--published-at", default="/", metavar="PATH",
                    help="also serve the site at this path, as published (the path of base_url in content/site.yaml)")
    args = ap.parse_args(argv)
    if not (args.published_at.startswith("/") and args.published_at.endswith("/")):
        print(f"serve: --published-at {args.published_at}: give a path that starts and ends with /", file=sys.stderr)
        return 1
    if not args.directory.is_dir():
        print(f"serve: {args.directory} is not a directory (build the site first: make site)", file=sys.stderr)
        return 1
    try:
        server = make_server(args.directory, args.port, args.quiet, args.published_at)
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
