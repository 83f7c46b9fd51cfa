"""Notes to the financial statements: quotable figures, and note blocks with references filled in."""

from __future__ import annotations

import string
from dataclasses import dataclass, field
from decimal import Decimal

from ..findings import ERROR, Finding
from ..load.yaml_source import dotted
from ..money import ZERO
from .contracts import adjustment
from .master_trust import line_value
from .prose import Quote, rate_text, resolve, resolve_quotes
from .wording import word


@dataclass(frozen=True)
class Block:
    """One resolved block of a note."""

    kind: str  # paragraph | item | heading | table | breakdown | fair_value | reconciliation | master_trust(_income)
    text: str = ""
    caption: str = ""
    letter: str = ""
    columns: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    amounts: list[tuple[str, Decimal]] = field(default_factory=list)
    amount_total: Decimal = ZERO
    page_break: bool = False
    data: object = None  # fair_value: the FairValueTable at each year-end; reconciliation: the Reconciliation
    nav_lines: str = "one"  # fair_value: the NAV investments on one line, or each category on its own
    footnote: str | None = None  # fair_value: the filer's footnote in place of the standard one
    quotes: tuple[Quote, ...] = ()  # paragraph, item: the figures its text quotes, where they are printed


@dataclass(frozen=True)
class Note:
    number: int
    title: str
    blocks: list[Block]
    page_break: bool = False


def quotable(filing) -> dict[str, object]:
    """Every name a note may quote, with its value."""
    py = filing.plan_year
    names: dict[str, object] = {
        "plan.name": py.plan.name, "plan.ein": py.plan.ein, "plan.number": py.plan.number,
        "issuer.name": py.issuer.name,
        "year": str(filing.year), "prior_year": str(filing.prior_year),
        "fiscal_year_end": filing.fiscal_year_end, "prior_year_end": filing.prior_year_end,
        "auditor.firm": py.auditor.firm,
    }
    for name in ("total_investments", "total_receivables", "total_assets", "total_liabilities", "net_assets"):
        pair = getattr(filing, name)
        names[name] = pair.current
        names[name + ".prior"] = pair.prior
    for name in ("total_additions", "total_deductions", "net_change", "net_assets_beginning",
                 "net_assets_end", "schedule_total", "net_change_before_transfers"):
        names[name] = getattr(filing, name)
    for group in filing.investment_groups:
        names[f"investments.{name_part(group.caption)}"] = group.subtotal.current
        names[f"investments.{name_part(group.caption)}.prior"] = group.subtotal.prior
    for section, lines in (("receivable", py.net_assets.receivables), ("liability", py.net_assets.liabilities)):
        for line in lines:
            if line.kind:
                names[f"{section}.{line.kind}"] = line.current
                names[f"{section}.{line.kind}.prior"] = line.prior
    if filing.contracts:  # contract value less fair value, whichever way the statement shows the contracts
        names["contract_adjustment"], names["contract_adjustment.prior"] = adjustment(py)
    for name in ("net_assets_fair_value", "total_fair_value_investments"):
        pair = getattr(filing, name, None)
        if pair is not None and (name != "total_fair_value_investments" or filing.contract_groups):
            names[name], names[name + ".prior"] = pair.current, pair.prior
    if filing.notes_receivable:
        names["notes_receivable"] = filing.notes_receivable.amount.current
        names["notes_receivable.prior"] = filing.notes_receivable.amount.prior
    for table, suffix in zip(filing.fair_value, ("", ".prior")):
        for n in ("1", "2", "3"):
            names[f"fair_value.level{n}{suffix}"] = getattr(table.hierarchy, f"level{n}")
        names[f"fair_value.nav{suffix}"] = table.nav
        names[f"fair_value.total{suffix}"] = table.total
    rec = filing.reconciliation
    if rec:
        names["form5500.net_assets"], names["form5500.net_assets.prior"] = rec.net_assets_5500
        names["form5500.net_income"] = rec.income_5500
        for item in rec.items:
            names[f"form5500.{item.kind}"] = item.current
            names[f"form5500.{item.kind}.prior"] = item.prior
    trust = filing.master_trust
    if trust is not None:
        names["master_trust.name"] = trust.name
        for year, share, suffix in zip(trust.years, trust.shares, ("", ".prior")):
            names[f"master_trust.net_assets{suffix}"] = year.net_assets
            names[f"master_trust.total_investments{suffix}"] = year.total_investments
            if share is not None:
                names[f"master_trust.share{suffix}"] = f"{share}%"
        for line in py.master_trust.investments:
            slug = f"master_trust.{name_part(line.caption)}"
            names[slug] = line_value(line, "current")
            names[slug + ".prior"] = line_value(line, "prior")
            if line.plan is not None:
                names[slug + ".plan"], names[slug + ".plan.prior"] = line.plan.current, line.plan.prior
        names["master_trust.income"] = trust.income.total
        if trust.income.plan_total is not None:
            names["master_trust.plan_income"] = trust.income.plan_total
    for kind, amount in filing.change_by_kind.items():
        names[kind] = amount
    for kind, rows in filing.breakdowns.items():
        for label, amount in rows:
            names[f"{kind}.{name_part(label)}"] = amount
    for count_name, n in filing.counts.items():
        names[f"count.{count_name}"] = n
    loans = filing.loans
    if loans:
        names["loans.count"] = loans.count
        names["loans.balance"] = loans.balance
        names["loans.rate_low"] = rate_text(loans.rate_low)
        names["loans.rate_high"] = rate_text(loans.rate_high)
        names["loans.rate_range"] = (rate_text(loans.rate_low) if loans.rate_low == loans.rate_high
                                     else f"{rate_text(loans.rate_low)} to {rate_text(loans.rate_high)}")
        if loans.maturity_first:
            names["loans.maturity_first"] = loans.maturity_first
        if loans.maturity_last:
            names["loans.maturity_last"] = loans.maturity_last
    for fact, amount in py.facts.items():
        names[f"facts.{fact}"] = amount
    for name, day in py.dates.items():
        names[f"dates.{name}"] = day
    return names


