"""Compute every figure the filing prints from a validated plan year. Pure: no I/O."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from decimal import Decimal

from ..load.schema import ChangeItem, ChangeLine, PlanYear
from ..money import ZERO
from . import contracts, form5500, master_trust, wording
from .fair_value import fair_value_table, uses_levels
from .layout import Layout, layout, receivable_groups
from .notes import reconciliation_note, resolve_notes
from .prose import rate_text

PLURALS = {
    "mutual_fund": "mutual_funds", "money_market_fund": "money_market_funds",
    "common_collective_trust": "common_collective_trusts", "pooled_separate_account": "pooled_separate_accounts",
    "employer_stock": "employer_stocks", "common_stock": "common_stocks", "preferred_stock": "preferred_stocks",
    "corporate_bond": "corporate_bonds", "government_security": "government_securities",
    "insurance_contract": "insurance_contracts", "stable_value_fund": "stable_value_funds",
    "cash_equivalent": "cash_equivalents", "real_estate": "real_estate", "participant_loans": "participant_loans",
    "other": "other_investments", "master_trust": "master_trusts",
}
# Money market funds are mutual funds too; a count of "mutual funds" includes them.
COUNT_GROUPS = {"mutual_funds": ("mutual_fund", "money_market_fund")}

DEFAULT_CHANGE_LABELS = {
    "participant_contributions": "Participant contributions",
    "employer_contributions": "Employer contributions",
    "rollover_contributions": "Rollover contributions",
    "interest_and_dividends": "Interest and dividends",
    "interest_on_notes_receivable": "Interest income on notes receivable from participants",
    "benefits_paid": "Benefits paid to participants",
    "administrative_expenses": "Administrative expenses",
    "deemed_distributions": "Deemed distributions of participant loans",
    "other_deduction": "Other deductions",
    "corrective_distributions": "Corrective distributions",
    "transfers_in": "Transfers from other plans",
    "transfers_out": "Transfers to other plans",
}


@dataclass(frozen=True)
class Pair:
    """A figure at both year-ends."""

    current: Decimal
    prior: Decimal

    def __add__(self, other: "Pair") -> "Pair":
        return Pair(self.current + other.current, self.prior + other.prior)

    def __sub__(self, other: "Pair") -> "Pair":
        return Pair(self.current - other.current, self.prior - other.prior)


ZERO_PAIR = Pair(ZERO, ZERO)


def total(pairs) -> Pair:
    result = ZERO_PAIR
    for p in pairs:
        result = result + p
    return result


@dataclass(frozen=True)
class StatementLine:
    label: str
    amount: Pair
    path: tuple


@dataclass(frozen=True)
class InvestmentGroup:
    caption: str
    lines: list[StatementLine]
    subtotal: Pair


@dataclass(frozen=True)
class ChangeRow:
    """A line of the statement of changes; a group row has lines and a subtotal."""

    label: str
    amount: Decimal
    path: tuple
    kind: str | None = None
    lines: list["ChangeRow"] = field(default_factory=list)
    total_label: str | None = None  # a group's subtotal printed on a labelled line of its own

    @property
    def is_group(self) -> bool:
        return bool(self.lines)


@dataclass(frozen=True)
class ScheduleRow:
    party_in_interest: bool
    identity: str
    description: str
    cost: Decimal | None
    current: Decimal
    path: tuple


@dataclass(frozen=True)
class LoanSummary:
    count: int
    rate_low: Decimal
    rate_high: Decimal
    maturity_first: dt.date | None
    maturity_last: dt.date | None
    balance: Decimal


@dataclass(frozen=True)
class Filing:
    """The computed filing: the input plan year plus every derived figure."""

    plan_year: PlanYear
    fiscal_year_end: dt.date
    prior_year_end: dt.date
    investment_groups: list[InvestmentGroup]
    total_investments: Pair
    cash: StatementLine | None
    receivables: list[StatementLine]
    total_receivables: Pair
    total_assets: Pair
    liabilities: list[StatementLine]
    total_liabilities: Pair
    net_assets: Pair
    additions: list[ChangeRow]
    total_additions: Decimal
    deductions: list[ChangeRow]
    total_deductions: Decimal
    net_change: Decimal
    net_assets_beginning: Decimal
    net_assets_end: Decimal
    breakdowns: dict[str, list[tuple[str, Decimal]]]
    change_by_kind: dict[str, Decimal]
    schedule_rows: list[ScheduleRow]
    schedule_total: Decimal
    schedule_cost_total: Decimal | None
    schedule_largest_cost: Decimal | None  # the cost figure of most digits, to size the column; None if none
    counts: dict[str, int]
    loans: LoanSummary | None
    deadline: dt.date
    report_style: str
    omitted_schedules_note: bool  # the contents page says the other DOL schedules are not applicable
    notes: list = field(default_factory=list)
    note_findings: list = field(default_factory=list)
    # The statement's investment lines as presented: itemized (the groups) or one uncaptioned group with a
    # line per group (by type).
    statement_investments: list[InvestmentGroup] = field(default_factory=list)
    notes_receivable: StatementLine | None = None
    net_change_before_transfers: Decimal = ZERO
    transfers: list[ChangeRow] = field(default_factory=list)  # transfers out are negative
    fair_value: list = field(default_factory=list)  # fair_value.FairValueTable at each year-end, current first
    form5500: form5500.Crosswalk | None = None
    reconciliation: form5500.Reconciliation | None = None
    xbrl: object = None  # xbrl.facts.XbrlFacts when Inline XBRL is built (set by the pipeline)
    layout: Layout | None = None
    receivable_groups: list[InvestmentGroup] = field(default_factory=list)  # caption "": an ungrouped line
    # Fully benefit-responsive contracts: how they are shown ("adjustment", "contract_value" or None); in the
    # contract value presentation, groups of contracts follow "Total investments at fair value"; in the
    # adjustment presentation, net assets at fair value and the adjustment come before net assets.
    contracts: str | None = None
    contract_groups: list[InvestmentGroup] = field(default_factory=list)
    total_fair_value_investments: Pair = ZERO_PAIR
    net_assets_fair_value: Pair | None = None
    contract_adjustment: Pair | None = None
    holdings_fair_value: Pair = ZERO_PAIR  # every holding at fair value (Schedule H and Form 5500 report these)
    outside_hierarchy: Pair = ZERO_PAIR  # statement lines the fair value table leaves out (contracts at contract value)
    master_trust: master_trust.TrustNote | None = None
    master_trust_interest: Pair = ZERO_PAIR  # the statement's master trust lines, at fair value


    source: str = ""  # the plan-year file's path, when the pipeline read it from one (its name has a year)

    @property
    def places(self) -> int:
        """Decimal places every printed amount shows: 0 in a whole-dollar filing, 2 in one kept in cents."""
        return 2 if self.plan_year.filing.amounts_in == "cents" else 0

    @property
    def year(self) -> int:
        return self.fiscal_year_end.year

    @property
    def prior_year(self) -> int:
        return self.prior_year_end.year


def one_year_before(day: dt.date) -> dt.date:
    """The same calendar day a year earlier (Feb 29 becomes Feb 28)."""
    try:
        return day.replace(year=day.year - 1)
    except ValueError:
        return day.replace(year=day.year - 1, day=28)


def _pair(obj) -> Pair:
    return Pair(obj.current, obj.prior)


def _line_amount(line: ChangeLine) -> Decimal:
    if line.by_type:
        return sum((t.amount for t in line.by_type), ZERO)
    return line.amount if line.amount is not None else ZERO


def _line_label(line: ChangeLine, amount: Decimal) -> str:
    if line.label:
        return line.label
    if line.kind in wording.CAPTIONS:
        return wording.caption(line.kind, amount)
    return DEFAULT_CHANGE_LABELS.get(line.kind or "", line.kind or "")


def _change_rows(items: list[ChangeItem], base: tuple) -> list[ChangeRow]:
    rows = []
    for i, item in enumerate(items):
        path = base + (i,)
        if item.lines:
            subs = []
            for j, line in enumerate(item.lines):
                amount = _line_amount(line)
                subs.append(ChangeRow(_line_label(line, amount), amount, path + ("lines", j), line.kind))
            rows.append(ChangeRow(item.group or "", sum((s.amount for s in subs), ZERO), path, None, subs,
                                  item.total_label))
        else:
            amount = _line_amount(item)
            rows.append(ChangeRow(_line_label(item, amount), amount, path, item.kind))
    return rows


def change_lines(py: PlanYear):
    """Every line of the statement of changes with its path: group lines, and lines outside groups."""
    for section in ("additions", "deductions"):
        for i, item in enumerate(getattr(py.changes, section)):
            if item.lines:
                for j, line in enumerate(item.lines):
                    yield ("changes", section, i, "lines", j), line
            else:
                yield ("changes", section, i), item


def _all_holdings(py: PlanYear):
    for g, group in enumerate(py.investments):
        for h, holding in enumerate(group.holdings):
            yield ("investments", g, "holdings", h), holding


def _schedule_rows(py: PlanYear, notes_receivable: StatementLine | None,
                   loans: LoanSummary | None) -> list[ScheduleRow]:
    # The master trust reports its own assets to the Department of Labor: line 4i lists what the plan holds
    # outside it.
    rows = [
        ScheduleRow(h.party_in_interest, h.identity, h.description, h.cost, h.current, path + ("current",))
        for path, h in _all_holdings(py)
        if h.current != ZERO and h.type != "master_trust"
    ]
    nr = py.net_assets.notes_receivable
    if nr is not None and notes_receivable is not None and notes_receivable.amount.current != ZERO:
        # One aggregated row; loans have no cost to report (--).
        rows.append(ScheduleRow(nr.party_in_interest, nr.identity, nr.description or _loan_description(loans),
                                ZERO, notes_receivable.amount.current, notes_receivable.path))
    return rows


def _loan_description(loans: LoanSummary | None) -> str:
    """Schedule H (c) for the aggregated participant-loans row, from the loan data."""
    if loans is None:
        return "Participant loans, secured by participant account balances"
    rates = (f"interest rate of {rate_text(loans.rate_low)}" if loans.rate_low == loans.rate_high
             else f"interest rates ranging from {rate_text(loans.rate_low)} to {rate_text(loans.rate_high)}")
    maturing = ""
    if loans.maturity_first and loans.maturity_last:
        maturing = f", maturing {loans.maturity_first:%B %Y} through {loans.maturity_last:%B %Y}"
    return f"{loans.count:,} loans, {rates}{maturing}, secured by participant account balances"


def _counts(py: PlanYear) -> dict[str, int]:
    holdings = [h for _, h in _all_holdings(py) if h.current != ZERO]
    counts = {plural: 0 for plural in PLURALS.values()}
    for h in holdings:
        counts[PLURALS[h.type]] += 1
    for name, types in COUNT_GROUPS.items():
        counts[name] = sum(1 for h in holdings if h.type in types)
    counts["holdings"] = len(holdings)
    counts["party_in_interest"] = sum(1 for h in holdings if h.party_in_interest)
    return counts


def _listed_loans(py: PlanYear) -> LoanSummary | None:
    """The summary of the loans listed under notes receivable, computed loan by loan."""
    listed = py.net_assets.notes_receivable.loans if py.net_assets.notes_receivable else []
    if not listed:
        return None
    return LoanSummary(
        count=len(listed),
        rate_low=min(ln.rate for ln in listed),
        rate_high=max(ln.rate for ln in listed),
        maturity_first=min(ln.maturity for ln in listed),
        maturity_last=max(ln.maturity for ln in listed),
        balance=sum((ln.balance for ln in listed), ZERO),
    )


def _notes_receivable(py: PlanYear) -> StatementLine | None:
    nr = py.net_assets.notes_receivable
    if nr is None:
        return None
    listed = _listed_loans(py)
    current = listed.balance if listed else nr.current
    return StatementLine(nr.label, Pair(current, nr.prior), ("net_assets", "notes_receivable"))


def _loans(py: PlanYear) -> LoanSummary | None:
    listed = _listed_loans(py)
    if listed:
        return listed
    loans = [(h.loans, h.current) for _, h in _all_holdings(py) if h.loans is not None]
    nr = py.net_assets.notes_receivable
    if nr is not None and nr.summary is not None:
        loans.append((nr.summary, nr.current))
    if not loans:
        return None
    rates_low = [ln.rate_low for ln, _ in loans]
    rates_high = [ln.rate_high if ln.rate_high is not None else ln.rate_low for ln, _ in loans]
    firsts = [ln.maturity_first for ln, _ in loans if ln.maturity_first]
    lasts = [ln.maturity_last for ln, _ in loans if ln.maturity_last]
    return LoanSummary(
        count=sum(ln.count for ln, _ in loans),
        rate_low=min(rates_low),
        rate_high=max(rates_high),
        maturity_first=min(firsts) if firsts else None,
        maturity_last=max(lasts) if lasts else None,
        balance=sum((amount for _, amount in loans), ZERO),
    )


def _deadline(py: PlanYear) -> dt.date:
    days = 180 if py.plan.erisa else 90
    return py.filing.fiscal_year_end + dt.timedelta(days=days)


def report_style(py: PlanYear) -> str:
    """The auditor's report style: as stated, else PCAOB for years ending on or after 2017-12-15."""
    if py.auditor.report.style:
        return py.auditor.report.style
    return "pcaob" if py.filing.fiscal_year_end >= dt.date(2017, 12, 15) else "gaas"


