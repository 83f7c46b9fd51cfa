"""Read the two statements of an 11-K from its Inline XBRL facts, row by row: each row's facts by element (the
mapping read backwards, ixbrl_elements) and context (both year-ends or the plan year; an InvestmentTypeAxis
member for a line by type, the typed InvestmentIdentifierAxis for a holding). Printed totals become stated
assertions; a group's subtotal is recognised by adding up the lines above it; a row whose element the mapping
does not name is skipped and listed. The words of a row (its caption) come from the row it is printed in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from ..model import wording
from ..model.compute import DEFAULT_CHANGE_LABELS
from ..model.contracts import ADJUSTMENT_LABEL, FAIR_VALUE_NET_ASSETS
from ..model.xbrl import mapping as m
from ..model.xbrl.calculation import ancestors
from . import ixbrl_elements as el
from .filing_document import Read
from .ixbrl_document import Row
from .ixbrl_facts import PlanFacts
from .ixbrl_schema import Extension

TYPE_AXIS = "us-gaap:InvestmentTypeAxis"
IDENTIFIER_AXIS = m.SCHEDULE_H["axis"]
YEARS = re.compile(r"[\d\s]+")
STATED_NET_ASSETS = ("total_investments", "total_receivables", "total_assets", "total_liabilities", "net_assets")
STATED_CHANGES = ("total_additions", "total_deductions", "net_change", "net_assets_beginning", "net_assets_end")
ZERO = Decimal(0)


@dataclass
class Reading:
    """What the statements' readers share: the plan's facts, the data read, what could not be read."""

    plan: PlanFacts
    out: Read
    lines: list[dict] = field(default_factory=list)  # the statement's investment lines, in printed order
    parts: list[dict] = field(default_factory=list)  # net appreciation by type: {type, amount, member}
    presentation: dict = field(default_factory=dict)  # layout choices the statements show (schema's presentation)
    adjustment: dict | None = None  # the contracts' adjustment from fair value to contract value
    seen: set[str] = field(default_factory=set)  # elements read as a subtotal, or already listed as skipped
    extension: Extension = field(default_factory=Extension)  # the filer's schema, when it is beside the document
    names: dict[str, str] = field(default_factory=dict, repr=False)  # concept -> as the document writes it

    def name(self, concept: str) -> str:
        """An element as the document writes it (the filer's own prefix for an extension)."""
        if not self.names:
            for f in self.plan.doc.facts:
                self.names.setdefault(f.concept, f.name or f.concept)
        return self.names.get(concept, concept)

    def name_of_member(self, member: str) -> str:
        """A member as the document writes it: an extension's with the filer's own prefix."""
        return f"{self.plan.doc.extension_prefix}:{el.local(member)}" if member.startswith("ext:") else member

    @property
    def d(self) -> dict:
        return self.out.data

    def unread(self, text: str) -> None:
        self.out.unread.append(text)


# ---------------------------------------------------------------- which tables are which


def statement_rows(plan: PlanFacts) -> dict[str, list[Row]]:
    """The rows of the statement of net assets, of changes and of Schedule H: the first table whose facts are
    of each (a statement split over tables goes on in the next ones), outside the notes."""
    schedule = set(el.schedule_h())
    changes = set(el.change_kinds()) | set(el.change_totals())
    balance = (set(el.net_assets_keys()) | set(el.receivable_kinds()) | set(el.liability_kinds())
               | set(el.investment_lines()) | el.total_investments())
    votes: dict[int, set[str]] = {}
    for row in plan.doc.rows:
        if row.in_note:
            continue
        for f in row.facts:
            if any(axis == m.FAIR_VALUE["axis"] for axis, _ in f.context.explicit):
                continue
            kind = ("schedule" if f.concept in schedule else "changes" if f.concept in changes and plan.in_year(f)
                    else "net_assets" if f.concept in balance and plan.column(f) else None)
            if kind:
                votes.setdefault(row.table, set()).add(kind)
    kinds = {table: next(k for k in ("changes", "schedule", "net_assets") if k in v) for table, v in votes.items()}
    chosen: dict[int, str] = {}
    for kind in ("net_assets", "changes", "schedule"):
        tables = sorted(t for t, k in kinds.items() if k == kind)
        table = tables[0] if tables else None
        while table is not None and kinds.get(table) == kind:
            chosen[table] = kind
            table += 1
    out: dict[str, list[Row]] = {"net_assets": [], "changes": [], "schedule": []}
    for row in plan.doc.rows:
        if not row.in_note and row.table in chosen:
            out[chosen[row.table]].append(row)
    return out


def _entries(r: Reading, row: Row, where: str) -> list[tuple[str, tuple, dict]]:
    """(element, dimensions, {current, prior}) of a row's figures at the two year-ends, in printed order; a
    year-end with no fact is 0, listed."""
    found: dict[tuple, dict] = {}
    for f in row.facts:
        column = r.plan.column(f)
        if column is not None and isinstance(f.value, Decimal):
            found.setdefault((f.concept, f.dimensions), {})[column] = r.plan.amount(f)
    out = []
    for (concept, dims), pair in found.items():
        for column in ("current", "prior"):
            if column not in pair:
                pair[column] = ZERO
                r.unread(f"{where}: \"{row.caption()}\" has no {column} year-end fact: read as 0")
        out.append((concept, dims, {"current": pair["current"], "prior": pair["prior"]}))
    return out


def _caption(text: str) -> str:
    return text.strip().rstrip(":").strip()


# ---------------------------------------------------------------- statement of net assets


@dataclass
class _Sheet:
    """The statement of net assets as it is read, row by row."""

    na: dict = field(default_factory=dict)
    stated: dict = field(default_factory=dict)
    shown: set[str] = field(default_factory=set)  # the totals printed
    order: list[str] = field(default_factory=list)  # the asset blocks, in printed order
    caption: str = ""  # the last row without figures
    since: list[dict] = field(default_factory=list)  # receivables since that caption
    presentation: dict = field(default_factory=dict)


def net_assets(r: Reading, rows: list[Row]) -> None:
    """The statement of net assets: its investment lines (r.lines), the other lines and the stated totals."""
    sheet = _Sheet()
    headed = False  # a caption row says "Investments..." above the first investment line
    for row in rows:
        if not row.facts:
            text = _caption(row.caption())
            if text and not YEARS.fullmatch(text):
                sheet.caption, sheet.since = text, []
                headed |= not r.lines and text.lower().startswith("investments")
            continue
        label = row.caption() or sheet.caption
        entries = _entries(r, row, "statement of net assets")
        totals = {c: pair for c, dims, pair in entries if c in el.total_investments() and not dims}
        if totals:
            sheet.stated["total_investments"] = totals.get(m.NET_ASSETS["total_investments_with_contracts"]) or \
                totals[m.NET_ASSETS["total_investments"]]
            sheet.shown.add("total_investments")
            continue
        split = {c for c, dims, _ in entries if dims}
        for concept, dims, pair in entries:
            if not dims and concept in split and concept in el.investment_lines():
                continue  # the line's total, tagged beside its type (one line of contracts, DQC 10602)
            block = _net_assets_line(r, sheet, concept, dict(dims), pair, label)
            if block and block not in sheet.order:
                sheet.order.append(block)
    na = {k: v for k, v in sheet.na.items() if v}
    if sheet.stated:
        na["stated"] = {k: sheet.stated[k] for k in STATED_NET_ASSETS if k in sheet.stated}
    if any("member" in line or "master_trust" in line for line in r.lines) and \
            not any("identifier" in line for line in r.lines):
        na = {"presentation": "by_type", **na}
    r.d["net_assets"] = na
    if r.lines and not headed:
        sheet.presentation["investments_caption"] = ""
    _presentation(r, na, sheet)


def _net_assets_line(r: Reading, sheet: _Sheet, concept: str, dims: dict, pair: dict, label: str) -> str | None:
    """One figure pair of the statement of net assets; the asset block it belongs to, if any."""
    typed = {a: v for a, v in dims.items() if a == IDENTIFIER_AXIS}
    member = dims.get(TYPE_AXIS)
    other = set(dims) - {IDENTIFIER_AXIS, TYPE_AXIS}
    na, stated, caption = sheet.na, sheet.stated, sheet.caption
    if other:
        r.seen.add(concept)
        r.unread(f"statement of net assets: \"{label}\" ({r.name(concept)}) on {', '.join(sorted(other))}: skipped")
        return None
    key = el.net_assets_keys().get(concept) if not dims else None
    if concept in el.investment_lines():
        line = {"label": label, "caption": caption, "value": el.investment_lines()[concept], **pair}
        if typed:
            line["identifier"] = typed[IDENTIFIER_AXIS]
        elif member:
            line["member"] = member
        else:
            line["untyped"] = True
        r.lines.append(line)
        return "investments"
    if key in ("master_trust_line", "master_trust_contract_line"):
        r.lines.append({"label": label, "caption": caption, "master_trust": True,
                        "value": "contract_value" if key == "master_trust_contract_line" else "fair_value", **pair})
        return "investments"
    if key in ("notes_receivable", "cash"):
        na[key] = {"label": label, **pair}
        return key
    if concept in el.receivable_kinds() and not dims:
        entry = {"label": label, "kind": el.receivable_kinds()[concept], **pair}
        na.setdefault("receivables", []).append(entry)
        sheet.since.append(entry)
        return "receivables"
    if concept in el.liability_kinds() and not dims:
        na.setdefault("liabilities", []).append({"label": label, "kind": el.liability_kinds()[concept], **pair})
        return None
    if key in ("total_receivables", "total_receivables_without_notes"):
        _receivable_group(sheet.since, caption, pair)
        stated["total_receivables"] = pair
        sheet.shown.add("total_receivables")
    elif key in ("total_assets", "total_liabilities", "net_assets"):
        stated[key] = pair
        sheet.shown.add(key)
    elif key == "net_assets_fair_value":
        sheet.shown.add("net_assets_fair_value")
        if label.lower() != FAIR_VALUE_NET_ASSETS.lower():
            sheet.presentation["fair_value_net_assets_label"] = label
    elif key == "contract_adjustment":
        sheet.presentation["adjustment"] = pair
        if label.lower() != ADJUSTMENT_LABEL.lower():
            sheet.presentation["adjustment_label"] = label
    elif _filers_block(r, concept) and not dims:
        block, total = _filers_block(r, concept)
        entry = {"label": label, **pair}
        na.setdefault(block, []).append(entry)
        if block == "receivables":
            sheet.since.append(entry)
        r.seen.add(concept)
        r.unread(f"statement of net assets: \"{label}\" is tagged {r.name(concept)}, the filer's own element, which "
                 f"its calculations add into {r.name(total)}: read as one of the {block} without a kind (give it "
                 "one, or name its element)")
        return block if block == "receivables" else None
    else:
        r.seen.add(concept)
        if not _receivable_group(sheet.since, caption, pair):
            r.unread(f"statement of net assets: \"{label}\" ({pair['current']:,}, {pair['prior']:,}) is tagged "
                     f"{r.name(concept)}, which elevenk does not read: skipped")
    return None


def _filers_block(r: Reading, concept: str) -> tuple[str, str] | None:
    """(receivables or liabilities, the total) of an element the mapping does not name, by the filer's own
    calculations up to the receivables' or the liabilities' total."""
    blocks = {m.NET_ASSETS["total_receivables"]: "receivables", m.NET_ASSETS["total_liabilities"]: "liabilities",
              m.NET_ASSETS["total_receivables_without_notes"]: "receivables"}
    for total in r.extension.totals_above(concept):
        if total in blocks:
            return blocks[total], total
        if total in (m.NET_ASSETS["total_assets"], m.NET_ASSETS["net_assets"]):
            return None
    return None


def _receivable_group(since: list[dict], caption: str, pair: dict) -> bool:
    """A subtotal of the receivables under a caption of their own: they become that group."""
    if len(since) < 2 or not caption or caption.lower().startswith("receivables"):
        return False
    if any(sum((e[c] for e in since), ZERO) != pair[c] for c in ("current", "prior")):
        return False
    for entry in since:
        rest = {k: entry.pop(k) for k in list(entry) if k != "label"}
        entry.update(group=caption, **rest)
    since.clear()
    return True


def _presentation(r: Reading, na: dict, sheet: _Sheet) -> None:
    """The layout choices that make the rebuilt statement print the same figures: which subtotals print, the
    asset blocks' order, the contracts' adjustment."""
    out: dict = {}
    shown, presentation = sheet.shown, sheet.presentation
    single = (len(r.lines) == 1 and "total_investments" not in shown,
              len(na.get("receivables", [])) == 1 and "total_receivables" not in shown,
              len(na.get("liabilities", [])) == 1 and "total_liabilities" not in shown,
              "adjustment" in presentation and "net_assets_fair_value" not in shown)
    if any(single):
        out["subtotals"] = "two_or_more"
    default = [b for b in ("investments", "notes_receivable", "cash", "receivables") if b in sheet.order]
    if sheet.order != default:
        out["order"] = sheet.order
    for key in ("investments_caption", "adjustment_label", "fair_value_net_assets_label"):
        if key in presentation:
            out[key] = presentation[key]
    if "adjustment" in presentation:
        r.adjustment = presentation["adjustment"]
    r.presentation.update(out)


# ---------------------------------------------------------------- statement of changes


def changes(r: Reading, rows: list[Row]) -> None:
    """The statement of changes: additions and deductions (a captioned group with the subtotal that adds its
    lines), transfers, and the printed totals as stated assertions."""
    items: dict[str, list] = {"additions": [], "deductions": []}
    stated: dict = {}
    transfers: list[dict] = []
    section = "additions"
    caption, pending = "", []  # the last caption row and the lines printed under it
    before_transfers = None
    for row in rows:
        if not row.facts:
            text = _caption(row.caption())
            if text and not YEARS.fullmatch(text):
                caption, pending = text, []
            continue
        label = row.caption()
        facts = sorted((f for f in row.facts if isinstance(f.value, Decimal)), key=lambda f: f.cell or 0)
        line_in_row = False
        for f in facts:
            if f.dimensions:
                continue  # a breakdown printed beside the statement, read with the notes' facts
            amount = r.plan.amount(f)
            kind = el.change_kinds().get(f.concept) if r.plan.in_year(f) else None
            total = el.change_totals().get(f.concept)
            if kind:
                section = _section(f.concept) or section
                line = {"kind": kind, "label": label or caption, "amount": amount}
                items[section].append(line)
                pending.append((section, line))
                line_in_row = True
            elif total == "net_assets":
                column = r.plan.column(f)
                if column:
                    stated["net_assets_beginning" if column == "prior" else "net_assets_end"] = amount
                    if column == "prior" and "assets" not in label.lower():
                        r.presentation["net_assets_lines"] = "captioned"
            elif total == "total_additions":
                stated["total_additions"], section, pending = amount, "deductions", []
            elif total == "total_deductions":
                stated["total_deductions"], pending = amount, []
            elif total == "net_change_before_transfers":
                before_transfers, pending = amount, []
            elif total == "transfers":
                transfers.append({"kind": "transfers_in" if amount >= 0 else "transfers_out",
                                  "label": label or caption, "amount": abs(amount)})
            elif total == "net_change":
                stated["net_change"] = amount
            elif pending and sum((line["amount"] for _, line in pending), ZERO) == amount and caption:
                _group(items, pending, caption, None if line_in_row else label)
                r.seen.add(f.concept)
                caption, pending = "", []
            elif _filers_section(r, f.concept) and r.plan.in_year(f):
                section, total = _filers_section(r, f.concept)
                line = {"label": label or caption, "amount": amount}
                items[section].append(line)
                pending.append((section, line))
                line_in_row = True
                r.seen.add(f.concept)
                r.unread(f"statement of changes: \"{label}\" ({amount:,}) is tagged {r.name(f.concept)}, the filer's "
                         f"own element, which its calculations add into {r.name(total)}: read as a line of {section} "
                         "without a kind (give it one, or name its element)")
            else:
                r.seen.add(f.concept)
                r.unread(f"statement of changes: \"{label}\" ({amount:,}) is tagged {r.name(f.concept)}, which "
                         "elevenk does not read: skipped")
    if before_transfers is not None and "net_change" not in stated and not transfers:
        stated["net_change"] = before_transfers
    for section_items in items.values():
        for item in section_items:
            for line in item.get("lines", [item]):
                if "kind" in line:
                    _label(line)
    for t in transfers:
        if t["label"].lower() == DEFAULT_CHANGE_LABELS[t["kind"]].lower():
            del t["label"]
    out: dict = {"additions": items["additions"] or [{"label": "TODO", "amount": "TODO"}]}
    if not items["additions"]:
        r.unread("statement of changes: no addition was read")
    if items["deductions"]:
        out["deductions"] = items["deductions"]
    if transfers:
        out["transfers"] = transfers
    if stated:
        out["stated"] = {k: stated[k] for k in STATED_CHANGES if k in stated}
    r.d["changes"] = out


def _filers_section(r: Reading, concept: str) -> tuple[str, str] | None:
    """(additions or deductions, the total) of an element the mapping does not name, by the filer's own
    calculations (its schema beside the document) up to a total whose section is known."""
    for total in r.extension.totals_above(concept):
        section = _section(total) or {m.CHANGE_TOTALS["total_additions"]: "additions",
                                      m.CHANGE_TOTALS["total_deductions"]: "deductions"}.get(total)
        if section:
            return section, total
    return None


def _section(concept: str) -> str | None:
    """additions or deductions, by the total the element adds into (FASB's tree, or the extension's parent)."""
    if concept.startswith("ext:"):
        ext = m.EXTENSIONS.get(el.local(concept))
        parents = [ext.parent] if ext else []
    else:
        parents = ancestors(concept)
    if m.CHANGE_TOTALS["total_deductions"] in parents:
        return "deductions"
    if m.CHANGE_TOTALS["total_additions"] in parents:
        return "additions"
    return None


def _group(items: dict, pending: list, caption: str, total_label: str | None) -> None:
    """The lines under a caption become its group, where the first of them stood."""
    section = pending[0][0]
    lines = [line for _, line in pending]
    where = min(i for i, item in enumerate(items[section]) if any(item is line for line in lines))
    items[section] = [item for item in items[section] if not any(item is line for line in lines)]
    group: dict = {"group": caption, "lines": lines}
    if total_label:
        group["total_label"] = total_label
    items[section].insert(where, group)


def _label(line: dict) -> None:
    """Keep a line's caption only where it is not the one the build prints for its kind (and sign)."""
    kind, label = line["kind"], line["label"]
    if kind in wording.CAPTIONS:
        default = wording.caption(kind, line["amount"])
    else:
        default = DEFAULT_CHANGE_LABELS.get(kind, "")
    if " ".join(label.split()).lower() == default.lower():
        del line["label"]


def appreciation_by_type(r: Reading) -> None:
    """Net appreciation by type of investment (the notes' breakdown on InvestmentTypeAxis), in printed order;
    the line of the statement becomes its parts when they add up to it."""
    element = m.CHANGES["net_appreciation"]
    line = next((ln for item in r.d.get("changes", {}).get("additions", []) + r.d.get("changes", {}).get(
        "deductions", []) for ln in item.get("lines", [item]) if ln.get("kind") == "net_appreciation"), None)
    parts: list[dict] = []
    seen = set()
    for f in r.plan.doc.facts:
        member = f.context.member(TYPE_AXIS)
        if f.concept != element or member is None or not r.plan.in_year(f) or len(f.dimensions) != 1 or \
                member in seen or not isinstance(f.value, Decimal):
            continue
        seen.add(member)
        caption = r.plan.doc.rows[f.row].caption() if f.row is not None else ""
        parts.append({"type": caption or el.local(member), "amount": r.plan.amount(f), "member": member})
    if not parts:
        return
    if line is None or sum((p["amount"] for p in parts), ZERO) != line.get("amount"):
        r.unread("the net appreciation by type of investment (its facts do not add up to the statement's line): "
                 "kept as the note's table")
        return
    r.parts = parts
    line["by_type"] = parts
    del line["amount"]