def name_part(label: str) -> str:
    """A caption as part of a quotable name: 'Employer stock' -> 'employer_stock'."""
    return "".join(c if c.isalnum() else "_" for c in label.lower()).strip("_")


def resolve_notes(filing, quoting=None) -> tuple[list[Note], list[Finding]]:
    """Fill the references of every note; unknown references become located findings.

    quoting: the filing whose figures the prose quotes, when not this one (tables still come from this one).
    """
    py = filing.plan_year
    quoting = quoting or filing
    names = quotable(quoting)
    places = quoting.places
    findings: list[Finding] = []
    notes = []
    for n, note in enumerate(py.notes):
        blocks = []
        letters = iter(string.ascii_uppercase)
        for b, block in enumerate(note.blocks):
            path = ("notes", n, "blocks", b)
            text, quotes = "", []
            if block.text is not None:
                text, problems, quotes = resolve_quotes(block.text, names, places)
                findings += [Finding("references", ERROR, message, dotted(path + ("text",)), None,
                                     hint="see `elevenk names FILE` for the figures a note can quote", needle=needle)
                             for message, needle in problems]
            blocks.append(_block(block, text, letters, filing, tuple(quotes)))
        title, problems = resolve(note.title, names, places)
        findings += [Finding("references", ERROR, p, dotted(("notes", n, "title")), None,
                             hint="see `elevenk names FILE` for the figures a note can quote")
                     for p in problems]
        notes.append(Note(n + 1, title, blocks, note.page_break))
    return notes, findings


def _block(block, text: str, letters, filing, quotes: tuple[Quote, ...] = ()) -> Block:
    if block.item is not None:
        return Block("item", text=text, caption=block.item, letter=next(letters), page_break=block.page_break,
                     quotes=quotes)
    if block.heading is not None:
        return Block("heading", caption=block.heading, page_break=block.page_break)
    if block.table is not None:
        return Block("table", columns=list(block.table.columns), rows=[list(r) for r in block.table.rows],
                     page_break=block.page_break)
    if block.breakdown == "fair_value":
        return Block("fair_value", data=list(filing.fair_value), page_break=block.page_break,
                     nav_lines=block.nav_lines, footnote=block.footnote)
    if block.breakdown == "form5500_reconciliation":
        return Block("reconciliation", data=filing.reconciliation, page_break=block.page_break)
    if block.breakdown in ("master_trust", "master_trust_income"):  # nothing to show without a master trust
        return Block(block.breakdown, data=filing.master_trust, page_break=block.page_break)
    if block.breakdown == "master_trust_fair_value":
        tables = list(filing.master_trust.fair_value) if filing.master_trust else []
        return Block("fair_value", data=tables, page_break=block.page_break, nav_lines=block.nav_lines,
                     footnote=block.footnote)
    if block.breakdown is not None:
        rows = filing.breakdowns.get(block.breakdown, [])
        face = filing.change_by_kind.get(block.breakdown, ZERO)
        # A net depreciation is described in words ("depreciated by"), so its parts print unsigned.
        sign = -1 if face < 0 else 1
        return Block("breakdown", amounts=[(label, amount * sign) for label, amount in rows],
                     amount_total=face * sign, page_break=block.page_break)
    return Block("paragraph", text=text, page_break=block.page_break, quotes=quotes)


RECONCILIATION_TITLE = "Reconciliation of financial statements to Form 5500"
RECONCILIATION_TEXT = ("The following is a reconciliation of net assets available for benefits and of the net "
                       "{change} in net assets available for benefits per the financial statements to the Form "
                       "5500{scale}:")


def reconciliation_note(filing, notes: list[Note]) -> list[Note]:
    """The Form 5500 reconciliation note, generated when the amounts differ and no note places it."""
    rec = filing.reconciliation
    if rec is None or not rec.differs or any(b.kind == "reconciliation" for n in notes for b in n.blocks):
        return []
    change = word("net_change_before_transfers", rec.income)
    scale = " (in thousands)" if filing.layout and filing.layout.in_thousands else ""
    return [Note(len(notes) + 1, RECONCILIATION_TITLE,
                 [Block("paragraph", text=RECONCILIATION_TEXT.format(change=change, scale=scale)),
                  Block("reconciliation", data=rec)])]
