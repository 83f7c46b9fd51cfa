"""Typeset a long Schedule H fast and flat in memory: pages planned in Python, rendered in parallel, joined.

WeasyPrint lays out one long table at a cost per page that grows with the pages before it, and holds
every page in memory until the end. Here the schedule is cut into runs of whole pages instead:

1. the front: the filing up to the schedule, with the schedule's first hundred rows. Its schedule pages
   are final, and WeasyPrint's layout of them shows where rows start on a page, where a page ends, the
   height of a row of 1, 2, 3... lines and the column widths; the lines of every other cell are then
   counted by Pango, as WeasyPrint counts them (a text clearly short of its cell, from the widths of its
   characters and their pairs, measured by Pango once each);
2. plan: put the remaining rows on pages as WeasyPrint would (checked against the front's pages);
3. chunks: whole pages, at most 400 rows and 18 pages at a time, each in a worker process forked for it and a
   document of its own, with the column headings, "(continued)" and page numbers carried on; the
   total and footnotes end the last one. A chunk starts as soon as its pages are planned (the rest are
   planned while it renders) and is joined as it arrives;
4. the back (signatures, consent) numbered on from the schedule's last page;
5. join them with pypdf, adding the back's bookmarks to the front's.

The plan, every chunk and the back are kept in the user's cache (`disk_cache`), keyed by a hash of
what shapes them: their rows (a chunk's) or HTML (the back's), the schedule's frame, the stylesheets and
page numbers, the templates' and assets' files, WeasyPrint's and elevenk's versions and this module. A
rebuild after an edit elsewhere in the filing (a note, the auditor's report) lays out only the front and
what changed, and joins the rest from the cache: the same bytes as a build from scratch.

Each chunk is checked against the plan, page by page; when anything disagrees, or the template does
not look as expected, the caller renders the PDF in one piece instead: never wrong, only slower.
The schedule needs fixed column widths for this (table-layout: fixed, in the print stylesheet).
"""

from __future__ import annotations

import dataclasses
import gc
import json
import logging
import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from .weasyprint_loader import weasyprint  # first: before any other WeasyPrint module
from weasyprint.formatting_structure import boxes

from ..child_process import die_with_parent
from ..model.compute import Filing
from .disk_cache import DiskCache, digest, files_digest
from .pdf_join import Joiner
from .pdf_lines import forget_widths, line_count

CALIBRATION_ROWS = 110  # enough for the first page and a continuation page
ROWS_PER_CHUNK = 400  # the fewer chunks, the less each build spends starting them; a worker's memory
PAGES_PER_CHUNK = 18  # follows its lines of text: a run of at most 400 rows and 18 pages keeps the build's
                      # processes under 320 MB together (20,000 holdings)
EPSILON = 1e-6  # px: WeasyPrint compares positions as floats

log = logging.getLogger("elevenk.pdf_chunks")


class Unplannable(Exception):
    """The schedule cannot be paginated in Python with certainty: render it in one piece."""


@dataclass(frozen=True)
class Geometry:
    """Where schedule rows go on a page, read from a calibration render."""

    first_top: float  # y of the first row on the schedule's first page
    continued_top: float  # y of the first row on a continuation page
    bottom: float  # no row may end below this
    heights: dict  # lines in the row -> row height
    line: float  # the height each further line adds
    first_extra: float  # the table's first row also holds half the rule under the headings
    widths: tuple  # content widths of the identity and description cells
    styles: tuple  # their computed styles, for Pango


@dataclass
class Job:
    """What every worker needs, set before the workers fork."""

    filing: Filing
    template_dirs: list | None
    draft: bool
    css: str
    title: str
    columns: object = None  # the schedule's column widths, from the whole filing (schedule_columns)
    cache: DiskCache | None = None  # rendered pieces kept between builds (None: nothing kept)
    shaped_by: str = ""  # a hash of what shapes every piece besides its own HTML (see _shaped_by)
    frame: str = ""  # a hash of the schedule's HTML around its rows (see _prepared)
    press: object = None  # the typesetter every piece is laid out with (pdf_typeset.Typesetter; see _render)


