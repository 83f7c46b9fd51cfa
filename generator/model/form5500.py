"""The Form 5500 Schedule H crosswalk (Part I lines 1a-1l, Part II lines 2a-2l) and its reconciliation to
the financial statements, both computed from the same plan year. Pure: no I/O.

Each statement line maps to a Schedule H line by what it is (a holding's type, a receivable's or a
change line's kind), as the Form 5500 instructions assign them; a holding, a line or a change line may name
its line with `form5500_line`. Net appreciation goes where the instructions put the gain of what appreciated:
registered investment companies (1c(13)) on 2b(10), common/collective trusts (1c(9)) on 2b(6), pooled separate
accounts 2b(7), master trusts 2b(8), 103-12 entities 2b(9), anything else 2b(5)(B). Every amount's line and why
it is there (a default, or form5500_line) is kept in Crosswalk.sources for `elevenk form5500` to show.
Reconciling items (benefits payable, deemed distributions) are the amounts the Form 5500 reports and the
statements do not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from ..money import ZERO
from . import contracts

# ---------------------------------------------------------------- the lines of Schedule H

PART1 = [
    ("1a", "Total noninterest-bearing cash"),
    ("1b(1)", "Receivables: employer contributions"),
    ("1b(2)", "Receivables: participant contributions"),
    ("1b(3)", "Receivables: other"),
    ("1c(1)", "Interest-bearing cash (including money market accounts and certificates of deposit)"),
    ("1c(2)", "U.S. Government securities"),
    ("1c(3)(A)", "Corporate debt instruments: preferred"),
    ("1c(3)(B)", "Corporate debt instruments: all other"),
    ("1c(4)(A)", "Corporate stocks: preferred"),
    ("1c(4)(B)", "Corporate stocks: common"),
    ("1c(5)", "Partnership/joint venture interests"),
    ("1c(6)", "Real estate (other than employer real property)"),
    ("1c(7)", "Loans (other than to participants)"),
    ("1c(8)", "Participant loans"),
    ("1c(9)", "Value of interest in common/collective trusts"),
    ("1c(10)", "Value of interest in pooled separate accounts"),
    ("1c(11)", "Value of interest in master trust investment accounts"),
    ("1c(12)", "Value of interest in 103-12 investment entities"),
    ("1c(13)", "Value of interest in registered investment companies (e.g., mutual funds)"),
    ("1c(14)", "Value of funds held in insurance company general account (unallocated contracts)"),
    ("1c(15)", "Other general investments"),
    ("1d(1)", "Employer securities"),
    ("1d(2)", "Employer real property"),
    ("1e", "Buildings and other property used in plan operation"),
    ("1f", "Total assets"),
    ("1g", "Benefit claims payable"),
    ("1h", "Operating payables"),
    ("1i", "Acquisition indebtedness"),
    ("1j", "Other liabilities"),
    ("1k", "Total liabilities"),
    ("1l", "Net assets"),
]

PART2 = [
    ("2a(1)(A)", "Contributions received or receivable from employers"),
    ("2a(1)(B)", "Contributions received or receivable from participants"),
    ("2a(1)(C)", "Contributions received or receivable from others (including rollovers)"),
    ("2a(2)", "Noncash contributions"),
    ("2a(3)", "Total contributions"),
    ("2b(1)(A)", "Interest on interest-bearing cash"),
    ("2b(1)(B)", "Interest on U.S. Government securities"),
    ("2b(1)(C)", "Interest on corporate debt instruments"),
    ("2b(1)(D)", "Interest on loans (other than to participants)"),
    ("2b(1)(E)", "Interest on participant loans"),
    ("2b(1)(F)", "Other interest"),
    ("2b(1)(G)", "Total interest"),
    ("2b(2)(A)", "Dividends: preferred stock"),
    ("2b(2)(B)", "Dividends: common stock"),
    ("2b(2)(C)", "Dividends: registered investment company shares"),
    ("2b(2)(D)", "Total dividends"),
    ("2b(3)", "Rents"),
    ("2b(4)(C)", "Net gain (loss) on sale of assets"),
    ("2b(5)(A)", "Unrealized appreciation (depreciation): real estate"),
    ("2b(5)(B)", "Unrealized appreciation (depreciation): other"),
    ("2b(5)(C)", "Total unrealized appreciation (depreciation) of assets"),
    ("2b(6)", "Net investment gain (loss) from common/collective trusts"),
    ("2b(7)", "Net investment gain (loss) from pooled separate accounts"),
    ("2b(8)", "Net investment gain (loss) from master trust investment accounts"),
    ("2b(9)", "Net investment gain (loss) from 103-12 investment entities"),
    ("2b(10)", "Net investment gain (loss) from registered investment companies"),
    ("2c", "Other income"),
    ("2d", "Total income"),
    ("2e(1)", "Benefits paid directly to participants or beneficiaries"),
    ("2e(2)", "Benefits paid to insurance carriers"),
    ("2e(3)", "Other benefit payments"),
    ("2e(4)", "Total benefit payments"),
    ("2f", "Corrective distributions"),
    ("2g", "Certain deemed distributions of participant loans"),
    ("2h", "Interest expense"),
    ("2i(1)", "Administrative expenses: professional fees"),
    ("2i(2)", "Administrative expenses: contract administrator fees"),
    ("2i(3)", "Administrative expenses: investment advisory and management fees"),
    ("2i(4)", "Administrative expenses: other"),
    ("2i(5)", "Total administrative expenses"),
    ("2j", "Total expenses"),
    ("2k", "Net income (loss)"),
    ("2l(1)", "Transfers of assets to this plan"),
    ("2l(2)", "Transfers of assets from this plan"),
]


def _codes(part: list[tuple[str, str]], prefix: str) -> list[str]:
    return [code for code, _ in part if code.startswith(prefix)]


# A total line is the sum of its terms; a term starting with "-" is subtracted.
TOTALS = {
    "1f": _codes(PART1, "1a") + _codes(PART1, "1b") + _codes(PART1, "1c") + _codes(PART1, "1d") + ["1e"],
    "1k": ["1g", "1h", "1i", "1j"],
    "1l": ["1f", "-1k"],
    "2a(3)": ["2a(1)(A)", "2a(1)(B)", "2a(1)(C)", "2a(2)"],
    "2b(1)(G)": _codes(PART2, "2b(1)")[:-1],
    "2b(2)(D)": _codes(PART2, "2b(2)")[:-1],
    "2b(5)(C)": ["2b(5)(A)", "2b(5)(B)"],
    "2d": ["2a(3)", "2b(1)(G)", "2b(2)(D)", "2b(3)", "2b(4)(C)", "2b(5)(C)",
           "2b(6)", "2b(7)", "2b(8)", "2b(9)", "2b(10)", "2c"],
    "2e(4)": ["2e(1)", "2e(2)", "2e(3)"],
    "2i(5)": ["2i(1)", "2i(2)", "2i(3)", "2i(4)"],
    "2j": ["2e(4)", "2f", "2g", "2h", "2i(5)"],
    "2k": ["2d", "-2j"],
}

HOLDING_LINES = {
    "mutual_fund": "1c(13)", "money_market_fund": "1c(13)", "common_collective_trust": "1c(9)",
    "pooled_separate_account": "1c(10)", "employer_stock": "1d(1)", "common_stock": "1c(4)(B)",
    "preferred_stock": "1c(4)(A)", "corporate_bond": "1c(3)(B)", "government_security": "1c(2)",
    "insurance_contract": "1c(14)", "stable_value_fund": "1c(15)", "cash_equivalent": "1c(1)",
    "real_estate": "1c(6)", "participant_loans": "1c(8)", "other": "1c(15)", "master_trust": "1c(11)",
}
# The Part II line of the net investment gain (loss) of what Part I reports on each line; anything else
# appreciates on 2b(5)(B) (unrealized appreciation (depreciation): other).
GAIN_LINES = {"1c(9)": "2b(6)", "1c(10)": "2b(7)", "1c(11)": "2b(8)", "1c(12)": "2b(9)", "1c(13)": "2b(10)"}
OTHER_GAINS = "2b(5)(B)"
SEVERAL_KINDS = "default: holdings of several kinds ("
# A net appreciation part's type, in words, when it names no group of holdings: the Part I line it is about.
TYPE_WORDS = [
    (r"registered investment|mutual fund|money market fund", "1c(13)"),
    (r"collective (investment )?trust", "1c(9)"),
    (r"pooled separate", "1c(10)"),
    (r"master trust", "1c(11)"),
    (r"103-12", "1c(12)"),
]
# Cash that earns interest (money market accounts, certificates of deposit, "cash equivalents") is 1c(1).
INTEREST_BEARING_CASH = re.compile(r"equivalent|money market|interest[- ]bearing|certificates? of deposit", re.I)
RECEIVABLE_LINES = {"employer_contributions": "1b(1)", "participant_contributions": "1b(2)"}
LIABILITY_LINES = {"benefits_payable": "1g", "accrued_expenses": "1h"}  # anything else: 1j
CHANGE_LINES = {
    "participant_contributions": "2a(1)(B)", "employer_contributions": "2a(1)(A)",
    "rollover_contributions": "2a(1)(C)", "net_appreciation": "2b(5)(B)",
    # Most 401(k) investment income is mutual fund dividends; give form5500_line for anything else.
    "interest_and_dividends": "2b(2)(C)", "interest_on_notes_receivable": "2b(1)(E)", "other_income": "2c",
    "benefits_paid": "2e(1)", "corrective_distributions": "2f", "deemed_distributions": "2g",
    "administrative_expenses": "2i(4)", "other_deduction": "2e(3)", "master_trust_income": "2b(8)",
}
UNKINDED = {"additions": "2c", "deductions": "2e(3)"}  # a change line with a label but no kind
RECONCILING_LABELS = {
    "benefits_payable": "Benefits payable to participants",
    "deemed_distributions": "Deemed distributions of participant loans",
}


# ---------------------------------------------------------------- computed results


@dataclass(frozen=True)
class Part1Line:
    code: str
    caption: str
    beginning: Decimal
    end: Decimal
    is_total: bool


@dataclass(frozen=True)
class Part2Line:
    code: str
    caption: str
    amount: Decimal
    is_total: bool


@dataclass(frozen=True)
class Source:
    """Where a Schedule H line's amount comes from, and why it is on that line."""

    code: str
    what: str  # the statement line, e.g. "Fidelity Puritan Fund (mutual_fund)"
    why: str  # "default for mutual_fund", "form5500_line", ...


