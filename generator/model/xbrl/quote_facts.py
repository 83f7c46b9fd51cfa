"""Figures the notes' prose quotes, as Inline XBRL facts. Pure.

A quoted figure the filing prints elsewhere (a statement line, a total, a cell of a note's table) is the same
fact again: the concept, context and unit of the fact printed there, its value and precision as the prose
prints it (a net depreciation quoted "depreciated by $545,303" is the negative fact, sign="-"). A few figures no
table prints have an element of their own: the Plan's percentage interest in its master trust, the participant
loans' rates and latest maturity (a range's ends on srt:RangeAxis), and the figures under `facts:` whose element
the YAML names (xbrl.facts). Counts, words and other dates have no element and are not tagged.

EDGAR takes two facts of one concept and context when they agree to the coarser precision (EFM 6.5.12): a
note quoting an exact figure that the statements print in thousands is tagged when the two agree, and a quote
that does not agree, or an amount no fact prints, is a warning naming it, never a wrong fact.
"""

from __future__ import annotations

import re
from decimal import Decimal

from ...findings import ERROR, WARNING
from ...load.yaml_source import dotted
from ..compute import change_lines
from ..notes import name_part
from . import mapping as m
from .taxonomy import ebp_elements

NEGATED = {"transfers_out"}  # quoted as the amount out; the fact (a transfer) is negative
# The participant loans' terms a note quotes: which end of their range each is (None: both, "4.25% to 9.5%")
LOAN_TERMS = {"loans.rate_range": None, "loans.rate_low": "low", "loans.rate_high": "high",
              "loans.maturity_first": "low", "loans.maturity_last": "high"}
PERCENT = re.compile(r"(\d+(?:\.\d+)?)%")
DIGITS = re.compile(r"\d{1,3}(,\d{3})*(\.\d+)?|\d+(\.\d+)?")


def quoted_facts(b) -> None:
    """Tag every figure a note's paragraph quotes; (note, block) -> where each is printed goes in b.out.spans."""
    places = _places(b)
    for note in b.f.notes:
        for k, block in enumerate(note.blocks):
            spans = []
            for i, quote in enumerate(block.quotes):
                key = ("quote", note.number, k, i)
                if quote.name in LOAN_TERMS:
                    spans += _loan_terms(b, note, block, quote, key)
                    continue
                span = _quote(b, note, k, block, quote, key, places)
                if span is not None:
                    spans.append(span + (key,))
            if spans:
                b.out.spans[(note.number, k)] = spans


def agree(a: Decimal, a_decimals: int, b: Decimal, b_decimals: int) -> bool:
    """Two values of one fact agree: equal at the same precision, else each within the other's rounding
    (EDGAR's duplicate facts rule, EFM 6.5.12)."""
    if a_decimals == b_decimals:
        return a == b
    half_a, half_b = Decimal(5).scaleb(-a_decimals - 1), Decimal(5).scaleb(-b_decimals - 1)
    return max(a - half_a, b - half_b) < min(a + half_a, b + half_b)  # ranges that only touch: not taken


def _quote(b, note, k: int, block, quote, key: tuple, places: dict) -> tuple[int, int] | None:
    """Tag one quote; (start, end) of its digits in the block's text, or None when it is not tagged."""
    if quote.name == "master_trust.share" or quote.name == "master_trust.share.prior":
        return _share(b, block, quote, key)
    if not isinstance(quote.value, Decimal) or any(o in ("word", "verb") for o in quote.spec.split(",")):
        return None  # a count, a date or a word: no element says what it is
    printed = _printed(block.text, quote)
    if printed is None:
        return None
    start, value, decimals = printed
    if (quote.value < 0) != (quote.name in NEGATED):
        value = -value
    where = dotted(("notes", note.number - 1, "blocks", k, "text"))
    if quote.name.startswith("facts."):
        return _named(b, note, quote, key, value, decimals, where, start)
    place = places.get(quote.name)
    sources = b.out.tags.get(place) if place else None
    if not sources:
        b.problem(where, f"note {note.number} quotes {{{quote.name}}} ({block.text[start:quote.end]}), which no "
                  "tagged figure of the filing prints: it is not tagged", "quote a figure the statements or the "
                  "notes' tables print", WARNING)
        return None
    for source in sources:
        if not agree(value, decimals, source.value, source.decimals):
            places = max(source.decimals + source.scale, 0)
            shown = f"{abs(source.value).scaleb(-source.scale):,.{places}f}" + (" thousand" if source.scale == 3 else "")
            b.problem(where, f"note {note.number} quotes {{{quote.name}}} as {block.text[start:quote.end]}, which "
                      f"does not agree with the {shown} the filing prints for it: it is not tagged",
                      "quote the figure as the filing prints it to tag it", WARNING)
            return None
    role = b.placed[place]
    for source in sources:
        b.add(key, source.concept, source.context, value, where, role=role, decimals=decimals, scale=0,
              unit=source.unit)
    return start, quote.end


