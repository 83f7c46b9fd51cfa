"""The PDF: parsed back with pypdf. Every PDF is built once per session (a build takes about a second)."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pypdf
import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.money import group
from generator.pipeline import check, render
from generator.render import document
from generator.render.html import bookmarks
from generator.render.pdf_resources import ConfinedFetcher
from generator.render.templating import (
    ASSETS,
    TemplateProblem,
    builtin_templates,
    find_confined,
)

from .conftest import EXAMPLE

SIGNED = EXAMPLE.read_text() + """
signatures:
  date: 2002-06-12
  signers:
    - name: Kevin Hardy
      title: Chief Financial Officer
"""


@pytest.fixture(scope="session")
def signed(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("plan") / "2001.yaml"
    path.write_text(SIGNED)
    return path


@pytest.fixture(scope="session")
def outcome(signed):
    result = check(signed, str(signed))
    assert not result.input_failed
    return result


@pytest.fixture(scope="session")
def pdfs(outcome) -> dict[str, bytes]:
    """The plain PDF (built twice), the PDF/A-3b, the PDF/UA-1 and a draft."""
    return {
        "plain": render(outcome, ["pdf"])["pdf"],
        "again": render(outcome, ["pdf"])["pdf"],
        "pdf/a-3b": render(outcome, ["pdf"], pdf_variant="pdf/a-3b")["pdf"],
        "pdf/ua-1": render(outcome, ["pdf"], pdf_variant="pdf/ua-1")["pdf"],
        "draft": render(outcome, ["pdf"], draft=True)["pdf"],
    }


@pytest.fixture(scope="session")
def reader(pdfs) -> pypdf.PdfReader:
    return pypdf.PdfReader(io.BytesIO(pdfs["plain"]))


@pytest.fixture(scope="session")
def pages(reader) -> list[str]:
    return [page.extract_text() for page in reader.pages]


def statement_figures(f) -> list:
    """Every figure printed on the two statements and Schedule H."""
    pairs = [ln.amount for g in f.investment_groups for ln in g.lines]
    pairs += [ln.amount for ln in f.receivables + f.liabilities] + ([f.cash.amount] if f.cash else [])
    pairs += [f.total_investments, f.total_receivables, f.total_assets, f.total_liabilities, f.net_assets]
    values = [v for p in pairs for v in (p.current, p.prior)]
    for row in f.additions + f.deductions:
        values += [row.amount] + [line.amount for line in row.lines]
    values += [f.total_additions, f.total_deductions, f.net_change, f.net_assets_beginning, f.net_assets_end]
    values += [r.current for r in f.schedule_rows] + [f.schedule_total]
    return values


def test_page_count_is_sane(reader):
    assert 8 <= len(reader.pages) <= 16


def test_every_statement_figure_is_in_the_text(outcome, pages):
    text = "\n".join(pages)
    missing = [v for v in statement_figures(outcome.filing) if v and group(v) not in text]
    assert not missing
    assert "\u2014" in pages[3]  # zero prints as a dash


def test_statements_keep_to_one_page_with_their_footer(outcome, pages):
    f = outcome.filing
    net_assets = next(p for p in pages if "Statements of Net Assets Available for Benefits" in p
                      and "Contents" not in p[:40] and group(f.net_assets.prior) in p)
    assert group(f.investment_groups[0].lines[0].amount.current) in net_assets
    assert "The accompanying notes are an integral part of these financial statements." in net_assets
    changes = next(p for p in pages if "Statement of Changes in Net Assets" in p and group(f.net_change) in p)
    assert "The accompanying notes are an integral part" in changes
    assert not any("integral part" in p for p in pages if "Notes to Financial Statements" in p[:200])


def test_bookmarks_name_every_section(outcome, reader):
    titles = [item.title for item in reader.outline if not isinstance(item, list)]
    assert titles == list(bookmarks(outcome.filing).values())
    notes = next(item for item in reader.outline if isinstance(item, list))
    assert [n.title for n in notes][:2] == ["Note 1 \u2013 Description of plan",
                                            "Note 2 \u2013 Summary of significant accounting policies"]


def test_contents_page_numbers_are_where_sections_start(outcome, reader, pages):
    starts = {item.title: reader.get_destination_page_number(item) + 1
              for item in reader.outline if not isinstance(item, list)}
    contents = pages[starts["Contents"] - 1]
    printed = [int(n) for n in re.findall(r"\.\s*(\d+)\s*$", contents, flags=re.M)]
    titled = [title for _, title in document.sections(outcome.filing) if title]
    assert printed == [starts[title] for title in titled]
    for title in titled:  # and each of those pages really opens with that section
        words = title.split()[-3:]
        assert " ".join(words) in " ".join(pages[starts[title] - 1].split()), title


def test_metadata_comes_from_the_yaml(reader):
    meta = reader.metadata
    assert meta.title == "SOS Staffing Services, Inc. 401(k) Plan - Form 11-K for the fiscal year ended December 31, 2001"
    assert meta.author == "SOS Staffing Services, Inc."
    assert "financial statements and supplemental schedule" in meta.subject
    assert "EIN 87-0295503" in meta["/Keywords"] and "Commission File No. 0-26094" in meta["/Keywords"]
    assert meta["/CreationDate"].startswith("D:20020530")  # the report date, not the clock


def test_only_the_shipped_font_is_embedded(reader):
    fonts = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            fonts.add(str(font.get_object()["/BaseFont"]).split("+")[-1])
    assert fonts and all(name.startswith("Caladea") for name in fonts), fonts


def test_two_builds_are_byte_identical(pdfs):
    assert pdfs["plain"] == pdfs["again"]


def test_pdf_a_3b_carries_the_yaml(pdfs, signed):
    pdf = pypdf.PdfReader(io.BytesIO(pdfs["pdf/a-3b"]))
    assert pdf.attachments == {"2001.yaml": [signed.read_bytes()]}
    xmp = pdf.trailer["/Root"]["/Metadata"].get_object().get_data()
    assert b"<pdfaid:part>3</pdfaid:part>" in xmp or b'pdfaid:part="3"' in xmp
    assert b"uuid" not in xmp


def _structure_types(node, seen: set) -> set:
    node = node.get_object()
    if isinstance(node, pypdf.generic.DictionaryObject):
        if "/S" in node:
            seen.add(str(node["/S"]))
        kids = node.get("/K")
        if kids is not None:
            for kid in (kids if isinstance(kids, pypdf.generic.ArrayObject) else [kids]):
                if isinstance(kid, (pypdf.generic.DictionaryObject, pypdf.generic.IndirectObject)):
                    _structure_types(kid, seen)
    return seen


def test_pdf_ua_1_is_tagged_with_table_headers(pdfs):
    root = pypdf.PdfReader(io.BytesIO(pdfs["pdf/ua-1"])).trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert root["/MarkInfo"]["/Marked"]
    types = _structure_types(root["/StructTreeRoot"], set())
    assert {"/Table", "/TH", "/TD", "/H1"} <= types
    assert root["/Lang"] == "en"


def test_draft_is_stamped_on_every_page(pdfs, reader):
    draft = pypdf.PdfReader(io.BytesIO(pdfs["draft"]))
    assert len(draft.pages) == len(reader.pages)
    assert all("DRAFT" in page.extract_text() for page in draft.pages)
    assert not any("DRAFT" in p for p in (page.extract_text() for page in reader.pages))


def test_a_long_schedule_repeats_its_headings_and_keeps_its_total(tmp_path):
    holdings = "".join(f"""
      - identity: Fund number {i}
        type: mutual_fund
        description: {i} shares of mutual fund
        current: {1000 + i}
        prior: 0
