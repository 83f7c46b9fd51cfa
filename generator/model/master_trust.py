"""The master trust note: the trust's net assets at each year-end (and the Plan's interest in them), its net
investment income, and its fair value hierarchy, computed from the trust's lines entered once. Pure."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from ..load.schema import MasterTrust, PlanYear, TrustInvestment
from ..money import ZERO
from . import wording
from .contracts import ADJUSTMENT_LABEL, at_contract_value
from .fair_value import LEVELS, FairValueTable, LevelRow

COLUMNS = ("current", "prior")


@dataclass(frozen=True)
class TrustRow:
    """A row of a master trust table: a caption, a line, a subtotal or the total; plan is the Plan's interest
    (a divided interest), None where the note shows none."""

    label: str
    trust: Decimal | None = None
    plan: Decimal | None = None
    kind: str = "line"  # caption | line | subtotal | total
    indent: int = 1
    key: str = ""  # what the row is (ROW_KEYS), for Inline XBRL
    path: tuple | None = None  # the trust's line it prints, ("master_trust", "investments", 3)


# What a row of the trust's tables is: its line's kind, or the total it is.
ROW_KEYS = ("caption", "investment", "total_fair_value", "contract", "total_investments", "other_asset",
            "liability", "net_assets_fair_value", "adjustment", "net_assets", "income", "income_total")


@dataclass(frozen=True)
class TableRow:
    """A printed row: its amounts by column (None: an empty cell), how it is ruled, whether it carries $."""

    label: str
    amounts: list[Decimal | None]
    kind: str  # caption | line | subtotal | total
    dollar: bool = False
    indent: int = 1
    key: str = ""  # TrustRow.key
    path: tuple | None = None  # TrustRow.path

    @property
    def marks(self) -> str:
        """The text table's marks: $ on the row, a rule above (-), a double rule below (=)."""
        return ("-" if self.kind in ("subtotal", "total") else "") + ("$" if self.dollar else "") + \
            ("=" if self.kind == "total" else "") + (">" if self.indent and self.kind != "caption" else "")


@dataclass(frozen=True)
class TrustTable:
    """A table of the master trust note: a date over it (or None), column heads, rows."""

    year_end: dt.date | None
    heads: list[str]
    rows: list[TableRow]


def table_rows(columns: list[list[TrustRow]]) -> list[TableRow]:
    """Rows side by side (each column a list of the same rows), $ on the first figures and on the total."""
    out, first = [], True
    rows = list(zip(*columns))
    cells = [[a for p in parts for a in ([p.trust] if p.plan is None else [p.trust, p.plan])] for parts in rows]
    width = max(len(c) for c in cells)
    for parts, amounts in zip(rows, cells):
        head = parts[0]
        if head.kind == "caption":
            amounts = [None] * width
        dollar = head.kind == "total" or (first and any(a is not None for a in amounts))
        first = first and not any(a is not None for a in amounts)
        out.append(TableRow(head.label, amounts, head.kind, dollar, head.indent, head.key, head.path))
    return out


@dataclass(frozen=True)
class TrustYear:
    """The master trust's net assets at one year-end, as the note shows them."""

    year_end: dt.date
    rows: list[TrustRow]
    net_assets: Decimal
    plan_net_assets: Decimal | None  # a divided interest: the Plan's interest, as the table shows it
    net_assets_fair_value: Decimal  # before the adjustment to contract value
    total_investments: Decimal


@dataclass(frozen=True)
class IncomeTable:
    rows: list[TrustRow]
    total: Decimal
    plan_total: Decimal | None