class Chunk(NamedTuple):
    """A run of schedule pages to render: rows [start, end), numbered from first_page_number."""

    start: int
    end: int
    first_page_number: int
    last: bool  # the total and footnotes end it
    key: str = ""  # its entry in the cache


_JOB: Job | None = None
_IN_WORKER = False  # this process is a chunk worker, forked for one chunk


# ---------------------------------------------------------------- documents


def _sections_html(job: Job, rows: list, sections: list) -> str:
    """The filing's HTML for some sections, with the schedule holding only the given rows."""
    from .html import context, html_environment
    from .schedule_columns import schedule_columns

    env = html_environment(job.template_dirs)
    f = dataclasses.replace(job.filing, schedule_rows=rows)
    ctx = context(f, env, "pdf", job.draft)
    ctx["sections"] = sections
    if job.columns is None:  # measured once, in the parent: every chunk gets the same columns
        job.columns = schedule_columns(job.filing)
    ctx["schedule_columns"] = job.columns
    return env.get_template("html/filing.html.j2").render(ctx)


def _render(job: Job, html: str, extra_css: str = "") -> weasyprint.Document:
    """Lay out html with the print stylesheet, then extra_css (which wins ties, coming later). The typesetter is
    made once, in the parent (for the front): the workers fork with the stylesheet parsed and the fonts loaded,
    instead of parsing it again for each chunk (a twentieth of a chunk)."""
    from .pdf_typeset import lay_out_with, typesetter

    if job.press is None:
        job.press = typesetter(job.css, job.template_dirs)
    return lay_out_with(job.press, html, extra_css)


def _write(document: weasyprint.Document, job: Job, identifier: str) -> bytes:
    import hashlib

    from .pdf_resources import reproducible_fonts
    from .pdf_shared_fonts import whole_fonts

    with reproducible_fonts(job.filing.plan_year.auditor.report.date), whole_fonts():
        return document.write_pdf(
            pdf_identifier=hashlib.md5(identifier.encode("utf-8"), usedforsecurity=False).hexdigest().encode())


def _body_rows(document: weasyprint.Document) -> list[list]:
    """The schedule's body rows on each page (not the repeated headings), in order."""
    return [list(_schedule_rows(page._page_box, False)) for page in document.pages]


def _schedule_rows(box, in_schedule: bool):
    """Body rows of the schedule table under box, depth first (boxes know their children, not parents)."""
    if isinstance(box, boxes.TableBox):
        in_schedule = "schedule" in ((box.element.get("class") or "").split() if box.element is not None else [])
    if isinstance(box, boxes.TableRowGroupBox) and box.is_header:
        return
    if isinstance(box, boxes.TableRowBox):
        if in_schedule:
            yield box
        return
    for child in getattr(box, "children", ()):
        yield from _schedule_rows(child, in_schedule)


def _fixed_layout(box) -> bool:
    """Whether the schedule table under box has fixed column widths, the same in every chunk."""
    if isinstance(box, boxes.TableBox) and box.element is not None \
            and "schedule" in (box.element.get("class") or "").split():
        return box.style["table_layout"] == "fixed"
    return any(_fixed_layout(child) for child in getattr(box, "children", ()))


def _page_bottom(document: weasyprint.Document, index: int) -> float:
    page = document.pages[index]._page_box
    return page.content_box_y() + page.height


# ---------------------------------------------------------------- calibrate and plan


def _line_height(cell) -> float:
    """The height of one line of text in a schedule cell, from its first line box."""
    for box in cell.descendants():
        if isinstance(box, boxes.LineBox):
            return box.height
    raise Unplannable("a schedule cell without a line of text")


def _cell(row, name: str):
    """The row's cell of class name (a row of the schedule has one of each of its text columns)."""
    for cell in row.children:
        if cell.element is not None and name in (cell.element.get("class") or "").split():
            return cell
    raise Unplannable(f"a schedule row without its {name} cell")


def _cell_text_style(cell):
    for box in cell.descendants():
        if isinstance(box, boxes.TextBox):
            return box.style
    return cell.style


