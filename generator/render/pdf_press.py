"""A process that imports WeasyPrint while the plan is loaded and checked, then typesets the HTML it is sent.

Importing WeasyPrint is about 0.6 s of CPU, 40 % of a standard filing's PDF, and loading, checking and
rendering the text and HTML need none of it. Forked at the start of a one-plan build, the press imports it
on the other core meanwhile; `send` gives it the PDF's HTML (the build renders the text and HTML filings
while it lays the pages out) and `receive` the bytes, laid out by the same function (`pdf_typeset.typeset`)
a render in the build's own process uses, so the bytes are the same.
"""

from __future__ import annotations

import multiprocessing
import os
import sys

from ..child_process import die_with_parent


class PressFailed(RuntimeError):
    """The press ended without a PDF (killed, out of memory): the caller typesets in its own process."""


class Press:
    """The press process and its pipe; close() it when the build is done (it ends on its own when its
    parent does, too)."""

    def __init__(self) -> None:
        context = multiprocessing.get_context("fork")
        self._conn, child = context.Pipe(duplex=True)
        self._process = context.Process(target=_serve, args=(child,), daemon=True, name="elevenk-pdf-press")
        self._process.start()
        child.close()
        self._sent = 0  # requests sent; each answer carries its request's number

    def typeset(self, *args) -> bytes:
        """`pdf_typeset.typeset(*args)` in the press; its exception is raised here. PressFailed when the
        press has ended."""
        if not self.send(*args):
            raise PressFailed(f"the PDF press ended (exit status {self._process.exitcode})")
        pdf = self.receive()
        if pdf is None:
            raise PressFailed(f"the PDF press ended (exit status {self._process.exitcode})")
        return pdf

    def send(self, *args) -> bool:
        """Send `pdf_typeset.typeset`'s arguments; False when the press has ended."""
        self._sent += 1
        try:
            self._conn.send((self._sent, args))
            return True
        except OSError:
            return False

    def receive(self) -> bytes | None:
        """The PDF of the last request sent, or its exception raised here; None when the press ended. The
        answer to an earlier request nobody waited for (its build failed after sending) is passed over.

        The files the press read (fonts, stylesheets) are announced here as `open` audit events, so that
        whoever records this process's reads (the build manifest) sees them as if read here.
        """
        while True:
            try:
                number, ok, value, read = self._conn.recv()
            except (EOFError, OSError):
                return None
            if number == self._sent:
                break
        for path in read:
            sys.audit("open", path, "rb", os.O_RDONLY)
        if not ok:
            raise value
        return value

    def close(self) -> None:
        try:
            self._conn.send(None)
        except OSError:
            pass
        self._conn.close()
        self._process.join(timeout=5)
        if self._process.is_alive():
            self._process.kill()
            self._process.join()


_read: list[str] | None = None  # in the press, while typesetting: the files opened for reading


def _on_audit(event: str, args: tuple) -> None:
    if event == "open" and _read is not None and isinstance(args[0], (str, os.PathLike)) \
            and not (args[1] or "r").strip("rbt"):
        _read.append(os.fspath(args[0]))


def _serve(conn) -> None:
    """In the press: import WeasyPrint at once, then typeset each request until told to stop."""
    global _read
    die_with_parent(os.getppid(), leave_interrupt=False)  # Ctrl-C ends the press too: the build stops at once
    try:
        from .pdf_typeset import typeset

        sys.addaudithook(_on_audit)
        while (request := conn.recv()) is not None:
            number, args = request
            _read = []
            try:
                message = (number, True, typeset(*args), _read)
            except Exception as exc:  # noqa: BLE001 (the build's process re-raises it)
                message = (number, False, exc, _read)
            _read = None
            try:
                conn.send(message)
            except Exception:  # an exception that cannot be pickled: its words
                conn.send((number, False, RuntimeError(f"{type(message[2]).__name__}: {message[2]}"), message[3]))
    except (EOFError, KeyboardInterrupt):
        pass
    finally:
        os._exit(0)  # nothing of the parent's (click, buffered output) is torn down twice
