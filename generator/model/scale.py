"""Statements in thousands: every printed figure scaled, every total rounded from its exact sum and its lines
apportioned to it, so each column foots and every figure ties wherever it is printed. Pure.

How filers handle rounding: the top total of a statement (net assets at each year-end) is rounded from its
exact value; the totals inside it are rounded and then apportioned so that they add up to it, and so on down
to the lines. Where the rounded lines do not add up to their rounded total, the difference is spread one
thousand at a time over the lines that rounding moved furthest (largest remainder), so no printed figure is
more than a thousand from its exact value. The statement of changes is apportioned to the change between the
two printed net assets, so the statements roll as printed. The plan year is then computed again from the
printed lines: note tables, Schedule H and the Form 5500 reconciliation add up exactly as printed.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from decimal import Decimal

from ..load.schema import PlanYear
from ..money import ZERO, round_to as rounded
from . import contracts
from .compute import Filing, ScheduleRow, change_lines, compute, one_year_before
from .master_trust import line_value

THOUSAND = Decimal(1000)
ONE = Decimal(1)


@dataclass
class Node:
    """A printed figure: a leaf (a value in the plan year at path, in thousands) or the signed sum of its
    children."""

    value: Decimal = ZERO
    path: tuple | None = None
    children: list[tuple[int, "Node"]] = field(default_factory=list)  # (sign, node)

    def add(self, node: "Node", sign: int = 1) -> "Node":
        self.children.append((sign, node))
        return node

    @property
    def exact(self) -> Decimal:
        if self.path is not None:
            return self.value
        return sum((sign * child.exact for sign, child in self.children), ZERO)


def leaf(path: tuple, value: Decimal) -> Node:
    return Node(value / THOUSAND, path)


def apportion(total: Decimal, parts: list[Decimal]) -> list[Decimal]:
    """Whole numbers, each part rounded, that add up to total: the difference goes one unit at a time to
    the parts whose rounding moved them furthest the other way (a part that is exactly zero comes last)."""
    out = [rounded(p) for p in parts]
    diff = total - sum(out, ZERO)
    if not parts or diff == 0:
        return out
    step = ONE if diff > 0 else -ONE
    order = sorted(range(len(parts)), key=lambda i: (parts[i] == 0, -(parts[i] - out[i]) * step, -abs(parts[i]), i))
    k = 0
    while diff != 0:
        i = order[k % len(order)]
        out[i] += step
        diff -= step
        k += 1
    return out


def settle(node: Node, printed: Decimal, values: dict[tuple, Decimal]) -> None:
    """Give node the printed value and apportion it down to the leaves, recording each leaf's value."""
    if node.path is not None:
        values[node.path] = printed
        return
    signs = [sign for sign, _ in node.children]
    shares = apportion(printed, [sign * child.exact for sign, child in node.children])
    for sign, (_, child), share in zip(signs, node.children, shares):
        settle(child, sign * share, values)


# ---------------------------------------------------------------- the trees of the two statements


def _holdings(py: PlanYear, column: str, shown: str | None) -> Node:
    """The investments as the statement shows them: a contract at contract value in that presentation."""
    investments = Node()
    for g, group in enumerate(py.investments):
        node = investments.add(Node())
        for h, holding in enumerate(group.holdings):
            path = ("investments", g, "holdings", h)
            if contracts.at_contract_value(holding, shown):
                node.add(leaf(path + ("contract_value", column), getattr(holding.contract_value, column)))
            else:
                node.add(leaf(path + (column,), getattr(holding, column)))
    return investments


def _adjustment(py: PlanYear, column: str) -> Node:
    """Contract value less fair value, contract by contract (a leaf per contract, at a path of its own)."""
    node = Node()
    for path, holding in contracts.contracts(py):
        node.add(leaf(("adjustment",) + path + (column,),
                      getattr(holding.contract_value, column) - getattr(holding, column)))
    return node


def _notes_receivable(py: PlanYear, column: str) -> Node | None:
    nr = py.net_assets.notes_receivable
    if nr is None:
        return None
    if column == "current" and nr.loans:
        node = Node()
        for i, loan in enumerate(nr.loans):
            node.add(leaf(("net_assets", "notes_receivable", "loans", i, "balance"), loan.balance))
        return node
    return leaf(("net_assets", "notes_receivable", column), getattr(nr, column) or ZERO)


def net_assets_tree(py: PlanYear, column: str, shown: str | None = None) -> Node:
    """Net assets at one year-end: total assets less total liabilities (plus the contracts' adjustment, in
    that presentation), down to every line."""
    na = py.net_assets
    top, root, assets = Node(), Node(), Node()
    top.add(root)
    if shown == "adjustment":
        top.add(_adjustment(py, column))
    assets.add(_holdings(py, column, shown))
    nr = _notes_receivable(py, column)
    if nr is not None:
        assets.add(nr)
    if na.cash is not None:
        assets.add(leaf(("net_assets", "cash", column), getattr(na.cash, column)))
    receivables = Node()
    groups: dict[str, Node] = {}
    for i, line in enumerate(na.receivables):
        parent = receivables
        if line.group:
            parent = groups.get(line.group) or groups.setdefault(line.group, receivables.add(Node()))
        parent.add(leaf(("net_assets", "receivables", i, column), getattr(line, column)))
    assets.add(receivables)
    root.add(assets)
    liabilities = root.add(Node(), -1)
    for i, line in enumerate(na.liabilities):
        liabilities.add(leaf(("net_assets", "liabilities", i, column), getattr(line, column)))
    return top