def front(job: Job) -> tuple[weasyprint.Document, int, list[list]]:
    """The filing up to its schedule, the schedule holding its first CALIBRATION_ROWS rows.

    Returns the layout, the index of the schedule's first page and the rows on each schedule page.
    """
    from . import document as doc_module

    sections = doc_module.sections(job.filing)
    upto = [name for name, _ in sections].index("schedule_h") + 1
    html = _sections_html(job, job.filing.schedule_rows[:CALIBRATION_ROWS], sections[:upto])
    document = _render(job, html, _WITHOUT_TOTAL)
    first = next((i for i, page in enumerate(document.pages) if "schedule_h" in page.anchors), None)
    if first is None:
        raise Unplannable("the schedule's first page was not found")
    job.title = _schedule_title(html)
    return document, first, _body_rows(document)[first:]


def calibrate(document: weasyprint.Document, first: int, pages: list[list], rows: list) -> Geometry:
    """Read the page geometry from the front's schedule pages, and check that plan() agrees with them."""
    if len(pages) < 3 or not all(pages):
        raise Unplannable("the calibration rows did not fill two pages")
    if not _fixed_layout(document.pages[first]._page_box):
        raise Unplannable("the schedule's columns are not fixed (table-layout: fixed): chunks would differ")
    top = pages[0][0]
    identity, description = _cell(top, "identity"), _cell(top, "description")
    geometry = Geometry(first_top=top.position_y, continued_top=pages[1][0].position_y,
                        bottom=_page_bottom(document, first), heights={}, line=_line_height(identity),
                        first_extra=0.0,
                        widths=(identity.width, description.width),
                        styles=(_cell_text_style(identity), _cell_text_style(description)))
    if abs(_page_bottom(document, first + 1) - geometry.bottom) > EPSILON:
        raise Unplannable("continuation pages end elsewhere than the first page")
    laid = [row for page in pages for row in page]
    if len(laid) != len(rows):
        raise Unplannable("the calibration rows are not all on the pages")
    for row, box in zip(rows[1:], laid[1:]):
        lines, height = _lines(geometry, row), box.margin_height()
        if abs(geometry.heights.setdefault(lines, height) - height) > EPSILON:
            raise Unplannable(f"rows of {lines} line(s) are not all the same height")
    known = sorted(geometry.heights)
    for a, b in zip(known, known[1:]):  # every further line adds one line's height
        if abs(geometry.heights[b] - geometry.heights[a] - (b - a) * geometry.line) > EPSILON * 10:
            raise Unplannable("row heights do not grow by a line's height per line")
    geometry = dataclasses.replace(geometry, first_extra=laid[0].margin_height() - _height(geometry, rows[0]))
    observed, start = [], 0
    for page in pages:
        observed.append(start)
        start += len(page)
    predicted = plan(row_heights(geometry, rows), geometry)
    if predicted != observed:
        raise Unplannable(f"planned page starts {predicted} differ from WeasyPrint's {observed}")
    return geometry


def _lines(geometry: Geometry, row) -> int:
    return max(line_count(row.identity, geometry.widths[0], geometry.styles[0]),
               line_count(row.description, geometry.widths[1], geometry.styles[1]))


def _height(geometry: Geometry, row) -> float:
    lines = _lines(geometry, row)
    if lines in geometry.heights:
        return geometry.heights[lines]
    if not geometry.heights:
        raise Unplannable("no calibration rows")
    nearest = min(geometry.heights, key=lambda k: abs(k - lines))
    return geometry.heights[nearest] + (lines - nearest) * geometry.line


def _heights(geometry: Geometry, rows: list) -> Iterator[float]:
    """The height of each row as laid out in one table, worked out as they are asked for."""
    for i, row in enumerate(rows):
        yield _height(geometry, row) + (geometry.first_extra if i == 0 else 0.0)


def row_heights(geometry: Geometry, rows: list) -> list[float]:
    """The height of each row as laid out in one table."""
    return list(_heights(geometry, rows))