def compute(py: PlanYear, notes_from: Filing | None = None) -> Filing:
    """Derive every printed figure from the plan year.

    notes_from: the filing whose figures the notes' prose quotes, when it is not this one (a plan year
    printed in thousands quotes the exact figures).
    """
    prior_year_end = py.filing.prior_year_end or one_year_before(py.filing.fiscal_year_end)
    shown = contracts.presentation(py, prior_year_end)
    groups = []
    for g, group in enumerate(py.investments):
        lines = [
            StatementLine(h.label or h.identity,
                          _pair(h.contract_value if contracts.at_contract_value(h, shown) else h),
                          ("investments", g, "holdings", i))
            for i, h in enumerate(group.holdings)
        ]
        groups.append(InvestmentGroup(group.caption, lines, total(ln.amount for ln in lines)))
    total_investments = total(g.subtotal for g in groups)
    apart = [contracts.contract_group(group, shown) for group in py.investments]
    adjustment = Pair(*contracts.adjustment(py)) if shown == "adjustment" else None

    na = py.net_assets
    notes_receivable = _notes_receivable(py)
    cash = StatementLine(na.cash.label, _pair(na.cash), ("net_assets", "cash")) if na.cash else None
    receivables = [StatementLine(r.label, _pair(r), ("net_assets", "receivables", i))
                   for i, r in enumerate(na.receivables)]
    liabilities = [StatementLine(r.label, _pair(r), ("net_assets", "liabilities", i))
                   for i, r in enumerate(na.liabilities)]
    total_receivables = total(r.amount for r in receivables)
    total_assets = (total_investments + total_receivables + (cash.amount if cash else ZERO_PAIR)
                    + (notes_receivable.amount if notes_receivable else ZERO_PAIR))
    total_liabilities = total(r.amount for r in liabilities)
    net_assets = total_assets - total_liabilities
    net_assets_fair_value = net_assets if adjustment else None
    if adjustment:
        net_assets = net_assets + adjustment

    additions = _change_rows(py.changes.additions, ("changes", "additions"))
    deductions = _change_rows(py.changes.deductions, ("changes", "deductions"))
    transfers = [ChangeRow(t.label or DEFAULT_CHANGE_LABELS[t.kind],
                           t.amount if t.kind == "transfers_in" else -t.amount,
                           ("changes", "transfers", i), t.kind)
                 for i, t in enumerate(py.changes.transfers)]
    total_additions = sum((r.amount for r in additions), ZERO)
    total_deductions = sum((r.amount for r in deductions), ZERO)
    net_change_before_transfers = total_additions - total_deductions
    net_change = net_change_before_transfers + sum((r.amount for r in transfers), ZERO)
    beginning = net_assets.prior

    change_by_kind: dict[str, Decimal] = {}
    breakdowns: dict[str, list[tuple[str, Decimal]]] = {}
    for _, line in change_lines(py):
        if line.kind:
            change_by_kind[line.kind] = change_by_kind.get(line.kind, ZERO) + _line_amount(line)
            if line.by_type:
                breakdowns[line.kind] = [(t.type, t.amount) for t in line.by_type]
    for t in py.changes.transfers:
        change_by_kind[t.kind] = change_by_kind.get(t.kind, ZERO) + t.amount

    loans = _loans(py)
    rows = _schedule_rows(py, notes_receivable, loans)
    costs = [r.cost for r in rows]
    style = report_style(py)
    filing = Filing(
        plan_year=py,
        fiscal_year_end=py.filing.fiscal_year_end,
        prior_year_end=prior_year_end,
        investment_groups=groups,
        total_investments=total_investments,
        cash=cash,
        receivables=receivables,
        total_receivables=total_receivables,
        total_assets=total_assets,
        liabilities=liabilities,
        total_liabilities=total_liabilities,
        net_assets=net_assets,
        additions=additions,
        total_additions=total_additions,
        deductions=deductions,
        total_deductions=total_deductions,
        net_change=net_change,
        net_assets_beginning=beginning,
        net_assets_end=beginning + net_change,
        breakdowns=breakdowns,
        change_by_kind=change_by_kind,
        schedule_rows=rows,
        schedule_total=sum((r.current for r in rows), ZERO),
        schedule_cost_total=sum(costs, ZERO) if costs and all(c is not None for c in costs) else None,
        schedule_largest_cost=max((c for c in costs if c is not None), key=abs, default=None),
        counts=_counts(py),
        loans=loans,
        deadline=_deadline(py),
        report_style=style,
        omitted_schedules_note=(py.schedule_h.omitted_schedules_note
                                if py.schedule_h.omitted_schedules_note is not None
                                else style in ("pcaob", "pcaob_2004")),
        statement_investments=_presented(py, [g for g, a in zip(groups, apart) if not a]),
        notes_receivable=notes_receivable,
        net_change_before_transfers=net_change_before_transfers,
        transfers=transfers,
        layout=layout(py, sum(len(g.lines) for g in _presented(py, groups))),
        contracts=shown,
        contract_groups=_presented(py, [g for g, a in zip(groups, apart) if a]) if any(apart) else [],
        total_fair_value_investments=total(g.subtotal for g, a in zip(groups, apart) if not a),
        net_assets_fair_value=net_assets_fair_value,
        contract_adjustment=adjustment,
        holdings_fair_value=total(_pair(h) for _, h in _all_holdings(py)),
        master_trust=master_trust.trust_note(py, (py.filing.fiscal_year_end, prior_year_end), shown),
        master_trust_interest=total(_pair(h) for _, h in _all_holdings(py) if h.type == "master_trust"),
        outside_hierarchy=total(line.amount for g in groups for line, (_, h) in zip(g.lines, _holdings_of(py, g))
                                if not _in_hierarchy(h, shown)),
        receivable_groups=[InvestmentGroup(caption, [receivables[i] for i in lines],
                                           total(receivables[i].amount for i in lines))
                           for caption, lines in receivable_groups(py)],
    )
    filing = replace(filing, fair_value=_fair_value(filing))
    filing = replace(filing, form5500=form5500.crosswalk(filing), reconciliation=form5500.reconciliation(filing))
    notes, note_findings = resolve_notes(filing, notes_from)
    return replace(filing, notes=notes + reconciliation_note(filing, notes), note_findings=note_findings)


