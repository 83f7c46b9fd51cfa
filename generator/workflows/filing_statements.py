"""Read a filing's statement of net assets and statement of changes; printed totals become stated assertions."""

from __future__ import annotations

import re
from decimal import Decimal

from .filing_document import Document, Line, is_page_number
from .filing_words import change_kind, line_kind
from .text_columns import DATE, RULE, cells, figures, sentence_case

# A printed total's words -> the stated total it asserts (None: printed, computed, not a field of the schema).
STATED_NET_ASSETS = (("TOTAL INVESTMENTS", "total_investments"), ("TOTAL RECEIVABLES", "total_receivables"),
                     ("TOTAL ASSETS", "total_assets"), ("TOTAL LIABILITIES", "total_liabilities"),
                     ("NET ASSETS AVAILABLE FOR BENEFITS", "net_assets"))
STATED_CHANGES = (("BEFORE TRANSFERS", None), ("TOTAL ADDITIONS", "total_additions"),
                  ("TOTAL DEDUCTIONS", "total_deductions"), ("NET INCREASE", "net_change"),
                  ("NET DECREASE", "net_change"), ("NET CHANGE", "net_change"),
                  ("BEGINNING OF YEAR", "net_assets_beginning"), ("END OF YEAR", "net_assets_end"))


def net_assets(doc: Document) -> None:
    part = doc.part("net_assets")
    if not part:
        doc.unread("the statement of net assets (no heading found)")
        return
    columns = _year_columns(part)
    investments: list[dict] = []
    na: dict = {}
    stated: dict = {}
    section, caption, pending = "", None, ""
    for ln in part:
        text = ln.text
        if not text.strip() or RULE.match(text) or is_page_number(text) or \
                text.strip().startswith("The accompanying"):
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
            if f.label.upper() in (doc.heading_name.upper(),) or DATE.search(f.label) or \
                    "STATEMENT" in f.label.upper() or re.fullmatch(r"[\d\s]+", f.label):
                continue
            pending = label
            continue
        pending = ""
        pair = _pair(f, columns)
        key = next((k for word, k in STATED_NET_ASSETS if label.upper().startswith(word)), None)
        if key:
            stated[key] = pair
            if key == "total_investments":
                section = "ASSETS"
            continue
        if label.upper() == "CASH":
            na["cash"] = {"label": "Cash", **pair}
        elif "NOTES RECEIVABLE" in label.upper():
            na["notes_receivable"] = {"label": sentence_case(label), **pair}
        elif section == "INVESTMENTS":
            if caption is None:
                caption = {"caption": "Investments", "holdings": []}
                investments.append(caption)
            caption["holdings"].append({"label": label, **pair})
        elif section in ("RECEIVABLES", "LIABILITIES"):
            key = "receivables" if section == "RECEIVABLES" else "liabilities"
            entry = {"label": sentence_case(label)}
            kind = line_kind(label, key)
            if kind:
                entry["kind"] = kind
            na.setdefault(key, []).append({**entry, **pair})
        else:
            doc.unread(f"statement of net assets: the line \"{label}\" (not under investments, receivables "
                        "or liabilities)")
    doc.d["investments"] = investments
    if stated:
        na["stated"] = stated
    doc.d["net_assets"] = na


def _year_columns(part: list[Line]) -> list[int]:
    """The right edges of the year columns, from the line that names the years."""
    for ln in part[:15]:
        runs = cells(ln.text)
        if len(runs) >= 2 and all(re.fullmatch(r"(19|20)\d\d", c.text) for c in runs):
            return [c.end for c in runs]
    return []

@staticmethod


def _pair(f, columns: list[int]) -> dict:
    """{current, prior} from a line's amounts, placed by column when only one is printed."""
    amounts = list(f.amounts)
    if len(amounts) >= 2:
        return {"current": amounts[-2][0], "prior": amounts[-1][0]}
    value, end = amounts[0]
    if len(columns) >= 2 and abs(end - columns[1]) < abs(end - columns[0]):
        return {"current": Decimal(0), "prior": value}
    return {"current": value, "prior": Decimal(0)}


def changes(doc: Document) -> None:
    part = doc.part("changes")
    if not part:
        doc.unread("the statement of changes (no heading found)")
        doc.d["changes"] = {"additions": [{"label": "TODO", "amount": "TODO"}]}
        return
    rows = []
    for ln in part[1:]:
        text = ln.text
        if not text.strip() or RULE.match(text) or is_page_number(text) or \
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
            elif upper.rstrip(":") in ("TRANSFERS", "TRANSFERS IN", "TRANSFERS OUT"):
                section, pending, group = "transfers", "", None
            elif label.endswith(":") and section:
                group = {"group": label.rstrip(":"), "lines": []}
                changes[section].append(group)
                pending = ""
            elif DATE.search(label) or label.upper() == doc.heading_name.upper() or "AVAILABLE FOR" == upper[:13]:
                pending = label if "NET ASSETS" in upper else ""
            else:
                pending = label
            continue
        pending = ""
        found = next(((word, k) for word, k in STATED_CHANGES if word in upper), None)
        if found:
            if found[1]:
                stated[found[1]] = f.amounts[-1][0]
            group = None
            continue
        if section == "transfers":
            value = f.amounts[-1][0]
            out_of = re.search(r"\bto\b|\bout\b", label, re.I) and not re.search(r"\bfrom\b", label, re.I)
            changes.setdefault("transfers", []).append(
                {"kind": "transfers_out" if out_of or value < 0 else "transfers_in", "label": label,
                 "amount": abs(value)})
            continue
        if section is None:
            doc.unread(f"statement of changes: the line \"{label}\" (before additions)")
            continue
        inner = [a for a in f.amounts if abs(a[1] - outer) > 3]
        line = {"label": label}
        kind = change_kind(label) or (change_kind(f"{label} {group['group']}") if group else None)
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
    for items in (changes.get("additions", []), changes.get("deductions", [])):
        for item in list(items):
            if "group" in item and not item["lines"]:
                items.remove(item)
                doc.unread(f"statement of changes: \"{item['group']}\" has no lines under it")
    if stated:
        changes["stated"] = stated
    doc.d["changes"] = changes
