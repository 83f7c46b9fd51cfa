"""A PDF joined from chunks embeds each font once, dated like its own report, and looks as it did."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
from contextlib import nullcontext
from pathlib import Path

import pypdf
import pytest
from fontTools.ttLib import TTFont

from benchmarks import synth
from generator.pipeline import check, render
from generator.render import pdf_chunks, pdf_shared_fonts
from generator.render.pdf_shared_fonts import _font_files

ROWS = 280  # above pdf.CHUNK_FROM


def _plan(folder: Path, report_date: str) -> Path:
    path = synth.write_plan(folder, ROWS, seed=5)
    text = path.read_text(encoding="utf-8")
    report = text.index("  report:")
    start = text.index("    date: ", report) + len("    date: ")
    path.write_text(text[:start] + report_date + text[start + 10:], encoding="utf-8")
    return path


def _pdf(path: Path) -> bytes:
    outcome = check(path)
    assert outcome.exit_code() == 0, outcome.findings
    return render(outcome, ["pdf"])["pdf"]


@pytest.fixture(scope="module")
def plans(tmp_path_factory) -> list[Path]:
    return [_plan(tmp_path_factory.mktemp(f"p{i}"), date) for i, date in enumerate(["2025-06-18", "2025-03-02"])]


@pytest.fixture
def small_chunks(monkeypatch):
    monkeypatch.setattr(pdf_chunks, "ROWS_PER_CHUNK", 40)  # several chunks, each with its fonts
    monkeypatch.setenv("ELEVENK_CACHE_DIR", "")


def _faces(data: bytes) -> list[tuple[str, dt.datetime]]:
    """Each embedded font file: its PostScript name and the date fontTools stamped in its head table."""
    reader = pypdf.PdfReader(io.BytesIO(data))
    faces = []
    for number, _ in _font_files(reader.pages):
        font = TTFont(io.BytesIO(reader.get_object(number).get_data()))
        stamp = dt.datetime(1904, 1, 1, tzinfo=dt.timezone.utc) + dt.timedelta(seconds=font["head"].modified)
        faces.append((font["name"].getDebugName(6), stamp))
    return faces


def test_each_face_is_embedded_once_in_a_chunked_pdf(plans, small_chunks):
    faces = _faces(_pdf(plans[0]))
    names = [name for name, _ in faces]
    assert len(names) == len(set(names)) >= 2, faces  # regular and bold at least, once each


def test_each_filing_gets_fonts_dated_by_its_own_report(plans, small_chunks):
    """Fonts made for one filing are kept for the next in the same process (a batch): never its date."""
    for plan, day in zip(plans, [dt.date(2025, 6, 18), dt.date(2025, 3, 2)]):
        stamps = {stamp.date() for _, stamp in _faces(_pdf(plan))}
        assert stamps == {day}


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="needs pdftoppm (poppler-utils)")
def test_pages_look_the_same_as_with_a_subset_in_each_chunk(plans, small_chunks, monkeypatch, tmp_path):
    shared = _pdf(plans[0])
    monkeypatch.setattr(pdf_shared_fonts, "whole_fonts", nullcontext)
    subsets = _pdf(plans[0])
    assert len(_faces(subsets)) > len(_faces(shared))  # the comparison is with one subset per chunk and face
    images = []
    for name, data in (("shared", shared), ("subsets", subsets)):
        (tmp_path / f"{name}.pdf").write_bytes(data)
        subprocess.run(["pdftoppm", "-png", "-r", "60", str(tmp_path / f"{name}.pdf"), str(tmp_path / name)],
                       check=True)
        images.append(sorted(tmp_path.glob(f"{name}-*.png")))
    assert len(images[0]) == len(images[1]) > 10
    assert [p.read_bytes() for p in images[0]] == [p.read_bytes() for p in images[1]]
    assert len(shared) < len(subsets)


def test_a_writer_without_pypdfs_object_map_gets_every_page_as_it_is(plans, small_chunks):
    """Sharing rests on how pypdf maps a reader's objects into the writer: without that map, pages are joined
    as they are (each piece's font files kept), never lost."""
    class Writer:
        def __init__(self):
            self.pages = []

        def add_page(self, page):
            self.pages.append(page)

    reader = pypdf.PdfReader(io.BytesIO(_pdf(plans[0])))
    shared = pdf_shared_fonts.Shared(Writer())
    shared.add_pages(reader)
    assert len(shared.writer.pages) == len(reader.pages)
