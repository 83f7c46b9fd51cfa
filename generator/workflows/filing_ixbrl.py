"""Read last year's Form 11-K in its Inline XBRL form (the primary document of an EDGAR submission) into
plan-year data, driven by the facts: the document's facts (ixbrl_document), the plan's member, year and units
(ixbrl_facts), both statements and Schedule H from their elements and contexts (ixbrl_statements,
ixbrl_schedule), the notes from their text blocks. What no fact tags (the Commission file number and the
issuer on the cover, the auditor's report, the signatures) is read as the HTML form is, from the document's
text. Facts of elements the mapping does not name are skipped and listed, never guessed at.
"""

from __future__ import annotations

import re
from collections import Counter

from ..findings import Finding
from ..model.xbrl import mapping as m
from . import filing_front, filing_notes
from . import ixbrl_elements as el
from .filing_document import Document, Line, Read
from .filing_text import text_document
from .html_layout import html_as_text
from .ixbrl_document import TABLE, block_markup, markup, read_document
from .ixbrl_facts import PlanFacts, financial, plan_facts
from .ixbrl_schedule import holdings, schedule
from .ixbrl_statements import Reading, appreciation_by_type, changes, net_assets, statement_rows
from .text_columns import pages

NOTE_TITLE = re.compile(r"^\s*(?:NOTE\s+)?(?:\(?[0-9]{1,2}\)?|[A-Z])\s*[-.:)\u2013\u2014]\s*(?P<title>\S.*)$|"
                        r"^\s*NOTE\s+[0-9A-Z]{1,2}\s+(?P<bare>\S.*)$", re.I)


def read_ixbrl_filing(text: str, source: str) -> tuple[Read | None, list[Finding]]:
    """Plan-year data from an Inline XBRL 11-K, or (None, the located reasons it cannot be read)."""
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
    tables = {id(t): t for t in (next(row.element.iterancestors(TABLE), None) for row in rows["schedule"]) if t is not None}
    front = text_document(html_as_text(markup(doc, list(tables.values()))), out)
    filing_front.cover(front)
    filing_front.auditor(front)
    _cover(plan, out)
    r = Reading(plan, out)
    if not rows["net_assets"]:
        out.unread("the statement of net assets (no table of its facts)")
    net_assets(r, rows["net_assets"])
    changes(r, rows["changes"])
    appreciation_by_type(r)
    holdings(r, schedule(r, rows["schedule"]))
    if plan.amounts_in != "dollars":
        out.data["filing"]["amounts_in"] = plan.amounts_in
    if r.presentation:
        out.data["presentation"] = r.presentation
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
    if plan.form == "transition":
        filing["report"] = "transition"
        filing["transition_period"] = {"start": plan.year.start, "end": plan.year.end}
    end = plan.dei.get(m.COVER["period_end"])
    if end is not None and end.value != plan.current:
        out.unread(f"dei:DocumentPeriodEndDate says {end.value}, the plan year's context ends {plan.current}: the "
                   "context's date is used")
    name = plan.dei.get(m.COVER["registrant"])
    if name is not None and isinstance(name.value, str) and name.value:
        plan_data["name"] = name.value
    if plan.ein:
        plan_data["ein"], plan_data["number"] = plan.ein, plan.plan_number
    else:
        out.unread(f"the plan's EIN and number: its member {el.local(plan.member)} is not named EBP<EIN>-<plan "
                   "number>Member as FASB's guidance says")
    cik = plan.dei.get(m.COVER["cik"])
    if cik is not None and isinstance(cik.value, str) and re.fullmatch(r"\d{10}", cik.value):
        plan_data["cik"] = cik.value


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
        if fact.concept in known or not financial(fact) or fact.concept.endswith("TextBlock") or \
                (fact.row is not None and r.plan.doc.rows[fact.row].in_note) or _inside_block(fact):
            continue
        counts[fact.name or fact.concept] += 1
    for name, n in sorted(counts.items()):
        r.unread(f"{name} ({n} fact{'s' if n > 1 else ''}): an element elevenk does not read, skipped")
    r.out.unread += list(r.plan.doc.skipped)


def _inside_block(fact) -> bool:
    return any(getattr(a, "get", None) and a.get("escape") in ("true", "1") for a in fact.element.iterancestors())


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