def plan_pages(heights: Iterable[float], geometry: Geometry) -> Iterator[int]:
    """The index of the first row on each schedule page, each as soon as the page is full."""
    start, y = 0, geometry.first_top
    yield start
    for i, height in enumerate(heights):
        if y + height > geometry.bottom + EPSILON and i != start:
            start, y = i, geometry.continued_top
            yield start
        y += height


def plan(heights: list[float], geometry: Geometry) -> list[int]:
    """The index of the first row on each schedule page (the last page's total is not planned here)."""
    return list(plan_pages(heights, geometry))


def chunk_runs(page_starts: Iterable[int], first: int, rows: int, budget: int,
               starts: list[int] | None = None, pages_budget: int | None = None) -> Iterator[tuple[int, int]]:
    """The chunks' pages, (first page, page after the last), from page first on, each as soon as the page
    after it is planned: whole pages, at most budget rows and pages_budget pages a chunk (a page of more
    rows than that is a chunk of its own). starts collects the page starts planned so far: when the
    last chunk is given, all of them."""
    starts = [] if starts is None else starts
    pages = iter(page_starts)

    def start_of(page: int) -> int:  # rows once past the last page
        while len(starts) <= page:
            start = next(pages, None)
            if start is None:
                return rows
            starts.append(start)
        return starts[page]

    chunk, page = first, first + 1
    start_of(first)
    while start_of(page) < rows:
        if start_of(page + 1) - starts[chunk] > budget or page + 1 - chunk > (pages_budget or page + 1):
            yield chunk, page
            chunk = page
        page += 1
    yield chunk, page


def chunk_bounds(starts: list[int], first: int, rows: int, budget: int, pages_budget: int | None = None) -> list[int]:
    """The page indexes where chunks begin, from page first on, then len(starts) (see chunk_runs)."""
    runs = list(chunk_runs(starts, first, rows, budget, pages_budget=pages_budget))
    return [a for a, _ in runs] + [runs[-1][1]]


def _schedule_title(html: str) -> str:
    section = html[html.index('id="schedule_h"'):]
    match = re.search(r'class="statement-title">(.*?)</h1>', section, flags=re.S)
    if not match:
        raise Unplannable("the schedule's title was not found")
    import html as html_lib

    return html_lib.unescape(re.sub(r"<[^>]+>", " ", match.group(1))).strip()


# ---------------------------------------------------------------- chunks


# Pages before the schedule's last: no total row, no footnotes (both come after the last holding).
_WITHOUT_TOTAL = (".schedule > tbody.keep-together > tr:last-child { display: none }\n"
                  ".section-schedule_h .footnote { display: none }\n")


# The "$" of the schedule's first row (print.css: td.dollar), not printed on a run's first row.
_NO_DOLLAR = "{row} > td.dollar {{ text-align-last: auto }}\n{row} > td.dollar::before {{ content: none }}\n"


def _css_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _chunk_css(title: str, first_page_number: int, last: bool, single_row: bool) -> str:
    """A run of continuation pages: no heading, "(continued)" and page numbers carried on, the first
    row's $ hidden (it belongs to the schedule's first row only), the total only on the last run."""
    css = (f"@page :first {{ counter-reset: page {first_page_number} }}\n"
           f"@page schedule {{ @top-center {{ content: {_css_string(title + ' (continued)')} }} }}\n"
           ".section-schedule_h .statement-heading, .section-schedule_h .ein { display: none }\n"
           + _NO_DOLLAR.format(row=".schedule > tbody:first-of-type > tr:first-child"))
    if single_row:
        css += _NO_DOLLAR.format(row=".schedule > tbody.keep-together > tr:first-child")
    return css if last else css + _WITHOUT_TOTAL


def render_chunk(spec: Chunk) -> tuple[bytes, list[int]]:
    """Render rows [start, end) as pages numbered from first_page_number; return the PDF and rows per page.

    The cyclic collector waits until the chunk is written: its passes over the layout cost an eighth of
    the time, and the chunk's garbage is a few megabytes, collected at the end.
    """
    gc.disable()
    try:
        return _render_chunk(spec)
    finally:
        if not _IN_WORKER:  # a chunk worker ends once its chunk is sent: nothing to collect for
            gc.enable()
            gc.collect()


