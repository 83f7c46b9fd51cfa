"""Statement ties: stated totals, the roll of net assets, Schedule H, notes receivable, breakdowns."""

from __future__ import annotations

from decimal import Decimal

from ..findings import ERROR, WARNING, Finding, Related
from ..load.yaml_source import dotted
from ..model.compute import Filing, StatementLine, change_lines
from ..model.prose import long_date
from ..money import ZERO


def _stated(name: str, path: str, computed: Decimal, stated: Decimal | None, what: str,
            related: tuple[Related, ...] = ()) -> list[Finding]:
    if stated is None or stated == computed:
        return []
    return [Finding(name, ERROR, f"stated {what} does not agree with the figures", path,
                    expected=computed, actual=stated, labels=("computed", "stated"), related=related,
                    hint="a stated total is checked, never used: correct the figures or the total")]


# The lines of the statement of net assets each stated total adds up (and their sign in it).
SCOPES = {
    "total_investments": ("investments",),
    "total_receivables": ("receivables",),
    "total_assets": ("investments", "notes_receivable", "cash", "receivables"),
    "total_liabilities": ("liabilities",),
    "net_assets": ("investments", "notes_receivable", "cash", "receivables", "liabilities"),
}
MOST_SUSPECTS = 3


def _lines(f: Filing, scope: tuple[str, ...]) -> list[StatementLine]:
    out: list[StatementLine] = []
    if "investments" in scope:
        out += [line for group in f.investment_groups for line in group.lines]
    if "notes_receivable" in scope and f.notes_receivable:
        out.append(f.notes_receivable)
    if "cash" in scope and f.cash:
        out.append(f.cash)
    for name in ("receivables", "liabilities"):
        if name in scope:
            out += getattr(f, name)
    return out


def _effect(line: StatementLine) -> int:
    """+1 for a line that adds to net assets, -1 for a liability."""
    return -1 if line.path[:2] == ("net_assets", "liabilities") else 1


def suspects(f: Filing, scope: tuple[str, ...], column: str, difference: Decimal) -> tuple[Related, ...]:
    """The lines most likely to explain a total that is off by difference (computed - expected) in a column:
    those whose balance is the difference, then those new since the prior year-end (current) or with no
    balance at the prior year-end although the plan held them at the end of this year (prior)."""
    if not difference:
        return ()
    year = f.year if column == "current" else f.prior_year
    lines = _lines(f, scope)
    equal = [Related(dotted(ln.path + (column,)), f"\"{ln.label}\": its {year} balance {getattr(ln.amount, column):,} "
                     "is the difference") for ln in lines if getattr(ln.amount, column) == abs(difference)]
    # A line new this year raises the total it adds to (lowers it, for a liability); a prior balance
    # left at 0 lowers the prior total.
    new = [ln for ln in lines if not ln.amount.prior and ln.amount.current
           and _effect(ln) * difference * (1 if column == "current" else -1) > 0]
    if column == "current":
        new = [Related(dotted(ln.path + ("prior",)), f"\"{ln.label}\" is new since the {f.prior_year} year-end "
                       f"(prior: 0)") for ln in new]
    else:
        new = [Related(dotted(ln.path + ("prior",)), f"\"{ln.label}\" has no {f.prior_year} balance (prior: 0): "
                       "is it missing?") for ln in new]
    named = {r.path.rsplit(".", 1)[0] for r in equal}
    return tuple((equal + [r for r in new if r.path.rsplit(".", 1)[0] not in named])[:MOST_SUSPECTS])


def stated_totals(f: Filing) -> list[Finding]:
    """Every total printed in the YAML equals the total computed from its lines."""
    out: list[Finding] = []
    stated = f.plan_year.net_assets.stated
    for name in ("total_investments", "total_receivables", "total_assets", "total_liabilities", "net_assets"):
        pair = getattr(stated, name)
        if pair is None:
            continue
        computed = getattr(f, name)
        for column, year in (("current", f.year), ("prior", f.prior_year)):
            stated_value, computed_value = getattr(pair, column), getattr(computed, column)
            related = () if stated_value is None else suspects(f, SCOPES[name], column, computed_value - stated_value)
            out += _stated("stated-totals", f"net_assets.stated.{name}.{column}", computed_value,
                           stated_value, f"{name.replace('_', ' ')} at {year} year-end", related)
    cs = f.plan_year.changes.stated
    for name in ("total_additions", "total_deductions", "net_change", "net_assets_beginning", "net_assets_end"):
        out += _stated("stated-totals", f"changes.stated.{name}", getattr(f, name), getattr(cs, name),
                       name.replace("_", " "))
    return out