""" for i in range(150))
    text = EXAMPLE.read_text().replace("  - caption: Other investments\n", "  - caption: More funds\n    holdings:"
                                       + holdings + "  - caption: Other investments\n")
    path = tmp_path / "2001.yaml"
    path.write_text(text)
    outcome = check(path, str(path))  # the stated totals no longer agree; the layout is what is tested
    pdf = pypdf.PdfReader(io.BytesIO(render(outcome, ["pdf"])["pdf"]))
    start = next(item for item in pdf.outline if not isinstance(item, list) and item.title.startswith("Schedule 1"))
    first = pdf.get_destination_page_number(start)
    schedule = [p.extract_text() for p in pdf.pages[first:]]
    schedule = [p for p in schedule if "Current value" in " ".join(p.split())]  # the heading may wrap
    assert len(schedule) >= 3
    assert all("(b) Identity of issue" in p for p in schedule)
    last = schedule[-1]
    assert "Total" in last and "Participant loan" in last and group(outcome.filing.schedule_total) in last


def test_fetcher_serves_only_elevenk_files_from_its_folders(tmp_path):
    fetcher = ConfinedFetcher([builtin_templates(), ASSETS])
    assert fetcher.fetch("elevenk:fonts/Caladea-Regular.ttf").read()[:4] == b"\x00\x01\x00\x00"
    for url in ("http://example.com/x.css", "https://example.com/font.ttf", "file:///etc/passwd",
                "data:text/css,body{}", "elevenk:fonts/missing.ttf", "elevenk:../pyproject.toml", "elevenk:/etc/passwd"):
        with pytest.raises(ValueError):  # what WeasyPrint catches: the refusal must be recorded to fail the build
            fetcher.fetch(url)
    assert fetcher.refused == ["http://example.com/x.css", "https://example.com/font.ttf", "file:///etc/passwd",
                               "data:text/css,body{}", "elevenk:fonts/missing.ttf", "elevenk:../pyproject.toml",
                               "elevenk:/etc/passwd"]
    outside = tmp_path / "secret.txt"
    outside.write_text("secret")
    (tmp_path / "tpl").mkdir()
    (tmp_path / "tpl" / "link.css").symlink_to(outside)
    with pytest.raises(TemplateProblem, match="symlink"):
        find_confined(tmp_path / "tpl", "link.css")


@pytest.mark.parametrize("url", ["http://example.com/x.css", "elevenk:../../../../etc/hostname", "elevenk:/etc/hostname"])
def test_a_stylesheet_reaching_outside_fails_the_build(tmp_path, signed, url):
    """Refused resources fail the build, as the README says, rather than being dropped from the PDF."""
    (tmp_path / "pdf").mkdir()
    css = (builtin_templates() / "pdf" / "print.css").read_text()
    (tmp_path / "pdf" / "print.css").write_text(f'@import url("{url}");\n' + css)
    result = CliRunner().invoke(main, ["build", "--format", "pdf", "-o", str(tmp_path / "out"),
                                       "--templates", str(tmp_path), str(signed)])
    assert result.exit_code == 2
    assert url in result.output and "Traceback" not in result.output
    assert not list((tmp_path / "out").rglob("*.pdf"))


def test_a_typeset_on_a_fresh_stack_returns_and_raises_as_a_call():
    import threading

    from generator.render.pdf_typeset import on_fresh_stack

    assert on_fresh_stack(lambda a, b: (a + b, threading.current_thread().name), 2, 3) == (5, "elevenk-typeset")
    with pytest.raises(KeyError, match="missing"):
        on_fresh_stack(lambda: {}["missing"])
