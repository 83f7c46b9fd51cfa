"""Typeset the filing to PDF with WeasyPrint, from the HTML the EDGAR document also comes from.

Only the package's fonts and the template folders are used: resources are named `elevenk:PATH` and
looked up along the template search path, then generator/assets/; every other URL (http:, file:, data:)
is refused. Dates inside the PDF come from the data, so the same YAML gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import os
import threading
from contextlib import contextmanager
from pathlib import Path

import weasyprint
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

from .compute import Filing
from .render_html import html_environment, render_html
from .templating import TemplateProblem, find_confined, search_path

VARIANTS = ("pdf/a-3b", "pdf/ua-1")
SCHEME = "elevenk:"
ASSETS = Path(__file__).resolve().parent / "assets"
MEDIA_TYPES = {".ttf": "font/ttf", ".otf": "font/otf", ".woff": "font/woff", ".woff2": "font/woff2",
               ".css": "text/css", ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg",
               ".gif": "image/gif", ".svg": "image/svg+xml"}


class ConfinedFetcher(URLFetcher):
    """Serve `elevenk:PATH` from the given folders (first match wins); refuse everything else.

    Refused URLs are kept in `refused`, so the build can fail on them instead of dropping them quietly.
    """

    def __init__(self, roots: list[Path]) -> None:
        super().__init__(allowed_protocols=["elevenk"])
        self.roots = roots
        self.refused: list[str] = []

    def fetch(self, url: str, headers=None) -> URLFetcherResponse:
        if url.startswith(SCHEME):
            name = url[len(SCHEME):]
            for root in self.roots:
                path = find_confined(root, name)
                if path is not None:
                    media = MEDIA_TYPES.get(path.suffix.lower(), "application/octet-stream")
                    return URLFetcherResponse(url, body=path.read_bytes(), headers={"Content-Type": media})
        self.refused.append(url)
        raise ValueError(f"refused {url}: only elevenk: files from the template and asset folders are used")


_ENVIRONMENT_LOCK = threading.Lock()


@contextmanager
def _font_timestamps(day: dt.date):
    """fontTools stamps every subset font it writes with the clock, or with SOURCE_DATE_EPOCH when that
    is set (the reproducible-builds convention): set it to the report date while the PDF is written."""
    epoch = int(dt.datetime.combine(day, dt.time(0, 0), tzinfo=dt.timezone.utc).timestamp())
    with _ENVIRONMENT_LOCK:
        saved = os.environ.get("SOURCE_DATE_EPOCH")
        os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
        try:
            yield
        finally:
            if saved is None:
                del os.environ["SOURCE_DATE_EPOCH"]
            else:
                os.environ["SOURCE_DATE_EPOCH"] = saved


def _stylesheet_text(env) -> str:
    return env.loader.get_source(env, "pdf/print.css")[0]


def _attachment(filing: Filing, source: tuple[str, bytes], fetcher: URLFetcher):
    """The source YAML as an embedded file, dated like the report (never the clock)."""
    name, data = source
    when = dt.datetime.combine(filing.plan_year.auditor.report.date, dt.time(0, 0), tzinfo=dt.timezone.utc)
    return weasyprint.Attachment(string=data, name=name, url_fetcher=fetcher, relationship="Source",
                                 description="Source data of this filing (elevenk plan-year YAML)",
                                 created=when, modified=when)


def render_pdf(filing: Filing, template_dirs: list[Path] | None, source: tuple[str, bytes],
               variant: str | None = None, draft: bool = False) -> bytes:
    """The typeset filing as PDF bytes.

    template_dirs come before the built-in templates; source is (file name, bytes) of the plan-year
    YAML, embedded in a PDF/A-3b; variant is None, "pdf/a-3b" or "pdf/ua-1"; draft stamps every page.
    Raises TemplateProblem when a template asks for a resource that is refused.
    """
    if variant not in (None, *VARIANTS):
        raise TemplateProblem(f"unknown PDF variant '{variant}' (choose from {', '.join(VARIANTS)})")
    env = html_environment(template_dirs)
    if variant is None:  # a long schedule: planned pages rendered in parallel (see pdf_chunks)
        from .pdf_chunks import render_chunked
        chunked = render_chunked(filing, template_dirs, _stylesheet_text(env), draft)
        if chunked is not None:
            return chunked
    html = render_html(filing, env, "pdf", draft=draft)
    fetcher = ConfinedFetcher(search_path(template_dirs) + [ASSETS])
    fonts = FontConfiguration()
    css = weasyprint.CSS(string=_stylesheet_text(env), base_url=SCHEME, url_fetcher=fetcher, font_config=fonts)
    options = {"pdf_variant": variant, "font_config": fonts, "stylesheets": [css], "pdf_tags": variant == "pdf/ua-1",
               "pdf_identifier": hashlib.md5(html.encode("utf-8"), usedforsecurity=False).hexdigest().encode()}
    if variant == "pdf/a-3b":
        options["attachments"] = [_attachment(filing, source, fetcher)]
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    document = weasyprint.HTML(string=html, base_url=SCHEME, url_fetcher=fetcher).render(
        font_config=fonts, stylesheets=[css], pdf_tags=options["pdf_tags"])
    if fetcher.refused:
        raise TemplateProblem("a template refers to a resource outside the template and asset folders: "
                              + ", ".join(sorted(set(fetcher.refused))))
    options.pop("font_config")
    with _font_timestamps(filing.plan_year.auditor.report.date):
        return document.write_pdf(**options)