@dataclass(frozen=True)
class Crosswalk:
    """Schedule H Part I (both year-ends) and Part II (the year), every line present."""

    part1: list[Part1Line]
    part2: list[Part2Line]
    sources: tuple[Source, ...] = ()

    def end(self, code: str) -> Decimal:
        return next(ln.end for ln in self.part1 if ln.code == code)

    def beginning(self, code: str) -> Decimal:
        return next(ln.beginning for ln in self.part1 if ln.code == code)

    def amount(self, code: str) -> Decimal:
        return next(ln.amount for ln in self.part2 if ln.code == code)


@dataclass(frozen=True)
class Adjustment:
    """One reconciling item: what it takes from the statements' net assets and from the year's change."""

    kind: str
    label: str
    current: Decimal
    prior: Decimal
    path: tuple

    @property
    def change(self) -> Decimal:
        return self.current - self.prior

    @property
    def reduces(self) -> list[Decimal]:
        """Its effect on net assets (current, prior) and on the year's change, as printed: negative."""
        return [-self.current, -self.prior, -self.change]


@dataclass(frozen=True)
class Reconciliation:
    """Financial statements to Form 5500: net assets at both year-ends, and the year's net income."""

    items: list[Adjustment]
    net_assets: tuple[Decimal, Decimal]  # (current, prior) per the statements
    income: Decimal  # net increase before transfers per the statements
    benefits_paid: Decimal  # per the statements

    @property
    def differs(self) -> bool:
        return any(i.current or i.prior for i in self.items)

    @property
    def net_assets_5500(self) -> tuple[Decimal, Decimal]:
        return (self.net_assets[0] - sum((i.current for i in self.items), ZERO),
                self.net_assets[1] - sum((i.prior for i in self.items), ZERO))

    @property
    def income_5500(self) -> Decimal:
        return self.income - sum((i.change for i in self.items), ZERO)

    @property
    def benefits_payable(self) -> list[Adjustment]:
        return [i for i in self.items if i.kind == "benefits_payable"]

    @property
    def benefits_paid_5500(self) -> Decimal:
        return self.benefits_paid + sum((i.change for i in self.benefits_payable), ZERO)


