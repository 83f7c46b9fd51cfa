"""The live preview's web server, and the watcher that rebuilds the preview when its files change.

The server answers only requests addressed to this machine by name or address (the Host header), so a
web page elsewhere cannot read the filing through a name it points at 127.0.0.1 (DNS rebinding). The
watcher is told of changes by the operating system (inotify, through watchfiles), never rescans.
"""

from __future__ import annotations

import gc
import ipaddress
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from ..pipeline import collector_paused

if TYPE_CHECKING:
    from http.server import ThreadingHTTPServer

    from .preview import Build, Preview

LOCAL_NAMES = ("127.0.0.1", "localhost", "[::1]")
QUIET_MS = 5  # a save is a burst of events: rebuild once it has been quiet this long (the watch wakes this often)...
AT_MOST_MS = 300  # ...or this long after its first event, whichever comes first


def make_server(preview: Preview, host: str, port: int) -> ThreadingHTTPServer:
    """A web server for the preview: / the filing, /filing.txt, /filing.pdf, /__version the build number
    (/__version?after=N: as soon as it is not N, or after a while)."""
    from http.server import (  # here: every other command starts faster
        BaseHTTPRequestHandler,
        ThreadingHTTPServer,
    )

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (the name http.server calls)
            if not local_host(self.headers.get("Host", ""), host, self.server.server_address[1]):
                self._send(421, "text/plain", b"this preview answers only requests for 127.0.0.1, localhost "
                                              b"or [::1] with its port\n")
                return
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


def local_host(header: str, bound: str, port: int) -> bool:
    """Whether a request's Host header names this server: 127.0.0.1, localhost or [::1] with its port, or the
    address it was told to listen on when that is an address (a name could be pointed anywhere)."""
    allowed = [f"{name}:{port}" for name in LOCAL_NAMES]
    try:
        address = ipaddress.ip_address(bound)
        allowed.append(f"[{address}]:{port}" if address.version == 6 else f"{address}:{port}")
    except ValueError:
        pass
    if port == 80:
        allowed += [a.rsplit(":", 1)[0] for a in allowed]
    return header.strip().lower() in allowed


def watch(preview: Preview, stop: threading.Event, announce=lambda build: None,
          ready: threading.Event | None = None) -> None:
    """Rebuild whenever the plan year or one of its templates is saved, until stop is set.

    The YAML's folder is watched (editors save by writing a new file and renaming it over the old one) for
    that file alone; template folders with all they hold. A rebuild that changes the template folders
    (the YAML's `templates:`) watches the new ones. ready is set once the first watches are in place: a save
    from then on is seen.
    """
    while not stop.is_set():
        watched = preview.watched()
        source, folders = watched
        changed, done = threading.Event(), threading.Event()
        source = Path(source).resolve()
        watchers: list[threading.Thread] = []
        try:
            watchers.append(_watcher([source.parent], False, lambda path: Path(path) == source, changed, done))
            if folders:
                watchers.append(_watcher([Path(f) for f in folders], True, lambda path: True, changed, done))
            if ready is not None:
                ready.set()
            while not stop.is_set():
                if changed.wait(0.25):
                    changed.clear()
                    announce(rebuild(preview))
                    if preview.watched() != watched:
                        break
                else:
                    tidy()
        finally:
            done.set()
            for thread in watchers:
                thread.join()
            if ready is not None:
                ready.set()  # a watch that cannot be set up does not hold the server back


def rebuild(preview: Preview) -> Build:
    """preview.rebuild() with the garbage collector held off until the page is out.

    A rebuild makes a few hundred thousand objects, some in reference cycles; left running, the collector
    walks them during the rebuild and again at the next request (0.02-0.08 s of a 0.4 s refresh). What is
    alive once it ends is frozen (no collection walks it), and tidy() collects the cycles later, while
    nothing waits.
    """
    with collector_paused():
        build = preview.rebuild()
        gc.freeze()
    global _untidy
    _untidy = True
    return build


_untidy = False  # a rebuild's cycles are frozen with its objects, not yet collected


def tidy() -> None:
    """Collect what earlier rebuilds left in reference cycles (the watch calls this when no save is pending)."""
    global _untidy
    if _untidy:
        _untidy = False
        gc.unfreeze()
        gc.collect()
        gc.freeze()


def _watcher(folders: list[Path], recursive: bool, wanted: Callable[[str], bool], changed: threading.Event,
             done: threading.Event) -> threading.Thread:
    """A thread that sets changed whenever a wanted file under folders changes, until done is set.

    With watchfiles' backend the folders are watched from the moment this returns (the operating system's
    watches are set up here, not in the thread), so a save made right after it is not missed.
    """
    import watchfiles  # here: every other command starts faster

    existing = [str(f) for f in folders if f.is_dir()]
    notify = _notify(existing, recursive) if existing else None

    def run() -> None:
        if notify is not None:
            with notify:
                while True:
                    changes = notify.watch(AT_MOST_MS, QUIET_MS, 500, done)
                    if changes in ("stop", "signal"):
                        return
                    if changes != "timeout" and any(wanted(path) for _, path in changes):
                        changed.set()
        elif existing:  # a watchfiles without the backend's names: its public watch, set up in the thread
            for _ in watchfiles.watch(*existing, watch_filter=lambda change, path: wanted(path), debounce=AT_MOST_MS,
                                      step=QUIET_MS, stop_event=done, recursive=recursive, raise_interrupt=False,
                                      ignore_permission_denied=True, rust_timeout=500):
                changed.set()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread


def _notify(folders: list[str], recursive: bool):
    """watchfiles' backend watching folders from now on, or None where this watchfiles does not have the names
    used (they are documented but not in its public module: a later version may move them)."""
    try:
        import watchfiles.main
        from watchfiles._rust_notify import RustNotify  # the backend watchfiles.watch uses

        # As watchfiles.watch decides: polling where notifications do not work (WSL) or when the environment asks.
        force_polling = watchfiles.main._default_force_polling(None)
    except (ImportError, AttributeError):
        return None
    return RustNotify(folders, False, force_polling, 300, recursive, True)