def _render_chunk(spec: Chunk) -> tuple[bytes, list[int]]:
    start, end, first_page_number, last = spec[:4]
    job = _JOB
    rows = job.filing.schedule_rows[start:end]
    html = _sections_html(job, rows, [("schedule_h", None)])
    document = _render(job, html, _chunk_css(job.title, first_page_number, last, len(rows) == 1))
    counts = [len(page) for page in _body_rows(document)]
    if last and counts:
        counts[-1 if counts[-1] else -2] -= 1  # the total row is not a holding
    return _write(document, job, f"{start}-{end}"), counts


def render_back(job: Job, first_page_number: int) -> bytes | None:
    """The sections after the schedule (signatures, consent) numbered from first_page_number; None if none."""
    from . import document as doc_module

    sections = doc_module.sections(job.filing)
    after = sections[[name for name, _ in sections].index("schedule_h") + 1:]
    if not after:
        return None
    html = _sections_html(job, job.filing.schedule_rows, after)
    extra = f"@page :first {{ counter-reset: page {first_page_number} }}\n"
    key = digest(job.shaped_by, "back", html, extra)
    cached = job.cache.get(key) if job.cache is not None else None
    if cached is not None:
        return cached
    pdf = _write(_render(job, html, extra), job, "back")
    if job.cache is not None:
        job.cache.put(key, pdf)
    return pdf


# ---------------------------------------------------------------- the cache


CACHE_KIND = "pdf-pieces"


def _shaped_by(job: Job) -> str:
    """A hash of what shapes every piece of the PDF besides its own HTML and page numbers: the stylesheet,
    every file of the template and asset folders (fonts included), the draft stamp, the date the fonts are
    dated by, WeasyPrint's, pydyf's and Pango's versions, elevenk's, and the code that lays pieces out."""
    from importlib.metadata import version

    from weasyprint.text.ffi import pango

    from .. import __version__
    from .template_paths import ASSETS, search_path

    def code(name: str) -> bytes:  # an installation without sources has its version to go by
        try:
            return (Path(__file__).parent / name).read_bytes()
        except OSError:
            return b""

    return digest(__version__, weasyprint.__version__, version("pydyf"), str(pango.pango_version()),
                  *(code(name) for name in ("pdf_chunks.py", "pdf_typeset.py", "pdf_resources.py", "pdf_html.py",
                                            "pdf_lines.py", "pdf_shared_fonts.py")),
                  job.css, str(job.draft),
                  str(job.filing.plan_year.auditor.report.date), files_digest(search_path(job.template_dirs) + [ASSETS]))


def _page_starts(job: Job, geometry: Geometry, rows: list) -> Iterator[int]:
    """plan_pages of the rows, from the cache when the same rows were planned on the same pages before."""
    shape = repr((geometry.first_top, geometry.continued_top, geometry.bottom, sorted(geometry.heights.items()),
                  geometry.line, geometry.first_extra, geometry.widths))
    key = digest(job.shaped_by, "plan", shape, *(text for r in rows for text in (r.identity, r.description)))
    cached = job.cache.get(key) if job.cache is not None else None
    if cached is not None:
        yield from json.loads(cached)
        return
    planned = []
    for start in plan_pages(_heights(geometry, rows), geometry):
        planned.append(start)
        yield start
    if job.cache is not None:
        job.cache.put(key, json.dumps(planned).encode())


def _prepared(job: Job, start: int, end: int, first_page_number: int, last: bool) -> Chunk:
    """The chunk of rows [start, end) with its key in the cache.

    A chunk's HTML is the schedule's frame (the document around the table's rows, from the filing: its
    heading, columns, total, and the templates) and the markup of its rows (from the templates and each
    row's fields): the key hashes the frame, rendered once with the schedule's first row, and the rows'
    fields, not each chunk's HTML, whose rendering is a worker's job (and a third of a warm rebuild's time).
    """
    rows = job.filing.schedule_rows
    if not job.frame:
        job.frame = digest(_sections_html(job, rows[:1], [("schedule_h", None)]))
    extra = _chunk_css(job.title, first_page_number, last, end - start == 1)
    return Chunk(start, end, first_page_number, last,
                 digest(job.shaped_by, "chunk", job.frame, repr(rows[start:end]), extra, f"{start}-{end}"))


