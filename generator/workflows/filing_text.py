"""Read last year's Form 11-K as filed in EDGAR's text form into plan-year data (plain dicts and lists).

Each part of the filing is found by its heading and read by its own module: the cover, auditor's report,
consent and signatures (filing_front), both statements (filing_statements), the notes (filing_notes) and
Schedule H line 4i with the holdings (filing_schedule). Printed totals become stated assertions; what
cannot be read is listed in `unread`, never guessed.
"""

from __future__ import annotations

import re

from . import filing_front, filing_notes, filing_schedule, filing_statements
from .filing_document import Document, Line, Read
from .text_columns import pages


def read_text_filing(text: str) -> Read:
    """Plan-year data from the text of a Form 11-K filing."""
    doc = text_document(text)
    if "net_assets" not in doc.parts:
        return doc.out
    for step in (filing_front.cover, filing_front.auditor, filing_statements.net_assets, filing_statements.changes,
                 filing_notes.notes, filing_schedule.schedule, filing_schedule.match_holdings,
                 filing_notes.apply_breakdowns, filing_front.consent, filing_front.signatures):
        step(doc)
    return doc.out


def text_document(text: str, out: Read | None = None) -> Document:
    """A filing's text as pages of lines and where each part starts, before any part is read; what the parts'
    readers find goes into out."""
    out = out if out is not None else Read()
    lines = [Line(p, ln) for p, page in enumerate(pages(text)) for ln in page]
    parts = _parts(lines)
    out.parts = tuple(parts)
    return Document(out, lines, parts)


def _parts(lines: list[Line]) -> dict[str, int]:
    """Where each part starts (index of its heading line); the contents page's entries are skipped."""
    found: dict[str, int] = {}
    tests = (
        ("auditor", lambda t: re.search(r"^(INDEPENDENT AUDITORS?'? ?S?'? REPORT|REPORT OF INDEPENDENT)", t)),
        ("net_assets", lambda t: re.match(r"^STATEMENTS? OF NET ASSETS AVAILABLE", t)),
        ("changes", lambda t: re.match(r"^STATEMENTS? OF CHANGES IN NET ASSETS", t)),
        ("notes", lambda t: re.match(r"^NOTE\s+1\b", t)),
        ("schedule", lambda t: re.match(r"^SCHEDULE H,? LINE 4I\b", t)),
        ("consent", lambda t: re.match(r"^CONSENT OF INDEPENDENT", t)),
        ("signatures", lambda t: t == "SIGNATURES" or t == "SIGNATURE"),
    )
    contents = {ln.page for ln in lines if re.fullmatch(r"(C O N T E N T S|(TABLE OF )?CONTENTS|INDEX)",
                                                         ln.text.strip().upper())}
    for i, line in enumerate(lines):
        text = line.text.strip().upper()
        if not text or "...." in text or line.page in contents:
            continue
        centred = len(line.text) - len(line.text.lstrip()) > 3
        for name, test in tests:
            if name in ("auditor", "schedule", "consent", "net_assets", "changes") and not centred:
                continue
            if name not in found and test(text) and (not found or i > max(found.values())):
                found[name] = i
    if "schedule" in found:  # "Schedule 1" above the schedule's heading belongs to it
        i = found["schedule"]
        while i > 0 and lines[i - 1].page == lines[found["schedule"]].page:
            i -= 1
        found["schedule"] = i
    return found
