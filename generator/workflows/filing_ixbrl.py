"""Read last year's Form 11-K in its Inline XBRL form (the primary document of an EDGAR submission) into
plan-year data, driven by the facts: the document's facts (ixbrl_document), the plan's member, year and units
(ixbrl_facts), both statements and Schedule H from their elements and contexts (ixbrl_statements,
ixbrl_schedule), the notes from their text blocks. What no fact tags (the Commission file number and the
issuer on the cover, the auditor's report, the signatures) is read as the HTML form is, from the document's
text. Facts of elements the mapping does not name are skipped and listed, never guessed at.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Callable

from ..findings import Finding
from ..model.compute import one_year_before
from ..model.xbrl import mapping as m
from ..model.xbrl.facts import default_prefix
from . import filing_front, filing_notes
from . import ixbrl_elements as el
from .filing_document import Document, Line, Read
from .filing_text import text_document
from .html_layout import html_as_text
from .ixbrl_document import TABLE, block_markup, markup, read_document
from .ixbrl_facts import PlanFacts, financial, plan_facts
from .ixbrl_schema import read_extension
from .ixbrl_schedule import holdings, schedule
from .ixbrl_statements import Reading, appreciation_by_type, changes, net_assets, statement_rows
from .text_columns import pages

NOTE_TITLE = re.compile(r"^\s*(?:NOTE\s+)?(?:\(?[0-9]{1,2}\)?|[A-Z])\s*[-.:)\u2013\u2014]\s*(?P<title>\S.*)$|"
                        r"^\s*NOTE\s+[0-9A-Z]{1,2}\s+(?P<bare>\S.*)$", re.I)


@dataclass(frozen=True)
class Beside:
    """The files next to the document: their names, and how to read one (None when it cannot be)."""

    names: tuple[str, ...] = ()
    read: Callable[[str], str | None] = field(default=lambda name: None)

    def exhibits(self) -> list[str]:
        """The consents (Exhibit 23) as EDGAR names their documents: prefix-ex23.htm, ex23-1.htm, ..."""
        found = [self.read(n) for n in self.names if re.search(r"ex-?23", n, re.I) and n.lower().endswith(
            (".htm", ".html"))]
        return [text for text in found if text]


def read_ixbrl_filing(text: str, source: str, beside: Beside | None = None) -> tuple[Read | None, list[Finding]]:
    """Plan-year data from an Inline XBRL 11-K, or (None, the located reasons it cannot be read). Beside are the
    files next to the document: the filer's extension schema and linkbases, the consents (Exhibit 23)."""
    beside = beside or Beside()
    doc = read_document(text, source)
    if doc.problems:
        return None, doc.problems
    plan, problems = plan_facts(doc)
    if plan is None:
        return None, problems
    out = Read(parts=("net_assets",))
    rows = statement_rows(plan)
    # What no fact tags is read from the document's text, laid out without Schedule H's table (the bulk of a
    # large plan's document, read from its facts).
    found = (next(row.element.iterancestors(TABLE), None) for row in rows["schedule"])
    tables = {id(t): t for t in found if t is not None}
    laid = [html_as_text(markup(doc, list(tables.values())))]
    laid += [html_as_text(exhibit) for exhibit in beside.exhibits()]
    front = text_document("\n<PAGE>\n".join(laid), out)
    filing_front.cover(front)
    filing_front.auditor(front)
    _cover(plan, out)
    r = Reading(plan, out, extension=read_extension(doc.schema_ref, beside.read))
    if not rows["net_assets"]:
        out.unread.append("the statement of net assets (no table of its facts)")
    net_assets(r, rows["net_assets"])
    changes(r, rows["changes"])
    appreciation_by_type(r)
    holdings(r, schedule(r, rows["schedule"]))
    if plan.amounts_in != "dollars":
        out.data["filing"]["amounts_in"] = plan.amounts_in
    if r.presentation:
        out.data["presentation"] = r.presentation
    out.data["xbrl"] = _xbrl(doc.extension_prefix, str(out.data.get("issuer", {}).get("name", "")))
    _notes(r, front.heading_name)
    filing_front.consent(front)
    filing_front.signatures(front)
    _skipped(r)
    return out, []


def _cover(plan: PlanFacts, out: Read) -> None:
    """The cover from the dei facts and the plan's member: they win over the cover's words."""
    d = out.data
    filing, plan_data = d["filing"], d["plan"]
    filing["fiscal_year_end"] = plan.current
    if plan.prior != one_year_before(plan.current):  # a short (transition) plan year
        filing["prior_year_end"] = plan.prior
    if plan.form == "transition":
        filing["report"] = "transition"
        # Dates of their own: the YAML writer would write one date object used twice as an alias.
        filing["transition_period"] = {"start": _date(plan.year.start), "end": _date(plan.year.end)}
    end = plan.dei.get(m.COVER["period_end"])
    if end is not None and end.value != plan.current:
        out.unread.append(f"dei:DocumentPeriodEndDate says {end.value}, the plan year's context ends "
                          f"{plan.current}: the context's date is used")
    name = plan.dei.get(m.COVER["registrant"])
    if name is not None and isinstance(name.value, str) and name.value:
        plan_data["name"] = name.value
    if plan.ein:
        plan_data["ein"], plan_data["number"] = plan.ein, plan.plan_number
    else:
        out.unread.append(f"the plan's EIN and number: its member {el.local(plan.member)} is not named "
                          "EBP<EIN>-<plan number>Member as FASB's guidance says")
    cik = plan.dei.get(m.COVER["cik"])
    if cik is not None and isinstance(cik.value, str) and re.fullmatch(r"\d{10}", cik.value):
        plan_data["cik"] = cik.value


