"""The same YAML gives the same PDF bytes on any machine: the font subsetter is pinned."""

from __future__ import annotations

import ctypes.util

import pytest
import weasyprint.pdf.fonts

from generator.pipeline import check, render

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
