"""WeasyPrint's native libraries are found from one ldconfig listing: the libraries ctypes would find, without
running gcc and ld for every name WeasyPrint tries."""

from __future__ import annotations

import ctypes.util
import subprocess
import sys

import pytest

from generator.render import weasyprint_loader

from .conftest import ROOT

listed = weasyprint_loader.listing()
needs_ldconfig = pytest.mark.skipif(listed is None, reason="no ldconfig listing on this system (not Linux/glibc)")


@needs_ldconfig
@pytest.mark.parametrize("name", ["pango-1.0", "pangoft2-1.0", "gobject-2.0", "harfbuzz", "fontconfig",
                                  "libpango-1.0-0", "pango-1.0-0"])
def test_the_listing_finds_what_ctypes_finds(name):
    """Names WeasyPrint tries, found and not found: the listing's answer is ctypes' own (which runs gcc and ld
    for the names the listing lacks, and finds nothing more for them)."""
    assert weasyprint_loader.finder(listed)(name) == ctypes.util.find_library(name)


@needs_ldconfig
def test_importing_weasyprint_runs_one_program_not_ninety():
    script = """
import sys
ran = []
sys.addaudithook(lambda event, args: ran.append(args[0]) if event == "subprocess.Popen" else None)
from generator.render.weasyprint_loader import weasyprint
import ctypes.util
print(len(ran), ran[0] if ran else "", ctypes.util.find_library.__module__)
"""
    out = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True)
    count, program, lookup = out.stdout.split()
    assert (count, program) == ("1", weasyprint_loader.LDCONFIG)
    assert lookup == "ctypes.util"  # the usual lookup is back once WeasyPrint is imported


def test_without_a_listing_nothing_is_changed(monkeypatch):
    monkeypatch.setattr(weasyprint_loader, "listing", lambda: None)
    before = ctypes.util.find_library
    with weasyprint_loader.listed_libraries():
        assert ctypes.util.find_library is before
