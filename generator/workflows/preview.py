"""Live preview: the filing as it stands, rebuilt in memory whenever its YAML or templates change.

`elevenk serve` puts this behind a local web server, as `mkdocs serve` does for a site: the page is
the EDGAR HTML (self-contained, inline styles), and a short script the served copy alone carries
reloads it when a newer build exists. A plan year that does not check out shows its findings, with
file:line:col and the source line, in place of the filing; nothing is written to disk.
"""

from __future__ import annotations

import html
import pickle
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import jinja2

from ..findings import internal_error, tally
from ..pipeline import Outcome, checked, computed, printed, render
from ..render.templating import TemplateProblem
from .aside import Aside, can_fork, spare_core

# Asks for a build newer than the one shown (the server answers as soon as there is one, or after
# WAIT_SECONDS with the same number) and reloads when there is; the only script in any page.
RELOAD = b"""<script>
(function () {
  var shown = %d;
  function ask() {
    fetch("/__version?after=" + shown).then(function (r) { return r.text(); }).then(function (v) {
      if (Number(v) !== shown) { location.reload(); } else { ask(); }
    }).catch(function () { setTimeout(ask, 1000); });
  }
  ask();
})();
</script>
"""
WAIT_SECONDS = 20  # a request for a newer build is answered after this long at the latest


@dataclass
class Build:
    """One rebuild's result: the page to show and, when the filing built, its outcome, its text and (once
    asked for) its PDF."""

    version: int
    page: bytes
    ok: bool
    outcome: Outcome | None = None
    template_dirs: list[Path] = field(default_factory=list)
    seconds: float = 0.0  # how long the rebuild took
    text: bytes | None = None  # rendered on first request, then kept for this version
    pdf: bytes | None = None  # the same


class Preview:
    """The latest build of one plan-year file, and what to watch to know when it is stale."""

    def __init__(self, source: Path, template_dirs: Callable[[Outcome], list[Path]]) -> None:
        self.source = source
        self._template_dirs = template_dirs
        self._lock = threading.Lock()
        self._built = threading.Condition(self._lock)  # notified when a new build is current
        self._rendering = threading.Lock()  # the text or PDF of a build, rendered on request
        self._template_folders: tuple[Path, ...] = ()
        self.current = Build(0, b"", False)

    # ------------------------------------------------------------ building

    def rebuild(self) -> Build:
        """Check and render the plan year again; never raises (a failure is what the page shows).

        A forked child runs the filing's checks while this process renders its HTML (on a second core, the
        checks cost the refresh nothing); the page is shown only when they pass, the findings page otherwise.
        """
        started = time.perf_counter()
        dirs: list[Path] = []
        try:
            outcome = computed(self.source, str(self.source))
            html, failed = b"", None
            if outcome.filing is not None:
                checks = self._checks_aside(outcome)
                try:
                    try:
                        dirs = self._template_dirs(outcome)
                        html = render(outcome, ["html"], dirs)["html"]
                    except Exception as exc:  # noqa: BLE001 (raised below if the checks pass, moot if not)
                        failed = exc
                    outcome = _checked(outcome, checks)
                finally:
                    if checks is not None:
                        checks.close()
            if outcome.exit_code() != 0 or outcome.filing is None:
                dirs, page, ok = [], _findings_page(self.source, outcome), False
            elif failed is not None:
                raise failed
            else:
                page, ok = _with_banner(html, outcome), True
        except (TemplateProblem, jinja2.TemplateError) as exc:
            page, ok, outcome = _message_page(self.source, f"not built: {exc}"), False, None
        except Exception as exc:  # the server stays up; the page says what went wrong
            page, ok, outcome = _message_page(self.source, internal_error(exc)), False, None
        with self._lock:
            build = Build(self.current.version + 1, page, ok, outcome if ok else None, dirs,
                          time.perf_counter() - started)
            self.current = build
            self._template_folders = tuple(Path(d) for d in dirs)
            self._built.notify_all()
        return build

    def _checks_aside(self, outcome: Outcome) -> Aside | None:
        """The filing's checks started in a forked child, their findings to come back pickled; None where that
        cannot be or would not pay (no fork; no core to spare; a text or PDF being rendered on request, whose
        locks the child would inherit held)."""
        if not can_fork() or not spare_core() or not self._rendering.acquire(blocking=False):
            return None
        try:
            return Aside(lambda: pickle.dumps(checked(outcome).findings))
        except OSError:  # no process or pipe to be had: checked here
            return None
        finally:
            self._rendering.release()

    def newer(self, version: int, timeout: float = WAIT_SECONDS) -> int:
        """The current build's number as soon as it differs from version, or after timeout seconds."""
        with self._built:
            self._built.wait_for(lambda: self.current.version != version, timeout)
            return self.current.version

    def watched(self) -> tuple[Path, tuple[Path, ...]]:
        """What a change to means a rebuild: the YAML file, and the template folders of the last build."""
        with self._lock:
            return self.source, self._template_folders

    def pdf(self) -> bytes | None:
        """The current build's PDF, rendered the first time it is asked for."""
        return self._on_demand("pdf")

    def text(self) -> bytes | None:
        """The current build's EDGAR text, rendered the first time it is asked for."""
        return self._on_demand("text")

    def _on_demand(self, fmt: str) -> bytes | None:
        build = self.current
        if not build.ok:
            return None
        with self._rendering:  # one render on request at a time; a rebuild never waits for it
            if getattr(build, fmt) is None:
                setattr(build, fmt, render(build.outcome, [fmt], build.template_dirs)[fmt])
            return getattr(build, fmt)

    def page(self) -> bytes:
        """The page to serve: the latest build with the reload script."""
        build = self.current
        script = RELOAD % build.version
        at = build.page.rfind(b"</body>")
        return build.page[:at] + script + build.page[at:] if at >= 0 else build.page + script