@dataclass(frozen=True)
class TrustNote:
    """Everything the master trust note prints, and what the checks tie."""

    name: str
    divided: bool
    years: list[TrustYear]  # current year-end first
    income: IncomeTable
    fair_value: list[FairValueTable] = field(default_factory=list)
    plan_interest: list[Decimal] = field(default_factory=list)  # the statement's master trust lines, by year-end
    plan_interest_fair_value: list[Decimal] = field(default_factory=list)

    @property
    def net_assets_tables(self) -> list[TrustTable]:
        """A divided interest: a table per year-end (the trust and the Plan's interest); an undivided one: one
        table of both year-ends."""
        if self.divided:
            return [TrustTable(y.year_end, ["Master Trust", "Plan's interest"], table_rows([y.rows]))
                    for y in self.years]
        return [TrustTable(None, [str(y.year_end.year) for y in self.years], table_rows([y.rows for y in self.years]))]

    @property
    def income_table(self) -> TrustTable:
        heads = ["Master Trust", "Plan's interest"] if self.income.plan_total is not None else \
            [str(self.years[0].year_end.year)]
        return TrustTable(None, heads, table_rows([self.income.rows]))

    @property
    def shares(self) -> list[Decimal | None]:
        """The Plan's share of the trust's net assets at fair value at each year-end, in percent (one place)."""
        out: list[Decimal | None] = []
        for year, plan in zip(self.years, self.plan_interest_fair_value):
            if not year.net_assets_fair_value:
                out.append(None)
            else:
                out.append((plan * 100 / year.net_assets_fair_value).quantize(Decimal("0.1"), ROUND_HALF_UP))
        return out


def line_value(line: TrustInvestment, column: str) -> Decimal:
    """A trust investment's fair value: as given, else the sum of its parts by level."""
    value = getattr(line, column)
    if value is not None:
        return value
    return sum((getattr(p, column) for p in line.by_level), ZERO)


def plan_interest(py: PlanYear, column: str, shown: str | None, fair: bool = False) -> Decimal:
    """The statement's master trust lines at one year-end (as shown, or at fair value)."""
    total = ZERO
    for group in py.investments:
        for h in group.holdings:
            if h.type == "master_trust":
                measured = h.contract_value if (at_contract_value(h, shown) and not fair) else h
                total += getattr(measured, column)
    return total


def _plan_adjustment(py: PlanYear, column: str) -> Decimal:
    """The Plan's share of the adjustment to contract value: its master trust interest's, on the statement."""
    return sum((getattr(h.contract_value, column) - getattr(h, column) for g in py.investments for h in g.holdings
                if h.type == "master_trust" and h.contract_value is not None), ZERO)


def _rows(rows: list[TrustRow], lines, value, plan, key: str, section: str,
          sign: int = 1) -> tuple[Decimal, Decimal]:
    """A row per line, each (its index in the trust's section, the line) (a liability's amounts negative);
    the sums of the trust's and the Plan's column."""
    trust_sum = plan_sum = ZERO
    for i, line in lines:
        amount, mine = sign * value(line), plan(line)
        mine = None if mine is None else sign * mine
        rows.append(TrustRow(getattr(line, "caption", None) or line.label, amount, mine, key=key,
                             path=("master_trust", section, i)))
        trust_sum += amount
        plan_sum += mine or ZERO
    return trust_sum, plan_sum


def _year(py: PlanYear, column: str, year_end: dt.date, shown: str | None) -> TrustYear:
    """The trust's net assets at one year-end: investments at fair value, then (in the contract value
    presentation) at contract value, other assets, liabilities, and (before ASU 2015-12) the adjustment."""
    trust = py.master_trust
    divided = trust.interest == "divided"
    def shared(amount: Decimal) -> Decimal | None:
        """The Plan's column: shown for a divided interest only."""
        return amount if divided else None

    def plan(obj) -> Decimal | None:
        if not divided:
            return None
        return getattr(obj.plan, column) if obj.plan is not None else ZERO

    def balance(line) -> Decimal:
        return getattr(line, column)

    at_contract = [(i, line) for i, line in enumerate(trust.investments) if at_contract_value(line, shown)]
    rows = [TrustRow("Investments at fair value:", kind="caption", indent=0, key="caption")]
    trust_total, plan_total = _rows(rows, [x for x in enumerate(trust.investments) if x not in at_contract],
                                    lambda line: line_value(line, column), plan, "investment", "investments")
    rows.append(TrustRow("Total investments at fair value", trust_total, shared(plan_total), "subtotal",
                         key="total_fair_value"))
    if at_contract:
        rows.append(TrustRow("Investments at contract value:", kind="caption", indent=0, key="caption"))
        contract_t, contract_p = _rows(rows, at_contract, lambda line: getattr(line.contract_value, column), plan,
                                       "contract", "investments")
        trust_total, plan_total = trust_total + contract_t, plan_total + contract_p
        rows.append(TrustRow("Total investments", trust_total, shared(plan_total), "subtotal",
                             key="total_investments"))
    other_t, other_p = _rows(rows, list(enumerate(trust.other_assets)), balance, plan, "other_asset",
                             "other_assets")
    owed_t, owed_p = _rows(rows, list(enumerate(trust.liabilities)), balance, plan, "liability", "liabilities", -1)
    net_t, net_p = trust_total + other_t + owed_t, plan_total + other_p + owed_p
    fair_value_net = sum((line_value(line, column) for line in trust.investments), ZERO) + other_t + owed_t
    if shown == "adjustment" and any(line.contract_value is not None for line in trust.investments):
        adjustment = sum((getattr(line.contract_value, column) - line_value(line, column)
                          for line in trust.investments if line.contract_value is not None), ZERO)
        plan_adjustment = _plan_adjustment(py, column) if divided else None
        rows.append(TrustRow("Net assets at fair value", net_t, shared(net_p), "subtotal",
                             key="net_assets_fair_value"))
        rows.append(TrustRow(ADJUSTMENT_LABEL, adjustment, plan_adjustment, "line", key="adjustment"))
        net_t += adjustment
        net_p += plan_adjustment or ZERO
    rows.append(TrustRow("Net assets", net_t, shared(net_p), "total", indent=0, key="net_assets"))
    return TrustYear(year_end, rows, net_t, shared(net_p), fair_value_net, trust_total)


