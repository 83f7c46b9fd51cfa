"""The bundled example reproduces the reference filing (SOS Staffing Services 401(k) Plan, FY2001)."""

from __future__ import annotations

import difflib
import re

import pytest

from generator.pipeline import check, render

from .conftest import EXAMPLE, REFERENCE

NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")


def numbers(text: str) -> list[str]:
    """Every number in reading order, without thousands separators."""
    return [n.rstrip(",").replace(",", "") for n in NUMBER.findall(text)]


def without_contents_page(text: str) -> str:
    """Drop the page numbers of the contents page (ours are computed; the reference's are typed)."""
    start = text.index("C O N T E N T S")
    end = text.index("NOTES TO FINANCIAL STATEMENTS", start)
    end = text.index("\n\n", text.index("SCHEDULE", end))
    contents = re.sub(r"\.{3,}\s*\d+", "...", text[start:end])
    return text[:start] + contents + text[end:]


def is_subsequence(needles: list[str], haystack: list[str]) -> tuple[bool, int]:
    """Whether needles occur in haystack in order; also how many matched before the first miss."""
    it = iter(haystack)
    for i, n in enumerate(needles):
        if not any(n == h for h in it):
            return False, i
    return True, len(needles)


@pytest.fixture(scope="module")
def texts() -> tuple[str, str]:
    outcome = check(EXAMPLE)
    assert not outcome.input_failed
    ours = render(outcome, ["text"])["text"].decode("ascii")
    return REFERENCE.read_text(), ours


def test_every_reference_number_appears_in_order(texts):
    reference, ours = texts
    ref_numbers = numbers(without_contents_page(reference))
    our_numbers = numbers(without_contents_page(ours))
    ok, matched = is_subsequence(ref_numbers, our_numbers)
    assert ok, f"reference number #{matched} ({ref_numbers[matched]}) missing or out of order; " \
               f"context {ref_numbers[max(0, matched - 5):matched + 5]}"


def test_word_similarity_at_least_97_percent(texts):
    reference, ours = texts
    ratio = difflib.SequenceMatcher(None, reference.split(), ours.split(), autojunk=False).ratio()
    assert ratio >= 0.97, ratio


def test_every_figure_of_the_statements_is_printed(texts):
    _, ours = texts
    for figure in ("3,998,822", "5,437,869", "4,022,814", "5,837,693", "$4,022,421", "(545,303)",
                   "(426,833)", "465,248", "2,280,520", "(1,815,272)", "$ 500,554", "44,749", "1,046"):
        assert figure in ours, figure


def test_contents_page_numbers_point_at_the_sections(texts):
    _, ours = texts
    pages = ours.split("\n<PAGE>\n")
    contents = pages[1]
    entries = re.findall(r"^(.*?)\.{3,}\s*(\d+)$", contents, re.M)
    assert [title.strip() for title, _ in entries] == [
        "INDEPENDENT AUDITORS' REPORT", "STATEMENTS OF NET ASSETS AVAILABLE FOR BENEFITS",
        "FOR BENEFITS", "NOTES TO FINANCIAL STATEMENTS", "ASSETS (HELD AT END OF YEAR)"]
    starts = {"INDEPENDENT AUDITORS' REPORT": "INDEPENDENT AUDITORS' REPORT",
              "STATEMENTS OF NET ASSETS AVAILABLE FOR BENEFITS": "STATEMENTS OF NET ASSETS",
              "FOR BENEFITS": "STATEMENT OF CHANGES IN NET ASSETS",
              "NOTES TO FINANCIAL STATEMENTS": "NOTE 1 -",
              "ASSETS (HELD AT END OF YEAR)": "SCHEDULE H, LINE 4i"}
    for title, page in entries:
        page_text = pages[int(page) - 1]
        assert starts[title.strip()] in page_text, (title, page)
        assert page_text.rstrip().endswith(page), "footer shows the same page number"


def test_text_is_edgar_ascii_within_line_limits(texts):
    _, ours = texts
    wide_pages = ("STATEMENTS OF NET ASSETS", "SCHEDULE H, LINE 4i")  # the two wide tables
    for page in ours.split("\n<PAGE>\n"):
        wide = any(title in page for title in wide_pages)
        for line in page.split("\n"):
            assert all(c == "\t" or " " <= c <= "~" for c in line), line
            assert "^" not in line
            assert len(line) <= (132 if wide else 80), line