def _change_line(line, path: tuple) -> Node:
    if line.by_type:
        node = Node()
        for k, part in enumerate(line.by_type):
            node.add(leaf(path + ("by_type", k, "amount"), part.amount))
        return node
    return leaf(path + ("amount",), line.amount if line.amount is not None else ZERO)


def changes_tree(py: PlanYear) -> Node:
    """The year's net change: additions less deductions, then transfers, down to every line."""
    root, before = Node(), Node()
    for section, sign in (("additions", 1), ("deductions", -1)):
        total = before.add(Node(), sign)
        for i, item in enumerate(getattr(py.changes, section)):
            path = ("changes", section, i)
            if item.lines:
                group = total.add(Node())
                for j, line in enumerate(item.lines):
                    group.add(_change_line(line, path + ("lines", j)))
            else:
                total.add(_change_line(item, path))
    root.add(before)
    for i, transfer in enumerate(py.changes.transfers):
        root.add(leaf(("changes", "transfers", i, "amount"), transfer.amount), 1 if transfer.kind == "transfers_in" else -1)
    return root


def costs_tree(py: PlanYear) -> Node:
    """Schedule H's cost column: its total rounded, the costs apportioned to it."""
    root = Node()
    for g, group in enumerate(py.investments):
        for h, holding in enumerate(group.holdings):
            if holding.cost is not None:
                root.add(leaf(("investments", g, "holdings", h, "cost"), holding.cost))
    return root


def printed_values(py: PlanYear) -> dict[tuple, Decimal]:
    """Every amount of the plan year in whole thousands, apportioned so that the statements foot and roll."""
    values: dict[tuple, Decimal] = {}
    ends = {}
    shown = contracts.presentation(py, py.filing.prior_year_end or one_year_before(py.filing.fiscal_year_end))
    for column in ("current", "prior"):
        tree = net_assets_tree(py, column, shown)
        ends[column] = rounded(tree.exact)
        settle(tree, ends[column], values)
        _contract_values(py, column, shown, values)
    settle(changes_tree(py), ends["current"] - ends["prior"], values)
    costs = costs_tree(py)
    settle(costs, rounded(costs.exact), values)
    for i, item in enumerate(py.form5500.reconciling):
        for column in ("current", "prior"):
            values[("form5500", "reconciling", i, column)] = rounded(getattr(item, column) / THOUSAND)
    if py.master_trust is not None:
        _master_trust(py, shown, values)
    return values


# ---------------------------------------------------------------- the master trust's tables


def _trust_tree(py: PlanYear, column: str, shown: str | None) -> Node:
    """The master trust's net assets at one year-end, down to every line (or part of a line by level)."""
    trust = py.master_trust
    top, root = Node(), Node()
    top.add(root)
    adjustment = top.add(Node()) if shown == "adjustment" else None
    for i, line in enumerate(trust.investments):
        path = ("master_trust", "investments", i)
        if contracts.at_contract_value(line, shown):
            root.add(leaf(path + ("contract_value", column), getattr(line.contract_value, column)))
            continue
        if line.by_level:
            node = root.add(Node())
            for k, part in enumerate(line.by_level):
                node.add(leaf(path + ("by_level", k, column), getattr(part, column)))
        else:
            root.add(leaf(path + (column,), getattr(line, column)))
        if adjustment is not None and line.contract_value is not None:
            adjustment.add(leaf(("adjustment",) + path + (column,),
                                getattr(line.contract_value, column) - line_value(line, column)))
    for section, sign in (("other_assets", 1), ("liabilities", -1)):
        for i, line in enumerate(getattr(trust, section)):
            root.add(leaf(("master_trust", section, i, column), getattr(line, column)), sign)
    return top


def _plan_tree(py: PlanYear, column: str) -> Node:
    """The Plan's divided interest at one year-end, line by line."""
    trust, root = py.master_trust, Node()
    for section, sign in (("investments", 1), ("other_assets", 1), ("liabilities", -1)):
        for i, line in enumerate(getattr(trust, section)):
            if line.plan is not None:
                root.add(leaf(("master_trust", section, i, "plan", column), getattr(line.plan, column)), sign)
    return root


def _interest_paths(py: PlanYear, column: str, shown: str | None) -> list[tuple]:
    """Where the statement's master trust lines are, as the statement measures them."""
    out = []
    for g, group in enumerate(py.investments):
        for h, holding in enumerate(group.holdings):
            if holding.type == "master_trust":
                path = ("investments", g, "holdings", h)
                out.append(path + (("contract_value", column) if contracts.at_contract_value(holding, shown)
                                   else (column,)))
    return out


