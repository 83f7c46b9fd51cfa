"""Incremental PDF builds: a long schedule's chunks (and the plan of its pages, and the sections after it) are
kept in the user's cache; a rebuild after an edit elsewhere lays out only what changed and gives the same
bytes as a build from scratch; an entry that cannot be trusted is ignored; the cache stays bounded."""

from __future__ import annotations

import io
from pathlib import Path

import pypdf
import pytest

from benchmarks import synth
from generator.pipeline import check, render
from generator.render import disk_cache, pdf_chunks
from generator.workflows.preview import Preview

ROWS = 280  # above pdf.CHUNK_FROM: about thirty pages, in chunks of 40 rows below
NOTE = "reported at fair value."
EDITED_NOTE = "reported at fair value, as described in the notes that follow."


@pytest.fixture(scope="module")
def plan(tmp_path_factory) -> Path:
    return synth.write_plan(tmp_path_factory.mktemp("plans"), ROWS, seed=5)


def edited(plan: Path, folder: Path) -> Path:
    """The plan with one sentence of a note changed, under the same name in folder."""
    text = plan.read_text()
    assert text.count(NOTE) == 1
    path = folder / plan.parent.name / plan.name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text.replace(NOTE, EDITED_NOTE))
    return path


@pytest.fixture
def layouts(monkeypatch) -> list[str]:
    """Small chunks; every layout made in this process, by what it laid out ("front", "chunk", "back")."""
    made: list[str] = []
    render_ = pdf_chunks._render

    def counted(job, html, extra_css=""):
        made.append("chunk" if "(continued)" in extra_css else "front" if "keep-together" in extra_css else "back")
        return render_(job, html, extra_css)

    monkeypatch.setattr(pdf_chunks, "ROWS_PER_CHUNK", 40)
    monkeypatch.setattr(pdf_chunks, "_render", counted)
    return made


def pdf_of(path: Path) -> bytes:
    outcome = check(path)
    assert outcome.exit_code() == 0
    return render(outcome, ["pdf"])["pdf"]


def cold(path: Path, monkeypatch) -> bytes:
    """The PDF built with nothing cached, nothing kept."""
    with monkeypatch.context() as mp:
        mp.setenv("ELEVENK_CACHE_DIR", "")
        return pdf_of(path)


def test_a_rebuild_after_editing_a_note_lays_out_only_the_front_and_is_the_same_pdf(plan, tmp_path, monkeypatch,
                                                                                   layouts):
    monkeypatch.setenv("ELEVENK_CACHE_DIR", str(tmp_path / "cache"))
    first = pdf_of(plan)  # chunks in forked workers (with two cores or more): their layouts are not seen here
    assert [made for made in layouts if made != "chunk"] == ["front", "back"]
    monkeypatch.setenv("ELEVENK_PDF_JOBS", "1")  # the rest in this process, where layouts sees them
    again = edited(plan, tmp_path / "edited")
    layouts.clear()
    warm = pdf_of(again)
    assert layouts == ["front"]
    layouts.clear()
    scratch = cold(again, monkeypatch)
    assert layouts.count("chunk") >= 5 and layouts[-1] == "back"
    assert warm == scratch != first
    pages = pypdf.PdfReader(io.BytesIO(warm)).pages
    assert any("as described in the notes that follow" in " ".join(p.extract_text().split()) for p in pages)
    assert len(pages) == len(pypdf.PdfReader(io.BytesIO(first)).pages)


