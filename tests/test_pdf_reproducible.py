"""The same YAML gives the same PDF bytes on any machine: the font subsetter is pinned."""

from __future__ import annotations

import ctypes.util

import pytest
import weasyprint.pdf.fonts

from generator.pipeline import check, render
from generator.render import pdf_resources

from .conftest import EXAMPLE


class NotToBeAsked:
    """A stand-in for a HarfBuzz subset library that fails the test as soon as WeasyPrint consults it."""

    def __bool__(self):
        raise AssertionError("WeasyPrint asked whether HarfBuzz-Subset is there: the subsetter is not pinned")


def present_subsetter():
    """The system's libharfbuzz-subset as WeasyPrint loads it, or the stand-in where it is missing."""
    if weasyprint.pdf.fonts.harfbuzz_subset is not None:
        return weasyprint.pdf.fonts.harfbuzz_subset
    if ctypes.util.find_library("harfbuzz-subset"):
        return weasyprint.pdf.fonts.ffi.dlopen("libharfbuzz-subset.so.0")
    return NotToBeAsked()


@pytest.mark.parametrize("plan", [EXAMPLE, EXAMPLE.parent.parent / "harbor-point" / "2024.yaml"],
                         ids=["sos-staffing", "harbor-point"])
def test_pdf_bytes_do_not_depend_on_harfbuzz_subset(plan, monkeypatch):
    outcome = check(plan)
    monkeypatch.setattr(weasyprint.pdf.fonts, "harfbuzz_subset", present_subsetter())
    with_library = render(outcome, ["pdf"])["pdf"]
    monkeypatch.setattr(weasyprint.pdf.fonts, "harfbuzz_subset", None)
    without_library = render(outcome, ["pdf"])["pdf"]
    assert with_library == without_library


def test_the_pin_is_lifted_after_the_write(monkeypatch):
    library = NotToBeAsked()
    monkeypatch.setattr(weasyprint.pdf.fonts, "harfbuzz_subset", library)
    render(check(EXAMPLE), ["pdf"])
    assert weasyprint.pdf.fonts.harfbuzz_subset is library


@pytest.mark.parametrize("plan", [EXAMPLE, EXAMPLE.parent.parent / "harbor-point" / "2024.yaml"],
                         ids=["sos-staffing", "harbor-point"])
def test_subsetting_without_decoding_dropped_tables_gives_the_same_bytes(plan, monkeypatch):
    """GSUB and GPOS are deleted before fontTools subsets a font (it would decode them only to drop them):
    the PDF is the one fontTools' own order of work gives."""
    outcome = check(plan)
    quick = render(outcome, ["pdf"])["pdf"]
    monkeypatch.setattr(pdf_resources, "_without_dropped_layout_tables", lambda subset: subset)
    assert render(outcome, ["pdf"])["pdf"] == quick


class _Options:
    drop_tables = ["GSUB", "GPOS", "SVG"]


@pytest.mark.parametrize("tables, left", [({"GSUB", "GPOS", "GDEF", "glyf"}, {"GDEF", "glyf"}),
                                          ({"GSUB", "GPOS", "kern"}, {"GSUB", "GPOS", "kern"})],
                         ids=["dropped first", "a legacy kern table waits for GPOS"])
def test_which_tables_go_before_subsetting(tables, left):
    class Subsetter:
        options = _Options()

    seen = []
    quick = pdf_resources._without_dropped_layout_tables(lambda self, font: seen.append(set(font)))
    quick(Subsetter(), dict.fromkeys(tables))
    assert seen == [left]


def test_the_subsetter_is_restored_after_the_write():
    subset = weasyprint.pdf.fonts.subset.Subsetter.subset
    render(check(EXAMPLE), ["pdf"])
    assert weasyprint.pdf.fonts.subset.Subsetter.subset is subset