def _cached_chunk(job: Job, chunk: Chunk) -> tuple[bytes, list[int]] | None:
    data = job.cache.get(chunk.key) if job.cache is not None else None
    if data is None:
        return None
    counts, _, pdf = data.partition(b"\n")
    return pdf, json.loads(counts)


def _keep_chunk(job: Job, chunk: Chunk, result: tuple[bytes, list[int]]) -> None:
    if job.cache is not None:
        pdf, counts = result
        job.cache.put(chunk.key, json.dumps(counts).encode() + b"\n" + pdf)


# ---------------------------------------------------------------- running the chunks


def _jobs() -> int:
    import multiprocessing

    if multiprocessing.current_process().name != "MainProcess":
        return 1  # inside a batch worker already: the batch is what runs in parallel
    return max(1, min(os.cpu_count() or 1, int(os.environ.get("ELEVENK_PDF_JOBS", "0")) or os.cpu_count() or 1))


def _run_chunks(specs: Iterable, jobs: int, known: Callable | None = None, arrived: Callable | None = None,
                meanwhile: Callable | None = None) -> list[tuple[bytes, list[int]]]:
    """Render the chunks as specs gives them, up to jobs at a time, each in a process of its own forked
    for it; return their results in order.

    specs is read only when a worker is free (the parent plans the next chunk while the others render);
    known(spec) gives a chunk's result without rendering it, or None; arrived(spec, result) is told each
    result in order, as soon as it and every one before it are there; meanwhile() runs once, as soon as
    the first chunks are started.

    A fresh process per chunk keeps every worker as small as one chunk's layout: a worker kept for many
    chunks grows by about 2 MB with each (outside Python's objects; malloc_trim does not return it) and
    by the pages of the plan it touches, which stop being shared with the parent. Plain processes and
    pipes rather than an executor, whose manager thread would be running each time the next worker forks.
    """
    pending = iter(specs)
    given: list = []  # the specs read so far
    results: list = []
    told = 0  # results given to arrived

    def start_meanwhile() -> None:
        nonlocal meanwhile
        if meanwhile is not None:
            meanwhile, run = None, meanwhile
            run()

    def settle(index: int, result) -> None:
        nonlocal told
        results[index] = result
        start_meanwhile()  # before the first result is told
        while told < len(results) and results[told] is not None:
            if arrived is not None:
                arrived(given[told], results[told])
            told += 1

    def take():
        spec = next(pending, None)
        if spec is not None:
            given.append(spec)
            results.append(None)
        return spec

    if jobs <= 1:
        start_meanwhile()
        while (spec := take()) is not None:
            settle(len(given) - 1, (known(spec) if known else None) or render_chunk(spec))
        return results
    import multiprocessing
    from multiprocessing.connection import wait

    context = multiprocessing.get_context("fork")  # the workers inherit the filing and the imports
    gc.collect()
    gc.freeze()  # the collector leaves the inherited objects alone, so their pages stay shared
    running: dict = {}  # the end of a worker's pipe -> (chunk index, worker)
    exhausted = False
    try:
        while True:
            while not exhausted and len(running) < jobs:
                spec = take()
                if spec is None:
                    exhausted = True
                    break
                index = len(given) - 1
                result = known(spec) if known else None
                if result is not None:
                    settle(index, result)
                    continue
                receive, send = context.Pipe(duplex=False)
                worker = context.Process(target=_chunk_worker, args=(spec, send), daemon=True)
                worker.start()
                send.close()  # the worker holds the sending end: end of file here means it is gone
                running[receive] = (index, worker)
            start_meanwhile()
            if not running:
                return results
            for receive in wait(list(running)):
                index, worker = running.pop(receive)
                try:
                    ok, value = receive.recv()
                except EOFError:
                    worker.join()
                    raise RuntimeError(f"the process rendering Schedule H rows {given[index][0]}-{given[index][1]} "
                                       f"ended without its pages (exit status {worker.exitcode})") from None
                finally:
                    receive.close()
                worker.join()
                if not ok:
                    raise value
                settle(index, value)
    finally:
        for receive, (_, worker) in running.items():
            worker.terminate()
            worker.join()
            receive.close()
        gc.unfreeze()