# ---------------------------------------------------------------- the mapping


def _change_lines(py):
    """(section, line, path) for every line of the statement of changes."""
    for section in ("additions", "deductions"):
        for i, item in enumerate(getattr(py.changes, section)):
            if item.lines:
                for j, line in enumerate(item.lines):
                    yield section, line, ("changes", section, i, "lines", j)
            else:
                yield section, item, ("changes", section, i)


def _part2_entries(py, sources: list[Source]) -> list[tuple[str, Decimal]]:
    """Each change line's amount on its Schedule H Part II line (a breakdown by type, part by part)."""
    out = []
    for section, line, _ in _change_lines(py):
        name = line.label or line.kind or ""
        if line.form5500_line:
            default, why = line.form5500_line, "form5500_line"
        elif line.kind == "net_appreciation":
            default, why = gain_line(py, py.investments)
        else:
            default = CHANGE_LINES.get(line.kind or "", UNKINDED[section])
            why = f"default for {line.kind}" if line.kind else f"default for an unkinded {section[:-1]}"
        if line.by_type:
            for t in line.by_type:
                code, reason = (t.form5500_line, "form5500_line") if t.form5500_line else \
                    (default, why) if line.form5500_line else _part_line(py, t.type)
                out.append((code, t.amount))
                sources.append(Source(code, f"{name}: {t.type}", reason))
        else:
            out.append((default, line.amount if line.amount is not None else ZERO))
            sources.append(Source(default, name, why))
    for t in py.changes.transfers:
        out.append(("2l(1)" if t.kind == "transfers_in" else "2l(2)", t.amount))
    return out


