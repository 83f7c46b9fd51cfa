"""Live preview: the filing as it stands, rebuilt in memory whenever its YAML or templates change.

`elevenk serve` puts this behind a local web server, as `mkdocs serve` does for a site: the page is
the EDGAR HTML (self-contained, inline styles), and a short script the served copy alone carries
reloads it when a newer build exists. A plan year that does not check out shows its findings, with
file:line:col and the source line, in place of the filing; nothing is written to disk.
"""

from __future__ import annotations

import html
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import jinja2

from ..findings import internal_error, tally
from ..pipeline import Outcome, check, printed, render
from ..render.templating import TemplateProblem

# Asks for the build number once a second and reloads when it changes; the only script in any page.
RELOAD = b"""<script>
(function () {
  var shown = %d;
  setInterval(function () {
    fetch("/__version").then(function (r) { return r.text(); }).then(function (v) {
      if (Number(v) !== shown) { location.reload(); }
    }).catch(function () {});
  }, 1000);
})();
</script>
"""


@dataclass
class Build:
    """One rebuild's result: the page to show and, when the filing built, its outcome, its text and (once
    asked for) its PDF."""

    version: int
    page: bytes
    ok: bool
    outcome: Outcome | None = None
    template_dirs: list[Path] = field(default_factory=list)
    text: bytes | None = None
    pdf: bytes | None = None  # rendered on first request, then kept for this version


class Preview:
    """The latest build of one plan-year file, and what to watch to know when it is stale."""

    def __init__(self, source: Path, template_dirs: Callable[[Outcome], list[Path]]) -> None:
        self.source = source
        self._template_dirs = template_dirs
        self._lock = threading.Lock()
        self._paths: list[Path] = [source]
        self._watched: tuple = ()
        self.current = Build(0, b"", False)

    # ------------------------------------------------------------ building

    def rebuild(self) -> Build:
        """Check and render the plan year again; never raises (a failure is what the page shows)."""
        dirs: list[Path] = []
        try:
            outcome = check(self.source, str(self.source))
            if outcome.exit_code() != 0 or outcome.filing is None:
                page, ok = _findings_page(self.source, outcome), False
            else:
                dirs = self._template_dirs(outcome)
                outputs = render(outcome, ["html", "text"], dirs)
                page = _with_banner(outputs["html"], outcome)
                ok = True
        except (TemplateProblem, jinja2.TemplateError) as exc:
            page, ok, outcome = _message_page(self.source, f"not built: {exc}"), False, None
        except Exception as exc:  # the server stays up; the page says what went wrong
            page, ok, outcome = _message_page(self.source, internal_error(exc)), False, None
        with self._lock:
            build = Build(self.current.version + 1, page, ok, outcome if ok else None, dirs,
                          outputs["text"] if ok else None)
            self.current = build
            self._paths = [self.source, *dirs]
            self._watched = _snapshot(self._paths)
        return build

    def stale(self) -> bool:
        """Whether the YAML or a template file changed since the last build."""
        with self._lock:
            paths, watched = self._paths, self._watched
        return _snapshot(paths) != watched

    def pdf(self) -> bytes | None:
        """The current build's PDF, rendered the first time it is asked for."""
        build = self.current
        if not build.ok:
            return None
        with self._lock:
            if build.pdf is None:
                build.pdf = render(build.outcome, ["pdf"], build.template_dirs)["pdf"]
            return build.pdf

    def page(self) -> bytes:
        """The page to serve: the latest build with the reload script."""
        build = self.current
        script = RELOAD % build.version
        at = build.page.rfind(b"</body>")
        return build.page[:at] + script + build.page[at:] if at >= 0 else build.page + script


def _snapshot(paths: list[Path]) -> tuple:
    """(path, modification time, size) of each path and of every file under those that are folders."""
    entries = []
    for path in paths:
        entries.append((str(path), *_stat(path)))
        if path.is_dir():
            entries += [(str(p), *_stat(p)) for p in sorted(path.rglob("*")) if p.is_file()]
    return tuple(entries)


def _stat(path: Path) -> tuple:
    try:
        st = path.stat()
    except OSError:
        return (None, None)
    return (st.st_mtime_ns, st.st_size)


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