def _chunk_worker(spec: tuple, send) -> None:
    """In a forked worker: render one chunk and send back (True, result) or (False, the exception).

    The collector stays off: the worker ends once its chunk is sent, and collecting the layout's garbage
    first (a tenth of the chunk's time) would only delay the chunk.
    """
    global _IN_WORKER
    _IN_WORKER = True
    die_with_parent(os.getppid())
    try:
        message = (True, render_chunk(spec))
    except BaseException as exc:  # noqa: BLE001 (whatever it was, the parent re-raises it)
        message = (False, exc)
    try:
        send.send(message)
    except Exception:  # an exception that cannot be pickled (a chunk's own result always can): its words
        send.send((False, RuntimeError(f"{type(message[1]).__name__}: {message[1]}")))
    finally:
        send.close()


# ---------------------------------------------------------------- the whole


def render_chunked(filing: Filing, template_dirs: list[Path] | None, css: str, draft: bool) -> bytes | None:
    """The PDF of a filing with a long schedule, or None when it must be rendered in one piece (`pdf.py`
    decides which schedules are long)."""
    global _JOB
    forget_widths()  # measured in the styles of an earlier build (a preview's process lives on)
    _JOB = job = Job(filing, template_dirs, draft, css, "", cache=DiskCache(CACHE_KIND))
    job.shaped_by = _shaped_by(job)
    try:
        document, first, pages = front(job)
        rows = filing.schedule_rows
        geometry = calibrate(document, first, pages, rows[:CALIBRATION_ROWS])
        kept = len(pages) - 1  # the front's last schedule page is not full: the chunks start there
        starts: list[int] = []  # page starts, planned as the chunks are asked for
        runs = chunk_runs(_page_starts(job, geometry, rows), kept, len(rows), ROWS_PER_CHUNK, starts, PAGES_PER_CHUNK)
        chunks = (_prepared(job, starts[a], starts[b] if b < len(starts) else len(rows), first + 1 + a,
                            b == len(starts)) for a, b in runs)
        joined: list = []  # the joiner, once the front is written
        pages_done = [kept]
        hits: set[str] = set()

        def known(chunk: Chunk):
            result = _cached_chunk(job, chunk)
            if result is not None:
                hits.add(chunk.key)
            return result

        def write_front() -> None:  # while the first chunks render
            nonlocal document
            joined.append(Joiner(_write(document.copy(document.pages[:first + kept]), job, "front")))
            document = None  # the front's layout is done with: keep the memory flat

        def arrived(chunk: Chunk, result: tuple[bytes, list[int]]) -> None:
            pdf, counts = result
            pages_done[0] += _check(counts, chunk, starts)
            if chunk.key not in hits:
                _keep_chunk(job, chunk, result)
            joined[0].add(pdf)

        del pages
        _run_chunks(chunks, _jobs(), known, arrived, write_front)
        pdf = joined[0].finish(render_back(job, first + 1 + pages_done[0]))
        job.cache.prune()
        return pdf
    except Unplannable as exc:
        log.info("Schedule H rendered in one piece: %s", exc)
        return None
    finally:
        _JOB = None


def _check(counts: list[int], chunk: Chunk, starts: list[int]) -> int:
    """The chunk's pages hold the planned rows; return how many pages it holds.

    The last chunk may end differently from the plan (its last row keeps with the total, footnotes
    may take a page): only its earlier pages and its number of rows are checked.
    """
    start, end, _, last = chunk[:4]
    planned = [b - a for a, b in zip(starts, starts[1:] + [end]) if start <= a < end]
    same = counts[:len(planned) - 1] == planned[:-1] and sum(counts) == end - start if last \
        else counts == planned
    if not same:
        raise Unplannable(f"a chunk's pages hold {counts} rows; planned {planned}")
    return len(counts)
