"""Read last year's Form 11-K as filed in EDGAR's text form into plan-year data (plain dicts and lists).

Each part of the filing is found by its heading and read by its own function: the cover, the auditor's report,
both statements, the notes, Schedule H line 4i and the consent. Printed totals become stated assertions; what
cannot be read is listed in `unread`, never guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from .filing_words import change_kind, holding_type, line_kind
from .text_columns import (
    DATE,
    RULE,
    cells,
    figures,
    is_amount,
    pages,
    parse_date,
    prose,
    sentence_case,
    title_case,
)

STATED_NET_ASSETS = (("TOTAL INVESTMENTS", "total_investments"), ("TOTAL RECEIVABLES", "total_receivables"),
                     ("TOTAL ASSETS", "total_assets"), ("TOTAL LIABILITIES", "total_liabilities"),
                     ("NET ASSETS AVAILABLE FOR BENEFITS", "net_assets"))
STATED_CHANGES = (("TOTAL ADDITIONS", "total_additions"), ("TOTAL DEDUCTIONS", "total_deductions"),
                  ("NET INCREASE", "net_change"), ("NET DECREASE", "net_change"), ("NET CHANGE", "net_change"),
                  ("BEGINNING OF YEAR", "net_assets_beginning"), ("END OF YEAR", "net_assets_end"))


@dataclass
class Read:
    """What was read: the plan-year data, and what could not be read, in words."""

    data: dict = field(default_factory=dict)
    unread: list[str] = field(default_factory=list)


@dataclass
class _Line:
    page: int
    text: str


def read_text_filing(text: str) -> Read:
    """Plan-year data from the text of a Form 11-K filing."""
    out = Read()
    lines = [_Line(p, ln) for p, page in enumerate(pages(text)) for ln in page]
    parts = _parts(lines)
    reader = _Reader(out, lines, parts)
    for step in (reader.cover, reader.auditor, reader.net_assets, reader.changes, reader.notes, reader.schedule,
                 reader.match_holdings, reader.consent, reader.signatures):
        step()
    return out


def _parts(lines: list[_Line]) -> dict[str, int]:
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


class _Reader:
    def __init__(self, out: Read, lines: list[_Line], parts: dict[str, int]):
        self.out, self.lines, self.parts = out, lines, parts
        self.d = out.data
        self.heading_name = ""
        self.statement_holdings: list[dict] = []
        self.schedule_rows: list[dict] = []
        self.breakdowns: list[tuple[list[tuple[str, Decimal]], Decimal, dict]] = []

    def unread(self, text: str) -> None:
        self.out.unread.append(text)

    def part(self, name: str) -> list[_Line]:
        """The lines of a part, up to the next part's heading."""
        if name not in self.parts:
            return []
        start = self.parts[name]
        later = [i for i in self.parts.values() if i > start]
        return self.lines[start:min(later) if later else len(self.lines)]

    # -- cover

    def cover(self) -> None:
        end = min(self.parts.values()) if self.parts else len(self.lines)
        cover = [ln.text for ln in self.lines[:end]]
        joined = " ".join(" ".join(cover).split())
        filing: dict = {"report": "annual"}
        m = re.search(r"fiscal year ended\s+(" + DATE.pattern + ")", joined, re.I)
        year_end = parse_date(m.group(1)) if m else None
        if year_end is None:
            self.unread("the fiscal year end (\"For the fiscal year ended ...\" not found on the cover)")
        filing["fiscal_year_end"] = year_end or "TODO"
        m = re.search(r"Commission File Numbers?\s*:?\s*([\d-]+(?:\s*(?:,|and)\s*[\d-]+)*)", joined, re.I)
        filing["commission_file_numbers"] = re.findall(r"\d[\d-]*\d", m.group(1)) if m else ["TODO"]
        if not m:
            self.unread("the Commission File Number (not found on the cover)")
        self.d["schema_version"] = 1
        self.d["filing"] = filing
        plan_name = self.after_label(cover, r"^\s*A\.\s+Full\s+(title|name)")
        issuer = self.after_label(cover, r"^\s*B\.\s+Name\s+of\s+the\s+issuer", block=True)
        heading = self.heading_above("net_assets")
        self.heading_name = heading
        name = _cased_like(plan_name[0], heading) if plan_name else sentence_case(heading) if heading else "TODO"
        self.d["plan"] = {"name": name, "ein": "TODO", "number": "TODO"}
        if not plan_name:
            self.unread("the plan's name on the cover (item A)")
        if issuer:
            self.d["issuer"] = {"name": issuer[0], "address": issuer[1:] or ["TODO"]}
        else:
            self.d["issuer"] = {"name": "TODO", "address": ["TODO"]}
            self.unread("the issuer's name and address on the cover (item B)")

    def heading_above(self, part: str) -> str:
        """The plan's name as the statements' heading prints it: the line above a statement's title."""
        i = self.parts.get(part)
        if i is None:
            return ""
        above = [ln.text.strip() for ln in self.lines[:i] if ln.page == self.lines[i].page and ln.text.strip()]
        return above[-1] if above else ""

    @staticmethod
    def after_label(lines: list[str], label: str, block: bool = False) -> list[str]:
        """The text under a cover item: after the item's paragraph (ending ':'), to the next blank line."""
        for i, line in enumerate(lines):
            if re.match(label, line, re.I):
                j = i
                while j < len(lines) and not lines[j].rstrip().endswith(":"):
                    j += 1
                k = j + 1
                while k < len(lines) and not lines[k].strip():
                    k += 1
                out = []
                while k < len(lines) and lines[k].strip() and not RULE.match(lines[k]):
                    out.append(" ".join(lines[k].split()))
                    k += 1
                    if not block:
                        break
                return out
        return []

    # -- auditor's report

    def auditor(self) -> None:
        part = [ln.text for ln in self.part("auditor")]
        if not part:
            self.unread("the auditor's report (no heading found)")
            self.d["auditor"] = {"firm": "TODO", "city": "TODO", "state": "TODO", "report": {"date": "TODO"}}
            return
        title = part[0].strip()
        body = [ln for ln in part[1:] if not _is_page_number(ln)]
        joined = " ".join(" ".join(body).split())
        report: dict = {}
        report["style"] = "pcaob" if "REGISTERED PUBLIC ACCOUNTING FIRM" in title.upper() else "gaas"
        report["title"] = title_case(title)
        m = re.search(r"\bTo the (.+?) of (the )?", joined)
        if m:
            report["addressee"] = m.group(1)
        signed = next((i for i, ln in enumerate(body) if ln.strip().startswith("/s/")), None)
        firm, city, state, date = "TODO", "TODO", "TODO", None
        if signed is not None:
            firm = body[signed].strip()[3:].strip()
            tail = [ln.strip() for ln in body[signed + 1:] if ln.strip() and not RULE.match(ln)]
            tail = [t for t in tail if t != firm]
            date = next((parse_date(t) for t in tail if parse_date(t)), None)
            place = next((t for t in tail if "," in t and not parse_date(t)), "")
            if place:
                city, state = (p.strip() for p in place.rsplit(",", 1))
        else:
            self.unread("the auditor's signature (no /s/ line in the report)")
        report["date"] = date or "TODO"
        if date is None:
            self.unread("the date of the auditor's report")
        m = re.search(r"audited by other auditors whose report dated (" + DATE.pattern + r"),? expressed an? "
                      r"(unqualified|qualified)", joined, re.I)
        if m:
            report["periods"] = "current"
            report["predecessor"] = {"report_date": parse_date(m.group(1)), "opinion": m.group(5).lower()}
        m = re.search(r"auditor since (\d{4})", joined)
        if m:
            report["auditor_since"] = int(m.group(1))
        self.d["auditor"] = {"firm": firm, "city": city, "state": state, "report": report}
        self.unread("the auditor's report's paragraphs: the build writes them from its "
                    f"{report['style']} template; compare them with the filing")

    # -- statement of net assets

    def net_assets(self) -> None:
        part = self.part("net_assets")
        if not part:
            self.unread("the statement of net assets (no heading found)")
            return
        columns = self.year_columns(part)
        investments: list[dict] = []
        na: dict = {}
        stated: dict = {}
        section, caption, pending = "", None, ""
        for ln in part:
            text = ln.text
            if not text.strip() or RULE.match(text) or _is_page_number(text) or text.strip().startswith("The accompanying"):
                continue
            f = figures(text)
            if not f.label and all(re.fullmatch(r"(19|20)\d\d", c.text) for c in cells(text)):
                continue  # the years over the columns
            label = (pending + " " + f.label).strip() if pending else f.label
            if not f.amounts:
                upper = f.label.upper()
                if upper.rstrip(":") in ("ASSETS", "INVESTMENTS", "LIABILITIES", "RECEIVABLES") or \
                        upper.startswith(("INVESTMENTS", "RECEIVABLES")):
                    section, pending = upper.rstrip(":").split(",")[0].split(" ")[0], ""
                    continue
                if f.label.endswith(":") and section == "INVESTMENTS":
                    caption = {"caption": f.label.rstrip(":"), "holdings": []}
                    investments.append(caption)
                    pending = ""
                    continue
                if f.label.upper() in (self.heading_name.upper(),) or DATE.search(f.label) or \
                        "STATEMENT" in f.label.upper() or re.fullmatch(r"[\d\s]+", f.label):
                    continue
                pending = label
                continue
            pending = ""
            pair = self.pair(f, columns)
            key = next((k for word, k in STATED_NET_ASSETS if label.upper().startswith(word)), None)
            if key:
                stated[key] = pair
                if key == "total_investments":
                    section = "ASSETS"
                continue
            if label.upper() == "CASH":
                na["cash"] = {"label": "Cash", **pair}
            elif section == "INVESTMENTS":
                if caption is None:
                    caption = {"caption": "Investments", "holdings": []}
                    investments.append(caption)
                holding = {"label": label, **pair}
                caption["holdings"].append(holding)
                self.statement_holdings.append(holding)
            elif section in ("RECEIVABLES", "LIABILITIES"):
                key = "receivables" if section == "RECEIVABLES" else "liabilities"
                entry = {"label": sentence_case(label)}
                kind = line_kind(label, key)
                if kind:
                    entry["kind"] = kind
                na.setdefault(key, []).append({**entry, **pair})
            else:
                self.unread(f"statement of net assets: the line \"{label}\" (not under investments, receivables "
                            "or liabilities)")
        self.d["investments"] = investments
        if stated:
            na["stated"] = stated
        self.d["net_assets"] = na

    def year_columns(self, part: list[_Line]) -> list[int]:
        """The right edges of the year columns, from the line that names the years."""
        for ln in part[:15]:
            runs = cells(ln.text)
            if len(runs) >= 2 and all(re.fullmatch(r"(19|20)\d\d", c.text) for c in runs):
                return [c.end for c in runs]
        return []

    @staticmethod
    def pair(f, columns: list[int]) -> dict:
        """{current, prior} from a line's amounts, placed by column when only one is printed."""
        amounts = list(f.amounts)
        if len(amounts) >= 2:
            return {"current": amounts[-2][0], "prior": amounts[-1][0]}
        value, end = amounts[0]
        if len(columns) >= 2 and abs(end - columns[1]) < abs(end - columns[0]):
            return {"current": Decimal(0), "prior": value}
        return {"current": value, "prior": Decimal(0)}

    # -- statement of changes

    def changes(self) -> None:
        part = self.part("changes")
        if not part:
            self.unread("the statement of changes (no heading found)")
            self.d["changes"] = {"additions": [{"label": "TODO", "amount": "TODO"}]}
            return
        rows = []
        for ln in part[1:]:
            text = ln.text
            if not text.strip() or RULE.match(text) or _is_page_number(text) or \
                    text.strip().startswith("The accompanying") or \
                    all(re.fullmatch(r"(19|20)\d\d", c.text) for c in cells(text)):
                continue
            rows.append(figures(text))
        outer = max((a[-1][1] for a in (r.amounts for r in rows) if a), default=0)
        changes: dict = {"additions": [], "deductions": []}
        stated: dict = {}
        section, group, pending = None, None, ""
        for f in rows:
            label = (pending + " " + f.label).strip() if pending else f.label
            upper = label.upper()
            if not f.amounts:
                if upper.startswith("ADDITIONS"):
                    section, pending, group = "additions", "", None
                elif upper.startswith("DEDUCTIONS"):
                    section, pending, group = "deductions", "", None
                elif label.endswith(":") and section:
                    group = {"group": label.rstrip(":"), "lines": []}
                    changes[section].append(group)
                    pending = ""
                elif DATE.search(label) or label.upper() == self.heading_name.upper() or "AVAILABLE FOR" == upper[:13]:
                    pending = label if "NET ASSETS" in upper else ""
                else:
                    pending = label
                continue
            pending = ""
            key = next((k for word, k in STATED_CHANGES if word in upper), None)
            if key:
                stated[key] = f.amounts[-1][0]
                group = None
                continue
            if section is None:
                self.unread(f"statement of changes: the line \"{label}\" (before additions)")
                continue
            inner = [a for a in f.amounts if abs(a[1] - outer) > 3]
            line = {"label": label}
            kind = change_kind(label)
            if kind:
                line = {"kind": kind, "label": label}
            if group is not None and inner:
                group["lines"].append({**line, "amount": inner[0][0]})
                if len(f.amounts) > len(inner):
                    group = None  # the group's subtotal closes it
            else:
                group = None
                changes[section].append({**line, "amount": f.amounts[-1][0]})
        if not changes["deductions"]:
            del changes["deductions"]
        if stated:
            changes["stated"] = stated
        self.d["changes"] = changes

    # -- notes

    def notes(self) -> None:
        part = self.part("notes")
        notes: list[dict] = []
        note = None
        block: list[str] = []
        page = part[0].page if part else 0
        new_page = False

        def close() -> None:
            nonlocal block, new_page
            if block and note is not None:
                for made in self.note_blocks(block):
                    if new_page:
                        made["page_break"] = True
                    note["blocks"].append(made)
                    new_page = False
            block = []

        header = {self.heading_name.upper(), "NOTES TO FINANCIAL STATEMENTS"}
        for ln in part:
            text = ln.text
            if ln.page != page:
                close()
                page, new_page = ln.page, True
            stripped = text.strip()
            if _is_page_number(text) or stripped.upper() in header or \
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
                self.unread(f"note \"{note['title']}\": no text found")
        self.d["notes"] = notes

    def note_blocks(self, lines: list[str]) -> list[dict]:
        """The blocks of a run of lines: an underlined heading, then what follows it."""
        if len(lines) >= 2 and RULE.match(lines[1]) and not RULE.match(lines[0]) and len(cells(lines[1])) == 1 \
                and len(lines[1].strip()) >= len(lines[0].strip()) - 2:
            return [{"heading": " ".join(lines[0].split())}] + (self.note_blocks(lines[2:]) if lines[2:] else [])
        return [self.note_block(lines)]

    def note_block(self, lines: list[str]) -> dict:
        """One block of a note: an item, a table, a breakdown or a paragraph."""
        rules = [i for i, ln in enumerate(lines) if RULE.match(ln)]
        first = lines[0].strip()
        rows = [figures(ln) for ln in lines if not RULE.match(ln)]
        if rules and all(r.amounts for r in rows):
            parts = [(r.label, r.amounts[-1][0]) for r in rows if r.label]
            totals = [r.amounts[-1][0] for r in rows if not r.label]
            if parts and totals:
                block: dict = {"breakdown": "net_appreciation"}
                self.breakdowns.append((parts, totals[-1], block))
                return block
        if rules and len(cells(lines[rules[0]])) >= 2:
            return self.table(lines, rules[0])
        m = re.match(r"^([A-Z])\.\s+(.+?)\s+-\s+(.*)$", " ".join(first.split()))
        if m:
            return {"item": m.group(2), "text": prose([m.group(3)] + lines[1:])}
        return {"text": prose(lines)}

    @staticmethod
    def table(lines: list[str], rule: int) -> dict:
        spans = [(c.start, c.end) for c in cells(lines[rule])]
        bounds = [(spans[i][1] + spans[i + 1][0]) // 2 for i in range(len(spans) - 1)]

        def split(line: str) -> list[str]:
            out = [""] * len(spans)
            for c in cells(line):
                col = sum(1 for b in bounds if c.start >= b)
                out[col] = (out[col] + " " + c.text).strip()
            return out

        heads = [split(ln) for ln in lines[:rule]]
        columns = [" ".join(h[i] for h in heads if h[i]) for i in range(len(spans))]
        rows = [split(ln) for ln in lines[rule + 1:] if ln.strip() and not RULE.match(ln)]
        return {"table": {"columns": columns, "rows": rows}}

    # -- Schedule H

    def schedule(self) -> None:
        part = self.part("schedule")
        if not part:
            self.unread("Schedule H, line 4i (no heading found)")
            return
        texts = [ln.text for ln in part]
        joined = " ".join(" ".join(texts[:12]).split())
        m = re.search(r"EIN\W*(\d{2}-\d{7})", joined)
        if m:
            self.d["plan"]["ein"] = m.group(1)
        else:
            self.unread("the plan sponsor's EIN (not in Schedule H's heading)")
        m = re.search(r"PLAN\s*(?:NUMBER|NO\.?)?\s*#?\s*(\d{3})\b", joined, re.I)
        if m:
            self.d["plan"]["number"] = m.group(1)
        else:
            self.unread("the plan number (not in Schedule H's heading)")
        m = re.search(r"^\s*Schedule\s+(\w+)\s*$", "\n".join(texts[:4]), re.I | re.M)
        schedule: dict = {"number": m.group(1) if m else "1"}
        header = next((i for i, t in enumerate(texts) if "(c)" in t.lower() or "description of investment" in t.lower()),
                      None)
        if header is None:
            self.unread("Schedule H's rows (no column headings)")
            return
        head_text = " ".join(texts[max(0, header - 3):header + 2]).lower()
        cost = "cost" in head_text
        schedule["cost_column"] = "shown" if cost else "omitted"
        self.d["schedule_h"] = schedule
        body = []
        for t in texts[header + 1:]:
            if re.match(r"^\s*\*+\s+(Denotes|Party|Participant-directed|Investments? (are )?participant)", t, re.I):
                break
            if RULE.match(t) and t.strip() and not body:
                continue
            body.append(t)
        self.schedule_rows = self.schedule_table(body, cost)

    def schedule_table(self, body: list[str], cost: bool) -> list[dict]:
        groups: list[list[str]] = [[]]
        for t in body:
            if not t.strip() or RULE.match(t) or _is_page_number(t):
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
                self.unread(f"Schedule H: a row without a value (\"{' '.join(g[0].split())[:60]}\")")
                continue
            value = f.amounts[-1][0]
            cost_value = None
            if cost and len(f.amounts) >= 2:
                cost_value = None if "**" in last else f.amounts[-2][0]
            cut = _amounts_start(last, len(f.amounts))
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

    # -- holdings: statement lines and Schedule H rows together

    def match_holdings(self) -> None:
        rows = list(self.schedule_rows)
        issuer = str(self.d.get("issuer", {}).get("name", ""))
        for group in self.d.get("investments", []):
            out = []
            for line in group["holdings"]:
                row = next((r for r in rows if r["current"] == line["current"] and _alike(r, line)), None) or \
                    next((r for r in rows if r["current"] == line["current"]), None)
                holding: dict = {}
                if row is not None:
                    rows.remove(row)
                    holding["identity"] = row["identity"]
                    if row["identity"] != line["label"]:
                        holding["label"] = line["label"]
                else:
                    holding["identity"] = line["label"]
                    if self.schedule_rows:
                        self.unread(f"Schedule H: no row for \"{line['label']}\" ({line['current']:,}) of the "
                                    "statement; its description is to be entered")
                kind = holding_type(holding["identity"], line["label"], group["caption"],
                                    row["description"] if row else "", issuer)
                if kind is None:
                    kind = "other"
                    self.unread(f"the type of \"{holding['identity']}\": set to other (not told by its caption, "
                                "name or description)")
                holding["type"] = kind
                if row is not None and row["party_in_interest"]:
                    holding["party_in_interest"] = True
                holding["description"] = row["description"] if row else "TODO"
                if row is not None and "cost" in row:
                    holding["cost"] = row["cost"]
                holding["current"], holding["prior"] = line["current"], line["prior"]
                out.append(holding)
            group["holdings"] = out
        for r in rows:
            self.unread(f"Schedule H: the row \"{r['identity']}\" ({r['current']:,}) matches no line of the "
                        "statement of net assets")
        self.apply_breakdowns()

    def apply_breakdowns(self) -> None:
        """A note's table that adds to the net appreciation becomes its by-type breakdown."""
        line = next((ln for item in self.d.get("changes", {}).get("additions", [])
                     for ln in (item.get("lines") or [item]) if ln.get("kind") == "net_appreciation"), None)
        for parts, total, block in self.breakdowns:
            amount = line.get("amount") if line else None
            if amount is not None and abs(amount) == total and sum(v for _, v in parts) == total:
                sign = -1 if amount < 0 else 1
                line["by_type"] = [{"type": label, "amount": sign * value} for label, value in parts]
                del line["amount"]
            else:
                block.clear()
                block["table"] = {"columns": ["", "Amount"], "rows": [[label, f"{value:,}"] for label, value in parts]
                                  + [["Total", f"{total:,}"]]}
                self.unread("a table of amounts in the notes that is not the net appreciation by type: kept as "
                            "a text table")

    # -- consent and signatures

    def consent(self) -> None:
        part = [ln.text for ln in self.part("consent") if not _is_page_number(ln.text)]
        if not part:
            self.unread("the auditor's consent (Exhibit 23) was not found")
            return
        joined = " ".join(" ".join(part).split())
        consent: dict = {"title": title_case(part[0].strip())}
        dates = [parse_date(t) for t in part if parse_date(t) and DATE.sub("", t).strip() == ""]
        consent["date"] = dates[-1] if dates else "TODO"
        m = re.search(r"File\s+Nos?\.?\s*([\d-]+(?:\s*(?:,|and|,\s*and)\s*[\d-]+)*)", joined, re.I)
        consent["form_s8_file_numbers"] = re.findall(r"\d[\d-]*\d", m.group(1)) if m else ["TODO"]
        if not m:
            self.unread("the Form S-8 file numbers in the consent")
        self.d["auditor"]["consent"] = consent

    def signatures(self) -> None:
        part = [ln.text for ln in self.part("signatures")]
        if not part:
            self.unread("signatures: the filing has no SIGNATURES section")
            return
        signers = []
        date = None
        for i, t in enumerate(part):
            if "/s/" in t:
                name = t.split("/s/", 1)[1].strip()
                title = next((p.strip() for p in part[i + 1:i + 4] if p.strip() and not RULE.match(p)
                              and not p.strip().startswith(("Name", "---"))), "")
                m = re.match(r"^(Title:)?\s*(.*)$", title)
                signers.append({"name": name, "title": m.group(2) if m else title})
            date = date or parse_date(t) if "Date" in t else date
        if signers:
            self.d["signatures"] = {"date": date or "TODO", "signers": signers}
        else:
            self.unread("signatures: no /s/ line under SIGNATURES")


def _alike(row: dict, line: dict) -> bool:
    a, b = row["identity"].lower(), line["label"].lower()
    return a[:10] == b[:10]


def _is_page_number(text: str) -> bool:
    return bool(re.fullmatch(r"\s*-?\s*\d{1,3}\s*-?\s*", text)) and len(text) - len(text.lstrip()) > 20


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


def _cased_like(cover: str, heading: str) -> str:
    """The cover's name with the statements' heading spacing: '401 (k)' on a cover whose heading says '401(K)'."""
    squeezed = [c for c in cover if not c.isspace()]
    if not heading or "".join(squeezed).upper() != "".join(c for c in heading if not c.isspace()).upper():
        return " ".join(cover.split())
    out, it = [], iter(squeezed)
    for c in " ".join(heading.split()):
        out.append(" " if c == " " else next(it))
    return "".join(out)

