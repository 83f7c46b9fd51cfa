"""Lay out the PDF's HTML with WeasyPrint and write it: the one place a whole filing is typeset.

Light on purpose (WeasyPrint and the resource fetcher, not the model or the templates), so that a press
process (`pdf_press`) can import it while the plan is still being loaded and checked.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import hashlib
import logging
import threading
from pathlib import Path
from typing import Callable, NamedTuple, TypeVar

from .weasyprint_loader import weasyprint  # first: before any other WeasyPrint module
from weasyprint.text.fonts import FontConfiguration

from . import pdf_html
from .pdf_resources import SCHEME, ConfinedFetcher, reproducible_fonts
from .template_paths import ASSETS, TemplateProblem, search_path

T = TypeVar("T")


def typeset(html: str, css: str, template_dirs: list[Path] | None, variant: str | None, day: dt.date,
            attachment: tuple[str, bytes] | None = None) -> bytes:
    """The PDF of html laid out with the stylesheet css.

    variant is None, "pdf/a-3b" or "pdf/ua-1"; day dates the font subsets and the attachment (never the
    clock); attachment is the source YAML (file name, bytes), embedded in a PDF/A-3b. Raises
    TemplateProblem when the HTML or stylesheet asks for a resource that is refused.
    """
    return on_fresh_stack(_typeset, html, css, template_dirs, variant, day, attachment)


def on_fresh_stack(function: Callable[..., T], *args) -> T:
    """function(*args) run in a thread of its own, in the caller's context (its context variables), its
    exception raised here.

    CPython 3.11 keeps its frames in 16 KB chunks of memory, mapped when a call needs the next one and
    unmapped when it returns: WeasyPrint's layout recursing back and forth across a chunk's end maps and
    unmaps one thousands of times (30,000-45,000 times for a standard filing typeset in the press, about
    0.2 s of system time; 2,000-6,000 in a bare render). A new thread's frames start at the bottom of a
    chunk, as a script's do; where its crossings fall is the document's own, not the caller's depth.
    """
    outcome: list = []
    context = contextvars.copy_context()  # the caller's context variables (a manifest's recording of reads)

    def run() -> None:
        try:
            outcome.append((True, context.run(function, *args)))
        except BaseException as exc:  # noqa: BLE001 (raised again in the caller's thread)
            outcome.append((False, exc))

    thread = threading.Thread(target=run, name="elevenk-typeset")
    thread.start()
    thread.join()
    ok, value = outcome[0]
    if not ok:
        raise value
    return value


def _typeset(html: str, css: str, template_dirs: list[Path] | None, variant: str | None, day: dt.date,
             attachment: tuple[str, bytes] | None) -> bytes:
    document, fetcher = lay_out(html, css, template_dirs, tagged=variant == "pdf/ua-1")
    options = {"pdf_variant": variant, "pdf_tags": variant == "pdf/ua-1",
               "pdf_identifier": hashlib.md5(html.encode("utf-8"), usedforsecurity=False).hexdigest().encode()}
    if variant == "pdf/a-3b" and attachment is not None:
        options["attachments"] = [_attachment(attachment, day, fetcher)]
    with reproducible_fonts(day):
        return document.write_pdf(**options)


class Typesetter(NamedTuple):
    """What lays documents out: the resource fetcher, the fonts and the parsed print stylesheet."""

    fetcher: ConfinedFetcher
    fonts: FontConfiguration
    sheet: weasyprint.CSS


def typesetter(css: str, template_dirs: list[Path] | None) -> Typesetter:
    """A typesetter for the stylesheet css, its resources looked up along the template folders, then the assets."""
    fetcher = ConfinedFetcher(search_path(template_dirs) + [ASSETS])
    fonts = FontConfiguration()
    return Typesetter(fetcher, fonts, weasyprint.CSS(string=css, base_url=SCHEME, url_fetcher=fetcher, font_config=fonts))


def lay_out_with(setter: Typesetter, html: str, extra_css: str = "", tagged: bool = False) -> weasyprint.Document:
    """html laid out in pages with the setter's stylesheet, then extra_css (which wins ties, coming later).
    Raises TemplateProblem for a refused resource."""
    sheets = [setter.sheet]
    if extra_css:
        sheets.append(weasyprint.CSS(string=extra_css, base_url=SCHEME, url_fetcher=setter.fetcher,
                                     font_config=setter.fonts))
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    document = pdf_html.document(html, SCHEME, setter.fetcher).render(
        font_config=setter.fonts, stylesheets=sheets, pdf_tags=tagged)
    if setter.fetcher.refused:
        raise TemplateProblem("a template refers to a resource outside the template and asset folders: "
                              + ", ".join(sorted(set(setter.fetcher.refused))))
    return document


def lay_out(html: str, css: str, template_dirs: list[Path] | None,
            tagged: bool = False) -> tuple[weasyprint.Document, ConfinedFetcher]:
    """html laid out in pages with the stylesheet css (what typeset writes; tests measure it), and the
    fetcher that served its resources. Raises TemplateProblem for a refused resource."""
    setter = typesetter(css, template_dirs)
    return lay_out_with(setter, html, tagged=tagged), setter.fetcher


def _attachment(source: tuple[str, bytes], day: dt.date, fetcher) -> weasyprint.Attachment:
    """The source YAML as an embedded file, dated like the report (never the clock)."""
    name, data = source
    when = dt.datetime.combine(day, dt.time(0, 0), tzinfo=dt.timezone.utc)
    return weasyprint.Attachment(string=data, name=name, url_fetcher=fetcher, relationship="Source",
                                 description="Source data of this filing (elevenk plan-year YAML)",
                                 created=when, modified=when)