def holding_line(h) -> tuple[str, str]:
    """A holding's Part I line and why: its form5500_line, else the default for its type."""
    if getattr(h, "form5500_line", None):
        return h.form5500_line, "form5500_line"
    return HOLDING_LINES[h.type], f"default for {h.type}"


def gain_line(py, groups) -> tuple[str, str]:
    """The Part II line of the net appreciation of the holdings in groups, and why.

    Holdings all on one gain line (participant loans aside) put it there; holdings of several kinds
    cannot be told apart without a breakdown, so their appreciation goes to 2b(5)(B) (and the form5500
    check says so).
    """
    lines = {holding_line(h)[0] for g in groups for h in g.holdings if h.type != "participant_loans"}
    gains = {GAIN_LINES.get(code, OTHER_GAINS) for code in lines}
    if len(gains) == 1:
        code = gains.pop()
        held = ", ".join(sorted(lines))
        return code, f"default: the holdings are on {held}" if code != OTHER_GAINS else f"default for holdings on {held}"
    return OTHER_GAINS, SEVERAL_KINDS + ", ".join(sorted(lines)) + "), no breakdown"


def _part_line(py, words: str) -> tuple[str, str]:
    """The Part II line of a net appreciation part named by its type: the investment group of that caption,
    else the kind its words name, else 2b(5)(B)."""
    key = _words(words)
    groups = [g for g in py.investments if _words(g.caption) == key]
    if groups:
        code, why = gain_line(py, groups)
        return code, f"{why} (group \"{groups[0].caption}\")"
    for pattern, asset in TYPE_WORDS:
        if re.search(pattern, words, re.I):
            return GAIN_LINES[asset], f"default: \"{words}\" are on {asset}"
    return OTHER_GAINS, f"default: \"{words}\" names no registered investment companies, trusts or separate accounts"


