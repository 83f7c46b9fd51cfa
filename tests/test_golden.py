"""The 2001 example's EDGAR text filing is byte-for-byte what it was when it first reproduced the reference
filing: new presentation options keep today's output as their default."""

from __future__ import annotations

import difflib
from pathlib import Path

from generator.pipeline import check, render

from .conftest import EXAMPLE

GOLDEN = Path(__file__).parent / "golden" / "sos-staffing-2001.txt"


def test_the_2001_text_filing_is_byte_identical():
    ours = render(check(EXAMPLE), ["text"])["text"]
    golden = GOLDEN.read_bytes()
    if ours != golden:
        diff = difflib.unified_diff(golden.decode("ascii").splitlines(), ours.decode("ascii").splitlines(),
                                    "golden", "built", lineterm="", n=1)
        raise AssertionError("the 2001 text filing changed:\n" + "\n".join(list(diff)[:60]))
