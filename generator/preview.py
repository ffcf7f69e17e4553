"""Live preview for the policy team: ``make serve`` (``python -m generator serve``).

Builds ``content/`` into ``build/preview/`` (never ``site/``), serves it on
127.0.0.1 with the right MIME types (tools/serve.py), and rebuilds on every
save under ``content/`` (watchdog; polling if file events are not available).

The open page reloads itself after each good build. The pages' CSP allows no
inline script, so the preview server adds ``<script src="/__preview/reload.js"
defer>`` to every HTML page it serves; that script (served only here, never
part of a build) polls ``/__preview/status``. A broken save is printed in the
terminal and shown over the page by the same script, and the last good pages
keep being served until the content builds again. As the host will, it sends
the site's 404 page for any address with no page, and also serves the site
under base_url's path, where that page links (generator/pages.py NOT_FOUND).
"""
from __future__ import annotations

import datetime
import json
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

from .exceptions import BuildError, ContentErrors
from .pages import NOT_FOUND

REPO = Path(__file__).resolve().parent.parent
PREFIX = "/__preview/"
SCRIPT_TAG = b'<script src="/__preview/reload.js" defer></script>'

RELOAD_JS = r"""// Live preview only: served by generator/preview.py, never part of the published site.
(function () {
  "use strict";
  var version = null, box = null;
  function show(error) {
    if (!error) { if (box) { box.remove(); box = null; } return; }
    if (!box) {
      box = document.createElement("div");
      box.setAttribute("role", "alert");
      box.id = "preview-error";
      var s = box.style;  // CSSOM: allowed by the pages' style-src 'self'
      s.position = "fixed"; s.left = "0"; s.right = "0"; s.top = "0"; s.zIndex = "10000";
      s.maxHeight = "60vh"; s.overflow = "auto"; s.padding = "1em"; s.background = "#fff";
      s.color = "#0b0c0c"; s.borderBottom = "6px solid #d4351c"; s.fontFamily = "monospace";
      s.whiteSpace = "pre-wrap";
      document.body.appendChild(box);
    }
    box.textContent = "The preview was not rebuilt. These pages are the last good build.\n\n" + error;
  }
  function poll() {
    fetch("/__preview/status", {cache: "no-store"}).then(function (r) { return r.json(); }).then(function (st) {
      if (version === null) version = st.version;
      else if (st.version !== version) { location.reload(); return; }
      show(st.error);
    }).catch(function () {}).then(function () { setTimeout(poll, 700); });
  }
  poll();
})();
"""


class Preview:
    """Builds on demand and remembers the last result."""

    def __init__(self, content: Path, site: Path, runtime: bool = True, today: datetime.date | None = None,
                 out=sys.stdout):
        self.content, self.site, self.runtime, self.today, self.out = Path(content), Path(site), runtime, today, out
        self.version = 0
        self.error: str | None = None
        self.published_at = "/"  # also served there, as the 404 page links there (from the last good build)
        self.lock = threading.Lock()
        self.changed = threading.Event()

    def rebuild(self) -> bool:
        from .build import build
        with self.lock:
            try:
                result = build(self.content, self.site, self.today, runtime=self.runtime)
            except ContentErrors as errors:
                self.error = "\n".join(str(e) for e in errors.errors)
            except BuildError as error:
                self.error = str(error)
            except Exception as error:  # a preview must survive anything a save can do
                self.error = f"{type(error).__name__}: {error}"
            else:
                self.error = None
                self.version += 1
                self.published_at = result.published_at
                print(f"{time.strftime('%H:%M:%S')} rebuilt {result.pages} pages in {result.seconds:.2f} s.",
                      file=self.out, flush=True)
                return True
        print(f"{time.strftime('%H:%M:%S')} The preview was not rebuilt; the last good pages are still served:\n"
              f"{self.error}", file=self.out, flush=True)
        return False

    def status(self) -> dict:
        return {"version": self.version, "error": self.error}

    # --- watching -----------------------------------------------------------------

    def watch(self):
        """Start watching content/; returns the observer (stop() it when done)."""
        from watchdog.events import FileSystemEventHandler
        try:
            from watchdog.observers import Observer
        except Exception:  # pragma: no cover
            from watchdog.observers.polling import PollingObserver as Observer
        preview = self

        class OnChange(FileSystemEventHandler):
            def on_any_event(self, event):
                if event.event_type in ("opened", "closed_no_write"):
                    return
                name = Path(str(event.src_path)).name
                if not (name.startswith(".") or name.endswith("~") or name.endswith(".swp")):
                    preview.changed.set()

        observer = Observer()
        observer.schedule(OnChange(), str(self.content), recursive=True)
        observer.start()
        threading.Thread(target=self._builder, daemon=True).start()
        return observer

    def _builder(self):
        while True:
            self.changed.wait()
            time.sleep(0.2)  # editors write a file in several steps: build once they are done
            self.changed.clear()
            self.rebuild()


