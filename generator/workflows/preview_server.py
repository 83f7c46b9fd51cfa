"""The live preview's web server, and the watcher that rebuilds the preview when its files change."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from http.server import ThreadingHTTPServer

    from .preview import Preview

POLL_SECONDS = 0.5


def make_server(preview: Preview, host: str, port: int) -> ThreadingHTTPServer:
    """A web server for the preview: / the filing, /filing.txt, /filing.pdf, /__version the build number
    (/__version?after=N: as soon as it is not N, or after a while)."""
    from http.server import (  # here: every other command starts faster
        BaseHTTPRequestHandler,
        ThreadingHTTPServer,
    )

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (the name http.server calls)
            path, _, query = self.path.partition("?")
            build = preview.current
            if path == "/":
                self._send(200, "text/html", preview.page())  # each page names its charset
            elif path == "/__version":
                after = query.removeprefix("after=")
                version = preview.newer(int(after)) if after.isdigit() else build.version
                self._send(200, "text/plain", str(version).encode())
            elif path == "/filing.txt" and build.ok:
                self._send(200, "text/plain; charset=us-ascii", preview.text())
            elif path == "/filing.pdf" and build.ok:
                self._send(200, "application/pdf", preview.pdf())
            elif path in ("/filing.txt", "/filing.pdf"):
                self._send(409, "text/plain", b"the plan year does not build: see / for its findings\n")
            else:
                self._send(404, "text/plain", b"not found\n")

        def _send(self, status: int, kind: str, body: bytes) -> None:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args) -> None:  # noqa: A002 (http.server's name)
            pass  # one line per request would bury the rebuild messages

    return ThreadingHTTPServer((host, port), Handler)


def watch(preview: Preview, stop: threading.Event, announce=lambda build: None) -> None:
    """Rebuild whenever the plan year or its templates change, until stop is set."""
    while not stop.wait(POLL_SECONDS):
        if preview.stale():
            announce(preview.rebuild())