# Holdings an itemized statement of net assets lists at most; past it the statement shows them by type,
# as large plans' statements do (Schedule H still lists every one), and a check says so.
ITEMIZED_UP_TO = 250


def investments_presentation(py: PlanYear) -> str:
    """How the statement shows the investments: as the plan year says, but by type past ITEMIZED_UP_TO holdings."""
    if py.net_assets.presentation == "itemized" and sum(len(g.holdings) for g in py.investments) > ITEMIZED_UP_TO:
        return "by_type"
    return py.net_assets.presentation


def _presented(py: PlanYear, groups: list[InvestmentGroup]) -> list[InvestmentGroup]:
    """The statement's investment lines: itemized as grouped, or one line per group (by type)."""
    if investments_presentation(py) == "itemized":
        return groups
    lines = [StatementLine(g.caption, g.subtotal, g.lines[0].path[:2]) for g in groups]
    return [InvestmentGroup("", lines, total(g.subtotal for g in groups))]  # no caption of its own


def _in_hierarchy(holding, shown: str | None) -> bool:
    """Whether the fair value hierarchy includes the holding: not a contract the statement shows at contract
    value, nor a master trust interest (the trust's own hierarchy is in its note)."""
    return not contracts.at_contract_value(holding, shown) and holding.type != "master_trust"


def _holdings_of(py: PlanYear, group: InvestmentGroup):
    g = group.lines[0].path[1]
    return [(("investments", g, "holdings", h), holding) for h, holding in enumerate(py.investments[g].holdings)]


def _fair_value(filing: Filing) -> list:
    """The fair value hierarchy at both year-ends, when the holdings carry levels."""
    py = filing.plan_year
    if not uses_levels(py):
        return []
    inside = lambda holding: _in_hierarchy(holding, filing.contracts)  # noqa: E731
    return [fair_value_table(py, filing.fiscal_year_end, "current", inside),
            fair_value_table(py, filing.prior_year_end, "prior", inside)]
