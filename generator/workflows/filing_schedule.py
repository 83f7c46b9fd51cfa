"""Read a filing's Schedule H, line 4i, and put each holding together from its row there and its line on the
statement of net assets (itemized, or by type: the rows that add up to each line)."""

from __future__ import annotations

import re
from decimal import Decimal

from .filing_document import Document, is_page_number
from .filing_words import holding_type
from .text_columns import RULE, cells, figures, is_amount, prose


def schedule(doc: Document) -> None:
    part = doc.part("schedule")
    if not part:
        doc.unread("Schedule H, line 4i (no heading found)")
        return
    texts = [ln.text for ln in part]
    joined = " ".join(" ".join(texts[:12]).split())
    m = re.search(r"EIN\W*(\d{2}-\d{7})", joined)
    if m:
        doc.d["plan"]["ein"] = m.group(1)
    else:
        doc.unread("the plan sponsor's EIN (not in Schedule H's heading)")
    m = re.search(r"PLAN\s*(?:NUMBER|NO\.?)?\s*#?\s*(\d{3})\b", joined, re.I)
    if m:
        doc.d["plan"]["number"] = m.group(1)
    else:
        doc.unread("the plan number (not in Schedule H's heading)")
    m = re.search(r"^\s*Schedule\s+(\w+)\s*$", "\n".join(texts[:4]), re.I | re.M)
    schedule: dict = {"number": m.group(1) if m else "1"}
    header = next((i for i, t in enumerate(texts) if "(c)" in t.lower() or "description of investment" in t.lower()),
                  None)
    if header is None:
        doc.unread("Schedule H's rows (no column headings)")
        return
    head_text = " ".join(texts[max(0, header - 3):header + 2]).lower()
    cost = "cost" in head_text
    schedule["cost_column"] = "shown" if cost else "omitted"
    doc.d["schedule_h"] = schedule
    repeated = {t.strip() for t in texts[:header + 1] if t.strip()}  # the headings each page repeats
    body = []
    for t in texts[header + 1:]:
        if t.strip() in repeated:
            continue
        if re.match(r"^\s*\*+\s+(Denotes|Party|Participant-directed|Investments? (are )?participant)", t, re.I):
            break
        if RULE.match(t) and t.strip() and not body:
            continue
        body.append(t)
    doc.schedule_rows = _schedule_table(doc, body, cost)


def _schedule_table(doc: Document, body: list[str], cost: bool) -> list[dict]:
    groups: list[list[str]] = [[]]
    for t in body:
        if not t.strip() or RULE.match(t) or is_page_number(t):
            if groups[-1]:
                groups.append([])
            continue
        groups[-1].append(t)
    groups = [g for g in groups if g]
    values_at = []
    for g in groups:
        f = figures(g[-1].replace("**", "  --  ") if cost else g[-1])
        values_at.append(min((a[1] for a in f.amounts), default=len(g[-1])))
    second = []
    for g in groups:
        runs = [c for c in cells(g[0]) if c.text != "*"]
        if len(runs) >= 2 and not is_amount(runs[1].text):
            second.append(runs[1].start)
    desc_at = min(second) if second else None
    rows = []
    for g in groups:
        last = g[-1]
        f = figures(last.replace("**", "--") if cost else last)
        if re.match(r"^\s*total\b", g[0], re.I):
            continue  # the schedule's own total
        if not f.amounts:
            doc.unread(f"Schedule H: a row without a value (\"{' '.join(g[0].split())[:60]}\")")
            continue
        value = f.amounts[-1][0]
        cost_value = None
        if cost and len(f.amounts) >= 2:
            cost_value = None if "**" in last else f.amounts[-2][0]
        cut = _amounts_start(last, min(len(f.amounts), 2 if cost else 1))  # a "par $100,000" is description
        ident, desc, star = [], [], False
        for i, t in enumerate(g):
            t = t[:cut] if i == len(g) - 1 else t
            first_text = next((c for c in cells(t)), None)
            if first_text is not None and first_text.text == "*" and first_text.start < 10:
                star = True
                t = t[:first_text.start] + " " + t[first_text.end:]
            if desc_at is None:
                ident.append(t)
            else:
                ident.append(t[:desc_at - 1])
                desc.append(t[desc_at - 1:])
        row = {"identity": prose(ident), "description": prose(desc), "party_in_interest": star,
               "current": value}
        if cost_value is not None:
            row["cost"] = cost_value
        rows.append(row)
    return rows


def match_holdings(doc: Document) -> None:
    rows = list(doc.schedule_rows)
    _notes_receivable(doc, rows)
    lines = [ln for g in doc.d.get("investments", []) for ln in g["holdings"]]
    matched = sum(1 for ln in lines if any(r["current"] == ln["current"] for r in rows))
    if rows and len(rows) > len(lines) and matched * 2 < len(lines):
        _by_type(doc, rows)
    else:
        _itemized(doc, rows)


def _notes_receivable(doc: Document, rows: list[dict]) -> None:
    """Participant loans on their own line: the Schedule H row of the same balance gives identity and text."""
    nr = doc.d.get("net_assets", {}).get("notes_receivable")
    if nr is None:
        return
    row = next((r for r in rows if r["current"] == nr["current"]), None)
    if row is None:
        doc.unread("notes receivable from participants: no Schedule H row of the same balance")
        return
    rows.remove(row)
    nr.update({"identity": row["identity"], "description": row["description"],
               "party_in_interest": row["party_in_interest"]})