def _date(day: dt.date) -> dt.date:
    return dt.date.fromordinal(day.toordinal())


def _xbrl(prefix: str, issuer: str) -> dict:
    """The plan was filed in Inline XBRL: so it stays, with the filer's prefix where it is not the default one."""
    out: dict = {"build": True}
    if re.fullmatch(r"[a-z][a-z0-9]{0,19}", prefix) and prefix != default_prefix(issuer):
        out["prefix"] = prefix
    return out


def _notes(r: Reading, heading: str) -> None:
    """The notes, one per text block, read as the HTML form's notes are; the net appreciation's table stays the
    breakdown the facts give, other tables of amounts stay text."""
    plan = r.plan
    seen = set()
    lines: list[Line] = []
    elements: list[str] = []
    for fact in plan.doc.facts:
        if not fact.text_block or fact.dimensions or not plan.in_year(fact) or id(fact.element) in seen:
            continue
        seen.add(id(fact.element))
        laid = [ln for page in pages(html_as_text(block_markup(plan.doc, fact))) for ln in page]
        body = [ln for ln in laid if ln.strip()]
        if not body:
            continue
        first = body[0].strip()
        match = NOTE_TITLE.match(first)
        title = (match.group("title") or match.group("bare")) if match else first
        elements.append(fact.concept)
        page = len(elements)
        lines.append(Line(page, f"NOTE {len(elements)} - {title}"))
        lines += [Line(page, ln) for ln in laid[laid.index(body[0]) + 1:]]
    if not lines:
        r.unread("the notes (no text block)")
        return
    notes = Document(Read(), lines, {"notes": 0})
    notes.heading_name = heading
    filing_notes.notes(notes)
    r.out.unread += notes.out.unread
    _breakdowns(r, notes)
    for note, element in zip(notes.d["notes"], elements):
        note.pop("page_break", None)
        for block in note["blocks"]:
            block.pop("page_break", None)
        if element.startswith("us-gaap-ebp:") and el.note_element(note["title"]) != element:
            note["xbrl_element"] = el.local(element)
    r.d["notes"] = notes.d["notes"]


def _breakdowns(r: Reading, notes: Document) -> None:
    """A note's table of amounts: the net appreciation by type where the facts gave it, else a text table (or,
    with no such facts, the table read as the HTML form reads it)."""
    if not r.parts:
        notes.d["changes"] = r.d.get("changes", {})
        filing_notes.apply_breakdowns(notes)
        r.out.unread += [u for u in notes.out.unread if u not in r.out.unread]
        return
    total = abs(sum(p["amount"] for p in r.parts))
    kept = False
    for parts, printed, block in notes.breakdowns:
        if not kept and printed == total:
            kept = True
        else:
            filing_notes.as_text_table(notes, parts, printed, block)
    r.out.unread += [u for u in notes.out.unread if u not in r.out.unread]


def _skipped(r: Reading) -> None:
    """Facts printed outside the notes whose elements the mapping does not name, by element."""
    known = _known() | r.seen
    counts: Counter = Counter()
    for fact in r.plan.doc.facts:
        if fact.concept in known or not financial(fact) or fact.text_block or fact.in_note or \
                fact.concept.endswith("TextBlock"):
            continue
        counts[fact.name or fact.concept] += 1
    labels = {r.name(c): f'"{text}", ' for c, text in r.extension.labels.items()}
    for name, n in sorted(counts.items()):
        r.unread(f"{name} ({labels.get(name, '')}{n} fact{'s' if n > 1 else ''}): an element elevenk does not read, "
                 "skipped")
    r.out.unread += list(r.plan.doc.skipped)


def _known() -> set[str]:
    """Every element the mapping names."""
    names: set[str] = set()
    for table in (m.NET_ASSETS, m.RECEIVABLES, m.LIABILITIES, m.CHANGES, m.CHANGE_TOTALS, m.SCHEDULE_H, m.FAIR_VALUE,
                  m.RECONCILIATION, m.COVER):
        names |= {v for v in table.values() if isinstance(v, str) and ":" in v}
    names |= {e for row in m.RECONCILING.values() for e in row if e}
    names |= {e for _, e in m.NOTE_BLOCKS}
    names |= {f"ext:{name}" for name in m.EXTENSIONS}
    return names