def net_assets_roll(f: Filing) -> list[Finding]:
    """Beginning net assets plus the net change equals net assets at the end of the year."""
    if f.net_assets_end == f.net_assets.current:
        return []
    return [Finding("net-assets-roll", ERROR,
                    "the statement of changes does not roll to the statement of net assets: beginning "
                    f"net assets {f.net_assets_beginning:,} plus net change {f.net_change:,} is not the "
                    f"{f.year} net assets", "changes",
                    expected=f.net_assets.current, actual=f.net_assets_end,
                    labels=("net assets", "rolled"),
                    related=suspects(f, SCOPES["net_assets"], "current", f.net_assets.current - f.net_assets_end),
                    hint="an addition or deduction is missing or wrong, or a balance on the statement of "
                         "net assets is wrong")]


def schedule_h(f: Filing) -> list[Finding]:
    """Schedule H, line 4i totals to the investments on the statement of net assets (plus notes
    receivable from participants, when the statement shows them on their own line)."""
    expected, what = f.holdings_fair_value.current, "total investments at fair value"
    if expected == f.total_investments.current:
        what = "total investments"
    if f.master_trust_interest.current:
        expected, what = expected - f.master_trust_interest.current, what + " outside the master trust"
    if f.notes_receivable is not None:
        expected, what = expected + f.notes_receivable.amount.current, what + " plus notes receivable"
    if f.schedule_total == expected:
        return []
    return [Finding("schedule-h", ERROR, f"Schedule H, line 4i total does not equal {what}",
                    "investments", expected=expected, actual=f.schedule_total)]


def notes_receivable(f: Filing) -> list[Finding]:
    """Listed loans add up to a stated balance; no listed loan matured before year-end."""
    nr = f.plan_year.net_assets.notes_receivable
    as_investment = [dotted(path) for path, h in _holdings(f) if h.type == "participant_loans"]
    if nr is not None and as_investment:
        return [Finding("notes-receivable", ERROR, "participant loans are both an investment and notes receivable "
                        "from participants: they would be counted twice", as_investment[0],
                        hint="keep them under net_assets.notes_receivable only")]
    if nr is None or not nr.loans:
        return []
    out = _stated("notes-receivable", "net_assets.notes_receivable.current", f.notes_receivable.amount.current,
                  nr.current, "notes receivable balance (the sum of the loans listed)")
    for i, loan in enumerate(nr.loans):
        if loan.maturity <= f.fiscal_year_end:
            out.append(Finding("notes-receivable", WARNING,
                               f"loan {i + 1} matured on {long_date(loan.maturity)} but is still outstanding at "
                               "year-end", f"net_assets.notes_receivable.loans[{i}].maturity",
                               hint="a loan in default is a deemed distribution: check it, or list it under "
                                    "form5500.reconciling"))
    return out


def _holdings(f: Filing):
    for g, group in enumerate(f.plan_year.investments):
        for h, holding in enumerate(group.holdings):
            yield ("investments", g, "holdings", h), holding


def breakdowns(f: Filing) -> list[Finding]:
    """A line given both as an amount and by type: the parts add up to the face amount."""
    out = []
    for path, line in change_lines(f.plan_year):
        if line.amount is not None and line.by_type:
            parts = sum((t.amount for t in line.by_type), ZERO)
            if parts != line.amount:
                out.append(Finding("breakdowns", ERROR, "the breakdown by type does not add up to "
                                   "the amount on the face of the statement", dotted(path + ("amount",)),
                                   expected=line.amount, actual=parts, labels=("face", "by type")))
    return out


CHECKS = {
    "stated-totals": stated_totals,
    "net-assets-roll": net_assets_roll,
    "schedule-h": schedule_h,
    "notes-receivable": notes_receivable,
    "breakdowns": breakdowns,
}
