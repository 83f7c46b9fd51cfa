"""`elevenk serve`: a live preview of one plan year in the browser, rebuilt as its YAML is edited."""

from __future__ import annotations

import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING

import click

from .cli import _template_dirs, main
from .pipeline import EXIT_INPUT

if TYPE_CHECKING:
    from http.server import ThreadingHTTPServer

    from .preview import Preview

POLL_SECONDS = 0.5


def make_server(preview: Preview, host: str, port: int) -> ThreadingHTTPServer:
    """A web server for the preview: / the filing, /filing.txt, /filing.pdf, /__version the build number."""
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer  # here: every other command starts faster

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (the name http.server calls)
            path = self.path.split("?", 1)[0]
            build = preview.current
            if path == "/":
                self._send(200, "text/html", preview.page())  # each page names its charset
            elif path == "/__version":
                self._send(200, "text/plain", str(build.version).encode())
            elif path == "/filing.txt" and build.text is not None:
                self._send(200, "text/plain; charset=us-ascii", build.text)
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


def _announce(source: Path):
    def announce(build) -> None:
        state = "built" if build.ok else "not built (the page lists why)"
        click.echo(f"{source}: {state}, build {build.version}", err=True)
    return announce


@main.command("serve")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("-p", "--port", default=8000, show_default=True, type=click.IntRange(0, 65535),
              help="Port to listen on (0: any free port).")
@click.option("--templates", "template_dir", type=click.Path(file_okay=False, exists=True),
              help="A directory of template overrides, searched before the built-in templates.")
def serve_cmd(file: str, host: str, port: int, template_dir: str | None) -> None:
    """Preview FILE's filing in a browser, rebuilt and reloaded each time the YAML or a template is saved.

    Findings show in place of the filing until it checks out; /filing.txt and /filing.pdf give the EDGAR
    text and the PDF. Nothing is written to disk. Stop with Ctrl-C.
    """
    from .preview import Preview

    source = Path(file)
    if not source.is_file():
        click.echo(f"{file}: no such file", err=True)
        sys.exit(EXIT_INPUT)
    preview = Preview(source, lambda outcome: _template_dirs(outcome, template_dir))
    announce = _announce(source)
    announce(preview.rebuild())
    try:
        server = make_server(preview, host, port)
    except OSError as exc:
        click.echo(f"elevenk serve: cannot listen on {host}:{port}: {exc.strerror or exc}", err=True)
        sys.exit(EXIT_INPUT)
    stop = threading.Event()
    watcher = threading.Thread(target=watch, args=(preview, stop, announce), daemon=True)
    watcher.start()
    click.echo(f"Serving {source} at http://{host}:{server.server_address[1]}/ (Ctrl-C to stop)", err=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
        server.server_close()