PREVIEW_SERVICE_WORKER = """// Live preview: no offline cache, so every reload shows the latest build.
self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil((async () => {
  for (const name of await caches.keys()) if (name.startsWith("complaints-guidance-")) await caches.delete(name);
  await self.registration.unregister();
})()));
"""


def make_preview_server(preview: Preview, port: int = 8000):
    sys.path.insert(0, str(REPO / "tools"))
    from serve import Handler, make_server

    class PreviewHandler(Handler):
        @property
        def published_at(self) -> str:
            return preview.published_at  # the last good build's, which a save to site.yaml may change

        def do_GET(self):
            path = urlsplit(self.path).path
            if path == PREFIX + "reload.js":
                return self._send(RELOAD_JS.encode(), "text/javascript")
            if path == PREFIX + "status":
                return self._send(json.dumps(preview.status()).encode(), "application/json")
            if path in ("/sw.js", self.published_at + "sw.js"):  # the offline worker would serve the last
                # build (at / or at the published path): replace it with one that leaves
                return self._send(PREVIEW_SERVICE_WORKER.encode(), "text/javascript")
            file = Path(self.translate_path(path))
            if not file.exists() and (Path(preview.site) / NOT_FOUND).is_file():
                file = Path(preview.site) / NOT_FOUND  # as the host sends for an address with no page
            if file.is_dir():
                if not path.endswith("/"):
                    return super().do_GET()  # the usual redirect to the address with a slash
                file = file / "index.html"
            if file.suffix == ".html" and file.is_file():
                html = file.read_bytes()
                html = html.replace(b"</head>", SCRIPT_TAG + b"\n</head>", 1)
                return self._send(html, "text/html; charset=utf-8", 404 if file.name == NOT_FOUND else 200)
            if not file.exists() and not Path(preview.site).is_dir():
                page = (b"<!DOCTYPE html><html lang=\"en-GB\"><head><meta charset=\"utf-8\"><title>Preview</title>"
                        + SCRIPT_TAG + b"</head><body><main><h1>The preview is not built yet</h1></main></body></html>")
                return self._send(page, "text/html; charset=utf-8", 503)
            return super().do_GET()

        def _send(self, body: bytes, mime: str, code: int = 200):
            self.send_response(code)
            self.send_header("Content-Type", mime)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = make_server(preview.site, port, quiet=True)
    server.RequestHandlerClass = lambda *a, **kw: PreviewHandler(*a, directory=str(preview.site), **kw)
    return server


def main(args) -> int:
    preview = Preview(args.content, args.site, runtime=not args.no_runtime)
    preview.rebuild()
    try:
        server = make_preview_server(preview, args.port)
    except OSError as e:
        print(f"serve: cannot listen on 127.0.0.1:{args.port}: {e.strerror} (try --port 0)", file=sys.stderr)
        return 1
    observer = preview.watch()
    host, port = server.server_address[:2]
    print(f"Live preview of {args.content}/ at http://{host}:{port}/ (rebuilds on every save; Ctrl+C to stop)",
          flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        observer.stop()
        server.server_close()
    return 0