def _master_trust(py: PlanYear, shown: str | None, values: dict[tuple, Decimal]) -> None:
    """The trust's tables: its totals rounded from their exact sums; the Plan's interest apportioned to the
    statement's printed master trust line, its share of the income to the statement's printed income line."""
    trust = py.master_trust
    for column in ("current", "prior"):
        tree = _trust_tree(py, column, shown)
        settle(tree, rounded(tree.exact), values)
        for i, line in enumerate(trust.investments):
            path = ("master_trust", "investments", i)
            fair = path + (column,)
            if line.by_level and not contracts.at_contract_value(line, shown):
                values[fair] = sum((values[path + ("by_level", k, column)] for k in range(len(line.by_level))), ZERO)
            if line.contract_value is None:
                continue
            contract = path + ("contract_value", column)
            if shown == "adjustment":
                values[contract] = values[fair] + values.pop(("adjustment",) + fair)
            else:
                values[fair] = values[contract] - rounded(
                    (getattr(line.contract_value, column) - line_value(line, column)) / THOUSAND)
                if line.by_level:
                    parts = Node(children=[(1, leaf(path + ("by_level", k, column), getattr(p, column)))
                                           for k, p in enumerate(line.by_level)])
                    settle(parts, values[fair], values)
        if trust.interest == "divided":
            settle(_plan_tree(py, column), sum((values[p] for p in _interest_paths(py, column, shown)), ZERO), values)
    income = Node(children=[(1, leaf(("master_trust", "income", i, "amount"), line.amount))
                            for i, line in enumerate(trust.income)])
    settle(income, rounded(income.exact), values)
    shares = Node(children=[(1, leaf(("master_trust", "income", i, "plan"), line.plan))
                            for i, line in enumerate(trust.income) if line.plan is not None])
    if shares.children:
        face = [_printed_line(line, path, values) for path, line in change_lines(py) if line.kind == "master_trust_income"]
        settle(shares, sum(face, ZERO) if face else rounded(shares.exact), values)


def _contract_values(py: PlanYear, column: str, shown: str | None, values: dict[tuple, Decimal]) -> None:
    """A contract's other value, from the one the statement shows and its printed adjustment."""
    for path, holding in contracts.contracts(py):
        fair, contract = path + (column,), path + ("contract_value", column)
        if shown == "adjustment":
            values[contract] = values[fair] + values.pop(("adjustment",) + fair)
        else:
            exact = getattr(holding.contract_value, column) - getattr(holding, column)
            values[fair] = max(ZERO, values[contract] - rounded(exact / THOUSAND))


def _printed_line(line, path: tuple, values: dict[tuple, Decimal]) -> Decimal:
    if line.by_type:
        return sum((values[path + ("by_type", k, "amount")] for k in range(len(line.by_type))), ZERO)
    return values[path + ("amount",)]


def _put(data: dict, path: tuple, value: Decimal) -> None:
    for part in path[:-1]:
        data = data[part]
    data[path[-1]] = value


def scaled_plan_year(py: PlanYear) -> PlanYear:
    """The plan year as printed in thousands: amounts in whole thousands, stated totals left out (they were
    checked against the exact figures)."""
    data = py.model_dump()
    for path, value in printed_values(py).items():
        _put(data, path, value)
    for line in data["changes"]["additions"] + data["changes"]["deductions"]:
        for item in [line] + line["lines"]:
            if item["by_type"]:
                item["amount"] = None
    if data["net_assets"]["notes_receivable"] and data["net_assets"]["notes_receivable"]["loans"]:
        data["net_assets"]["notes_receivable"]["current"] = None
    data["net_assets"]["stated"] = {}
    data["changes"]["stated"] = {}
    if data["master_trust"]:
        data["master_trust"]["stated"] = {}
    data["filing"]["amounts_in"] = "thousands"
    data["presentation"]["in_thousands"] = False
    return PlanYear.model_validate(data)


def scales(py: PlanYear) -> bool:
    """Whether the plan year is written in dollars or cents and printed in thousands."""
    return py.presentation.in_thousands and py.filing.amounts_in != "thousands"


def presented(filing: Filing) -> Filing:
    """The filing as printed: itself, or, in thousands, computed again from the printed lines (notes quote
    the exact figures; Schedule H keeps every row that has a value, however small)."""
    py = filing.plan_year
    if not scales(py):
        return filing
    values = printed_values(py)
    shown = compute(scaled_plan_year(py), notes_from=filing)

    def row(r: ScheduleRow) -> ScheduleRow:
        if shown.notes_receivable is not None and r.path == shown.notes_receivable.path:
            return replace(r, current=shown.notes_receivable.amount.current)
        cost = None if r.cost is None else values[r.path[:-1] + ("cost",)]
        return replace(r, current=values[r.path], cost=cost)

    rows = [row(r) for r in filing.schedule_rows]
    costs = [r.cost for r in rows]
    return replace(shown, schedule_rows=rows, counts=filing.counts,
                   schedule_total=sum((r.current for r in rows), ZERO),
                   schedule_cost_total=None if filing.schedule_cost_total is None else sum(costs, ZERO),
                   schedule_largest_cost=max((c for c in costs if c is not None), key=abs, default=None))