def _checked(outcome: Outcome, checks: Aside | None) -> Outcome:
    """The outcome with its checks' findings: the child's, or from checks run here when it gave none."""
    findings = checks.result() if checks is not None else None
    if findings is None:
        return checked(outcome)
    outcome.findings = pickle.loads(findings)
    return outcome


# ---------------------------------------------------------------- pages

_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title}</title></head>
<body style="font-family: sans-serif; margin: 2em; overflow-wrap: anywhere">
<h1 style="font-size: 1.3em">{title}</h1>
{body}
</body></html>
"""
# Findings keep their lines, and a line longer than the window wraps rather than running off it.
_PRE = '<pre style="white-space: pre-wrap; overflow-wrap: anywhere">'


def _findings_text(outcome: Outcome) -> str:
    """The findings as `elevenk check` prints them, source line and caret included."""
    return "\n\n".join(printed(outcome))


def _findings_page(source: Path, outcome: Outcome) -> bytes:
    shown = _findings_text(outcome)
    title = f"{source}: not built ({tally(outcome.findings)})"
    return _PAGE.format(title=html.escape(title), body=f"{_PRE}{html.escape(shown)}</pre>").encode("utf-8")


def _message_page(source: Path, message: str) -> bytes:
    return _PAGE.format(title=html.escape(f"{source}: not built"),
                        body=f"{_PRE}{html.escape(message)}</pre>").encode("utf-8")


def _with_banner(page: bytes, outcome: Outcome) -> bytes:
    """The filing with its warnings listed above it (the served copy only)."""
    if not outcome.findings:
        return page
    shown = _findings_text(outcome)
    banner = (f'<div style="background: #fff4d6; border: 1px solid #c9a227; padding: 0.5em 1em; '
              f'margin-bottom: 1em">{_PRE}{html.escape(shown)}</pre></div>')
    at = page.find(b">", page.find(b"<body")) + 1
    return page[:at] + banner.encode("ascii", "xmlcharrefreplace") + page[at:]