def _itemized(doc: Document, rows: list[dict]) -> None:
    """Each statement line is a holding: its Schedule H row has the same value (and a like name)."""
    for group in doc.d.get("investments", []):
        out = []
        for line in group["holdings"]:
            row = next((r for r in rows if r["current"] == line["current"] and _alike(r, line)), None) or \
                next((r for r in rows if r["current"] == line["current"]), None)
            if row is not None:
                rows.remove(row)
            elif doc.schedule_rows:
                doc.unread(f"Schedule H: no row for \"{line['label']}\" ({line['current']:,}) of the "
                            "statement; its description is to be entered")
            out.append(_holding(doc, row, line, group["caption"]))
        group["holdings"] = out
    for r in rows:
        doc.unread(f"Schedule H: the row \"{r['identity']}\" ({r['current']:,}) matches no line of the "
                    "statement of net assets")


def _by_type(doc: Document, rows: list[dict]) -> None:
    """A statement by type: each line is a group, its holdings the Schedule H rows, in order, that add up
    to it. A holding's prior-year balance is not in the filing: it is left TODO, and the group's total
    listed."""
    doc.d["net_assets"]["presentation"] = "by_type"
    groups = []
    for line in [ln for g in doc.d.get("investments", []) for ln in g["holdings"]]:
        taken = rows_adding_to(rows, line, doc.unread)
        if not taken:  # one holding to be entered, carrying the line's figures so the totals still tie
            holdings = [{**_holding(doc, None, line, line["label"]), "identity": "TODO"}]
        elif len(taken) == 1:
            holdings = [_holding(doc, taken[0], line, line["label"])]
        else:
            holdings = [_holding(doc, r, {"label": r["identity"], "current": r["current"], "prior": "TODO"},
                                     line["label"]) for r in taken]
            doc.unread(no_prior_balances(line, len(taken)))
        if holdings:
            groups.append({"caption": line["label"], "holdings": holdings})
    doc.d["investments"] = groups
    for r in rows:
        doc.unread(f"Schedule H: the row \"{r['identity']}\" ({r['current']:,}) belongs to no line of the "
                    "statement of net assets")


def rows_adding_to(rows: list[dict], line: dict, unread) -> list[dict]:
    """The Schedule H rows at the head of rows, in order, that add up to a statement line by type (taken off
    rows); none, said through unread, when no run of them does."""
    taken, total = [], Decimal(0)
    while rows and total < line["current"]:
        taken.append(rows.pop(0))
        total += taken[-1]["current"]
    if total != line["current"]:
        rows[:0] = taken
        unread(f"Schedule H: no run of rows adds up to \"{line['label']}\" ({line['current']:,}); its holdings are "
               "to be entered")
        return []
    return taken


def no_prior_balances(line: dict, count: int) -> str:
    """What a statement by type leaves out: its holdings' prior-year balances."""
    return (f"\"{line['label']}\": the prior-year balances of its {count:,} holdings (the statement prints only "
            f"their total, {line['prior']:,}; last year's Schedule H has them, and the holdings sold during the year, "
            "to add with current: 0)")


def _holding(doc: Document, row: dict | None, line: dict, caption: str) -> dict:
    """A holding from its Schedule H row and statement line, its type told by its words."""
    issuer = str(doc.d.get("issuer", {}).get("name", ""))
    identity = row["identity"] if row else line["label"]
    kind = holding_type(identity, line["label"], caption, row["description"] if row else "", issuer,
                        caption_first=doc.d.get("net_assets", {}).get("presentation") == "by_type")
    if kind is None:
        kind = "other"
        doc.unread(f"the type of \"{identity}\": set to other (not told by its caption, name or description)")
    return holding_of(row, line, caption, kind, "TODO")


def holding_of(row: dict | None, line: dict, caption: str, kind: str, no_description: str) -> dict:
    """A holding from its Schedule H row (identity, description, mark, cost), its type and its statement line
    (values); no_description stands in for the description when there is no row."""
    holding: dict = {"identity": row["identity"] if row else line["label"]}
    if row is not None and row["identity"] != line["label"] and line["label"] != caption:
        holding["label"] = line["label"]
    holding["type"] = kind
    if row is not None and row["party_in_interest"]:
        holding["party_in_interest"] = True
    holding["description"] = row["description"] if row else no_description
    if row is not None and "cost" in row:
        holding["cost"] = row["cost"]
    holding["current"], holding["prior"] = line["current"], line["prior"]
    return holding


def _alike(row: dict, line: dict) -> bool:
    a, b = row["identity"].lower(), line["label"].lower()
    return a[:10] == b[:10]


def _amounts_start(line: str, count: int) -> int:
    """Where the last count amount runs of a line begin."""
    runs = cells(line)
    taken = 0
    start = len(line)
    for c in reversed(runs):
        if taken >= count and c.text != "$":
            break
        if c.text in ("$", "**") or is_amount(c.text) or c.text.startswith("$"):
            start = c.start
            if c.text != "$":
                taken += 1
            continue
        head, _, tail = c.text.rpartition(" ")
        if head and is_amount(tail):
            start = c.start + len(head) + 1
        break
    return start
