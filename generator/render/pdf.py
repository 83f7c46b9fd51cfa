"""Typeset the filing to PDF with WeasyPrint, from the HTML the EDGAR document also comes from.

Only the package's fonts and the template folders are used: resources are named `elevenk:PATH` and
looked up along the template search path, then generator/assets/; every other URL (http:, file:, data:)
is refused. Dates inside the PDF come from the data, so the same YAML gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from dataclasses import dataclass
from pathlib import Path

import weasyprint
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher

from ..model.compute import Filing
from .html import html_environment, render_html
from .pdf_resources import SCHEME, ConfinedFetcher, reproducible_fonts
from .templating import ASSETS, TemplateProblem, search_path

VARIANTS = ("pdf/a-3b", "pdf/ua-1")


def _stylesheet_text(env) -> str:
    return env.loader.get_source(env, "pdf/print.css")[0]


def _attachment(filing: Filing, source: tuple[str, bytes], fetcher: URLFetcher):
    """The source YAML as an embedded file, dated like the report (never the clock)."""
    name, data = source
    when = dt.datetime.combine(filing.plan_year.auditor.report.date, dt.time(0, 0), tzinfo=dt.timezone.utc)
    return weasyprint.Attachment(string=data, name=name, url_fetcher=fetcher, relationship="Source",
                                 description="Source data of this filing (elevenk plan-year YAML)",
                                 created=when, modified=when)


@dataclass(frozen=True)
class Layout:
    """The filing laid out in pages, with the HTML it came from and the fetcher that served its resources."""

    document: weasyprint.Document
    html: str
    fetcher: ConfinedFetcher


def layout(filing: Filing, template_dirs: list[Path] | None = None, draft: bool = False,
           tagged: bool = False) -> Layout:
    """The filing laid out in pages by WeasyPrint, in one piece: what render_pdf writes (tests measure it).

    Raises TemplateProblem when a template asks for a resource that is refused.
    """
    env = html_environment(template_dirs)
    html = render_html(filing, env, "pdf", draft=draft)
    fetcher = ConfinedFetcher(search_path(template_dirs) + [ASSETS])
    fonts = FontConfiguration()
    css = weasyprint.CSS(string=_stylesheet_text(env), base_url=SCHEME, url_fetcher=fetcher, font_config=fonts)
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    document = weasyprint.HTML(string=html, base_url=SCHEME, url_fetcher=fetcher).render(
        font_config=fonts, stylesheets=[css], pdf_tags=tagged)
    if fetcher.refused:
        raise TemplateProblem("a template refers to a resource outside the template and asset folders: "
                              + ", ".join(sorted(set(fetcher.refused))))
    return Layout(document, html, fetcher)


def render_pdf(filing: Filing, template_dirs: list[Path] | None, source: tuple[str, bytes],
               variant: str | None = None, draft: bool = False) -> bytes:
    """The typeset filing as PDF bytes.

    template_dirs come before the built-in templates; source is (file name, bytes) of the plan-year
    YAML, embedded in a PDF/A-3b; variant is None, "pdf/a-3b" or "pdf/ua-1"; draft stamps every page.
    Raises TemplateProblem when a template asks for a resource that is refused.
    """
    if variant not in (None, *VARIANTS):
        raise TemplateProblem(f"unknown PDF variant '{variant}' (choose from {', '.join(VARIANTS)})")
    if variant is None:  # a long schedule: planned pages rendered in parallel (see pdf_chunks)
        from .pdf_chunks import render_chunked
        chunked = render_chunked(filing, template_dirs, _stylesheet_text(html_environment(template_dirs)), draft)
        if chunked is not None:
            return chunked
    laid = layout(filing, template_dirs, draft, tagged=variant == "pdf/ua-1")
    options = {"pdf_variant": variant, "pdf_tags": variant == "pdf/ua-1",
               "pdf_identifier": hashlib.md5(laid.html.encode("utf-8"), usedforsecurity=False).hexdigest().encode()}
    if variant == "pdf/a-3b":
        options["attachments"] = [_attachment(filing, source, laid.fetcher)]
    with reproducible_fonts(filing.plan_year.auditor.report.date):
        return laid.document.write_pdf(**options)