def _printed(text: str, quote) -> tuple[int, Decimal, int] | None:
    """Where a quoted amount's digits start, the unsigned amount they print and its decimals (round=N: the
    power of ten it is rounded to)."""
    start = quote.start + (1 if text[quote.start:quote.end].startswith("-") else 0)
    digits = text[start:quote.end]
    if not DIGITS.fullmatch(digits):
        return None
    decimals = len(digits.split(".")[1]) if "." in digits else 0
    for option in quote.spec.split(","):
        if option.startswith("round="):
            decimals = -(len(option) - len("round=1"))
    return start, Decimal(digits.replace(",", "")), decimals


def _share(b, block, quote, key: tuple) -> tuple[int, int] | None:
    """The Plan's percentage interest in its master trust: "71.9%" is 0.719 (scale -2, unit pure)."""
    text = block.text[quote.start:quote.end]
    if not text.endswith("%") or not DIGITS.fullmatch(text[:-1]):
        return None
    digits = text[:-1]
    decimals = (len(digits.split(".")[1]) if "." in digits else 0) + 2
    period = b.prior if quote.name.endswith(".prior") else b.current
    b.add(key, m.MASTER_TRUST["share"], b.ctx(period), Decimal(digits).scaleb(-2), role="master_trust",
          decimals=decimals, scale=-2, unit="pure")
    return quote.start, quote.end - 1


def _loan_terms(b, note, block, quote, key: tuple) -> list[tuple[int, int, tuple]]:
    """The loans' interest rates ("4.25% to 9.5%": the range's minimum and maximum on srt:RangeAxis; one rate
    for them all: the rate) or a maturity date ("through March 7, 2031": the latest), each a fact."""
    loans, ends = b.f.loans, m.LOANS
    text = block.text[quote.start:quote.end]
    if quote.name.startswith("loans.maturity"):
        concept, alike = ends["maturity"], loans.maturity_first == loans.maturity_last
        found = [(0, len(text), quote.value)]
    else:
        concept, alike = ends["rate"], loans.rate_low == loans.rate_high
        found = [(x.start(1), x.end(1), Decimal(x.group(1))) for x in PERCENT.finditer(text)]
    which = [LOAN_TERMS[quote.name]] if LOAN_TERMS[quote.name] else ["low", "high"][:len(found)]
    if len(found) != len(which):
        return []
    role = b.details_role(note, concept)
    if role is None:
        return []
    spans = []
    for j, ((start, end, value), end_of_range) in enumerate(zip(found, which)):
        dims = () if alike else ((ends["range_axis"], ends[end_of_range]),)
        place = key + (j,)
        if isinstance(value, Decimal):  # a percentage: 4.25% is 0.0425 (scale -2, unit pure)
            places = len(str(value).split(".")[1]) if "." in str(value) else 0
            b.add(place, concept, b.ctx(b.year, *dims), value.scaleb(-2), role=role, decimals=places + 2, scale=-2,
                  unit="pure")
        else:
            b.add(place, concept, b.ctx(b.year, *dims), value, role=role)
        spans.append((quote.start + start, quote.start + end, place))
    return spans


def _named(b, note, quote, key: tuple, value: Decimal, decimals: int, where: str, start: int):
    """A figure under `facts:` whose element the YAML names: the balance at this year-end (an instant element)
    or the plan year's amount (a duration one)."""
    name = quote.name[len("facts."):]
    element = b.py.xbrl.facts.get(name)
    if element is None:
        b.problem(where, f"note {note.number} quotes {{{quote.name}}}, whose element the plan year does not name: "
                  "it is not tagged", f"name it under xbrl.facts: ({name}: EmployeeBenefitPlanForfeitedNonvestedAccount, "
                  "or another us-gaap-ebp element)", WARNING)
        return None
    qname = element if ":" in element else f"us-gaap-ebp:{element}"
    concept = ebp_elements().get(qname)
    if concept is None or concept.abstract or not concept.monetary:
        b.problem(("xbrl", "facts", name), f"{element} is not a monetary element of the us-gaap-ebp 2025 taxonomy",
                  "name a monetary us-gaap-ebp element, e.g. EmployeeBenefitPlanForfeitedNonvestedAccount", ERROR)
        return None
    role = b.details_role(note, qname)
    if role is None:
        return None
    period = b.current if concept.period == "instant" else b.year
    b.add(key, qname, b.ctx(period), value, where, role=role, decimals=decimals, scale=0)
    return start, quote.end


# ---------------------------------------------------------------- where each quotable figure is printed