def test_a_changed_holding_renders_its_chunk_again(plan, tmp_path, monkeypatch, layouts):
    monkeypatch.setenv("ELEVENK_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("ELEVENK_PDF_JOBS", "1")
    pdf_of(plan)
    text = plan.read_text()
    description = next(line for line in text.splitlines()[::-1] if "description:" in line and "Senior" in line)
    path = tmp_path / "edited" / plan.parent.name / plan.name
    path.parent.mkdir(parents=True)
    path.write_text(text.replace(description, description.replace("Senior", "Junior")))
    layouts.clear()
    warm = pdf_of(path)
    assert layouts.count("chunk") == 1 and "front" in layouts
    assert warm == cold(path, monkeypatch)


def test_corrupt_or_foreign_entries_are_ignored_and_replaced(plan, tmp_path, monkeypatch, layouts):
    monkeypatch.setenv("ELEVENK_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("ELEVENK_PDF_JOBS", "1")
    reference = pdf_of(plan)
    rendered = len(layouts)
    entries = sorted((tmp_path / "cache").glob("pdf-pieces-*/*.entry"))
    assert len(entries) >= 7  # the plan of the pages, the chunks, the back
    for n, entry in enumerate(entries):
        data = entry.read_bytes()
        if n % 3 == 0:  # cut short
            entry.write_bytes(data[:len(data) // 2])
        elif n % 3 == 1:  # one byte of its contents changed
            at = len(data) - 100
            entry.write_bytes(data[:at] + bytes([data[at] ^ 1]) + data[at + 1:])
        else:  # written by another version of elevenk
            entry.write_bytes(data.replace(f"\n{disk_cache.__version__}\n".encode(), b"\n0.0.1\n", 1))
    layouts.clear()
    assert pdf_of(plan) == reference
    assert len(layouts) == rendered  # nothing trusted: everything laid out again
    layouts.clear()
    assert pdf_of(plan) == reference
    assert layouts == ["front"]  # and kept again


def test_the_preview_serves_its_pdf_from_the_same_cache(plan, tmp_path, monkeypatch, layouts):
    monkeypatch.setenv("ELEVENK_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("ELEVENK_PDF_JOBS", "1")
    source = tmp_path / "served" / plan.parent.name / plan.name
    source.parent.mkdir(parents=True)
    source.write_text(plan.read_text())
    pdf_of(plan)  # built once, as `elevenk build` would
    preview = Preview(source, lambda outcome: [])
    assert preview.rebuild().ok
    layouts.clear()
    served = preview.pdf()
    assert layouts == ["front"]
    source.write_text(edited(plan, tmp_path / "edited").read_text())
    assert preview.rebuild().ok
    layouts.clear()
    again = preview.pdf()
    assert layouts == ["front"]
    assert again == cold(source, monkeypatch) != served


# ---------------------------------------------------------------- the cache itself


@pytest.fixture
def cache(tmp_path, monkeypatch) -> disk_cache.DiskCache:
    monkeypatch.setenv("ELEVENK_CACHE_DIR", str(tmp_path))
    return disk_cache.DiskCache("test-kind", limit=10_000)


def test_an_entry_is_given_back_whole_or_not_at_all(cache):
    cache.put("k1", b"some bytes\n\nwith blank lines")
    assert cache.get("k1") == b"some bytes\n\nwith blank lines"
    assert cache.get("k2") is None
    path = cache.folder / "k1.entry"
    path.write_bytes(path.read_bytes()[:-1])
    assert cache.get("k1") is None and not path.exists()
    cache.put("k1", b"x")
    (cache.folder / "k3.entry").write_bytes((cache.folder / "k1.entry").read_bytes())  # k1's under k3's name
    assert cache.get("k3") is None


def test_the_cache_keeps_at_most_its_limit_dropping_the_least_recently_used(cache, tmp_path):
    import os

    old = tmp_path / "test-kind-0.0.1"  # another version's entries
    old.mkdir()
    (old / "a.entry").write_bytes(b"x" * 100)
    for n in range(10):
        cache.put(f"k{n}", bytes(3000))
        os.utime(cache.folder / f"k{n}.entry", (1_000_000 + n, 1_000_000 + n))
    assert cache.get("k0") is not None  # used now: kept over k1 to k9
    cache.prune()
    kept = sorted(p.stem for p in cache.folder.glob("*.entry"))
    assert kept == ["k0", "k8", "k9"]
    assert sum(p.stat().st_size for p in cache.folder.iterdir()) <= 10_000
    assert not old.exists()


def test_an_empty_cache_dir_keeps_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv("ELEVENK_CACHE_DIR", "")
    cache = disk_cache.DiskCache("test-kind")
    cache.put("k", b"x")
    assert cache.get("k") is None and cache.folder is None
