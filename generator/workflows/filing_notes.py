"""Read a filing's notes: titles, lettered items, underlined headings, paragraphs, text tables, and the table
of amounts that is the net appreciation by type."""

from __future__ import annotations

import re
from decimal import Decimal

from .filing_document import Document, is_page_number
from .text_columns import DATE, RULE, cells, figures, prose, rule_spans, sentence_case


def notes(doc: Document) -> None:
    part = doc.part("notes")
    notes: list[dict] = []
    note = None
    block: list[str] = []
    page = part[0].page if part else 0
    new_page = False

    def close() -> None:
        nonlocal block, new_page
        if block and note is not None:
            for made in _note_blocks(doc, block):
                if new_page:
                    made["page_break"] = True
                note["blocks"].append(made)
                new_page = False
        block = []

    header = {doc.heading_name.upper(), "NOTES TO FINANCIAL STATEMENTS"}
    for ln in part:
        text = ln.text
        if ln.page != page:
            close()
            page, new_page = ln.page, True
        stripped = text.strip()
        if is_page_number(text) or stripped.upper() in header or \
                (DATE.search(stripped) and not block and
                 re.sub(r"\b(19|20)\d\d\b|\band\b", "", DATE.sub("", stripped)).strip(" ,") == ""):
            continue
        m = re.match(r"^NOTE\s+(\d+)\s*[-.:]?\s*(.+)$", stripped, re.I)
        if m:
            close()
            title = m.group(2).strip()
            if title.upper().endswith("(CONTINUED)") and note is not None:
                continue
            note = {"title": sentence_case(title), "blocks": []}
            if new_page and notes:
                note["page_break"] = True
            new_page = False
            notes.append(note)
            continue
        if not stripped:
            close()
            continue
        if RULE.match(text) and not block:
            continue  # a note title's underline
        block.append(text)
    close()
    for note in notes:
        if not note["blocks"]:
            note["blocks"].append({"text": "TODO"})
            doc.unread(f"note \"{note['title']}\": no text found")
    doc.d["notes"] = notes


def _note_blocks(doc: Document, lines: list[str]) -> list[dict]:
    """The blocks of a run of lines: an underlined heading, then what follows it."""
    if len(lines) >= 2 and RULE.match(lines[1]) and not RULE.match(lines[0]) and len(rule_spans(lines[1])) == 1 \
            and len(lines[1].strip()) >= len(lines[0].strip()) - 2:
        return [{"heading": " ".join(lines[0].split())}] + (_note_blocks(doc, lines[2:]) if lines[2:] else [])
    return [_note_block(doc, lines)]


def _note_block(doc: Document, lines: list[str]) -> dict:
    """One block of a note: an item, a table, a breakdown or a paragraph."""
    rules = [i for i, ln in enumerate(lines) if RULE.match(ln)]
    first = lines[0].strip()
    rows = [figures(ln) for ln in lines if not RULE.match(ln)]
    if rules and all(len(r.amounts) == 1 for r in rows):
        parts = [(r.label, r.amounts[-1][0]) for r in rows if r.label]
        totals = [r.amounts[-1][0] for r in rows if not r.label]
        if parts and totals:
            block: dict = {"breakdown": "net_appreciation"}
            doc.breakdowns.append((parts, totals[-1], block))
            return block
    if rules and rules[0] > 0 and (len(rule_spans(lines[rules[0]])) >= 2 or any(r.amounts for r in rows)):
        table = _table(lines, rules[0])
        if any(len(r.amounts) > 1 for r in rows):
            doc.unread("a table of amounts in a note is kept as text (a fair value or Form 5500 table is "
                        "computed by elevenk from the holdings' fair_value_level and form5500 data, with "
                        "`breakdown:`)")
        return table
    m = re.match(r"^([A-Z])\.\s+(.+?)\s+-\s+(.*)$", " ".join(first.split()))
    if m:
        return {"item": m.group(2), "text": prose([m.group(3)] + lines[1:])}
    return {"text": prose(lines)}

@staticmethod


def _table(lines: list[str], rule: int) -> dict:
    """A text table: columns from the dashes under its headings; a label column where text starts left
    of them; a label wrapped over lines joined; a `$` on its own dropped."""
    spans = rule_spans(lines[rule])
    body = [ln for ln in lines[rule + 1:] if ln.strip() and not RULE.match(ln)]
    if any(c.start < spans[0][0] - 1 for ln in lines for c in cells(ln) if not RULE.match(ln)):
        spans = [(0, spans[0][0] - 1)] + spans

    def split(line: str) -> list[str]:
        out = [""] * len(spans)
        for c in cells(line):
            if c.text == "$":
                continue
            overlap = [min(c.end, b) - max(c.start, a) for a, b in spans]
            col = max(range(len(spans)), key=lambda i: (overlap[i], -abs(c.end - spans[i][1])))
            out[col] = (out[col] + " " + c.text).strip()
        return out

    heads = [split(ln) for ln in lines[:rule]]
    columns = [" ".join(h[i] for h in heads if h[i]) for i in range(len(spans))]
    rows, pending = [], ""
    for ln in body:
        row = split(ln)
        if row[0] and not any(row[1:]):
            pending = (pending + " " + row[0]).strip()
            continue
        if pending:
            row[0] = (pending + " " + row[0]).strip()
            pending = ""
        rows.append(row)
    return {"table": {"columns": columns, "rows": rows}}


def apply_breakdowns(doc: Document) -> None:
    """A note's table that adds to the net appreciation becomes its by-type breakdown."""
    line = next((ln for item in doc.d.get("changes", {}).get("additions", [])
                 for ln in (item.get("lines") or [item]) if ln.get("kind") == "net_appreciation"), None)
    for parts, total, block in doc.breakdowns:
        amount = line.get("amount") if line else None
        if amount is not None and abs(amount) == total and sum(v for _, v in parts) == total:
            sign = -1 if amount < 0 else 1
            line["by_type"] = [{"type": label, "amount": sign * value} for label, value in parts]
            del line["amount"]
        else:
            as_text_table(doc, parts, total, block)


def as_text_table(doc: Document, parts: list[tuple[str, Decimal]], total: Decimal, block: dict) -> None:
    """A note's table of amounts that is no breakdown of the statements: kept as a text table, listed."""
    block.clear()
    block["table"] = {"columns": ["", "Amount"], "rows": [[label, f"{value:,}"] for label, value in parts]
                      + [["Total", f"{total:,}"]]}
    doc.unread("a table of amounts in the notes that is not the net appreciation by type: kept as a text table")
