"""A long Schedule H rendered in planned, parallel chunks is the same PDF as one rendered in one piece."""

from __future__ import annotations

import dataclasses
import io
import re

import pypdf
import pytest

from benchmarks import synth
from generator.money import group
from generator.pipeline import check, render
from generator.render import pdf_chunks, pdf_lines
from generator.render.templating import builtin_templates

ROWS = 280  # above pdf.CHUNK_FROM: about thirty pages


@pytest.fixture(scope="module")
def outcome(tmp_path_factory):
    result = check(synth.write_plan(tmp_path_factory.mktemp("plans"), ROWS, seed=11))
    assert result.exit_code() == 0
    return result


@pytest.fixture(scope="module")
def whole(outcome) -> pypdf.PdfReader:
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("ELEVENK_PDF_CHUNKS", "0")
        return pypdf.PdfReader(io.BytesIO(render(outcome, ["pdf"])["pdf"]))


@pytest.fixture(scope="module")
def chunked(outcome) -> tuple[pypdf.PdfReader, list]:
    """Small chunks, so that the schedule is joined from several documents."""
    calls = []
    run = pdf_chunks._run_chunks
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(pdf_chunks, "ROWS_PER_CHUNK", 40)
        mp.setattr(pdf_chunks, "_run_chunks", lambda specs, jobs, *more: run(calls.append(list(specs)) or calls[-1], jobs, *more))
        data = render(outcome, ["pdf"])["pdf"]
    return pypdf.PdfReader(io.BytesIO(data)), calls


def _outline(reader: pypdf.PdfReader) -> list:
    def entry(item):
        if isinstance(item, list):
            return [entry(i) for i in item]
        return item.title, reader.get_destination_page_number(item)
    return [entry(item) for item in reader.outline]


def test_the_schedule_really_was_chunked(chunked):
    _, calls = chunked
    assert len(calls) == 1 and len(calls[0]) >= 3  # several runs of pages, joined


def test_same_pages_text_and_page_numbers(chunked, whole):
    reader, _ = chunked
    assert len(reader.pages) == len(whole.pages)
    for number, (a, b) in enumerate(zip(reader.pages, whole.pages), start=1):
        assert a.extract_text() == b.extract_text(), f"page {number}"


def test_same_bookmarks_and_contents_links(chunked, whole):
    reader, _ = chunked
    assert _outline(reader) == _outline(whole)
    assert reader.metadata.title == whole.metadata.title


def test_headings_continued_and_total_once(chunked, outcome):
    reader, _ = chunked
    texts = [page.extract_text() for page in reader.pages]
    schedule = [t for t in texts if "Current value" in " ".join(t.split())]  # the heading may wrap
    assert len(schedule) >= 5
    assert all("(b) Identity of issue" in t for t in schedule)
    assert all("(continued)" in t for t in schedule[1:])
    totals = [re.findall(r"^Total \$.*$", t, flags=re.M) for t in schedule]
    assert [len(found) for found in totals] == [0] * (len(schedule) - 1) + [1]
    assert group(outcome.filing.schedule_total) in totals[-1][0]


def test_plan_breaks_before_the_row_that_would_overflow():
    g = pdf_chunks.Geometry(first_top=100, continued_top=50, bottom=200, heights={}, line=10, first_extra=0,
                            widths=(), styles=())
    assert pdf_chunks.plan([40, 40, 40, 40, 40, 40, 40], g) == [0, 2, 5]
    assert pdf_chunks.plan([150], g) == [0]  # a row taller than the page still starts one


def test_lines_counted_without_pango_are_pangos(outcome, monkeypatch):
    """A text found short enough for one line by its characters' and pairs' widths is one line in Pango,
    at every length up to the cell's edge, with kerning that widens pairs ("f'") and narrows them ("AV")."""
    from generator.render.html import html_environment
    from generator.render.pdf import _stylesheet_text

    rows = outcome.filing.schedule_rows
    job = pdf_chunks.Job(outcome.filing, None, False, _stylesheet_text(html_environment(None)), "")
    document, first, pages = pdf_chunks.front(job)
    geometry = pdf_chunks.calibrate(document, first, pages, rows[:pdf_chunks.CALIBRATION_ROWS])
    texts = [text for row in rows for text in (row.identity, row.description)]
    texts += [(unit * n)[:n] for unit in ("f'", "AV", "Wa. ", "ff ", "T.", "1,", "L'f") for n in range(1, 90)]
    cells = list(zip(geometry.widths, geometry.styles))
    fast = [[pdf_lines.line_count(text, width, style) for text in texts] for width, style in cells]
    monkeypatch.setattr(pdf_lines, "_LATIN", re.compile(r"(?!)"))  # every text laid out by Pango
    assert fast == [[pdf_lines.line_count(text, width, style) for text in texts] for width, style in cells]
    assert sum(count == 1 for column in fast for count in column) > len(texts)  # the quick answer was given