def _places(b) -> dict[str, tuple]:
    """Quotable name (model/notes.quotable) -> the place (a key of XbrlFacts.tags) of the fact printing it."""
    f, py = b.f, b.py
    out: dict[str, tuple] = {}

    def pair(name: str, anchor) -> None:
        out[name], out[name + ".prior"] = (anchor, "current"), (anchor, "prior")

    for name in ("total_investments", "total_receivables", "total_assets", "total_liabilities", "net_assets",
                 "net_assets_fair_value", "total_fair_value_investments", "contract_adjustment"):
        pair(name, name)
    for name in ("total_additions", "total_deductions", "net_change_before_transfers", "net_change",
                 "net_assets_beginning", "net_assets_end", "schedule_total"):
        out[name] = (name,)
    if not f.transfers:  # the statement prints one net change: the one before transfers
        out["net_change"] = ("net_change_before_transfers",)
    if f.notes_receivable:
        pair("notes_receivable", f.notes_receivable.path)
    for group in f.statement_investments:
        for line in group.lines:
            if len(line.path) == 2:  # by type: a group's line
                pair(f"investments.{name_part(py.investments[line.path[1]].caption)}", line.path)
    for section, lines, sources in (("receivable", f.receivables, py.net_assets.receivables),
                                    ("liability", f.liabilities, py.net_assets.liabilities)):
        for line, source in zip(lines, sources):
            if source.kind:
                pair(f"{section}.{source.kind}", line.path)
    _unique(out, [(line.kind, (path,)) for path, line in change_lines(py) if line.kind])
    _unique(out, [(row.kind, (row.path,)) for row in f.transfers])
    for kind, rows in f.breakdowns.items():
        for i, (label, _) in enumerate(rows):
            out[f"{kind}.{name_part(label)}"] = ("breakdown", kind, i)
    _fair_value_places(f, out)
    _reconciliation_places(f, out)
    _trust_places(f, out)
    return out


def _unique(out: dict, named: list[tuple[str, tuple]]) -> None:
    """Names each printed once; a name two lines share is a sum no one fact prints."""
    counts: dict[str, int] = {}
    for name, _ in named:
        counts[name] = counts.get(name, 0) + 1
    out.update((name, place) for name, place in named if counts[name] == 1)


def _blocks(f, kind: str):
    for note in f.notes:
        for k, block in enumerate(note.blocks):
            if block.kind == kind:
                yield (note.number, k), block


def _fair_value_places(f, out: dict) -> None:
    for place, block in _blocks(f, "fair_value"):
        for t, (table, suffix) in enumerate(zip(block.data, ("", ".prior"))):
            if table.subject != "Investments":
                break
            key = ("fair_value",) + place + (t,)
            row = "hierarchy" if table.nav else "total"
            for c, level in enumerate(("1", "2", "3")):
                out[f"fair_value.level{level}{suffix}"] = key + (row, c)
            if table.nav and block.nav_lines != "each":
                out[f"fair_value.nav{suffix}"] = key + ("nav", 3)
            out[f"fair_value.total{suffix}"] = key + ("total", 3)


def _reconciliation_places(f, out: dict) -> None:
    rec = f.reconciliation
    if rec is None:
        return
    for c, suffix in enumerate(("", ".prior")):
        out[f"form5500.net_assets{suffix}"] = ("reconciliation", "net_assets_5500", c)
        for i, item in enumerate(rec.items):
            out[f"form5500.{item.kind}{suffix}"] = ("reconciliation", "item", i, c)
    out["form5500.net_income"] = ("reconciliation", "income_5500")


def _trust_places(f, out: dict) -> None:
    """The master trust's figures, in its note's tables (model/xbrl/trust_facts.py keys them)."""
    mt = f.master_trust
    if mt is None:
        return
    investments = f.plan_year.master_trust.investments
    for place, block in _blocks(f, "master_trust"):
        for t, table in enumerate(mt.net_assets_tables):
            # total investments: after the contracts at contract value, or at fair value when there are none
            totals = {"net_assets": "master_trust.net_assets", "total_investments": "master_trust.total_investments"}
            if not any(row.key == "total_investments" for row in table.rows):
                totals["total_fair_value"] = "master_trust.total_investments"
            for r, row in enumerate(table.rows):
                for c in range(len(row.amounts)):
                    if table.year_end is None:  # an undivided interest: the trust at both year-ends
                        suffix, plan = ("", ".prior")[c], False
                    else:  # a divided one: a table per year-end, the trust and the Plan's interest
                        suffix, plan = ("" if t == 0 else ".prior"), c == 1
                    if row.key in ("investment", "contract"):
                        name = f"master_trust.{name_part(investments[row.path[2]].caption)}" + (".plan" if plan else "")
                    else:
                        name = None if plan else totals.get(row.key)
                    if name:
                        out.setdefault(name + suffix, ("master_trust",) + place + (t, r, c))
    for place, block in _blocks(f, "master_trust_income"):
        for r, row in enumerate(mt.income_table.rows):
            if row.key == "income_total":
                out["master_trust.income"] = ("master_trust",) + place + (0, r, 0)
                if len(row.amounts) > 1:
                    out["master_trust.plan_income"] = ("master_trust",) + place + (0, r, 1)
