"""Typeset the filing to PDF with WeasyPrint, from the HTML the EDGAR document also comes from.

Only the package's fonts and the template folders are used: resources are named `elevenk:PATH` and
looked up along the template search path, then generator/assets/; every other URL (http:, file:, data:)
is refused. Dates inside the PDF come from the data, so the same YAML gives the same bytes.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Callable

from ..model.compute import Filing
from .html import html_environment, render_html
from .templating import TemplateProblem

VARIANTS = ("pdf/a-3b", "pdf/ua-1")
CHUNK_FROM = 250  # rows: a shorter schedule is rendered in one piece (`ELEVENK_PDF_CHUNKS=0`: every schedule)


def _stylesheet_text(env) -> str:
    return env.loader.get_source(env, "pdf/print.css")[0]


def layout(filing: Filing, template_dirs: list[Path] | None = None, draft: bool = False):
    """The filing's pages as WeasyPrint lays them out in one piece (a weasyprint.Document): what render_pdf
    writes for a schedule short enough to typeset whole. Tests measure it."""
    from .pdf_typeset import lay_out

    env = html_environment(template_dirs)
    return lay_out(render_html(filing, env, "pdf", draft=draft), _stylesheet_text(env), template_dirs)[0]


def render_pdf(filing: Filing, template_dirs: list[Path] | None, source: tuple[str, bytes],
               variant: str | None = None, draft: bool = False, press=None) -> bytes:
    """The typeset filing as PDF bytes.

    template_dirs come before the built-in templates; source is (file name, bytes) of the plan-year
    YAML, embedded in a PDF/A-3b; variant is None, "pdf/a-3b" or "pdf/ua-1"; draft stamps every page;
    press (a `pdf_press.Press`) typesets a filing rendered in one piece, in its own process.
    Raises TemplateProblem when a template asks for a resource that is refused.
    """
    return start_pdf(filing, template_dirs, source, variant, draft, press)()


def start_pdf(filing: Filing, template_dirs: list[Path] | None, source: tuple[str, bytes],
              variant: str | None = None, draft: bool = False, press=None) -> Callable[[], bytes]:
    """render_pdf as a job: with a press, the PDF's HTML is sent to it now and the returned function waits
    for the bytes (the caller renders other formats meanwhile); otherwise the function typesets here."""
    if variant not in (None, *VARIANTS):
        raise TemplateProblem(f"unknown PDF variant '{variant}' (choose from {', '.join(VARIANTS)})")
    env = html_environment(template_dirs)
    if variant is None and len(filing.schedule_rows) >= CHUNK_FROM and os.environ.get("ELEVENK_PDF_CHUNKS") != "0":
        # a long schedule: planned pages rendered in parallel (see pdf_chunks)
        from .pdf_chunks import render_chunked
        chunked = render_chunked(filing, template_dirs, _stylesheet_text(env), draft)
        if chunked is not None:
            return lambda: chunked
    args = (render_html(filing, env, "pdf", draft=draft), _stylesheet_text(env), template_dirs, variant,
            filing.plan_year.auditor.report.date, source if variant == "pdf/a-3b" else None)
    if press is not None and press.send(*args):
        return lambda: press.receive() or _typeset(args)  # None: the press ended; typeset here, the same bytes
    return lambda: _typeset(args)


def _typeset(args: tuple) -> bytes:
    from .pdf_typeset import typeset

    return typeset(*args)