def test_a_plan_that_does_not_hold_falls_back_to_one_piece(outcome, whole, monkeypatch):
    monkeypatch.setattr(pdf_chunks, "plan", lambda heights, g: [0] + list(range(20, len(heights), 20)))
    reader = pypdf.PdfReader(io.BytesIO(render(outcome, ["pdf"])["pdf"]))
    assert [p.extract_text() for p in reader.pages] == [p.extract_text() for p in whole.pages]


def test_a_stylesheet_without_fixed_columns_is_rendered_in_one_piece(outcome, caplog):
    """A firm's print.css may lay the schedule out automatically: chunks would get other columns."""
    css = (builtin_templates() / "pdf" / "print.css").read_text() + "\n.schedule { table-layout: auto }\n"
    with caplog.at_level("INFO", logger="elevenk.pdf_chunks"):
        assert pdf_chunks.render_chunked(outcome.filing, None, css, False) is None
    assert "not fixed" in caplog.text


def test_no_signatures_or_consent_after_the_schedule(outcome):
    """The schedule may end the filing: nothing is appended after it, not even a blank page."""
    py = outcome.filing.plan_year
    bare = py.model_copy(update={"signatures": None, "auditor": py.auditor.model_copy(update={"consent": None})})
    filing = dataclasses.replace(outcome.filing, plan_year=bare)
    css = (builtin_templates() / "pdf" / "print.css").read_text()
    reader = pypdf.PdfReader(io.BytesIO(pdf_chunks.render_chunked(filing, None, css, False)))
    assert "Total $" in reader.pages[-1].extract_text()
    assert [item.title for item in reader.outline if not isinstance(item, list)][-1].startswith("Schedule 1")


def _pid_and_spec(spec):
    import os

    if spec[0] == "boom":
        raise ValueError("chunk failed")
    if spec[0] == "killed":
        os._exit(9)  # as if the kernel had killed it
    return os.getpid(), spec


def test_each_chunk_gets_a_fresh_process_and_results_keep_their_order(monkeypatch):
    """A worker kept for many chunks grows with each; every chunk is forked a process of its own."""
    import os

    monkeypatch.setattr(pdf_chunks, "render_chunk", _pid_and_spec)
    specs = [(n, n + 1, n, False) for n in range(5)]
    results = pdf_chunks._run_chunks(specs, jobs=2)
    assert [spec for _, spec in results] == specs
    pids = [pid for pid, _ in results]
    assert len(set(pids)) == len(specs) and os.getpid() not in pids


def test_a_failed_chunk_fails_the_render_instead_of_hanging(monkeypatch):
    monkeypatch.setattr(pdf_chunks, "render_chunk", _pid_and_spec)
    with pytest.raises(ValueError, match="chunk failed"):
        pdf_chunks._run_chunks([(0, 1, 0, False), ("boom", 2, 1, False), (2, 3, 2, False)], jobs=2)


def test_a_worker_that_dies_fails_the_render_with_a_message(monkeypatch):
    monkeypatch.setattr(pdf_chunks, "render_chunk", _pid_and_spec)
    with pytest.raises(RuntimeError, match=r"rows killed-2 ended without its pages \(exit status 9\)"):
        pdf_chunks._run_chunks([(0, 1, 0, False), ("killed", 2, 1, False), (2, 3, 2, False)], jobs=2)


@pytest.mark.parametrize("starts, first, rows, budget, pages, bounds", [
    ([0, 10, 30, 50, 70], 1, 90, 40, None, [1, 3, 5]),  # pages of 20 rows: two a chunk
    ([0, 10, 30, 50, 70], 1, 90, 39, None, [1, 2, 3, 4, 5]),  # one page each
    ([0, 10, 60, 70], 0, 75, 40, None, [0, 1, 2, 4]),  # a page of 50 rows is a chunk of its own
    ([0, 10], 1, 15, 200, None, [1, 2]),  # one page left: one chunk
    ([0, 10, 30, 50, 70], 1, 90, 400, 2, [1, 3, 5]),  # at most two pages a chunk, however few their rows
    ([0, 10, 30, 50, 70], 0, 90, 400, 3, [0, 3, 5]),
])
def test_chunks_hold_whole_pages_and_at_most_the_row_and_page_budgets(starts, first, rows, budget, pages, bounds):
    assert pdf_chunks.chunk_bounds(starts, first, rows, budget, pages) == bounds