def _words(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


def _receivable_line(line) -> str:
    kind = line.kind or line.label.strip().lower().replace(" ", "_")
    return RECEIVABLE_LINES.get(kind, "1b(3)")


def cash_line(cash) -> tuple[str, str]:
    """The cash line's Part I line and why: 1c(1) for cash that earns interest (by its label), else 1a."""
    if getattr(cash, "form5500_line", None):
        return cash.form5500_line, "form5500_line"
    if INTEREST_BEARING_CASH.search(cash.label):
        return "1c(1)", f"default: \"{cash.label}\" earns interest"
    return "1a", "default for cash"


def _part1_entries(filing, column: str, sources: list[Source] | None = None) -> list[tuple[str, Decimal]]:
    py = filing.plan_year
    sources = [] if sources is None else sources
    out = []
    for g in py.investments:
        for h in g.holdings:
            code, why = holding_line(h)
            out.append((code, getattr(h, column)))
            sources.append(Source(code, f"{h.label or h.identity} ({h.type})", why))
    na = py.net_assets
    if na.notes_receivable is not None and filing.notes_receivable is not None:
        out.append(("1c(8)", getattr(filing.notes_receivable.amount, column)))
        sources.append(Source("1c(8)", filing.notes_receivable.label, "default for notes receivable"))
    if na.cash is not None:
        code, why = cash_line(na.cash)
        out.append((code, getattr(na.cash, column)))
        sources.append(Source(code, na.cash.label, why))
    for r in na.receivables:
        code = getattr(r, "form5500_line", None) or _receivable_line(r)
        out.append((code, getattr(r, column)))
        sources.append(Source(code, r.label, "form5500_line" if getattr(r, "form5500_line", None)
                              else f"default for {r.kind}" if r.kind else
                              f"default for {code} receivables (by its label; give kind: to say what it is)"))
    for r in na.liabilities:
        code = getattr(r, "form5500_line", None) or LIABILITY_LINES.get(r.kind or "", "1j")
        out.append((code, getattr(r, column)))
        sources.append(Source(code, r.label, "form5500_line" if getattr(r, "form5500_line", None)
                              else f"default for {r.kind or 'a liability'}"))
    for item in py.form5500.reconciling:
        amount = getattr(item, column)
        out.append(("1g", amount) if item.kind == "benefits_payable" else ("1c(8)", -amount))
    return out


def _reconciling_part2(py) -> list[tuple[str, Decimal]]:
    out = [("2e(1)" if i.kind == "benefits_payable" else "2g", i.current - i.prior) for i in py.form5500.reconciling]
    # The Form 5500 reports contracts at fair value: its income moves with fair value less contract value, on
    # the gain line of the kind of investment that holds the contract.
    for _, h in contracts.contracts(py):
        change = (h.contract_value.current - h.current) - (h.contract_value.prior - h.prior)
        out.append((GAIN_LINES.get(holding_line(h)[0], OTHER_GAINS), -change))
    return out


def _fill(part: list[tuple[str, str]], entries: list[tuple[str, Decimal]]) -> dict[str, Decimal]:
    values = {code: ZERO for code, _ in part}
    for code, amount in entries:
        values[code] += amount
    for code, _ in part:  # totals come after their terms in form order
        if code in TOTALS:
            values[code] = sum((-values[t[1:]] if t.startswith("-") else values[t] for t in TOTALS[code]), ZERO)
    return values


def crosswalk(filing) -> Crosswalk:
    """Schedule H Part I and Part II from the computed filing."""
    sources: list[Source] = []
    end = _fill(PART1, _part1_entries(filing, "current", sources))
    beginning = _fill(PART1, _part1_entries(filing, "prior"))
    year = _fill(PART2, _part2_entries(filing.plan_year, sources) + _reconciling_part2(filing.plan_year))
    return Crosswalk(
        [Part1Line(code, caption, beginning[code], end[code], code in TOTALS) for code, caption in PART1],
        [Part2Line(code, caption, year[code], code in TOTALS) for code, caption in PART2],
        tuple(sources),
    )


def reconciliation(filing) -> Reconciliation:
    """The reconciliation note's figures, from the statements and the reconciling items."""
    py = filing.plan_year
    items = [Adjustment(i.kind, i.label or RECONCILING_LABELS[i.kind], i.current, i.prior,
                        ("form5500", "reconciling", n))
             for n, i in enumerate(py.form5500.reconciling)]
    if filing.contracts:
        current, prior = contracts.adjustment(py)
        items.append(Adjustment("contract_value", contracts.FORM5500_LABEL, current, prior, ("investments",)))
    return Reconciliation(items, (filing.net_assets.current, filing.net_assets.prior),
                          filing.net_change_before_transfers,
                          filing.change_by_kind.get("benefits_paid", ZERO))