def _income(trust: MasterTrust) -> IncomeTable:
    divided = trust.interest == "divided" and any(line.plan is not None for line in trust.income)
    rows = [TrustRow(line.label, line.amount, (line.plan or ZERO) if divided else None, key="income",
                     path=("master_trust", "income", i)) for i, line in enumerate(trust.income)]
    total = sum((line.amount for line in trust.income), ZERO)
    plan_total = sum((line.plan or ZERO for line in trust.income), ZERO) if divided else None
    rows.append(TrustRow(wording.caption("master_trust.income", total), total, plan_total, "total", indent=0,
                         key="income_total"))
    return IncomeTable(rows, total, plan_total)


def fair_value_tables(trust: MasterTrust, ends: tuple[dt.date, dt.date], shown: str | None) -> list[FairValueTable]:
    """The trust's fair value hierarchy at each year-end: a row per investment line, NAV lines apart."""
    tables = []
    for column, year_end in zip(COLUMNS, ends):
        rows, nav, nav_rows, unlevelled = [], ZERO, [], []
        for i, line in enumerate(trust.investments):
            if at_contract_value(line, shown):
                continue
            parts = line.by_level or [None]
            by_level = dict.fromkeys(LEVELS, ZERO)
            for part in parts:
                if part is None:
                    value = getattr(line, column) or ZERO
                    level = line.fair_value_level
                    if column == "prior" and line.prior_fair_value_level:
                        level = line.prior_fair_value_level
                else:
                    value, level = getattr(part, column), part.fair_value_level
                if value == ZERO:
                    continue
                if level is None:
                    unlevelled.append(("master_trust", "investments", i))
                elif level == "nav":
                    nav += value
                    nav_rows.append((line.caption, value))
                else:
                    by_level[level] += value
            if any(by_level.values()):
                rows.append(LevelRow(line.caption, by_level["1"], by_level["2"], by_level["3"]))
        hierarchy = LevelRow("", *(sum((getattr(r, f"level{n}") for r in rows), ZERO) for n in LEVELS))
        tables.append(FairValueTable(year_end, rows, hierarchy, nav, unlevelled, nav_rows=nav_rows,
                                     subject="Master Trust investments"))
    return tables


def uses_levels(trust: MasterTrust) -> bool:
    return any(line.fair_value_level or line.by_level for line in trust.investments)


def trust_note(py: PlanYear, ends: tuple[dt.date, dt.date], shown: str | None) -> TrustNote | None:
    """The master trust note's figures, when the plan year describes a master trust."""
    trust = py.master_trust
    if trust is None:
        return None
    return TrustNote(
        name=trust.name,
        divided=trust.interest == "divided",
        years=[_year(py, column, end, shown) for column, end in zip(COLUMNS, ends)],
        income=_income(trust),
        fair_value=fair_value_tables(trust, ends, shown) if uses_levels(trust) else [],
        plan_interest=[plan_interest(py, column, shown) for column in COLUMNS],
        plan_interest_fair_value=[plan_interest(py, column, shown, fair=True) for column in COLUMNS],
    )
